//! The caller's own account: API tokens, changing their password and signing out everywhere; the
//! site administrator's user management; an organisation's audit log.

use std::time::Duration;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use mamori_storage::{NewAuditEvent, Secret, TokenId, User, UserId};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::members::password_path;
use super::{
    ApiJson, AuditOut, Created, CreatedUser, NewToken, NewTokenOut, NewUser, PasswordLinkOut,
    TokenOut, UserOut,
};
use crate::auth::{CurrentUser, SESSION_COOKIE, SiteAdmin, cookie, has_bearer};
use crate::client_ip::ClientIp;
use crate::pages::auth_pages::{LOCKOUT_WINDOW, MAX_FAILURES, MAX_FAILURES_PER_ADDRESS};
use crate::password::confirmation_problem;
use crate::tenancy::OrgAccess;
use crate::{AppError, AppState, FieldProblem, validate_password};
use mamori_app::fields as validate;

/// How long a password reset link stays valid.
pub const RESET_VALID: Duration = Duration::from_secs(24 * 3600);

/// The caller's API tokens (never their secrets).
#[utoipa::path(get, path = "/api/v1/me/tokens", tag = "account",
    responses((status = 200, body = [TokenOut])))]
pub async fn list_tokens(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<TokenOut>>, AppError> {
    let list = state.store().api_tokens_of(user.user.id).await?;
    Ok(Json(list.iter().map(TokenOut::from).collect()))
}

/// Creates an API token; the secret is in the answer and never shown again.
#[utoipa::path(post, path = "/api/v1/me/tokens", tag = "account", request_body = NewToken,
    responses((status = 201, body = NewTokenOut), (status = 422, description = "invalid name")))]
pub async fn create_token(
    State(state): State<AppState>,
    user: CurrentUser,
    ApiJson(input): ApiJson<NewToken>,
) -> Result<Created<NewTokenOut>, AppError> {
    let mut problems = Vec::new();
    let Some(name) = validate::name("name", ("名前", "name"), &input.name, &mut problems) else {
        return Err(AppError::Invalid(problems));
    };
    let (token, secret) = state.store().create_api_token(user.user.id, &name).await?;
    Ok(Created(NewTokenOut {
        token: TokenOut::from(&token),
        secret: secret.expose().to_owned(),
    }))
}

/// Revokes one of the caller's API tokens.
#[utoipa::path(delete, path = "/api/v1/me/tokens/{token}", tag = "account",
    params(("token" = i64, Path, description = "token id")),
    responses((status = 204), (status = 404, description = "no such token of yours")))]
pub async fn delete_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(token): Path<i64>,
) -> Result<StatusCode, AppError> {
    state
        .store()
        .delete_api_token(user.user.id, TokenId(token))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Ends every session of the caller on every device (API tokens stay valid).
#[utoipa::path(post, path = "/api/v1/me/sign-out-everywhere", tag = "account",
    responses((status = 204)))]
pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<StatusCode, AppError> {
    end_every_session(&state, user.user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs a person out on every device (the page's button and the API), with its audit entry.
pub async fn end_every_session(state: &AppState, user: UserId) -> Result<(), AppError> {
    state.store().delete_sessions_of(user).await?;
    state
        .store()
        .audit(NewAuditEvent {
            org: None,
            actor: Some(user),
            action: "user.sign_out_everywhere",
            object_type: "user",
            object_id: user.to_string(),
            detail: json!({}),
        })
        .await?;
    Ok(())
}

/// A change of one's own password, as the account page and the API take it.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChangeIn {
    /// The password the person signs in with now.
    pub current_password: String,
    /// The new password: 10 to 200 characters.
    pub new_password: String,
    /// End every other session of this person (this one stays; API tokens stay valid).
    #[serde(default)]
    pub sign_out_other_sessions: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PasswordChangeOut {
    /// How many other sessions ended.
    pub other_sessions_ended: u64,
}

/// The session a request came with (none for an API token, which is not a session).
pub fn session_of(headers: &HeaderMap) -> Option<Secret> {
    if has_bearer(headers) {
        return None;
    }
    cookie(headers, SESSION_COOKIE).map(Secret::from_client)
}

/// Changes the signed-in person's own password. The current password must be right; a wrong one
/// counts as a failed sign-in (so guessing it from a stolen session pauses like guessing at the
/// sign-in form). The new one follows the same rules as everywhere, and matches `confirmation`
/// when the form asked for it twice. `keep` is the session the change came from. Returns how
/// many other sessions ended.
pub async fn change_own_password(
    state: &AppState,
    user: &User,
    keep: Option<&Secret>,
    ip: &str,
    input: PasswordChangeIn,
    confirmation: Option<&str>,
) -> Result<u64, AppError> {
    let (for_email, from_address) = state
        .store()
        .recent_login_failures(&user.email, ip, LOCKOUT_WINDOW)
        .await?;
    if for_email >= MAX_FAILURES || from_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(AppError::TooManyAttempts);
    }
    let mut problems = Vec::new();
    if input.current_password.is_empty() {
        problems.push(
            FieldProblem::new(
                "current_password",
                "いまお使いのパスワードを入力してください。",
            )
            .en("Enter the password you use now."),
        );
    }
    if let Err(p) = validate_password("new_password", &input.new_password) {
        problems.push(p);
    } else if !input.current_password.is_empty() && input.new_password == input.current_password {
        problems.push(
            FieldProblem::new(
                "new_password",
                "新しいパスワードが、いまのパスワードと同じです。別のパスワードにしてください。",
            )
            .en("The new password is the same as the current one. Choose another."),
        );
    }
    problems.extend(confirmation_problem(
        "new_password_confirm",
        &input.new_password,
        confirmation,
    ));
    if !input.current_password.is_empty() {
        let hash = state
            .store()
            .credentials(&user.email)
            .await?
            .and_then(|c| c.password_hash);
        if !state
            .verify_password(input.current_password.clone(), hash)
            .await?
        {
            state.store().record_login_failure(&user.email, ip).await?;
            problems.insert(
                0,
                FieldProblem::new(
                    "current_password",
                    "いまのパスワードが違います。ログインに使っているパスワードを入力してください。",
                )
                .en("The current password is not right. Enter the password you sign in with."),
            );
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let hash = state.hash_password(input.new_password).await?;
    Ok(state
        .store()
        .change_own_password(user.id, &hash, keep, input.sign_out_other_sessions)
        .await?)
}

/// Changes the caller's password. From the browser the session it came with stays signed in;
/// with `sign_out_other_sessions` every other session ends. A wrong current password counts as a
/// failed sign-in.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "account", request_body = PasswordChangeIn,
    responses((status = 200, body = PasswordChangeOut),
        (status = 422, description = "the current password is wrong (`current_password`) or the new one is not acceptable (`new_password`)"),
        (status = 429, description = "too many wrong passwords; try again later")))]
pub async fn change_password(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    user: CurrentUser,
    ApiJson(input): ApiJson<PasswordChangeIn>,
) -> Result<Json<PasswordChangeOut>, AppError> {
    let keep = session_of(&headers);
    let ended = change_own_password(&state, &user.user, keep.as_ref(), &ip, input, None).await?;
    Ok(Json(PasswordChangeOut {
        other_sessions_ended: ended,
    }))
}

/// Every user of this server (site administrators).
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = [UserOut]), (status = 404, description = "not a site administrator")))]
pub async fn list_users(
    State(state): State<AppState>,
    _admin: SiteAdmin,
) -> Result<Json<Vec<UserOut>>, AppError> {
    let users = state.store().all_users().await?;
    Ok(Json(users.iter().map(UserOut::from).collect()))
}

