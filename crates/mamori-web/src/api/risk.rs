//! The company's information-asset register and risk analysis over the API (risk.md): the
//! register (情報資産管理台帳), threat ratings per medium (脅威の状況), the countermeasure checklist
//! (対策状況チェック), treatment decisions (リスク対応), settings, the register's history, closed
//! analyses, and the evaluation by the domain engine (`mamori_domain::risk::analyse`).
//!
//! Risk data is a company's: a support organisation answers 404, a viewer reads but gets 403 on
//! every write. Every field is checked here and every problem listed (422), in Japanese and
//! English, naming the field. Codes (media, personal-information kinds, classification,
//! lifecycle, threat kinds, countermeasures) are those of the risk catalog; their Japanese and
//! English names are accepted too and stored as the code.

use std::collections::{BTreeMap, HashSet};

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use mamori_domain::Lang;
use mamori_domain::risk::{
    AnalysisAsset, AnalysisInput, PersonalData, RiskCatalog, RiskLevel, RiskValue, Treatment,
    analyse, builtin_catalog,
};
use mamori_domain::text::Text;
use mamori_storage::{
    OrgScope, PersonalKind, RiskAnswer, RiskAsset, RiskAssetFields, RiskAssetId, RiskAssetUpdate,
    RiskHistoryEntry, RiskSettings, RiskSnapshotId, RiskSnapshotSummary, RiskTreatment, ThreatKind,
    ThreatRating, TreatmentInput, TreatmentOption,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

use super::actions::{calendar_date, company_only, editable};
use super::{ApiJson, Created, time};
use crate::tenancy::OrgAccess;
use crate::{AppError, AppState, FieldProblem};

/// The longest asset name, in characters.
pub const NAME_MAX: usize = 200;
const SHORT_MAX: usize = 100;
const NOTE_MAX: usize = 2000;
/// More people than live in Japan is a typing mistake.
const PERSONS_MAX: i64 = 200_000_000;
/// Per-person compensation above ten million yen is a typing mistake.
const COMPENSATION_MAX: i64 = 10_000_000;
/// One trillion yen: anything above is a typing mistake.
const AMOUNT_MAX: i64 = 1_000_000_000_000;
const TEMPLATE_LINES_MAX: usize = 50;

// --- what the API sends -------------------------------------------------------------------------

/// One row of the register: one asset on one medium.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetOut {
    pub id: i64,
    /// The row's place in the register (ascending).
    pub position: i64,
    /// 業務分類.
    pub business_category: Option<String>,
    /// 情報資産名称.
    pub name: String,
    /// 備考.
    pub note: Option<String>,
    /// 利用者範囲.
    pub users: Option<String>,
    /// 管理部署.
    pub owner_department: Option<String>,
    /// 媒体・保存先: `paper`, `office_pc`, `mobile`, `removable`, `internal_server` or
    /// `external_server`.
    pub medium: String,
    /// 個人情報の種類: `personal`, `sensitive`, `my_number`.
    pub personal: Vec<String>,
    /// How many people's data it holds.
    pub persons: Option<i64>,
    /// 情報管理区分: `top_secret`, `secret`, `internal` or `public`.
    pub classification: Option<String>,
    /// リスク所有者.
    pub risk_owner: Option<String>,
    /// 機密性 0-2.
    pub c: i64,
    /// 完全性 0-2.
    pub i: i64,
    /// 可用性 0-2.
    pub a: i64,
    /// 保存期限, a date or a period as written.
    pub retention: Option<String>,
    /// 登録日, `YYYY-MM-DD`.
    pub registered: Option<String>,
    /// `create`, `store`, `use`, `share`, `archive` or `dispose`.
    pub lifecycle: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<&RiskAsset> for AssetOut {
    fn from(a: &RiskAsset) -> AssetOut {
        let f = &a.fields;
        AssetOut {
            id: a.id.0,
            position: a.position,
            business_category: f.business_category.clone(),
            name: f.name.clone(),
            note: f.note.clone(),
            users: f.users.clone(),
            owner_department: f.owner_department.clone(),
            medium: f.medium.clone(),
            personal: f.personal.iter().map(|p| p.as_str().to_owned()).collect(),
            persons: f.persons,
            classification: f.classification.clone(),
            risk_owner: f.risk_owner.clone(),
            c: f.c,
            i: f.i,
            a: f.a,
            retention: f.retention.clone(),
            registered: f.registered.clone(),
            lifecycle: f.lifecycle.clone(),
            created_at: time(a.created_at),
            updated_at: time(a.updated_at),
        }
    }
}

/// How often one kind of threat occurs to one medium.
#[derive(Debug, Serialize, ToSchema)]
pub struct ThreatOut {
    pub medium: String,
    /// `leak`, `tamper`, `loss`, `outage` or `theft`.
    pub kind: String,
    /// 1 does not normally occur, 2 in specific situations, 3 any time.
    pub frequency: i64,
}

impl From<&ThreatRating> for ThreatOut {
    fn from(t: &ThreatRating) -> ThreatOut {
        ThreatOut {
            medium: t.medium.clone(),
            kind: t.kind.as_str().to_owned(),
            frequency: t.frequency,
        }
    }
}

/// An answer on the countermeasure checklist.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerOut {
    /// The countermeasure's id in the checklist (`"4-3"`).
    pub item: String,
    /// 1 done, 2 partly, 3 not done or unknown, 4 not applicable.
    pub answer: i64,
    pub note: Option<String>,
}

impl From<&RiskAnswer> for AnswerOut {
    fn from(a: &RiskAnswer) -> AnswerOut {
        AnswerOut {
            item: a.item_id.clone(),
            answer: a.answer,
            note: a.note.clone(),
        }
    }
}

/// The treatment decision of one asset.
#[derive(Debug, Serialize, ToSchema)]
pub struct TreatmentOut {
    pub asset_id: i64,
    /// `avoid`, `reduce`, `transfer` or `accept`.
    pub option: String,
    /// The planned countermeasures.
    pub planned: Option<String>,
    /// The action of the action list that carries the planned measures.
    pub action_id: Option<i64>,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// The risk value expected after the planned measures, 0-6.
    pub residual_risk: Option<i64>,
    /// Who accepted the residual risk, and when (`YYYY-MM-DD`).
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    pub updated_at: String,
}

impl From<&RiskTreatment> for TreatmentOut {
    fn from(t: &RiskTreatment) -> TreatmentOut {
        TreatmentOut {
            asset_id: t.asset_id.0,
            option: t.option.as_str().to_owned(),
            planned: t.planned.clone(),
            action_id: t.action_id.map(|a| a.0),
            owner: t.owner.clone(),
            due_date: t.due_date.clone(),
            residual_risk: t.residual_risk,
            approved_by: t.approved_by.clone(),
            approved_on: t.approved_on.clone(),
            updated_at: time(t.updated_at),
        }
    }
}

/// One line of the incident cost model.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CostLine {
    pub label: String,
    pub amount_yen: i64,
}

/// The company's risk settings.
#[derive(Debug, Serialize, ToSchema)]
pub struct SettingsOut {
    /// A residual risk at or below it may be accepted (0-6, default 3).
    pub acceptance_threshold: i64,
    /// Yen per person for the personal-data leak estimate (default 28308, JNSA).
    pub compensation_per_person: i64,
    /// The company's incident cost lines; `null` until it edits them.
    pub incident_cost_template: Option<Vec<CostLine>>,
    /// `null` while the defaults apply.
    pub updated_at: Option<String>,
}

