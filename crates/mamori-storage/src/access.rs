//! The one place tenancy is decided. A user reaches an organisation's data only through an
//! [`OrgScope`], and `Store::access` is the only way to make one.

use serde::Serialize;
use sqlx::Row;

use crate::{OrgId, OrgKind, Organisation, Result, Role, Store, Timestamp, UserId};

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
        // One query: the organisation, the user's own role in it, and the best role they hold in a
        // support organisation the company consented to.
        let row = sqlx::query(
            "SELECT o.id, o.kind, o.name, o.created_at, \
               (SELECT m.role FROM memberships m WHERE m.org_id = o.id AND m.user_id = $2) AS own_role, \
               (SELECT MIN(c.support_id) FROM consents c JOIN memberships m \
                  ON m.org_id = c.support_id AND m.user_id = $2 AND m.role IN ('admin', 'consultant') \
                WHERE c.company_id = o.id) AS via_support \
             FROM organisations o WHERE o.id = $1",
        )
        .bind(org.0)
        .bind(user.0)
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let organisation = org_from_row(&row)?;
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
            scope: OrgScope { org, user, role },
            org: organisation,
            via,
        }))
    }
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
