//! Answer documents between the client and the store. The API and the pages both come through
//! here, and scoring is the domain engine's `score` on the output of `parse_submission`, exactly
//! what `mamori assess` runs, so the same answers give the same figures everywhere.

use mamori_domain::{
    Catalog, InputProblem, ProblemKind, RawValue, builtin, parse_submission, score as engine_score,
};
use mamori_storage::{AnswerSetInput, Assessment, AssessmentDraft, SubmittedResult};
use serde_json::{Map, Value};

use crate::{AppError, FieldProblem};

/// The newest version of a built-in catalog; an unknown id is a problem with `field`.
pub fn catalog(field: &str, id: &str) -> Result<&'static Catalog, AppError> {
    builtin().get(id).ok_or_else(|| {
        let known: Vec<&str> = builtin().latest().iter().map(|c| c.id.as_str()).collect();
        AppError::invalid(
            field,
            format!(
                "「{id}」という診断はありません（使えるもの: {}）。",
                known.join(", ")
            ),
        )
    })
}

/// The catalog version an assessment was started with (kept so old results stay readable).
pub fn catalog_of(assessment: &Assessment) -> Result<&'static Catalog, AppError> {
    let s = &assessment.summary;
    builtin()
        .get_version(&s.catalog_id, &s.catalog_version)
        .ok_or_else(|| {
            AppError::internal(format!(
                "catalog {} {} is not built in",
                s.catalog_id, s.catalog_version
            ))
        })
}

fn problems_of(found: Vec<InputProblem>) -> AppError {
    AppError::Invalid(found.iter().map(FieldProblem::from_domain).collect())
}

fn raw(doc: &Value) -> Result<RawValue, AppError> {
    serde_json::from_value(doc.clone())
        .map_err(|_| AppError::invalid("(body)", "回答の形式が正しくありません。"))
}

/// A draft's answers: every value given must be valid, but items may still be unanswered.
/// `doc` is an answer document (`answers` or `respondents`, optional `targets`).
pub fn check_draft(catalog: &Catalog, doc: &Value) -> Result<AssessmentDraft, AppError> {
    let mut doc = doc.clone();
    if let Value::Object(fields) = &mut doc {
        if !fields.contains_key("answers") && !fields.contains_key("respondents") {
            fields.insert("answers".into(), Value::Object(Map::new()));
        }
    }
    if let Err(found) = parse_submission(catalog, &raw(&doc)?) {
        let real: Vec<_> = found
            .into_iter()
            .filter(|p| !matches!(p.kind, ProblemKind::MissingAnswer))
            .collect();
        if !real.is_empty() {
            return Err(problems_of(real));
        }
    }
    Ok(draft_of(&doc))
}

/// Complete answers, scored. Returns what to store: the answer sets and the engine's result JSON.
pub fn check_complete(
    catalog: &Catalog,
    doc: &Value,
) -> Result<(AssessmentDraft, SubmittedResult), AppError> {
    let submission = parse_submission(catalog, &raw(doc)?).map_err(problems_of)?;
    let result =
        serde_json::to_value(engine_score(catalog, &submission)).map_err(AppError::internal)?;
    Ok((draft_of(doc), SubmittedResult(result)))
}

/// Stored answers, scored, for the pages: the problems come back as the engine found them (the
/// inner error), so a page can say them in its own words. `doc` is `document_of` an assessment.
#[allow(clippy::type_complexity)]
pub fn score(
    catalog: &Catalog,
    doc: &Value,
) -> Result<Result<(AssessmentDraft, SubmittedResult), Vec<InputProblem>>, AppError> {
    let submission = match parse_submission(catalog, &raw(doc)?) {
        Ok(s) => s,
        Err(found) => return Ok(Err(found)),
    };
    let result =
        serde_json::to_value(engine_score(catalog, &submission)).map_err(AppError::internal)?;
    Ok(Ok((draft_of(doc), SubmittedResult(result))))
}