impl From<&RiskSettings> for SettingsOut {
    fn from(s: &RiskSettings) -> SettingsOut {
        SettingsOut {
            acceptance_threshold: s.acceptance_threshold,
            compensation_per_person: s.compensation_per_person,
            incident_cost_template: s
                .incident_cost_template
                .clone()
                .and_then(|v| serde_json::from_value(v).ok()),
            updated_at: s.updated_at.map(time),
        }
    }
}

/// One entry of the register's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryOut {
    pub id: i64,
    pub asset_id: i64,
    /// The e-mail of the person who made the change.
    pub actor: String,
    pub at: String,
    /// `{"action": "create" | "update" | "delete" | "import" | "treatment", "fields": {field:
    /// {"before": …, "after": …}}}`.
    #[schema(value_type = Object)]
    pub change: Value,
}

impl From<&RiskHistoryEntry> for HistoryOut {
    fn from(h: &RiskHistoryEntry) -> HistoryOut {
        HistoryOut {
            id: h.id,
            asset_id: h.asset_id.0,
            actor: h.actor.clone(),
            at: time(h.at),
            change: h.change.clone(),
        }
    }
}

/// A closed analysis.
#[derive(Debug, Serialize, ToSchema)]
pub struct SnapshotSummaryOut {
    pub id: i64,
    pub title: String,
    pub closed_at: String,
    /// The user who closed it.
    pub closed_by: Option<i64>,
}

impl From<&RiskSnapshotSummary> for SnapshotSummaryOut {
    fn from(s: &RiskSnapshotSummary) -> SnapshotSummaryOut {
        SnapshotSummaryOut {
            id: s.id.0,
            title: s.title.clone(),
            closed_at: time(s.closed_at),
            closed_by: s.closed_by.map(|u| u.0),
        }
    }
}

/// A closed analysis with everything it held when it was closed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SnapshotOut {
    #[serde(flatten)]
    pub summary: SnapshotSummaryOut,
    /// `assets`, `threats`, `countermeasures`, `treatments`, `settings` and `evaluation` as this
    /// API sent them at that moment, and the risk catalog's `catalog` id and version.
    #[schema(value_type = Object)]
    pub data: Value,
}

/// A medium's threat, vulnerability and likelihood.
#[derive(Debug, Serialize, ToSchema)]
pub struct MediumOut {
    pub medium: String,
    /// The highest rated frequency of its threats; `null` until one is rated.
    pub threat: Option<u8>,
    /// 1-3 from the countermeasures that protect it.
    pub vulnerability: u8,
    /// `null` while the threat is not rated.
    pub likelihood: Option<u8>,
    /// Assets kept on it.
    pub assets: u32,
    /// Holds a high-risk asset.
    pub high_risk: bool,
}

/// One asset's evaluation.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssetRiskOut {
    pub id: i64,
    pub name: String,
    pub medium: String,
    /// 重要度 0-2.
    pub importance: u8,
    /// Personal data, not C/I/A, made the importance 2.
    pub importance_raised_by_personal_data: bool,
    pub threat: Option<u8>,
    pub vulnerability: u8,
    /// 被害発生可能性 1-3; `null` (like the fields below) while the medium's threat is not rated.
    pub likelihood: Option<u8>,
    /// リスク値 0-6.
    pub risk_value: Option<u8>,
    /// `high` (4-6), `medium` (1-3) or `low` (0).
    pub level: Option<String>,
    /// The suggested treatment for medium and high risk (our rule, risk.md §5).
    pub suggested_treatment: Option<String>,
    /// The risk value is at or below the acceptance threshold.
    pub may_accept: Option<bool>,
    /// The treatment chosen, if any, and its residual risk.
    pub treatment: Option<String>,
    pub residual_risk: Option<i64>,
}

/// A regulation chapter's implementation rate and whether its regulation needs writing.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChapterOut {
    /// 1-11.
    pub chapter: u8,
    pub title: String,
    pub applicable: u32,
    pub done: u32,
    pub partly: u32,
    /// 対策の実施率 in percent; `null` when nothing in the chapter applies.
    pub rate_percent: Option<i64>,
    /// 規程策定の必要性.
    pub regulation_needed: bool,
}

/// Assets by level.
#[derive(Debug, Serialize, ToSchema)]
pub struct LevelsOut {
    pub high: u32,
    pub medium: u32,
    pub low: u32,
    /// Assets whose medium has no rated threat yet.
    pub unrated: u32,
}

/// The company's risk analysis as the domain engine computes it (risk.md §1-5).
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationOut {
    /// The risk catalog the evaluation used, `id@version`.
    pub catalog: String,
    pub acceptance_threshold: i64,
    /// Every medium of the catalog.
    pub media: Vec<MediumOut>,
    /// Every asset, in register order.
    pub assets: Vec<AssetRiskOut>,
    /// Assets counted by importance (0-2, outer) and likelihood (1-3, inner).
    pub heat_map: Vec<Vec<u32>>,
    pub levels: LevelsOut,
    pub chapters: Vec<ChapterOut>,
    /// The chapters whose regulation needs writing or reviewing.
    pub regulations_needed: Vec<u8>,
    /// Countermeasures not answered yet (counted as 3, not done).
    pub unanswered: Vec<String>,
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOut {
    pub added: u64,
    pub removed: u64,
}

// --- what the API receives ----------------------------------------------------------------------

/// A field that is present, even as `null` (absent fields take the default, `None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// An asset's fields. Creating (`POST`) and replacing (`PUT`) need `name`, `medium`, `c`, `i`
/// and `a`; other fields left out are empty (`registered` is today for a new asset). In a bulk
/// change only the fields given change, and `null` clears an optional one. Codes may be given by
/// their Japanese or English names (`"事務所PC"`, `"社外秘"`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssetIn {
    /// 業務分類, up to 100 characters.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub business_category: Option<Value>,
    /// 情報資産名称, up to 200 characters.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String)]
    pub name: Option<Value>,
    /// 備考, up to 2000 characters.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub note: Option<Value>,
    /// 利用者範囲.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub users: Option<Value>,
    /// 管理部署.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub owner_department: Option<Value>,
    /// `paper`, `office_pc`, `mobile`, `removable`, `internal_server` or `external_server`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = String)]
    pub medium: Option<Value>,
    /// A list of `personal`, `sensitive`, `my_number` (or one text, comma-separated).
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<Vec<String>>)]
    pub personal: Option<Value>,
    /// 0 or more.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub persons: Option<Value>,
    /// `top_secret`, `secret`, `internal` or `public`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub classification: Option<Value>,
    /// リスク所有者.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub risk_owner: Option<Value>,
    /// 機密性 0-2.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64)]
    pub c: Option<Value>,
    /// 完全性 0-2.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64)]
    pub i: Option<Value>,
    /// 可用性 0-2.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = i64)]
    pub a: Option<Value>,
    /// 保存期限: a date or a period ("5年").
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub retention: Option<Value>,
    /// 登録日 `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Date)]
    pub registered: Option<Value>,
    /// `create`, `store`, `use`, `share`, `archive` or `dispose`.
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub lifecycle: Option<Value>,
}

