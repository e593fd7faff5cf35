//! Signing in and out, the first administrator's setup, and choosing a password from a one-time
//! link.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::{NewAuditEvent, Secret};
use serde::Deserialize;
use serde_json::json;

use super::{PageContext, render, render_status};
use mamori_app::fields as validate;
use mamori_app::passwords::confirmation_problem;
use mamori_app::passwords::validate_password;
use mamori_http::auth::{CurrentUser, SESSION_COOKIE, cookie, is_secure, set_cookie};
use mamori_http::client_ip::ClientIp;
use mamori_http::i18n::tr;
use mamori_http::{AppError, AppState, FieldProblem};

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: PageContext,
    error: Option<&'static str>,
    email: String,
    next: String,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Only same-site paths: `/orgs/3`, never `//evil.example`, `/\t/evil.example` or `https://…`.
fn safe_next(next: Option<&str>) -> String {
    mamori_http::redirect::or_home(next)
}

pub async fn login_form(
    ctx: PageContext,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    if ctx.user.is_some() {
        return Ok(Redirect::to(&safe_next(q.next.as_deref())).into_response());
    }
    Ok(render(&LoginPage {
        ctx,
        error: None,
        email: String::new(),
        next: safe_next(q.next.as_deref()),
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let email = form.email.trim().to_lowercase();
    let next = safe_next(form.next.as_deref());
    let failed = |ctx, error| {
        render_status(
            StatusCode::UNAUTHORIZED,
            &LoginPage {
                ctx,
                error: Some(error),
                email: email.clone(),
                next: next.clone(),
            },
        )
    };
    if mamori_app::accounts::sign_in_paused(state.store(), &email, &ip).await? {
        return Err(AppError::TooManyAttempts);
    }
    let creds = state.store().credentials(&email).await?;
    let hash = creds.as_ref().and_then(|c| c.password_hash.clone());
    let ok = state.verify_password(form.password, hash).await?;
    let Some(creds) = creds.filter(|_| ok) else {
        state.store().record_login_failure(&email, &ip).await?;
        let lang = ctx.lang;
        return Ok(failed(
            ctx,
            tr(lang, "メールアドレスまたはパスワードが違います。"),
        ));
    };
    state.store().clear_login_failures(&email, &ip).await?;
    let session = state.store().create_session(creds.user.id).await?;
    state
        .store()
        .audit(NewAuditEvent {
            org: None,
            actor: Some(creds.user.id),
            action: "user.sign_in",
            object_type: "user",
            object_id: creds.user.id.to_string(),
            detail: json!({}),
        })
        .await?;
    let secure = is_secure(&state, &headers);
    let max_age = mamori_storage::SESSION_MAX_SECS;
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(SESSION_COOKIE, session.expose(), Some(max_age), secure),
        )],
        Redirect::to(&next),
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct EverywhereForm {
    everywhere: Option<String>,
}

pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    user: Option<CurrentUser>,
    Form(form): Form<EverywhereForm>,
) -> Result<Response, AppError> {
    let everywhere = form.everywhere.is_some();
    if let Some(user) = &user {
        if everywhere {
            mamori_app::accounts::end_every_session(state.store(), user.user.id).await?;
        } else if let Some(value) = cookie(&headers, SESSION_COOKIE) {
            state
                .store()
                .delete_session(&Secret::from_client(value))
                .await?;
        }
    }
    let notice = if everywhere {
        "signed_out_everywhere"
    } else {
        "signed_out"
    };
    let secure = is_secure(&state, &headers);
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(SESSION_COOKIE, "", Some(0), secure),
        )],
        Redirect::to(&format!("/login?notice={notice}")),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "auth/setup.html")]
struct SetupPage {
    ctx: PageContext,
    token: String,
    name: String,
    email: String,
    problems: Vec<FieldProblem>,
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

pub async fn setup_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let token = q.token.unwrap_or_default();
    if !state.setup_token_matches(&token) {
        // Without the console's token (or once set up) there is nothing here.
        return Err(AppError::NotFound);
    }
    Ok(render(&SetupPage {
        ctx,
        token,
        name: String::new(),
        email: String::new(),
        problems: Vec::new(),
    })?
    .into_response())
}

