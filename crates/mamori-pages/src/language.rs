//! The language switch: a small form in the header posts here; the choice is kept in a cookie
//! for a year and the person comes back to the page they were on.

use axum::Form;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use mamori_http::i18n::{COOKIE, Lang};

#[derive(Deserialize)]
pub struct SwitchForm {
    lang: String,
    #[serde(default)]
    next: String,
}

/// Only a path on this site is followed, so the switch cannot send anyone elsewhere.
fn safe_next(next: &str) -> &str {
    mamori_http::redirect::same_site(next).unwrap_or("/")
}

pub async fn switch(Form(form): Form<SwitchForm>) -> Response {
    let lang = Lang::parse(&form.lang).unwrap_or_default();
    let cookie = format!(
        "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    (
        [(header::SET_COOKIE, cookie)],
        Redirect::to(safe_next(&form.next)),
    )
        .into_response()
}
