//! Diagnosis pages over plain HTTP forms (no JavaScript): start, answer part by part, review,
//! submit, result, several respondents, history.

use mamori_storage::OrgKind;
use reqwest::StatusCode;

use crate::support::{Browser, location};

/// Starts a diagnostic through the list page and returns the questionnaire's path.
async fn start(b: &Browser, org: i64, catalog: &str) -> String {
    let r = b
        .post_form(&format!("/orgs/{org}/diagnoses"), &[("catalog", catalog)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    location(&r)
}

/// Answers every self-check item of a part with `value`, as the form would post it.
async fn answer_self_check(b: &Browser, path: &str, set: &str, value: &str) {
    for (part, items) in [(0, 1..=5), (1, 6..=18), (2, 19..=25)] {
        let part = part.to_string();
        let names: Vec<String> = items.map(|i| format!("a:{i}")).collect();
        let mut fields: Vec<(&str, &str)> = vec![("set", set), ("part", &part), ("go", "next")];
        fields.extend(names.iter().map(|n| (n.as_str(), value)));
        let r = b.post_form(&format!("{path}/answers"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "part {part}");
    }
}

fn figure(html: &str, name: &str) -> Vec<String> {
    let marker = format!("data-figure=\"{name}\">");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('<').unwrap()].trim().to_owned()
        })
        .collect()
}

