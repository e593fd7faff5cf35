//! People and how they prove who they are: users, sessions, API tokens, one-time password links
//! and the failed sign-ins that rate limiting counts.

use std::time::Duration;

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{ApiToken, Result, Secret, Store, StoreError, Timestamp, TokenId, User, UserId};

pub(crate) const USER_COLUMNS: &str = "u.id, u.email, u.name, u.site_admin, u.password_hash IS NOT NULL AS has_password, u.created_at";

pub(crate) fn user_from_row(row: &AnyRow) -> Result<User> {
    Ok(User {
        id: UserId(row.try_get("id")?),
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        site_admin: row.try_get::<i64, _>("site_admin")? != 0,
        has_password: flag(row, "has_password")?,
        created_at: Timestamp(row.try_get("created_at")?),
    })
}

/// A boolean expression arrives as an integer from SQLite and as a boolean from PostgreSQL.
pub(crate) fn flag(row: &AnyRow, column: &str) -> Result<bool> {
    match row.try_get::<bool, _>(column) {
        Ok(b) => Ok(b),
        Err(_) => Ok(row.try_get::<i64, _>(column)? != 0),
    }
}

/// A user with the stored password hash, for signing in.
pub struct Credentials {
    pub user: User,
    pub password_hash: Option<String>,
}

/// How long an unused session stays valid, and the longest any session lives.
pub const SESSION_IDLE: Duration = Duration::from_secs(12 * 60 * 60);
pub const SESSION_MAX_SECS: i64 = 30 * 24 * 60 * 60;
pub const SESSION_MAX: Duration = Duration::from_secs(SESSION_MAX_SECS as u64);
/// `last_seen_at` is written at most this often, so reading a page does not cost a write.
const TOUCH_EVERY: Duration = Duration::from_secs(5 * 60);

impl Store {
    pub async fn count_users(&self) -> Result<i64> {
        Ok(sqlx::query("SELECT COUNT(*) FROM users")
            .fetch_one(&self.read)
            .await?
            .try_get(0)?)
    }

