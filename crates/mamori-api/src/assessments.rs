//! Assessments over the API: create a draft, save answers, submit, read the result.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use mamori_storage::AssessmentId;
use serde_json::Value;

use super::{
    ApiJson, AssessmentOut, AssessmentSummaryOut, Created, NewAssessment, NoteOut, SavedDraft,
};
use mamori_app::{answers, notes};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct PageQuery {
    /// Assessments older than this id (the `id` of the last one of the previous page).
    pub before: Option<i64>,
    /// At most this many (1-500, default 100).
    pub limit: Option<i64>,
}

/// The organisation's assessments, newest first, a page at a time (`before` and `limit`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/assessments", tag = "assessments",
    params(("org" = i64, Path, description = "organisation id"), PageQuery),
    responses((status = 200, body = [AssessmentSummaryOut]), (status = 404, description = "no such organisation")))]
pub async fn list_assessments(
    State(state): State<AppState>,
    access: OrgAccess,
    Query(q): Query<PageQuery>,
) -> Result<Json<Vec<AssessmentSummaryOut>>, AppError> {
    let list = state
        .store()
        .assessments_page(
            access.scope(),
            q.before.map(AssessmentId),
            q.limit.unwrap_or(100).clamp(1, 500),
        )
        .await?;
    Ok(Json(list.iter().map(AssessmentSummaryOut::from).collect()))
}

/// Starts an assessment. With `"submit": true` and complete answers it is scored and submitted at
/// once (automation); otherwise it is a draft holding whatever answers were given.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/assessments", tag = "assessments", request_body = NewAssessment,
    params(("org" = i64, Path, description = "organisation id")),
    responses((status = 201, body = AssessmentOut), (status = 422, description = "unknown catalog or invalid answers"),
        (status = 404, description = "no such organisation")))]
pub async fn create_assessment(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<NewAssessment>,
) -> Result<Created<AssessmentOut>, AppError> {
    let catalog = answers::catalog("catalog", &input.catalog)?;
    let doc = input.document();
    let full = answers::start(state.store(), &access.access, catalog, &doc, input.submit).await?;
    Ok(Created(AssessmentOut::from(&full)))
}

/// One assessment with its answers (as an answer document) and, once submitted, its result.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/assessments/{id}", tag = "assessments",
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 200, body = AssessmentOut), (status = 404, description = "no such assessment")))]
pub async fn get_assessment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<AssessmentOut>, AppError> {
    let id = path.1;
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(id))
        .await?;
    Ok(Json(AssessmentOut::from(&a)))
}

/// Saves a draft's answers (partial answers are fine; wrong values are not). Send the `revision`
/// you edited: a save over someone else's newer save answers 409 instead of overwriting it.
/// For `employee-rules`, an item's answer may carry `observation` and `proposal` texts as in the
/// answer file; they replace that item's notes (see `PUT …/notes`).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/assessments/{id}/answers", tag = "assessments",
    request_body(content = Object, description = "an answer document (`answers` or `respondents`, optional `targets`) with an optional `revision`"),
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 200, body = SavedDraft), (status = 409, description = "submitted already, or a newer revision exists"),
        (status = 422, description = "invalid answers"), (status = 404, description = "no such assessment")))]
pub async fn save_answers(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(mut body): ApiJson<Value>,
) -> Result<Json<SavedDraft>, AppError> {
    let id = path.1;
    let id = AssessmentId(id);
    let expected = take_revision(&mut body)?;
    let current = state.store().assessment(access.scope(), id).await?;
    let catalog = answers::catalog_of(&current)?;
    let draft = answers::check_draft(catalog, &body)?.edited_at(expected);
    let revision = answers::save_draft(state.store(), &access.access, id, &draft).await?;
    Ok(Json(SavedDraft { id: id.0, revision }))
}

