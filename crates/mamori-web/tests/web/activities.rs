//! Education sessions and inspections (operations.md §5-7): recorded from the page or the API,
//! counted on the home's maturity level, and an inspection's findings become actions.

use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::on_both_backends! {
    async fn education_and_an_inspection_count_for_maturity_and_findings_become_actions(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        let today = mamori_app::fields::today_in_japan();
        let r = b.post_form(&format!("/orgs/{org}/activities"), &[("kind", "education"), ("held_on", &today),
            ("title", "標的型メールの見分け方"), ("participants", "12人")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = api.post(&format!("/api/v1/orgs/{org}/activities"), &json!({"kind": "inspection", "held_on": today,
            "title": "5か条の点検", "findings": ["パスワードの使い回しがあった", "更新されていないPCが2台"]})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let made: Value = r.json().await.unwrap();
        assert_eq!(made["actions"].as_array().unwrap().len(), 2);
        assert_eq!(made["actions"][0]["source"], "audit");

        let access = app.store().access(alice.user.id, org).await.unwrap().unwrap();
        let records = mamori_app::standing::gather(app.store(), &access, mamori_app::standing::today_in_japan()).await.unwrap();
        let day = mamori_app::fields::parse_date(&today);
        assert_eq!(records.evidence.last_education_on, day, "the home's maturity reads the education");
        assert_eq!(records.evidence.last_inspection_on, day);
        let list = api.json(&format!("/api/v1/orgs/{org}/activities")).await;
        assert_eq!(list.as_array().unwrap().len(), 2);
        assert!(b.page(&format!("/orgs/{org}/activities")).await.contains("標的型メールの見分け方"));

        // Findings on an education, and a day in the future, are refused the same way by both.
        let tomorrow = (mamori_app::standing::today_in_japan() + time::Duration::days(1)).to_string();
        let r = api.post(&format!("/api/v1/orgs/{org}/activities"), &json!({"kind": "education", "held_on": tomorrow, "title": "x", "findings": ["y"]})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        let fields: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["held_on", "findings"]);
        assert_eq!(body["error"]["details"][0]["message"], "実施日が未来になっています。実施した日を入力してください。");
        let r = b.post_form(&format!("/orgs/{org}/activities"), &[("kind", "education"), ("held_on", &tomorrow), ("title", "x")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("実施日が未来になっています。"));
        assert_eq!(api.json(&format!("/api/v1/orgs/{org}/activities")).await.as_array().unwrap().len(), 2, "nothing stored");
    }
}
