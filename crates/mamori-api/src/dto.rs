//! What the API sends and receives. Separate from the storage models so the wire format is
//! chosen here (RFC 3339 times, documented schemas) and storage can change underneath.

use mamori_storage::{
    ApiToken, Assessment, AssessmentSummary, AuditEntry, CompanyProfile, Consent, Member,
    Organisation, Timestamp, User,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An RFC 3339 UTC time.
pub fn time(t: Timestamp) -> String {
    mamori_app::fields::rfc3339(t)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub site_admin: bool,
    pub has_password: bool,
    pub created_at: String,
}

impl From<&User> for UserOut {
    fn from(u: &User) -> UserOut {
        UserOut {
            id: u.id.0,
            email: u.email.clone(),
            name: u.name.clone(),
            site_admin: u.site_admin,
            has_password: u.has_password,
            created_at: time(u.created_at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgOut {
    pub id: i64,
    /// `company` or `support`.
    pub kind: String,
    pub name: String,
    pub created_at: String,
    /// The caller's role here: `admin`, `consultant`, `member` or `viewer`.
    pub role: String,
    /// Set when the caller reaches this company through its consent to a support organisation.
    pub via_support: Option<i64>,
}

impl OrgOut {
    pub fn new(o: &Organisation, role: mamori_storage::Role, via: mamori_storage::Via) -> OrgOut {
        OrgOut {
            id: o.id.0,
            kind: o.kind.as_str().to_owned(),
            name: o.name.clone(),
            created_at: time(o.created_at),
            role: role.as_str().to_owned(),
            via_support: match via {
                mamori_storage::Via::Membership => None,
                mamori_storage::Via::Consent { support } => Some(support.0),
            },
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrg {
    /// `company` or `support`.
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgRename {
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentSummaryOut {
    pub id: i64,
    pub org_id: i64,
    pub catalog: String,
    pub catalog_version: String,
    /// `draft` or `submitted`.
    pub status: String,
    /// Goes up with every saved draft; send it back when saving.
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    pub submitted_at: Option<String>,
}

impl From<&AssessmentSummary> for AssessmentSummaryOut {
    fn from(s: &AssessmentSummary) -> AssessmentSummaryOut {
        AssessmentSummaryOut {
            id: s.id.0,
            org_id: s.org_id.0,
            catalog: s.catalog_id.clone(),
            catalog_version: s.catalog_version.clone(),
            status: s.status.as_str().to_owned(),
            revision: s.revision,
            created_at: time(s.created_at),
            updated_at: time(s.updated_at),
            submitted_at: s.submitted_at.map(time),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentOut {
    #[serde(flatten)]
    pub summary: AssessmentSummaryOut,
    /// The answers as an answer document (`answers`, or `respondents` per site or department).
    #[schema(value_type = Object)]
    pub document: serde_json::Value,
    /// The scoring engine's result (interfaces.md), once submitted.
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    /// The consultant's notes per item (secondary diagnosis, `employee-rules`, only), in item
    /// id order; the same texts are in `document`, inside each item's answer, as the answer
    /// file carries them.
    pub notes: Vec<NoteOut>,
}

/// One item's observations (傾向と対策) and improvement proposal (改善提案).
#[derive(Debug, Serialize, ToSchema)]
pub struct NoteOut {
    /// The catalog item id, e.g. `R3`.
    pub item: String,
    /// 傾向と対策; empty when none was written.
    pub observation: String,
    /// 改善提案; empty when none was written.
    pub proposal: String,
}

impl NoteOut {
    pub fn list(notes: &[mamori_domain::ItemNote]) -> Vec<NoteOut> {
        notes
            .iter()
            .map(|n| NoteOut {
                item: n.item.clone(),
                observation: n.observation.clone(),
                proposal: n.proposal.clone(),
            })
            .collect()
    }
}

impl From<&Assessment> for AssessmentOut {
    fn from(a: &Assessment) -> AssessmentOut {
        AssessmentOut {
            summary: AssessmentSummaryOut::from(&a.summary),
            document: mamori_app::answers::document_of(a),
            result: a.result.clone(),
            notes: NoteOut::list(&a.notes),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssessment {
    /// A catalog id (`mamori catalog list`), e.g. `self-check-25`.
    pub catalog: String,
    /// Answers of a single respondent.
    #[schema(value_type = Option<Object>)]
    pub answers: Option<serde_json::Value>,
    /// Or one answer set per site or department: `[{"name": "本社", "answers": {…}}]`.
    #[schema(value_type = Option<Vec<Object>>)]
    pub respondents: Option<serde_json::Value>,
    /// NIST CSF target tiers per category.
    #[schema(value_type = Option<Object>)]
    pub targets: Option<serde_json::Value>,
    /// Score and submit at once (the answers must then be complete).
    #[serde(default)]
    pub submit: bool,
}

impl NewAssessment {
    /// The answer document the domain reads.
    pub fn document(&self) -> serde_json::Value {
        let mut doc = serde_json::Map::new();
        for (key, value) in [
            ("answers", &self.answers),
            ("respondents", &self.respondents),
            ("targets", &self.targets),
        ] {
            if let Some(v) = value {
                doc.insert(key.into(), v.clone());
            }
        }
        serde_json::Value::Object(doc)
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SavedDraft {
    pub id: i64,
    pub revision: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberOut {
    pub user: UserOut,
    /// `admin`, `consultant`, `member` or `viewer`.
    pub role: String,
    pub since: String,
}

impl From<&Member> for MemberOut {
    fn from(m: &Member) -> MemberOut {
        MemberOut {
            user: UserOut::from(&m.user),
            role: m.role.as_str().to_owned(),
            since: time(m.since),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    pub email: String,
    /// Needed only when the person has no account yet (one is created for them).
    pub name: Option<String>,
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AddedMember {
    pub member: MemberOut,
    /// For a new account: the one-time link (path and query) with which the person chooses a
    /// password. Pass it on; it is shown only this once.
    pub password_link: Option<String>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    pub role: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileIo {
    /// JSIC major group, a letter A-T (E is manufacturing).
    pub industry: Option<String>,
    /// `1-9`, `10-49`, `50-99`, `100-299` or `300+`; derived from `employees` when that is given.
    pub employee_band: Option<String>,
    pub employees: Option<i64>,
    /// One of the 47 prefectures, in Japanese (e.g. 愛知県).
    pub prefecture: Option<String>,
    pub city: Option<String>,
    pub capital_yen: Option<i64>,
    pub parent_company: Option<String>,
    pub supply_chain: Option<String>,
}

impl ProfileIo {
    /// The profile as the shared profile check reads it.
    pub fn input(&self) -> mamori_app::fields::ProfileInput {
        mamori_app::fields::ProfileInput {
            industry: self.industry.clone(),
            employee_band: self.employee_band.clone(),
            employees: self.employees,
            prefecture: self.prefecture.clone(),
            city: self.city.clone(),
            capital_yen: self.capital_yen,
            parent_company: self.parent_company.clone(),
            supply_chain: self.supply_chain.clone(),
        }
    }
}

impl From<&CompanyProfile> for ProfileIo {
    fn from(p: &CompanyProfile) -> ProfileIo {
        ProfileIo {
            industry: p.industry.map(|c| c.to_string()),
            employee_band: p.employee_band.map(|b| b.as_str().to_owned()),
            employees: p.employees,
            prefecture: p.prefecture.clone(),
            city: p.city.clone(),
            capital_yen: p.capital_yen,
            parent_company: p.parent_company.clone(),
            supply_chain: p.supply_chain.clone(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsentOut {
    pub company: OrgRef,
    pub support: OrgRef,
    pub granted_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrgRef {
    pub id: i64,
    pub name: String,
}

impl From<&Consent> for ConsentOut {
    fn from(c: &Consent) -> ConsentOut {
        ConsentOut {
            company: OrgRef {
                id: c.company.id.0,
                name: c.company.name.clone(),
            },
            support: OrgRef {
                id: c.support.id.0,
                name: c.support.name.clone(),
            },
            granted_at: time(c.granted_at),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsent {
    /// The code the support organisation handed out (`7KQ2-M9XD-4TPA-H3RC`; case, spaces,
    /// hyphens and full-width letters do not matter).
    pub support_code: String,
}

/// The code a support organisation gives the companies it serves.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupportCodeOut {
    /// Grouped by four for reading out; companies may type it with or without the hyphens.
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    /// The actor's e-mail address at the time ("system" for the server itself).
    pub actor: String,
    /// What happened, e.g. `assessment.submit`, `member.role`.
    pub action: String,
    /// The same as a sentence in Japanese, as the audit page shows it.
    pub summary: String,
    pub object_type: String,
    pub object_id: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub at: String,
}

impl From<&AuditEntry> for AuditOut {
    fn from(e: &AuditEntry) -> AuditOut {
        AuditOut {
            id: e.id,
            actor: e.actor.clone(),
            action: e.action.clone(),
            summary: mamori_http::audit_text::sentence(e, mamori_domain::Lang::Ja),
            object_type: e.object_type.clone(),
            object_id: e.object_id.clone(),
            detail: e.detail.clone(),
            at: time(e.at),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl From<&ApiToken> for TokenOut {
    fn from(t: &ApiToken) -> TokenOut {
        TokenOut {
            id: t.id.0,
            name: t.name.clone(),
            created_at: time(t.created_at),
            last_used_at: t.last_used_at.map(time),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewTokenOut {
    pub token: TokenOut,
    /// The secret, shown only this once: send it as `Authorization: Bearer <secret>`.
    pub secret: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub name: String,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    #[serde(default)]
    pub site_admin: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PasswordLinkOut {
    /// Path and query of the one-time link; put the server's address in front.
    pub password_link: String,
    pub expires_in_hours: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedUser {
    pub user: UserOut,
    pub password_link: String,
}
