//! The error-rendering middleware with the pages' HTML layout: the kernel maps every error to one
//! shape, and only this crate knows both that and the pages that draw it.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn render_errors(request: Request, next: Next) -> Response {
    mamori_http::error::render_errors(request, next, mamori_pages::error_page).await
}

#[cfg(test)]
mod tests {
    use mamori_http::body_limit::LARGER;

    #[test]
    fn every_larger_route_is_a_route_the_server_has() {
        let pages = mamori_pages::route_paths();
        let (_, doc) = mamori_api::router().split_for_parts();
        for (path, _) in LARGER {
            let known = pages.contains(path) || doc.paths.paths.contains_key(*path);
            assert!(known, "{path} is not a route of the server");
        }
    }
}
