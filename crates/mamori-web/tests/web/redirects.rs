//! Every address the server redirects to on the visitor's say-so stays on this site: `next` of
//! the sign-in page (signed in already, and after signing in) and of the language switch.

use reqwest::StatusCode;

use crate::support::{PASSWORD, location};

/// Values of `next` (as the server receives them, already decoded once) that a browser could
/// read as another host: it drops tab, CR and LF, reads `\` as `/`, and may decode escapes.
const ESCAPES: &[&str] = &[
    "/\t/evil.example/",
    "/\r/evil.example/",
    "/\n/evil.example/",
    "/\r\n/evil.example/",
    "/\\evil.example/",
    "/\\/evil.example/",
    "\\/evil.example/",
    "/%09/evil.example/",
    "/%0a/evil.example/",
    "/%0D%0A/evil.example/",
    "/%2F/evil.example/",
    "/%2f%2fevil.example/",
    "/%5Cevil.example/",
    "/%5c%5cevil.example/",
    "//evil.example/",
    "///evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
];

fn login_with_next(next: &str) -> String {
    let url = reqwest::Url::parse_with_params("http://x/login", &[("next", next)]).unwrap();
    format!("/login?{}", url.query().unwrap())
}

crate::on_both_backends! {
    async fn a_tab_or_escape_in_next_never_leaves_the_site_when_already_signed_in(app: TestApp) {
        let p = app.person("redirect@example.jp").await;
        let b = app.browser(&p).await;
        for next in ESCAPES {
            let r = b.get(&login_with_next(next)).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(location(&r), "/", "GET /login?next={next:?}");
        }
        let r = b.get(&login_with_next("/orgs?tab=2")).await;
        assert_eq!(location(&r), "/orgs?tab=2", "a path on this site is followed");
        // The raw form of the reported link: `%09` decoded by the query parser into a tab.
        let r = b.get("/login?next=/%09/evil.example/").await;
        assert_eq!(location(&r), "/");
    }

    async fn signing_in_with_an_escaping_next_lands_on_the_site(app: TestApp) {
        let p = app.person("signin@example.jp").await;
        let b = app.anonymous_browser().await;
        for next in ESCAPES {
            let r = b.post_form("/login", &[("email", p.user.email.as_str()), ("password", PASSWORD), ("next", next)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(location(&r), "/", "POST /login next={next:?}");
        }
        // The form shown to a stranger carries only a safe `next` into its hidden field.
        let anonymous = app.anonymous_browser().await;
        let page = anonymous.page(&login_with_next("/\t/evil.example/")).await;
        let sign_in_form = &page[page.find("action=\"/login\"").expect("the sign-in form")..];
        assert!(sign_in_form.contains(r#"name="next" value="/">"#), "{sign_in_form}");
    }

    async fn the_language_switch_returns_only_to_a_page_of_this_site(app: TestApp) {
        let b = app.anonymous_browser().await;
        for next in ESCAPES {
            let r = b.post_form("/lang", &[("lang", "en"), ("next", next)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{next:?}");
            assert_eq!(location(&r), "/", "POST /lang next={next:?}");
        }
        let r = b.post_form("/lang", &[("lang", "en"), ("next", "/login?notice=signed_out")]).await;
        assert_eq!(location(&r), "/login?notice=signed_out");
    }
}
