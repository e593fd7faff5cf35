//! Members and roles of an organisation.

use std::time::Duration;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_storage::{Member, OrgScope, Role, Secret, StoreError, UserId};

use super::{AddedMember, ApiJson, Created, MemberOut, NewMember, PasswordLinkOut, RoleChange};
use crate::tenancy::OrgAccess;
use crate::{AppError, AppState, FieldProblem};
use mamori_app::fields as validate;

/// How long an invitation link stays valid.
pub const INVITE_VALID: Duration = Duration::from_secs(7 * 24 * 3600);

pub fn password_path(secret: &Secret) -> String {
    format!("/password?token={}", secret.expose())
}

/// Adds a person by e-mail address; creates their account (without a password) when they have
/// none, and then returns the one-time link with which they choose one.
pub async fn add_member(
    state: &AppState,
    scope: &OrgScope,
    email: &str,
    name: Option<&str>,
    role: &str,
) -> Result<(Member, Option<Secret>), AppError> {
    if !scope.role().can_administer() {
        return Err(AppError::Forbidden);
    }
    let mut problems: Vec<FieldProblem> = Vec::new();
    let email = validate::email("email", email, &mut problems);
    let role = validate::role("role", role, &mut problems);
    let (Some(email), Some(role), true) = (email, role, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let (user, link) = match state.store().user_by_email(&email).await? {
        Some(user) => (user, None),
        None => {
            let mut problems = Vec::new();
            let Some(name) = validate::name(
                "name",
                ("名前", "name"),
                name.unwrap_or_default(),
                &mut problems,
            ) else {
                problems[0] = FieldProblem::new(
                    "name",
                    "このメールアドレスのアカウントはまだありません。新しく作るので、お名前も入力してください。",
                )
                .en("There is no account with this email address yet. A new one will be created, so please enter a name too.");
                return Err(AppError::Invalid(problems));
            };
            let user = state
                .store()
                .create_user(&email, &name, None, false)
                .await?;
            let link = state
                .store()
                .create_password_link(user.id, Some(scope.user()), INVITE_VALID)
                .await?;
            (user, Some(link))
        }
    };
    state.store().add_member(scope, &user, role).await?;
    let member = Member {
        user,
        role,
        since: mamori_storage::Timestamp::now(),
    };
    Ok((member, link))
}

/// A new one-time link for a member who has not chosen a password yet (a lost invitation).
/// People who have one ask the site administrator, who can reset any account.
pub async fn reissue_invite(
    state: &AppState,
    scope: &OrgScope,
    user: UserId,
) -> Result<(mamori_storage::User, Secret), AppError> {
    if !scope.role().can_administer() {
        return Err(AppError::Forbidden);
    }
    let member = state
        .store()
        .members(scope)
        .await?
        .into_iter()
        .find(|m| m.user.id == user)
        .ok_or(AppError::NotFound)?;
    if member.user.has_password {
        return Err(AppError::Conflict("has_password"));
    }
    let link = state
        .store()
        .create_password_link(user, Some(scope.user()), INVITE_VALID)
        .await?;
    Ok((member.user, link))
}

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
    let (member, link) = add_member(
        &state,
        access.scope(),
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
    set_role(&state, access.scope(), UserId(user), role).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn set_role(
    state: &AppState,
    scope: &OrgScope,
    user: UserId,
    role: Role,
) -> Result<(), AppError> {
    match state.store().set_role(scope, user, role).await {
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        other => Ok(other?),
    }
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
    let (_, link) = reissue_invite(&state, access.scope(), UserId(user)).await?;
    Ok(Json(PasswordLinkOut {
        password_link: password_path(&link),
        expires_in_hours: (INVITE_VALID.as_secs() / 3600) as i64,
    }))
}