crate::on_both_backends! {
    async fn five_principles_answered_page_by_page_give_the_result_and_the_improvement_list(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let list = b.page(&format!("/orgs/{org}/diagnoses")).await;
        assert!(list.contains("情報セキュリティ5か条"), "the guided list starts with the Five Principles");
        let path = start(&b, org, "five-principles").await;
        let page = b.page(&path).await;
        assert!(page.contains("回答済み 0 / 5<"), "{page}");
        assert!(page.contains("解説を見る"), "explanations at hand");
        let r = b
            .post_form(
                &format!("{path}/answers"),
                &[("part", "0"), ("go", "review"), ("a:1", "yes"), ("a:2", "yes"), ("a:3", "no"), ("a:4", "yes")],
            )
            .await;
        assert!(location(&r).ends_with("/review?set=0"));
        let review = b.page(&format!("{path}/review")).await;
        assert!(review.contains("まだ回答していない設問が 1 問あります"), "{review}");
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "incomplete answers are not submitted");
        assert!(r.text().await.unwrap().contains("設問 5"), "the missing item is named");
        // The draft kept every answer given so far.
        let again = b.page(&path).await;
        assert!(again.contains("回答済み 4 / 5<"));
        b.post_form(&format!("{path}/answers"), &[("part", "0"), ("a:5", "yes")]).await;
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let result = b.page(&location(&r)).await;
        assert_eq!(figure(&result, "headline"), ["4"]);
        assert!(result.contains("パスワードを"), "the item answered no is in the improvement list");
        assert!(result.contains("対策リストに追加"));
    }

    async fn a_self_check_with_two_sites_is_scored_from_the_lowest_answers_and_shown_site_by_site(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "self-check-25").await;
        answer_self_check(&b, &path, "0", "done").await;
        let r = b
            .post_form(&format!("{path}/respondents"), &[("first_name", "本社"), ("name", "工場")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).contains("set=1"));
        answer_self_check(&b, &path, "1", "partial").await;
        // Site 2 answers item 3 "unknown": it wins the consolidation.
        b.post_form(&format!("{path}/answers"), &[("set", "1"), ("part", "0"), ("a:3", "unknown")]).await;
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let result = b.page(&location(&r)).await;
        // 24 items partial (2) + one unknown (-1) = 47.
        assert_eq!(figure(&result, "headline"), ["47"]);
        assert_eq!(figure(&result, "site-total"), ["100", "47"]);
        assert!(result.contains("事業所・部署ごとの回答"));
        assert!(result.contains("まず確認すること"));
        let api = app.api(&alice).json(&format!("/api/v1/orgs/{org}/assessments")).await;
        let id = api[0]["id"].as_i64().unwrap();
        let stored = app.api(&alice).json(&format!("/api/v1/orgs/{org}/assessments/{id}")).await;
        assert_eq!(stored["result"]["total"], 47, "the page shows what the API returns");
        assert_eq!(stored["result"]["band"], "critical");
    }

    async fn starting_a_diagnostic_again_opens_the_draft_already_begun(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let first = start(&b, org, "self-check-25").await;
        b.post_form(&format!("{first}/answers"), &[("part", "0"), ("a:1", "done")]).await;
        // A double click or a second tab posts the start again.
        let second = start(&b, org, "self-check-25").await;
        assert_eq!(second, format!("{first}?notice=draft_open"));
        let page = b.page(&second).await;
        assert!(page.contains("回答途中のものがあるため、その続きを開きました"), "{page}");
        assert!(page.contains("回答済み 1 / 25<"), "the answers given so far are there");
        let list = app.api(&alice).json(&format!("/api/v1/orgs/{org}/assessments")).await;
        assert_eq!(list.as_array().unwrap().len(), 1, "one draft, not two: {list}");
        // Two starts at the same moment still make one draft.
        let (x, y) = tokio::join!(start(&b, org, "five-principles"), start(&b, org, "five-principles"));
        assert_eq!(x.split('?').next(), y.split('?').next());
        let list = app.api(&alice).json(&format!("/api/v1/orgs/{org}/assessments")).await;
        assert_eq!(list.as_array().unwrap().len(), 2, "{list}");
    }

    async fn a_refused_submission_names_each_missing_question_in_words_and_links_to_it(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "five-principles").await;
        // Before pressing the button, the review says what is missing and where.
        let review = b.page(&format!("{path}/review")).await;
        assert!(review.contains(&format!("<a href=\"{path}?set=0&#38;part=0#item-1\">設問 1 にまだ回答していません</a>")), "{review}");
        assert!(review.contains("未回答の設問が 5 問あるため、まだ提出できません"), "the note by the button");
        b.post_form(&format!("{path}/answers"), &[("part", "0"), ("a:1", "yes"), ("a:2", "no"), ("a:4", "yes")]).await;
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("提出できませんでした"), "{body}");
        for n in [3, 5] {
            assert!(body.contains(&format!("#item-{n}\">設問 {n} にまだ回答していません</a>")), "{body}");
        }
        assert!(!body.contains("設問 1 にまだ"), "answered questions are not listed");
        assert!(!body.contains("answers."), "no paths into the answer document: {body}");
        assert!(!body.contains("回答がありません"), "{body}");
        // The API keeps naming fields by their path.
        let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
        let r = app.api(&alice).post(&format!("/api/v1/orgs/{org}/assessments/{id}/submit"), &serde_json::json!({})).await;
        let (status, _, fields, _) = crate::support::api_error(r).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(fields.contains(&"answers.3".to_owned()), "{fields:?}");
    }

    async fn results_and_the_home_name_answers_with_the_words_on_the_choices(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        let submit = async |doc: serde_json::Value| -> i64 {
            let r = api.post(&format!("/api/v1/orgs/{org}/assessments"), &doc).await;
            assert_eq!(r.status(), StatusCode::CREATED, "{doc}");
            r.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap()
        };
        let five = submit(serde_json::json!({"catalog": "five-principles", "submit": true,
            "answers": {"1": "yes", "2": "yes", "3": "no", "4": "yes", "5": "yes"}})).await;
        let page = b.page(&format!("/orgs/{org}/assessments/{five}")).await;
        assert!(page.contains("「実施していない」と答えた項目にすべて取り組むと"), "{page}");
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(home.contains("「実施している／取り組む」4 項目"), "{home}");
        for html in [&page, &home] {
            assert!(!html.contains("「はい」") && !html.contains("「いいえ」"), "{html}");
        }
        // The primary checklist's "do not know" is 「内容不明」 (value 1).
        let catalog = mamori_domain::builtin().get("primary-checklist").unwrap();
        let answers: serde_json::Map<String, serde_json::Value> = catalog
            .items
            .iter()
            .map(|i| (i.id.clone(), serde_json::json!(if i.id == "M2" { 1 } else { 4 })))
            .collect();
        let primary = submit(serde_json::json!({"catalog": "primary-checklist", "answers": answers, "submit": true})).await;
        let page = b.page(&format!("/orgs/{org}/assessments/{primary}")).await;
        assert!(page.contains("「内容不明」と答えた項目です"), "{page}");
        assert!(!page.contains("わからない"), "{page}");
        // A tally says how many items got each answer, in the answers' words.
        let seven = submit(serde_json::json!({"catalog": "ipa-seven-actions", "submit": true,
            "answers": {"1": "yes", "2": "yes", "3": "yes", "4": "partial", "5": "partial", "6": "no", "7": "no"}})).await;
        let page = b.page(&format!("/orgs/{org}/assessments/{seven}")).await;
        assert!(page.contains("実施している 3・一部実施している 2・実施していない 2"), "{page}");
        let list = b.page(&format!("/orgs/{org}/diagnoses")).await;
        assert!(list.contains("実施している 3・一部実施している 2・実施していない 2"), "{list}");
        assert!(!list.contains("はい 3"), "{list}");
    }

    async fn the_improvement_list_says_why_it_is_in_this_order_and_sites_are_compared_by_item_name(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "self-check-25").await;
        answer_self_check(&b, &path, "0", "done").await;
        b.post_form(&format!("{path}/respondents"), &[("first_name", "本社"), ("name", "工場")]).await;
        answer_self_check(&b, &path, "1", "done").await;
        // Partly done in the second part, not done at all in the third.
        b.post_form(&format!("{path}/answers"), &[("set", "1"), ("part", "1"), ("a:9", "partial")]).await;
        b.post_form(&format!("{path}/answers"), &[("set", "1"), ("part", "2"), ("a:20", "not_done")]).await;
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let result = b.page(&location(&r)).await;
        let partly = result.find("対策リストに追加<span class=\"sr-only\"> (9)").expect("item 9 proposed");
        let not_done = result.find("対策リストに追加<span class=\"sr-only\"> (20)").expect("item 20 proposed");
        assert!(partly < not_done, "the rule puts the earlier area first");
        assert!(
            result.contains("このため、前の分野の一部できている項目が、後の分野のまったくできていない項目より先に来ることがあります。"),
            "the page says why: {result}"
        );
        assert!(result.contains("<th scope=\"row\"><span class=\"qno\">7</span> 送信先の確認</th>"), "{result}");
        assert!(result.contains("<span class=\"qno\">20</span> 従業員への研修・注意喚起</th>"), "{result}");
    }

    async fn an_item_taken_into_the_action_list_is_titled_by_what_to_do(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "self-check-25").await;
        answer_self_check(&b, &path, "0", "done").await;
        b.post_form(&format!("{path}/answers"), &[("part", "1"), ("a:7", "unknown"), ("a:9", "not_done")]).await;
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        let result_path = location(&r);
        let result = b.page(&result_path).await;
        let title_of = |item: &str| -> String {
            let form = result.find(&format!("name=\"item\" value=\"{item}\"")).unwrap();
            let at = result[..form].rfind("name=\"title\" value=\"").unwrap() + "name=\"title\" value=\"".len();
            result[at..at + result[at..].find('"').unwrap()].to_owned()
        };
        assert_eq!(title_of("9"), "ルーターの暗号化方式をWPA2またはWPA3にし、推測されにくいパスワードを設定する");
        assert_eq!(title_of("7"), "まず現状を確認: 送信ボタンを押す前に、宛先と添付ファイルを指さしで確認する習慣をつける");
        // The home's first things to do offer the same titles.
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(home.contains(&format!("name=\"title\" value=\"{}\"", title_of("7"))), "{home}");
        let id = result_path.split('?').next().unwrap().rsplit('/').next().unwrap().to_owned();
        for item in ["7", "9"] {
            let title = title_of(item);
            let r = b.post_form(&format!("/orgs/{org}/actions"), &[("title", &title), ("source", "diagnosis"),
                ("assessment", &id), ("catalog", "self-check-25"), ("item", item), ("priority", "1")]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let actions = app.api(&alice).json(&format!("/api/v1/orgs/{org}/actions")).await;
        let titles: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), 2, "{titles:?}");
        assert!(titles.iter().all(|t| !t.contains("ますか")), "no question is a title: {titles:?}");
    }

    async fn a_second_self_check_shows_the_change_and_the_history_lists_both(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        for value in ["partial", "done"] {
            let path = start(&b, org, "self-check-25").await;
            answer_self_check(&b, &path, "0", value).await;
            let r = b.post_form(&format!("{path}/submit"), &[]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let history = b.page(&format!("/orgs/{org}/diagnoses/self-check-25")).await;
        assert_eq!(figure(&history, "headline"), ["100 / 100 点", "50 / 100 点"]);
        let list = app.api(&alice).json(&format!("/api/v1/orgs/{org}/assessments")).await;
        let newest = list[0]["id"].as_i64().unwrap();
        let result = b.page(&format!("/orgs/{org}/assessments/{newest}")).await;
        assert!(result.contains("前回"), "the change since the previous result is shown");
        assert!(result.contains("+50"), "{result}");
    }

    async fn a_tampered_answer_is_refused_with_the_item_named_and_nothing_stored(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "self-check-25").await;
        let r = b
            .post_form(&format!("{path}/answers"), &[("part", "0"), ("a:1", "done"), ("a:2", "always")])
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("設問 2: 選択肢にない回答です。"), "{body}");
        let page = b.page(&path).await;
        assert!(page.contains("回答済み 0 / 25<"), "nothing of the rejected form was stored");
    }

    async fn the_five_principles_start_from_the_newest_self_check(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "self-check-25").await;
        answer_self_check(&b, &path, "0", "done").await;
        b.post_form(&format!("{path}/submit"), &[]).await;
        let five = start(&b, org, "five-principles").await;
        let page = b.page(&five).await;
        assert!(page.contains("回答済み 5 / 5<"), "principles are pre-filled from the self-check");
    }

    async fn pre_filled_answers_say_which_self_check_they_came_from_and_are_marked(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let path = start(&b, org, "self-check-25").await;
        answer_self_check(&b, &path, "0", "done").await;
        // "Partly" maps to no principle answer: item 5 stays open.
        b.post_form(&format!("{path}/answers"), &[("part", "0"), ("a:5", "partial")]).await;
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let self_check = path.clone();
        let five = start(&b, org, "five-principles").await;
        let page = b.page(&five).await;
        assert!(page.contains("回答済み 4 / 5<"), "{page}");
        assert!(page.contains(&format!("<a href=\"{self_check}\">「5分でできる！情報セキュリティ自社診断」</a>の回答から入力してあります")), "{page}");
        assert!(page.contains("年") && page.contains("に提出した"), "the date of the self-check");
        assert_eq!(page.matches("<span class=\"tag prefilled\">").count(), 4, "each taken answer is marked");
        // An answer chosen again is the company's own: its mark goes.
        let r = b.client.post(format!("{}{five}/answers", b.base))
            .header("Accept", "application/json")
            .form(&[("csrf", b.csrf.as_str()), ("part", "0"), ("a:1", "no"), ("a:5", "yes")])
            .send().await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let saved: serde_json::Value = r.json().await.unwrap();
        assert_eq!((saved["answered"].as_i64(), saved["total"].as_i64()), (Some(5), Some(5)), "the counter's figures: {saved}");
        assert_eq!(saved["parts"], serde_json::json!([5]));
        let page = b.page(&five).await;
        assert_eq!(page.matches("<span class=\"tag prefilled\">").count(), 3);
        // A draft started with no self-check has nothing to explain.
        let other = app.org(&alice, OrgKind::Company, "第二製作所").await.0;
        let fresh = start(&b, other, "five-principles").await;
        assert!(!b.page(&fresh).await.contains("prefill-note"));
    }

    async fn a_viewer_reads_the_questionnaire_but_cannot_answer(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let vic = app.person("vic@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &vic.user, mamori_storage::Role::Viewer).await.unwrap();
        let a = app.browser(&alice).await;
        let path = start(&a, org.0, "self-check-25").await;
        let v = app.browser(&vic).await;
        let page = v.page(&path).await;
        assert!(page.contains("disabled"));
        let r = v.post_form(&format!("{path}/answers"), &[("a:1", "done")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let r = v.post_form(&format!("/orgs/{}/diagnoses", org.0), &[("catalog", "self-check-25")]).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
    }

    async fn the_company_home_guides_a_new_company_then_shows_where_it_stands(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(home.contains("3つのステップ"), "a company with no data gets the guided start");
        let path = start(&b, org, "five-principles").await;
        let yes: Vec<(&str, &str)> = vec![("a:1", "yes"), ("a:2", "yes"), ("a:3", "yes"), ("a:4", "yes"), ("a:5", "no")];
        b.post_form(&format!("{path}/answers"), &yes).await;
        b.post_form(&format!("{path}/submit"), &[]).await;
        let home = b.page(&format!("/orgs/{org}")).await;
        assert!(home.contains("★ 一つ星: あと少し"), "{home}");
        assert!(home.contains("5か条の5番目"), "exactly what is missing is named");
        assert_eq!(figure(&home, "maturity"), ["1"]);
        assert!(home.contains("レベル2に上がるために必要なこと"));
        assert!(home.contains("まず取り組むこと"));
        assert!(home.contains("5分でできる！情報セキュリティ自社診断を始める"), "the next step is offered");
    }

    async fn a_csf_result_shows_the_gap_matrix_with_the_largest_gaps_first(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let catalog = mamori_domain::builtin().get("nist-csf-tiers").unwrap();
        let answers: serde_json::Map<String, serde_json::Value> =
            catalog.items.iter().map(|i| (i.id.clone(), serde_json::json!(2))).collect();
        let doc = serde_json::json!({"catalog": "nist-csf-tiers", "answers": answers,
            "targets": {"ID.AM": 3, "PR.AC": 4, "DE.CM": 2}, "submit": true});
        let made: serde_json::Value = app.api(&alice).post(&format!("/api/v1/orgs/{org}/assessments"), &doc).await.json().await.unwrap();
        let b = app.browser(&alice).await;
        let page = b.page(&format!("/orgs/{org}/assessments/{}", made["id"])).await;
        assert!(page.contains("目標とのギャップ"));
        let first = page.find("PR.AC</span> — ギャップ 2.0").expect("PR.AC listed with its gap");
        let second = page.find("ID.AM</span> — ギャップ 1.0").expect("ID.AM listed with its gap");
        assert!(first < second, "the largest gap comes first");
        assert!(!page.contains("DE.CM</span> — ギャップ"), "a reached target is not a gap");
        assert!(page.contains("chart-bars"), "the current-against-target chart is drawn");
    }

    async fn csf_profiles_at_planning_and_evaluation_show_growth_and_the_remaining_gap(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let catalog = mamori_domain::builtin().get("nist-csf-tiers").unwrap();
        let api = app.api(&alice);
        let mut ids = Vec::new();
        for tier in [1, 2] {
            let answers: serde_json::Map<String, serde_json::Value> =
                catalog.items.iter().map(|i| (i.id.clone(), serde_json::json!(tier))).collect();
            let doc = serde_json::json!({"catalog": "nist-csf-tiers", "answers": answers, "targets": {"ID.AM": 3}, "submit": true});
            let made: serde_json::Value = api.post(&format!("/api/v1/orgs/{org}/assessments"), &doc).await.json().await.unwrap();
            ids.push(made["id"].as_i64().unwrap().to_string());
        }
        let b = app.browser(&alice).await;
        let empty = b.page(&format!("/orgs/{org}/csf")).await;
        assert!(empty.contains("未設定"));
        for (id, stage) in [(&ids[0], "planning"), (&ids[1], "evaluation")] {
            let r = b.post_form(&format!("/orgs/{org}/csf/snapshots"), &[("assessment", id), ("stage", stage)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER);
        }
        let page = b.page(&format!("/orgs/{org}/csf")).await;
        assert_eq!(figure(&page, "growth-ID"), ["+1.0"], "the function grew by one tier");
        assert_eq!(figure(&page, "growth-ID.AM"), ["+1.0"]);
        assert!(page.contains("<td>3</td><td>1.0</td><td>2.0</td>"), "ideal, planning, evaluation of ID.AM");
        let r = b.post_form(&format!("/orgs/{org}/csf/snapshots"), &[("assessment", &ids[0]), ("stage", "someday")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        // A self-check cannot be a CSF snapshot.
        let sc: serde_json::Value = api.post(&format!("/api/v1/orgs/{org}/assessments"), &serde_json::json!({"catalog": "self-check-25", "answers": crate::support::self_check_answers("done"), "submit": true})).await.json().await.unwrap();
        let r = b.post_form(&format!("/orgs/{org}/csf/snapshots"), &[("assessment", &sc["id"].to_string()), ("stage", "planning")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    async fn a_result_is_compared_with_at_least_five_similar_companies_that_allow_it(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let api = app.api(&alice);
        let profile = mamori_storage::CompanyProfile {
            industry: Some('E'),
            employee_band: mamori_storage::EmployeeBand::parse("10-49"),
            ..Default::default()
        };
        let make = async |name: &str, value: &str, share: bool| {
            let org = app.org(&alice, OrgKind::Company, name).await;
            let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
            app.store().save_profile(&scope, &profile).await.unwrap();
            if share {
                app.store().set_anonymous_sharing(&scope, true).await.unwrap();
            }
            let r = api.post(&format!("/api/v1/orgs/{org}/assessments"), &serde_json::json!({"catalog": "self-check-25", "answers": crate::support::self_check_answers(value), "submit": true})).await;
            let made: serde_json::Value = r.json().await.unwrap();
            (org.0, made["id"].as_i64().unwrap())
        };
        let (me, mine) = make("比べる会社", "done", false).await;
        for n in 0..4 {
            make(&format!("同業{n}"), "partial", true).await;
        }
        make("共有しない会社", "not_done", false).await;
        let b = app.browser(&alice).await;
        let page = b.page(&format!("/orgs/{me}/assessments/{mine}")).await;
        assert!(page.contains("5社に満たない"), "four peers are not enough");
        make("同業4", "partial", true).await;
        let page = b.page(&format!("/orgs/{me}/assessments/{mine}")).await;
        assert!(page.contains("同じ業種・同じ規模の企業 5社"), "{page}");
        assert_eq!(figure(&page, "peer-mean"), ["50.0"], "only the companies that allow it count");
        assert_eq!(figure(&page, "peer-company"), ["100.0"]);
        assert!(page.contains("chart-histogram"));
    }
}
