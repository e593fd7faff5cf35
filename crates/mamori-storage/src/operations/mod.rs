//! The running security programme's records (operations.md): the security roles here, incidents
//! in `incidents`.

mod activities;
mod calendar;
mod contacts;
mod digest;
mod incidents;
mod plan;
mod registers;

pub use activities::{Activity, ActivityFields, EducationTargets};
pub use calendar::{DatedAction, DatedEntry};
pub use contacts::{Contact, ContactFields, DisclosureLine};
pub use digest::{DueAction, Recipient};
pub use incidents::{
    Incident, IncidentEntry, IncidentFields, IncidentScope, PersonalFacts, Report,
};
pub use plan::PlanRow;
pub use registers::{AlertingEntry, RegisterEntry, RegisterFields};

use serde_json::json;
use sqlx::Row;

use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{OrgScope, Result, Store, Timestamp, UserId};

/// Who holds one security role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityRole {
    /// A code of `mamori_domain::operations::roles::ROLES`.
    pub role: String,
    pub holder: String,
    pub deputy: Option<String>,
    /// Phone, e-mail or both, as the company writes it.
    pub contact: Option<String>,
}

/// The company's roles as stored, with who changed them last.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityRoles {
    pub roles: Vec<SecurityRole>,
    pub updated_at: Option<Timestamp>,
    pub updated_by: Option<UserId>,
}

impl Store {
    /// The company's security roles, in no particular order (the domain's list orders them).
    pub async fn security_roles(&self, scope: &OrgScope) -> Result<SecurityRoles> {
        let rows = sqlx::query(
            "SELECT role, holder, deputy, contact, updated_by, updated_at FROM security_roles \
              WHERE org_id = $1 ORDER BY role",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        let mut out = SecurityRoles::default();
        for row in &rows {
            let text = |column: &str| -> Result<Option<String>> {
                let v: String = row.try_get(column)?;
                Ok(Some(v).filter(|v| !v.is_empty()))
            };
            out.roles.push(SecurityRole {
                role: row.try_get("role")?,
                holder: row.try_get("holder")?,
                deputy: text("deputy")?,
                contact: text("contact")?,
            });
            let at = Timestamp(row.try_get("updated_at")?);
            if out.updated_at.is_none_or(|t| t < at) {
                out.updated_at = Some(at);
                out.updated_by = row.try_get::<Option<i64>, _>("updated_by")?.map(UserId);
            }
        }
        Ok(out)
    }

    /// Replaces every role of the company in one transaction (a role left out has no holder).
    pub async fn set_security_roles(&self, scope: &OrgScope, roles: &[SecurityRole]) -> Result<()> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM security_roles WHERE org_id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        // At most ten roles: one statement each keeps the SQL plain.
        for r in roles {
            sqlx::query(
                "INSERT INTO security_roles (org_id, role, holder, deputy, contact, updated_by, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(scope.org().0)
            .bind(r.role.as_str())
            .bind(r.holder.as_str())
            .bind(r.deputy.as_deref().unwrap_or(""))
            .bind(r.contact.as_deref().unwrap_or(""))
            .bind(scope.user().0)
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "security_roles.update",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"roles": roles.iter().map(|r| r.role.as_str()).collect::<Vec<_>>()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
