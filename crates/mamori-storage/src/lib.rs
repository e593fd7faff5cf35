//! Mamori's storage: one `Store` over SQLite (the default, embedded) and PostgreSQL (larger
//! deployments). Both run the same SQL through sqlx's `Any` driver; only the DDL of the migrations
//! differs, so no feature is SQLite-only or PostgreSQL-only.
//!
//! Tenancy lives here too: every organisation-scoped query takes an [`OrgScope`], and the only way
//! to get one is [`Store::access`], which checks membership or consent. Handlers cannot forget it.

/// A query text assembled only from constants of this crate (column lists, fixed filters); never
/// from input, which is always bound as a parameter.
macro_rules! sql {
    ($($t:tt)*) => { sqlx::AssertSqlSafe(format!($($t)*)) };
}

mod access;
mod access_cache;
mod actions;
mod assessments;
mod audit;
pub mod backup;
mod consents;
mod error;
mod ids;
mod json_rows;
mod migrate;
mod models;
mod operations;
mod orgs;
mod patch;
mod results;
mod risk;
mod secrets;
mod snapshots;
mod store;
#[cfg(feature = "test-support")]
pub mod testing;
mod users;

pub use access::{Access, Credential, OrgScope, Via};
pub use actions::{Action, ActionUpdate, MAX_PRIORITY, NewAction};
pub use assessments::{AnswerSetInput, AssessmentDraft, SubmittedResult};
pub use audit::{AuditEntry, NewAuditEvent};
pub use consents::{SUPPORT_CODE_LEN, display_support_code, normalise_support_code};
pub use error::StoreError;
pub use ids::ActionId;
pub use ids::{AssessmentId, ContactId, IncidentId, OrgId, RegisterEntryId, TokenId, UserId};
pub use ids::{RiskAssetId, RiskSnapshotId};
pub use models::ThreatKind;
pub use models::{ActionSource, ActionStatus, CsfStage};
pub use models::{
    AnswerSetRow, ApiToken, Assessment, AssessmentStatus, AssessmentSummary, CompanyProfile,
    Consent, EmployeeBand, Member, OrgKind, Organisation, Role, User,
};
pub use operations::{
    Activity, ActivityFields, AlertingEntry, Contact, ContactFields, DatedAction, DatedEntry,
    DisclosureLine, DueAction, EducationTargets, Incident, IncidentEntry, IncidentFields,
    IncidentScope, PersonalFacts, PlanRow, Recipient, RegisterEntry, RegisterFields, Report,
    SecurityRole, SecurityRoles,
};
pub use orgs::Reachable;
pub use patch::Patch;
pub use results::{PeerResult, ScoredAssessment};
pub use risk::{
    RISK_ASSET_FIELDS, RegisterImport, RiskAnswer, RiskAsset, RiskAssetFields, RiskAssetUpdate,
    RiskHistoryEntry, RiskSettings, RiskSnapshot, RiskSnapshotSummary, RiskTreatment, ThreatRating,
    TreatmentInput,
};
pub use secrets::{Secret, hash_secret};
pub use snapshots::CsfSnapshot;
pub use store::{Backend, Store, Timestamp, sqlite_url};
pub use users::{Credentials, SESSION_IDLE, SESSION_MAX, SESSION_MAX_SECS};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
