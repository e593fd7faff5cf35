//! Report downloads over the API: the same files the pages offer, from the same use cases.
//! Japanese unless `lang=en`.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use mamori_domain::Lang;
use mamori_http::download::{ReportQuery, attachment};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};
use mamori_storage::AssessmentId;

/// A submitted assessment's result sheet as PDF or DOCX, or its tables as XLSX or CSV.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/assessments/{id}/report", tag = "reports",
    params(("org" = i64, Path, description = "organisation id"), ("id" = i64, Path, description = "assessment id"), ReportQuery),
    responses((status = 200, description = "the file as an attachment: application/pdf, DOCX, XLSX or text/csv"),
        (status = 409, description = "not submitted yet"), (status = 404, description = "no such assessment"),
        (status = 422, description = "an unknown format, table, bom or lang value")))]
pub async fn assessment_report(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(Lang::Ja)?;
    let file = mamori_app::reports::result(
        state.store(),
        &access.access,
        AssessmentId(path.1),
        &request,
    )
    .await?;
    Ok(attachment(file))
}

/// One questionnaire's submitted results over time, as PDF or DOCX, or as a table (XLSX, CSV).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/diagnoses/{catalog}/report", tag = "reports",
    params(("org" = i64, Path, description = "organisation id (a company)"), ("catalog" = String, Path, description = "catalog id, e.g. self-check-25"), ReportQuery),
    responses((status = 200, description = "the file as an attachment"),
        (status = 404, description = "no such catalog, or not a company"),
        (status = 422, description = "an unknown format, table, bom or lang value")))]
pub async fn history_report(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, String)>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(Lang::Ja)?;
    let file =
        mamori_app::reports::history(state.store(), &access.access, &path.1, &request).await?;
    Ok(attachment(file))
}

/// The company's risk analysis result as PDF or DOCX, or its tables as XLSX or CSV (tables:
/// `heat-map`, `assets-at-risk`, `chapters`, `treatments`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/report", tag = "reports",
    params(("org" = i64, Path, description = "organisation id (a company)"), ReportQuery),
    responses((status = 200, description = "the file as an attachment"),
        (status = 404, description = "not a company"),
        (status = 422, description = "an unknown format, table, bom or lang value")))]
pub async fn risk_report(
    State(state): State<AppState>,
    access: OrgAccess,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(Lang::Ja)?;
    let file = mamori_app::reports::risk(state.store(), &access.access, &request).await?;
    Ok(attachment(file))
}