fn take_revision(body: &mut Value) -> Result<Option<i64>, AppError> {
    let Value::Object(fields) = body else {
        return Err(AppError::invalid2(
            "(body)",
            "回答はJSONのオブジェクト（{…}）で送ってください。",
            "Send the answers as a JSON object ({…}).",
        ));
    };
    match fields.remove("revision") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v.as_i64().filter(|r| *r >= 0).map(Some).ok_or_else(|| {
            AppError::invalid2(
                "revision",
                "revision は0以上の整数にしてください。",
                "revision must be a whole number of 0 or more.",
            )
        }),
    }
}

/// The consultant's notes of a secondary diagnosis (`employee-rules`), item by item.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/assessments/{id}/notes", tag = "assessments",
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 200, body = [NoteOut]), (status = 404, description = "no such assessment")))]
pub async fn get_notes(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<Vec<NoteOut>>, AppError> {
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(path.1))
        .await?;
    Ok(Json(NoteOut::list(&a.notes)))
}

/// Writes the consultant's notes of a secondary diagnosis (`employee-rules`), on a draft or a
/// submitted assessment: they change no answer and no figure. The body maps item ids to
/// `{"observation": "…", "proposal": "…"}` (each text at most 2,000 characters); an item given
/// replaces both its texts (one left out or `null` is cleared), items not given keep theirs.
/// Notes can also travel inside the answers of `PUT …/answers`, as the answer file carries them.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/assessments/{id}/notes", tag = "assessments",
    request_body(content = Object, description = "item id → {\"observation\", \"proposal\"}, e.g. {\"R3\": {\"observation\": \"…\", \"proposal\": \"…\"}}"),
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 200, body = [NoteOut], description = "every note of the assessment after the change"),
        (status = 422, description = "unknown item, not text, too long, or a catalog without notes"),
        (status = 403, description = "not allowed for this role"), (status = 404, description = "no such assessment")))]
pub async fn put_notes(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<Vec<NoteOut>>, AppError> {
    let id = AssessmentId(path.1);
    let current = state.store().assessment(access.scope(), id).await?;
    notes::save_json(state.store(), &access.access, &current, &body).await?;
    let after = state.store().assessment(access.scope(), id).await?;
    Ok(Json(NoteOut::list(&after.notes)))
}

/// Submits a draft: every item must be answered. The result is computed by the scoring engine
/// and stored with the answers.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/assessments/{id}/submit", tag = "assessments",
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 200, body = AssessmentOut), (status = 409, description = "submitted already"),
        (status = 422, description = "unanswered or invalid items"), (status = 404, description = "no such assessment")))]
pub async fn submit_assessment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<AssessmentOut>, AppError> {
    let id = path.1;
    let id = AssessmentId(id);
    let current = state.store().assessment(access.scope(), id).await?;
    answers::submit(state.store(), &access.access, &current)
        .await?
        .map_err(|found| {
            AppError::Invalid(found.iter().map(FieldProblem::from_domain).collect())
        })?;
    let done = state.store().assessment(access.scope(), id).await?;
    Ok(Json(AssessmentOut::from(&done)))
}

/// The result, exactly as `mamori assess --format json` gives it for the same answers.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/assessments/{id}/result", tag = "assessments",
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 200, body = Object, description = "the result JSON of interfaces.md"),
        (status = 409, description = "not submitted yet"), (status = 404, description = "no such assessment")))]
pub async fn get_result(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<Value>, AppError> {
    let id = path.1;
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(id))
        .await?;
    a.result
        .map(Json)
        .ok_or(AppError::Conflict("not_submitted"))
}

/// Deletes a draft (editors) or a submitted assessment (administrators).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/assessments/{id}", tag = "assessments",
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id")),
    responses((status = 204), (status = 403, description = "not allowed for this role"), (status = 404, description = "no such assessment")))]
pub async fn delete_assessment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    let id = path.1;
    state
        .store()
        .delete_assessment(access.scope(), AssessmentId(id))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