/// The stored answers of a submitted assessment, parsed as the engine reads them.
pub fn submission_of(
    catalog: &Catalog,
    assessment: &Assessment,
) -> Result<mamori_domain::Submission, AppError> {
    parse_submission(catalog, &raw(&document_of(assessment))?)
        .map_err(|_| AppError::internal("stored answers no longer parse"))
}

/// The answers a result lists item by item (the self-check's consolidated answers), parsed as
/// the engine reads them: enough for the improvement list without reading the answer sets.
pub fn submission_from_result(
    catalog: &Catalog,
    result: &Value,
) -> Option<mamori_domain::Submission> {
    let items = result.get("items")?.as_array()?;
    let answers: Map<String, Value> = items
        .iter()
        .map(|i| Some((i.get("id")?.as_str()?.to_owned(), i.get("answer")?.clone())))
        .collect::<Option<_>>()?;
    let doc = serde_json::json!({ "answers": answers });
    parse_submission(catalog, &serde_json::from_value(doc).ok()?).ok()
}

/// The answer sets to store from a checked document.
fn draft_of(doc: &Value) -> AssessmentDraft {
    let answer_sets = match doc.get("respondents").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .map(|r| AnswerSetInput {
                name: r
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
                answers: r
                    .get("answers")
                    .cloned()
                    .unwrap_or_else(|| Value::Object(Map::new())),
            })
            .collect(),
        None => vec![AnswerSetInput {
            name: String::new(),
            answers: doc
                .get("answers")
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new())),
        }],
    };
    AssessmentDraft {
        answer_sets,
        targets: doc.get("targets").cloned().filter(|t| !t.is_null()),
        expected_revision: None,
    }
}

/// The stored answers as an answer document, the shape `mamori assess` reads.
pub fn document_of(assessment: &Assessment) -> Value {
    let mut doc = Map::new();
    doc.insert(
        "catalog".into(),
        Value::String(assessment.summary.catalog_id.clone()),
    );
    let sets = &assessment.answer_sets;
    if sets.len() == 1 && sets[0].name.is_empty() {
        doc.insert("answers".into(), sets[0].answers.clone());
    } else {
        doc.insert(
            "respondents".into(),
            Value::Array(
                sets.iter()
                    .map(|s| serde_json::json!({"name": s.name, "answers": s.answers}))
                    .collect(),
            ),
        );
    }
    if let Some(t) = &assessment.targets {
        doc.insert("targets".into(), t.clone());
    }
    Value::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_draft_may_leave_items_unanswered_but_not_give_wrong_values() {
        let c = catalog("catalog", "five-principles").unwrap();
        let d = check_draft(c, &json!({"answers": {"1": "yes"}})).unwrap();
        assert_eq!(d.answer_sets[0].answers, json!({"1": "yes"}));
        let AppError::Invalid(p) =
            check_draft(c, &json!({"answers": {"1": "perhaps", "9": "yes"}})).unwrap_err()
        else {
            panic!("expected invalid")
        };
        assert_eq!(p.len(), 2, "{p:?}");
    }

    #[test]
    fn an_empty_draft_is_a_single_empty_answer_set() {
        let c = catalog("catalog", "self-check-25").unwrap();
        let d = check_draft(c, &json!({})).unwrap();
        assert_eq!(d.answer_sets.len(), 1);
        assert_eq!(d.answer_sets[0].answers, json!({}));
    }

    #[test]
    fn a_complete_document_is_scored_like_the_command_line() {
        let c = catalog("catalog", "five-principles").unwrap();
        let doc = json!({"answers": {"1": "yes", "2": "yes", "3": "no", "4": "yes", "5": "yes"}});
        let (_, result) = check_complete(c, &doc).unwrap();
        assert_eq!(result.0["yes_count"], json!(4));
        assert_eq!(result.0["one_star_ready"], json!(false));
    }

    #[test]
    fn an_unknown_catalog_names_the_field_and_the_choices() {
        let AppError::Invalid(p) = catalog("catalog", "nope").unwrap_err() else {
            panic!()
        };
        assert_eq!(p[0].field, "catalog");
        assert!(p[0].message.contains("self-check-25"));
    }
}
