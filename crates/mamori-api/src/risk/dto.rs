//! What the risk API sends and receives.

use super::*;

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
pub(super) fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
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
