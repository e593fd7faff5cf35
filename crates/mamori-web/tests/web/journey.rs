//! The company's first journey in a real browser (issue 4): first sign-in → the Five Principles,
//! answered with the keyboard alone → the self-check with two respondents → the result with the
//! right total and band → two actions taken into the action list → a second self-check → the
//! history shows both. Every page on the way passes axe-core and is saved as a screenshot under
//! `target/screenshots/the_first_diagnosis_journey/`.

use fantoccini::Locator;
use fantoccini::key::Key;
use mamori_storage::{Backend, OrgKind};

use crate::browser::Browser;
use crate::support::{PASSWORD, TestApp};

/// Clicks the radio of `value` for each item on the page (ids are `a-{item}-{value}`).
async fn answer(
    b: &Browser,
    items: impl IntoIterator<Item = u32>,
    value: impl Fn(u32) -> &'static str,
) {
    for i in items {
        let id = format!("a-{i}-{}", value(i).replace('_', "-"));
        let radio = b
            .client()
            .find(Locator::Id(&id))
            .await
            .unwrap_or_else(|_| panic!("no radio #{id}"));
        radio.click().await.unwrap();
    }
}

/// Answers every part of the self-check on the page shown and goes on to the review.
async fn self_check(b: &Browser, value: impl Fn(u32) -> &'static str + Copy, shots: &str) {
    answer(b, 1..=5, value).await;
    b.screenshot(&format!("{shots}-part1")).await;
    b.click_button("保存して次へ").await;
    answer(b, 6..=18, value).await;
    b.click_button("保存して次へ").await;
    answer(b, 19..=25, value).await;
    b.click_button("保存して確認へ進む").await;
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_diagnosis_journey() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("sqlite");
    let owner = app.person("owner@example.jp").await;
    let org = app.org(&owner, OrgKind::Company, "青葉製作所").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };

    // First sign-in: the company home offers the guided start.
    b.sign_in(&owner.user.email, PASSWORD).await;
    b.goto(&format!("/orgs/{org}")).await;
    assert!(b.text().await.contains("3つのステップ"));
    b.assert_accessible("home, nothing done yet").await;
    b.screenshot("home-new").await;
    b.click_button("情報セキュリティ5か条から始める").await;

    // The Five Principles with the keyboard alone: Tab to each question's first choice, Space
    // to choose it; for principle 3 the arrow key moves to "not yet".
    b.assert_accessible("five principles").await;
    b.screenshot("five-principles").await;
    for n in 1..=5 {
        b.tab_to("実施している／取り組む").await;
        if n == 3 {
            b.press(Key::Down).await;
        } else {
            b.press(Key::Space).await;
        }
    }
    b.tab_to("保存して確認へ進む").await;
    b.press_for_new_page(Key::Enter).await;
    assert!(b.current_path().await.ends_with("/review"));
    b.assert_accessible("review").await;
    b.tab_to("提出して結果を見る").await;
    b.press_for_new_page(Key::Enter).await;
    let html = b.client().source().await.unwrap();
    assert_eq!(
        figure(&html, "headline"),
        ["4"],
        "four principles in practice"
    );
    b.screenshot("five-principles-result").await;

    // The self-check with two respondents: head office all done; the factory leaves three
    // items short, so the combined answers give 22×4 + 2×2 − 1 = 91 (band 70-99).
    b.goto(&format!("/orgs/{org}/diagnoses")).await;
    b.assert_accessible("diagnoses").await;
    b.screenshot("diagnoses").await;
    b.click_button("診断を始める: 5分でできる！情報セキュリティ自社診断")
        .await;
    self_check(&b, |_| "done", "self-check-head-office").await;
    b.goto(&b.current_path().await.replace("/review", "")).await;
    b.client()
        .find(Locator::Css(".respondents details summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.fill_by_label("追加する回答者の名前（例: 工場、営業部）", "工場")
        .await;
    b.click_button("追加する").await;
    assert!(
        b.text()
            .await
            .contains("いま入力しているのは「工場」の回答です")
    );
    b.assert_accessible("questionnaire, second respondent")
        .await;
    self_check(
        &b,
        |i| match i {
            3 | 11 => "partial",
            7 => "unknown",
            _ => "done",
        },
        "self-check-factory",
    )
    .await;
    b.screenshot("self-check-review").await;
    b.click_button("提出して結果を見る").await;
    let html = b.client().source().await.unwrap();
    assert_eq!(figure(&html, "headline"), ["91"]);
    assert_eq!(figure(&html, "site-total"), ["100", "91"]);
    let text = b.text().await;
    assert!(text.contains("70〜99点"), "the band of the total");
    assert!(
        text.contains("まず確認すること"),
        "the unknown item is flagged"
    );
    b.assert_accessible("result").await;
    b.screenshot("self-check-result").await;

    // Two proposals taken into the action list.
    b.click_button("対策リストに追加 (7)").await;
    b.click_button("対策リストに追加 (3)").await;
    assert!(b.text().await.contains("対策リストに追加済み"));
    b.goto(&format!("/orgs/{org}/actions")).await;
    let text = b.text().await;
    assert!(
        text.contains("宛先") || text.contains("メール"),
        "item 7 is in the list: {text}"
    );
    assert!(
        text.contains("10文字以上"),
        "item 3 is in the list, titled by what to do"
    );
    assert!(
        !text.contains("していますか"),
        "no question is an action's title"
    );
    b.assert_accessible("action list").await;
    b.screenshot("actions").await;

    // A second self-check, then the history shows both.
    b.goto(&format!("/orgs/{org}/diagnoses/self-check-25"))
        .await;
    b.click_button("もう一度この診断をする").await;
    self_check(&b, |_| "done", "second-self-check").await;
    b.click_button("提出して結果を見る").await;
    let html = b.client().source().await.unwrap();
    assert_eq!(figure(&html, "headline"), ["100"]);
    b.goto(&format!("/orgs/{org}/diagnoses/self-check-25"))
        .await;
    let html = b.client().source().await.unwrap();
    assert_eq!(figure(&html, "headline"), ["100 / 100 点", "91 / 100 点"]);
    b.assert_accessible("history").await;
    b.screenshot("history").await;

    // Where the company stands now.
    b.goto(&format!("/orgs/{org}")).await;
    b.assert_accessible("home with results").await;
    b.screenshot("home-after").await;
    b.set_viewport(375, 812).await;
    b.goto(&format!(
        "/orgs/{org}/assessments/{}",
        last_result(&app, &owner, org).await
    ))
    .await;
    b.screenshot("result-phone").await;
}

async fn last_result(
    app: &TestApp,
    owner: &crate::support::Person,
    org: mamori_storage::OrgId,
) -> i64 {
    let scope = app
        .store()
        .access(owner.user.id, org)
        .await
        .unwrap()
        .unwrap()
        .scope;
    app.store()
        .latest_results(&scope)
        .await
        .unwrap()
        .iter()
        .find(|(s, _)| s.catalog_id == "self-check-25")
        .map(|(s, _)| s.id.0)
        .unwrap()
}

/// Issue 12 in a browser: a second start opens the draft already begun, the Five Principles
/// say which self-check their answers came from and mark them, the counter follows autosaved
/// answers, and the review names what is missing, with links, before and after pressing submit.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_five_principles_explains_its_answers_and_what_is_missing() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("sqlite");
    let owner = app.person("owner@example.jp").await;
    let org = app.org(&owner, OrgKind::Company, "青葉製作所").await;
    let mut answers = crate::support::self_check_answers("done");
    answers["5"] = serde_json::json!("partial");
    answers["3"] = serde_json::json!("not_done");
    let r = app
        .api(&owner)
        .post(
            &format!("/api/v1/orgs/{org}/assessments"),
            &serde_json::json!({"catalog": "self-check-25", "answers": answers, "submit": true}),
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&owner.user.email, PASSWORD).await;
    // A second tab shows the list of diagnostics too, before anything is started.
    let first_tab = b.client().window().await.unwrap();
    let second_tab = b.client().new_window(true).await.unwrap().handle;
    b.client()
        .switch_to_window(second_tab.clone())
        .await
        .unwrap();
    b.goto(&format!("/orgs/{org}/diagnoses")).await;
    b.client().switch_to_window(first_tab).await.unwrap();
    b.goto(&format!("/orgs/{org}/diagnoses")).await;
    b.click_button("診断を始める: 情報セキュリティ5か条").await;
    let questionnaire = b.current_path().await;
    let text = b.text().await;
    assert!(
        text.contains(
            "に提出した「5分でできる！情報セキュリティ自社診断」の回答から入力してあります"
        ),
        "{text}"
    );
    assert_eq!(
        b.client()
            .find_all(Locator::Css(".tag.prefilled"))
            .await
            .unwrap()
            .len(),
        4,
        "the four answers taken from the self-check are marked"
    );
    assert!(text.contains("回答済み 4 / 5"));
    b.assert_accessible("five principles, pre-filled").await;
    b.screenshot("five-principles-prefilled").await;

    // Changing a taken answer makes it the company's own; the counter follows the autosave.
    answer(&b, [3], |_| "yes").await;
    wait_for_status(&b, "自動保存しました").await;
    assert_eq!(
        b.client()
            .find_all(Locator::Css(".tag.prefilled"))
            .await
            .unwrap()
            .len(),
        3
    );
    assert!(b.text().await.contains("回答済み 4 / 5"));

    // Starting again from the other tab opens this draft, not a new one.
    b.client().switch_to_window(second_tab).await.unwrap();
    b.click_button("診断を始める: 情報セキュリティ5か条").await;
    assert_eq!(b.current_path().await, questionnaire);
    assert!(b.text().await.contains("その続きを開きました"));

    // The review says what is missing, with a link, before the button is pressed...
    b.click_button("保存して確認へ進む").await;
    let text = b.text().await;
    assert!(text.contains("設問 5 にまだ回答していません"), "{text}");
    assert!(text.contains("未回答の設問が 1 問あるため、まだ提出できません"));
    b.assert_accessible("review, one missing").await;
    // ...and again after it is pressed, in words, never as a path into the answers.
    b.click_button("提出して結果を見る").await;
    let text = b.text().await;
    assert!(text.contains("提出できませんでした"), "{text}");
    assert!(!text.contains("answers.5"), "{text}");
    b.screenshot("review-refused").await;
    b.mark_page().await;
    b.client()
        .find(Locator::LinkText("設問 5 にまだ回答していません"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.wait_for_new_page().await;
    assert!(b.current_path().await.starts_with(&questionnaire));
    answer(&b, [5], |_| "yes").await;
    wait_for_status(&b, "自動保存しました").await;
    assert!(
        b.text().await.contains("回答済み 5 / 5"),
        "the counter moved"
    );
    b.click_button("保存して確認へ進む").await;
    b.click_button("提出して結果を見る").await;
    let html = b.client().source().await.unwrap();
    assert_eq!(figure(&html, "headline"), ["5"]);
}

/// Answers given after the session ended are kept in the browser and saved once the person has
/// signed in again and opens the questionnaire: nothing typed is lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_given_after_the_session_expired_are_kept_and_saved_after_signing_in_again() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("sqlite");
    let owner = app.person("owner@example.jp").await;
    let org = app.org(&owner, OrgKind::Company, "青葉製作所").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&owner.user.email, PASSWORD).await;
    b.goto(&format!("/orgs/{org}/diagnoses")).await;
    b.click_button("診断を始める: 情報セキュリティ5か条").await;
    let questionnaire = b.current_path().await;

    // Autosave works while signed in.
    answer(&b, [1], |_| "yes").await;
    wait_for_status(&b, "自動保存しました").await;

    // The session ends (signed out elsewhere, or expired); the next answer cannot be saved.
    b.client().delete_cookie("mamori_session").await.unwrap();
    answer(&b, [2], |_| "no").await;
    wait_for_status(&b, "ログインの有効期限が切れました").await;
    b.screenshot("session-expired").await;

    // Sign in again and open the questionnaire: the kept answer is put back and saved.
    b.sign_in(&owner.user.email, PASSWORD).await;
    b.goto(&questionnaire).await;
    wait_for_status(&b, "自動保存しました").await;
    let scope = app
        .store()
        .access(owner.user.id, org)
        .await
        .unwrap()
        .unwrap()
        .scope;
    let id = questionnaire.rsplit('/').next().unwrap().parse().unwrap();
    let stored = app
        .store()
        .assessment(&scope, mamori_storage::AssessmentId(id))
        .await
        .unwrap();
    assert_eq!(
        stored.answer_sets[0].answers,
        serde_json::json!({"1": "yes", "2": "no"}),
        "both answers reached the server"
    );
}

