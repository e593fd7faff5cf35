//! Consents (programmes.md §4): a company lets a support organisation's administrators and
//! consultants see and work on its data.
//!
//! The company names the support organisation by a code the support organisation hands out (its
//! administrators see it and can replace it). Ids are never used for this: they are sequential,
//! so a company could otherwise attach any support organisation, and learn its name, by trying
//! numbers. The support organisation in turn can remove any company that registered its code.

use rand::RngExt;
use serde_json::json;
use sqlx::Row;

use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_admin;
use crate::{
    Consent, OrgId, OrgKind, OrgScope, Organisation, Result, Store, StoreError, Timestamp,
};

/// Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// 16 characters of 5 bits: 80 random bits, far beyond guessing.
pub const SUPPORT_CODE_LEN: usize = 16;

/// A support code as people write it (`7KQ2-M9XD-4TPA-H3RC`, in lower case, full-width, with
/// spaces or look-alike letters) in its stored form, or `None` when it cannot be one.
pub fn normalise_support_code(input: &str) -> Option<String> {
    let mut code = String::with_capacity(SUPPORT_CODE_LEN);
    for c in input.chars() {
        // Full-width ASCII (Ｋ, ７) as typed with a Japanese input method.
        let c = match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        let c = match c.to_ascii_uppercase() {
            '-' | ' ' | '\u{3000}' | 'ー' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if ALPHABET.contains(&(c as u8)) && c.is_ascii() => c,
            _ => return None,
        };
        code.push(c);
    }
    (code.len() == SUPPORT_CODE_LEN).then_some(code)
}

/// The stored form grouped by four for reading: `7KQ2-M9XD-4TPA-H3RC`.
pub fn display_support_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

fn new_code() -> String {
    let bytes: [u8; SUPPORT_CODE_LEN] = rand::rng().random();
    // 256 is a multiple of 32, so every character is equally likely.
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % 32] as char)
        .collect()
}

fn support_admin(scope: &OrgScope, org: &Organisation) -> Result<()> {
    if org.kind != OrgKind::Support {
        return Err(StoreError::NotFound);
    }
    require_admin(scope)
}

impl Store {
    /// The support organisations this company lets in.
    pub async fn consents(&self, scope: &OrgScope) -> Result<Vec<Consent>> {
        self.consent_rows("c.company_id = $1", scope.org()).await
    }

    /// The companies that let this support organisation in.
    pub async fn consenting_companies(&self, scope: &OrgScope) -> Result<Vec<Consent>> {
        self.consent_rows("c.support_id = $1", scope.org()).await
    }

