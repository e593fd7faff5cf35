//! The one place tenancy is decided. A user reaches an organisation's data only through an
//! [`OrgScope`], and `Store::access` is the only way to make one.

use std::sync::LazyLock;

use serde::Serialize;
use sqlx::Row;

use crate::users::{SESSION_IDLE, USER_COLUMNS, user_from_row};
use crate::{OrgId, OrgKind, Organisation, Result, Role, Secret, Store, Timestamp, User, UserId};

/// What a request proves who it is with.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// An API token (`Authorization: Bearer …`).
    Token(&'a Secret),
    /// A browser session's cookie.
    Session(&'a Secret),
}

/// The organisation, the user's own role in it, and the best role they hold in a support
/// organisation the company consented to; `{user}` is the SQL giving the user's id.
fn access_columns(user: &str) -> String {
    format!(
        "o.id AS org_id, o.kind AS org_kind, o.name AS org_name, o.created_at AS org_created_at, \
         (SELECT m.role FROM memberships m WHERE m.org_id = o.id AND m.user_id = {user}) AS own_role, \
         (SELECT MIN(c.support_id) FROM consents c JOIN memberships m \
            ON m.org_id = c.support_id AND m.user_id = {user} AND m.role IN ('admin', 'consultant') \
          WHERE c.company_id = o.id) AS via_support"
    )
}

/// How the user reaches the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "via", rename_all = "snake_case")]
pub enum Via {
    /// A member of the organisation.
    Membership,
    /// An admin or consultant of a support organisation the company consented to.
    Consent { support: OrgId },
}

/// Proof that a user may act on one organisation, with the role they act in.
#[derive(Debug, Clone, Copy)]
pub struct OrgScope {
    org: OrgId,
    user: UserId,
    role: Role,
}

impl OrgScope {
    pub fn org(&self) -> OrgId {
        self.org
    }

    pub fn user(&self) -> UserId {
        self.user
    }

    pub fn role(&self) -> Role {
        self.role
    }
}

#[derive(Debug, Clone)]
pub struct Access {
    pub scope: OrgScope,
    pub org: Organisation,
    pub via: Via,
}

impl Store {
    /// What `user` may do in `org`, or `None` when they may not see it at all (the caller answers
    /// 404, so other tenants' ids look exactly like ids that do not exist).
    pub async fn access(&self, user: UserId, org: OrgId) -> Result<Option<Access>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT {} FROM organisations o WHERE o.id = $1",
                access_columns("$2")
            )
        });
        let row = sqlx::query(SQL.as_str())
            .bind(org.0)
            .bind(user.0)
            .fetch_optional(&self.read)
            .await?;
        match row {
            Some(row) => access_from_row(&row, user),
            None => Ok(None),
        }
    }

    /// Who a credential belongs to and what they may do in `org`, in one query: the API and the
    /// pages ask both on nearly every request, and a round trip to the database is most of what
    /// a small request costs. `None` when the credential is unknown or expired; the access is
    /// `None` when the user may not see the organisation. Answers are kept for a second
    /// (`access_cache`): a revoked token, an ended session or a removed membership takes effect
    /// on the next request on this server, and within that second on another server sharing the
    /// database.
    pub async fn user_and_access(
        &self,
        credential: Credential<'_>,
        org: OrgId,
    ) -> Result<Option<(User, Option<Access>)>> {
        static BY_TOKEN: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT {USER_COLUMNS}, t.id AS token_id, t.last_used_at, {} \
                 FROM api_tokens t JOIN users u ON u.id = t.user_id \
                 LEFT JOIN organisations o ON o.id = $2 WHERE t.token_hash = $1",
                access_columns("u.id")
            )
        });
        static BY_SESSION: LazyLock<String> = LazyLock::new(|| {
            format!(
                "SELECT {USER_COLUMNS}, s.last_seen_at, {} \
                 FROM sessions s JOIN users u ON u.id = s.user_id \
                 LEFT JOIN organisations o ON o.id = $2 \
                 WHERE s.token_hash = $1 AND s.expires_at > $3 AND s.last_seen_at > $4",
                access_columns("u.id")
            )
        });
        let hash = match credential {
            Credential::Token(secret) | Credential::Session(secret) => secret.hash(),
        };
        let cache_key = match credential {
            Credential::Token(_) => format!("t:{hash}"),
            Credential::Session(_) => format!("s:{hash}"),
        };
        if let Some(known) = self.access_cache.get(&cache_key, org) {
            return Ok(Some(known));
        }
        let epoch = self.access_cache.epoch();
        let now = Timestamp::now();
        let row = match credential {
            Credential::Token(_) => {
                sqlx::query(BY_TOKEN.as_str())
                    .bind(&hash)
                    .bind(org.0)
                    .fetch_optional(&self.read)
                    .await?
            }
            Credential::Session(_) => {
                sqlx::query(BY_SESSION.as_str())
                    .bind(&hash)
                    .bind(org.0)
                    .bind(now.0)
                    .bind(now.minus(SESSION_IDLE).0)
                    .fetch_optional(&self.read)
                    .await?
            }
        };
        let Some(row) = row else { return Ok(None) };
        match credential {
            Credential::Token(_) => self.touch_token(&row).await?,
            Credential::Session(secret) => self.touch_session(secret, &row).await?,
        }
        let user = user_from_row(&row)?;
        let access = access_from_row(&row, user.id)?;
        self.access_cache
            .keep(epoch, cache_key, org, &user, &access);
        Ok(Some((user, access)))
    }
}

/// The access a row of `access_columns` grants, if any.
fn access_from_row(row: &sqlx::any::AnyRow, user: UserId) -> Result<Option<Access>> {
    let Some(id) = row.try_get::<Option<i64>, _>("org_id")? else {
        return Ok(None);
    };
    let kind: String = row.try_get("org_kind")?;
    let organisation = Organisation {
        id: OrgId(id),
        kind: OrgKind::parse(&kind)
            .ok_or_else(|| crate::StoreError::Corrupt(format!("organisation kind {kind:?}")))?,
        name: row.try_get("org_name")?,
        created_at: Timestamp(row.try_get("org_created_at")?),
    };
    let own: Option<String> = row.try_get("own_role")?;
    let via_support: Option<i64> = row.try_get("via_support")?;
    let (role, via) = match (own.as_deref().and_then(Role::parse), via_support) {
        (Some(role), _) => (role, Via::Membership),
        (None, Some(support)) if organisation.kind == OrgKind::Company => (
            Role::Consultant,
            Via::Consent {
                support: OrgId(support),
            },
        ),
        _ => return Ok(None),
    };
    Ok(Some(Access {
        scope: OrgScope {
            org: organisation.id,
            user,
            role,
        },
        org: organisation,
        via,
    }))
}

pub(crate) fn org_from_row(row: &sqlx::any::AnyRow) -> Result<Organisation> {
    let kind: String = row.try_get("kind")?;
    Ok(Organisation {
        id: OrgId(row.try_get("id")?),
        kind: OrgKind::parse(&kind)
            .ok_or_else(|| crate::StoreError::Corrupt(format!("organisation kind {kind:?}")))?,
        name: row.try_get("name")?,
        created_at: Timestamp(row.try_get("created_at")?),
    })
}
