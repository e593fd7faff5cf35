//! The English pages: a person who switches to English sees no Japanese anywhere (except the
//! switch back, written 日本語, and what people typed themselves), and Japanese stays the default.

use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{Browser, location, self_check_answers};

fn japanese_in(html: &str) -> Vec<String> {
    // The switch back to Japanese is labelled in Japanese on purpose, and the logo mark is the
    // brand's kanji. Inside tags (attribute values such as stored codes) is not read text.
    let html = html
        .replace(r#"lang="ja">日本語</button>"#, "")
        .replace(r#"<span class="mark" aria-hidden="true">守</span>"#, "");
    let mut found = Vec::new();
    let mut in_tag = false;
    let mut run = String::new();
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        let japanese = !in_tag
            && matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff5e}' | '\u{3000}'..='\u{303f}');
        if japanese {
            run.push(c);
        } else if !run.is_empty() {
            found.push(run.clone());
            run.clear();
        }
    }
    if !run.is_empty() {
        found.push(run);
    }
    found
}

async fn english(b: &Browser) {
    let r = b
        .post_form("/lang", &[("lang", "en"), ("next", "/orgs")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/orgs");
}

crate::on_both_backends! {
    async fn japanese_is_the_default_and_the_switch_keeps_english_across_pages(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let b = app.browser(&alice).await;
        let page = b.page("/orgs").await;
        assert!(page.contains(r#"<html lang="ja">"#));
        english(&b).await;
        let page = b.page("/orgs").await;
        assert!(page.contains(r#"<html lang="en">"#));
        assert!(page.contains("Organisations"));
        let r = b.post_form("/lang", &[("lang", "ja"), ("next", "https://evil.example/")]).await;
        assert_eq!(location(&r), "/", "the switch only goes back to a page of this site");
        assert!(b.page("/orgs").await.contains(r#"<html lang="ja">"#));
    }

    async fn no_english_page_shows_japanese(app: TestApp) {
        let alice = app.site_admin("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "Aoba Works").await.0;
        let support = app.org(&alice, OrgKind::Support, "Chubu Support").await.0;
        let api = app.api(&alice);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let done: serde_json::Value = api.post(&base, &json!({"catalog": "self-check-25", "answers": self_check_answers("partial"), "submit": true})).await.json().await.unwrap();
        let draft: serde_json::Value = api.post(&base, &json!({"catalog": "primary-checklist"})).await.json().await.unwrap();
        // The secondary diagnosis, with the consultant's notes on its result and questionnaire.
        let rules: serde_json::Map<String, serde_json::Value> = (0..10)
            .map(|n| (format!("R{n}"), json!({"rule": "yes", "adoption": "no", "managed": "no", "technical": "no", "observation": "Rules exist"})))
            .collect();
        let rules_done: serde_json::Value = api.post(&base, &json!({"catalog": "employee-rules", "answers": rules, "submit": true})).await.json().await.unwrap();
        let rules_draft: serde_json::Value = api.post(&base, &json!({"catalog": "employee-rules", "answers": {"R1": {"proposal": "Automatic updates"}}})).await.json().await.unwrap();
        let b = app.browser(&alice).await;
        english(&b).await;
        b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", "Staff list"), ("medium", "office_pc"), ("personal", "personal"), ("persons", "40"), ("c", "2"), ("i", "1"), ("a", "1")]).await;
        b.post_form(&format!("/orgs/{org}/risk/threats"), &[("t:office_pc:leak", "3")]).await;
        let device: serde_json::Value = api.post(&format!("/api/v1/orgs/{org}/registers/devices"), &json!({"name": "Sales PC", "fields": {"eosl_on": "2026-01-31"}})).await.json().await.unwrap();
        let (done, draft) = (done["id"].as_i64().unwrap(), draft["id"].as_i64().unwrap());
        let mut pages = vec![
            "/orgs".to_owned(),
            "/account".to_owned(),
            "/admin/users".to_owned(),
            "/admin/audit".to_owned(),
            format!("/orgs/{support}"),
        ];
        for p in [
            "", "/profile", "/members", "/consents", "/audit", "/settings", "/diagnoses",
            "/diagnoses/self-check-25", "/actions", "/risk", "/risk/threats",
            "/risk/countermeasures", "/risk/results", "/risk/treatment", "/risk/money",
            "/risk/history", "/risk/import", "/structure", "/contacts", "/incidents", "/activities",
            "/due", "/plan", "/registers", "/registers/devices", "/registers/cloud-services",
            "/registers/contractors", "/registers/devices/import",
        ] {
            pages.push(format!("/orgs/{org}{p}"));
        }
        for p in [format!("{done}"), format!("{draft}"), format!("{draft}/review"), format!("{draft}?part=3"), rules_done["id"].to_string(), rules_draft["id"].to_string()] {
            pages.push(format!("/orgs/{org}/assessments/{p}"));
        }
        pages.push(format!("/orgs/{org}/registers/devices/{}", device["id"]));
        pages.push("/orgs/999999".to_owned());
        let mut problems = Vec::new();
        for path in &pages {
            let html = b.get(path).await.text().await.unwrap();
            let found = japanese_in(&html);
            if !found.is_empty() {
                problems.push(format!("{path}: {:?}", &found[..found.len().min(8)]));
            }
        }
        // A form with problems, in English too.
        let r = b.post_form(&format!("/orgs/{org}/profile"), &[("employees", "many")]).await;
        let found = japanese_in(&r.text().await.unwrap());
        if !found.is_empty() {
            problems.push(format!("profile form with problems: {found:?}"));
        }
        assert!(problems.is_empty(), "Japanese on English pages:\n{}", problems.join("\n"));
    }
}
