//! A company's stored risk data and the domain engine's input made from it: the one place the
//! pages and the API read the register, ratings, answers, treatments and settings, and turn them
//! into `mamori_domain::risk::AnalysisInput`.

use std::collections::BTreeMap;

use mamori_domain::risk::{
    AnalysisAsset, AnalysisInput, DEFAULT_ACCEPTANCE_THRESHOLD, PersonalData, RiskValue,
    builtin_catalog,
};
use mamori_storage::{
    OrgScope, RiskAnswer, RiskAsset, RiskSettings, RiskTreatment, Store, StoreError, ThreatRating,
};

/// Everything the analysis is computed from, read side by side (five queries whatever the size
/// of the register).
pub struct RiskData {
    pub assets: Vec<RiskAsset>,
    pub threats: Vec<ThreatRating>,
    pub answers: Vec<RiskAnswer>,
    pub treatments: Vec<RiskTreatment>,
    pub settings: RiskSettings,
}

impl RiskData {
    pub async fn read(store: &Store, scope: &OrgScope) -> Result<RiskData, StoreError> {
        let (assets, threats, answers, treatments, settings) = tokio::try_join!(
            store.risk_assets(scope),
            store.risk_threats(scope),
            store.risk_answers(scope),
            store.risk_treatments(scope),
            store.risk_settings(scope),
        )?;
        Ok(RiskData {
            assets,
            threats,
            answers,
            treatments,
            settings,
        })
    }

    /// The engine's input. Threat ratings and answers the catalog no longer asks (stored under
    /// an older catalog) are left out rather than failing the whole analysis.
    pub fn input(&self) -> AnalysisInput {
        let catalog = builtin_catalog();
        let mut threats: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
        for t in &self.threats {
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
        AnalysisInput {
            assets: self
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
            answers: self
                .answers
                .iter()
                .filter(|a| catalog.countermeasure(&a.item_id).is_some())
                .map(|a| (a.item_id.clone(), a.answer))
                .collect(),
            acceptance_threshold: RiskValue::new(self.settings.acceptance_threshold)
                .unwrap_or(DEFAULT_ACCEPTANCE_THRESHOLD),
        }
    }
}
