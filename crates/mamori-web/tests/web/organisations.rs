//! Organisation and member pages, driven like a browser: forms, redirects, one-time links.

use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{PASSWORD, location};

crate::on_both_backends! {
    async fn a_company_is_registered_and_its_pages_open(app: TestApp) {
        let p = app.person("founder@example.jp").await;
        let b = app.browser(&p).await;
        assert!(b.page("/orgs").await.contains("まだどの組織にも所属していません"));
        let bad = b.post_form("/orgs", &[("name", ""), ("kind", "company")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.text().await.unwrap().contains("組織名を入力してください"), "the message names the field (issue 12, item 17)");
        let r = b.post_form("/orgs", &[("name", "守り製作所"), ("kind", "company")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let home = location(&r);
        let overview = b.page(&home).await;
        assert!(overview.contains("守り製作所") && overview.contains("3つのステップ"));
        assert!(overview.contains("登録しました"), "the notice after creating");

        let id: i64 = home.trim_start_matches("/orgs/").split('?').next().unwrap().parse().unwrap();
        app.api(&p).post(&format!("/api/v1/orgs/{id}/assessments"), &json!({"catalog": "five-principles", "answers": {"1": "yes", "2": "yes", "3": "no", "4": "yes", "5": "yes"}, "submit": true})).await;
        let overview = b.page(&format!("/orgs/{id}")).await;
        assert!(overview.contains("情報セキュリティ5か条") && overview.contains("「実施している／取り組む」4 項目"), "{overview}");

        let renamed = b.post_form(&format!("/orgs/{id}/settings/rename"), &[("name", "守り製作所ホールディングス")]).await;
        assert_eq!(renamed.status(), StatusCode::SEE_OTHER);
        let wrong = b.post_form(&format!("/orgs/{id}/settings/delete"), &[("confirm", "違う名前")]).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let audit = b.page(&format!("/orgs/{id}/audit")).await;
        assert!(audit.contains("組織名を「守り製作所」から「守り製作所ホールディングス」に変更しました") && audit.contains("「情報セキュリティ5か条」の診断を提出しました"));
        assert!(audit.contains("ログイン") && audit.contains("founder@example.jp"), "members' sign-ins are in the log");
        let gone = b.post_form(&format!("/orgs/{id}/settings/delete"), &[("confirm", "守り製作所ホールディングス")]).await;
        assert_eq!(location(&gone), "/orgs?notice=deleted");
        assert_eq!(b.get(&format!("/orgs/{id}")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn an_administrator_invites_a_colleague_who_sets_a_password_and_signs_in(app: TestApp) {
        let admin = app.person("shacho@example.jp").await;
        let org = app.org(&admin, OrgKind::Company, "招待テスト株式会社").await;
        let b = app.browser(&admin).await;
        let missing_name = b.post_form(&format!("/orgs/{org}/members"), &[("email", "new@example.jp"), ("role", "member")]).await;
        assert_eq!(missing_name.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(missing_name.text().await.unwrap().contains("お名前も入力してください"));

        let r = b.post_form(&format!("/orgs/{org}/members"), &[("email", "new@example.jp"), ("name", "新人 花子"), ("role", "member")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let start = html.find("/password?token=").expect("the one-time link is shown");
        let link: String = html[start..].chars().take_while(|c| *c != '<').collect();
        let token = link.trim_start_matches("/password?token=").to_owned();

        let newcomer = app.anonymous_browser().await;
        assert!(newcomer.page(&link).await.contains("new@example.jp"));
        let set = newcomer.post_form("/password", &[("token", &token), ("password", PASSWORD), ("password_confirm", PASSWORD)]).await;
        assert_eq!(set.status(), StatusCode::SEE_OTHER);
        let login = newcomer.post_form("/login", &[("email", "new@example.jp"), ("password", PASSWORD)]).await;
        assert_eq!(login.status(), StatusCode::SEE_OTHER);
        assert!(newcomer.page("/orgs").await.contains("招待テスト株式会社"));

        // Role changes, and the last administrator cannot step down.
        let users = app.store().all_users().await.unwrap();
        let hanako = users.iter().find(|u| u.email == "new@example.jp").unwrap().id;
        let r = b.post_form(&format!("/orgs/{org}/members/{hanako}/role"), &[("role", "viewer")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = b.post_form(&format!("/orgs/{org}/members/{}/role", admin.user.id), &[("role", "member")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        assert!(r.text().await.unwrap().contains("最後の管理者"));
        let members = b.page(&format!("/orgs/{org}/members")).await;
        assert!(members.contains("新人 花子"));
        // A viewer sees members but not the administration controls.
        let viewer_page = newcomer.page(&format!("/orgs/{org}/members")).await;
        assert!(!viewer_page.contains("メンバーを追加する"));
        assert_eq!(newcomer.get(&format!("/orgs/{org}/settings")).await.status(), StatusCode::FORBIDDEN);
        let r = b.post_form(&format!("/orgs/{org}/members/{hanako}/remove"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(newcomer.get(&format!("/orgs/{org}")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_company_shares_with_a_support_organisation_by_the_code_it_hands_out(app: TestApp) {
        let owner = app.person("kaisha@example.jp").await;
        let advisor = app.person("senmonka@example.jp").await;
        let company = app.org(&owner, OrgKind::Company, "共有テスト工業").await;
        let support = app.org(&advisor, OrgKind::Support, "よろず支援拠点").await;
        let adv = app.browser(&advisor).await;
        let settings = adv.page(&format!("/orgs/{support}/settings")).await;
        let code = app.support_code(&advisor, support).await;
        let shown = mamori_storage::display_support_code(&code);
        assert!(settings.contains(&format!("<strong>{shown}</strong>")), "the administrator sees the code to hand out");
        assert!(!adv.page(&format!("/orgs/{support}/consents")).await.contains(&format!("<strong>{support}</strong>")), "no number to hand out any more");

        let b = app.browser(&owner).await;
        for (typed, says) in [
            ("", "支援機関コードを入力してください"),
            ("abc", "支援機関コードは英数字16文字です"),
            (&support.to_string(), "支援機関コードは英数字16文字です"),
            ("0000-0000-0000-0000", "この支援機関コードに当てはまる支援機関はありません"),
        ] {
            let r = b.post_form(&format!("/orgs/{company}/consents"), &[("support_code", typed)]).await;
            assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{typed:?}");
            let page = r.text().await.unwrap();
            assert!(page.contains(says), "{typed:?}: {page}");
            assert!(!page.contains("よろず支援拠点"), "no name leaks for {typed:?}");
        }
        // Typed the way people type it: lower case, full-width, spaces instead of hyphens.
        let typed: String = shown.to_lowercase().replace('-', " ");
        let r = b.post_form(&format!("/orgs/{company}/consents"), &[("support_code", &typed)]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(adv.page(&format!("/orgs/{support}")).await.contains("共有テスト工業"));
        assert_eq!(adv.get(&format!("/orgs/{company}")).await.status(), StatusCode::OK);
        let r = b.post_form(&format!("/orgs/{company}/consents/{support}/revoke"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(adv.get(&format!("/orgs/{company}")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_support_organisation_removes_a_company_and_replaces_its_code(app: TestApp) {
        let owner = app.person("owner2@example.jp").await;
        let advisor = app.person("advisor2@example.jp").await;
        let company = app.org(&owner, OrgKind::Company, "押しかけ商事").await;
        let support = app.org(&advisor, OrgKind::Support, "県よろず支援").await;
        let code = app.support_code(&advisor, support).await;
        let r = app.api(&owner).post(&format!("/api/v1/orgs/{company}/consents"), &json!({"support_code": code})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let adv = app.browser(&advisor).await;
        let list = adv.page(&format!("/orgs/{support}/consents")).await;
        assert!(list.contains("押しかけ商事") && list.contains("この企業との共有を解除する"), "{list}");
        let r = adv.post_form(&format!("/orgs/{support}/companies/{company}/remove"), &[]).await;
        assert_eq!(location(&r), format!("/orgs/{support}/consents?notice=company_removed"));
        assert_eq!(adv.get(&format!("/orgs/{company}")).await.status(), StatusCode::NOT_FOUND);
        assert!(app.api(&owner).json(&format!("/api/v1/orgs/{company}/consents")).await.as_array().unwrap().is_empty());

        let r = adv.post_form(&format!("/orgs/{support}/settings/support-code"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let new_code = app.support_code(&advisor, support).await;
        assert_ne!(new_code, code);
        let settings = adv.page(&format!("/orgs/{support}/settings")).await;
        assert!(settings.contains(&mamori_storage::display_support_code(&new_code)));
        let r = app.api(&owner).post(&format!("/api/v1/orgs/{company}/consents"), &json!({"support_code": code})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "the replaced code no longer attaches");
    }

    async fn the_api_attaches_no_support_organisation_by_number_and_leaks_no_name(app: TestApp) {
        let owner = app.person("api-owner@example.jp").await;
        let advisor = app.person("api-advisor@example.jp").await;
        let consultant = app.person("api-consultant@example.jp").await;
        let company = app.org(&owner, OrgKind::Company, "API工業").await;
        let support = app.org(&advisor, OrgKind::Support, "秘密の支援機関").await;
        let o = app.api(&owner);
        let path = format!("/api/v1/orgs/{company}/consents");
        for body in [json!({"support_code": support.0.to_string()}), json!({"support_code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})] {
            let r = o.post(&path, &body).await;
            let text = r.text().await.unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["error"]["code"], "invalid", "{text}");
            assert_eq!(v["error"]["details"][0]["field"], "support_code", "{text}");
            assert!(!text.contains("秘密の支援機関"), "{text}");
        }
        assert_eq!(o.post(&path, &json!({"support_id": support.0})).await.status(), StatusCode::UNPROCESSABLE_ENTITY, "the old field is gone");

        let adv = app.api(&advisor);
        let shown = adv.json(&format!("/api/v1/orgs/{support}/support-code")).await["code"].as_str().unwrap().to_owned();
        let r = o.post(&path, &json!({"support_code": shown})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(r.json::<serde_json::Value>().await.unwrap()["support"]["name"], "秘密の支援機関");
        // Only the support organisation's administrators see, replace and remove.
        let scope = app.store().access(advisor.user.id, support).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &consultant.user, mamori_storage::Role::Consultant).await.unwrap();
        let c = app.api(&consultant);
        assert_eq!(c.get(&format!("/api/v1/orgs/{support}/support-code")).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(c.delete(&format!("/api/v1/orgs/{support}/companies/{company}")).await.status(), StatusCode::FORBIDDEN);
        let replaced = adv.post(&format!("/api/v1/orgs/{support}/support-code"), &json!({})).await;
        assert_eq!(replaced.status(), StatusCode::CREATED);
        assert_eq!(adv.delete(&format!("/api/v1/orgs/{support}/companies/{company}")).await.status(), StatusCode::NO_CONTENT);
        assert!(o.json(&path).await.as_array().unwrap().is_empty());
        assert_eq!(adv.get(&format!("/api/v1/orgs/{company}")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_support_organisations_consultant_is_labelled_with_what_they_may_do(app: TestApp) {
        let owner = app.person("label-owner@example.jp").await;
        let advisor = app.person("label-advisor@example.jp").await;
        let company = app.org(&owner, OrgKind::Company, "表示確認工業").await;
        let support = app.org(&advisor, OrgKind::Support, "表示確認センター").await;
        let scope = app.store().access(owner.user.id, company).await.unwrap().unwrap().scope;
        let code = app.support_code(&advisor, support).await;
        app.store().grant_consent(&scope, &code).await.unwrap();
        let list = app.browser(&advisor).await.page("/orgs").await;
        assert!(list.contains("表示確認工業") && list.contains("専門家（支援機関として閲覧・入力）"), "{list}");
        assert!(!list.contains("（支援機関として閲覧）"), "{list}");
        // The label is true: the consultant does enter data.
        let r = app.api(&advisor).put(&format!("/api/v1/orgs/{company}/profile"), &json!({"employees": 12})).await;
        assert_eq!(r.status(), StatusCode::OK);
    }

    async fn the_account_page_makes_and_deletes_api_tokens(app: TestApp) {
        let p = app.person("account@example.jp").await;
        let b = app.browser(&p).await;
        let r = b.post_form("/account/tokens", &[("name", "集計スクリプト")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        let start = html.find("id=\"new-token\">").unwrap() + "id=\"new-token\">".len();
        let secret: String = html[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
        assert_eq!(secret.len(), 64);
        let mut script = app.anonymous_api();
        script.token = Some(secret.clone());
        assert_eq!(script.get("/api/v1/me").await.status(), StatusCode::OK);
        let page = b.page("/account").await;
        assert!(page.contains("集計スクリプト") && !page.contains(&secret), "the secret is shown only once");
        let id = app.store().api_tokens_of(p.user.id).await.unwrap().iter().find(|t| t.name == "集計スクリプト").unwrap().id;
        let r = b.post_form(&format!("/account/tokens/{id}/delete"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(script.get("/api/v1/me").await.status(), StatusCode::UNAUTHORIZED);
    }

    async fn the_site_administrator_adds_users_and_nobody_else_sees_the_page(app: TestApp) {
        let admin = app.site_admin("root@example.jp").await;
        let plain = app.person("plain@example.jp").await;
        assert_eq!(app.browser(&plain).await.get("/admin/users").await.status(), StatusCode::NOT_FOUND);
        let b = app.browser(&admin).await;
        let r = b.post_form("/admin/users", &[("name", "経理 次郎"), ("email", "plain@example.jp")]).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let r = b.post_form("/admin/users", &[("name", "経理 次郎"), ("email", "keiri@example.jp")]).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("/password?token="));
        let page = b.page("/admin/users").await;
        assert!(page.contains("keiri@example.jp") && page.contains("パスワード未設定"));
        let log = b.page("/admin/audit").await;
        assert!(log.contains("ユーザー keiri@example.jp を追加しました"));
        assert_eq!(app.browser(&plain).await.get("/admin/audit").await.status(), StatusCode::NOT_FOUND);
    }
}