#[derive(Deserialize)]
pub struct SetupForm {
    token: String,
    name: String,
    email: String,
    password: String,
    password_confirm: Option<String>,
}

/// Creates the first administrator and signs them in: they have just chosen the password, and
/// asking for it again at once would only be a hurdle.
pub async fn setup(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Result<Response, AppError> {
    if !state.setup_token_matches(&form.token) {
        return Err(AppError::NotFound);
    }
    let mut problems = Vec::new();
    let name = validate::name("name", ("名前", "name"), &form.name, &mut problems);
    let email = validate::email("email", &form.email, &mut problems);
    if let Err(p) = validate_password("password", &form.password) {
        problems.push(p);
    }
    problems.extend(confirmation_problem(
        "password_confirm",
        &form.password,
        form.password_confirm.as_deref(),
    ));
    let (Some(name), Some(email), true) = (name, email, problems.is_empty()) else {
        return Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &SetupPage {
                ctx,
                token: form.token,
                name: form.name,
                email: form.email,
                problems,
            },
        ));
    };
    if state.store().count_users().await? > 0 {
        state.finish_setup();
        return Err(AppError::Conflict("already_set_up"));
    }
    let hash = state.hash_password(form.password).await?;
    let user = state
        .store()
        .create_user(&email, &name, Some(&hash), true)
        .await?;
    state.finish_setup();
    state
        .store()
        .audit(NewAuditEvent {
            org: None,
            actor: Some(user.id),
            action: "user.setup_admin",
            object_type: "user",
            object_id: user.id.to_string(),
            detail: json!({"email": user.email}),
        })
        .await?;
    let session = state.store().create_session(user.id).await?;
    let secure = is_secure(&state, &headers);
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(
                SESSION_COOKIE,
                session.expose(),
                Some(mamori_storage::SESSION_MAX_SECS),
                secure,
            ),
        )],
        Redirect::to("/orgs?notice=setup_done"),
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    ctx: PageContext,
    token: String,
    email: Option<String>,
    problems: Vec<FieldProblem>,
}

pub async fn password_form(
    State(state): State<AppState>,
    ctx: PageContext,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let token = q.token.unwrap_or_default();
    let user = state
        .store()
        .password_link_user(&Secret::from_client(&token))
        .await?;
    let status = if user.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok(render_status(
        status,
        &PasswordPage {
            ctx,
            token,
            email: user.map(|u| u.email),
            problems: Vec::new(),
        },
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    token: String,
    password: String,
    password_confirm: Option<String>,
}

pub async fn password(
    State(state): State<AppState>,
    ctx: PageContext,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let secret = Secret::from_client(&form.token);
    let Some(user) = state.store().password_link_user(&secret).await? else {
        return Ok(render_status(
            StatusCode::NOT_FOUND,
            &PasswordPage {
                ctx,
                token: form.token,
                email: None,
                problems: Vec::new(),
            },
        ));
    };
    let problems: Vec<FieldProblem> = validate_password("password", &form.password)
        .err()
        .into_iter()
        .chain(confirmation_problem(
            "password_confirm",
            &form.password,
            form.password_confirm.as_deref(),
        ))
        .collect();
    if !problems.is_empty() {
        return Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &PasswordPage {
                ctx,
                token: form.token,
                email: Some(user.email),
                problems,
            },
        ));
    }
    let hash = state.hash_password(form.password).await?;
    if state
        .store()
        .use_password_link(&secret, &hash)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    state
        .store()
        .audit(NewAuditEvent {
            org: None,
            actor: Some(user.id),
            action: "user.password_set",
            object_type: "user",
            object_id: user.id.to_string(),
            detail: json!({}),
        })
        .await?;
    Ok(Redirect::to("/login?notice=password_set").into_response())
}
