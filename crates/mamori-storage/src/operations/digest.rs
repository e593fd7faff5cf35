//! What the daily e-mail of due dates reads, across every company at once: who receives it, the
//! open actions due soon, and which days were sent. Each is one query whatever the number of
//! companies; the registers' alerts come from `register_alerting_everywhere`.

use sqlx::Row;

use crate::{OrgId, Result, Store, StoreError, Timestamp, UserId};

/// A member of a company who receives the digest (signed up, and not opted out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub user: UserId,
    pub email: String,
    pub name: String,
    pub org: OrgId,
    pub org_name: String,
}

/// An open action of some company due on or before a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueAction {
    pub org: OrgId,
    pub title: String,
    pub due_date: String,
}

impl Store {
    /// Every member of every company who has set a password and has not opted out, by user.
    pub async fn digest_recipients(&self) -> Result<Vec<Recipient>> {
        let rows = sqlx::query(
            "SELECT u.id AS user_id, u.email, u.name, o.id AS org_id, o.name AS org_name \
             FROM memberships m JOIN users u ON u.id = m.user_id \
             JOIN organisations o ON o.id = m.org_id AND o.kind = 'company' \
             WHERE u.password_hash IS NOT NULL \
               AND NOT EXISTS (SELECT 1 FROM digest_optouts x WHERE x.user_id = u.id) \
             ORDER BY u.id, o.id",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Recipient {
                    user: UserId(r.try_get("user_id")?),
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                    org: OrgId(r.try_get("org_id")?),
                    org_name: r.try_get("org_name")?,
                })
            })
            .collect()
    }

    /// Open actions of every company due on or before `until` (`YYYY-MM-DD`).
    pub async fn actions_due_everywhere(&self, until: &str) -> Result<Vec<DueAction>> {
        let rows = sqlx::query(
            "SELECT org_id, title, due_date FROM actions \
             WHERE due_date IS NOT NULL AND due_date <= $1 AND status IN ('todo', 'doing') \
             ORDER BY org_id, due_date, id",
        )
        .bind(until)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DueAction {
                    org: OrgId(r.try_get("org_id")?),
                    title: r.try_get("title")?,
                    due_date: r.try_get("due_date")?,
                })
            })
            .collect()
    }

    /// Claims the digest of `day` for this process: false when it was claimed already (by this
    /// or another server on the same database).
    pub async fn claim_digest_day(&self, day: &str) -> Result<bool> {
        let done = sqlx::query("INSERT INTO digest_runs (day, started_at) VALUES ($1, $2)")
            .bind(day)
            .bind(Timestamp::now().0)
            .execute(&self.write)
            .await;
        match done {
            Ok(_) => Ok(true),
            Err(e) if StoreError::is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Records how many e-mails the day's digest sent.
    pub async fn finish_digest_day(&self, day: &str, sent: u64) -> Result<()> {
        sqlx::query("UPDATE digest_runs SET sent = $1 WHERE day = $2")
            .bind(sent as i64)
            .bind(day)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Whether the person receives the digest.
    pub async fn receives_digest(&self, user: UserId) -> Result<bool> {
        let out: Option<i64> =
            sqlx::query_scalar("SELECT user_id FROM digest_optouts WHERE user_id = $1")
                .bind(user.0)
                .fetch_optional(&self.read)
                .await?;
        Ok(out.is_none())
    }

    /// Turns the person's digest on or off.
    pub async fn set_receives_digest(&self, user: UserId, receive: bool) -> Result<()> {
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM digest_optouts WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if !receive {
            sqlx::query("INSERT INTO digest_optouts (user_id, since) VALUES ($1, $2)")
                .bind(user.0)
                .bind(Timestamp::now().0)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
