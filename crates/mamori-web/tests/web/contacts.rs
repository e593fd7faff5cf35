//! The contact list for incidents (operations.md §2): one parser for the form and the API, and
//! the emergency contact sheet read back by poppler.

use mamori_storage::{OrgKind, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

const NO_WAY: &str = "電話・メール・そのほかの連絡手段のどれか1つは入力してください。";

crate::on_both_backends! {
    async fn contacts_and_roles_make_one_emergency_sheet(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        let r = api.put(&format!("/api/v1/orgs/{org}/security-roles"), &json!({"roles": [
            {"role": "emergency_lead", "holder": "山田 太郎", "deputy": "佐藤 花子", "contact": "090-1111-2222"}]})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = b.post_form(&format!("/orgs/{org}/contacts"), &[("kind", "external"), ("name", "青葉システム 保守窓口"),
            ("purpose", "サーバーの保守"), ("phone", "052-000-1111"), ("alternative", "担当者の携帯 080-0000-0000")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = api.post(&format!("/api/v1/orgs/{org}/contacts"), &json!({"kind": "internal", "name": "総務部 鈴木", "email": "suzuki@example.jp"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let list = api.json(&format!("/api/v1/orgs/{org}/contacts")).await;
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["総務部 鈴木", "青葉システム 保守窓口"], "people inside first");
        let page = b.page(&format!("/orgs/{org}/contacts")).await;
        assert!(page.contains("担当者の携帯 080-0000-0000") && page.contains("IPA 情報セキュリティ安心相談窓口"));

        // The disclosure plan from the page, read back through the API.
        let r = b.post_form(&format!("/orgs/{org}/contacts/disclosure"), &[("who-3", "社長 山田"), ("timing-3", "確認から24時間以内"), ("method-3", "メールと電話")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let plan = api.json(&format!("/api/v1/orgs/{org}/disclosure-plan")).await;
        assert_eq!(plan, json!({"lines": [{"audience": "customers", "who": "社長 山田", "timing": "確認から24時間以内", "method": "メールと電話"}]}));
        let r = api.put(&format!("/api/v1/orgs/{org}/disclosure-plan"), &json!({"lines": [{"audience": "customers", "who": "あ".repeat(101)}]})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"], json!([{"field": "lines[0].who", "message": "顧客への報告者は100文字以内にしてください。"}]));
        let r = b.post_form(&format!("/orgs/{org}/contacts/disclosure"), &[("who-3", &"あ".repeat(101))]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("顧客への報告者は100文字以内にしてください。"), "the form says the same");
        assert_eq!(api.json(&format!("/api/v1/orgs/{org}/disclosure-plan")).await["lines"].as_array().unwrap().len(), 1, "the refused plan changed nothing");

        let r = b.get(&format!("/orgs/{org}/contacts/sheet")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        if let Some(pdftoppm) = mamori_readback::tool("pdftoppm") {
            let dir = mamori_readback::screenshots();
            let file = dir.join("contact-sheet.pdf");
            std::fs::write(&file, &bytes).unwrap();
            let stem = dir.join("report-contact-sheet");
            mamori_readback::run(&pdftoppm, &["-png", "-r", "70", &file.to_string_lossy(), &stem.to_string_lossy()]);
        }
        if let Some(text) = crate::reports::pdf_text(&bytes) {
            for expected in ["緊急連絡先", "青葉製作所", "山田太郎", "090-1111-2222", "青葉システム保守窓口", "052-000-1111", "総務部鈴木", "03-5978-7509", "公表・報告の計画", "確認から24時間以内"] {
                assert!(text.contains(expected), "the sheet says {expected}: {text}");
            }
        }
        let r = api.get(&format!("/api/v1/orgs/{org}/contacts/sheet?format=csv&table=desks")).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("https://www.ppc.go.jp/personalinfo/legal/leakAction/"));

        let id = list[0]["id"].as_i64().unwrap();
        assert_eq!(api.delete(&format!("/api/v1/orgs/{org}/contacts/{id}")).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(api.json(&format!("/api/v1/orgs/{org}/contacts")).await.as_array().unwrap().len(), 1);
    }

    async fn a_contact_without_a_way_to_reach_it_is_refused_the_same_way_by_the_form_and_the_api(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let vera = app.person("vera@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let r = app.browser(&alice).await.post_form(&format!("/orgs/{org}/contacts"), &[("kind", "external"), ("name", "保険会社")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains(NO_WAY) && page.contains("value=\"保険会社\""), "the message, and what was typed");
        let r = app.api(&alice).post(&format!("/api/v1/orgs/{org}/contacts"), &json!({"kind": "external", "name": "保険会社"})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"], json!([{"field": "phone", "message": NO_WAY}]));
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &vera.user, Role::Viewer).await.unwrap();
        let r = app.api(&vera).post(&format!("/api/v1/orgs/{org}/contacts"), &json!({"kind": "external", "name": "保険会社", "phone": "0120-000-000"})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert!(app.api(&alice).json(&format!("/api/v1/orgs/{org}/contacts")).await.as_array().unwrap().is_empty());
    }
}
