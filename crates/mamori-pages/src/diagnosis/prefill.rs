//! Answers a questionnaire starts with from another diagnostic (the Five Principles from the
//! self-check), and, while the draft is open, where they came from: the page names the result
//! and marks each answer that still holds the value taken from it.

use mamori_domain::catalog::Catalog;
use mamori_domain::{Lang, builtin};
use mamori_storage::{ScoredAssessment, Timestamp};
use serde_json::{Map, Value};

use crate::jst;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// The result answers were taken from, and what was taken.
pub struct Source {
    pub assessment: i64,
    pub title: String,
    pub date: String,
    /// Item id → the answer taken from the result.
    pub answers: Map<String, Value>,
}

/// The catalog whose results fill this one, if any.
fn source_catalog(catalog: &Catalog) -> Option<&str> {
    catalog
        .items
        .iter()
        .find_map(|i| i.prefill.as_ref().map(|p| p.catalog.as_str()))
}

/// The answers `catalog` takes from a result of its source catalog.
fn answers_from(catalog: &Catalog, source: &str, result: &Value) -> Map<String, Value> {
    let given: Vec<&Value> = result
        .get("items")
        .and_then(Value::as_array)
        .map(|items| items.iter().collect())
        .unwrap_or_default();
    let mut answers = Map::new();
    for item in &catalog.items {
        let Some(p) = item.prefill.as_ref().filter(|p| p.catalog == source) else {
            continue;
        };
        let answer = given
            .iter()
            .find(|i| i.get("id").and_then(Value::as_str) == Some(p.item.as_str()))
            .and_then(|i| i.get("answer")?.as_str());
        if let Some(v) = answer.and_then(|a| p.map.get(a))
            && let Ok(v) = serde_json::to_value(v)
        {
            answers.insert(item.id.clone(), v);
        }
    }
    answers
}

fn source_of(catalog: &Catalog, source: &str, (s, r): &ScoredAssessment, lang: Lang) -> Source {
    Source {
        assessment: s.id.0,
        title: builtin()
            .get_version(&s.catalog_id, &s.catalog_version)
            .map_or_else(|| s.catalog_id.clone(), |c| c.title.get(lang).to_owned()),
        date: jst(s.submitted_at.unwrap_or(s.updated_at), lang),
        answers: answers_from(catalog, source, r),
    }
}

/// What a new draft of `catalog` starts with: the answers of the source's newest result.
pub async fn for_new_draft(
    state: &AppState,
    access: &OrgAccess,
    catalog: &Catalog,
) -> Result<Map<String, Value>, AppError> {
    let Some(source) = source_catalog(catalog) else {
        return Ok(Map::new());
    };
    let latest = state.store().latest_results(access.scope()).await?;
    Ok(latest
        .iter()
        .find(|(s, _)| s.catalog_id == source)
        .map(|(_, r)| answers_from(catalog, source, r))
        .unwrap_or_default())
}

/// The result a draft started from: the source's newest result submitted before the draft
/// was created (the one `for_new_draft` read), when it gave any answer.
pub async fn of_draft(
    state: &AppState,
    access: &OrgAccess,
    catalog: &Catalog,
    created: Timestamp,
    lang: Lang,
) -> Result<Option<Source>, AppError> {
    let Some(source) = source_catalog(catalog) else {
        return Ok(None);
    };
    let history = state
        .store()
        .result_history(access.scope(), source, super::results::HISTORY_LIMIT)
        .await?;
    Ok(history
        .iter()
        .rev()
        .find(|(s, _)| s.submitted_at.is_some_and(|t| t <= created))
        .map(|scored| source_of(catalog, source, scored, lang))
        .filter(|s| !s.answers.is_empty()))
}