/// One row of a bulk change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BulkChange {
    pub id: i64,
    /// The fields to change.
    pub changes: AssetIn,
}

/// A confirmed import.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportIn {
    pub rows: Vec<AssetIn>,
    /// Replace the register (its rows and their treatments are removed) instead of appending.
    #[serde(default)]
    pub replace: bool,
}

/// A threat rating.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ThreatIn {
    #[serde(default)]
    #[schema(value_type = String)]
    pub medium: Value,
    /// `leak`, `tamper`, `loss`, `outage` or `theft` (as the catalog asks them for the medium).
    #[serde(default)]
    #[schema(value_type = String)]
    pub kind: Value,
    /// 1-3.
    #[serde(default)]
    #[schema(value_type = i64)]
    pub frequency: Value,
}

/// A checklist answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerIn {
    /// A countermeasure id of the catalog (`"4-3"`).
    #[serde(default)]
    #[schema(value_type = String)]
    pub item: Value,
    /// 1 done, 2 partly, 3 not done or unknown, 4 not applicable.
    #[serde(default)]
    #[schema(value_type = i64)]
    pub answer: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub note: Value,
}

/// A treatment decision. Only `option` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatmentIn {
    /// `avoid`, `reduce`, `transfer` or `accept` (or 回避, 低減, 移転・転嫁, 受容).
    #[serde(default)]
    #[schema(value_type = String)]
    pub option: Value,
    /// The planned countermeasures, up to 2000 characters.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub planned: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub owner: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Value,
    /// 0-6. Accepting needs it at or below the acceptance threshold.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub residual_risk: Value,
    /// The person who accepted the residual risk.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub approved_by: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub approved_on: Value,
    /// Put the planned measures into the action list (a new action, or the linked one updated).
    #[serde(default)]
    #[schema(value_type = Option<bool>)]
    pub to_action: Value,
}

/// The settings; a field left out or `null` takes its default.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsIn {
    /// 0-6 (default 3).
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub acceptance_threshold: Value,
    /// Yen per person (default 28308).
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub compensation_per_person: Value,
    /// Up to 50 lines of `{"label", "amount_yen"}`; `null` for the built-in template.
    #[serde(default)]
    #[schema(value_type = Option<Vec<CostLine>>)]
    pub incident_cost_template: Value,
}

/// Closing an analysis.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseIn {
    /// Up to 200 characters; "リスク分析 YYYY-MM-DD" when left out.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub title: Value,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct HistoryQuery {
    /// Only this asset's entries.
    pub asset: Option<i64>,
    /// Entries older than this id (the `id` of the last entry of the previous page).
    pub before: Option<i64>,
    /// At most this many entries (1-500, default 100).
    pub limit: Option<i64>,
}

// --- checks ---------------------------------------------------------------------------------------

/// Problems, with a prefix for the place in a list (`[3].`, `rows[3].`).
struct Check {
    problems: Vec<FieldProblem>,
    prefix: String,
}

impl Check {
    fn new() -> Check {
        Check {
            problems: Vec::new(),
            prefix: String::new(),
        }
    }

    fn problem(&mut self, field: &str, ja: impl Into<String>, en: impl Into<String>) {
        self.problems
            .push(FieldProblem::new(format!("{}{field}", self.prefix), ja).en(en));
    }

    fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self.problems))
        }
    }

    /// Text: strings and numbers, trimmed; `null` and "" are `Some(None)`; `None` after a problem.
    fn text(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
        max: usize,
        lines: bool,
    ) -> Option<Option<String>> {
        let t = match v {
            Value::Null => return Some(None),
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            _ => {
                self.problem(
                    field,
                    format!("{label}は文字で入力してください。"),
                    format!("Give the {label_en} as text."),
                );
                return None;
            }
        };
        if t.is_empty() {
            return Some(None);
        }
        if t.chars().count() > max {
            self.problem(
                field,
                format!("{label}は{max}文字以内にしてください。"),
                format!("The {label_en} can be at most {max} characters."),
            );
            return None;
        }
        if t.chars()
            .any(|c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
        {
            let (what, what_en) = if lines {
                ("制御文字", "control characters")
            } else {
                ("改行や制御文字", "line breaks or control characters")
            };
            self.problem(
                field,
                format!("{label}に{what}は使えません。"),
                format!("The {label_en} cannot contain {what_en}."),
            );
            return None;
        }
        Some(Some(t))
    }

    /// Required text.
    fn required_text(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        max: usize,
    ) -> Option<String> {
        match self.text(field, label, v, max, false)? {
            Some(t) => Some(t),
            None => {
                self.problem(
                    field,
                    format!("{}を入力してください。", label.0),
                    format!("Enter the {}.", label.1),
                );
                None
            }
        }
    }

    /// A whole number in a range (a JSON number, or text such as "12,000"); `Some(None)` for
    /// `null` or "".
    fn integer(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<Option<i64>> {
        let n = match v {
            Value::Null => return Some(None),
            Value::String(s) if s.trim().is_empty() => return Some(None),
            Value::Number(n) => n.as_i64(),
            Value::String(s) => integer(s),
            _ => None,
        };
        match n {
            Some(n) if range.contains(&n) => Some(Some(n)),
            _ => {
                let (lo, hi) = (range.start(), range.end());
                let (ja, en) = if hi - lo <= 6 {
                    let list: Vec<String> = range.clone().map(|k| k.to_string()).collect();
                    (
                        format!("{label}は{}のいずれかで入力してください。", list.join("、")),
                        format!("The {label_en} must be one of {}.", list.join(", ")),
                    )
                } else {
                    (
                        format!("{label}は{lo}から{hi}までの整数で入力してください。"),
                        format!("The {label_en} must be a whole number from {lo} to {hi}."),
                    )
                };
                self.problem(field, ja, en);
                None
            }
        }
    }

    fn required_integer(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        match self.integer(field, label, v, range.clone())? {
            Some(n) => Some(n),
            None => {
                let (lo, hi) = (range.start(), range.end());
                self.problem(
                    field,
                    format!("{}を{lo}から{hi}で入力してください。", label.0),
                    format!("Enter the {} ({lo} to {hi}).", label.1),
                );
                None
            }
        }
    }

    /// A real calendar date.
    fn date(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
    ) -> Option<Option<String>> {
        let Some(t) = self.text(field, (label, label_en), v, 20, false)? else {
            return Some(None);
        };
        match calendar_date(&t) {
            Some(d) => Some(Some(d)),
            None => {
                self.problem(
                    field,
                    format!(
                        "{label}「{t}」は日付として読めません。2026-06-30 のように、実在する日付を入力してください。"
                    ),
                    format!("The {label_en} “{t}” is not a date. Enter a real date such as 2026-06-30."),
                );
                None
            }
        }
    }

    /// A code of the catalog, given as the code or its Japanese or English name.
    fn code<'c>(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
        choices: &[(&'c str, &'c Text)],
    ) -> Option<Option<&'c str>> {
        let Some(t) = self.text(field, (label, label_en), v, 100, false)? else {
            return Some(None);
        };
        // The name without its explanation in brackets counts too: 特定個人情報（マイナンバー）.
        let found = choices.iter().find(|(code, name)| {
            *code == t
                || name.ja == t
                || name.ja.split('（').next() == Some(t.as_str())
                || name.en.eq_ignore_ascii_case(&t)
        });
        match found {
            Some((code, _)) => Some(Some(code)),
            None => {
                let ja: Vec<String> = choices
                    .iter()
                    .map(|(code, name)| format!("{}（{code}）", name.ja))
                    .collect();
                let en: Vec<&str> = choices.iter().map(|(code, _)| *code).collect();
                self.problem(
                    field,
                    format!(
                        "{label}「{t}」は選べません。{}のいずれかにしてください。",
                        ja.join("、")
                    ),
                    format!(
                        "The {label_en} “{t}” is not one of the choices: {}.",
                        en.join(", ")
                    ),
                );
                None
            }
        }
    }
}

