//! Members and roles of an organisation.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_storage::UserId;

use super::{AddedMember, ApiJson, Created, MemberOut, NewMember, PasswordLinkOut, RoleChange};
use mamori_app::accounts::INVITE_VALID;
use mamori_app::fields as validate;
use mamori_app::members;
use mamori_http::auth::password_path;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// The organisation's members.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/members", tag = "members",
    params(("org" = i64, Path, description = "organisation id")),
    responses((status = 200, body = [MemberOut]), (status = 404, description = "no such organisation")))]
pub async fn list_members(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<MemberOut>>, AppError> {
    let members = state.store().members(access.scope()).await?;
    Ok(Json(members.iter().map(MemberOut::from).collect()))
}

/// Adds a member (administrators). A person without an account gets one, and the answer carries
/// the one-time link with which they choose their password.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members", tag = "members", request_body = NewMember,
    params(("org" = i64, Path, description = "organisation id")),
    responses((status = 201, body = AddedMember), (status = 409, description = "already a member"),
        (status = 422, description = "invalid input"), (status = 403, description = "not an administrator")))]
pub async fn create_member(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<NewMember>,
) -> Result<Created<AddedMember>, AppError> {
    let (member, link) = members::add(
        state.store(),
        &access.access,
        &input.email,
        input.name.as_deref(),
        &input.role,
    )
    .await?;
    Ok(Created(AddedMember {
        member: MemberOut::from(&member),
        password_link: link.as_ref().map(password_path),
    }))
}

/// Changes a member's role (administrators). The last administrator keeps the role.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}/members/{user}", tag = "members", request_body = RoleChange,
    params(("org" = i64, Path, description = "organisation id"), ("user" = i64, Path, description = "user id")),
    responses((status = 204), (status = 409, description = "the last administrator"), (status = 404, description = "no such member")))]
pub async fn change_role(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<RoleChange>,
) -> Result<StatusCode, AppError> {
    let user = path.1;
    let mut problems = Vec::new();
    let Some(role) = validate::role("role", &input.role, &mut problems) else {
        return Err(AppError::Invalid(problems));
    };
    members::set_role(state.store(), &access.access, UserId(user), role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a member (administrators). Their account stays.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/members/{user}", tag = "members",
    params(("org" = i64, Path, description = "organisation id"), ("user" = i64, Path, description = "user id")),
    responses((status = 204), (status = 409, description = "the last administrator"), (status = 404, description = "no such member")))]
pub async fn remove_member(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    let user = path.1;
    state
        .store()
        .remove_member(access.scope(), UserId(user))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new invitation link for a member who has not chosen a password yet (administrators).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/members/{user}/password-link", tag = "members",
    params(("org" = i64, Path, description = "organisation id"), ("user" = i64, Path, description = "user id")),
    responses((status = 200, body = PasswordLinkOut), (status = 409, description = "the person already has a password"),
        (status = 404, description = "no such member")))]
pub async fn member_password_link(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<PasswordLinkOut>, AppError> {
    let user = path.1;
    let (_, link) = members::reissue_invite(state.store(), &access.access, UserId(user)).await?;
    Ok(Json(PasswordLinkOut {
        password_link: password_path(&link),
        expires_in_hours: (INVITE_VALID.as_secs() / 3600) as i64,
    }))
}