/// The consultant's notes on the secondary diagnosis are kept like the answers: typed after the
/// session ended, they stay in the browser and are saved once the person signs in again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notes_typed_after_the_session_expired_are_kept_and_saved_after_signing_in_again() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("sqlite");
    let owner = app.person("consultant@example.jp").await;
    let org = app.org(&owner, OrgKind::Company, "名古屋精機").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&owner.user.email, PASSWORD).await;
    b.goto(&format!("/orgs/{org}/diagnoses")).await;
    b.click_button("診断を始める: 二次診断（従業員ルール）")
        .await;
    let questionnaire = b.current_path().await;
    b.fill_by_label("傾向と対策 (R3)", "使い回しが多い").await;
    wait_for_status(&b, "自動保存しました").await;

    b.client().delete_cookie("mamori_session").await.unwrap();
    b.fill_by_label("改善提案 (R3)", "管理ツールを導入する")
        .await;
    wait_for_status(&b, "ログインの有効期限が切れました").await;

    b.sign_in(&owner.user.email, PASSWORD).await;
    b.goto(&questionnaire).await;
    wait_for_status(&b, "自動保存しました").await;
    b.screenshot("notes-restored").await;
    b.assert_accessible("所見を書いた二次診断").await;
    let scope = app
        .store()
        .access(owner.user.id, org)
        .await
        .unwrap()
        .unwrap()
        .scope;
    let id = questionnaire.rsplit('/').next().unwrap().parse().unwrap();
    let stored = app
        .store()
        .assessment(&scope, mamori_storage::AssessmentId(id))
        .await
        .unwrap();
    assert_eq!(stored.notes.len(), 1, "{:?}", stored.notes);
    assert_eq!(stored.notes[0].observation, "使い回しが多い");
    assert_eq!(
        stored.notes[0].proposal, "管理ツールを導入する",
        "the note typed while signed out arrived"
    );
}

