//! Who is asking: a session cookie (pages, and the API from the browser) or an API token
//! (`Authorization: Bearer …`, automation). Extractors give handlers a `CurrentUser`.

use axum::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::{Access, Credential, OrgId, Secret, User};

use crate::{AppError, AppState};

pub const SESSION_COOKIE: &str = "mamori_session";
pub const CSRF_COOKIE: &str = "mamori_csrf";

/// The value of one cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: HttpOnly and SameSite=Lax always, Secure behind TLS.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are hex")
}

/// True when the request came over TLS (directly configured, or a proxy says so).
pub fn is_secure(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.secure_cookies()
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

/// The signed-in user. Pages without one redirect to the sign-in page; the API answers 401.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}

pub fn has_bearer(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION)
}

/// Who a request is, and its access to `org`, with one query when the request has not been
/// identified yet (the usual case: `OrgAccess` is the first to ask). `None` means the caller
/// should go the long way (no credential, or one the store does not know), which gives the
/// usual answer for that case; the user found is remembered for later extractors.
pub async fn identify_with_access(
    parts: &mut Parts,
    state: &AppState,
    org: OrgId,
) -> Result<Option<Option<Access>>, AppError> {
    if parts.extensions.get::<Option<CurrentUser>>().is_some() {
        return Ok(None);
    }
    let session;
    let token;
    let credential = if has_bearer(&parts.headers) {
        let Some(t) = bearer(&parts.headers) else {
            return Ok(None);
        };
        token = Secret::from_client(t);
        Credential::Token(&token)
    } else if let Some(value) = cookie(&parts.headers, SESSION_COOKIE) {
        session = Secret::from_client(value);
        Credential::Session(&session)
    } else {
        return Ok(None);
    };
    let Some((user, access)) = state.store().user_and_access(credential, org).await? else {
        return Ok(None);
    };
    parts.extensions.insert(Some(CurrentUser { user }));
    Ok(Some(access))
}

async fn identify(parts: &mut Parts, state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    if let Some(done) = parts.extensions.get::<Option<CurrentUser>>() {
        return Ok(done.clone());
    }
    let found = if has_bearer(&parts.headers) {
        // A malformed or unknown token is an error, not an anonymous request.
        let token = bearer(&parts.headers).ok_or(AppError::Unauthenticated)?;
        let user = state
            .store()
            .api_token_user(&Secret::from_client(token))
            .await?;
        Some(
            user.map(|user| CurrentUser { user })
                .ok_or(AppError::Unauthenticated)?,
        )
    } else if let Some(value) = cookie(&parts.headers, SESSION_COOKIE) {
        state
            .store()
            .session_user(&Secret::from_client(value))
            .await?
            .map(|user| CurrentUser { user })
    } else {
        None
    };
    parts.extensions.insert(found.clone());
    Ok(found)
}

/// Sign-in needed: the API answers 401; a page sends the browser to the sign-in page and back.
pub struct SignInRequired {
    api: bool,
    next: String,
    error: Option<AppError>,
}

impl IntoResponse for SignInRequired {
    fn into_response(self) -> Response {
        match self.error {
            Some(e) => e.into_response(),
            None if self.api => AppError::Unauthenticated.into_response(),
            None => Redirect::to(&format!("/login?next={}", encode_component(&self.next)))
                .into_response(),
        }
    }
}

pub fn encode_component(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl<S> FromRequestParts<S> for CurrentUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = SignInRequired;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let api = parts.uri.path().starts_with("/api/");
        let next = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        match identify(parts, &state).await {
            Ok(Some(user)) => Ok(user),
            Ok(None) => Err(SignInRequired {
                api,
                next,
                error: None,
            }),
            Err(AppError::Unauthenticated) => Err(SignInRequired {
                api: true,
                next,
                error: Some(AppError::Unauthenticated),
            }),
            Err(e) => Err(SignInRequired {
                api,
                next,
                error: Some(e),
            }),
        }
    }
}

impl<S> OptionalFromRequestParts<S> for CurrentUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let state = AppState::from_ref(state);
        match identify(parts, &state).await {
            Ok(found) => Ok(found),
            // A stale cookie on a public page is simply "not signed in".
            Err(AppError::Unauthenticated) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Only the site administrator (the first user, or whoever they make one).
pub struct SiteAdmin(pub CurrentUser);

impl<S> FromRequestParts<S> for SiteAdmin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = <CurrentUser as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if user.user.site_admin {
            Ok(SiteAdmin(user))
        } else {
            // Not even a hint that the page exists.
            Err(AppError::NotFound.into_response())
        }
    }
}

/// The address of the page where a one-time link's holder chooses a password.
pub fn password_path(secret: &Secret) -> String {
    format!("/password?token={}", secret.expose())
}

/// The session a request came with (none for an API token, which is not a session).
pub fn session_of(headers: &HeaderMap) -> Option<Secret> {
    if has_bearer(headers) {
        return None;
    }
    cookie(headers, SESSION_COOKIE).map(Secret::from_client)
}
