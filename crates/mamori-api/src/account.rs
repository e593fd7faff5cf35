//! The caller's own account: API tokens, changing their password and signing out everywhere; the
//! site administrator's user management; an organisation's audit log.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use mamori_storage::{TokenId, UserId};
use serde::{Deserialize, Serialize};

use super::{
    ApiJson, AuditOut, Created, CreatedUser, NewToken, NewTokenOut, NewUser, PasswordLinkOut,
    TokenOut, UserOut,
};
use mamori_app::accounts::{self, RESET_VALID};
use mamori_http::auth::{CurrentUser, SiteAdmin};
use mamori_http::auth::{password_path, session_of};
use mamori_http::client_ip::ClientIp;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

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
    let (token, secret) =
        mamori_app::accounts::create_token(state.store(), user.user.id, &input.name).await?;
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
    accounts::end_every_session(state.store(), user.user.id).await?;
    Ok(StatusCode::NO_CONTENT)
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

impl PasswordChangeIn {
    /// The change as the use case takes it; `confirmation` when a form asked twice.
    pub fn change(self, confirmation: Option<String>) -> accounts::PasswordChange {
        accounts::PasswordChange {
            current_password: self.current_password,
            new_password: self.new_password,
            confirmation,
            sign_out_other_sessions: self.sign_out_other_sessions,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PasswordChangeOut {
    /// How many other sessions ended.
    pub other_sessions_ended: u64,
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
    let ended = accounts::change_own_password(
        state.store(),
        &state.hashers,
        &user.user,
        keep.as_ref(),
        &ip,
        input.change(None),
    )
    .await?;
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
    let (user, link) = accounts::new_user(
        state.store(),
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
    let (_, link) = accounts::reset_link(state.store(), admin.user.id, UserId(user)).await?;
    Ok(Json(PasswordLinkOut {
        password_link: password_path(&link),
        expires_in_hours: (RESET_VALID.as_secs() / 3600) as i64,
    }))
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
