//! The evaluation by the domain engine, as the API reports it.

use super::*;

// --- the evaluation -------------------------------------------------------------------------------

/// Everything the analysis is computed from.
pub(super) struct Gathered {
    pub(super) assets: Vec<RiskAsset>,
    pub(super) threats: Vec<ThreatRating>,
    pub(super) answers: Vec<RiskAnswer>,
    pub(super) treatments: Vec<RiskTreatment>,
    pub(super) settings: RiskSettings,
}

pub(super) async fn gather(state: &AppState, scope: &OrgScope) -> Result<Gathered, AppError> {
    let store = state.store();
    Ok(Gathered {
        assets: store.risk_assets(scope).await?,
        threats: store.risk_threats(scope).await?,
        answers: store.risk_answers(scope).await?,
        treatments: store.risk_treatments(scope).await?,
        settings: store.risk_settings(scope).await?,
    })
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
pub(super) fn evaluate(g: &Gathered) -> Result<EvaluationOut, AppError> {
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
