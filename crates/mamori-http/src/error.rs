//! The one place errors become HTTP responses. Handlers return `AppError`; its response carries
//! an [`ErrorInfo`] extension, and the `render_errors` middleware turns that into JSON for
//! `/api/` and an HTML page elsewhere. Responses axum makes itself (405, a rejected body) pass
//! through the same middleware, so every error a client sees has one shape.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use mamori_domain::Lang;
use mamori_storage::StoreError;
use serde::Serialize;

pub use mamori_app::FieldProblem;

/// A problem's message in the page's language: its own English, or the word table's.
pub fn problem_text(p: &FieldProblem, lang: impl std::borrow::Borrow<Lang>) -> &str {
    let lang = *lang.borrow();
    match (lang, &p.message_en) {
        (Lang::En, Some(en)) => en,
        _ => crate::i18n::tr_str(lang, &p.message),
    }
}

/// A problem as the JSON error document lists it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemDoc<'a> {
    /// The field, as a path into the input (`name`, `answers.3`, `rows[0].name`).
    field: &'a str,
    /// What is wrong, in Japanese.
    message: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("csrf")]
    Csrf,
    #[error("conflict {0}")]
    Conflict(&'static str),
    #[error("invalid input")]
    Invalid(Vec<FieldProblem>),
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("too many sign-in attempts")]
    TooManyAttempts,
    /// Logged with its source chain; the client only learns that something failed.
    #[error("internal: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// What the error renderer needs; attached to the response as an extension.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message: String,
    pub details: Vec<FieldProblem>,
}

impl AppError {
    pub fn internal(e: impl std::fmt::Display) -> AppError {
        AppError::Internal(e.to_string().into())
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> AppError {
        AppError::Invalid(vec![FieldProblem::new(field, message)])
    }

    /// One problem with `field`, in Japanese and English.
    pub fn invalid2(field: &str, ja: impl Into<String>, en: impl Into<String>) -> AppError {
        AppError::Invalid(vec![FieldProblem::new(field, ja).en(en)])
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "お探しのページまたはデータは見つかりませんでした。".into(),
            ),
            AppError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "ログインが必要です。".into(),
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "この操作を行う権限がありません。".into(),
            ),
            AppError::Csrf => (
                StatusCode::FORBIDDEN,
                "csrf",
                "フォームの有効期限が切れたか、別のサイトから送信されました。ページを読み込み直して、もう一度送信してください。".into(),
            ),
            AppError::Conflict(code) => (StatusCode::CONFLICT, code, conflict_message(code).into()),
            AppError::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "入力内容に誤りがあります。".into(),
            ),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m.clone()),
            AppError::TooManyAttempts => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                "ログインの失敗が続いたため、しばらくログインできません。15分ほど待ってからもう一度お試しください。".into(),
            ),
            AppError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "サーバーで問題が起きました。時間をおいてもう一度お試しください。".into(),
            ),
        }
    }
}

fn conflict_message(code: &str) -> &'static str {
    match code {
        "email" => "このメールアドレスはすでに登録されています。",
        "already_member" => "この人はすでにメンバーです。",
        "last_admin" => "最後の管理者は外せません。先に別の人を管理者にしてください。",
        "already_submitted" => "この診断はすでに提出済みです。",
        "stale_revision" => {
            "ほかの人（または別の画面）が先に保存しました。最新の内容を読み込んでから、もう一度保存してください。"
        }
        "already_set_up" => "初期設定はすでに完了しています。",
        "not_submitted" => "この診断はまだ提出されていないため、結果はありません。",
        "has_password" => {
            "この人はすでにパスワードを設定しています。再設定はサイト管理者に依頼してください。"
        }
        _ => "ほかの変更と衝突しました。",
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        AppError::from(mamori_app::Error::from(e))
    }
}

impl From<mamori_app::Error> for AppError {
    fn from(e: mamori_app::Error) -> AppError {
        use mamori_app::Error as E;
        match e {
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::Conflict(code) => AppError::Conflict(code),
            E::Invalid(problems) => AppError::Invalid(problems),
            E::TooManyAttempts => AppError::TooManyAttempts,
            E::Internal(source) => AppError::Internal(source),
        }
    }
}

/// An error and its sources, for the log: "database: …: connection refused".
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        text.push_str(": ");
        text.push_str(&s.to_string());
        next = s.source();
    }
    text
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message) = self.parts();
        if let AppError::Internal(source) = &self {
            // Logged for the operator; the client only learns that something failed.
            tracing::error!(error = %chain(source.as_ref()), "internal error");
        }
        let details = match self {
            AppError::Invalid(d) => d,
            _ => Vec::new(),
        };
        let mut response = (status, message.clone()).into_response();
        response.extensions_mut().insert(ErrorInfo {
            code,
            message,
            details,
        });
        response
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorFields<'a>,
}

/// The error document of the JSON API (interfaces.md).
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorFields<'a> {
    code: &'a str,
    message: &'a str,
    details: Vec<ProblemDoc<'a>>,
}

/// An error with no `ErrorInfo` (made by axum or tower): give it our shape and words.
fn info_for_status(status: StatusCode) -> ErrorInfo {
    let (code, message) = match status {
        StatusCode::NOT_FOUND => (
            "not_found",
            "お探しのページまたはデータは見つかりませんでした。",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "このアドレスではその操作はできません。",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "too_large",
            "送信されたデータが大きすぎます（上限は1MBです）。",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "送信形式が正しくありません。JSONは Content-Type: application/json で送ってください。",
        ),
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::BAD_REQUEST => {
            ("bad_request", "送信された内容を読み取れませんでした。")
        }
        StatusCode::REQUEST_TIMEOUT => ("timeout", "時間内に処理が終わりませんでした。"),
        s if s.is_server_error() => (
            "internal",
            "サーバーで問題が起きました。時間をおいてもう一度お試しください。",
        ),
        _ => ("error", "リクエストを処理できませんでした。"),
    };
    ErrorInfo {
        code,
        message: message.into(),
        details: Vec::new(),
    }
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Renders an error as the HTML page people see (the pages crate's layout, which sits above this
/// one; the server passes it in).
pub type ErrorPage = fn(StatusCode, &ErrorInfo, Lang) -> String;

pub async fn render_errors(request: Request, next: Next, page: ErrorPage) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let lang = crate::i18n::lang_of(request.headers());
    let response = next.run(request).await;
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let info = match response.extensions().get::<ErrorInfo>() {
        Some(info) => info.clone(),
        // A page rendered with a 4xx on purpose (a form with problems) is already what the
        // user should see.
        None if is_html(&response) => return response,
        None => info_for_status(status),
    };
    let mut headers = response.headers().clone();
    headers.remove(header::CONTENT_LENGTH);
    let mut out = if api {
        let body = ErrorBody {
            error: ErrorFields {
                code: info.code,
                message: &info.message,
                details: info
                    .details
                    .iter()
                    .map(|p| ProblemDoc {
                        field: &p.field,
                        message: &p.message,
                    })
                    .collect(),
            },
        };
        headers.insert(
            header::CONTENT_TYPE,
            "application/json".parse().expect("static"),
        );
        let mut r = Response::new(Body::from(serde_json::to_vec(&body).unwrap_or_default()));
        *r.headers_mut() = headers;
        r
    } else {
        headers.insert(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8".parse().expect("static"),
        );
        let mut r = Html(page(status, &info, lang)).into_response();
        *r.headers_mut() = headers;
        r
    };
    *out.status_mut() = status;
    out
}