/// A whole number as people type it: "12,000", "１２０００", "12000円", "40人".
fn integer(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '　' | '円' | '人' | '名'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    cleaned.parse().ok()
}

fn catalog() -> &'static RiskCatalog {
    builtin_catalog()
}

fn media_choices(catalog: &RiskCatalog) -> Vec<(&str, &Text)> {
    catalog
        .media
        .iter()
        .map(|m| (m.code.as_str(), &m.name))
        .collect()
}

const CIA: [(&str, (&str, &str)); 3] = [
    ("c", ("機密性（C）", "confidentiality (C)")),
    ("i", ("完全性（I）", "integrity (I)")),
    ("a", ("可用性（A）", "availability (A)")),
];

/// Checks an asset's fields. With `patch`, only the fields given are looked at; otherwise a
/// field left out counts as `null` (and the required ones must be there).
fn check_asset(input: &AssetIn, c: &mut Check, patch: bool) -> RiskAssetUpdate {
    let catalog = catalog();
    let null = Value::Null;
    let mut u = RiskAssetUpdate::default();
    // A text field: `None` when left out of a change or when it had a problem (reported).
    let text = |c: &mut Check,
                name: &str,
                label: (&str, &str),
                v: &Option<Value>,
                max: usize,
                lines: bool|
     -> Option<Option<String>> {
        given(v, patch, &null).and_then(|v| c.text(name, label, v, max, lines))
    };
    // A coded field of the catalog.
    let code = |c: &mut Check,
                name: &str,
                label: (&str, &str),
                v: &Option<Value>,
                choices: &[(&str, &Text)]|
     -> Option<Option<String>> {
        given(v, patch, &null)
            .and_then(|v| c.code(name, label, v, choices))
            .map(|x| x.map(str::to_owned))
    };
    // In the register's column order, so problems are listed as the fields appear.
    u.business_category = text(
        c,
        "business_category",
        ("業務分類", "business category"),
        &input.business_category,
        SHORT_MAX,
        false,
    );
    if let Some(v) = given(&input.name, patch, &null) {
        u.name = c.required_text("name", ("情報資産名称", "asset name"), v, NAME_MAX);
    }
    u.note = text(c, "note", ("備考", "note"), &input.note, NOTE_MAX, true);
    u.users = text(
        c,
        "users",
        ("利用者範囲", "users"),
        &input.users,
        SHORT_MAX * 2,
        false,
    );
    u.owner_department = text(
        c,
        "owner_department",
        ("管理部署", "owning department"),
        &input.owner_department,
        SHORT_MAX,
        false,
    );
    let media = media_choices(catalog);
    match code(
        c,
        "medium",
        ("媒体・保存先", "medium"),
        &input.medium,
        &media,
    ) {
        Some(Some(m)) => u.medium = Some(m),
        Some(None) => c.problem(
            "medium",
            "媒体・保存先を選んでください。",
            "Choose the medium.",
        ),
        None => {}
    }
    if let Some(v) = given(&input.personal, patch, &null) {
        u.personal = personal(c, v);
    }
    if let Some(v) = given(&input.persons, patch, &null) {
        u.persons = c.integer("persons", ("人数", "number of persons"), v, 0..=PERSONS_MAX);
    }
    let classifications: Vec<(&str, &Text)> = catalog
        .classifications
        .iter()
        .map(|x| (x.code.as_str(), &x.name))
        .collect();
    u.classification = code(
        c,
        "classification",
        ("情報管理区分", "classification"),
        &input.classification,
        &classifications,
    );
    u.risk_owner = text(
        c,
        "risk_owner",
        ("リスク所有者", "risk owner"),
        &input.risk_owner,
        SHORT_MAX,
        false,
    );
    for (name, label) in CIA {
        let v = match name {
            "c" => &input.c,
            "i" => &input.i,
            _ => &input.a,
        };
        if let Some(v) = given(v, patch, &null) {
            let rating = c.required_integer(name, label, v, 0..=2);
            match name {
                "c" => u.c = rating,
                "i" => u.i = rating,
                _ => u.a = rating,
            }
        }
    }
    u.retention = text(
        c,
        "retention",
        ("保存期限", "retention"),
        &input.retention,
        SHORT_MAX,
        false,
    );
    if let Some(v) = given(&input.registered, patch, &null) {
        u.registered = c.date("registered", ("登録日", "registration date"), v);
    }
    let stages: Vec<(&str, &Text)> = catalog
        .lifecycle
        .iter()
        .map(|x| (x.code.as_str(), &x.name))
        .collect();
    u.lifecycle = code(
        c,
        "lifecycle",
        ("ライフサイクル", "lifecycle stage"),
        &input.lifecycle,
        &stages,
    );
    u
}

/// The field's value: as given; left out of a change, `None`; left out of a whole asset, `null`.
fn given<'a>(v: &'a Option<Value>, patch: bool, null: &'a Value) -> Option<&'a Value> {
    match v {
        Some(v) => Some(v),
        None if patch => None,
        None => Some(null),
    }
}

/// Personal-information kinds: a list, or one text separated by commas.
fn personal(c: &mut Check, v: &Value) -> Option<Vec<PersonalKind>> {
    let catalog = catalog();
    let choices: Vec<(&str, &Text)> = catalog
        .personal_data
        .iter()
        .map(|x| (x.code.as_str(), &x.name))
        .collect();
    let items: Vec<Value> = match v {
        Value::Null => Vec::new(),
        Value::Array(list) => list.clone(),
        Value::String(s) => s
            .split([',', '、', '，'])
            .map(|p| Value::String(p.trim().to_owned()))
            .filter(|p| p.as_str() != Some(""))
            .collect(),
        _ => {
            c.problem(
                "personal",
                "個人情報の種類は personal、sensitive、my_number の一覧で指定してください。",
                "Give the personal information kinds as a list of personal, sensitive, my_number.",
            );
            return None;
        }
    };
    let mut kinds = Vec::new();
    let mut ok = true;
    for (k, item) in items.iter().enumerate() {
        let label = ("個人情報の種類", "personal information kind");
        match c.code(&format!("personal[{k}]"), label, item, &choices) {
            Some(Some(code)) => kinds.extend(PersonalKind::parse(code)),
            Some(None) => {}
            None => ok = false,
        }
    }
    ok.then_some(kinds)
}

