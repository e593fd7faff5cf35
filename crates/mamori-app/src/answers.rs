//! Answer documents between the client and the store. The API and the pages both come through
//! here, and scoring is the domain engine's `score` on the output of `parse_submission`, exactly
//! what `mamori assess` runs, so the same answers give the same figures everywhere.

use mamori_domain::notes::NOTE_KEYS;
use mamori_domain::{
    Catalog, InputProblem, ItemNote, ProblemKind, RawValue, builtin, parse_submission,
    score as engine_score,
};
use mamori_storage::{
    Access, AnswerSetInput, Assessment, AssessmentDraft, AssessmentId, AssessmentStatus,
    AssessmentSummary, Store, SubmittedResult,
};
use serde_json::{Map, Value};

use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// A draft's answers that passed the answer parser: the only way to one is [`check_draft`] (or
/// [`AnswerDraft::of_sets`], which goes through it), so the form, the API and every other caller
/// store only answers the scoring engine accepts.
#[derive(Debug, Clone)]
pub struct AnswerDraft(AssessmentDraft);

impl AnswerDraft {
    /// Answer sets as a page keeps them (one unnamed set, or one per respondent), checked.
    pub fn of_sets(
        catalog: &Catalog,
        sets: &[AnswerSetInput],
        targets: Option<Value>,
    ) -> Result<AnswerDraft, Error> {
        let mut doc = Map::new();
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
        if let Some(t) = targets {
            doc.insert("targets".into(), t);
        }
        check_draft(catalog, &Value::Object(doc))
    }

    /// The revision the person edited: a save over a newer one is refused, not overwritten.
    pub fn edited_at(mut self, revision: Option<i64>) -> AnswerDraft {
        self.0.expected_revision = revision;
        self
    }

    pub fn sets(&self) -> &[AnswerSetInput] {
        &self.0.answer_sets
    }

    /// Notes checked apart from the answers (the questionnaire's text areas), saved with them in
    /// one transaction.
    pub fn with_notes(mut self, changes: &crate::notes::NoteChanges) -> AnswerDraft {
        self.0.notes.extend(changes.notes().iter().cloned());
        self
    }

    pub fn notes(&self) -> &[ItemNote] {
        &self.0.notes
    }
}

/// The newest version of a built-in catalog; an unknown id is a problem with `field`.
pub fn catalog(field: &str, id: &str) -> Result<&'static Catalog, Error> {
    builtin().get(id).ok_or_else(|| {
        let known: Vec<&str> = builtin().latest().iter().map(|c| c.id.as_str()).collect();
        Error::invalid(
            field,
            format!(
                "「{id}」という診断はありません（使えるもの: {}）。",
                known.join(", ")
            ),
            format!(
                "There is no diagnosis \"{id}\" (available: {}).",
                known.join(", ")
            ),
        )
    })
}

/// The catalog version an assessment was started with (kept so old results stay readable).
pub fn catalog_of(assessment: &Assessment) -> Result<&'static Catalog, Error> {
    let s = &assessment.summary;
    builtin()
        .get_version(&s.catalog_id, &s.catalog_version)
        .ok_or_else(|| {
            Error::internal(format!(
                "catalog {} {} is not built in",
                s.catalog_id, s.catalog_version
            ))
        })
}

fn problems_of(found: Vec<InputProblem>) -> Error {
    Error::Invalid(found.iter().map(FieldProblem::from_domain).collect())
}

fn raw(doc: &Value) -> Result<RawValue, Error> {
    serde_json::from_value(doc.clone()).map_err(|_| {
        Error::invalid(
            "(body)",
            "回答の形式が正しくありません。",
            "The answers are not in the expected form.",
        )
    })
}

/// A draft's answers: every value given must be valid, but items may still be unanswered.
/// `doc` is an answer document (`answers` or `respondents`, optional `targets`).
pub fn check_draft(catalog: &Catalog, doc: &Value) -> Result<AnswerDraft, Error> {
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
    Ok(AnswerDraft(draft_of(catalog, &doc)))
}

