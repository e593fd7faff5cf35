//! The signed-in person's account page (changing their password, API tokens, signing out
//! everywhere) and the site administrator's user management.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::{TokenId, UserId};
use serde::Deserialize;

use super::{PageContext, jst, render, render_status};
use mamori_app::accounts::{self, PasswordChange};
use mamori_http::auth::{CurrentUser, SiteAdmin};
use mamori_http::auth::{password_path, session_of};
use mamori_http::client_ip::ClientIp;
use mamori_http::i18n::tr;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub last_used: String,
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    ctx: PageContext,
    name: String,
    email: String,
    tokens: Vec<TokenRow>,
    new_secret: Option<String>,
    /// When the calendar address was made, if there is one.
    calendar_since: Option<String>,
    /// A calendar address just made (shown once).
    new_calendar: Option<String>,
    /// Whether the person receives the daily e-mail of due dates.
    receives_digest: bool,
    /// Whether this server sends e-mail at all.
    mail_configured: bool,
    /// Problems with the token form.
    problems: Vec<FieldProblem>,
    /// Problems with the password form.
    password_problems: Vec<FieldProblem>,
}

impl AccountPage {
    /// Whether the password form has a problem with `field` (marked `aria-invalid`).
    fn invalid(&self, field: &str) -> bool {
        self.password_problems.iter().any(|p| p.field == field)
    }
}

async fn account_page(
    state: &AppState,
    ctx: PageContext,
    user: &CurrentUser,
    new_secret: Option<String>,
    problems: Vec<FieldProblem>,
) -> Result<AccountPage, AppError> {
    let lang = ctx.lang;
    let calendar_since = mamori_app::operations::calendar::created(state.store(), user.user.id)
        .await?
        .map(|at| jst(at, lang));
    let receives_digest =
        mamori_app::operations::digest::receives(state.store(), user.user.id).await?;
    let tokens = state
        .store()
        .api_tokens_of(user.user.id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id.0,
            name: t.name,
            created: jst(t.created_at, lang),
            last_used: t
                .last_used_at
                .map_or_else(|| tr(lang, "未使用").to_owned(), |at| jst(at, lang)),
        })
        .collect();
    Ok(AccountPage {
        ctx,
        name: user.user.name.clone(),
        email: user.user.email.clone(),
        tokens,
        new_secret,
        calendar_since,
        new_calendar: None,
        receives_digest,
        mail_configured: state.config.mail.is_some(),
        problems,
        password_problems: Vec::new(),
    })
}

pub async fn account(
    State(state): State<AppState>,
    ctx: PageContext,
    user: CurrentUser,
) -> Result<Response, AppError> {
    Ok(render(&account_page(&state, ctx, &user, None, Vec::new()).await?)?.into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_confirm: Option<String>,
    end_other_sessions: Option<String>,
}

/// `POST /account/password`: the person changes their own password; this session stays signed in.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: PageContext,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    user: CurrentUser,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let input = PasswordChange {
        current_password: form.current_password,
        new_password: form.new_password,
        confirmation: form.new_password_confirm,
        sign_out_other_sessions: form.end_other_sessions.is_some(),
    };
    let others = input.sign_out_other_sessions;
    let keep = session_of(&headers);
    let changed = accounts::change_own_password(
        state.store(),
        &state.hashers,
        &user.user,
        keep.as_ref(),
        &ip,
        input,
    )
    .await
    .map_err(AppError::from);
    match changed {
        Ok(_) if others => {
            Ok(Redirect::to("/account?notice=password_changed_others").into_response())
        }
        Ok(_) => Ok(Redirect::to("/account?notice=password_changed").into_response()),
        Err(AppError::Invalid(problems)) => {
            let mut page = account_page(&state, ctx, &user, None, Vec::new()).await?;
            page.password_problems = problems;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    ctx: PageContext,
    user: CurrentUser,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let secret =
        match mamori_app::accounts::create_token(state.store(), user.user.id, &form.name).await {
            Ok((_, secret)) => secret,
            Err(mamori_app::Error::Invalid(problems)) => {
                let page = account_page(&state, ctx, &user, None, problems).await?;
                return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
            }
            Err(e) => return Err(e.into()),
        };
    let page = account_page(
        &state,
        ctx,
        &user,
        Some(secret.expose().to_owned()),
        Vec::new(),
    )
    .await?;
    Ok(render(&page)?.into_response())
}

pub async fn delete_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(token): Path<i64>,
) -> Result<Response, AppError> {
    state
        .store()
        .delete_api_token(user.user.id, TokenId(token))
        .await?;
    Ok(Redirect::to("/account?notice=token_deleted").into_response())
}

pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub site_admin: bool,
    pub pending: bool,
    pub created: String,
}

#[derive(Template)]
#[template(path = "account/admin_users.html")]
struct UsersPage {
    ctx: PageContext,
    users: Vec<UserRow>,
    link: Option<(String, String)>,
    problems: Vec<FieldProblem>,
    form_email: String,
    form_name: String,
}

