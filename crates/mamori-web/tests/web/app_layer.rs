//! What the one application layer guarantees: a record is checked by one parser whichever way it
//! arrives (form, API, spreadsheet row), and the company home counts what the real features
//! record (a closed risk analysis, every NIST CSF improvement cycle).

use mamori_storage::OrgKind;
use mamori_workbook::{Lang, RegisterRow, export_xlsx};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn figure(html: &str, name: &str) -> Vec<String> {
    let marker = format!("data-figure=\"{name}\">");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('<').unwrap()].trim().to_owned()
        })
        .collect()
}

/// The page's text with HTML's escapes of the characters a message may hold put back.
fn unescaped(html: &str) -> String {
    html.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

const TOO_LONG: &str = "情報資産名称は200文字以内にしてください。";
const CONTROL: &str = "情報資産名称に改行や制御文字は使えません。";

crate::on_both_backends! {
    async fn a_bad_asset_name_gets_the_same_message_from_the_form_the_api_and_an_xlsx_row(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        for (name, message) in [("名".repeat(5000), TOO_LONG), ("社員\u{1b}名簿".to_owned(), CONTROL)] {
            // The form.
            let r = b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", &name), ("medium", "office_pc"), ("c", "1"), ("i", "0"), ("a", "0")]).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            assert!(unescaped(&r.text().await.unwrap()).contains(message), "the form says {message}");
            // The API.
            let r = api.post(&format!("/api/v1/orgs/{org}/risk/assets"), &json!({"name": name, "medium": "office_pc", "c": 1, "i": 0, "a": 0})).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["error"]["details"], json!([{"field": "name", "message": message}]));
            // A row of an XLSX file, which the workbook itself reads without complaint.
            let rows = [
                RegisterRow { name: "顧客名簿".into(), medium: "office_pc".into(), c: 2, ..RegisterRow::default() },
                RegisterRow { name: name.clone(), medium: "paper".into(), c: 1, ..RegisterRow::default() },
            ];
            let xlsx = export_xlsx(&rows, None, Lang::Ja).unwrap();
            let form = reqwest::multipart::Form::new()
                .text("csrf", b.csrf.clone())
                .text("mode", "append")
                .part("file", reqwest::multipart::Part::bytes(xlsx).file_name("register.xlsx"));
            let r = b.client.post(app.url(&format!("/orgs/{org}/risk/import"))).multipart(form).send().await.unwrap();
            let html = unescaped(&r.text().await.unwrap());
            assert_eq!(figure(&html, "import-problems"), ["1"], "the bad row is a problem");
            assert_eq!(figure(&html, "import-rows"), ["1"], "only the good row is importable");
            assert!(html.contains(message), "the import preview says {message}");
            assert!(!html.contains("value=\"import\""), "no import while a row has a problem");
        }
        // Nothing was stored by any of the three.
        let stored: Value = api.get(&format!("/api/v1/orgs/{org}/risk/assets")).await.json().await.unwrap();
        assert_eq!(stored, json!([]));
    }

    async fn a_company_that_closed_a_risk_analysis_sees_it_counted_on_its_home(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        // A started company, so the home shows where it stands.
        let r = api.post(&format!("/api/v1/orgs/{org}/assessments"), &json!({"catalog": "self-check-25", "answers": crate::support::self_check_answers("done"), "submit": true})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let home = b.page(&format!("/orgs/{org}")).await;
        assert_eq!(figure(&home, "risk-analysis-on"), ["まだありません"]);
        b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", "社員名簿"), ("medium", "office_pc"), ("c", "2"), ("i", "0"), ("a", "0")]).await;
        let r = b.post_form(&format!("/orgs/{org}/risk/snapshots"), &[("title", "2026年度 上期")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let home = b.page(&format!("/orgs/{org}")).await;
        let day = figure(&home, "risk-analysis-on");
        assert_eq!(day.len(), 1);
        assert!(day[0].ends_with('日') && day[0].contains('年'), "the closing day is shown: {day:?}");
        // Each condition the company still lacks says where its record is made.
        assert!(home.contains("data-needed=\"linked\"") || home.contains("data-needed=\"later\""));
    }

    async fn two_csf_improvement_cycles_are_kept_and_their_growth_is_shown(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let catalog = mamori_domain::builtin().get("nist-csf-tiers").unwrap();
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        let mut ids = Vec::new();
        for tier in [1, 2, 2, 3] {
            let answers: serde_json::Map<String, Value> = catalog.items.iter().map(|i| (i.id.clone(), json!(tier))).collect();
            let doc = json!({"catalog": "nist-csf-tiers", "answers": answers, "targets": {"ID.AM": 4}, "submit": true});
            let made: Value = api.post(&format!("/api/v1/orgs/{org}/assessments"), &doc).await.json().await.unwrap();
            ids.push(made["id"].as_i64().unwrap().to_string());
        }
        for (id, stage) in [(&ids[0], "planning"), (&ids[1], "evaluation"), (&ids[2], "planning"), (&ids[3], "evaluation")] {
            let r = b.post_form(&format!("/orgs/{org}/csf/snapshots"), &[("assessment", id), ("stage", stage)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let page = b.page(&format!("/orgs/{org}/csf")).await;
        assert_eq!(figure(&page, "cycle-growth-1"), ["+1.0"], "the first cycle is kept");
        assert_eq!(figure(&page, "cycle-growth-2"), ["+1.0"]);
        assert_eq!(figure(&page, "csf-grown"), ["2"]);
        assert_eq!(figure(&page, "growth-ID"), ["+1.0"], "the table shows the newest cycle");
        assert!(page.contains("<td>4</td><td>2.0</td><td>3.0</td>"), "ideal, planning, evaluation of ID.AM in the newest cycle");
        // Choosing another evaluation replaces the newest cycle's, and starts no cycle.
        let r = b.post_form(&format!("/orgs/{org}/csf/snapshots"), &[("assessment", &ids[2]), ("stage", "evaluation")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/csf")).await;
        assert_eq!(figure(&page, "cycle-growth-2"), ["±0.0"]);
        assert!(figure(&page, "cycle-growth-3").is_empty());
        assert_eq!(figure(&page, "csf-grown"), ["1"]);
        // The home counts the cycles that grew.
        let home = b.page(&format!("/orgs/{org}")).await;
        assert_eq!(figure(&home, "csf-growth-cycles"), ["1"]);
    }
}
