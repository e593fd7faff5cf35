//! Risk treatment and loss estimates over plain HTTP forms (risk.md §5-6): suggestions, decisions
//! whose planned measures reach the action list, acceptance only within the threshold, the leak
//! estimate and the ALE worked example, viewers kept out, English pages without Japanese.

use mamori_storage::{OrgKind, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Browser, location};

fn figure(html: &str, name: &str) -> Vec<String> {
    let marker = format!("data-figure=\"{name}\">");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('<').unwrap()].trim().to_owned()
        })
        .collect()
}

/// The assets of the treatment page, in the page's order.
fn listed(html: &str) -> Vec<String> {
    html.match_indices("<section class=\"panel treatment\" id=\"asset-")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect()
}

/// Japanese text outside tags (as `language.rs` checks every page).
fn japanese_in(html: &str) -> Vec<String> {
    let html = html
        .replace(r#"lang="ja">日本語</button>"#, "")
        .replace(r#"<span class="mark" aria-hidden="true">守</span>"#, "");
    let mut found = Vec::new();
    let (mut in_tag, mut run) = (false, String::new());
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        if !in_tag
            && matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff01}'..='\u{ff5e}' | '\u{3000}'..='\u{303f}')
        {
            run.push(c);
        } else if !run.is_empty() {
            found.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        found.push(run);
    }
    found
}

/// A company with three assets: a customer list on office PCs with 20,000 persons (importance
/// 2, threat 3, nothing answered so vulnerability 3: risk 6, high), invoices on paper
/// (importance 1, threat 2: risk 2, medium) and a catalogue on paper (risk 0, low). Returns the
/// ids of the first two, as the treatment page lists them.
async fn company(b: &Browser, org: i64, names: [&str; 3]) -> (String, String) {
    let rows = [
        (names[0], "office_pc", "2", "0", "0", Some("20000")),
        (names[1], "paper", "1", "1", "0", None),
        (names[2], "paper", "0", "0", "0", None),
    ];
    for (name, medium, c, i, a, persons) in rows {
        let mut fields = vec![
            ("name", name),
            ("medium", medium),
            ("c", c),
            ("i", i),
            ("a", a),
        ];
        if let Some(p) = persons {
            fields.push(("personal", "personal"));
            fields.push(("persons", p));
        }
        let r = b
            .post_form(&format!("/orgs/{org}/risk/assets"), &fields)
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name}");
    }
    let r = b
        .post_form(
            &format!("/orgs/{org}/risk/threats"),
            &[("t:office_pc:leak", "3"), ("t:paper:leak", "2")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
    let ids = listed(&page);
    assert_eq!(ids.len(), 2, "only medium and high risk: {ids:?}");
    (ids[0].clone(), ids[1].clone())
}

crate::on_both_backends! {
    async fn a_bad_treatment_decision_gets_the_same_message_from_the_page_and_the_api(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        let (customers, _) = company(&b, org, ["顧客名簿", "請求書", "製品カタログ"]).await;
        let long = "佐".repeat(101);
        let cases: [(&str, &str, &str, &str); 4] = [
            ("owner", &long, "owner", "担当者は100文字以内にしてください。"),
            ("owner", "総務\u{1b}佐藤", "owner", "担当者に改行や制御文字は使えません。"),
            ("residual_risk", "7", "residual_risk", "残留リスクは0、1、2、3、4、5、6のいずれかで入力してください。"),
            // 受容 of the customer list's risk as it is now (6), above the threshold (3).
            ("planned", "", "residual_risk", "残留リスク 6 は受容できる基準（3以下）を超えています。対策でリスクを下げるか、基準を見直してください。"),
        ];
        for (name, value, field, message) in cases {
            let option = if field == name { "reduce" } else { "accept" };
            let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("asset", &customers), ("option", option), (name, value)]).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            let html = r.text().await.unwrap().replace("&#x27;", "'").replace("&quot;", "\"");
            assert!(html.contains(message), "the page says {message}");
            let body = json!({"option": option, name: value});
            let r = api.put(&format!("/api/v1/orgs/{org}/risk/assets/{customers}/treatment"), &body).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
            let body: Value = r.json().await.unwrap();
            assert_eq!(body["error"]["details"], json!([{"field": field, "message": message}]));
        }
        // Neither stored anything.
        let stored = api.json(&format!("/api/v1/orgs/{org}/risk/treatments")).await;
        assert_eq!(stored, json!([]));
        assert!(!b.page(&format!("/orgs/{org}/actions")).await.contains("顧客名簿"));
    }

    async fn a_high_risk_asset_gets_a_suggestion_and_its_planned_measures_reach_the_action_list(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let (customers, invoices) = company(&b, org, ["顧客名簿", "請求書", "製品カタログ"]).await;
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert!(!page.contains("製品カタログ"), "a low risk needs no treatment");
        assert_eq!(figure(&page, &format!("risk-{customers}")), ["6"], "highest first");
        assert_eq!(figure(&page, &format!("risk-{invoices}")), ["2"]);
        // risk.md §5: important and frequent → avoid; neither → accept. Only a suggestion.
        assert_eq!(figure(&page, &format!("suggested-{customers}")), ["回避"]);
        assert_eq!(figure(&page, &format!("suggested-{invoices}")), ["受容"]);
        assert!(page.contains("発送が済んだらお客様の届け先情報を消す。"), "the catalog's example");
        assert_eq!(figure(&page, "decided"), ["0"]);

        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[
            ("form", "decision"), ("asset", &customers), ("option", "reduce"),
            ("planned", "ノートPCを暗号化する\nウイルス対策ソフトを入れる"), ("owner", "総務 佐藤"),
            ("due_date", "2026-09-30"), ("residual_risk", "2"),
            ("approved_by", "代表取締役 山田"), ("approved_on", "2026-04-01"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).ends_with(&format!("/risk/treatment?notice=saved#asset-{customers}")));
        let actions = b.page(&format!("/orgs/{org}/actions")).await;
        assert!(actions.contains("顧客名簿: ノートPCを暗号化する"), "the planned measures are an action");
        assert!(actions.contains("総務 佐藤"));
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert_eq!(figure(&page, "decided"), ["1"]);
        assert!(page.contains(r#"value="reduce" checked"#));
        assert!(page.contains("/actions#action-"), "the decision links to its action");

        // Changing the plan updates the same action instead of adding another.
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[
            ("asset", &customers), ("option", "reduce"), ("planned", "ノートPCを暗号化する（全台）"),
            ("owner", "総務 佐藤"), ("residual_risk", "2"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let actions = b.page(&format!("/orgs/{org}/actions")).await;
        assert!(actions.contains("ノートPCを暗号化する（全台）"));
        assert_eq!(actions.matches("<tr id=\"action-").count(), 1, "one action, brought up to date");
    }

    async fn acceptance_above_the_threshold_is_refused_and_the_threshold_decides(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let (customers, invoices) = company(&b, org, ["顧客名簿", "請求書", "製品カタログ"]).await;
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert_eq!(figure(&page, "threshold"), ["3"], "the default threshold");
        let accept = [
            ("form", "decision"), ("asset", customers.as_str()), ("option", "accept"),
            ("planned", "教育を続ける"), ("residual_risk", "4"),
            ("approved_by", "代表取締役 山田"), ("approved_on", "2026-04-01"),
        ];
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &accept).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("残留リスク 4 は受容できる基準（3以下）を超えています。"), "the field and the threshold are named");
        assert!(body.contains("顧客名簿: 残留リスク 4"), "the summary names the asset");
        assert!(body.contains("代表取締役 山田"), "the form comes back as typed");
        // 受容 without a residual risk accepts the risk as it is (6): refused too.
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("asset", &customers), ("option", "accept")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("残留リスク 6 は"));
        // Nothing was stored: no decision, no action.
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert_eq!(figure(&page, "decided"), ["0"]);
        assert!(!b.page(&format!("/orgs/{org}/actions")).await.contains("教育を続ける"));

        // A bad threshold is refused; 4 lets the same acceptance through.
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("form", "threshold"), ("acceptance_threshold", "7")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("リスク受容の基準は0、1、2、3、4、5、6のいずれかで入力してください。"));
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("form", "threshold"), ("acceptance_threshold", "4")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert_eq!(figure(&page, "threshold"), ["4"]);
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &accept).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // At 1, the invoices (risk 2) can no longer be accepted as they are.
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("form", "threshold"), ("acceptance_threshold", "1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("asset", &invoices), ("option", "accept"), ("approved_by", "山田"), ("approved_on", "2026-04-01")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("asset", &invoices), ("option", "accept"), ("residual_risk", "1"), ("approved_by", "山田"), ("approved_on", "2026-04-01")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert_eq!(figure(&page, "decided"), ["2"]);
    }

    async fn the_ale_worked_example_and_the_leak_estimate_give_the_specs_figures(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let (customers, _) = company(&b, org, ["顧客名簿", "請求書", "製品カタログ"]).await;
        let money = format!("/orgs/{org}/risk/money");
        // risk.md §6: 50,000 records, 40 %, once in 10 years: SLE ¥27.86 M, ALE ¥2.786 M a year.
        let page = b.page(&format!("{money}?records=50%2C000&basis=20000&value=&exposure=40&occurrences=1&years=10&budget=")).await;
        assert_eq!(figure(&page, "template-total"), ["27,860,000円"], "JNSA's example for 20,000 persons");
        assert_eq!(figure(&page, "sle"), ["27,860,000円"]);
        assert_eq!(figure(&page, "ale"), ["2,786,000円"]);
        let opening = b.page(&money).await;
        assert_eq!(figure(&opening, "ale"), ["2,786,000円"], "the page opens on the worked example");
        // A direct asset value, and the executive rule against a budget.
        let page = b.page(&format!("{money}?value=10000000&exposure=50&occurrences=1&years=5&budget=3000000")).await;
        assert_eq!(figure(&page, "sle"), ["5,000,000円"]);
        assert_eq!(figure(&page, "ale"), ["1,000,000円"]);
        assert!(figure(&page, "budget-rule")[0].contains("2,000,000円 上回っています"));
        let page = b.page(&format!("{money}?value=10000000&exposure=abc&occurrences=1&years=0")).await;
        assert!(page.contains("損失の割合（%）は0〜100の整数"));
        assert!(page.contains("年数は1〜1,000の整数"));

        // The leak estimate: 20,000 persons × ¥28,308.
        let page = b.page(&money).await;
        assert_eq!(figure(&page, &format!("leak-{customers}")), ["566,160,000円"]);
        assert_eq!(figure(&page, "leak-total"), ["566,160,000円"]);
        assert_eq!(figure(&page, "compensation"), ["28,308円"]);
        let r = b.post_form(&money, &[("form", "compensation"), ("compensation_per_person", "many")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("1人あたりの損害賠償額は0〜10,000,000円の整数で入力してください。"));
        let r = b.post_form(&money, &[("form", "compensation"), ("compensation_per_person", "30,000")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&money).await;
        assert_eq!(figure(&page, "leak-total"), ["600,000,000円"]);

        // The cost model is the company's to edit, and can go back to JNSA's.
        let r = b.post_form(&money, &[("form", "template"), ("label-0", "見舞金"), ("amount-0", "1,000,000"), ("label-1", ""), ("amount-1", ""), ("label-2", "コールセンター"), ("amount-2", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("2行目: 金額を入力してください（0〜1,000,000,000,000円）。"));
        let r = b.post_form(&money, &[("form", "template"), ("label-0", "見舞金"), ("amount-0", "1,000,000"), ("label-1", "コールセンター"), ("amount-1", "２００万")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = b.post_form(&money, &[("form", "template"), ("label-0", "見舞金"), ("amount-0", "1,000,000"), ("label-1", "コールセンター"), ("amount-1", "2,000,000")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&money).await;
        assert_eq!(figure(&page, "template-total"), ["3,000,000円"]);
        let settings = app.api(&alice).json(&format!("/api/v1/orgs/{org}/risk/settings")).await;
        assert_eq!(settings["incident_cost_template"][1]["amount_yen"], 2_000_000, "the API reads the same lines");
        let r = b.post_form(&money, &[("form", "template_reset")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(figure(&b.page(&money).await, "template-total"), ["27,860,000円"]);
    }

    async fn the_loss_estimate_says_how_old_its_figures_are_and_names_ale_sle_aro_in_words_first(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let money = format!("/orgs/{org}/risk/money");
        let page = b.page(&money).await;
        assert!(page.contains("2016〜2018年の3年間の調査の平均"), "the survey years");
        assert!(page.contains("古い調査の数字なので、いまの賠償額はこれより高い可能性があります"));
        assert!(page.contains("JNSAが2010年の個人情報漏えい調査をもとに作った試算例"), "the cost model's year");
        for words in ["年間予想損失額（ALE）", "単一損失予想額（SLE）", "年間発生率（ARO）"] {
            assert!(page.contains(words), "{words}");
        }
        for abbreviation_first in ["ALE（", "SLE（", "ARO（"] {
            assert!(!page.contains(abbreviation_first), "{abbreviation_first}");
        }
        let r = b.post_form("/lang", &[("lang", "en"), ("next", &money)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&money).await;
        assert!(page.contains("surveys for 2016 to 2018") && page.contains("compensation today may well be higher"));
        for words in ["Annualised loss expectancy (ALE)", "Single loss expectancy (SLE)", "Annualised rate of occurrence (ARO)"] {
            assert!(page.contains(words), "{words}");
        }
    }

    async fn a_viewer_sees_the_decisions_but_cannot_change_anything(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let viewer = app.person("viewer@example.jp").await;
        let org_id = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let scope = app.store().access(alice.user.id, org_id).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &viewer.user, Role::Viewer).await.unwrap();
        let org = org_id.0;
        let b = app.browser(&alice).await;
        let (customers, _) = company(&b, org, ["顧客名簿", "請求書", "製品カタログ"]).await;
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("asset", &customers), ("option", "transfer"), ("planned", "サイバー保険に入る")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        let v = app.browser(&viewer).await;
        let page = v.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert_eq!(figure(&page, &format!("option-{customers}")), ["移転・転嫁"], "read-only values");
        assert!(page.contains("サイバー保険に入る"));
        assert!(!page.contains("name=\"planned\"") && !page.contains("name=\"acceptance_threshold\""), "no forms");
        let money = v.page(&format!("/orgs/{org}/risk/money")).await;
        assert!(!money.contains("name=\"compensation_per_person\"") && !money.contains("name=\"label-0\""));
        assert_eq!(figure(&money, "ale"), ["2,786,000円"], "the calculator stores nothing and is open to viewers");
        for (path, fields) in [
            ("treatment", vec![("asset", customers.as_str()), ("option", "accept"), ("residual_risk", "1")]),
            ("treatment", vec![("form", "threshold"), ("acceptance_threshold", "6")]),
            ("money", vec![("form", "compensation"), ("compensation_per_person", "1")]),
            ("money", vec![("form", "template"), ("label-0", "x"), ("amount-0", "1")]),
            ("money", vec![("form", "template_reset")]),
        ] {
            let r = v.post_form(&format!("/orgs/{org}/risk/{path}"), &fields).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path} {fields:?}");
        }
        let page = b.page(&format!("/orgs/{org}/risk/treatment")).await;
        assert!(page.contains(r#"value="transfer" checked"#));
        assert_eq!(figure(&page, "threshold"), ["3"]);
        assert_eq!(figure(&b.page(&format!("/orgs/{org}/risk/money")).await, "compensation"), ["28,308円"]);
    }

    async fn the_english_pages_show_no_japanese(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "Aoba Works").await.0;
        let b = app.browser(&alice).await;
        let (customers, _) = company(&b, org, ["Customer list", "Invoices", "Catalogue"]).await;
        let r = b.post_form("/lang", &[("lang", "en"), ("next", "/orgs")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = b.post_form(&format!("/orgs/{org}/risk/treatment"), &[("asset", &customers), ("option", "reduce"), ("planned", "Encrypt laptops"), ("residual_risk", "2"), ("approved_by", "Yamada"), ("approved_on", "2026-04-01")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let mut problems = Vec::new();
        for path in [
            format!("/orgs/{org}/risk/treatment"),
            format!("/orgs/{org}/risk/money"),
            format!("/orgs/{org}/risk/money?value=10000000&exposure=50&occurrences=2&years=5&budget=100"),
            format!("/orgs/{org}/risk/money?value=x&exposure=&occurrences=1&years=0"),
        ] {
            let html = b.page(&path).await;
            let found = japanese_in(&html);
            if !found.is_empty() {
                problems.push(format!("{path}: {found:?}"));
            }
        }
        let money = b.page(&format!("/orgs/{org}/risk/money")).await;
        assert_eq!(figure(&money, "ale"), ["¥2,786,000"], "yen the English way");
        for (path, fields) in [
            ("treatment", vec![("asset", customers.as_str()), ("option", "accept"), ("residual_risk", "5"), ("approved_by", "Yamada"), ("approved_on", "x")]),
            ("treatment", vec![("form", "threshold"), ("acceptance_threshold", "9")]),
            ("money", vec![("form", "compensation"), ("compensation_per_person", "lots")]),
            ("money", vec![("form", "template"), ("label-0", ""), ("amount-0", "1")]),
        ] {
            let r = b.post_form(&format!("/orgs/{org}/risk/{path}"), &fields).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{path} {fields:?}");
            let found = japanese_in(&r.text().await.unwrap());
            if !found.is_empty() {
                problems.push(format!("{path} with problems: {found:?}"));
            }
        }
        assert!(problems.is_empty(), "Japanese on English pages:\n{}", problems.join("\n"));
    }
}
