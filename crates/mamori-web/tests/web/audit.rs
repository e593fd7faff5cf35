//! The audit log as people read it: every kind of event the application records, made the way
//! people make it, reads as a sentence naming what it touched, in Japanese and in English, with
//! no field names or stored codes.

use mamori_storage::{OrgId, OrgKind};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Browser, PASSWORD, TestApp};

/// The sentences of an audit page, newest first.
fn sentences(html: &str) -> Vec<String> {
    let marker = "<td data-label=\"";
    html.match_indices("<tr><td data-label=")
        .filter_map(|(at, _)| {
            let row = &html[at..at + html[at..].find("</tr>").unwrap()];
            let last = row.rfind(marker)?;
            let cell = &row[last..];
            let start = cell.find('>')? + 1;
            let end = cell.find("</td>")?;
            Some(
                cell[start..end]
                    .replace("&#34;", "\"")
                    .replace("&#39;", "'"),
            )
        })
        .collect()
}

/// Codes and keys that must not reach a person (the examples among them).
fn raw_words(sentence: &str) -> Vec<&'static str> {
    [
        "capital_yen",
        "employee_band",
        "300+",
        "option:",
        "risk_asset",
        "replace:",
        "added:",
        "role:",
        "member.",
        "office_pc",
        "paper",
        "self-check-25",
        "five-principles",
        "nist-csf",
        "todo",
        "doing",
        "done",
        "due_date",
        "acceptance_threshold",
        "_per_person",
        "{",
        "null",
        "true",
        "false",
    ]
    .into_iter()
    .filter(|w| sentence.contains(w))
    .collect()
}

