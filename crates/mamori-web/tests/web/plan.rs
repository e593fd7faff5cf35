//! The annual plan (operations.md §8): items placed on the fiscal year's months and ticked off,
//! and the quarterly reviews of the action list read from the real action list.

use mamori_domain::operations::plan::{fiscal_range, fiscal_year};
use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

crate::on_both_backends! {
    async fn the_quarterly_reviews_read_the_action_list_and_the_plan_keeps_its_months(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        // Last fiscal year: every evaluation has been held.
        let year = fiscal_year(mamori_app::standing::today_in_japan()) - 1;
        let (first, last) = fiscal_range(year);
        let q1 = (first + time::Duration::days(30)).to_string();
        let q4 = (last - time::Duration::days(10)).to_string();
        let add = |title: &'static str, due: String| {
            let api = &api;
            async move {
                let r: Value = api.post(&format!("/api/v1/orgs/{org}/actions"), &json!({"title": title, "due_date": due})).await.json().await.unwrap();
                r["id"].as_i64().unwrap()
            }
        };
        let patched = add("パスワードの見直し", q1.clone()).await;
        let late = add("UTMの更新", q1.clone()).await;
        let early = add("年度末の棚卸し", q4).await;
        for id in [patched, early] {
            let r = api.send_json(reqwest::Method::PATCH, &format!("/api/v1/orgs/{org}/actions/{id}"), &json!({"status": "done"})).await;
            assert_eq!(r.status(), StatusCode::OK);
        }
        let page = b.page(&format!("/orgs/{org}/plan?year={year}")).await;
        assert!(page.contains("2件中1件完了・前倒しで完了1件"), "the first quarter: one of two done, one later action done");
        let verdicts: Vec<&str> = page.match_indices("data-figure=\"verdict\">").map(|(i, m)| { let rest = &page[i + m.len()..]; &rest[..rest.find('<').unwrap()] }).collect();
        assert_eq!(verdicts, ["遅れ", "遅れ", "遅れ", "遅れ"], "an open action due in the first quarter keeps every review behind");
        let r = api.send_json(reqwest::Method::PATCH, &format!("/api/v1/orgs/{org}/actions/{late}"), &json!({"status": "done"})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = b.page(&format!("/orgs/{org}/plan?year={year}")).await;
        let verdicts: Vec<&str> = page.match_indices("data-figure=\"verdict\">").map(|(i, m)| { let rest = &page[i + m.len()..]; &rest[..rest.find('<').unwrap()] }).collect();
        assert_eq!(verdicts, ["前倒し", "前倒し", "前倒し", "計画どおり"]);

        // The plan: education moved to July, the context review done.
        let done = (first + time::Duration::days(9)).to_string();
        let r = b.post_form(&format!("/orgs/{org}/plan"), &[("year", &year.to_string()), ("month.education", "7"), ("done.context", &done)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/plan?year={year}")).await;
        assert!(page.contains(&format!("<th scope=\"row\" data-label=\"月\">{year}年7月</th>\n        <td data-label=\"取り組み\">教育・訓練")), "education is in July");
        assert!(page.contains(&format!("name=\"done.context\" value=\"{done}\"")));
        let outside = (last + time::Duration::days(1)).to_string();
        let r = b.post_form(&format!("/orgs/{org}/plan"), &[("year", &year.to_string()), ("done.context", &outside)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains(&format!("の実施日が{year}年度")));
    }
}