    /// Creates a user; `email` is compared case-insensitively. `password_hash` is `None` for a
    /// person invited by an administrator who will choose a password through a one-time link.
    pub async fn create_user(
        &self,
        email: &str,
        name: &str,
        password_hash: Option<&str>,
        site_admin: bool,
    ) -> Result<User> {
        let now = Timestamp::now();
        let row = sqlx::query(
            "INSERT INTO users (email, name, password_hash, site_admin, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(email.trim().to_lowercase())
        .bind(name.trim())
        .bind(password_hash)
        .bind(i64::from(site_admin))
        .bind(now.0)
        .fetch_one(&self.write)
        .await
        .map_err(|e| {
            if StoreError::is_unique_violation(&e) {
                StoreError::Conflict("email")
            } else {
                e.into()
            }
        })?;
        Ok(User {
            id: UserId(row.try_get(0)?),
            email: email.trim().to_lowercase(),
            name: name.trim().to_owned(),
            site_admin,
            has_password: password_hash.is_some(),
            created_at: now,
        })
    }

    pub async fn user(&self, id: UserId) -> Result<User> {
        let row = sqlx::query(sql!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"))
            .bind(id.0)
            .fetch_optional(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        user_from_row(&row)
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        let row = sqlx::query(sql!(
            "SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn credentials(&self, email: &str) -> Result<Option<Credentials>> {
        let row = sqlx::query(sql!(
            "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Credentials {
            user: user_from_row(&row)?,
            password_hash: row.try_get("password_hash")?,
        }))
    }

    /// Every user, for the site administrator.
    pub async fn all_users(&self) -> Result<Vec<User>> {
        let rows = sqlx::query(sql!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.id"))
            .fetch_all(&self.read)
            .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// Sets a new password and signs the user out everywhere (a reset must lock out whoever knew
    /// the old one).
    pub async fn set_password(&self, user: UserId, password_hash: &str) -> Result<()> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM password_links WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }

    /// Sets the password its owner chose while signed in. The session `keep` (the one they used)
    /// stays; with `end_other_sessions` every other session of theirs ends; pending password
    /// links stop working, since the person has just chosen. The audit entry is written in the
    /// same transaction. Returns how many sessions ended.
    pub async fn change_own_password(
        &self,
        user: UserId,
        password_hash: &str,
        keep: Option<&Secret>,
        end_other_sessions: bool,
    ) -> Result<u64> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        let ended = if end_other_sessions {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
                .bind(user.0)
                .bind(keep.map(Secret::hash).unwrap_or_default())
                .execute(&mut *tx)
                .await?
                .rows_affected()
        } else {
            0
        };
        sqlx::query("DELETE FROM password_links WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        crate::audit::record(
            &mut *tx,
            crate::NewAuditEvent {
                org: None,
                actor: Some(user),
                action: "user.password_change",
                object_type: "user",
                object_id: user.to_string(),
                detail: serde_json::json!({"other_sessions_ended": ended}),
            },
        )
        .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(ended)
    }

    // --- sessions ---------------------------------------------------------------------------

    pub async fn create_session(&self, user: UserId) -> Result<Secret> {
        let secret = Secret::generate();
        let now = Timestamp::now();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(secret.hash())
        .bind(user.0)
        .bind(now.0)
        .bind(now.plus(SESSION_MAX).0)
        .execute(&self.write)
        .await?;
        Ok(secret)
    }

    /// The user a session cookie belongs to, when the session is still valid.
    pub async fn session_user(&self, secret: &Secret) -> Result<Option<User>> {
        let now = Timestamp::now();
        let row = sqlx::query(sql!(
            "SELECT {USER_COLUMNS}, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3"
        ))
        .bind(secret.hash())
        .bind(now.0)
        .bind(now.minus(SESSION_IDLE).0)
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        self.touch_session(secret, &row).await?;
        Ok(Some(user_from_row(&row)?))
    }

    /// Keeps a session alive, writing at most every few minutes. `row` has `last_seen_at`.
    pub(crate) async fn touch_session(&self, secret: &Secret, row: &AnyRow) -> Result<()> {
        let now = Timestamp::now();
        let last_seen = Timestamp(row.try_get("last_seen_at")?);
        if last_seen < now.minus(TOUCH_EVERY) {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(now.0)
                .bind(secret.hash())
                .execute(&self.write)
                .await?;
        }
        Ok(())
    }

    pub async fn delete_session(&self, secret: &Secret) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(secret.hash())
            .execute(&self.write)
            .await?;
        self.access_cache.forget_all();
        Ok(())
    }

    /// Signs a user out on every device; returns how many sessions ended.
    pub async fn delete_sessions_of(&self, user: UserId) -> Result<u64> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&self.write)
            .await?;
        self.access_cache.forget_all();
        Ok(done.rows_affected())
    }

    /// Removes expired sessions and old sign-in failures (run now and then by the server).
    pub async fn purge_expired(&self) -> Result<()> {
        let now = Timestamp::now();
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(now.0)
            .bind(now.minus(SESSION_IDLE).0)
            .execute(&self.write)
            .await?;
        sqlx::query("DELETE FROM login_failures WHERE at <= $1")
            .bind(now.minus(Duration::from_secs(24 * 60 * 60)).0)
            .execute(&self.write)
            .await?;
        sqlx::query("DELETE FROM password_links WHERE expires_at <= $1")
            .bind(now.0)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    // --- sign-in failures (rate limiting) ------------------------------------------------------

    /// Records a failed sign-in for `email` from the client address `ip`.
    pub async fn record_login_failure(&self, email: &str, ip: &str) -> Result<()> {
        sqlx::query("INSERT INTO login_failures (email, ip, at) VALUES ($1, $2, $3)")
            .bind(email.trim().to_lowercase())
            .bind(ip)
            .bind(Timestamp::now().0)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Failed sign-ins within `within` from `ip`: (for this e-mail, for any e-mail), in one query.
    /// Counting per address means a stranger who knows an e-mail cannot lock its owner out.
    pub async fn recent_login_failures(
        &self,
        email: &str,
        ip: &str,
        within: Duration,
    ) -> Result<(i64, i64)> {
        let row = sqlx::query(
            "SELECT COALESCE(SUM(CASE WHEN email = $1 THEN 1 ELSE 0 END), 0) AS pair, \
                    COUNT(*) AS address \
               FROM login_failures WHERE ip = $2 AND at > $3",
        )
        .bind(email.trim().to_lowercase())
        .bind(ip)
        .bind(Timestamp::now().minus(within).0)
        .fetch_one(&self.read)
        .await?;
        Ok((row.try_get("pair")?, row.try_get("address")?))
    }

    /// Forgets the failures of `email` from `ip` after a successful sign-in there.
    pub async fn clear_login_failures(&self, email: &str, ip: &str) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE email = $1 AND ip = $2")
            .bind(email.trim().to_lowercase())
            .bind(ip)
            .execute(&self.write)
            .await?;
        Ok(())
    }

    // --- one-time password links ----------------------------------------------------------------

    /// Issues a one-time link with which `user` chooses a (new) password. Earlier links of the
    /// same user stop working.
    pub async fn create_password_link(
        &self,
        user: UserId,
        created_by: Option<UserId>,
        valid_for: Duration,
    ) -> Result<Secret> {
        let secret = Secret::generate();
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM password_links WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO password_links (token_hash, user_id, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(secret.hash())
        .bind(user.0)
        .bind(created_by.map(|u| u.0))
        .bind(now.0)
        .bind(now.plus(valid_for).0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(secret)
    }

    /// The user a one-time link is for, if it is still valid (the link is not used up by looking).
    pub async fn password_link_user(&self, secret: &Secret) -> Result<Option<User>> {
        let row = sqlx::query(sql!(
            "SELECT {USER_COLUMNS} FROM password_links p JOIN users u ON u.id = p.user_id \
             WHERE p.token_hash = $1 AND p.expires_at > $2"
        ))
        .bind(secret.hash())
        .bind(Timestamp::now().0)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Uses a one-time link up: sets the password and signs the user out everywhere. `None` when
    /// the link is unknown, used or expired.
    pub async fn use_password_link(
        &self,
        secret: &Secret,
        password_hash: &str,
    ) -> Result<Option<UserId>> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(
            "DELETE FROM password_links WHERE token_hash = $1 AND expires_at > $2 RETURNING user_id",
        )
        .bind(secret.hash())
        .bind(Timestamp::now().0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user = UserId(row.try_get(0)?);
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(Some(user))
    }

    // --- API tokens -----------------------------------------------------------------------------

    pub async fn create_api_token(&self, user: UserId, name: &str) -> Result<(ApiToken, Secret)> {
        let secret = Secret::generate();
        let now = Timestamp::now();
        let row = sqlx::query(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(user.0)
        .bind(name.trim())
        .bind(secret.hash())
        .bind(now.0)
        .fetch_one(&self.write)
        .await?;
        let token = ApiToken {
            id: TokenId(row.try_get(0)?),
            name: name.trim().to_owned(),
            created_at: now,
            last_used_at: None,
        };
        Ok((token, secret))
    }

    pub async fn api_token_user(&self, secret: &Secret) -> Result<Option<User>> {
        let row = sqlx::query(sql!(
            "SELECT {USER_COLUMNS}, t.id AS token_id, t.last_used_at FROM api_tokens t \
             JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1"
        ))
        .bind(secret.hash())
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        self.touch_token(&row).await?;
        Ok(Some(user_from_row(&row)?))
    }

    /// Records that a token was used, at most every few minutes (a write per request would cost
    /// more than the request). `row` has `token_id` and `last_used_at`.
    pub(crate) async fn touch_token(&self, row: &AnyRow) -> Result<()> {
        let now = Timestamp::now();
        let last: Option<i64> = row.try_get("last_used_at")?;
        if last.is_none_or(|t| Timestamp(t) < now.minus(TOUCH_EVERY)) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(now.0)
                .bind(row.try_get::<i64, _>("token_id")?)
                .execute(&self.write)
                .await?;
        }
        Ok(())
    }

    pub async fn api_tokens_of(&self, user: UserId) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY id",
        )
        .bind(user.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: TokenId(r.try_get("id")?),
                    name: r.try_get("name")?,
                    created_at: Timestamp(r.try_get("created_at")?),
                    last_used_at: r.try_get::<Option<i64>, _>("last_used_at")?.map(Timestamp),
                })
            })
            .collect()
    }

    pub async fn delete_api_token(&self, user: UserId, token: TokenId) -> Result<()> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
            .bind(token.0)
            .bind(user.0)
            .execute(&self.write)
            .await?;
        self.access_cache.forget_all();
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
