//! Setup, sign-in, sessions, CSRF, password links and API tokens.

use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{PASSWORD, cookie_value, location};

crate::on_both_backends! {
    async fn the_first_administrator_is_created_with_the_console_token_and_is_signed_in_at_once(app: TestApp) {
        let setup = app.setup_url.clone().expect("a setup link while nobody exists");
        let token = setup.split("token=").nth(1).unwrap().to_owned();
        let b = app.anonymous_browser().await;
        assert_eq!(b.get("/setup?token=wrong").await.status(), StatusCode::NOT_FOUND);
        let page = b.page(&format!("/setup?token={token}")).await;
        assert!(page.contains("最初の管理者"));
        assert!(page.contains("name=\"password_confirm\""), "the password is asked twice");
        assert!(page.contains("hidden>パスワードを表示する</button>") && page.contains("/static/password.js"), "and shown, by a button its script reveals");

        let short = b.post_form("/setup", &[("token", &token), ("name", "山田 太郎"), ("email", "taro@example.jp"), ("password", "short"), ("password_confirm", "short")]).await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.text().await.unwrap().contains("10文字以上"));
        let typo = b.post_form("/setup", &[("token", &token), ("name", "山田 太郎"), ("email", "taro@example.jp"), ("password", PASSWORD), ("password_confirm", "correct horse batery")]).await;
        assert_eq!(typo.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(typo.text().await.unwrap().contains("確認のために入力したパスワードが一致しません"));
        assert_eq!(app.store().count_users().await.unwrap(), 0, "nothing stored from a rejected form");

        let done = b.post_form("/setup", &[("token", &token), ("name", "山田 太郎"), ("email", "Taro@Example.jp"), ("password", PASSWORD), ("password_confirm", PASSWORD)]).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&done), "/orgs?notice=setup_done");
        let cookie = done.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).find(|c| c.starts_with("mamori_session=")).expect("signed in by the setup itself");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let orgs = b.page("/orgs?notice=setup_done").await;
        assert!(orgs.contains("最初の管理者を登録し、ログインしました"));
        assert!(orgs.contains("組織一覧") && orgs.contains("ユーザー管理"), "the site administrator sees user management");
        // The token works once.
        assert_eq!(b.get(&format!("/setup?token={token}")).await.status(), StatusCode::NOT_FOUND);
        // And the password chosen signs in later.
        let later = app.anonymous_browser().await;
        let signed_in = later.post_form("/login", &[("email", "taro@example.jp"), ("password", PASSWORD), ("next", "/orgs")]).await;
        assert_eq!(location(&signed_in), "/orgs");
    }

    async fn a_person_changes_their_password_with_the_current_one_and_may_end_their_other_sessions(app: TestApp) {
        let p = app.person("kimura@example.jp").await;
        let here = app.browser(&p).await;
        let phone = app.browser(&p).await;
        let page = here.page("/account").await;
        assert!(page.contains("パスワードの変更") && page.contains("name=\"current_password\"") && page.contains("name=\"new_password_confirm\""));
        assert!(!page.contains("パスワードを変えたいときは、サイト管理者に"), "no longer sent to the site administrator");

        let wrong = here.post_form("/account/password", &[("current_password", "not my password"), ("new_password", "a fresh long secret"), ("new_password_confirm", "a fresh long secret"), ("end_other_sessions", "1")]).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = wrong.text().await.unwrap();
        assert!(html.contains("いまのパスワードが違います"), "{html}");
        assert!(html.contains("id=\"current_password\" name=\"current_password\" type=\"password\" autocomplete=\"current-password\" required aria-invalid=\"true\""), "the field is marked");
        let short = here.post_form("/account/password", &[("current_password", PASSWORD), ("new_password", "short"), ("new_password_confirm", "short")]).await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.text().await.unwrap().contains("パスワードは10文字以上にしてください"), "the same rule as everywhere");
        let typo = here.post_form("/account/password", &[("current_password", PASSWORD), ("new_password", "a fresh long secret"), ("new_password_confirm", "a fresh lng secret")]).await;
        assert_eq!(typo.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let api = app.api(&p);
        let (status, code, fields, _) = crate::support::api_error(api.post("/api/v1/me/password", &json!({"current_password": "guess", "new_password": "a fresh long secret"})).await).await;
        assert_eq!((status, code.as_str(), fields), (StatusCode::UNPROCESSABLE_ENTITY, "invalid", vec!["current_password".to_owned()]));
        assert_eq!(phone.get("/orgs").await.status(), StatusCode::OK, "nothing changed yet");

        let done = here.post_form("/account/password", &[("current_password", PASSWORD), ("new_password", "a fresh long secret"), ("new_password_confirm", "a fresh long secret"), ("end_other_sessions", "1")]).await;
        assert_eq!(done.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&done), "/account?notice=password_changed_others");
        assert!(here.page("/account?notice=password_changed_others").await.contains("ほかの端末のログインを終了しました"), "this session stays");
        assert_eq!(phone.get("/orgs").await.status(), StatusCode::SEE_OTHER, "the other session ended");
        assert_eq!(api.get("/api/v1/me").await.status(), StatusCode::OK, "API tokens are not sessions");
        let b = app.anonymous_browser().await;
        let old = b.post_form("/login", &[("email", "kimura@example.jp"), ("password", PASSWORD)]).await;
        assert_eq!(old.status(), StatusCode::UNAUTHORIZED, "the old password no longer works");
        let new = b.post_form("/login", &[("email", "kimura@example.jp"), ("password", "a fresh long secret")]).await;
        assert_eq!(new.status(), StatusCode::SEE_OTHER, "the new one does");

        // Without ending the other sessions, they stay; the API does the same for scripts.
        let r = api.post("/api/v1/me/password", &json!({"current_password": "a fresh long secret", "new_password": "third time lucky!"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<serde_json::Value>().await.unwrap(), json!({"other_sessions_ended": 0}));
        assert_eq!(b.get("/orgs").await.status(), StatusCode::OK, "the session kept");
        let r = api.post("/api/v1/me/password", &json!({"current_password": "third time lucky!", "new_password": "fourth and final one", "sign_out_other_sessions": true})).await;
        assert_eq!(r.json::<serde_json::Value>().await.unwrap(), json!({"other_sessions_ended": 2}));
        assert_eq!(b.get("/orgs").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(here.get("/orgs").await.status(), StatusCode::SEE_OTHER, "a token keeps no session");

        let log = app.store().site_audit_log(None, 10).await.unwrap();
        let changes: Vec<&serde_json::Value> = log.iter().filter(|e| e.action == "user.password_change").map(|e| &e.detail).collect();
        assert_eq!(changes, [&json!({"other_sessions_ended": 2}), &json!({"other_sessions_ended": 0}), &json!({"other_sessions_ended": 1})]);
    }

    async fn wrong_current_passwords_pause_password_changes_like_sign_ins(app: TestApp) {
        let p = app.person("guess@example.jp").await;
        let b = app.browser(&p).await;
        for _ in 0..10 {
            let r = b.post_form("/account/password", &[("current_password", "a guess a guess"), ("new_password", "a fresh long secret"), ("new_password_confirm", "a fresh long secret")]).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        }
        let r = b.post_form("/account/password", &[("current_password", PASSWORD), ("new_password", "a fresh long secret"), ("new_password_confirm", "a fresh long secret")]).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    }

    async fn a_wrong_password_is_refused_and_repeated_failures_pause_sign_in(app: TestApp) {
        let p = app.person("sato@example.jp").await;
        let b = app.anonymous_browser().await;
        let wrong = b.post_form("/login", &[("email", "sato@example.jp"), ("password", "not the password")]).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
        assert!(wrong.text().await.unwrap().contains("メールアドレスまたはパスワードが違います"));
        for _ in 0..9 {
            b.post_form("/login", &[("email", "sato@example.jp"), ("password", "nope nope nope")]).await;
        }
        let paused = b.post_form("/login", &[("email", &p.user.email), ("password", PASSWORD)]).await;
        assert_eq!(paused.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(paused.text().await.unwrap().contains("しばらく"));
    }

    async fn failures_from_one_address_do_not_lock_the_owner_out_elsewhere(app: TestApp) {
        app.person("kato@example.jp").await;
        let b = app.anonymous_browser().await;
        // Behind a reverse proxy on this machine: the proxy names the client in X-Forwarded-For.
        let from = |ip: &'static str, password: &'static str| {
            b.client
                .post(app.url("/login"))
                .header("x-forwarded-for", ip)
                .form(&[("csrf", b.csrf.as_str()), ("email", "kato@example.jp"), ("password", password)])
                .send()
        };
        for _ in 0..10 {
            assert_eq!(from("203.0.113.5", "a guess a guess").await.unwrap().status(), StatusCode::UNAUTHORIZED);
        }
        assert_eq!(from("203.0.113.5", PASSWORD).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS, "the guessing address waits");
        assert_eq!(from("198.51.100.7", PASSWORD).await.unwrap().status(), StatusCode::SEE_OTHER, "the owner signs in from their own address");
    }

    async fn pages_send_strangers_to_sign_in_and_the_api_answers_401(app: TestApp) {
        let b = app.anonymous_browser().await;
        let r = b.get("/orgs").await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), "/login?next=/orgs");
        let r = app.anonymous_api().get("/api/v1/orgs").await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        let body: serde_json::Value = r.json().await.unwrap();
        assert_eq!(body["error"]["code"], "unauthenticated");
        let bad = app.anonymous_api().request(reqwest::Method::GET, "/api/v1/orgs").bearer_auth("0000").send().await.unwrap();
        assert_eq!(bad.status(), StatusCode::UNAUTHORIZED);
    }

    async fn an_api_write_without_a_session_or_token_is_unauthenticated_not_a_csrf_failure(app: TestApp) {
        let owner = app.person("owner@example.jp").await;
        let org = app.org(&owner, mamori_storage::OrgKind::Company, "無記名株式会社").await;
        let api = app.anonymous_api();
        let writes = [
            (reqwest::Method::POST, "/api/v1/orgs".to_owned()),
            (reqwest::Method::PUT, format!("/api/v1/orgs/{org}/profile")),
            (reqwest::Method::PATCH, format!("/api/v1/orgs/{org}")),
            (reqwest::Method::DELETE, format!("/api/v1/orgs/{org}")),
        ];
        for (method, path) in writes {
            let r = api.send_json(method.clone(), &path, &json!({"kind": "company", "name": "x"})).await;
            let (status, code, _, _) = crate::support::api_error(r).await;
            assert_eq!((status, code.as_str()), (StatusCode::UNAUTHORIZED, "unauthenticated"), "{method} {path}");
        }
        // A browser that has only its CSRF cookie is not signed in either.
        let b = app.anonymous_browser().await;
        let r = b.client.post(format!("{}/api/v1/orgs", b.base)).json(&json!({"kind": "company", "name": "x"})).send().await.unwrap();
        let (status, code, _, _) = crate::support::api_error(r).await;
        assert_eq!((status, code.as_str()), (StatusCode::UNAUTHORIZED, "unauthenticated"));
        assert!(app.store().reachable_organisations(owner.user.id).await.unwrap().len() == 1);
    }

    async fn a_form_without_the_csrf_token_changes_nothing(app: TestApp) {
        let p = app.person("kato@example.jp").await;
        let b = app.browser(&p).await;
        let missing = b.post_raw_form("/orgs", &[("name", "偽装株式会社"), ("kind", "company")]).await;
        assert_eq!(missing.status(), StatusCode::FORBIDDEN);
        assert!(missing.text().await.unwrap().contains("ページを読み込み直して"));
        let wrong = b.post_raw_form("/orgs", &[("csrf", &"0".repeat(64)), ("name", "偽装株式会社"), ("kind", "company")]).await;
        assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
        let cross = b.client.post(format!("{}/orgs", b.base)).header("sec-fetch-site", "cross-site")
            .form(&[("csrf", b.csrf.as_str()), ("name", "偽装株式会社"), ("kind", "company")]).send().await.unwrap();
        assert_eq!(cross.status(), StatusCode::FORBIDDEN);
        // The browser's JSON calls need the header too.
        let api = b.client.post(format!("{}/api/v1/orgs", b.base)).json(&json!({"kind": "company", "name": "偽装株式会社"})).send().await.unwrap();
        assert_eq!(api.status(), StatusCode::FORBIDDEN);
        assert!(app.store().reachable_organisations(p.user.id).await.unwrap().is_empty());

        let ok = b.post_form("/orgs", &[("name", "本物株式会社"), ("kind", "company")]).await;
        assert_eq!(ok.status(), StatusCode::SEE_OTHER);
        let with_header = b.client.post(format!("{}/api/v1/orgs", b.base)).header("x-csrf-token", &b.csrf)
            .json(&json!({"kind": "company", "name": "二社目"})).send().await.unwrap();
        assert_eq!(with_header.status(), StatusCode::CREATED);
        // A script with a token has no ambient credential and needs no CSRF token.
        let scripted = app.api(&p).post("/api/v1/orgs", &json!({"kind": "support", "name": "三つ目"})).await;
        assert_eq!(scripted.status(), StatusCode::CREATED);
        assert_eq!(app.store().reachable_organisations(p.user.id).await.unwrap().len(), 3);
    }

    async fn signing_out_everywhere_ends_every_session(app: TestApp) {
        let p = app.person("ito@example.jp").await;
        let phone = app.browser(&p).await;
        let pc = app.browser(&p).await;
        assert_eq!(phone.get("/orgs").await.status(), StatusCode::OK);
        let out = pc.post_form("/logout", &[("everywhere", "1")]).await;
        assert_eq!(out.status(), StatusCode::SEE_OTHER);
        assert_eq!(phone.get("/orgs").await.status(), StatusCode::SEE_OTHER, "the other device is signed out");
        assert_eq!(pc.get("/orgs").await.status(), StatusCode::SEE_OTHER);
        // API tokens are not sessions.
        assert_eq!(app.api(&p).get("/api/v1/me").await.status(), StatusCode::OK);
    }

    async fn a_password_reset_link_works_once_and_signs_the_person_out(app: TestApp) {
        let admin = app.site_admin("admin@example.jp").await;
        let p = app.person("forgetful@example.jp").await;
        let old = app.browser(&p).await;
        let stranger = app.api(&p).post(&format!("/api/v1/users/{}/password-link", p.user.id), &json!({})).await;
        assert_eq!(stranger.status(), StatusCode::NOT_FOUND, "only the site administrator issues links");
        let r = app.api(&admin).post(&format!("/api/v1/users/{}/password-link", p.user.id), &json!({})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let link = r.json::<serde_json::Value>().await.unwrap()["password_link"].as_str().unwrap().to_owned();
        let token = link.split("token=").nth(1).unwrap().to_owned();

        let b = app.anonymous_browser().await;
        assert!(b.page(&link).await.contains("forgetful@example.jp"));
        let typo = b.post_form("/password", &[("token", &token), ("password", "a brand new secret"), ("password_confirm", "a brand new secert")]).await;
        assert_eq!(typo.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(typo.text().await.unwrap().contains("確認のために入力したパスワードが一致しません"));
        let set = b.post_form("/password", &[("token", &token), ("password", "a brand new secret"), ("password_confirm", "a brand new secret")]).await;
        assert_eq!(set.status(), StatusCode::SEE_OTHER);
        assert_eq!(old.get("/orgs").await.status(), StatusCode::SEE_OTHER, "old sessions end");
        let again = b.post_form("/password", &[("token", &token), ("password", "yet another secret")]).await;
        assert_eq!(again.status(), StatusCode::NOT_FOUND, "the link is used up");
        let login = b.post_form("/login", &[("email", "forgetful@example.jp"), ("password", "a brand new secret")]).await;
        assert_eq!(login.status(), StatusCode::SEE_OTHER);
        assert!(cookie_value(&login, "mamori_session").is_some());
    }

    async fn api_tokens_are_created_shown_once_and_revoked(app: TestApp) {
        let p = app.person("script@example.jp").await;
        let api = app.api(&p);
        let r = api.post("/api/v1/me/tokens", &json!({"name": "月次集計"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: serde_json::Value = r.json().await.unwrap();
        let secret = created["secret"].as_str().unwrap().to_owned();
        let id = created["token"]["id"].as_i64().unwrap();
        let mut second = app.anonymous_api();
        second.token = Some(secret);
        assert_eq!(second.json("/api/v1/me").await["email"], "script@example.jp");
        let listed = api.json("/api/v1/me/tokens").await;
        assert!(listed.as_array().unwrap().iter().all(|t| t.get("secret").is_none()));
        assert_eq!(api.delete(&format!("/api/v1/me/tokens/{id}")).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(second.get("/api/v1/me").await.status(), StatusCode::UNAUTHORIZED);
    }

    async fn a_token_is_revoked_at_once_for_organisation_routes_and_gets_no_csrf_cookie(app: TestApp) {
        let p = app.person("script@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "株式会社トークン").await;
        let api = app.api(&p);
        let r = api.post("/api/v1/me/tokens", &json!({"name": "夜間バッチ"})).await;
        let created: serde_json::Value = r.json().await.unwrap();
        let mut second = app.anonymous_api();
        second.token = Some(created["secret"].as_str().unwrap().to_owned());
        let path = format!("/api/v1/orgs/{}/assessments", org.0);
        let r = second.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK);
        // A token client has no forms: it is handed no CSRF cookie.
        assert!(cookie_value(&r, "mamori_csrf").is_none());
        let id = created["token"]["id"].as_i64().unwrap();
        assert_eq!(api.delete(&format!("/api/v1/me/tokens/{id}")).await.status(), StatusCode::NO_CONTENT);
        // The organisation route identifies the token and checks the access in one query; a
        // revoked token is refused on the very next request.
        assert_eq!(second.get(&path).await.status(), StatusCode::UNAUTHORIZED);
        let stranger = app.person("stranger@example.jp").await;
        assert_eq!(app.api(&stranger).get(&path).await.status(), StatusCode::NOT_FOUND);
    }

    async fn the_health_check_and_the_openapi_document_answer(app: TestApp) {
        let api = app.anonymous_api();
        let health = api.json("/healthz").await;
        assert_eq!(health["status"], "ok");
        let doc = api.json("/api/v1/openapi.json").await;
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        for path in ["/api/v1/orgs", "/api/v1/orgs/{org}/assessments/{id}/submit", "/api/v1/orgs/{org}/members"] {
            assert!(doc["paths"].get(path).is_some(), "{path} is documented");
        }
    }
}