/// All the fields of a new or replaced asset, or `None` when a check failed.
fn whole(u: RiskAssetUpdate) -> Option<RiskAssetFields> {
    Some(RiskAssetFields {
        business_category: u.business_category?,
        name: u.name?,
        note: u.note?,
        users: u.users?,
        owner_department: u.owner_department?,
        medium: u.medium?,
        personal: u.personal?,
        persons: u.persons?,
        classification: u.classification?,
        risk_owner: u.risk_owner?,
        c: u.c?,
        i: u.i?,
        a: u.a?,
        retention: u.retention?,
        registered: u.registered?,
        lifecycle: u.lifecycle?,
    })
}

/// Today in Japan, `YYYY-MM-DD`.
fn today_jst() -> String {
    let d = ::time::OffsetDateTime::now_utc()
        .to_offset(::time::macros::offset!(+9))
        .date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A new asset's fields; the registration date is today when not given.
fn check_new_asset(input: &AssetIn, c: &mut Check) -> Option<RiskAssetFields> {
    let mut u = check_asset(input, c, false);
    if u.registered == Some(None) {
        u.registered = Some(Some(today_jst()));
    }
    whole(u)
}

fn check_treatment(input: &TreatmentIn, threshold: i64) -> Result<TreatmentInput, AppError> {
    let mut c = Check::new();
    let option = match c.text(
        "option",
        ("対応", "treatment option"),
        &input.option,
        20,
        false,
    ) {
        Some(Some(t)) => {
            let found = TreatmentOption::ALL.iter().copied().find(|o| {
                o.as_str() == t
                    || o.label_ja() == t
                    || (*o == TreatmentOption::Transfer && (t == "移転" || t == "転嫁"))
            });
            if found.is_none() {
                c.problem(
                    "option",
                    "対応は avoid（回避）、reduce（低減）、transfer（移転・転嫁）、accept（受容）のいずれかにしてください。",
                    "The treatment option must be avoid, reduce, transfer or accept.",
                );
            }
            found
        }
        Some(None) => {
            c.problem(
                "option",
                "対応（回避・低減・移転・受容）を選んでください。",
                "Choose the treatment option (avoid, reduce, transfer or accept).",
            );
            None
        }
        None => None,
    };
    let planned = c.text(
        "planned",
        ("予定している対策", "planned countermeasures"),
        &input.planned,
        NOTE_MAX,
        true,
    );
    let owner = c.text("owner", ("担当者", "owner"), &input.owner, SHORT_MAX, false);
    let due_date = c.date("due_date", ("期限", "due date"), &input.due_date);
    let residual = c.integer(
        "residual_risk",
        ("残留リスク", "residual risk"),
        &input.residual_risk,
        0..=6,
    );
    let approved_by = c.text(
        "approved_by",
        ("承認者", "approver"),
        &input.approved_by,
        SHORT_MAX,
        false,
    );
    let approved_on = c.date(
        "approved_on",
        ("承認日", "approval date"),
        &input.approved_on,
    );
    let to_action = match &input.to_action {
        Value::Null => false,
        Value::Bool(b) => *b,
        _ => {
            c.problem(
                "to_action",
                "to_action は true か false で指定してください。",
                "Give to_action as true or false.",
            );
            false
        }
    };
    if let (Some(Some(_)), Some(None)) = (&approved_on, &approved_by) {
        c.problem(
            "approved_by",
            "承認日を入れるときは、承認した人の名前も入力してください。",
            "Enter the name of the person who approved as well as the date.",
        );
    }
    if let (Some(TreatmentOption::Accept), Some(Some(r))) = (option, residual) {
        let fits = RiskValue::new(r)
            .zip(RiskValue::new(threshold))
            .is_some_and(|(r, t)| mamori_domain::risk::may_accept(r, t));
        if !fits {
            c.problem(
                "residual_risk",
                format!(
                    "残留リスク {r} は受容できる基準（{threshold}以下）を超えています。対策でリスクを下げるか、基準を見直してください。"
                ),
                format!(
                    "A residual risk of {r} is above the acceptance threshold ({threshold}). Lower the risk with countermeasures, or review the threshold."
                ),
            );
        }
    }
    if to_action && matches!(planned, Some(None)) {
        c.problem(
            "planned",
            "対策リストに入れるには、予定している対策を入力してください。",
            "Enter the planned countermeasures to put them into the action list.",
        );
    }
    let input = (|| {
        Some(TreatmentInput {
            option: option?,
            planned: planned?,
            owner: owner?,
            due_date: due_date?,
            residual_risk: residual?,
            approved_by: approved_by?,
            approved_on: approved_on?,
            to_action,
        })
    })();
    match input {
        Some(t) => c.finish(t),
        None => Err(AppError::Invalid(c.problems)),
    }
}

fn check_threats(input: &[ThreatIn]) -> Result<Vec<ThreatRating>, AppError> {
    let catalog = catalog();
    let media = media_choices(catalog);
    let mut c = Check::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (n, t) in input.iter().enumerate() {
        c.prefix = format!("[{n}].");
        let medium = c
            .code("medium", ("媒体・保存先", "medium"), &t.medium, &media)
            .flatten();
        let asked: Vec<(&str, &Text)> = medium
            .and_then(|m| catalog.medium_position(m))
            .map(|m| {
                catalog
                    .threats_of(m)
                    .iter()
                    .map(|&k| (catalog.threats[k].code.as_str(), &catalog.threats[k].name))
                    .collect()
            })
            .unwrap_or_default();
        let kind = if medium.is_some() {
            c.code("kind", ("脅威の種類", "threat kind"), &t.kind, &asked)
                .flatten()
        } else {
            None
        };
        let frequency = c.required_integer(
            "frequency",
            ("脅威の発生頻度", "threat frequency"),
            &t.frequency,
            1..=3,
        );
        if medium.is_some() && kind.is_none() && t.kind.is_null() {
            c.problem(
                "kind",
                "脅威の種類を選んでください。",
                "Choose the threat kind.",
            );
        }
        if medium.is_none() && t.medium.is_null() {
            c.problem(
                "medium",
                "媒体・保存先を選んでください。",
                "Choose the medium.",
            );
        }
        let (Some(medium), Some(kind), Some(frequency)) = (medium, kind, frequency) else {
            continue;
        };
        if !seen.insert((medium, kind)) {
            c.problem(
                "kind",
                "同じ媒体の同じ脅威が二度あります。",
                "The same threat of the same medium is given twice.",
            );
            continue;
        }
        out.extend(ThreatKind::parse(kind).map(|kind| ThreatRating {
            medium: medium.to_owned(),
            kind,
            frequency,
        }));
    }
    c.finish(out)
}

fn check_answers(input: &[AnswerIn]) -> Result<Vec<RiskAnswer>, AppError> {
    let catalog = catalog();
    let mut c = Check::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (n, a) in input.iter().enumerate() {
        c.prefix = format!("[{n}].");
        let item = match c.text(
            "item",
            ("対策の番号", "countermeasure id"),
            &a.item,
            20,
            false,
        ) {
            Some(Some(id)) if catalog.countermeasure(&id).is_some() => Some(id),
            Some(Some(id)) => {
                c.problem(
                    "item",
                    format!("対策状況チェックに「{id}」という対策はありません。"),
                    format!("The countermeasure checklist has no item “{id}”."),
                );
                None
            }
            Some(None) => {
                c.problem(
                    "item",
                    "対策の番号を指定してください。",
                    "Give the countermeasure id.",
                );
                None
            }
            None => None,
        };
        let answer = c.required_integer("answer", ("回答", "answer"), &a.answer, 1..=4);
        let note = c.text("note", ("メモ", "note"), &a.note, NOTE_MAX, true);
        let (Some(item), Some(answer), Some(note)) = (item, answer, note) else {
            continue;
        };
        if !seen.insert(item.clone()) {
            c.problem(
                "item",
                format!("対策「{item}」の回答が二つあります。"),
                format!("Countermeasure “{item}” is answered twice."),
            );
            continue;
        }
        out.push(RiskAnswer {
            item_id: item,
            answer,
            note,
        });
    }
    c.finish(out)
}

fn check_settings(input: &SettingsIn) -> Result<RiskSettings, AppError> {
    let defaults = RiskSettings::default();
    let mut c = Check::new();
    let threshold = c.integer(
        "acceptance_threshold",
        ("リスク受容の基準", "acceptance threshold"),
        &input.acceptance_threshold,
        0..=6,
    );
    let compensation = c.integer(
        "compensation_per_person",
        ("1人あたりの損害賠償額", "compensation per person"),
        &input.compensation_per_person,
        0..=COMPENSATION_MAX,
    );
    let template = match &input.incident_cost_template {
        Value::Null => Some(None),
        Value::Array(lines) if lines.len() <= TEMPLATE_LINES_MAX => {
            let mut out = Vec::new();
            let mut ok = true;
            for (n, line) in lines.iter().enumerate() {
                c.prefix = format!("incident_cost_template[{n}].");
                let Some(fields) = line.as_object() else {
                    c.problem(
                        "label",
                        "費用の行は {\"label\", \"amount_yen\"} で指定してください。",
                        "Give each cost line as {\"label\", \"amount_yen\"}.",
                    );
                    ok = false;
                    continue;
                };
                if let Some(key) = fields.keys().find(|k| *k != "label" && *k != "amount_yen") {
                    c.problem(
                        key,
                        format!("費用の行に「{key}」という項目はありません（label と amount_yen だけです）。"),
                        format!("A cost line has no field “{key}” (only label and amount_yen)."),
                    );
                    ok = false;
                }
                let null = Value::Null;
                let label = c.required_text(
                    "label",
                    ("費用の項目名", "cost item"),
                    fields.get("label").unwrap_or(&null),
                    SHORT_MAX,
                );
                let amount = c.required_integer(
                    "amount_yen",
                    ("金額（円）", "amount in yen"),
                    fields.get("amount_yen").unwrap_or(&null),
                    0..=AMOUNT_MAX,
                );
                match (label, amount) {
                    (Some(label), Some(amount_yen)) => out.push(CostLine { label, amount_yen }),
                    _ => ok = false,
                }
            }
            c.prefix.clear();
            ok.then(|| Some(json!(out)))
        }
        Value::Array(_) => {
            c.problem(
                "incident_cost_template",
                format!("費用の行は{TEMPLATE_LINES_MAX}行までです。"),
                format!("The cost model can have at most {TEMPLATE_LINES_MAX} lines."),
            );
            None
        }
        _ => {
            c.problem(
                "incident_cost_template",
                "費用のひな形は行の一覧（または null）で指定してください。",
                "Give the cost template as a list of lines (or null).",
            );
            None
        }
    };
    let settings = (|| {
        Some(RiskSettings {
            acceptance_threshold: threshold?.unwrap_or(defaults.acceptance_threshold),
            compensation_per_person: compensation?.unwrap_or(defaults.compensation_per_person),
            incident_cost_template: template?,
            updated_at: None,
        })
    })();
    match settings {
        Some(s) => c.finish(s),
        None => Err(AppError::Invalid(c.problems)),
    }
}

// --- the evaluation -------------------------------------------------------------------------------

/// Everything the analysis is computed from.
struct Gathered {
    assets: Vec<RiskAsset>,
    threats: Vec<ThreatRating>,
    answers: Vec<RiskAnswer>,
    treatments: Vec<RiskTreatment>,
    settings: RiskSettings,
}

async fn gather(state: &AppState, scope: &OrgScope) -> Result<Gathered, AppError> {
    let store = state.store();
    Ok(Gathered {
        assets: store.risk_assets(scope).await?,
        threats: store.risk_threats(scope).await?,
        answers: store.risk_answers(scope).await?,
        treatments: store.risk_treatments(scope).await?,
        settings: store.risk_settings(scope).await?,
    })
}

fn level_code(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::High => "high",
        RiskLevel::Medium => "medium",
        RiskLevel::Low => "low",
    }
}

