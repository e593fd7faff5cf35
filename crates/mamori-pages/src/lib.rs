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

use mamori_http::auth::CurrentUser;
use mamori_http::csrf::CsrfToken;
use mamori_http::error::ErrorInfo;
use mamori_http::i18n::{self, Lang};
use mamori_http::{AppError, AppState, FieldProblem};

mod account;
mod actions;
mod activities;
mod assets;
pub(crate) mod auth_pages;
mod company;
mod contacts;
mod diagnosis;
mod downloads;
mod due;
mod incidents;
mod language;
mod members;
mod org;
mod orgs;
mod plan;
mod registers;
mod risk;
mod structure;
mod upload;

pub use mamori_app::guard::Need;
pub use org::{CachedHome, headline};

/// Every page route: (path, handlers). Paths with `{org}` are organisation pages.
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/", get(orgs::home)),
        ("/static/style.css", get(assets::style)),
        (
            "/static/questionnaire.js",
            get(assets::questionnaire_script),
        ),
        ("/static/password.js", get(assets::password_script)),
        (
            "/login",
            get(auth_pages::login_form).post(auth_pages::login),
        ),
        ("/logout", post(auth_pages::logout)),
        ("/lang", post(language::switch)),
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
        ("/account/password", post(account::change_password)),
        ("/account/tokens", post(account::create_token)),
        ("/account/calendar", post(account::create_calendar)),
        ("/account/digest", post(account::save_digest)),
        ("/account/calendar/delete", post(account::delete_calendar)),
        ("/calendar/{file}", get(account::calendar_feed)),
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
        ("/orgs/{org}/actions", get(actions::list).post(actions::add)),
        ("/orgs/{org}/due", get(due::list)),
        ("/orgs/{org}/actions/{id}", post(actions::update)),
        ("/orgs/{org}/actions/{id}/delete", post(actions::delete)),
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
            "/orgs/{org}/structure",
            get(structure::show).post(structure::save),
        ),
        (
            "/orgs/{org}/incidents",
            get(incidents::list).post(incidents::create),
        ),
        (
            "/orgs/{org}/incidents/handlers",
            post(incidents::set_handlers),
        ),
        ("/orgs/{org}/incidents/{id}", get(incidents::show)),
        (
            "/orgs/{org}/incidents/{id}/entries",
            post(incidents::add_entry),
        ),
        (
            "/orgs/{org}/incidents/{id}/reports",
            post(incidents::mark_report),
        ),
        ("/orgs/{org}/incidents/{id}/close", post(incidents::close)),
        (
            "/orgs/{org}/contacts",
            get(contacts::list).post(contacts::add),
        ),
        ("/orgs/{org}/contacts/sheet", get(contacts::sheet)),
        (
            "/orgs/{org}/activities",
            get(activities::list).post(activities::add),
        ),
        (
            "/orgs/{org}/activities/targets",
            post(activities::save_targets),
        ),
        ("/orgs/{org}/plan", get(plan::show).post(plan::save)),
        ("/orgs/{org}/registers", get(registers::index)),
        (
            "/orgs/{org}/registers/alert-days",
            post(registers::save_alert_days),
        ),
        (
            "/orgs/{org}/registers/{kind}",
            get(registers::list).post(registers::add),
        ),
        (
            "/orgs/{org}/registers/{kind}/export",
            get(registers::export),
        ),
        (
            "/orgs/{org}/registers/{kind}/import",
            get(registers::import_form).post(registers::upload),
        ),
        (
            "/orgs/{org}/registers/{kind}/import/confirm",
            post(registers::confirm_import),
        ),
        (
            "/orgs/{org}/registers/{kind}/{id}",
            get(registers::show).post(registers::save),
        ),
        (
            "/orgs/{org}/registers/{kind}/{id}/delete",
            post(registers::delete),
        ),
        ("/orgs/{org}/contacts/disclosure", post(contacts::save_plan)),
        ("/orgs/{org}/contacts/{id}/delete", post(contacts::remove)),
        (
            "/orgs/{org}/consents",
            get(company::consents).post(company::grant),
        ),
        (
            "/orgs/{org}/consents/{support}/revoke",
            post(company::revoke),
        ),
        ("/orgs/{org}/consents/anonymous", post(company::anonymous)),
        (
            "/orgs/{org}/companies/{company}/remove",
            post(company::remove_company),
        ),
        (
            "/orgs/{org}/settings/support-code",
            post(org::regenerate_support_code),
        ),
        (
            "/orgs/{org}/diagnoses",
            get(diagnosis::index).post(diagnosis::start),
        ),
        (
            "/orgs/{org}/diagnoses/{catalog}",
            get(diagnosis::history::history),
        ),
        (
            "/orgs/{org}/diagnoses/{catalog}/report",
            get(downloads::history),
        ),
        ("/orgs/{org}/risk", get(risk::register)),
        ("/orgs/{org}/risk/assets", post(risk::add)),
        ("/orgs/{org}/risk/bulk", post(risk::bulk)),
        (
            "/orgs/{org}/risk/assets/{id}",
            get(risk::asset).post(risk::save),
        ),
        (
            "/orgs/{org}/risk/assets/{id}/duplicate",
            post(risk::duplicate),
        ),
        ("/orgs/{org}/risk/assets/{id}/delete", post(risk::delete)),
        (
            "/orgs/{org}/risk/threats",
            get(risk::threats).post(risk::save_threats),
        ),
        (
            "/orgs/{org}/risk/countermeasures",
            get(risk::countermeasures).post(risk::save_countermeasures),
        ),
        ("/orgs/{org}/risk/results", get(risk::results)),
        ("/orgs/{org}/risk/report", get(downloads::risk)),
        ("/orgs/{org}/risk/history", get(risk::history)),
        ("/orgs/{org}/risk/snapshots", post(risk::close)),
        ("/orgs/{org}/risk/export", get(risk::export)),
        (
            "/orgs/{org}/risk/import",
            get(risk::import_form).post(risk::upload),
        ),
        (
            "/orgs/{org}/risk/import/confirm",
            post(risk::confirm_import),
        ),
        (
            "/orgs/{org}/risk/treatment",
            get(risk::treatment).post(risk::save_treatment),
        ),
        (
            "/orgs/{org}/risk/money",
            get(risk::money).post(risk::save_money),
        ),
        ("/orgs/{org}/csf", get(diagnosis::csf::page)),
        (
            "/orgs/{org}/csf/snapshots",
            post(diagnosis::csf::set_snapshot),
        ),
        ("/orgs/{org}/assessments/{id}", get(diagnosis::show)),
        (
            "/orgs/{org}/assessments/{id}/report",
            get(downloads::result),
        ),
        (
            "/orgs/{org}/assessments/{id}/answers",
            get(diagnosis::answers_get).post(diagnosis::save),
        ),
        (
            "/orgs/{org}/assessments/{id}/review",
            get(diagnosis::review),
        ),
        (
            "/orgs/{org}/assessments/{id}/submit",
            post(diagnosis::submit),
        ),
        (
            "/orgs/{org}/assessments/{id}/respondents",
            post(diagnosis::add_respondent),
        ),
        (
            "/orgs/{org}/assessments/{id}/delete",
            post(diagnosis::delete),
        ),
        (
            "/orgs/{org}/assessments/{id}/notes",
            get(diagnosis::answers_get).post(diagnosis::notes::save),
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
    /// The language of this page (the `mamori_lang` cookie; Japanese by default).
    pub lang: Lang,
    /// This page's path and query, for the language switch to come back to.
    pub path: String,
    pub asset_version: &'static str,
    /// Where users reach this server (for one-time links shown on a page).
    pub base_url: String,
}

