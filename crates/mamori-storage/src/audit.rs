//! The audit log: who did what to which object, and when. Written in the same transaction as the
//! change it describes, so the log never claims a change that did not happen (or misses one).

use serde::Serialize;
use sqlx::Row;

use crate::{OrgId, OrgScope, Result, Store, StoreError, Timestamp, UserId};

pub struct NewAuditEvent<'a> {
    pub org: Option<OrgId>,
    pub actor: Option<UserId>,
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: String,
    pub detail: serde_json::Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub org_id: Option<OrgId>,
    pub actor_id: Option<UserId>,
    /// The actor's e-mail address when the event happened ("system" for the server itself).
    pub actor: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub detail: serde_json::Value,
    pub at: Timestamp,
}

pub(crate) async fn record<'e, E>(executor: E, event: NewAuditEvent<'_>) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO audit_events (org_id, actor_id, actor, action, object_type, object_id, detail, at) \
         VALUES ($1, $2, COALESCE((SELECT email FROM users WHERE id = $2), 'system'), $3, $4, $5, $6, $7)",
    )
    .bind(event.org.map(|o| o.0))
    .bind(event.actor.map(|u| u.0))
    .bind(event.action)
    .bind(event.object_type)
    .bind(event.object_id)
    .bind(event.detail.to_string())
    .bind(Timestamp::now().0)
    .execute(executor)
    .await?;
    Ok(())
}

impl Store {
    /// Records an event that changes nothing else (a sign-in, say).
    pub async fn audit(&self, event: NewAuditEvent<'_>) -> Result<()> {
        record(&self.write, event).await
    }

    /// The organisation's log, newest first; `before` pages backwards by entry id.
    pub async fn audit_log(
        &self,
        scope: &OrgScope,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        if !scope.role().can_administer() {
            return Err(StoreError::Forbidden);
        }
        // The organisation's own events, and the sign-ins of its current members (an
        // administrator wants to see who has been using the organisation's account).
        let rows = sqlx::query(
            "SELECT id, org_id, actor_id, actor, action, object_type, object_id, detail, at \
             FROM audit_events WHERE id < $2 AND (org_id = $1 OR (org_id IS NULL \
               AND action = 'user.sign_in' \
               AND actor_id IN (SELECT user_id FROM memberships WHERE org_id = $1))) \
             ORDER BY id DESC LIMIT $3",
        )
        .bind(scope.org().0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit.clamp(1, 500))
        .fetch_all(&self.read)
        .await?;
        entries(&rows)
    }

    /// Events that belong to no organisation (sign-ins, accounts created, password links), for
    /// the site administrator; the web layer checks who asks.
    pub async fn site_audit_log(&self, before: Option<i64>, limit: i64) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query(
            "SELECT id, org_id, actor_id, actor, action, object_type, object_id, detail, at \
             FROM audit_events WHERE org_id IS NULL AND id < $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit.clamp(1, 500))
        .fetch_all(&self.read)
        .await?;
        entries(&rows)
    }
}

fn entries(rows: &[sqlx::any::AnyRow]) -> Result<Vec<AuditEntry>> {
    rows.iter()
        .map(|r| {
            let detail: String = r.try_get("detail")?;
            Ok(AuditEntry {
                id: r.try_get("id")?,
                org_id: r.try_get::<Option<i64>, _>("org_id")?.map(OrgId),
                actor_id: r.try_get::<Option<i64>, _>("actor_id")?.map(UserId),
                actor: r.try_get("actor")?,
                action: r.try_get("action")?,
                object_type: r.try_get("object_type")?,
                object_id: r.try_get("object_id")?,
                detail: serde_json::from_str(&detail)
                    .map_err(|e| StoreError::Corrupt(format!("audit detail: {e}")))?,
                at: Timestamp(r.try_get("at")?),
            })
        })
        .collect()
}