fn treatment_code(t: Treatment) -> &'static str {
    match t {
        Treatment::Avoid => "avoid",
        Treatment::Reduce => "reduce",
        Treatment::Transfer => "transfer",
        Treatment::Accept => "accept",
    }
}

/// The analysis of the stored data by the domain engine. Threat ratings and answers the catalog
/// no longer asks (a newer catalog) are left out rather than failing the whole analysis.
fn evaluate(g: &Gathered) -> Result<EvaluationOut, AppError> {
    let catalog = catalog();
    let mut threats: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for t in &g.threats {
        let asked = catalog.medium_position(&t.medium).is_some_and(|m| {
            catalog
                .threat_position(t.kind.as_str())
                .is_some_and(|k| catalog.threats_of(m).contains(&k))
        });
        if asked {
            threats
                .entry(t.medium.clone())
                .or_default()
                .insert(t.kind.as_str().to_owned(), t.frequency);
        }
    }
    let answers = g
        .answers
        .iter()
        .filter(|a| catalog.countermeasure(&a.item_id).is_some())
        .map(|a| (a.item_id.clone(), a.answer))
        .collect();
    let input = AnalysisInput {
        assets: g
            .assets
            .iter()
            .map(|a| AnalysisAsset {
                id: a.id.to_string(),
                medium: a.fields.medium.clone(),
                c: a.fields.c,
                i: a.fields.i,
                a: a.fields.a,
                personal: a
                    .fields
                    .personal
                    .iter()
                    .filter_map(|p| PersonalData::parse(p.as_str()))
                    .collect(),
            })
            .collect(),
        threats,
        answers,
        acceptance_threshold: RiskValue::new(g.settings.acceptance_threshold)
            .unwrap_or(mamori_domain::risk::DEFAULT_ACCEPTANCE_THRESHOLD),
    };
    let analysis = analyse(catalog, &input).map_err(|problems| {
        AppError::Invalid(problems.iter().map(FieldProblem::from_domain).collect())
    })?;
    let treatment_of: BTreeMap<i64, &RiskTreatment> =
        g.treatments.iter().map(|t| (t.asset_id.0, t)).collect();
    let assets = analysis
        .assets
        .iter()
        .zip(&g.assets)
        .map(|(r, a)| {
            let treatment = treatment_of.get(&a.id.0);
            AssetRiskOut {
                id: a.id.0,
                name: a.fields.name.clone(),
                medium: r.medium.to_owned(),
                importance: r.importance.get(),
                importance_raised_by_personal_data: r.importance_raised_by_personal_data,
                threat: r.threat.map(|t| t.get()),
                vulnerability: r.vulnerability.get(),
                likelihood: r.likelihood.map(|l| l.get()),
                risk_value: r.risk_value.map(|v| v.get()),
                level: r.level.map(|l| level_code(l).to_owned()),
                suggested_treatment: r.suggested_treatment.map(|t| treatment_code(t).to_owned()),
                may_accept: r.may_accept,
                treatment: treatment.map(|t| t.option.as_str().to_owned()),
                residual_risk: treatment.and_then(|t| t.residual_risk),
            }
        })
        .collect();
    Ok(EvaluationOut {
        catalog: format!("{}@{}", catalog.id, catalog.version),
        acceptance_threshold: g.settings.acceptance_threshold,
        media: analysis
            .media
            .iter()
            .map(|m| MediumOut {
                medium: m.code.to_owned(),
                threat: m.threat.map(|t| t.get()),
                vulnerability: m.vulnerability.get(),
                likelihood: m.likelihood.map(|l| l.get()),
                assets: m.assets,
                high_risk: m.high_risk,
            })
            .collect(),
        assets,
        heat_map: analysis
            .heat_map
            .counts
            .iter()
            .map(|row| row.to_vec())
            .collect(),
        levels: LevelsOut {
            high: analysis.levels.high,
            medium: analysis.levels.medium,
            low: analysis.levels.low,
            unrated: analysis.levels.unrated,
        },
        chapters: analysis
            .chapters
            .iter()
            .map(|s| ChapterOut {
                chapter: s.chapter.number(),
                title: s.chapter.title(Lang::Ja).to_owned(),
                applicable: s.applicable,
                done: s.done,
                partly: s.partly,
                rate_percent: s.rate_percent,
                regulation_needed: s.regulation_needed,
            })
            .collect(),
        regulations_needed: analysis
            .regulations_needed
            .iter()
            .map(|c| c.number())
            .collect(),
        unanswered: analysis
            .unanswered
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    })
}