/// A moment as Japanese office workers read it: Japan Standard Time, to the minute
/// ("2026年11月23日 21:29"; "2026-11-23 21:29" on English pages, still in Japan time).
pub fn jst(t: mamori_storage::Timestamp, lang: Lang) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+9));
    let (y, m, d) = (at.year(), u8::from(at.month()), at.day());
    let (h, min) = (at.hour(), at.minute());
    match lang {
        Lang::Ja => format!("{y}年{m}月{d}日 {h:02}:{min:02}"),
        Lang::En => format!("{y}-{m:02}-{d:02} {h:02}:{min:02}"),
    }
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
        let lang = i18n::lang_of(&parts.headers);
        let notice = parts
            .uri
            .query()
            .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("notice=")))
            .and_then(notice_text)
            .map(|n| i18n::tr(lang, n));
        let path = parts
            .uri
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
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
            lang,
            path,
            asset_version: env!("CARGO_PKG_VERSION"),
            base_url,
        })
    }
}

impl PageContext {
    /// A fixed text of the page in the page's language (`{{ ctx.t("保存") }}`).
    pub fn t(&self, ja: &'static str) -> &'static str {
        i18n::tr(self.lang, ja)
    }

    /// True for an English page (templates pick between two formatted texts with it).
    pub fn en(&self) -> bool {
        self.lang == Lang::En
    }
}

/// Notices after a redirect come from this fixed list, so a URL cannot put text on a page.
const NOTICES: &[(&str, &str)] = &[
    ("signed_out", "ログアウトしました。"),
    (
        "signed_out_everywhere",
        "すべての端末からログアウトしました。",
    ),
    (
        "password_set",
        "パスワードを設定しました。新しいパスワードでログインしてください。",
    ),
    (
        "setup_done",
        "最初の管理者を登録し、ログインしました。まず組織を登録してください。",
    ),
    ("password_changed", "パスワードを変更しました。"),
    (
        "password_changed_others",
        "パスワードを変更し、ほかの端末のログインを終了しました。",
    ),
    ("saved", "保存しました。"),
    ("created", "登録しました。"),
    ("deleted", "削除しました。"),
    ("member_added", "メンバーを追加しました。"),
    ("member_removed", "メンバーを外しました。"),
    ("role_changed", "役割を変更しました。"),
    ("consent_granted", "支援機関との共有を開始しました。"),
    ("consent_revoked", "支援機関との共有をやめました。"),
    ("company_removed", "企業との共有を解除しました。"),
    (
        "support_code_new",
        "支援機関コードを作り直しました。これまでのコードは使えません。",
    ),
    ("token_deleted", "APIトークンを削除しました。"),
    ("submitted", "提出しました。結果をご確認ください。"),
    (
        "draft_open",
        "この診断には回答途中のものがあるため、その続きを開きました。",
    ),
    (
        "snapshot_set",
        "プロファイルのスナップショットを記録しました。",
    ),
    (
        "respondent_added",
        "回答者を追加しました。この回答者の回答を入力してください。",
    ),
    ("action_added", "対策リストに追加しました。"),
    ("action_exists", "この項目はすでに対策リストにあります。"),
    ("action_updated", "対策を更新しました。"),
    ("action_deleted", "対策を削除しました。"),
    ("imported", "情報資産を取り込みました。"),
    ("register_imported", "ファイルから台帳に取り込みました。"),
    ("snapshot_closed", "今の分析を記録しました。"),
    ("notes_saved", "傾向と対策・改善提案を保存しました。"),
];

pub(crate) fn notice_text(key: &str) -> Option<&'static str> {
    NOTICES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, text)| *text)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_notice_has_its_english() {
        for (key, ja) in super::NOTICES {
            let en = mamori_http::i18n::tr(mamori_http::i18n::Lang::En, ja);
            assert_ne!(en, *ja, "the notice {key} has no English");
        }
    }
}

