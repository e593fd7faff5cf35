//! Server-rendered pages (Japanese). Templates are askama: checked at compile time and escaping
//! every value by default. Forms post back with a CSRF field and work without JavaScript.
//!
//! Every page route is listed in [`routes`]; the router is built from that list and the
//! cross-tenant test walks the same list, so a new page cannot miss the check.

use askama::Template;
use axum::Router;
use axum::extract::{FromRef, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};

use crate::auth::CurrentUser;
use crate::csrf::CsrfToken;
use crate::error::ErrorInfo;
use crate::{AppError, AppState, FieldProblem};

mod account;
mod assets;
mod auth_pages;
mod company;
mod members;
mod org;
mod orgs;

pub use org::headline;

/// Every page route: (path, handlers). Paths with `{org}` are organisation pages.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/", get(orgs::home)),
        ("/static/style.css", get(assets::style)),
        (
            "/login",
            get(auth_pages::login_form).post(auth_pages::login),
        ),
        ("/logout", post(auth_pages::logout)),
        (
            "/setup",
            get(auth_pages::setup_form).post(auth_pages::setup),
        ),
        (
            "/password",
            get(auth_pages::password_form).post(auth_pages::password),
        ),
        ("/orgs", get(orgs::list).post(orgs::create)),
        ("/account", get(account::account)),
        ("/account/tokens", post(account::create_token)),
        (
            "/account/tokens/{token}/delete",
            post(account::delete_token),
        ),
        (
            "/admin/users",
            get(account::users).post(account::create_user),
        ),
        ("/admin/users/{user}/reset", post(account::reset)),
        ("/admin/audit", get(account::site_audit)),
        ("/orgs/{org}", get(org::overview)),
        ("/orgs/{org}/settings", get(org::settings)),
        ("/orgs/{org}/settings/rename", post(org::rename)),
        ("/orgs/{org}/settings/delete", post(org::delete)),
        ("/orgs/{org}/audit", get(org::audit)),
        ("/orgs/{org}/members", get(members::list).post(members::add)),
        (
            "/orgs/{org}/members/{user}/role",
            post(members::change_role),
        ),
        ("/orgs/{org}/members/{user}/remove", post(members::remove)),
        ("/orgs/{org}/members/{user}/invite", post(members::invite)),
        (
            "/orgs/{org}/profile",
            get(company::profile).post(company::save_profile),
        ),
        (
            "/orgs/{org}/consents",
            get(company::consents).post(company::grant),
        ),
        (
            "/orgs/{org}/consents/{support}/revoke",
            post(company::revoke),
        ),
    ]
}

/// The path of every page route (the cross-tenant test walks them).
pub fn route_paths() -> Vec<&'static str> {
    routes().into_iter().map(|(path, _)| path).collect()
}

pub fn router() -> Router<AppState> {
    routes()
        .into_iter()
        .fold(Router::new(), |r, (path, handlers)| r.route(path, handlers))
}

/// What every page's layout needs.
pub struct PageContext {
    pub user: Option<mamori_storage::User>,
    pub csrf: String,
    pub notice: Option<&'static str>,
    pub asset_version: &'static str,
    /// Where users reach this server (for one-time links shown on a page).
    pub base_url: String,
}

/// A moment as Japanese office workers read it: Japan Standard Time, to the minute.
pub fn jst(t: mamori_storage::Timestamp) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+9));
    format!(
        "{}年{}月{}日 {:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

impl<S> FromRequestParts<S> for PageContext
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let user = <CurrentUser as axum::extract::OptionalFromRequestParts<S>>::from_request_parts(
            parts, state,
        )
        .await?;
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let notice = parts
            .uri
            .query()
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("notice=")))
            .and_then(notice_text);
        let app = AppState::from_ref(state);
        let base_url = match &app.config.public_url {
            Some(u) => u.trim_end_matches('/').to_owned(),
            None => {
                let host = parts
                    .headers
                    .get(axum::http::header::HOST)
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or("localhost");
                format!("http://{host}")
            }
        };
        Ok(PageContext {
            user: user.map(|u| u.user),
            csrf,
            notice,
            asset_version: env!("CARGO_PKG_VERSION"),
            base_url,
        })
    }
}

/// Notices after a redirect come from this fixed list, so a URL cannot put text on a page.
fn notice_text(key: &str) -> Option<&'static str> {
    Some(match key {
        "signed_out" => "ログアウトしました。",
        "signed_out_everywhere" => "すべての端末からログアウトしました。",
        "password_set" => "パスワードを設定しました。新しいパスワードでログインしてください。",
        "setup_done" => "管理者を登録しました。ログインしてください。",
        "saved" => "保存しました。",
        "created" => "登録しました。",
        "deleted" => "削除しました。",
        "member_added" => "メンバーを追加しました。",
        "member_removed" => "メンバーを外しました。",
        "role_changed" => "役割を変更しました。",
        "consent_granted" => "支援機関との共有を開始しました。",
        "consent_revoked" => "支援機関との共有をやめました。",
        "token_deleted" => "APIトークンを削除しました。",
        _ => return None,
    })
}

/// Renders a template into a response; a template error is an internal error.
pub fn render<T: Template>(template: &T) -> Result<Html<String>, AppError> {
    template.render().map(Html).map_err(AppError::internal)
}

/// Renders with a status (422 for a form with problems).
pub fn render_status<T: Template>(status: StatusCode, template: &T) -> Response {
    match render(template) {
        Ok(html) => (status, html).into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    ctx: PageContext,
    heading: &'a str,
    message: &'a str,
    details: &'a [FieldProblem],
}

/// The HTML of an error page (used by the error renderer for every non-API error).
pub fn error_page(status: StatusCode, info: &ErrorInfo) -> String {
    let heading = match status {
        StatusCode::NOT_FOUND => "ページが見つかりません",
        StatusCode::FORBIDDEN => "この操作はできません",
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => "入力内容を確認してください",
        StatusCode::TOO_MANY_REQUESTS => "しばらくお待ちください",
        s if s.is_server_error() => "サーバーで問題が起きました",
        _ => "リクエストを処理できませんでした",
    };
    let page = ErrorPage {
        // The error page does not know the user; it shows the layout without the menu.
        ctx: PageContext {
            user: None,
            csrf: String::new(),
            notice: None,
            asset_version: env!("CARGO_PKG_VERSION"),
            base_url: String::new(),
        },
        heading,
        message: &info.message,
        details: &info.details,
    };
    page.render().unwrap_or_else(|_| info.message.clone())
}