/// Complete answers, scored. Returns what to store: the answer sets and the engine's result JSON.
pub fn check_complete(
    catalog: &Catalog,
    doc: &Value,
) -> Result<(AssessmentDraft, SubmittedResult), Error> {
    let submission = parse_submission(catalog, &raw(doc)?).map_err(problems_of)?;
    let result =
        serde_json::to_value(engine_score(catalog, &submission)).map_err(Error::internal)?;
    Ok((draft_of(catalog, doc), SubmittedResult(result)))
}

/// Stored answers, scored, for the pages: the problems come back as the engine found them (the
/// inner error), so a page can say them in its own words. `doc` is `document_of` an assessment.
#[allow(clippy::type_complexity)]
pub fn score(
    catalog: &Catalog,
    doc: &Value,
) -> Result<Result<(AssessmentDraft, SubmittedResult), Vec<InputProblem>>, Error> {
    let submission = match parse_submission(catalog, &raw(doc)?) {
        Ok(s) => s,
        Err(found) => return Ok(Err(found)),
    };
    let result =
        serde_json::to_value(engine_score(catalog, &submission)).map_err(Error::internal)?;
    Ok(Ok((draft_of(catalog, doc), SubmittedResult(result))))
}

/// The stored answers of a submitted assessment, parsed as the engine reads them.
pub fn submission_of(
    catalog: &Catalog,
    assessment: &Assessment,
) -> Result<mamori_domain::Submission, Error> {
    parse_submission(catalog, &raw(&document_of(assessment))?)
        .map_err(|_| Error::internal("stored answers no longer parse"))
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

/// The answer sets to store from a checked document, with the notes taken out of the answers:
/// notes are stored on their own, since they stay editable after submission.
fn draft_of(catalog: &Catalog, doc: &Value) -> AssessmentDraft {
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
    let mut answer_sets = answer_sets;
    let notes = match answer_sets.as_mut_slice() {
        [single] if catalog.takes_notes() => take_notes(&mut single.answers),
        _ => Vec::new(),
    };
    AssessmentDraft {
        answer_sets,
        targets: doc.get("targets").cloned().filter(|t| !t.is_null()),
        expected_revision: None,
        notes,
    }
}

/// Removes the note keys from each item's answer object (already checked by the parser) and
/// returns them; an item whose object held nothing else is dropped, so it stays unanswered.
fn take_notes(answers: &mut Value) -> Vec<ItemNote> {
    let Value::Object(items) = answers else {
        return Vec::new();
    };
    let mut notes = Vec::new();
    items.retain(|id, value| {
        let Value::Object(fields) = value else {
            return true;
        };
        if !NOTE_KEYS.iter().any(|k| fields.contains_key(*k)) {
            return true;
        }
        let mut text = |key: &str| match fields.remove(key) {
            Some(Value::String(s)) => s.trim().to_owned(),
            _ => String::new(),
        };
        notes.push(ItemNote {
            item: id.clone(),
            observation: text("observation"),
            proposal: text("proposal"),
        });
        !fields.is_empty()
    });
    notes
}

/// Puts stored notes back into the answers of an answer document, where the answer file carries
/// them (interfaces.md), so what the API gives back can be fed to `mamori assess` as it is.
fn put_notes(answers: &mut Value, notes: &[ItemNote]) {
    let Value::Object(items) = answers else {
        return;
    };
    for note in notes {
        let slot = items
            .entry(note.item.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(fields) = slot {
            for (key, text) in [
                ("observation", &note.observation),
                ("proposal", &note.proposal),
            ] {
                if !text.is_empty() {
                    fields.insert(key.into(), Value::String(text.clone()));
                }
            }
        }
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
        let mut answers = sets[0].answers.clone();
        put_notes(&mut answers, &assessment.notes);
        doc.insert("answers".into(), answers);
    } else if sets.is_empty() && !assessment.notes.is_empty() {
        // Notes written before the first answer was saved.
        let mut answers = Value::Object(Map::new());
        put_notes(&mut answers, &assessment.notes);
        doc.insert("answers".into(), answers);
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

/// Starts a diagnosis from an answer document. With `submit` the answers must be complete: they
/// are scored and stored as a submitted assessment at once (automation); otherwise whatever
/// answers were given are kept as a draft.
pub async fn start(
    store: &Store,
    access: &Access,
    catalog: &Catalog,
    doc: &Value,
    submit: bool,
) -> Result<Assessment, Error> {
    let scope = require(access, Need::Edit)?;
    if submit {
        let (draft, result) = check_complete(catalog, doc)?;
        return Ok(store
            .create_submitted_assessment(scope, &catalog.id, &catalog.version, &draft, &result)
            .await?);
    }
    let draft = check_draft(catalog, doc)?;
    let summary = store
        .create_assessment(scope, &catalog.id, &catalog.version)
        .await?;
    if doc.get("answers").is_some() || doc.get("respondents").is_some() {
        store.save_draft(scope, summary.id, &draft.0).await?;
    }
    Ok(store.assessment(scope, summary.id).await?)
}

/// Opens the draft already open for this diagnostic, or starts one (a double click or a second
/// tab must not leave two drafts), its first answers `prefilled` from another diagnostic's
/// result. Returns the draft and whether it was made now.
pub async fn open_or_start(
    store: &Store,
    access: &Access,
    catalog: &Catalog,
    prefilled: Map<String, Value>,
) -> Result<(AssessmentSummary, bool), Error> {
    let scope = require(access, Need::Edit)?;
    let first = if prefilled.is_empty() {
        None
    } else {
        let set = AnswerSetInput {
            name: String::new(),
            answers: Value::Object(prefilled),
        };
        Some(AnswerDraft::of_sets(catalog, &[set], None)?)
    };
    Ok(store
        .open_or_create_draft(
            scope,
            &catalog.id,
            &catalog.version,
            first.as_ref().map(|d| &d.0),
        )
        .await?)
}

/// Saves a draft's answers; returns the new revision.
pub async fn save_draft(
    store: &Store,
    access: &Access,
    id: AssessmentId,
    draft: &AnswerDraft,
) -> Result<i64, Error> {
    let scope = require(access, Need::Edit)?;
    Ok(store.save_draft(scope, id, &draft.0).await?)
}

/// Submits a draft at the revision read: every item answered, scored by the engine. The inner
/// error is what the engine found wrong, for the page to say in its own words (saves are checked
/// as they come, so only a draft that a newer catalog no longer accepts gets there).
#[allow(clippy::type_complexity)]
pub async fn submit(
    store: &Store,
    access: &Access,
    current: &Assessment,
) -> Result<Result<AssessmentSummary, Vec<InputProblem>>, Error> {
    let scope = require(access, Need::Edit)?;
    if current.summary.status == AssessmentStatus::Submitted {
        return Err(Error::Conflict("already_submitted"));
    }
    let catalog = catalog_of(current)?;
    match score(catalog, &document_of(current))? {
        Ok((mut draft, result)) => {
            draft.expected_revision = Some(current.summary.revision);
            Ok(Ok(store
                .submit_assessment(scope, current.summary.id, &draft, &result)
                .await?))
        }
        Err(found) => Ok(Err(found)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_draft_may_leave_items_unanswered_but_not_give_wrong_values() {
        let c = catalog("catalog", "five-principles").unwrap();
        let d = check_draft(c, &json!({"answers": {"1": "yes"}})).unwrap();
        assert_eq!(d.sets()[0].answers, json!({"1": "yes"}));
        let Error::Invalid(p) =
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
        assert_eq!(d.sets().len(), 1);
        assert_eq!(d.sets()[0].answers, json!({}));
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
        let Error::Invalid(p) = catalog("catalog", "nope").unwrap_err() else {
            panic!()
        };
        assert_eq!(p[0].field, "catalog");
        assert!(p[0].message.contains("self-check-25"));
    }
}