async fn english(b: &Browser, path: &str) -> String {
    let r = b
        .post_form("/lang", &[("lang", "en"), ("next", path)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = b.page(path).await;
    let r = b
        .post_form("/lang", &[("lang", "ja"), ("next", path)])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    page
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// Every organisation event, made through the API and the pages.
async fn company_events(app: &TestApp, b: &Browser, api: &crate::support::Api) -> OrgId {
    let r = api
        .post(
            "/api/v1/orgs",
            &json!({"kind": "company", "name": "青葉製作所"}),
        )
        .await;
    let org = OrgId(r.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    let o = format!("/api/v1/orgs/{org}");
    let r = b
        .post_form(
            &format!("/orgs/{org}/settings/rename"),
            &[("name", "青葉製作所ホールディングス")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Members: added, role changed, removed.
    let r = api
        .post(
            &format!("{o}/members"),
            &json!({"email": "hanako@example.jp", "name": "新人 花子", "role": "member"}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let hanako = app
        .store()
        .user_by_email("hanako@example.jp")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r = api
        .send_json(
            Method::PATCH,
            &format!("{o}/members/{hanako}"),
            &json!({"role": "admin"}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::NO_CONTENT,
        "{}",
        r.text().await.unwrap()
    );
    assert_eq!(
        api.delete(&format!("{o}/members/{hanako}")).await.status(),
        StatusCode::NO_CONTENT
    );

    // The profile, anonymous use, a support organisation let in and out again.
    let r = api
        .put(
            &format!("{o}/profile"),
            &json!({"industry": "E", "employee_band": "300+", "capital_yen": 10_000_000}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = b
        .post_form(
            &format!("/orgs/{org}/consents/anonymous"),
            &[("share", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let owner = app
        .store()
        .user_by_email("alice@example.jp")
        .await
        .unwrap()
        .unwrap();
    let support_org = app
        .store()
        .create_organisation(owner.id, OrgKind::Support, "守り支援ネット")
        .await
        .unwrap();
    let support = support_org.id;
    let support_scope = app
        .store()
        .access(owner.id, support)
        .await
        .unwrap()
        .unwrap()
        .scope;
    let code = app
        .store()
        .support_code(&support_scope, &support_org)
        .await
        .unwrap();
    let scope = app
        .store()
        .access(owner.id, org)
        .await
        .unwrap()
        .unwrap()
        .scope;
    app.store().grant_consent(&scope, &code).await.unwrap();
    app.store().revoke_consent(&scope, support).await.unwrap();

    // Diagnoses: one submitted, a draft deleted, a CSF profile kept.
    let r = api.post(&format!("{o}/assessments"), &json!({"catalog": "five-principles", "answers": {"1": "yes", "2": "yes", "3": "no", "4": "yes", "5": "yes"}, "submit": true})).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = api
        .post(
            &format!("{o}/assessments"),
            &json!({"catalog": "self-check-25"}),
        )
        .await;
    let draft = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    assert_eq!(
        api.delete(&format!("{o}/assessments/{draft}"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let catalog = mamori_domain::builtin().get("nist-csf-tiers").unwrap();
    let answers: serde_json::Map<String, Value> = catalog
        .items
        .iter()
        .map(|i| (i.id.clone(), json!(2)))
        .collect();
    let r = api
        .post(
            &format!("{o}/assessments"),
            &json!({"catalog": "nist-csf-tiers", "answers": answers, "submit": true}),
        )
        .await;
    let csf = r.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let r = b
        .post_form(
            &format!("/orgs/{org}/csf/snapshots"),
            &[("assessment", &csf), ("stage", "planning")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    // Actions: added, changed, deleted.
    let r = api
        .post(
            &format!("{o}/actions"),
            &json!({"title": "OSとソフトを最新にする", "catalog": "self-check-25", "item": "1"}),
        )
        .await;
    let action = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = api
        .send_json(
            Method::PATCH,
            &format!("{o}/actions/{action}"),
            &json!({"status": "done", "due_date": "2026-06-30"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        api.delete(&format!("{o}/actions/{action}")).await.status(),
        StatusCode::NO_CONTENT
    );

    // The risk register and analysis.
    let assets = format!("{o}/risk/assets");
    let r = api
        .post(
            &assets,
            &json!({"name": "社員名簿", "medium": "office_pc", "c": 2, "i": 0, "a": 0}),
        )
        .await;
    let staff = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = api
        .put(
            &format!("{assets}/{staff}"),
            &json!({"name": "社員名簿", "medium": "paper", "c": 2, "i": 1, "a": 0}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api
        .post(&format!("{assets}/{staff}/duplicate"), &json!({}))
        .await;
    let copy = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let r = api
        .send_json(
            Method::PATCH,
            &assets,
            &json!([{"id": copy, "changes": {"medium": "office_pc"}}]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api.post(&format!("{assets}/import"), &json!({"rows": [{"name": "見積書", "medium": "paper", "c": 1, "i": 1, "a": 0}, {"name": "顧客リスト", "medium": "external_server", "c": 2, "i": 1, "a": 1}]})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api.put(&format!("{assets}/{staff}/treatment"), &json!({"option": "accept", "residual_risk": 1, "approved_by": "代表取締役 鈴木", "approved_on": "2026-04-01"})).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    let r = api.put(&format!("{assets}/{copy}/treatment"), &json!({"option": "reduce", "planned": "ノートPCのディスクを暗号化する", "to_action": true})).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    assert_eq!(
        api.delete(&format!("{assets}/{copy}")).await.status(),
        StatusCode::NO_CONTENT
    );
    let r = api
        .put(
            &format!("{o}/risk/threats"),
            &json!([{"medium": "office_pc", "kind": "leak", "frequency": 3}]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api
        .put(
            &format!("{o}/risk/countermeasures"),
            &json!([{"item": "1-1", "answer": 1}]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api
        .put(
            &format!("{o}/risk/settings"),
            &json!({"acceptance_threshold": 2}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = api
        .post(
            &format!("{o}/risk/snapshots"),
            &json!({"title": "2026年度 上期"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    org
}

crate::on_both_backends! {
    async fn every_kind_of_audit_entry_reads_as_a_sentence_naming_what_it_touched(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        let org = company_events(&app, &b, &api).await;

        let path = format!("/orgs/{org}/audit");
        let page = b.page(&path).await;
        let said = sentences(&page);
        let expected = [
            "企業「青葉製作所」を登録しました",
            "組織名を「青葉製作所」から「青葉製作所ホールディングス」に変更しました",
            "hanako@example.jp をメンバーに加えました（役割: メンバー）",
            "hanako@example.jp の役割を「メンバー」から「管理者」に変更しました",
            "hanako@example.jp（管理者）をメンバーから外しました",
            "企業情報を更新しました（資本金: 10,000,000円、従業員規模: 300人以上、業種: 製造業）",
            "診断結果を、同業・同規模の企業との比較に匿名で使うことを許可しました",
            "支援機関「守り支援ネット」との共有を始めました",
            "支援機関「守り支援ネット」との共有を終了しました",
            "「情報セキュリティ5か条」の診断を提出しました",
            "「5分でできる！情報セキュリティ自社診断」の診断の下書きを削除しました",
            "NIST CSF のプロファイルを「計画時」として記録しました",
            "対策「OSとソフトを最新にする」を対策リストに追加しました（「5分でできる！情報セキュリティ自社診断」の設問 1 から）",
            "対策「OSとソフトを最新にする」を変更しました（期限: 2026-06-30、状態: 完了）",
            "対策「OSとソフトを最新にする」を削除しました",
            "情報資産「社員名簿」（事務所PC）を追加しました",
            "情報資産「社員名簿」の媒体・保存先、完全性、登録日を変更しました",
            "情報資産「社員名簿」（書類）を複製して追加しました",
            "情報資産 1件をまとめて変更しました（社員名簿）",
            "情報資産 2件を取り込み、台帳に追加しました",
            "情報資産「社員名簿」のリスク対応を「受容」に決めました",
            "情報資産「社員名簿」のリスク対応を「低減」に決めました",
            "（情報資産「社員名簿」のリスク対応から）",
            "情報資産「社員名簿」（事務所PC）を削除しました",
            "脅威の状況を更新しました（1件の評価）",
            "対策状況のチェックを更新しました（1項目）",
            "リスク分析の設定を変更しました（受け入れてよいリスク値: 2以下、1人あたりの損害賠償額: 28,308円）",
            "その時点のリスク分析を「2026年度 上期」として記録しました",
            "ログインしました",
        ];
        for e in expected {
            assert!(said.iter().any(|s| s.contains(e)), "「{e}」 is not in the log:\n{}", said.join("\n"));
        }
        for s in &said {
            assert!(raw_words(s).is_empty(), "{s}: {:?}", raw_words(s));
        }
        let en = sentences(&english(&b, &path).await);
        assert_eq!(en.len(), said.len());
        for s in &en {
            let names_removed = ["青葉製作所ホールディングス", "青葉製作所", "守り支援ネット", "OSとソフトを最新にする", "社員名簿", "ノートPCのディスクを暗号化する", "2026年度 上期"]
                .iter()
                .fold(s.clone(), |s, n| s.replace(n, ""));
            assert!(!has_japanese(&names_removed), "{s}");
            assert!(raw_words(s).is_empty(), "{s}: {:?}", raw_words(s));
        }
        assert!(en.iter().any(|s| s.contains("Changed the role of hanako@example.jp from Member to Administrator")), "{en:?}");
    }

    async fn every_kind_of_account_entry_reads_as_a_sentence(app: TestApp) {
        let setup = app.setup_url.clone().unwrap();
        let token = setup.split("token=").nth(1).unwrap().to_owned();
        let first = app.anonymous_browser().await;
        let r = first.post_form("/setup", &[("token", &token), ("name", "山田 太郎"), ("email", "taro@example.jp"), ("password", PASSWORD), ("password_confirm", PASSWORD)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = first.post_form("/admin/users", &[("name", "経理 次郎"), ("email", "keiri@example.jp"), ("site_admin", "1")]).await;
        let html = r.text().await.unwrap();
        let start = html.find("/password?token=").expect("the link");
        let link: String = html[start..].chars().take_while(|c| *c != '<').collect();
        let keiri = app.store().user_by_email("keiri@example.jp").await.unwrap().unwrap().id;
        let r = first.post_form(&format!("/admin/users/{keiri}/reset"), &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let start = html.find("/password?token=").unwrap();
        let link2: String = html[start..].chars().take_while(|c| *c != '<').collect();
        assert_ne!(link, link2);
        let jiro = app.anonymous_browser().await;
        let r = jiro.post_form("/password", &[("token", link2.trim_start_matches("/password?token=")), ("password", "jiro's own password"), ("password_confirm", "jiro's own password")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = jiro.post_form("/login", &[("email", "keiri@example.jp"), ("password", "jiro's own password")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = jiro.post_form("/account/password", &[("current_password", "jiro's own password"), ("new_password", "an even better password"), ("new_password_confirm", "an even better password"), ("end_other_sessions", "1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = jiro.post_form("/logout", &[("everywhere", "1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        let page = first.page("/admin/audit").await;
        let said = sentences(&page);
        for e in [
            "最初の管理者として taro@example.jp を登録しました",
            "ユーザー keiri@example.jp をサイト管理者として追加しました",
            "keiri@example.jp のパスワード再設定用リンクを発行しました",
            "パスワード設定用のリンクからパスワードを設定しました",
            "ログインしました",
            "パスワードを変更しました",
            "すべての端末からログアウトしました",
        ] {
            assert!(said.iter().any(|s| s == e), "「{e}」 is not in the log:\n{}", said.join("\n"));
        }
        for s in &said {
            assert!(raw_words(s).is_empty(), "{s}");
        }
        let en = sentences(&english(&first, "/admin/audit").await);
        assert!(en.iter().all(|s| !has_japanese(s)), "{en:?}");
        assert!(en.iter().any(|s| s == "Added the user keiri@example.jp as a site administrator"), "{en:?}");
    }
}
