//! The company's security structure (operations.md §1): the page and the API share one parser,
//! and the roles it records count on the company home's maturity level.

use mamori_domain::operations::roles::ROLES;
use mamori_storage::{OrgKind, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The home's sentence for the unmet "roles assigned" condition.
const ROLES_NEEDED: &str = "情報セキュリティの責任者や担当者などの役割を決めてください";
const TOO_LONG: &str = "情報セキュリティ責任者の担当者は100文字以内にしてください。";

crate::on_both_backends! {
    async fn roles_saved_on_the_page_count_on_the_home_and_read_back_through_the_api(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        // Level 2 (the Five Principles, a self-check of 100), so the home lists level 3's needs.
        for doc in [
            json!({"catalog": "five-principles", "submit": true, "answers": {"1": "yes", "2": "yes", "3": "yes", "4": "yes", "5": "yes"}}),
            json!({"catalog": "self-check-25", "submit": true, "answers": crate::support::self_check_answers("done")}),
        ] {
            assert_eq!(api.post(&format!("/api/v1/orgs/{org}/assessments"), &doc).await.status(), StatusCode::CREATED);
        }
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(home.contains(ROLES_NEEDED), "{home}");
        assert!(home.contains(&format!("href=\"/orgs/{org}/structure\"")), "the condition links to where roles are recorded");

        // Every required role to one person, no deputies: kept, and warned about.
        let mut form: Vec<(String, String)> = Vec::new();
        for (n, r) in ROLES.iter().enumerate() {
            form.push((format!("holder-{n}"), if r.required { "山田 太郎".into() } else { String::new() }));
            form.push((format!("deputy-{n}"), String::new()));
            form.push((format!("contact-{n}"), if n == 0 { "090-1234-5678".into() } else { String::new() }));
        }
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = b.post_form(&format!("/orgs/{org}/structure"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/structure")).await;
        assert!(page.contains("すべての役割を山田 太郎さん1人が担当しています。"), "{page}");
        assert!(page.contains("代理が決まっていない役割: 情報セキュリティ責任者、"));
        assert!(page.contains("value=\"090-1234-5678\""));
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(!home.contains(ROLES_NEEDED), "the home counts the roles");

        let got = api.json(&format!("/api/v1/orgs/{org}/security-roles")).await;
        assert_eq!(got["assigned"], true);
        assert_eq!(got["one_person_holds_everything"], "山田 太郎");
        assert_eq!(got["roles"][0], json!({"role": "security_manager", "name": "情報セキュリティ責任者", "time": "normal",
            "required": true, "holder": "山田 太郎", "deputy": null, "contact": "090-1234-5678"}));
        assert_eq!(got["roles"].as_array().unwrap().len(), ROLES.len());

        // The API replaces the whole set: a second person ends the warning, a role left out is open.
        let r = api.put(&format!("/api/v1/orgs/{org}/security-roles"), &json!({"roles": [
            {"role": "security_manager", "holder": "山田 太郎", "deputy": "佐藤 花子"},
            {"role": "system_admin", "holder": "鈴木 一郎"},
        ]})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let got: Value = r.json().await.unwrap();
        assert_eq!(got["one_person_holds_everything"], Value::Null);
        assert_eq!(got["assigned"], false);
        assert!(got["unassigned"].as_array().unwrap().contains(&json!("education_manager")));
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(home.contains(ROLES_NEEDED));
    }

    async fn a_bad_role_gets_the_same_message_from_the_form_and_the_api_and_nothing_is_stored(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        let long = "あ".repeat(101);
        let r = b.post_form(&format!("/orgs/{org}/structure"), &[("holder-0", &long), ("holder-2", "鈴木 一郎")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains(TOO_LONG), "{page}");
        assert!(page.contains("value=\"鈴木 一郎\""), "what was typed comes back");
        assert!(page.contains("aria-invalid=\"true\""));

        let r = api.put(&format!("/api/v1/orgs/{org}/security-roles"), &json!({"roles": [{"role": "security_manager", "holder": long}]})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"], json!([{"field": "roles[0].holder", "message": TOO_LONG}]));
        let r = api.put(&format!("/api/v1/orgs/{org}/security-roles"), &json!({"roles": [
            {"role": "ceo", "holder": "山田"}, {"role": "system_admin", "holder": true}]})).await;
        let body: Value = r.json().await.unwrap();
        let fields: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["roles[1].holder", "roles[0].role"]);

        let got = api.json(&format!("/api/v1/orgs/{org}/security-roles")).await;
        assert!(got["roles"].as_array().unwrap().iter().all(|r| r["holder"].is_null()), "nothing was stored");
    }

    async fn a_viewer_reads_the_structure_and_a_support_organisation_has_none(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let vera = app.person("vera@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &vera.user, Role::Viewer).await.unwrap();
        let v = app.browser(&vera).await;
        let page = v.page(&format!("/orgs/{org}/structure")).await;
        assert!(page.contains("体制図") && !page.contains("保存する"), "a viewer reads without a save button");
        assert_eq!(v.post_form(&format!("/orgs/{org}/structure"), &[("holder-0", "x")]).await.status(), StatusCode::FORBIDDEN);
        let r = app.api(&vera).put(&format!("/api/v1/orgs/{org}/security-roles"), &json!({"roles": []})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);

        let support = app.org(&alice, OrgKind::Support, "あおば商工会").await;
        assert_eq!(app.api(&alice).get(&format!("/api/v1/orgs/{support}/security-roles")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(app.browser(&alice).await.get(&format!("/orgs/{support}/structure")).await.status(), StatusCode::NOT_FOUND);
    }
}