/// Waits (up to 10 s) until the save status line contains `text`.
async fn wait_for_status(b: &Browser, text: &str) {
    for _ in 0..100 {
        let status = b
            .client()
            .find(Locator::Id("save-status"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if status.contains(text) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the save status never said 「{text}」");
}

/// Issue 5's journey: five assets entered through the form, threats and countermeasures
/// answered, the heat map read, the register exported to XLSX and imported into a second
/// company rated the same way: the same results there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_register_is_analysed_exported_and_imported_into_another_company_with_the_same_results() {
    let app = TestApp::spawn(Backend::Sqlite).await.expect("sqlite");
    let owner = app.person("owner@example.jp").await;
    let first = app.org(&owner, OrgKind::Company, "青葉製作所").await;
    let second = app.org(&owner, OrgKind::Company, "第二製作所").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&owner.user.email, PASSWORD).await;

    b.goto(&format!("/orgs/{first}/risk")).await;
    b.assert_accessible("register, empty").await;
    for (name, medium, c) in [
        ("社員名簿", "事務所PC", "2"),
        ("当社宛請求書", "書類", "1"),
        ("電子メールデータ", "社外サーバー", "2"),
        ("製品カタログ", "書類", "0"),
        ("発注伝票", "社内サーバー", "1"),
    ] {
        b.fill_by_label("情報資産の名称", name).await;
        b.fill_by_label("媒体・保存先", medium).await;
        b.fill_by_label("機密性（0〜2）", c).await;
        b.click_button("追加する").await;
    }
    b.screenshot("register").await;

    for org in [first, second] {
        rate(&b, org.0).await;
    }
    b.goto(&format!("/orgs/{first}/risk/results")).await;
    b.assert_accessible("results").await;
    b.screenshot("results-heat-map").await;
    let first_results = heat_and_levels(&b).await;
    assert_eq!(first_results[0], "2", "two assets at high risk");

    // Export with the browser's session, hand the file to the import form of the second company.
    b.goto(&format!("/orgs/{second}/risk/import")).await;
    b.assert_accessible("import form").await;
    b.client()
        .execute_async(
            "const [url, done] = arguments;
             fetch(url, {credentials: 'same-origin'}).then(r => r.blob()).then(blob => {
               const dt = new DataTransfer();
               dt.items.add(new File([blob], 'register.xlsx'));
               document.getElementById('file').files = dt.files;
               done(blob.size);
             });",
            vec![serde_json::json!(format!("/orgs/{first}/risk/export"))],
        )
        .await
        .unwrap();
    b.click_button("内容を確認する").await;
    b.assert_accessible("import preview").await;
    b.screenshot("import-preview").await;
    b.click_button("台帳に追加して取り込む").await;
    b.goto(&format!("/orgs/{second}/risk/results")).await;
    assert_eq!(
        heat_and_levels(&b).await,
        first_results,
        "the same results in the second company"
    );
}

/// Threats of the worked example and every countermeasure "partly done", through the pages.
async fn rate(b: &Browser, org: i64) {
    b.goto(&format!("/orgs/{org}/risk/threats")).await;
    for id in [
        "t-office_pc-leak-3",
        "t-paper-leak-2",
        "t-external_server-leak-3",
        "t-internal_server-leak-3",
    ] {
        b.client()
            .find(Locator::Id(id))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    b.click_button("保存する").await;
    b.goto(&format!("/orgs/{org}/risk/countermeasures")).await;
    b.client()
        .execute(
            "document.querySelectorAll('input[type=radio][value=\"2\"]').forEach(r => r.checked = true); return null;",
            vec![],
        )
        .await
        .unwrap();
    b.click_button("保存する").await;
}

/// The level counts and the heat map cells of the results page, in page order.
async fn heat_and_levels(b: &Browser) -> Vec<String> {
    let html = b.client().source().await.unwrap();
    let mut out = Vec::new();
    for name in ["level-high", "level-medium", "level-low", "level-unrated"] {
        out.extend(figure(&html, name));
    }
    for i in (0..=2).rev() {
        for l in 1..=3 {
            out.extend(figure(&html, &format!("heat-{i}-{l}")));
        }
    }
    out
}
