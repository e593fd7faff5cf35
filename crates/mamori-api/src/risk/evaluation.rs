//! The evaluation by the domain engine, as the API reports it.

use super::*;

// --- the evaluation -------------------------------------------------------------------------------

pub(super) use mamori_app::risk_data::RiskData;

pub(super) async fn gather(state: &AppState, scope: &OrgScope) -> Result<RiskData, AppError> {
    Ok(RiskData::read(state.store(), scope).await?)
}

pub(super) fn level_code(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::High => "high",
        RiskLevel::Medium => "medium",
        RiskLevel::Low => "low",
    }
}

pub(super) fn treatment_code(t: Treatment) -> &'static str {
    match t {
        Treatment::Avoid => "avoid",
        Treatment::Reduce => "reduce",
        Treatment::Transfer => "transfer",
        Treatment::Accept => "accept",
    }
}

/// The analysis of the stored data by the domain engine. Threat ratings and answers the catalog
/// no longer asks (a newer catalog) are left out rather than failing the whole analysis.
pub(super) fn evaluate(g: &RiskData) -> Result<EvaluationOut, AppError> {
    let catalog = catalog();
    let input = g.input();
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
