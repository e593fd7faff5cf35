//! Organisations, their members and roles, and company profiles (consents are in `consents`).

use serde_json::json;
use sqlx::Row;

use crate::access::org_from_row;
use crate::audit::{NewAuditEvent, record};
use crate::users::user_from_row;
use crate::{
    CompanyProfile, EmployeeBand, Member, OrgId, OrgKind, OrgScope, Organisation, Result, Role,
    Store, StoreError, Timestamp, User, UserId, Via,
};

/// An organisation as it appears in a user's list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Reachable {
    pub org: Organisation,
    pub role: Role,
    #[serde(flatten)]
    pub via: Via,
}

pub(crate) fn require_admin(scope: &OrgScope) -> Result<()> {
    if scope.role().can_administer() {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

pub(crate) fn require_editor(scope: &OrgScope) -> Result<()> {
    if scope.role().can_edit() {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

impl Store {
    /// Creates an organisation with `creator` as its first administrator.
    pub async fn create_organisation(
        &self,
        creator: UserId,
        kind: OrgKind,
        name: &str,
    ) -> Result<Organisation> {
        let now = Timestamp::now();
        let name = name.trim();
        let mut tx = self.write.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO organisations (kind, name, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(kind.as_str())
        .bind(name)
        .bind(now.0)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        sqlx::query("INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, 'admin', $3)")
            .bind(id)
            .bind(creator.0)
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(OrgId(id)),
                actor: Some(creator),
                action: "organisation.create",
                object_type: "organisation",
                object_id: id.to_string(),
                detail: json!({"name": name, "kind": kind.as_str()}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(Organisation {
            id: OrgId(id),
            kind,
            name: name.to_owned(),
            created_at: now,
        })
    }

    /// Every organisation the user reaches: their own memberships, then companies that consented
    /// to a support organisation where they are an admin or consultant.
    pub async fn reachable_organisations(&self, user: UserId) -> Result<Vec<Reachable>> {
        let rows = sqlx::query(
            "SELECT o.id, o.kind, o.name, o.created_at, m.role, NULL AS support_id \
               FROM memberships m JOIN organisations o ON o.id = m.org_id WHERE m.user_id = $1 \
             UNION ALL \
             SELECT o.id, o.kind, o.name, o.created_at, 'consultant' AS role, MIN(c.support_id) AS support_id \
               FROM consents c \
               JOIN memberships m ON m.org_id = c.support_id AND m.user_id = $1 \
                    AND m.role IN ('admin', 'consultant') \
               JOIN organisations o ON o.id = c.company_id \
              WHERE NOT EXISTS (SELECT 1 FROM memberships own WHERE own.org_id = o.id AND own.user_id = $1) \
              GROUP BY o.id, o.kind, o.name, o.created_at \
             ORDER BY name, id",
        )
        .bind(user.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                let support: Option<i64> = r.try_get("support_id")?;
                Ok(Reachable {
                    org: org_from_row(r)?,
                    role: Role::parse(&role)
                        .ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
                    via: match support {
                        None => Via::Membership,
                        Some(s) => Via::Consent { support: OrgId(s) },
                    },
                })
            })
            .collect()
    }

    pub async fn rename_organisation(&self, scope: &OrgScope, name: &str) -> Result<()> {
        require_admin(scope)?;
        let mut tx = self.write.begin().await?;
        let from = org_name(&mut tx, scope.org()).await?;
        sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2")
            .bind(name.trim())
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "organisation.rename",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"from": from, "name": name.trim()}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }

    /// Deletes the organisation and everything it owns. The audit log keeps the event.
    pub async fn delete_organisation(&self, scope: &OrgScope) -> Result<()> {
        require_admin(scope)?;
        let mut tx = self.write.begin().await?;
        let name = org_name(&mut tx, scope.org()).await?;
        sqlx::query("DELETE FROM organisations WHERE id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "organisation.delete",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"name": name}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }

    // --- members ----------------------------------------------------------------------------

    pub async fn members(&self, scope: &OrgScope) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, u.name, u.site_admin, u.password_hash IS NOT NULL AS has_password, \
                    u.created_at, m.role, m.created_at AS since \
               FROM memberships m JOIN users u ON u.id = m.user_id \
              WHERE m.org_id = $1 ORDER BY u.name, u.id",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.try_get("role")?;
                Ok(Member {
                    user: user_from_row(r)?,
                    role: Role::parse(&role)
                        .ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
                    since: Timestamp(r.try_get("since")?),
                })
            })
            .collect()
    }

    /// Adds an existing user to the organisation.
    pub async fn add_member(&self, scope: &OrgScope, user: &User, role: Role) -> Result<()> {
        require_admin(scope)?;
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(scope.org().0)
        .bind(user.id.0)
        .bind(role.as_str())
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if StoreError::is_unique_violation(&e) {
                StoreError::Conflict("already_member")
            } else {
                e.into()
            }
        })?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "member.add",
                object_type: "user",
                object_id: user.id.to_string(),
                detail: json!({"email": user.email, "role": role.as_str()}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }

    /// Changes a member's role. The last administrator cannot stop being one.
    pub async fn set_role(&self, scope: &OrgScope, user: UserId, role: Role) -> Result<()> {
        require_admin(scope)?;
        let mut tx = self.write.begin().await?;
        let old = current_role(&mut tx, scope.org(), user).await?;
        if old == Role::Admin
            && role != Role::Admin
            && admin_count(&mut tx, scope.org()).await? <= 1
        {
            return Err(StoreError::Conflict("last_admin"));
        }
        let email = user_email(&mut tx, user).await?;
        sqlx::query("UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3")
            .bind(role.as_str())
            .bind(scope.org().0)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "member.role",
                object_type: "user",
                object_id: user.to_string(),
                detail: json!({"email": email, "from": old.as_str(), "to": role.as_str()}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }

    pub async fn remove_member(&self, scope: &OrgScope, user: UserId) -> Result<()> {
        require_admin(scope)?;
        let mut tx = self.write.begin().await?;
        let old = current_role(&mut tx, scope.org(), user).await?;
        if old == Role::Admin && admin_count(&mut tx, scope.org()).await? <= 1 {
            return Err(StoreError::Conflict("last_admin"));
        }
        let email = user_email(&mut tx, user).await?;
        sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
            .bind(scope.org().0)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "member.remove",
                object_type: "user",
                object_id: user.to_string(),
                detail: json!({"email": email, "role": old.as_str()}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }

    // --- company profile --------------------------------------------------------------------

    pub async fn profile(&self, scope: &OrgScope) -> Result<CompanyProfile> {
        let row = sqlx::query(
            "SELECT industry, employee_band, employees, prefecture, city, capital_yen, \
                    parent_company, supply_chain FROM company_profiles WHERE org_id = $1",
        )
        .bind(scope.org().0)
        .fetch_optional(&self.read)
        .await?;
        let Some(r) = row else {
            return Ok(CompanyProfile::default());
        };
        let industry: Option<String> = r.try_get("industry")?;
        let band: Option<String> = r.try_get("employee_band")?;
        Ok(CompanyProfile {
            industry: industry.and_then(|s| s.chars().next()),
            employee_band: band.as_deref().and_then(EmployeeBand::parse),
            employees: r.try_get("employees")?,
            prefecture: r.try_get("prefecture")?,
            city: r.try_get("city")?,
            capital_yen: r.try_get("capital_yen")?,
            parent_company: r.try_get("parent_company")?,
            supply_chain: r.try_get("supply_chain")?,
        })
    }

    pub async fn save_profile(&self, scope: &OrgScope, p: &CompanyProfile) -> Result<()> {
        require_editor(scope)?;
        let before = serde_json::to_value(self.profile(scope).await?).unwrap_or_default();
        let after = serde_json::to_value(p).unwrap_or_default();
        // The log names the fields that changed, with their new values (null: emptied).
        let changed: serde_json::Map<String, serde_json::Value> = after
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, v)| before.get(k.as_str()) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO company_profiles (org_id, industry, employee_band, employees, prefecture, \
                 city, capital_yen, parent_company, supply_chain, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (org_id) DO UPDATE SET industry = excluded.industry, \
                 employee_band = excluded.employee_band, employees = excluded.employees, \
                 prefecture = excluded.prefecture, city = excluded.city, \
                 capital_yen = excluded.capital_yen, parent_company = excluded.parent_company, \
                 supply_chain = excluded.supply_chain, updated_at = excluded.updated_at",
        )
        .bind(scope.org().0)
        .bind(p.industry.map(|c| c.to_string()))
        .bind(p.employee_band.map(EmployeeBand::as_str))
        .bind(p.employees)
        .bind(p.prefecture.as_deref())
        .bind(p.city.as_deref())
        .bind(p.capital_yen)
        .bind(p.parent_company.as_deref())
        .bind(p.supply_chain.as_deref())
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "profile.update",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"changed": changed}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Whether the company allows anonymous use of its results in other companies' peer
    /// comparisons (diagnostics.md §9). Off until the company says yes.
    pub async fn shares_anonymously(&self, scope: &OrgScope) -> Result<bool> {
        let row = sqlx::query("SELECT share_anonymously FROM company_profiles WHERE org_id = $1")
            .bind(scope.org().0)
            .fetch_optional(&self.read)
            .await?;
        Ok(match row {
            Some(r) => r.try_get::<i64, _>("share_anonymously")? != 0,
            None => false,
        })
    }

    /// Records the company's choice about anonymous use of its results (administrators).
    pub async fn set_anonymous_sharing(&self, scope: &OrgScope, share: bool) -> Result<()> {
        if !scope.role().can_administer() {
            return Err(StoreError::Forbidden);
        }
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO company_profiles (org_id, share_anonymously, updated_at) \
             VALUES ($1, $2, $3) \
             ON CONFLICT (org_id) DO UPDATE SET share_anonymously = excluded.share_anonymously, \
                 updated_at = excluded.updated_at",
        )
        .bind(scope.org().0)
        .bind(i64::from(share))
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "profile.anonymous_sharing",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: serde_json::json!({"share": share}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// An organisation's name, for the audit log (which must name it after a rename or deletion).
async fn org_name(tx: &mut sqlx::Transaction<'_, sqlx::Any>, org: OrgId) -> Result<String> {
    sqlx::query("SELECT name FROM organisations WHERE id = $1")
        .bind(org.0)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?
        .ok_or(StoreError::NotFound)
}

/// A user's e-mail address, for the audit log (the person may leave or be deleted later).
async fn user_email(tx: &mut sqlx::Transaction<'_, sqlx::Any>, user: UserId) -> Result<String> {
    sqlx::query("SELECT email FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get(0))
        .transpose()?
        .ok_or(StoreError::NotFound)
}

async fn current_role(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    org: OrgId,
    user: UserId,
) -> Result<Role> {
    let role: Option<String> =
        sqlx::query("SELECT role FROM memberships WHERE org_id = $1 AND user_id = $2")
            .bind(org.0)
            .bind(user.0)
            .fetch_optional(&mut **tx)
            .await?
            .map(|r| r.try_get(0))
            .transpose()?;
    role.as_deref()
        .and_then(Role::parse)
        .ok_or(StoreError::NotFound)
}

async fn admin_count(tx: &mut sqlx::Transaction<'_, sqlx::Any>, org: OrgId) -> Result<i64> {
    Ok(
        sqlx::query("SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'admin'")
            .bind(org.0)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?,
    )
}