// --- handlers -------------------------------------------------------------------------------------

/// The register, in its order.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/assets", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AssetOut]), (status = 404, description = "no such company")))]
pub async fn list_assets(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<AssetOut>>, AppError> {
    company_only(&access)?;
    let list = state.store().risk_assets(access.scope()).await?;
    Ok(Json(list.iter().map(AssetOut::from).collect()))
}

/// Adds an asset at the end of the register.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/assets", tag = "risk", request_body = AssetIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = AssetOut), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such company")))]
pub async fn create_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<AssetIn>,
) -> Result<Created<AssetOut>, AppError> {
    editable(&access)?;
    let mut c = Check::new();
    let fields = check_new_asset(&input, &mut c);
    let fields = c
        .finish(fields)?
        .ok_or_else(|| AppError::internal("unchecked asset"))?;
    let asset = state
        .store()
        .create_risk_asset(access.scope(), &fields)
        .await?;
    Ok(Created(AssetOut::from(&asset)))
}

/// Changes many assets at once, all or nothing: a list of `{"id", "changes"}`.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}/risk/assets", tag = "risk", request_body = [BulkChange],
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AssetOut], description = "the rows named, as they are now"),
        (status = 422, description = "invalid fields (the place is `[n].field`)"),
        (status = 404, description = "no such company, or a row that is not the company's")))]
pub async fn bulk_update_assets(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<Vec<BulkChange>>,
) -> Result<Json<Vec<AssetOut>>, AppError> {
    editable(&access)?;
    let mut c = Check::new();
    let mut updates = Vec::with_capacity(input.len());
    for (n, item) in input.iter().enumerate() {
        c.prefix = format!("[{n}].changes.");
        let update = check_asset(&item.changes, &mut c, true);
        updates.push((RiskAssetId(item.id), update));
    }
    let updates = c.finish(updates)?;
    let after = state
        .store()
        .update_risk_assets(access.scope(), &updates)
        .await?;
    Ok(Json(after.iter().map(AssetOut::from).collect()))
}

/// A confirmed import of rows (all or nothing): appended to the register, or replacing it.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/assets/import", tag = "risk", request_body = ImportIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = ImportOut), (status = 422, description = "invalid rows (the place is `rows[n].field`)"),
        (status = 404, description = "no such company")))]
pub async fn import_assets(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<ImportIn>,
) -> Result<Json<ImportOut>, AppError> {
    editable(&access)?;
    let mut c = Check::new();
    let mut rows = Vec::with_capacity(input.rows.len());
    for (n, row) in input.rows.iter().enumerate() {
        c.prefix = format!("rows[{n}].");
        rows.extend(check_new_asset(row, &mut c));
    }
    let rows = c.finish(rows)?;
    let scope = access.scope();
    let done = if input.replace {
        state.store().replace_register(scope, &rows).await?
    } else {
        state.store().import_assets(scope, &rows).await?
    };
    Ok(Json(ImportOut {
        added: done.added,
        removed: done.removed,
    }))
}

/// One asset.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/assets/{asset}", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = AssetOut), (status = 404, description = "no such asset")))]
pub async fn get_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<AssetOut>, AppError> {
    company_only(&access)?;
    let asset = state
        .store()
        .risk_asset(access.scope(), RiskAssetId(path.1))
        .await?;
    Ok(Json(AssetOut::from(&asset)))
}

/// Replaces an asset's fields (fields left out become empty).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/assets/{asset}", tag = "risk", request_body = AssetIn,
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = AssetOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such asset")))]
pub async fn put_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<AssetIn>,
) -> Result<Json<AssetOut>, AppError> {
    editable(&access)?;
    let mut c = Check::new();
    let fields = whole(check_asset(&input, &mut c, false));
    let fields = c
        .finish(fields)?
        .ok_or_else(|| AppError::internal("unchecked asset"))?;
    let asset = state
        .store()
        .update_risk_asset(
            access.scope(),
            RiskAssetId(path.1),
            &RiskAssetUpdate::all(fields),
        )
        .await?;
    Ok(Json(AssetOut::from(&asset)))
}

/// Removes an asset and its treatment (its history stays).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/risk/assets/{asset}", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 204), (status = 404, description = "no such asset")))]
pub async fn delete_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    editable(&access)?;
    state
        .store()
        .delete_risk_asset(access.scope(), RiskAssetId(path.1))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Copies an asset to just below it (the same information on another medium is another row).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/assets/{asset}/duplicate", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 201, body = AssetOut), (status = 404, description = "no such asset")))]
pub async fn duplicate_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Created<AssetOut>, AppError> {
    editable(&access)?;
    let copy = state
        .store()
        .duplicate_risk_asset(access.scope(), RiskAssetId(path.1))
        .await?;
    Ok(Created(AssetOut::from(&copy)))
}

/// An asset's treatment decision (`null` until one is recorded).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/assets/{asset}/treatment", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = Option<TreatmentOut>), (status = 404, description = "no such asset")))]
pub async fn get_treatment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<Option<TreatmentOut>>, AppError> {
    company_only(&access)?;
    let t = state
        .store()
        .risk_treatment(access.scope(), RiskAssetId(path.1))
        .await?;
    Ok(Json(t.as_ref().map(TreatmentOut::from)))
}

/// Records an asset's treatment decision. With `to_action` the planned measures go into the
/// company's action list (source `risk`) in the same transaction.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/assets/{asset}/treatment", tag = "risk", request_body = TreatmentIn,
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = TreatmentOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such asset")))]
pub async fn put_treatment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<TreatmentIn>,
) -> Result<Json<TreatmentOut>, AppError> {
    editable(&access)?;
    let scope = access.scope();
    let settings = state.store().risk_settings(scope).await?;
    let input = check_treatment(&input, settings.acceptance_threshold)?;
    let t = state
        .store()
        .set_risk_treatment(scope, RiskAssetId(path.1), &input)
        .await?;
    Ok(Json(TreatmentOut::from(&t)))
}