/// Creates an account (site administrators); the person chooses a password with the link.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = CreatedUser), (status = 409, description = "the e-mail address is taken"),
        (status = 422, description = "invalid input"), (status = 404, description = "not a site administrator")))]
pub async fn create_user(
    State(state): State<AppState>,
    SiteAdmin(admin): SiteAdmin,
    ApiJson(input): ApiJson<NewUser>,
) -> Result<Created<CreatedUser>, AppError> {
    let (user, link) = new_user(
        &state,
        admin.user.id,
        &input.email,
        &input.name,
        input.site_admin,
    )
    .await?;
    Ok(Created(CreatedUser {
        user: UserOut::from(&user),
        password_link: password_path(&link),
    }))
}

pub async fn new_user(
    state: &AppState,
    by: UserId,
    email: &str,
    name: &str,
    site_admin: bool,
) -> Result<(mamori_storage::User, mamori_storage::Secret), AppError> {
    let mut problems = Vec::new();
    let email = validate::email("email", email, &mut problems);
    let name = validate::name("name", ("名前", "name"), name, &mut problems);
    let (Some(email), Some(name), true) = (email, name, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let user = state
        .store()
        .create_user(&email, &name, None, site_admin)
        .await?;
    let link = state
        .store()
        .create_password_link(user.id, Some(by), super::members::INVITE_VALID)
        .await?;
    state
        .store()
        .audit(NewAuditEvent {
            org: None,
            actor: Some(by),
            action: "user.create",
            object_type: "user",
            object_id: user.id.to_string(),
            detail: json!({"email": user.email, "site_admin": site_admin}),
        })
        .await?;
    Ok((user, link))
}

/// Issues a one-time password reset link for any user (site administrators). The person's
/// sessions end when they use it.
#[utoipa::path(post, path = "/api/v1/users/{user}/password-link", tag = "users",
    params(("user" = i64, Path, description = "user id")),
    responses((status = 200, body = PasswordLinkOut), (status = 404, description = "no such user, or not a site administrator")))]
pub async fn user_password_link(
    State(state): State<AppState>,
    SiteAdmin(admin): SiteAdmin,
    Path(user): Path<i64>,
) -> Result<Json<PasswordLinkOut>, AppError> {
    let (_, link) = reset_link(&state, admin.user.id, UserId(user)).await?;
    Ok(Json(PasswordLinkOut {
        password_link: password_path(&link),
        expires_in_hours: (RESET_VALID.as_secs() / 3600) as i64,
    }))
}

pub async fn reset_link(
    state: &AppState,
    by: UserId,
    user: UserId,
) -> Result<(mamori_storage::User, mamori_storage::Secret), AppError> {
    let target = state.store().user(user).await?;
    let link = state
        .store()
        .create_password_link(target.id, Some(by), RESET_VALID)
        .await?;
    state
        .store()
        .audit(NewAuditEvent {
            org: None,
            actor: Some(by),
            action: "user.password_link",
            object_type: "user",
            object_id: target.id.to_string(),
            detail: json!({"email": target.email}),
        })
        .await?;
    Ok((target, link))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// Entries older than this id (the `id` of the last entry of the previous page).
    pub before: Option<i64>,
    /// At most this many entries (1-500, default 100).
    pub limit: Option<i64>,
}

/// The organisation's audit log, newest first (administrators).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/audit", tag = "organisations",
    params(("org" = i64, Path, description = "organisation id"), AuditQuery),
    responses((status = 200, body = [AuditOut]), (status = 403, description = "not an administrator"), (status = 404, description = "no such organisation")))]
pub async fn audit_log(
    State(state): State<AppState>,
    access: OrgAccess,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditOut>>, AppError> {
    let entries = state
        .store()
        .audit_log(access.scope(), q.before, q.limit.unwrap_or(100))
        .await?;
    Ok(Json(entries.iter().map(AuditOut::from).collect()))
}
