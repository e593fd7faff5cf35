//! The risk analysis as it is shown and kept: the register, ratings, answers, treatments and
//! settings as stored, and the domain engine's evaluation of them. The JSON API sends these, and
//! a closed analysis (`snapshots`) keeps them, so the two can never drift apart. With the
//! `openapi` feature each also describes itself for the API's OpenAPI document.

use std::collections::BTreeMap;

use mamori_domain::Lang;
use mamori_domain::risk::{RiskLevel, Treatment, analyse, builtin_catalog};
use mamori_storage::{
    Access, RiskAnswer, RiskAsset, RiskSettings, RiskTreatment, Store, ThreatRating,
};
use serde::{Deserialize, Serialize};

use crate::fields::rfc3339 as time;
use crate::guard::{Need, require};
use crate::risk_data::RiskData;
use crate::{Error, FieldProblem};

/// One row of the register: one asset on one medium.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CostLine {
    pub label: String,
    pub amount_yen: i64,
}

/// The company's risk settings.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// A medium's threat, vulnerability and likelihood.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LevelsOut {
    pub high: u32,
    pub medium: u32,
    pub low: u32,
    /// Assets whose medium has no rated threat yet.
    pub unrated: u32,
}

/// The company's risk analysis as the domain engine computes it (risk.md §1-5).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

// --- the evaluation -------------------------------------------------------------------------------

/// The company's risk analysis now, evaluated by the domain engine.
pub async fn evaluation(store: &Store, access: &Access) -> Result<EvaluationOut, Error> {
    let scope = require(access, Need::ReadCompany)?;
    evaluate(&RiskData::read(store, scope).await?)
}

pub fn level_code(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::High => "high",
        RiskLevel::Medium => "medium",
        RiskLevel::Low => "low",
    }
}

pub fn treatment_code(t: Treatment) -> &'static str {
    match t {
        Treatment::Avoid => "avoid",
        Treatment::Reduce => "reduce",
        Treatment::Transfer => "transfer",
        Treatment::Accept => "accept",
    }
}

/// The analysis of the stored data by the domain engine. Threat ratings and answers the catalog
/// no longer asks (a newer catalog) are left out rather than failing the whole analysis.
pub fn evaluate(g: &RiskData) -> Result<EvaluationOut, Error> {
    let catalog = builtin_catalog();
    let input = g.input();
    let analysis = analyse(catalog, &input).map_err(|problems| {
        Error::Invalid(problems.iter().map(FieldProblem::from_domain).collect())
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
