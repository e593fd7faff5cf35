//! A company's contact list for incidents (operations.md §2).

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{ContactId, OrgScope, Result, Store, StoreError, Timestamp};

/// One person or organisation to contact; empty texts are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFields {
    /// `internal` or `external`.
    pub kind: String,
    pub name: String,
    /// The department, or the company they work for.
    pub organisation: Option<String>,
    /// What they are contacted for (保守業者, クラウド, 保険, 弁護士, …).
    pub purpose: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How to reach them when e-mail is down (a mobile number, a chat app, fax).
    pub alternative: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub fields: ContactFields,
}

const COLUMNS: &str = "id, kind, name, organisation, purpose, phone, email, alternative";

fn contact_from_row(r: &AnyRow) -> Result<Contact> {
    let text = |c: &str| -> Result<Option<String>> {
        let v: String = r.try_get(c)?;
        Ok(Some(v).filter(|v| !v.is_empty()))
    };
    Ok(Contact {
        id: ContactId(r.try_get("id")?),
        fields: ContactFields {
            kind: r.try_get("kind")?,
            name: r.try_get("name")?,
            organisation: text("organisation")?,
            purpose: text("purpose")?,
            phone: text("phone")?,
            email: text("email")?,
            alternative: text("alternative")?,
        },
    })
}

impl Store {
    /// The company's contacts: people inside first, then outside, each in the order added.
    pub async fn contacts(&self, scope: &OrgScope) -> Result<Vec<Contact>> {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM contacts WHERE org_id = $1 \
              ORDER BY CASE kind WHEN 'internal' THEN 0 ELSE 1 END, id"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(contact_from_row).collect()
    }

    pub async fn add_contact(&self, scope: &OrgScope, f: &ContactFields) -> Result<Contact> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "INSERT INTO contacts (org_id, kind, name, organisation, purpose, phone, email, \
                 alternative, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {COLUMNS}"
        ))
        .bind(scope.org().0)
        .bind(f.kind.as_str())
        .bind(f.name.as_str())
        .bind(f.organisation.as_deref().unwrap_or(""))
        .bind(f.purpose.as_deref().unwrap_or(""))
        .bind(f.phone.as_deref().unwrap_or(""))
        .bind(f.email.as_deref().unwrap_or(""))
        .bind(f.alternative.as_deref().unwrap_or(""))
        .bind(scope.user().0)
        .bind(Timestamp::now().0)
        .fetch_one(&mut *tx)
        .await?;
        let contact = contact_from_row(&row)?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "contact.create",
                object_type: "contact",
                object_id: contact.id.to_string(),
                detail: json!({"name": f.name}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(contact)
    }

    pub async fn remove_contact(&self, scope: &OrgScope, id: ContactId) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row = sqlx::query("DELETE FROM contacts WHERE id = $1 AND org_id = $2 RETURNING name")
            .bind(id.0)
            .bind(scope.org().0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let name: String = row.try_get("name")?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "contact.delete",
                object_type: "contact",
                object_id: id.to_string(),
                detail: json!({"name": name}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// One audience's line of the disclosure plan; empty texts are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosureLine {
    pub audience: String,
    pub who: Option<String>,
    pub timing: Option<String>,
    pub method: Option<String>,
}

impl Store {
    /// The disclosure plan's lines, by audience code.
    pub async fn disclosure_plan(&self, scope: &OrgScope) -> Result<Vec<DisclosureLine>> {
        let rows = sqlx::query(
            "SELECT audience, who, timing, method FROM disclosure_plan WHERE org_id = $1 ORDER BY audience",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let text = |c: &str| -> Result<Option<String>> {
                    let v: String = r.try_get(c)?;
                    Ok(Some(v).filter(|v| !v.is_empty()))
                };
                Ok(DisclosureLine {
                    audience: r.try_get("audience")?,
                    who: text("who")?,
                    timing: text("timing")?,
                    method: text("method")?,
                })
            })
            .collect()
    }

    /// Replaces the whole plan (a line left out is empty).
    pub async fn set_disclosure_plan(
        &self,
        scope: &OrgScope,
        lines: &[DisclosureLine],
    ) -> Result<()> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM disclosure_plan WHERE org_id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        // Five audiences at most: one statement each keeps the SQL plain.
        for l in lines {
            sqlx::query(
                "INSERT INTO disclosure_plan (org_id, audience, who, timing, method, updated_by, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(scope.org().0)
            .bind(l.audience.as_str())
            .bind(l.who.as_deref().unwrap_or(""))
            .bind(l.timing.as_deref().unwrap_or(""))
            .bind(l.method.as_deref().unwrap_or(""))
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
                action: "disclosure_plan.update",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"count": lines.len()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
