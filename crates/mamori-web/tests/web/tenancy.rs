//! Tenancy, checked on every route: the API routes come from the served OpenAPI document and the
//! page routes from the router's own list, so a route added without the check fails here.

use mamori_storage::{OrgKind, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::self_check_answers;

/// Ids of Alice's company's things, put into every `{…}` of a route.
struct Targets {
    org: i64,
    id: i64,
    user: i64,
    support: i64,
    token: i64,
    asset: i64,
    snapshot: i64,
    incident: i64,
    entry: i64,
}

impl Targets {
    fn fill(&self, path: &str) -> String {
        path.replace("{org}", &self.org.to_string())
            .replace("{id}", &self.id.to_string())
            .replace("{user}", &self.user.to_string())
            .replace("{support}", &self.support.to_string())
            .replace("{company}", &self.org.to_string())
            .replace("{token}", &self.token.to_string())
            .replace("{asset}", &self.asset.to_string())
            .replace("{snapshot}", &self.snapshot.to_string())
            .replace("{incident}", &self.incident.to_string())
            .replace("{report}", "preliminary")
            .replace("{kind}", "devices")
            .replace("{register}", "devices")
            .replace("{entry}", &self.entry.to_string())
            .replace("{catalog}", "self-check-25")
    }
}

crate::on_both_backends! {
    async fn nobody_reaches_another_tenants_data_on_any_route(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let carol = app.person("carol@example.jp").await;
        let sam = app.person("sam@example.jp").await;
        let bob = app.person("bob@example.jp").await;
        let company = app.org(&alice, OrgKind::Company, "アリス製作所").await;
        let support = app.org(&sam, OrgKind::Support, "中部商工会議所").await;
        app.org(&bob, OrgKind::Company, "ボブ商店").await;
        let bob_support = app.org(&bob, OrgKind::Support, "ボブ支援室").await;
        let a = app.api(&alice);
        let created: Value = a.post(&format!("/api/v1/orgs/{company}/assessments"), &json!({"catalog": "self-check-25", "answers": self_check_answers("done"), "submit": true})).await.json().await.unwrap();
        let assessment = created["id"].as_i64().unwrap();
        assert_eq!(a.post(&format!("/api/v1/orgs/{company}/members"), &json!({"email": "carol@example.jp", "role": "member"})).await.status(), StatusCode::CREATED);
        let code = app.support_code(&sam, support).await;
        assert_eq!(a.post(&format!("/api/v1/orgs/{company}/consents"), &json!({"support_code": code})).await.status(), StatusCode::CREATED);
        let alice_token = app.store().api_tokens_of(alice.user.id).await.unwrap()[0].id.0;
        let asset: Value = a.post(&format!("/api/v1/orgs/{company}/risk/assets"), &json!({"name": "社員名簿", "medium": "office_pc", "c": 2, "i": 1, "a": 1})).await.json().await.unwrap();
        let asset = asset["id"].as_i64().unwrap();
        let snapshot: Value = a.post(&format!("/api/v1/orgs/{company}/risk/snapshots"), &json!({"title": "2026年度"})).await.json().await.unwrap();
        let snapshot = snapshot["id"].as_i64().unwrap();
        let incident: Value = a.post(&format!("/api/v1/orgs/{company}/incidents"), &json!({"title": "顧客名簿の誤送信", "detected_on": "2026-04-01", "channel": "external_contact", "severity": "high", "personal": {"persons": 1200}})).await.json().await.unwrap();
        let incident = incident["id"].as_i64().unwrap();
        let entry: Value = a.post(&format!("/api/v1/orgs/{company}/registers/devices"), &json!({"name": "営業用PC-01"})).await.json().await.unwrap();
        let entry = entry["id"].as_i64().unwrap();
        let targets = Targets { org: company.0, id: assessment, user: carol.user.id.0, support: support.0, token: alice_token, asset, snapshot, incident, entry };

        // Bob is signed in and may do everything in his own organisations, and nothing in Alice's.
        let b = app.api(&bob);
        let doc = b.json("/api/v1/openapi.json").await;
        let mut checked = 0;
        for (path, item) in doc["paths"].as_object().unwrap() {
            if !path.contains('{') {
                continue;
            }
            for method in ["get", "post", "put", "patch", "delete"] {
                if item.get(method).is_none() {
                    continue;
                }
                let url = targets.fill(path);
                let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
                let r = b.send_json(m, &url, &json!({})).await;
                assert_eq!(r.status(), StatusCode::NOT_FOUND, "{method} {path} must not reach another tenant");
                let body: Value = r.json().await.unwrap();
                assert_eq!(body["error"]["code"], "not_found");
                checked += 1;
            }
        }
        assert!(checked >= 20, "only {checked} API routes were checked");

        // The same for every page route, with a signed-in browser and a valid CSRF token.
        let browser = app.browser(&bob).await;
        let bob_code = app.support_code(&bob, bob_support).await;
        let mut pages = 0;
        for path in mamori_pages::route_paths() {
            if !path.contains('{') {
                continue;
            }
            let url = targets.fill(path);
            let got = browser.get(&url).await.status();
            let posted = browser.post_form(&url, &[("name", "乗っ取り"), ("role", "admin"), ("confirm", "アリス製作所"), ("support_code", &bob_code)]).await.status();
            for s in [got, posted] {
                assert!(s == StatusCode::NOT_FOUND || s == StatusCode::METHOD_NOT_ALLOWED, "{path}: {s}");
            }
            assert!(got == StatusCode::NOT_FOUND || posted == StatusCode::NOT_FOUND, "{path} answered neither method with 404");
            pages += 1;
        }
        assert!(pages >= 10, "only {pages} page routes were checked");

        // Alice's things are all still there, unchanged.
        let org = a.json(&format!("/api/v1/orgs/{company}")).await;
        assert_eq!(org["name"], "アリス製作所");
        assert_eq!(a.json(&format!("/api/v1/orgs/{company}/assessments/{assessment}")).await["status"], "submitted");
        let members = a.json(&format!("/api/v1/orgs/{company}/members")).await;
        assert_eq!(members.as_array().unwrap().len(), 2);
        assert_eq!(a.json(&format!("/api/v1/orgs/{company}/consents")).await.as_array().unwrap().len(), 1);
        assert_eq!(app.store().api_tokens_of(alice.user.id).await.unwrap().len(), 1);
        // And the routes do answer their owner, so the 404s above were not for broken routes.
        assert_eq!(a.json(&targets.fill("/api/v1/orgs/{org}/risk/assets/{asset}")).await["name"], "社員名簿");
        assert_eq!(a.json(&targets.fill("/api/v1/orgs/{org}/risk/snapshots")).await.as_array().unwrap().len(), 1);
        assert_eq!(a.json(&targets.fill("/api/v1/orgs/{org}/registers/{register}/{entry}")).await["name"], "営業用PC-01");
        for path in ["/api/v1/orgs/{org}/assessments/{id}/result", "/api/v1/orgs/{org}/profile", "/api/v1/orgs/{org}/audit", "/api/v1/orgs/{org}/risk/snapshots/{snapshot}", "/api/v1/orgs/{org}/risk/evaluation", "/api/v1/orgs/{org}/risk/assets/{asset}/treatment"] {
            assert_eq!(a.get(&targets.fill(path)).await.status(), StatusCode::OK, "{path}");
        }
        let alice_browser = app.browser(&alice).await;
        for path in ["/orgs/{org}", "/orgs/{org}/members", "/orgs/{org}/profile", "/orgs/{org}/consents", "/orgs/{org}/audit", "/orgs/{org}/settings"] {
            assert_eq!(alice_browser.get(&targets.fill(path)).await.status(), StatusCode::OK, "{path}");
        }
    }

    async fn a_consultant_reaches_a_company_only_while_it_consents(app: TestApp) {
        let owner = app.person("owner@example.jp").await;
        let advisor = app.person("advisor@example.jp").await;
        let clerk = app.person("clerk@example.jp").await;
        let company = app.org(&owner, OrgKind::Company, "名古屋精機").await;
        let support = app.org(&advisor, OrgKind::Support, "愛知県 診断事業").await;
        let scope = app.store().access(advisor.user.id, support).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &clerk.user, Role::Member).await.unwrap();
        let adv = app.api(&advisor);
        let path = format!("/api/v1/orgs/{company}/assessments");
        assert_eq!(adv.get(&path).await.status(), StatusCode::NOT_FOUND);

        let o = app.api(&owner);
        let code = app.support_code(&advisor, support).await;
        assert_eq!(o.post(&format!("/api/v1/orgs/{company}/consents"), &json!({"support_code": code})).await.status(), StatusCode::CREATED);
        assert_eq!(adv.get(&path).await.status(), StatusCode::OK);
        let r = adv.post(&path, &json!({"catalog": "five-principles"})).await;
        assert_eq!(r.status(), StatusCode::CREATED, "a consultant may work on the company's diagnosis");
        assert_eq!(app.api(&clerk).get(&path).await.status(), StatusCode::NOT_FOUND, "a plain member of the support organisation may not");
        let companies = adv.json(&format!("/api/v1/orgs/{support}/companies")).await;
        assert_eq!(companies[0]["company"]["name"], "名古屋精機");
        // A consultant is not the company's administrator.
        assert_eq!(adv.get(&format!("/api/v1/orgs/{company}/audit")).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(adv.delete(&format!("/api/v1/orgs/{company}")).await.status(), StatusCode::FORBIDDEN);

        assert_eq!(o.delete(&format!("/api/v1/orgs/{company}/consents/{support}")).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(adv.get(&path).await.status(), StatusCode::NOT_FOUND, "revoking consent closes the door");
    }

    async fn a_viewer_reads_but_changes_nothing(app: TestApp) {
        let admin = app.person("boss@example.jp").await;
        let viewer = app.person("reader@example.jp").await;
        let company = app.org(&admin, OrgKind::Company, "閲覧テスト株式会社").await;
        let scope = app.store().access(admin.user.id, company).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &viewer.user, Role::Viewer).await.unwrap();
        let v = app.api(&viewer);
        assert_eq!(v.get(&format!("/api/v1/orgs/{company}/assessments")).await.status(), StatusCode::OK);
        let r = v.post(&format!("/api/v1/orgs/{company}/assessments"), &json!({"catalog": "five-principles"})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(v.put(&format!("/api/v1/orgs/{company}/profile"), &json!({"industry": "E"})).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(v.post(&format!("/api/v1/orgs/{company}/members"), &json!({"email": "x@example.jp", "role": "admin"})).await.status(), StatusCode::FORBIDDEN);
        assert!(app.store().assessments(&scope).await.unwrap().is_empty());
    }
}
