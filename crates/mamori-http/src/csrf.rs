//! CSRF protection for every state-changing request, in one middleware (double-submit token).
//!
//! Every browser gets a random `mamori_csrf` cookie (HttpOnly, SameSite=Lax). Pages put the same
//! value in a hidden `csrf` field of each form (and a `<meta>` for scripts, which send it as
//! `X-CSRF-Token`). A POST, PUT, PATCH or DELETE passes only when the two match. Another site can
//! neither read the cookie nor set it, so it cannot forge the pair. Requests with an API token
//! carry no ambient credential and need no CSRF token. An API write with neither a session
//! cookie nor a token is answered 401 `unauthenticated`, like the same request as GET.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use mamori_storage::Secret;
use subtle::ConstantTimeEq;

use crate::auth::{CSRF_COOKIE, cookie, has_bearer, is_secure, set_cookie};
use crate::body_limit::{self, BodyLimit};
use crate::{AppError, AppState};

/// The CSRF token of this request, for templates.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

pub async fn protect(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let token_only = has_bearer(request.headers())
        && cookie(request.headers(), crate::auth::SESSION_COOKIE).is_none();
    if safe && token_only {
        // An API client with a token has no forms and no ambient credential: no CSRF cookie
        // to hand out (it would be a new random secret and a Set-Cookie on every response).
        return next.run(request).await;
    }
    let existing = cookie(request.headers(), CSRF_COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_owned);
    if safe {
        let (token, fresh) = match existing {
            Some(t) => (t, false),
            None => (Secret::generate().expose().to_owned(), true),
        };
        let secure = is_secure(&state, request.headers());
        let mut request = request;
        request.extensions_mut().insert(CsrfToken(token.clone()));
        let mut response = next.run(request).await;
        if fresh {
            response.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(CSRF_COOKIE, &token, None, secure),
            );
        }
        return response;
    }
    if token_only {
        return next.run(request).await;
    }
    // With neither a session nor a token nobody is signed in: the API answers that (401, as for a
    // GET) instead of blaming a form token the caller never needed.
    if request.uri().path().starts_with("/api/")
        && !has_bearer(request.headers())
        && cookie(request.headers(), crate::auth::SESSION_COOKIE).is_none()
    {
        return AppError::Unauthenticated.into_response();
    }
    // A browser that says the request came from another site is refused outright.
    if request
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return AppError::Csrf.into_response();
    }
    let Some(expected) = existing else {
        return AppError::Csrf.into_response();
    };
    let from_header = request
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let (request, given) = match from_header {
        Some(h) => (request, Some(h)),
        None if is_form(&request) => match form_token(request).await {
            Ok(pair) => pair,
            Err(response) => return response,
        },
        None => (request, None),
    };
    match given {
        Some(g) if bool::from(g.as_bytes().ct_eq(expected.as_bytes())) => {
            let mut request = request;
            request.extensions_mut().insert(CsrfToken(expected));
            next.run(request).await
        }
        _ => AppError::Csrf.into_response(),
    }
}

fn is_form(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/x-www-form-urlencoded")
                || v.starts_with("multipart/form-data")
        })
}

/// Reads the `csrf` field of a form body and puts the body back for the handler.
async fn form_token(request: Request) -> Result<(Request, Option<String>), Response> {
    let (parts, body) = request.into_parts();
    let limit = parts
        .extensions
        .get::<BodyLimit>()
        .map_or(body_limit::DEFAULT.bytes, |l| l.0);
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| (axum::http::StatusCode::PAYLOAD_TOO_LARGE, "").into_response())?;
    let multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let token = if multipart {
        multipart_field(&bytes, "csrf")
    } else {
        form_urlencoded_field(&bytes, "csrf")
    };
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// The value of a small text part of a multipart body (file uploads carry the token as a part).
fn multipart_field(body: &[u8], name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let at = body
        .windows(marker.len())
        .position(|w| w == marker.as_bytes())?;
    let rest = &body[at + marker.len()..];
    let start = rest.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let value = &rest[start..];
    let end = value.windows(2).position(|w| w == b"\r\n")?;
    let token = std::str::from_utf8(&value[..end]).ok()?;
    // Only a token-shaped value counts (it is compared with the cookie afterwards anyway).
    (token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())).then(|| token.to_owned())
}

fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    body.split(|b| *b == b'&').find_map(|pair| {
        let mut it = pair.splitn(2, |b| *b == b'=');
        let key = it.next()?;
        let value = it.next().unwrap_or_default();
        // The token is hex, so no percent-decoding is needed; anything else simply fails to match.
        (key == name.as_bytes()).then(|| String::from_utf8_lossy(value).into_owned())
    })
}
