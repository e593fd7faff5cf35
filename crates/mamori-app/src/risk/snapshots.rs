//! Closing a risk analysis as a dated snapshot, reading what was closed, and comparing the latest
//! closed analysis with now. One document is kept whichever adapter closes it (the page or the
//! API): the register, ratings, answers, treatments and settings as stored, and the evaluation.

use mamori_domain::risk::builtin_catalog;
use mamori_storage::{
    Access, RiskAsset, RiskAssetId, RiskHistoryEntry, RiskSnapshot, RiskSnapshotId,
    RiskSnapshotSummary, Store,
};
use serde::Serialize;
use serde_json::Value;

use super::views::{
    AnswerOut, AssetOut, EvaluationOut, SettingsOut, ThreatOut, TreatmentOut, evaluate,
};
use crate::Error;
use crate::fields::{Check, today_in_japan};
use crate::guard::{Need, require};
use crate::risk_data::RiskData;

/// The longest title of a closed analysis, in characters.
pub const TITLE_MAX: usize = 100;

/// The risk catalog a closed analysis was evaluated with.
#[derive(Serialize)]
struct CatalogRef {
    id: String,
    version: String,
}

/// What a closed analysis keeps.
#[derive(Serialize)]
struct Document {
    catalog: CatalogRef,
    assets: Vec<AssetOut>,
    threats: Vec<ThreatOut>,
    countermeasures: Vec<AnswerOut>,
    treatments: Vec<TreatmentOut>,
    settings: SettingsOut,
    evaluation: EvaluationOut,
}

/// The document a closed analysis keeps, made from the stored data as it is now.
pub fn document(data: &RiskData) -> Result<Value, Error> {
    let catalog = builtin_catalog();
    let doc = Document {
        catalog: CatalogRef {
            id: catalog.id.clone(),
            version: catalog.version.clone(),
        },
        assets: data.assets.iter().map(AssetOut::from).collect(),
        threats: data.threats.iter().map(ThreatOut::from).collect(),
        countermeasures: data.answers.iter().map(AnswerOut::from).collect(),
        treatments: data.treatments.iter().map(TreatmentOut::from).collect(),
        settings: SettingsOut::from(&data.settings),
        evaluation: evaluate(data)?,
    };
    serde_json::to_value(doc).map_err(Error::internal)
}

/// A closed analysis's title: a blank one is named after today (`リスク分析 2026-12-07`).
pub fn parse_title(raw: &str) -> Result<String, Error> {
    let mut c = Check::new();
    let given = c.text("title", ("名前", "name"), raw, TITLE_MAX, false);
    if !c.is_clean() {
        return Err(Error::Invalid(c.into_problems()));
    }
    Ok(given
        .given()
        .unwrap_or_else(|| format!("リスク分析 {}", today_in_japan())))
}

/// Closes the analysis as it stands: later changes to the register do not rewrite it.
pub async fn close(
    store: &Store,
    access: &Access,
    title: &str,
) -> Result<(RiskSnapshotSummary, Value), Error> {
    let scope = require(access, Need::EditCompany)?;
    let title = parse_title(title)?;
    let doc = document(&RiskData::read(store, scope).await?)?;
    let summary = store.close_risk_snapshot(scope, &title, &doc).await?;
    Ok((summary, doc))
}

/// The closed analyses, newest first.
pub async fn list(store: &Store, access: &Access) -> Result<Vec<RiskSnapshotSummary>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_snapshots(scope).await?)
}

/// One closed analysis with what it kept.
pub async fn get(
    store: &Store,
    access: &Access,
    id: RiskSnapshotId,
) -> Result<RiskSnapshot, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_snapshot(scope, id).await?)
}

/// The register's history, newest first (of one asset when given), at most `limit` entries
/// older than the entry `before`.
pub async fn history(
    store: &Store,
    access: &Access,
    asset: Option<RiskAssetId>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<RiskHistoryEntry>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_history(scope, asset, before, limit).await?)
}

/// A risk level as counted in a closed analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    High,
    Medium,
    Low,
    Unrated,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::High, Level::Medium, Level::Low, Level::Unrated];

    pub fn code(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
            Level::Unrated => "unrated",
        }
    }
}

/// An asset whose risk value differs between the closed analysis and now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub name: String,
    /// `None`: not in the closed analysis, or not rated then.
    pub then: Option<i64>,
    pub now: Option<i64>,
}

/// The latest closed analysis against the analysis now.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub closed: RiskSnapshotSummary,
    /// Per level: assets then, assets now.
    pub levels: Vec<(Level, i64, i64)>,
    pub changed: Vec<Changed>,
}

