use serde::{Deserialize, Serialize};

use crate::{AssessmentId, OrgId, Timestamp, TokenId, UserId};

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

text_enum!(
    /// A company uses Mamori for itself; a support organisation (prefecture, chamber of commerce,
    /// consultancy) works with companies that consent to it.
    OrgKind { Company = "company", Support = "support" }
);

text_enum!(
    /// What a member may do in an organisation.
    Role { Admin = "admin", Consultant = "consultant", Member = "member", Viewer = "viewer" }
);

text_enum!(
    /// Employee bands of diagnostics.md §10.
    EmployeeBand { B1to9 = "1-9", B10to49 = "10-49", B50to99 = "50-99", B100to299 = "100-299", B300plus = "300+" }
);

text_enum!(
    AssessmentStatus { Draft = "draft", Submitted = "submitted" }
);

text_enum!(
    /// The two moments of an improvement cycle a NIST CSF profile is kept for.
    CsfStage { Planning = "planning", Evaluation = "evaluation" }
);

text_enum!(
    /// Where an action stands (operations.md §5). Todo and doing are open; done and dropped are
    /// closed.
    ActionStatus { Todo = "todo", Doing = "doing", Done = "done", Dropped = "dropped" }
);

text_enum!(
    /// Where an action came from (operations.md §5).
    ActionSource { Diagnosis = "diagnosis", Risk = "risk", Audit = "audit", Incident = "incident", Other = "other" }
);

impl ActionStatus {
    /// Still to be done (todo or doing).
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::Todo | ActionStatus::Doing)
    }
}

impl Role {
    /// May change the organisation's data (assessments, profile).
    pub fn can_edit(self) -> bool {
        !matches!(self, Role::Viewer)
    }

    /// May manage members, consents and read the audit log.
    pub fn can_administer(self) -> bool {
        matches!(self, Role::Admin)
    }
}

impl EmployeeBand {
    /// The band an exact head count falls in.
    pub fn of(employees: i64) -> Option<EmployeeBand> {
        Some(match employees {
            i64::MIN..=0 => return None,
            1..=9 => EmployeeBand::B1to9,
            10..=49 => EmployeeBand::B10to49,
            50..=99 => EmployeeBand::B50to99,
            100..=299 => EmployeeBand::B100to299,
            _ => EmployeeBand::B300plus,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub id: OrgId,
    pub kind: OrgKind,
    pub name: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub site_admin: bool,
    /// False until the person has chosen a password through their one-time link.
    pub has_password: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user: User,
    pub role: Role,
    pub since: Timestamp,
}

/// Company profile (diagnostics.md §10). Every field is optional: a company fills what it knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyProfile {
    /// JSIC major group letter A-T.
    pub industry: Option<char>,
    pub employee_band: Option<EmployeeBand>,
    pub employees: Option<i64>,
    pub prefecture: Option<String>,
    pub city: Option<String>,
    pub capital_yen: Option<i64>,
    pub parent_company: Option<String>,
    pub supply_chain: Option<String>,
}

impl CompanyProfile {
    /// Manufacturing (製造業) is JSIC major group E.
    pub fn manufacturing(&self) -> Option<bool> {
        self.industry.map(|c| c == 'E')
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Consent {
    pub company: Organisation,
    pub support: Organisation,
    pub granted_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentSummary {
    pub id: AssessmentId,
    pub org_id: OrgId,
    pub catalog_id: String,
    pub catalog_version: String,
    pub status: AssessmentStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub submitted_at: Option<Timestamp>,
    pub revision: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnswerSetRow {
    /// Empty for a single-respondent assessment; the site or department otherwise.
    pub name: String,
    /// The answers as the answer-file interface writes them (may be partial in a draft).
    pub answers: serde_json::Value,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    #[serde(flatten)]
    pub summary: AssessmentSummary,
    pub answer_sets: Vec<AnswerSetRow>,
    pub targets: Option<serde_json::Value>,
    /// The domain engine's result JSON, stored at submission.
    pub result: Option<serde_json::Value>,
    pub created_by: Option<UserId>,
    pub submitted_by: Option<UserId>,
    /// The consultant's notes per item (secondary diagnosis only), in item id order; items
    /// without a note are absent.
    pub notes: Vec<mamori_domain::ItemNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    pub id: TokenId,
    pub name: String,
    pub created_at: Timestamp,
    pub last_used_at: Option<Timestamp>,
}

text_enum!(
    /// Threats rated per medium (脅威の状況, risk.md §2). The domain has no enum for them (its
    /// threat kinds are catalog data), so this is the stored code's list.
    ThreatKind { Leak = "leak", Tamper = "tamper", Loss = "loss", Outage = "outage", Theft = "theft" }
);