/// Renders a template into a response; a template error is an internal error.
/// The one role check (`mamori_app::guard`), for handlers that render before they call a use
/// case (a page that only a company has, a form only editors may post).
pub fn need(access: &mamori_http::tenancy::OrgAccess, need: Need) -> Result<(), AppError> {
    mamori_app::guard::require(&access.access, need)?;
    Ok(())
}

/// A field of a form read as pairs (a table of rows whose fields are numbered, `holder-3`):
/// its value, or empty when the browser did not send it.
pub fn form_value(form: &[(String, String)], key: &str) -> String {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

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
pub fn error_page(status: StatusCode, info: &ErrorInfo, lang: Lang) -> String {
    let heading = i18n::tr(
        lang,
        match status {
            StatusCode::NOT_FOUND => "ページが見つかりません",
            StatusCode::FORBIDDEN => "この操作はできません",
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
                "入力内容を確認してください"
            }
            StatusCode::TOO_MANY_REQUESTS => "しばらくお待ちください",
            s if s.is_server_error() => "サーバーで問題が起きました",
            _ => "リクエストを処理できませんでした",
        },
    );
    let page = ErrorPage {
        // The error page does not know the user; it shows the layout without the menu.
        ctx: PageContext {
            user: None,
            csrf: String::new(),
            notice: None,
            lang,
            path: "/".to_owned(),
            asset_version: env!("CARGO_PKG_VERSION"),
            base_url: String::new(),
        },
        heading,
        message: i18n::tr_str(lang, &info.message),
        details: &info.details,
    };
    page.render().unwrap_or_else(|_| info.message.clone())
}