    async fn consent_rows(&self, filter: &str, org: OrgId) -> Result<Vec<Consent>> {
        let rows = sqlx::query(sql!(
            "SELECT co.id AS c_id, co.kind AS c_kind, co.name AS c_name, co.created_at AS c_created, \
                    so.id AS s_id, so.kind AS s_kind, so.name AS s_name, so.created_at AS s_created, \
                    c.granted_at \
               FROM consents c JOIN organisations co ON co.id = c.company_id \
               JOIN organisations so ON so.id = c.support_id WHERE {filter} ORDER BY c.granted_at"
        ))
        .bind(org.0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let org = |p: &str| -> Result<Organisation> {
                    let kind: String = r.try_get(format!("{p}_kind").as_str())?;
                    Ok(Organisation {
                        id: OrgId(r.try_get(format!("{p}_id").as_str())?),
                        kind: OrgKind::parse(&kind)
                            .ok_or_else(|| StoreError::Corrupt(format!("kind {kind:?}")))?,
                        name: r.try_get(format!("{p}_name").as_str())?,
                        created_at: Timestamp(r.try_get(format!("{p}_created").as_str())?),
                    })
                };
                Ok(Consent {
                    company: org("c")?,
                    support: org("s")?,
                    granted_at: Timestamp(r.try_get("granted_at")?),
                })
            })
            .collect()
    }

    /// The code this support organisation hands out (administrators only); made on first use,
    /// so organisations from before codes existed get one when an administrator first looks.
    pub async fn support_code(&self, scope: &OrgScope, org: &Organisation) -> Result<String> {
        support_admin(scope, org)?;
        let existing: Option<String> =
            sqlx::query("SELECT code FROM support_codes WHERE support_id = $1")
                .bind(scope.org().0)
                .fetch_optional(&self.read)
                .await?
                .map(|r| r.try_get(0))
                .transpose()?;
        if let Some(code) = existing {
            return Ok(code);
        }
        let code = new_code();
        // Two administrators opening the page at once: the first code wins, both see it.
        sqlx::query(
            "INSERT INTO support_codes (support_id, code, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (support_id) DO NOTHING",
        )
        .bind(scope.org().0)
        .bind(&code)
        .bind(Timestamp::now().0)
        .execute(&self.write)
        .await?;
        let stored: String = sqlx::query("SELECT code FROM support_codes WHERE support_id = $1")
            .bind(scope.org().0)
            .fetch_one(&self.write)
            .await?
            .try_get(0)?;
        Ok(stored)
    }

    /// Replaces the code (administrators only): the old one stops working; companies that
    /// already registered stay until removed.
    pub async fn regenerate_support_code(
        &self,
        scope: &OrgScope,
        org: &Organisation,
    ) -> Result<String> {
        support_admin(scope, org)?;
        let code = new_code();
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO support_codes (support_id, code, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (support_id) DO UPDATE SET code = excluded.code, created_at = excluded.created_at",
        )
        .bind(scope.org().0)
        .bind(&code)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "support_code.regenerate",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(code)
    }

    /// The company's administrator lets in the support organisation whose code they were given.
    /// An unknown code is `NotFound`, and says nothing about any organisation.
    pub async fn grant_consent(&self, scope: &OrgScope, code: &str) -> Result<Organisation> {
        require_admin(scope)?;
        let code = normalise_support_code(code).ok_or(StoreError::NotFound)?;
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(
            "SELECT o.id, o.kind, o.name, o.created_at FROM support_codes s \
               JOIN organisations o ON o.id = s.support_id WHERE s.code = $1",
        )
        .bind(&code)
        .fetch_optional(&mut *tx)
        .await?;
        let support = match row {
            Some(r) => crate::access::org_from_row(&r)?,
            None => return Err(StoreError::NotFound),
        };
        if support.kind != OrgKind::Support || support.id == scope.org() {
            return Err(StoreError::NotFound);
        }
        sqlx::query(
            "INSERT INTO consents (company_id, support_id, granted_by, granted_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (company_id, support_id) DO NOTHING",
        )
        .bind(scope.org().0)
        .bind(support.id.0)
        .bind(scope.user().0)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        let company: String = sqlx::query("SELECT name FROM organisations WHERE id = $1")
            .bind(scope.org().0)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        // In both logs: the support organisation learns who registered its code.
        for (org, other, detail) in [
            (scope.org(), support.id, json!({"support": support.name})),
            (support.id, scope.org(), json!({"company": company})),
        ] {
            record(
                &mut *tx,
                NewAuditEvent {
                    org: Some(org),
                    actor: Some(scope.user()),
                    action: "consent.grant",
                    object_type: "organisation",
                    object_id: other.to_string(),
                    detail,
                },
            )
            .await?;
        }
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(support)
    }

    /// The company stops sharing with a support organisation.
    pub async fn revoke_consent(&self, scope: &OrgScope, support: OrgId) -> Result<()> {
        require_admin(scope)?;
        self.end_consent(scope, scope.org(), support, "consent.revoke")
            .await
    }

    /// The support organisation declines or stops working with a company that registered its
    /// code (administrators only).
    pub async fn remove_company(
        &self,
        scope: &OrgScope,
        org: &Organisation,
        company: OrgId,
    ) -> Result<()> {
        support_admin(scope, org)?;
        self.end_consent(scope, company, scope.org(), "consent.remove_company")
            .await
    }

    /// Deletes one consent; the event goes into both organisations' logs, so each side sees who
    /// ended it.
    async fn end_consent(
        &self,
        scope: &OrgScope,
        company: OrgId,
        support: OrgId,
        action: &'static str,
    ) -> Result<()> {
        let mut tx = self.write.begin().await?;
        let names = sqlx::query(
            "SELECT co.name AS company, so.name AS support FROM consents c \
               JOIN organisations co ON co.id = c.company_id \
               JOIN organisations so ON so.id = c.support_id \
              WHERE c.company_id = $1 AND c.support_id = $2",
        )
        .bind(company.0)
        .bind(support.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let company_name: String = names.try_get("company")?;
        let support_name: String = names.try_get("support")?;
        sqlx::query("DELETE FROM consents WHERE company_id = $1 AND support_id = $2")
            .bind(company.0)
            .bind(support.0)
            .execute(&mut *tx)
            .await?;
        for (org, other, name) in [
            (company, support, &support_name),
            (support, company, &company_name),
        ] {
            let detail = if org == company {
                json!({"support": name})
            } else {
                json!({"company": name})
            };
            record(
                &mut *tx,
                NewAuditEvent {
                    org: Some(org),
                    actor: Some(scope.user()),
                    action,
                    object_type: "organisation",
                    object_id: other.to_string(),
                    detail,
                },
            )
            .await?;
        }
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_however_people_type_it() {
        let code = new_code();
        assert_eq!(code.len(), SUPPORT_CODE_LEN);
        let shown = display_support_code(&code);
        assert_eq!(
            normalise_support_code(&shown).as_deref(),
            Some(code.as_str())
        );
        assert_eq!(
            normalise_support_code("7kq2 m9xd-4tpa-h3rc").as_deref(),
            Some("7KQ2M9XD4TPAH3RC")
        );
        assert_eq!(
            normalise_support_code("７ＫＱ２－Ｍ９ＸＤ　４ＴＰＡ－Ｈ３ＲＣ").as_deref(),
            Some("7KQ2M9XD4TPAH3RC")
        );
        assert_eq!(
            normalise_support_code("OIL0-0000-0000-0000").as_deref(),
            Some("0110000000000000")
        );
        for bad in [
            "",
            "2",
            "7KQ2-M9XD-4TPA",
            "7KQ2-M9XD-4TPA-H3RCX",
            "7KQ2-M9XD-4TPA-H3R!",
        ] {
            assert_eq!(normalise_support_code(bad), None, "{bad}");
        }
    }
}
