//! The report downloads offered on the result, history and risk pages: each hands the query to
//! one use case of `mamori_app::reports` and sends the file it writes.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use mamori_http::download::{ReportQuery, attachment};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};
use mamori_storage::AssessmentId;

use crate::PageContext;

/// A submitted diagnosis's result sheet.
pub async fn result(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(ctx.lang)?;
    let file =
        mamori_app::reports::result(state.store(), &access.access, AssessmentId(id), &request)
            .await?;
    Ok(attachment(file))
}

/// A questionnaire's results over time.
pub async fn history(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, catalog)): Path<(i64, String)>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(ctx.lang)?;
    let file =
        mamori_app::reports::history(state.store(), &access.access, &catalog, &request).await?;
    Ok(attachment(file))
}

/// The company's risk analysis result.
pub async fn risk(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(ctx.lang)?;
    let file = mamori_app::reports::risk(state.store(), &access.access, &request).await?;
    Ok(attachment(file))
}
