//! End-to-end tests in a real browser (see `browser.rs`): keyboard-only use, labels tied to
//! fields, axe-core on every page, screenshots under `target/screenshots/`. They run on SQLite
//! only; the HTTP tests cover both databases.

use fantoccini::Locator;
use fantoccini::key::Key;
use mamori_storage::{Backend, OrgKind};
use reqwest::StatusCode;
use serde_json::json;

use crate::browser::Browser;
use crate::support::{PASSWORD, TestApp, self_check_answers};

async fn app() -> TestApp {
    TestApp::spawn(Backend::Sqlite).await.expect("sqlite")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_signs_in_with_the_keyboard_alone_and_reaches_their_organisations() {
    let app = app().await;
    let p = app.person("keyboard@example.jp").await;
    let org = app.org(&p, OrgKind::Company, "キーボード商事").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };

    b.goto("/orgs").await;
    assert_eq!(
        b.current_path().await,
        "/login",
        "signed out, a page asks to sign in"
    );
    assert_eq!(
        b.tab_to("本文へ移動").await,
        1,
        "the first Tab reaches the skip link"
    );
    b.tab_to("メールアドレス").await;
    b.press_keys(&p.user.email).await;
    b.tab_to("パスワード").await;
    b.press_keys(PASSWORD).await;
    b.screenshot("login-typed").await;
    b.press_for_new_page(Key::Enter).await;
    assert_eq!(
        b.current_path().await,
        "/orgs",
        "Enter in the form signs in"
    );
    assert!(b.text().await.contains("キーボード商事"));

    // Into the company and along its tabs, forwards and back.
    b.tab_to_and_activate("キーボード商事").await;
    assert_eq!(b.current_path().await, format!("/orgs/{org}"));
    b.tab_to("メンバー").await;
    b.press_shift_tab().await;
    assert_eq!(
        b.focused().await.name,
        "企業情報",
        "Shift+Tab goes back one tab"
    );
    b.press_for_new_page(Key::Enter).await;
    assert_eq!(b.current_path().await, format!("/orgs/{org}/profile"));

    // Registering a support organisation without a mouse: type, arrow to the other kind, submit.
    b.goto("/orgs").await;
    b.tab_to("組織名").await;
    b.press_keys("鍵盤支援センター").await;
    b.tab_to("企業（自社の情報セキュリティに取り組む）").await;
    b.press(Key::Down).await;
    let chosen = b.focused().await;
    assert_eq!(
        chosen.name, "支援機関（自治体・商工会議所・専門家として企業を支援する）",
        "the arrow key moves to the other kind"
    );
    b.screenshot("new-organisation-typed").await;
    b.tab_to_and_activate("登録する").await;
    let text = b.text().await;
    assert!(b.current_path().await.starts_with("/orgs/"));
    assert!(text.contains("登録しました。"), "{text}");
    assert!(
        text.contains("鍵盤支援センター") && text.contains("支援機関"),
        "{text}"
    );
    b.screenshot("new-organisation").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_platform_pages_pass_the_accessibility_check() {
    let app = app().await;
    let p = app.person("a11y@example.jp").await;
    let org = app.org(&p, OrgKind::Company, "守り製作所").await;
    let support = app.org(&p, OrgKind::Support, "守り商工会議所").await;
    let api = app.api(&p);
    let ok = |s: StatusCode| assert!(s.is_success(), "{s}");
    ok(api
        .put(
            &format!("/api/v1/orgs/{org}/profile"),
            &json!({"industry": "E", "employees": 42, "prefecture": "愛知県", "city": "名古屋市"}),
        )
        .await
        .status());
    let mut answers = self_check_answers("done");
    answers["3"] = json!("not_done");
    answers["21"] = json!("unknown");
    ok(api
        .post(
            &format!("/api/v1/orgs/{org}/assessments"),
            &json!({"catalog": "self-check-25", "answers": answers, "submit": true}),
        )
        .await
        .status());
    ok(api
        .post(
            &format!("/api/v1/orgs/{org}/members"),
            &json!({"email": "hanako@example.jp", "name": "新人 花子", "role": "member"}),
        )
        .await
        .status());
    ok(api
        .post(
            &format!("/api/v1/orgs/{org}/consents"),
            &json!({"support_code": app.support_code(&p, support).await}),
        )
        .await
        .status());
    let Some(b) = Browser::start(&app).await else {
        return;
    };

    b.goto("/login").await;
    let languages = b
        .client()
        .execute("return navigator.languages;", vec![])
        .await
        .unwrap();
    assert_eq!(languages[0], "ja-JP", "the browser asks for Japanese");
    b.screenshot("login").await;
    b.assert_accessible("ログイン").await;
    b.sign_in(&p.user.email, PASSWORD).await;
    let pages = [
        ("orgs", "組織一覧", "/orgs".to_owned()),
        ("overview", "企業の概要", format!("/orgs/{org}")),
        ("members", "メンバー", format!("/orgs/{org}/members")),
        ("profile", "企業情報", format!("/orgs/{org}/profile")),
        (
            "consents",
            "支援機関との共有",
            format!("/orgs/{org}/consents"),
        ),
        ("audit", "操作履歴", format!("/orgs/{org}/audit")),
        ("settings", "設定", format!("/orgs/{org}/settings")),
        (
            "support-overview",
            "支援機関の概要",
            format!("/orgs/{support}"),
        ),
        ("account", "アカウント", "/account".to_owned()),
    ];
    for (shot, name, path) in &pages {
        b.goto(path).await;
        assert_eq!(&b.current_path().await, path, "{name} opens");
        b.screenshot(shot).await;
        b.assert_accessible(name).await;
    }
    assert!(
        b.text().await.contains("APIトークン"),
        "the account page shows"
    );

    // An organisation registered through the form by its labels, and the page with the notice.
    b.goto("/orgs").await;
    b.fill_by_label("組織名", "守り支援ネット").await;
    b.choose_radio_by_label("支援機関（自治体・商工会議所・専門家として企業を支援する）")
        .await;
    b.click_button("登録する").await;
    let text = b.text().await;
    assert!(
        text.contains("登録しました。") && text.contains("守り支援ネット"),
        "{text}"
    );
    b.screenshot("new-support-organisation").await;
    b.assert_accessible("登録した支援機関").await;

    // The check itself sees problems: a field without a label, pale text (styled through the
    // CSSOM: the server's Content-Security-Policy refuses style attributes).
    b.client()
        .execute(
            "const main = document.querySelector('main');
             main.append(document.createElement('input'));
             const p = document.createElement('p');
             p.textContent = '薄い文字';
             p.style.color = '#c8c8c8';
             main.append(p);
             return null;",
            vec![],
        )
        .await
        .unwrap();
    let found: Vec<String> = b
        .accessibility_violations()
        .await
        .into_iter()
        .filter(|v| v.is_serious())
        .map(|v| v.id)
        .collect();
    assert!(
        found.iter().any(|id| id == "label") && found.iter().any(|id| id == "color-contrast"),
        "axe-core misses planted problems: {found:?}"
    );

    // A phone: the overview and the members table (stacked into cards) fit the width.
    b.set_viewport(375, 812).await;
    for (shot, name, path) in [
        (
            "overview-phone",
            "企業の概要（スマートフォン）",
            format!("/orgs/{org}"),
        ),
        (
            "members-phone",
            "メンバー（スマートフォン）",
            format!("/orgs/{org}/members"),
        ),
    ] {
        b.goto(&path).await;
        b.screenshot(shot).await;
        let overflow = b
            .client()
            .execute(
                "return document.documentElement.scrollWidth - window.innerWidth;",
                vec![],
            )
            .await
            .unwrap();
        assert!(
            overflow.as_i64().unwrap_or(0) <= 0,
            "{name} is {overflow} px wider than the phone"
        );
        b.assert_accessible(name).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_with_problems_says_which_field_in_japanese() {
    let app = app().await;
    let p = app.person("form@example.jp").await;
    let org = app.org(&p, OrgKind::Company, "入力工業").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&p.user.email, PASSWORD).await;
    b.goto(&format!("/orgs/{org}/profile")).await;
    b.fill_by_label("従業員数（人）", "たくさん").await;
    b.fill_by_label("資本金（円）", "1,000万").await;
    b.fill_by_label("都道府県", "愛知県").await;
    b.click_button("保存する").await;

    let text = b.text().await;
    assert!(text.contains("入力内容を確認してください。"), "{text}");
    assert!(text.contains("従業員数は数字で入力してください"), "{text}");
    assert!(text.contains("資本金は数字で入力してください"), "{text}");
    let employees = b.field_by_label("従業員数（人）").await;
    assert_eq!(
        employees.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true"),
        "the field with the problem is marked"
    );
    assert_eq!(
        employees.prop("value").await.unwrap().as_deref(),
        Some("たくさん"),
        "what was typed is kept"
    );
    let city = b.field_by_label("市区町村").await;
    assert_eq!(
        city.attr("aria-invalid").await.unwrap(),
        None,
        "a good field is not marked"
    );
    b.screenshot("problems").await;
    b.assert_accessible("入力に問題のある企業情報").await;

    // Corrected the way people type numbers, it saves.
    b.fill_by_label("従業員数（人）", "１２０").await;
    b.fill_by_label("資本金（円）", "10,000,000").await;
    b.click_button("保存する").await;
    let text = b.text().await;
    assert!(text.contains("保存しました。"), "{text}");
    assert_eq!(
        b.field_by_label("従業員数（人）")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("120")
    );
    b.screenshot("saved").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_from_a_link_with_a_tab_in_next_stays_on_the_site() {
    let app = app().await;
    let p = app.person("phished@example.jp").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    // Chromium drops the tab of `/\t/evil.example/`, which would make it `//evil.example/`.
    b.goto("/login?next=/%09/evil.example/").await;
    b.fill_by_label("メールアドレス", &p.user.email).await;
    b.fill_by_label("パスワード", PASSWORD).await;
    b.click_button("ログイン").await;
    let url = b.client().current_url().await.expect("the current URL");
    let base = reqwest::Url::parse(&app.base).unwrap();
    assert_eq!(
        (url.host_str(), url.port()),
        (base.host_str(), base.port()),
        "signed in, the browser is still on this site: {url}"
    );
    assert_eq!(
        url.path(),
        "/orgs",
        "the home page, which lists their organisations"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_administrator_can_show_the_password_they_type_and_is_signed_in_at_once() {
    let app = app().await;
    let setup = app
        .setup_url
        .clone()
        .expect("a setup link while nobody exists");
    let path = setup[setup.find("/setup").unwrap()..].to_owned();
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.goto(&path).await;
    b.fill_by_label("お名前", "山田 太郎").await;
    b.fill_by_label("メールアドレス", "taro@example.jp").await;
    b.fill_by_label("パスワード（10文字以上）", PASSWORD).await;
    b.fill_by_label("パスワード（確認のためもう一度）", PASSWORD)
        .await;
    let types = || {
        b.client().execute(
            "return [...document.querySelectorAll('#password, #password_confirm')].map(f => f.type);",
            vec![],
        )
    };
    assert_eq!(types().await.unwrap(), json!(["password", "password"]));
    // The button is sent hidden and shown by its script; it changes the fields, not the page.
    let button = b
        .client()
        .find(Locator::XPath(
            "//button[normalize-space(.)='パスワードを表示する']",
        ))
        .await
        .expect("the show-password button");
    assert!(button.is_displayed().await.unwrap(), "the script shows it");
    button.click().await.unwrap();
    assert_eq!(types().await.unwrap(), json!(["text", "text"]));
    assert_eq!(button.text().await.unwrap(), "パスワードを隠す");
    b.screenshot("password-shown").await;
    b.assert_accessible("初期設定（パスワード表示中）").await;
    button.click().await.unwrap();
    assert_eq!(types().await.unwrap(), json!(["password", "password"]));
    assert_eq!(button.text().await.unwrap(), "パスワードを表示する");

    b.click_button("管理者を登録する").await;
    assert_eq!(b.current_path().await, "/orgs", "no second sign-in");
    let text = b.text().await;
    assert!(
        text.contains("最初の管理者を登録し、ログインしました"),
        "{text}"
    );
    b.screenshot("signed-in").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leak_of_1200_persons_shows_both_report_dates_on_the_home_and_its_lesson_becomes_an_action()
 {
    let app = app().await;
    let p = app.person("incident@example.jp").await;
    let org = app.org(&p, OrgKind::Company, "青葉製作所").await;
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&p.user.email, PASSWORD).await;

    // The structure first: one person in every required role, which the page warns about.
    b.goto(&format!("/orgs/{org}/structure")).await;
    b.fill_by_label("情報セキュリティ責任者 担当者", "山田 太郎")
        .await;
    b.fill_by_label("情報セキュリティ責任者 代理", "佐藤 花子")
        .await;
    b.fill_by_label("情報セキュリティ責任者 連絡先", "090-1234-5678")
        .await;
    b.click_button("保存する").await;
    assert!(b.text().await.contains("保存しました。"));
    b.screenshot("structure").await;
    b.assert_accessible("体制").await;

    // An outside contact, and the contact page with the disclosure plan and the public desks.
    b.goto(&format!("/orgs/{org}/contacts")).await;
    b.fill_by_label("名前", "青葉システム 保守窓口").await;
    b.fill_by_label("電話", "052-000-1111").await;
    b.click_button("追加する").await;
    assert!(b.text().await.contains("青葉システム 保守窓口"));
    b.screenshot("contacts").await;
    b.assert_accessible("緊急連絡先").await;

    // An education session, recorded through the form.
    b.goto(&format!("/orgs/{org}/activities")).await;
    b.fill_by_label("テーマ", "標的型メールの見分け方").await;
    b.fill_by_label("参加人数", "12").await;
    b.click_button("記録する").await;
    assert!(b.text().await.contains("標的型メールの見分け方"));
    b.screenshot("activities").await;
    b.assert_accessible("教育・点検").await;

    // A leak recorded through the form, found late at night on 1 April (Japan time).
    b.goto(&format!("/orgs/{org}/incidents")).await;
    b.fill_by_label("件名", "顧客名簿の誤送信").await;
    b.client()
        .execute(
            "document.getElementById('detected_on').value = '2026-04-01';
             document.getElementById('detected_time').value = '23:59';
             return null;",
            vec![],
        )
        .await
        .unwrap();
    b.fill_by_label("発見のきっかけ", "社外からの連絡").await;
    b.fill_by_label("重大度", "大").await;
    b.choose_radio_by_label("個人情報が漏えいした、またはそのおそれがある")
        .await;
    b.fill_by_label("対象となった人数", "1,200").await;
    b.screenshot("incident-form").await;
    b.assert_accessible("インシデントの記録").await;
    b.click_button("記録する").await;
    let text = b.text().await;
    assert!(text.contains("1,000人を超える"), "{text}");
    assert!(text.contains("2026年4月5日") && text.contains("2026年4月30日"));
    b.screenshot("incident").await;
    b.assert_accessible("インシデント").await;

    // Both APPI dates are on the company home.
    b.goto(&format!("/orgs/{org}")).await;
    let home = b.text().await;
    assert!(
        home.contains("個人情報保護委員会への速報") && home.contains("2026年4月5日"),
        "{home}"
    );
    assert!(home.contains("個人情報保護委員会への確報") && home.contains("2026年4月30日"));
    b.screenshot("home-incident-clocks").await;
    b.assert_accessible("報告期限のある概要").await;

    // Closed with a lesson whose measure becomes an action.
    b.goto(&format!("/orgs/{org}/incidents")).await;
    b.tab_to_and_activate("顧客名簿の誤送信").await;
    b.fill_by_label("教訓", "宛先の確認が一人だけだった").await;
    b.fill_by_label(
        "再発防止策（1行に1つ）",
        "外部へのメール送信は2人で宛先を確認する",
    )
    .await;
    b.click_button("終了する").await;
    assert!(b.text().await.contains("宛先の確認が一人だけだった"));
    b.goto(&format!("/orgs/{org}/actions")).await;
    assert!(
        b.text()
            .await
            .contains("外部へのメール送信は2人で宛先を確認する")
    );
    b.screenshot("incident-action").await;

    // The due-date list still has the reports not marked done.
    b.goto(&format!("/orgs/{org}/due")).await;
    assert!(b.text().await.contains("個人情報保護委員会への確報"));
    b.screenshot("due").await;
    b.assert_accessible("期限の一覧").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_near_its_end_of_support_is_added_through_the_form_and_alerts_on_the_registers_page()
 {
    let app = app().await;
    let p = app.person("registers@example.jp").await;
    let org = app.org(&p, OrgKind::Company, "青葉製作所").await;
    let asset = app
        .api(&p)
        .post(
            &format!("/api/v1/orgs/{org}/risk/assets"),
            &json!({"name": "顧客名簿", "medium": "office_pc", "c": 2, "i": 1, "a": 1}),
        )
        .await;
    assert_eq!(asset.status(), StatusCode::CREATED);
    let Some(b) = Browser::start(&app).await else {
        return;
    };
    b.sign_in(&p.user.email, PASSWORD).await;
    let soon = (mamori_app::standing::today_in_japan() + time::Duration::days(45)).to_string();

    b.goto(&format!("/orgs/{org}/registers/devices")).await;
    b.fill_by_label("機器名（必須）", "営業用PC-01").await;
    b.fill_by_label("OS・バージョン", "Windows 10 Pro").await;
    b.fill_by_label("管理者・利用者", "営業部 鈴木").await;
    b.client()
        .execute(
            &format!("document.getElementById('f-eosl_on').value = '{soon}'; return null;"),
            vec![],
        )
        .await
        .unwrap();
    b.choose_radio_by_label("顧客名簿").await;
    b.screenshot("register-device-form").await;
    b.assert_accessible("機器管理台帳の追加").await;
    b.click_button("追加する").await;
    let text = b.text().await;
    assert!(
        text.contains("登録しました。") && text.contains("営業用PC-01"),
        "{text}"
    );
    assert!(text.contains(&format!("サポート終了 {soon}")), "{text}");
    b.screenshot("register-devices").await;
    b.assert_accessible("機器管理台帳").await;

    b.goto(&format!("/orgs/{org}/registers")).await;
    let overview = b.text().await;
    assert!(overview.contains("営業用PC-01") && overview.contains("サポート終了"));
    b.screenshot("registers").await;
    b.assert_accessible("台帳").await;
    b.set_viewport(390, 844).await;
    b.screenshot("registers-phone").await;
    b.goto(&format!("/orgs/{org}/registers/devices")).await;
    b.screenshot("register-devices-phone").await;

    // The annual plan and the account page's calendar and e-mail settings.
    b.set_viewport(1280, 900).await;
    b.goto(&format!("/orgs/{org}/plan")).await;
    assert!(b.text().await.contains("四半期の評価"));
    b.screenshot("plan").await;
    b.assert_accessible("年間計画").await;
    b.goto("/account").await;
    b.click_button("アドレスを作る").await;
    assert!(b.text().await.contains("/calendar/"));
    b.screenshot("account-calendar").await;
    b.assert_accessible("アカウント（カレンダー）").await;

    // Education with its figures against the year's targets.
    let today = mamori_app::fields::today_in_japan();
    let api = app.api(&p);
    let r = api
        .post(
            &format!("/api/v1/orgs/{org}/activities"),
            &json!({"kind": "education", "held_on": today, "title": "標的型メールの見分け方",
                "participants": 18, "invited": 20, "test_average": 85}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    b.goto(&format!("/orgs/{org}/activities")).await;
    b.fill_by_label("受講率の目標（%）", "100").await;
    b.fill_by_label("テストの目標点（100点満点）", "80").await;
    b.click_button("目標を保存する").await;
    assert!(b.text().await.contains("90.0%（目標 100% 未達）"));
    b.screenshot("activities-education").await;
    b.assert_accessible("教育の目標").await;
}
