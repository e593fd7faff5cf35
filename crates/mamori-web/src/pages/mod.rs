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

mod assets;
mod auth_pages;
mod orgs;

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
    ]
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
        Ok(PageContext {
            user: user.map(|u| u.user),
            csrf,
            notice,
            asset_version: env!("CARGO_PKG_VERSION"),
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
        },
        heading,
        message: &info.message,
        details: &info.details,
    };
    page.render().unwrap_or_else(|_| info.message.clone())
}