async fn users_page(
    state: &AppState,
    ctx: PageContext,
    link: Option<(String, String)>,
    problems: Vec<FieldProblem>,
    form: Option<NewUserForm>,
) -> Result<UsersPage, AppError> {
    let lang = ctx.lang;
    let users = state
        .store()
        .all_users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            id: u.id.0,
            name: u.name,
            email: u.email,
            site_admin: u.site_admin,
            pending: !u.has_password,
            created: jst(u.created_at, lang),
        })
        .collect();
    let form = form.unwrap_or_default();
    Ok(UsersPage {
        ctx,
        users,
        link,
        problems,
        form_email: form.email,
        form_name: form.name,
    })
}

pub async fn users(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: SiteAdmin,
) -> Result<Response, AppError> {
    Ok(render(&users_page(&state, ctx, None, Vec::new(), None).await?)?.into_response())
}

#[derive(Deserialize, Default)]
pub struct NewUserForm {
    email: String,
    name: String,
    site_admin: Option<String>,
}

pub async fn create_user(
    State(state): State<AppState>,
    ctx: PageContext,
    SiteAdmin(admin): SiteAdmin,
    Form(form): Form<NewUserForm>,
) -> Result<Response, AppError> {
    match accounts::new_user(
        state.store(),
        admin.user.id,
        &form.email,
        &form.name,
        form.site_admin.is_some(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok((user, link)) => {
            let page = users_page(
                &state,
                ctx,
                Some((user.email, password_path(&link))),
                Vec::new(),
                None,
            )
            .await?;
            Ok(render(&page)?.into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let page = users_page(&state, ctx, None, problems, Some(form)).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(AppError::Conflict("email")) => {
            let problems = vec![
                FieldProblem::new("email", "このメールアドレスはすでに登録されています。")
                    .en("This email address is already registered."),
            ];
            let page = users_page(&state, ctx, None, problems, Some(form)).await?;
            Ok(render_status(StatusCode::CONFLICT, &page))
        }
        Err(e) => Err(e),
    }
}

pub async fn reset(
    State(state): State<AppState>,
    ctx: PageContext,
    SiteAdmin(admin): SiteAdmin,
    Path(user): Path<i64>,
) -> Result<Response, AppError> {
    let (person, link) = accounts::reset_link(state.store(), admin.user.id, UserId(user)).await?;
    let email = person.email;
    let page = users_page(
        &state,
        ctx,
        Some((email, password_path(&link))),
        Vec::new(),
        None,
    )
    .await?;
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "account/admin_audit.html")]
struct SiteAuditPage {
    ctx: PageContext,
    rows: Vec<super::org::AuditRow>,
    older: Option<i64>,
}

#[derive(Deserialize)]
pub struct BeforeQuery {
    before: Option<i64>,
}

const AUDIT_PAGE: i64 = 100;

/// Sign-ins, accounts and password links: the events that belong to no organisation.
pub async fn site_audit(
    State(state): State<AppState>,
    ctx: PageContext,
    _admin: SiteAdmin,
    axum::extract::Query(q): axum::extract::Query<BeforeQuery>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let entries = state.store().site_audit_log(q.before, AUDIT_PAGE).await?;
    let older = (entries.len() as i64 == AUDIT_PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    let rows = entries
        .iter()
        .map(|e| super::org::AuditRow::new(e, lang))
        .collect();
    Ok(render(&SiteAuditPage { ctx, rows, older })?.into_response())
}

/// `POST /account/calendar`: a new secret calendar address, shown once (the old one ends).
pub async fn create_calendar(
    State(state): State<AppState>,
    ctx: PageContext,
    user: CurrentUser,
) -> Result<Response, AppError> {
    let secret = mamori_app::operations::calendar::create(state.store(), user.user.id).await?;
    let address = format!("{}/calendar/{}.ics", ctx.base_url, secret.expose());
    let mut page = account_page(&state, ctx, &user, None, Vec::new()).await?;
    page.new_calendar = Some(address);
    Ok(render(&page)?.into_response())
}

/// `POST /account/calendar/delete`: the calendar address stops working.
pub async fn delete_calendar(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Response, AppError> {
    mamori_app::operations::calendar::delete(state.store(), user.user.id).await?;
    Ok(Redirect::to("/account?notice=deleted").into_response())
}

/// `GET /calendar/{secret}.ics`: the feed calendar applications poll. The secret in the address
/// is the only credential (calendar applications send no cookies); an unknown one is 404.
pub async fn calendar_feed(
    State(state): State<AppState>,
    ctx: PageContext,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    let Some(events) = mamori_app::operations::calendar::events(state.store(), secret).await?
    else {
        return Err(AppError::NotFound);
    };
    let body = mamori_app::operations::calendar::ics(
        "Mamori 期限",
        &events,
        &ctx.base_url,
        time::OffsetDateTime::now_utc(),
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/calendar; charset=utf-8",
            ),
            (axum::http::header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct DigestForm {
    receive: Option<String>,
}

/// `POST /account/digest`: the person turns the daily e-mail of due dates on or off.
pub async fn save_digest(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<DigestForm>,
) -> Result<Response, AppError> {
    let receive = form.receive.as_deref() == Some("yes");
    mamori_app::operations::digest::set_receives(state.store(), user.user.id, receive).await?;
    Ok(Redirect::to("/account?notice=saved").into_response())
}
