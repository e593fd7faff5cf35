//! A company's profile and the support organisations it lets in; a support organisation's list
//! of consenting companies.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_storage::{OrgId, display_support_code};

use super::{ApiJson, ConsentOut, Created, NewConsent, ProfileIo, SupportCodeOut};
use mamori_app::company;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// The company profile (diagnostics.md §10).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/profile", tag = "companies",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = ProfileIo), (status = 404, description = "no such company")))]
pub async fn get_profile(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<ProfileIo>, AppError> {
    let p = company::profile(state.store(), &access.access).await?;
    Ok(Json(ProfileIo::from(&p)))
}

/// Replaces the company profile; every field is optional.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/profile", tag = "companies", request_body = ProfileIo,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = ProfileIo), (status = 422, description = "invalid fields"), (status = 404, description = "no such company")))]
pub async fn put_profile(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<ProfileIo>,
) -> Result<Json<ProfileIo>, AppError> {
    let profile = company::save_profile(state.store(), &access.access, &input.input()).await?;
    Ok(Json(ProfileIo::from(&profile)))
}

/// The support organisations this company shares its data with.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/consents", tag = "companies",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ConsentOut]), (status = 404, description = "no such company")))]
pub async fn list_consents(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ConsentOut>>, AppError> {
    let list = company::consents(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(ConsentOut::from).collect()))
}

/// Lets a support organisation's administrators and consultants see and work on this company
/// (company administrators). The support organisation is named by the code it handed out; an
/// unknown code is a field error that names no organisation.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/consents", tag = "companies", request_body = NewConsent,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = ConsentOut), (status = 422, description = "support_code is malformed or belongs to no support organisation"), (status = 404, description = "no such company")))]
pub async fn grant_consent(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<NewConsent>,
) -> Result<Created<ConsentOut>, AppError> {
    let support =
        mamori_app::consents::grant_by_code(state.store(), &access.access, &input.support_code)
            .await?;
    let list = company::consents(state.store(), &access.access).await?;
    let consent = list
        .iter()
        .find(|c| c.support.id == support)
        .ok_or(AppError::NotFound)?;
    Ok(Created(ConsentOut::from(consent)))
}

/// Stops sharing with a support organisation (company administrators).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/consents/{support}", tag = "companies",
    params(("org" = i64, Path, description = "company id"), ("support" = i64, Path, description = "support organisation id")),
    responses((status = 204), (status = 404, description = "no such consent")))]
pub async fn revoke_consent(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    company::revoke_consent(state.store(), &access.access, OrgId(path.1)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The companies that consented to this support organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/companies", tag = "companies",
    params(("org" = i64, Path, description = "support organisation id")),
    responses((status = 200, body = [ConsentOut]), (status = 404, description = "no such support organisation")))]
pub async fn list_companies(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ConsentOut>>, AppError> {
    let list = company::consenting_companies(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(ConsentOut::from).collect()))
}

/// The code this support organisation hands out to companies (its administrators).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/support-code", tag = "companies",
    params(("org" = i64, Path, description = "support organisation id")),
    responses((status = 200, body = SupportCodeOut), (status = 403, description = "not an administrator"), (status = 404, description = "no such support organisation")))]
pub async fn get_support_code(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<SupportCodeOut>, AppError> {
    let code = state
        .store()
        .support_code(access.scope(), &access.access.org)
        .await?;
    Ok(Json(SupportCodeOut {
        code: display_support_code(&code),
    }))
}

/// Replaces the code (its administrators): the old code stops working at once; companies that
/// registered it stay until removed.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/support-code", tag = "companies",
    params(("org" = i64, Path, description = "support organisation id")),
    responses((status = 201, body = SupportCodeOut), (status = 403, description = "not an administrator"), (status = 404, description = "no such support organisation")))]
pub async fn regenerate_support_code(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Created<SupportCodeOut>, AppError> {
    let code = state
        .store()
        .regenerate_support_code(access.scope(), &access.access.org)
        .await?;
    Ok(Created(SupportCodeOut {
        code: display_support_code(&code),
    }))
}

/// The support organisation declines or stops working with a company (its administrators).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/companies/{company}", tag = "companies",
    params(("org" = i64, Path, description = "support organisation id"), ("company" = i64, Path, description = "company id")),
    responses((status = 204), (status = 403, description = "not an administrator"), (status = 404, description = "no such company among this organisation's")))]
pub async fn remove_company(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    state
        .store()
        .remove_company(access.scope(), &access.access.org, OrgId(path.1))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
