use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use mamori_storage::{OrgKind, Role, Via};

use super::{ApiJson, Created, NewOrg, OrgOut, OrgRename};
use mamori_app::fields as validate;
use mamori_http::auth::CurrentUser;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// Organisations the caller belongs to, and companies that consented to their support organisation.
#[utoipa::path(get, path = "/api/v1/orgs", tag = "organisations",
    responses((status = 200, body = [OrgOut])))]
pub async fn list_orgs(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<OrgOut>>, AppError> {
    let list = state.store().reachable_organisations(user.user.id).await?;
    Ok(Json(
        list.iter()
            .map(|r| OrgOut::new(&r.org, r.role, r.via))
            .collect(),
    ))
}

/// Creates an organisation; the caller becomes its administrator.
#[utoipa::path(post, path = "/api/v1/orgs", tag = "organisations", request_body = NewOrg,
    responses((status = 201, body = OrgOut), (status = 422, description = "invalid input")))]
pub async fn create_org(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<NewOrg>,
) -> Result<Created<OrgOut>, AppError> {
    let mut problems = Vec::new();
    let kind = OrgKind::parse(&input.kind);
    if kind.is_none() {
        problems.push(
            mamori_http::FieldProblem::new(
                "kind",
                "種類は company（企業）か support（支援機関）を指定してください。",
            )
            .en("kind must be company or support."),
        );
    }
    let name = validate::name(
        "name",
        ("組織名", "organisation name"),
        &input.name,
        &mut problems,
    );
    let (Some(kind), Some(name), true) = (kind, name, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let org = state
        .store()
        .create_organisation(user.user.id, kind, &name)
        .await?;
    Ok(Created(OrgOut::new(&org, Role::Admin, Via::Membership)))
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "organisations",
    params(("org" = i64, Path, description = "organisation id")),
    responses((status = 200, body = OrgOut), (status = 404, description = "no such organisation, or not yours")))]
pub async fn get_org(access: OrgAccess) -> Json<OrgOut> {
    let a = &access.access;
    Json(OrgOut::new(&a.org, a.scope.role(), a.via))
}

/// Renames an organisation (administrators).
#[utoipa::path(patch, path = "/api/v1/orgs/{org}", tag = "organisations", request_body = OrgRename,
    params(("org" = i64, Path, description = "organisation id")),
    responses((status = 200, body = OrgOut), (status = 403, description = "not an administrator"), (status = 404, description = "no such organisation")))]
pub async fn rename_org(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<OrgRename>,
) -> Result<Json<OrgOut>, AppError> {
    let mut problems = Vec::new();
    let Some(name) = validate::name(
        "name",
        ("組織名", "organisation name"),
        &input.name,
        &mut problems,
    ) else {
        return Err(AppError::Invalid(problems));
    };
    state
        .store()
        .rename_organisation(access.scope(), &name)
        .await?;
    let mut org = access.access.org.clone();
    org.name = name;
    Ok(Json(OrgOut::new(
        &org,
        access.scope().role(),
        access.access.via,
    )))
}

/// Deletes an organisation and all its data (administrators).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}", tag = "organisations",
    params(("org" = i64, Path, description = "organisation id")),
    responses((status = 204), (status = 403, description = "not an administrator"), (status = 404, description = "no such organisation")))]
pub async fn delete_org(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<StatusCode, AppError> {
    mamori_app::company::delete_organisation(state.store(), &access.access).await?;
    Ok(StatusCode::NO_CONTENT)
}
