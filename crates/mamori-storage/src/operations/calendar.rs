//! The secret calendar address of a person, and what its feed reads: the dated things of every
//! company the person is a member of, in three queries whatever the number of companies.

use sqlx::Row;

use crate::audit::{NewAuditEvent, record};
use crate::operations::registers::entry_from_row;
use crate::{OrgId, RegisterEntry, Result, Secret, Store, Timestamp, User, UserId};

/// An open action with a due date, of one of the person's companies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedAction {
    pub org: OrgId,
    pub org_name: String,
    pub id: i64,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_date: String,
}

/// A register entry with a dated field, of one of the person's companies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedEntry {
    pub org: OrgId,
    pub org_name: String,
    pub entry: RegisterEntry,
}

impl Store {
    /// When the person made their calendar address, if they have one.
    pub async fn calendar_feed_created(&self, user: UserId) -> Result<Option<Timestamp>> {
        let at: Option<i64> =
            sqlx::query_scalar("SELECT created_at FROM calendar_feeds WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(&self.read)
                .await?;
        Ok(at.map(Timestamp))
    }

    /// Makes a new calendar address for the person, ending the old one; the secret is shown
    /// once.
    pub async fn create_calendar_feed(&self, user: UserId) -> Result<Secret> {
        let secret = Secret::generate();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(user.0)
        .bind(secret.hash())
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: None,
                actor: Some(user),
                action: "calendar.create",
                object_type: "user",
                object_id: user.to_string(),
                detail: serde_json::json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// Ends the person's calendar address.
    pub async fn delete_calendar_feed(&self, user: UserId) -> Result<()> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() > 0 {
            record(
                &mut *tx,
                NewAuditEvent {
                    org: None,
                    actor: Some(user),
                    action: "calendar.delete",
                    object_type: "user",
                    object_id: user.to_string(),
                    detail: serde_json::json!({}),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whose calendar address this is (`None` for an unknown or ended one).
    pub async fn calendar_feed_user(&self, secret: &Secret) -> Result<Option<User>> {
        let row = sqlx::query(sql!(
            "SELECT {USER_COLUMNS} FROM calendar_feeds f JOIN users u ON u.id = f.user_id \
             WHERE f.token_hash = $1",
            USER_COLUMNS = crate::users::USER_COLUMNS
        ))
        .bind(secret.hash())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(crate::users::user_from_row).transpose()
    }

    /// Open actions with a due date, and register entries with a dated field, of every company
    /// the person is a member of.
    pub async fn calendar_items(
        &self,
        user: UserId,
    ) -> Result<(Vec<DatedAction>, Vec<DatedEntry>)> {
        let (actions, entries) = tokio::try_join!(
            sqlx::query(
                "SELECT a.org_id, o.name AS org_name, a.id, a.title, a.due_date FROM actions a \
                 JOIN memberships m ON m.org_id = a.org_id AND m.user_id = $1 \
                 JOIN organisations o ON o.id = a.org_id AND o.kind = 'company' \
                 WHERE a.due_date IS NOT NULL AND a.status IN ('todo', 'doing') \
                 ORDER BY a.due_date, a.id"
            )
            .bind(user.0)
            .fetch_all(&self.read),
            sqlx::query(
                "SELECT e.id, e.kind, e.name, e.fields, e.updated_at, e.org_id, o.name AS org_name \
                 FROM register_entries e \
                 JOIN memberships m ON m.org_id = e.org_id AND m.user_id = $1 \
                 JOIN organisations o ON o.id = e.org_id \
                 WHERE e.alert_from IS NOT NULL ORDER BY e.org_id, e.id"
            )
            .bind(user.0)
            .fetch_all(&self.read),
        )?;
        let actions = actions
            .iter()
            .map(|r| {
                Ok(DatedAction {
                    org: OrgId(r.try_get("org_id")?),
                    org_name: r.try_get("org_name")?,
                    id: r.try_get("id")?,
                    title: r.try_get("title")?,
                    due_date: r.try_get("due_date")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let entries = entries
            .iter()
            .map(|r| {
                Ok(DatedEntry {
                    org: OrgId(r.try_get("org_id")?),
                    org_name: r.try_get("org_name")?,
                    entry: entry_from_row(r)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((actions, entries))
    }
}
