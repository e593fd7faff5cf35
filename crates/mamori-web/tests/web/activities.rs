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

    async fn education_figures_meet_or_miss_the_years_targets_from_the_page_and_the_api(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        let today = mamori_app::fields::today_in_japan();
        let r = b.post_form(&format!("/orgs/{org}/activities/targets"), &[("attendance_percent", "100%"), ("test_score", "80")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = b.post_form(&format!("/orgs/{org}/activities"), &[("kind", "education"), ("held_on", &today),
            ("title", "標的型メールの見分け方"), ("participants", "18"), ("invited", "20"), ("test_average", "85点"),
            ("follow_up", "欠席の2人には資料を配り、翌週に確認した")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let html = b.page(&format!("/orgs/{org}/activities")).await;
        let figure = |name: &str| {
            let marker = format!("data-figure=\"{name}\">");
            let at = html.find(&marker).unwrap() + marker.len();
            html[at..at + html[at..].find("</dd>").unwrap()].to_owned()
        };
        assert_eq!(figure("sessions"), "1");
        assert_eq!(figure("attendance"), "90.0%（目標 100% 未達）");
        assert_eq!(figure("test"), "85.0（目標 80 達成）");
        assert_eq!(figure("absent"), "2人");
        let made = api.json(&format!("/api/v1/orgs/{org}/activities")).await;
        assert_eq!(made[0]["invited"], 20);
        assert_eq!(made[0]["test_average"], 85);
        assert_eq!(made[0]["follow_up"], "欠席の2人には資料を配り、翌週に確認した");

        // More people than invited, and a score over 100, are refused by the API in the form's words.
        let r = api.post(&format!("/api/v1/orgs/{org}/activities"), &json!({"kind": "education", "held_on": today, "title": "x", "participants": 25, "invited": 20, "test_average": 120})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        let messages: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
        assert_eq!(messages, ["テストの平均点は0〜100点の整数で入力してください。", "参加人数（25人）が対象人数（20人）を超えています。"]);
        let r = b.post_form(&format!("/orgs/{org}/activities/targets"), &[("attendance_percent", "0"), ("test_score", "80")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("受講率の目標は1〜100%の整数で入力してください。"));
    }
}
