//! The information-asset register and its risk analysis (risk.md; IPA's リスク分析シート):
//! the register (filter, sort, search, group; add, edit, duplicate, delete), threat status per
//! medium, the countermeasure checklist by regulation chapter, and the results (assets by risk
//! level, the importance × likelihood heat map, chapter rates). Every figure comes from
//! `mamori_domain::risk::analysis::analyse` over what the store holds.

use mamori_domain::Lang;
use mamori_domain::risk::{
    AnalysisInput, ChapterStatus, HeatMap, LevelCounts, RiskLevel, Treatment, analyse,
    builtin_catalog,
};
use mamori_storage::{RiskAsset, RiskTreatment};

use mamori_app::risk_data::RiskData;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

mod form;
mod history;
mod money;
mod register;
mod sheets;
mod transfer;
mod treatment;

pub use history::{close, history};
pub use money::{money, save_money};
pub use register::{add, asset, bulk, delete, duplicate, register, save};
pub use sheets::{countermeasures, results, save_countermeasures, save_threats, threats};
pub use transfer::{confirm_import, export, import_form, upload};
pub use treatment::{save_treatment, treatment};

pub fn level_label(level: Option<RiskLevel>, lang: Lang) -> &'static str {
    match level {
        Some(RiskLevel::High) => tr(lang, "大"),
        Some(RiskLevel::Medium) => tr(lang, "中"),
        Some(RiskLevel::Low) => tr(lang, "小"),
        None => tr(lang, "未評価"),
    }
}

pub fn level_class(level: Option<RiskLevel>) -> &'static str {
    match level {
        Some(RiskLevel::High) => "high",
        Some(RiskLevel::Medium) => "medium",
        Some(RiskLevel::Low) => "low",
        None => "unrated",
    }
}

/// What the analysis says about one register row, owned (the analysis borrows its input).
#[derive(Clone)]
pub struct Evaluated {
    pub importance: u8,
    pub threat: Option<u8>,
    pub vulnerability: u8,
    pub raised: bool,
    pub likelihood: Option<u8>,
    pub risk_value: Option<u8>,
    pub level: Option<RiskLevel>,
    pub suggested_treatment: Option<Treatment>,
}

/// The analysis as a whole: counts by level, the heat map, chapter rates.
pub struct Summary {
    pub levels: LevelCounts,
    pub heat_map: HeatMap,
    pub chapters: Vec<ChapterStatus>,
    pub unanswered: usize,
}

/// Everything the risk pages read, evaluated once.
pub struct Register {
    pub assets: Vec<RiskAsset>,
    pub treatments: Vec<RiskTreatment>,
    pub evaluated: Vec<Evaluated>,
    pub summary: Summary,
    pub input: AnalysisInput,
}

/// Reads the company's risk data (`RiskData`, the same reading the API uses) and evaluates it
/// once with the domain engine.
pub async fn load(state: &AppState, access: &OrgAccess) -> Result<Register, AppError> {
    let data = RiskData::read(state.store(), access.scope()).await?;
    let input = data.input();
    let (evaluated, summary) = {
        let analysis = analyse(builtin_catalog(), &input).map_err(|p| {
            AppError::internal(format!("stored risk data does not evaluate: {p:?}"))
        })?;
        let evaluated = analysis
            .assets
            .iter()
            .map(|a| Evaluated {
                importance: a.importance.get(),
                threat: a.threat.map(|t| t.get()),
                vulnerability: a.vulnerability.get(),
                raised: a.importance_raised_by_personal_data,
                likelihood: a.likelihood.map(|l| l.get()),
                risk_value: a.risk_value.map(|r| r.get()),
                level: a.level,
                suggested_treatment: a.suggested_treatment,
            })
            .collect();
        let summary = Summary {
            levels: analysis.levels,
            heat_map: analysis.heat_map,
            chapters: analysis.chapters.clone(),
            unanswered: analysis.unanswered.len(),
        };
        (evaluated, summary)
    };
    Ok(Register {
        assets: data.assets,
        treatments: data.treatments,
        evaluated,
        summary,
        input,
    })
}

/// One option of a select on the risk pages.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}
