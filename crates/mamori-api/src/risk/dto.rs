//! What the risk API sends and receives.

use super::*;

// --- what the API sends (the register and evaluation views are `mamori_app::risk::views`) --------

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
    /// API sent them at that moment, and the risk catalog's `catalog` id and version. Closing
    /// from the pages keeps the same document.
    #[schema(value_type = Object)]
    pub data: Value,
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
    /// Up to 100 characters; "リスク分析 YYYY-MM-DD" when left out or blank.
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