/// The evaluation part of a kept document. Snapshots closed from the pages before the two
/// adapters shared this module kept `levels` and the assets' `risk_value` at the top level; those
/// still read.
fn evaluation_of(doc: &Value) -> &Value {
    doc.get("evaluation").unwrap_or(doc)
}

fn level_count(doc: &Value, level: Level) -> i64 {
    evaluation_of(doc)
        .pointer(&format!("/levels/{}", level.code()))
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

fn assets_of(doc: &Value) -> &[Value] {
    evaluation_of(doc)
        .get("assets")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// How `then` (a kept document) and `now` differ: counts per level, and each asset of now whose
/// risk value is not what it was.
pub fn compare(then: &Value, now: &Value) -> (Vec<(Level, i64, i64)>, Vec<Changed>) {
    let levels = Level::ALL
        .iter()
        .map(|&l| (l, level_count(then, l), level_count(now, l)))
        .collect();
    let before = assets_of(then);
    let changed = assets_of(now)
        .iter()
        .filter_map(|a| {
            let then = before
                .iter()
                .find(|t| t.get("id") == a.get("id"))
                .and_then(|t| t.get("risk_value"))
                .and_then(Value::as_i64);
            let now = a.get("risk_value").and_then(Value::as_i64);
            let name = a.get("name").and_then(Value::as_str).unwrap_or("");
            (then != now).then(|| Changed {
                name: name.to_owned(),
                then,
                now,
            })
        })
        .collect();
    (levels, changed)
}

/// What the history page shows: the register's changes, the closed analyses, and the newest of
/// them compared with the analysis now (`None` before the first is closed). The stored data is
/// read once, for the comparison and the assets' names alike.
pub struct HistoryView {
    pub entries: Vec<RiskHistoryEntry>,
    pub assets: Vec<RiskAsset>,
    pub snapshots: Vec<RiskSnapshotSummary>,
    pub comparison: Option<Comparison>,
}

pub async fn history_view(
    store: &Store,
    access: &Access,
    limit: i64,
) -> Result<HistoryView, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let (entries, snapshots, data) = tokio::try_join!(
        store.risk_history(scope, None, None, limit),
        store.risk_snapshots(scope),
        RiskData::read(store, scope),
    )?;
    let comparison = match snapshots.first() {
        Some(latest) => {
            let kept = store.risk_snapshot(scope, latest.id).await?;
            let (levels, changed) = compare(&kept.data, &document(&data)?);
            Some(Comparison {
                closed: kept.summary,
                levels,
                changed,
            })
        }
        None => None,
    };
    Ok(HistoryView {
        entries,
        assets: data.assets,
        snapshots,
        comparison,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_blank_title_is_named_after_today_and_an_overlong_one_is_refused() {
        assert!(parse_title("  ").unwrap().starts_with("リスク分析 20"));
        assert_eq!(parse_title(" 2026年度 上期 ").unwrap(), "2026年度 上期");
        let Err(Error::Invalid(p)) = parse_title(&"あ".repeat(TITLE_MAX + 1)) else {
            panic!("an over-long title is refused")
        };
        assert_eq!(p[0].field, "title");
        assert!(p[0].message.contains("100文字以内"), "{}", p[0].message);
        assert!(matches!(parse_title("上期\u{7}"), Err(Error::Invalid(_))));
    }

    #[test]
    fn a_kept_document_of_either_shape_compares_with_now() {
        let now = json!({"evaluation": {
            "levels": {"high": 0, "medium": 1, "low": 0, "unrated": 0},
            "assets": [{"id": 1, "name": "社員名簿", "risk_value": 2},
                       {"id": 2, "name": "見積書", "risk_value": 0}]}});
        let shared = json!({"assets": [{"id": 1, "name": "社員名簿"}], "evaluation": {
            "levels": {"high": 1, "medium": 0, "low": 0, "unrated": 0},
            "assets": [{"id": 1, "name": "社員名簿", "risk_value": 4}]}});
        let old_page = json!({"levels": {"high": 1, "medium": 0, "low": 0, "unrated": 0},
            "assets": [{"id": 1, "name": "社員名簿", "risk_value": 4}]});
        for then in [shared, old_page] {
            let (levels, changed) = compare(&then, &now);
            assert_eq!(levels[0], (Level::High, 1, 0));
            assert_eq!(levels[1], (Level::Medium, 0, 1));
            assert_eq!(
                changed,
                [
                    Changed {
                        name: "社員名簿".into(),
                        then: Some(4),
                        now: Some(2)
                    },
                    Changed {
                        name: "見積書".into(),
                        then: None,
                        now: Some(0)
                    },
                ]
            );
        }
    }
}
