//! How much a request may send, route by route.
//!
//! Most routes take 1 MiB. The register's import routes take 16 MiB: their benchmarks import
//! 10,000 rows, which is about 1 MB as a CSV file with notes and about 3.4 MB as the API's JSON,
//! and a company's own sheet may carry more columns than ours.
//!
//! A request that announces more than its route takes is answered at once, before its body is
//! read: the upload page goes back to its form with the limit in words (`?problem=too_large`),
//! every other route gets the error in the usual shape (an error page, or JSON under `/api/`).
//! Meanwhile a background task reads and drops the body, up to [`DRAIN_AT_MOST`]: a browser that
//! is still sending when the server closes the connection shows a connection error instead of the
//! answer. A body without a length is cut off at the limit while it is read.

use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http_body_util::{BodyExt, Limited};

use crate::error::ErrorInfo;

/// A route's limit and how the error names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: usize,
    /// The error message (Japanese; pages show its English from the i18n table).
    pub message: &'static str,
}

pub const DEFAULT: Limit = Limit {
    bytes: 1024 * 1024,
    message: "送信されたデータが大きすぎます（上限は1MBです）。",
};

pub const IMPORT: Limit = Limit {
    bytes: 16 * 1024 * 1024,
    message: "送信されたデータが大きすぎます（上限は16MBです）。",
};

/// The register upload page, whose form comes back with the message.
pub const UPLOAD_ROUTE: &str = "/orgs/{org}/risk/import";
/// The other registers' upload page (devices, applications, …), which does the same.
pub const REGISTER_UPLOAD_ROUTE: &str = "/orgs/{org}/registers/{kind}/import";

/// Routes that take more than [`DEFAULT`], by their pattern in the router.
pub const LARGER: &[(&str, Limit)] = &[
    (UPLOAD_ROUTE, IMPORT),
    (REGISTER_UPLOAD_ROUTE, IMPORT),
    ("/api/v1/orgs/{org}/risk/assets/import", IMPORT),
];

/// The most an over-limit body is read (and dropped) so the answer reaches the browser; past
/// this the connection is simply closed after the answer.
pub const DRAIN_AT_MOST: usize = 32 * 1024 * 1024;

/// The limit of the request being served, for code that reads the body itself (the CSRF check).
#[derive(Debug, Clone, Copy)]
pub struct BodyLimit(pub usize);

/// The limit of a route pattern (`None` for requests no route matched).
pub fn limit_for(route: Option<&str>) -> Limit {
    route
        .and_then(|r| LARGER.iter().find(|(path, _)| *path == r))
        .map_or(DEFAULT, |(_, limit)| *limit)
}

/// The words the upload form shows when its file was too large.
pub fn upload_problem() -> crate::FieldProblem {
    crate::FieldProblem::new(
        "file",
        "ファイルが大きすぎます。取り込めるのは16MBまでのファイルです。使っていないシートや列を消すか、ファイルを分けてから選び直してください。",
    )
    .en("The file is too large. Files of up to 16 MB can be imported. Delete sheets or columns you do not use, or split the file, and choose it again.")
}

fn too_large(limit: Limit) -> Response {
    let mut response = (StatusCode::PAYLOAD_TOO_LARGE, limit.message).into_response();
    response.extensions_mut().insert(ErrorInfo {
        code: "too_large",
        message: limit.message.to_owned(),
        details: Vec::new(),
    });
    response
}

/// Reads and drops a body, up to [`DRAIN_AT_MOST`] (past that, dropping it closes the
/// connection).
async fn drain(body: Body) {
    let mut body = Limited::new(body, DRAIN_AT_MOST);
    while let Some(Ok(_)) = body.frame().await {}
}

pub async fn limit(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let limit = limit_for(route.as_deref());
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit.bytes as u64) {
        let back_to_form = matches!(route.as_deref(), Some(UPLOAD_ROUTE | REGISTER_UPLOAD_ROUTE))
            && request.method() == Method::POST;
        let form = format!("{}?problem=too_large", request.uri().path());
        if declared.is_some_and(|n| n <= DRAIN_AT_MOST as u64) {
            tokio::spawn(drain(request.into_body()));
        }
        return if back_to_form {
            Redirect::to(&form).into_response()
        } else {
            too_large(limit)
        };
    }
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(BodyLimit(limit.bytes));
    let request = Request::from_parts(parts, Body::new(Limited::new(body, limit.bytes)));
    let response = next.run(request).await;
    // A body without a length that ran past the limit: say so with the route's figure.
    if response.status() == StatusCode::PAYLOAD_TOO_LARGE
        && response.extensions().get::<ErrorInfo>().is_none()
    {
        return too_large(limit);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_import_routes_take_more_than_a_megabyte() {
        assert_eq!(limit_for(Some(UPLOAD_ROUTE)), IMPORT);
        assert_eq!(
            limit_for(Some("/api/v1/orgs/{org}/risk/assets/import")),
            IMPORT
        );
        assert_eq!(limit_for(Some("/orgs/{org}/risk/import/confirm")), DEFAULT);
        assert_eq!(limit_for(Some("/orgs/{org}/profile")), DEFAULT);
        assert_eq!(limit_for(None), DEFAULT);
    }
}
