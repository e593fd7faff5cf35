//! The consultant's notes on the result page of a secondary diagnosis: each item's grade with
//! its observations (傾向と対策) and improvement proposal (改善提案), and for editors a small form
//! per item, since notes are often written after the scoring and change no figure.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_domain::{Catalog, ItemNote, Lang};
use mamori_storage::{AssessmentId, AssessmentStatus};
use serde_json::Value;

use super::form::{NoteField, note_fields, notes_shown};
use super::results;
use crate::PageContext;
use mamori_app::answers;
use mamori_app::notes::{self, NoteChanges};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// One item of the secondary diagnosis on its result page.
pub struct NoteRow {
    pub item: String,
    pub anchor: String,
    pub title: String,
    /// The item's grade from the stored result (A-D).
    pub grade: String,
    pub observation: String,
    pub proposal: String,
    pub fields: Vec<NoteField>,
}

/// The rows of every item, in catalog order; empty for a catalog without notes. `shown` are
/// the notes to show (the stored ones, or what was just posted when it had a problem).
pub fn rows(catalog: &Catalog, result: &Value, shown: &[ItemNote], lang: Lang) -> Vec<NoteRow> {
    if !catalog.takes_notes() {
        return Vec::new();
    }
    let grade_of = |id: &str| {
        result
            .get("items")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|i| i.get("id").and_then(Value::as_str) == Some(id))
            .and_then(|i| i.get("grade"))
            .and_then(Value::as_str)
            .unwrap_or("—")
            .to_owned()
    };
    catalog
        .items
        .iter()
        .map(|item| {
            let note = shown.iter().find(|n| n.item == item.id);
            NoteRow {
                anchor: format!("note-{}", item.id),
                title: item.short_title().get(lang).to_owned(),
                grade: grade_of(&item.id),
                observation: note.map(|n| n.observation.clone()).unwrap_or_default(),
                proposal: note.map(|n| n.proposal.clone()).unwrap_or_default(),
                fields: note_fields(catalog, &item.id, shown),
                item: item.id.clone(),
            }
        })
        .collect()
}

/// Saves the notes posted from the result page (fields `n:{item}:observation` and
/// `n:{item}:proposal`), on a submitted assessment or a draft. A problem shows the result page
/// again with the person's text and the problem named.
pub async fn save(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    crate::need(&access, crate::Need::Edit)?;
    let id = AssessmentId(id);
    let a = state.store().assessment(access.scope(), id).await?;
    let catalog = answers::catalog_of(&a)?;
    let changes = match NoteChanges::of_fields(catalog, &fields) {
        Ok(changes) => changes,
        Err(problems) if a.summary.status == AssessmentStatus::Submitted => {
            let shown = notes_shown(&a.notes, &fields);
            let page = results::result_page_with(&state, ctx, &access, &a, problems, &shown);
            return Ok(with_status(page.await?, StatusCode::UNPROCESSABLE_ENTITY));
        }
        Err(problems) => return Err(AppError::Invalid(problems)),
    };
    notes::save(state.store(), &access.access, id, &changes).await?;
    let item = changes
        .notes()
        .first()
        .map(|n| format!("#note-{}", n.item))
        .unwrap_or_default();
    Ok(Redirect::to(&format!(
        "/orgs/{}/assessments/{}?notice=notes_saved{item}",
        access.scope().org().0,
        id.0
    ))
    .into_response())
}

fn with_status(mut page: Response, status: StatusCode) -> Response {
    *page.status_mut() = status;
    page
}