/// Every treatment decision, in register order.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/treatments", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [TreatmentOut]), (status = 404, description = "no such company")))]
pub async fn list_treatments(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<TreatmentOut>>, AppError> {
    company_only(&access)?;
    let list = state.store().risk_treatments(access.scope()).await?;
    Ok(Json(list.iter().map(TreatmentOut::from).collect()))
}

/// The threat ratings (脅威の状況).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/threats", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ThreatOut]), (status = 404, description = "no such company")))]
pub async fn get_threats(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ThreatOut>>, AppError> {
    company_only(&access)?;
    let list = state.store().risk_threats(access.scope()).await?;
    Ok(Json(list.iter().map(ThreatOut::from).collect()))
}

/// Replaces every threat rating.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/threats", tag = "risk", request_body = [ThreatIn],
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ThreatOut]), (status = 422, description = "invalid ratings (the place is `[n].field`)"),
        (status = 404, description = "no such company")))]
pub async fn put_threats(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<Vec<ThreatIn>>,
) -> Result<Json<Vec<ThreatOut>>, AppError> {
    editable(&access)?;
    let ratings = check_threats(&input)?;
    let scope = access.scope();
    state.store().set_risk_threats(scope, &ratings).await?;
    let list = state.store().risk_threats(scope).await?;
    Ok(Json(list.iter().map(ThreatOut::from).collect()))
}

/// The countermeasure checklist's answers (対策状況チェック).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/countermeasures", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AnswerOut]), (status = 404, description = "no such company")))]
pub async fn get_countermeasures(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<AnswerOut>>, AppError> {
    company_only(&access)?;
    let list = state.store().risk_answers(access.scope()).await?;
    Ok(Json(list.iter().map(AnswerOut::from).collect()))
}

/// Replaces every answer (an item left out is unanswered, which counts as not done).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/countermeasures", tag = "risk", request_body = [AnswerIn],
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AnswerOut]), (status = 422, description = "invalid answers (the place is `[n].field`)"),
        (status = 404, description = "no such company")))]
pub async fn put_countermeasures(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<Vec<AnswerIn>>,
) -> Result<Json<Vec<AnswerOut>>, AppError> {
    editable(&access)?;
    let answers = check_answers(&input)?;
    let scope = access.scope();
    state.store().set_risk_answers(scope, &answers).await?;
    let list = state.store().risk_answers(scope).await?;
    Ok(Json(list.iter().map(AnswerOut::from).collect()))
}

/// The company's risk settings (the defaults until changed).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/settings", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = SettingsOut), (status = 404, description = "no such company")))]
pub async fn get_settings(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<SettingsOut>, AppError> {
    company_only(&access)?;
    let settings = state.store().risk_settings(access.scope()).await?;
    Ok(Json(SettingsOut::from(&settings)))
}

/// Changes the settings: acceptance threshold, compensation per person, incident cost lines.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/settings", tag = "risk", request_body = SettingsIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = SettingsOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such company")))]
pub async fn put_settings(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<SettingsIn>,
) -> Result<Json<SettingsOut>, AppError> {
    editable(&access)?;
    let settings = check_settings(&input)?;
    let stored = state
        .store()
        .set_risk_settings(access.scope(), &settings)
        .await?;
    Ok(Json(SettingsOut::from(&stored)))
}

/// The register's history, newest first: who changed which asset, when, and how.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/history", tag = "risk",
    params(("org" = i64, Path, description = "company id"), HistoryQuery),
    responses((status = 200, body = [HistoryOut]), (status = 404, description = "no such company")))]
pub async fn history(
    State(state): State<AppState>,
    access: OrgAccess,
    Query(q): Query<HistoryQuery>,
) -> Result<Json<Vec<HistoryOut>>, AppError> {
    company_only(&access)?;
    let entries = state
        .store()
        .risk_history(
            access.scope(),
            q.asset.map(RiskAssetId),
            q.before,
            q.limit.unwrap_or(100),
        )
        .await?;
    Ok(Json(entries.iter().map(HistoryOut::from).collect()))
}

/// The closed analyses, newest first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/snapshots", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [SnapshotSummaryOut]), (status = 404, description = "no such company")))]
pub async fn list_snapshots(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<SnapshotSummaryOut>>, AppError> {
    company_only(&access)?;
    let list = state.store().risk_snapshots(access.scope()).await?;
    Ok(Json(list.iter().map(SnapshotSummaryOut::from).collect()))
}

/// Closes the analysis: keeps the register, ratings, answers, treatments, settings and the
/// evaluation as they are now, so later changes do not rewrite what was decided.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/snapshots", tag = "risk", request_body = CloseIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = SnapshotOut), (status = 422, description = "invalid title"),
        (status = 404, description = "no such company")))]
pub async fn close_snapshot(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<CloseIn>,
) -> Result<Created<SnapshotOut>, AppError> {
    editable(&access)?;
    let mut c = Check::new();
    let title = c.text("title", ("題名", "title"), &input.title, NAME_MAX, false);
    let title = c
        .finish(title)?
        .flatten()
        .unwrap_or_else(|| format!("リスク分析 {}", today_jst()));
    let scope = access.scope();
    let g = gather(&state, scope).await?;
    let evaluation = evaluate(&g)?;
    let catalog = catalog();
    let data = json!({
        "catalog": {"id": catalog.id, "version": catalog.version},
        "assets": g.assets.iter().map(AssetOut::from).collect::<Vec<_>>(),
        "threats": g.threats.iter().map(ThreatOut::from).collect::<Vec<_>>(),
        "countermeasures": g.answers.iter().map(AnswerOut::from).collect::<Vec<_>>(),
        "treatments": g.treatments.iter().map(TreatmentOut::from).collect::<Vec<_>>(),
        "settings": SettingsOut::from(&g.settings),
        "evaluation": evaluation,
    });
    let summary = state
        .store()
        .close_risk_snapshot(scope, &title, &data)
        .await?;
    Ok(Created(SnapshotOut {
        summary: SnapshotSummaryOut::from(&summary),
        data,
    }))
}

/// One closed analysis with its data.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/snapshots/{snapshot}", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("snapshot" = i64, Path, description = "snapshot id")),
    responses((status = 200, body = SnapshotOut), (status = 404, description = "no such snapshot")))]
pub async fn get_snapshot(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<SnapshotOut>, AppError> {
    company_only(&access)?;
    let s = state
        .store()
        .risk_snapshot(access.scope(), RiskSnapshotId(path.1))
        .await?;
    Ok(Json(SnapshotOut {
        summary: SnapshotSummaryOut::from(&s.summary),
        data: s.data,
    }))
}

/// The risk analysis now (risk.md §1-5): each medium's threat and vulnerability, each asset's
/// importance, likelihood, risk value, level and suggested treatment, the heat map, and the
/// regulation chapters to write, computed by the domain engine from the stored data.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/evaluation", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = EvaluationOut), (status = 404, description = "no such company")))]
pub async fn evaluation(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<EvaluationOut>, AppError> {
    company_only(&access)?;
    let g = gather(&state, access.scope()).await?;
    Ok(Json(evaluate(&g)?))
}
