//! The registers beside the asset register (risk.md §7): entries kept from the pages and the
//! API through one parser, alerts before an end of support or an expiry on the registers page
//! and the due-date list, links to information assets, and file import (all or nothing) and
//! export read back by LibreOffice.

use mamori_storage::{OrgKind, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::reports::office_text;

fn day(offset: i64) -> String {
    (mamori_app::standing::today_in_japan() + time::Duration::days(offset)).to_string()
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker).unwrap() + marker.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

fn figure(html: &str, name: &str) -> String {
    let marker = format!("data-figure=\"{name}\">");
    let at = html.find(&marker).unwrap() + marker.len();
    html[at..at + html[at..].find('<').unwrap()]
        .trim()
        .to_owned()
}

fn address_of(html: &str) -> String {
    let marker = "id=\"calendar-address\">";
    let at = html.find(marker).unwrap() + marker.len();
    html[at..at + html[at..].find('<').unwrap()].to_owned()
}

crate::on_both_backends! {
    async fn entries_raise_alerts_before_their_dates_on_the_registers_page_and_the_due_list(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        let r = api.post(&format!("/api/v1/orgs/{org}/registers/devices"), &json!({"name": "営業用PC-01",
            "fields": {"os": "Windows 10", "eosl_on": day(30), "owner": "営業部"}})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let pc: Value = r.json().await.unwrap();
        assert_eq!(pc["alerts"][0]["field"], "eosl_on");
        assert_eq!(pc["alerts"][0]["state"], "soon");
        assert_eq!(pc["alerts"][0]["text"], "サポート終了");
        // A certificate that expired yesterday, from the page form.
        let r = b.post_form(&format!("/orgs/{org}/registers/certificates"), &[("name", "www.aoba.example.jp"),
            ("issuer", "サンプル認証局"), ("valid_until", &day(-1))]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // An application far from its end of support raises nothing.
        let r = api.post(&format!("/api/v1/orgs/{org}/registers/applications"), &json!({"name": "会計ソフト", "fields": {"eosl_on": day(400)}})).await;
        assert_eq!(r.status(), StatusCode::CREATED);

        let overview = b.page(&format!("/orgs/{org}/registers")).await;
        assert!(overview.contains("営業用PC-01") && overview.contains("サポート終了"), "the device's alert shows");
        assert!(overview.contains("証明書の期限切れ"), "the expired certificate shows as passed");
        assert!(!overview.contains("会計ソフト"));
        assert!(overview.contains("data-register=\"devices\">1件"));
        let due = b.page(&format!("/orgs/{org}/due")).await;
        assert!(due.contains("サポート終了: 営業用PC-01（機器管理台帳）"), "the due-date list reads the register");
        assert!(due.contains(&format!("/orgs/{org}/registers/devices/{}", pc["id"])));

        // With alerts 10 days ahead, the device's end of support in 30 days no longer shows.
        let r = b.post_form(&format!("/orgs/{org}/registers/alert-days"), &[("alert_days", "10")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let devices = api.json(&format!("/api/v1/orgs/{org}/registers/devices")).await;
        assert!(devices[0]["alerts"].as_array().unwrap().is_empty());
        let overview = b.page(&format!("/orgs/{org}/registers")).await;
        assert!(!overview.contains("営業用PC-01"));
        assert!(overview.contains("証明書の期限切れ"), "what has passed stays until it is dealt with");
        // A year ahead: the device shows again; the application's end of support in 400 days
        // is still too far.
        let r = b.post_form(&format!("/orgs/{org}/registers/alert-days"), &[("alert_days", "365")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let overview = b.page(&format!("/orgs/{org}/registers")).await;
        assert!(overview.contains("営業用PC-01"), "every entry's start of alerts moved with the lead");
        assert!(!overview.contains("会計ソフト"));
        let r = b.post_form(&format!("/orgs/{org}/registers/alert-days"), &[("alert_days", "400")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("1〜365"));
    }

    async fn the_form_and_the_api_refuse_the_same_bad_entry_in_the_same_words(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let vera = app.person("vera@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        let b = app.browser(&alice).await;
        let long = "あ".repeat(201);
        let r = api.post(&format!("/api/v1/orgs/{org}/registers/contractors"), &json!({"name": long,
            "fields": {"confidentiality": "たぶん", "evaluated_on": "2026-02-30", "colour": "red"}})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        let mut fields: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["colour", "confidentiality", "evaluated_on", "name"]);
        let r = b.post_form(&format!("/orgs/{org}/registers/contractors"), &[("name", &long), ("confidentiality", "たぶん")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("委託先名は200文字以内にしてください。"));
        assert!(html.contains("秘密保持条項は「あり」「なし」から選んでください。"));
        assert!(api.json(&format!("/api/v1/orgs/{org}/registers/contractors")).await.as_array().unwrap().is_empty());
        let r = api.post(&format!("/api/v1/orgs/{org}/registers/printers"), &json!({"name": "x"})).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "a register that does not exist");

        // A viewer reads and cannot write.
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &vera.user, Role::Viewer).await.unwrap();
        let r = app.api(&vera).post(&format!("/api/v1/orgs/{org}/registers/contractors"), &json!({"name": "A社"})).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        assert_eq!(app.api(&vera).get(&format!("/api/v1/orgs/{org}/registers/contractors")).await.status(), StatusCode::OK);
    }

    async fn an_entry_links_only_its_own_companys_information_assets(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let bob = app.person("bob@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let other = app.org(&bob, OrgKind::Company, "ボブ商店").await;
        let api = app.api(&alice);
        let asset: Value = api.post(&format!("/api/v1/orgs/{org}/risk/assets"), &json!({"name": "顧客名簿", "medium": "office_pc", "c": 2, "i": 1, "a": 1})).await.json().await.unwrap();
        let bobs: Value = app.api(&bob).post(&format!("/api/v1/orgs/{other}/risk/assets"), &json!({"name": "仕入先一覧", "medium": "office_pc", "c": 1, "i": 1, "a": 1})).await.json().await.unwrap();
        let made: Value = api.post(&format!("/api/v1/orgs/{org}/registers/cloud-services"), &json!({"name": "クラウドストレージ",
            "fields": {"provider": "サンプル社", "data_held": "顧客名簿のバックアップ"}, "assets": [asset["id"], bobs["id"]]})).await.json().await.unwrap();
        assert_eq!(made["assets"], json!([asset["id"]]), "another company's asset is not linked");
        let id = made["id"].as_i64().unwrap();
        let page = app.browser(&alice).await.page(&format!("/orgs/{org}/registers/cloud-services/{id}")).await;
        assert!(page.contains(&format!("name=\"assets\" value=\"{}\" checked", asset["id"])));
        assert!(!page.contains("仕入先一覧"));
        let changed = api.put(&format!("/api/v1/orgs/{org}/registers/cloud-services/{id}"), &json!({"name": "クラウドストレージ", "assets": []})).await;
        assert_eq!(changed.status(), StatusCode::OK);
        let changed: Value = changed.json().await.unwrap();
        assert_eq!(changed["assets"], json!([]));
        assert_eq!(changed["fields"], json!({}), "a field left out is emptied");
        assert_eq!(api.delete(&format!("/api/v1/orgs/{org}/registers/cloud-services/{id}")).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(api.get(&format!("/api/v1/orgs/{org}/registers/cloud-services/{id}")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_cloud_service_shows_the_result_of_the_checklist_it_was_assessed_with(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        // Every provider item "yes", every own-operation item "no", choosing "partial": 15 of 30.
        let mut answers = serde_json::Map::new();
        for i in 1..=5 {
            answers.insert(format!("C{i}"), json!("partial"));
            answers.insert(format!("P{i}"), json!("yes"));
            answers.insert(format!("U{i}"), json!("no"));
        }
        let made: Value = api.post(&format!("/api/v1/orgs/{org}/assessments"), &json!({"catalog": "cloud-services", "answers": answers, "submit": true})).await.json().await.unwrap();
        let checklist = made["id"].as_i64().unwrap();
        let b = app.browser(&alice).await;
        let form = b.page(&format!("/orgs/{org}/registers/cloud-services")).await;
        assert!(form.contains(&format!("<option value=\"{checklist}\" >50.0%")), "the submitted checklist is offered");
        let r = b.post_form(&format!("/orgs/{org}/registers/cloud-services"), &[("name", "クラウド会計"), ("checklist", &checklist.to_string())]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let list = b.page(&format!("/orgs/{org}/registers/cloud-services")).await;
        assert!(list.contains("50.0%（"), "the register shows the checklist's result");
        let stored = api.json(&format!("/api/v1/orgs/{org}/registers/cloud-services")).await;
        assert_eq!(stored[0]["fields"]["checklist"], checklist.to_string());
        let r = b.post_form(&format!("/orgs/{org}/registers/cloud-services"), &[("name", "x"), ("checklist", "abc")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }

    async fn a_large_register_is_read_a_page_at_a_time_and_searched_by_name(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        let mut rows: Vec<mamori_storage::RegisterFields> = (0..205)
            .map(|k| mamori_storage::RegisterFields { name: format!("PC-{k:03}"), ..Default::default() })
            .collect();
        rows.push(mamori_storage::RegisterFields { name: "100%_特別機".into(), ..Default::default() });
        app.store().import_register_entries(&scope, mamori_domain::operations::registers::RegisterKind::Devices, &rows, false).await.unwrap();
        let b = app.browser(&alice).await;
        let first = b.page(&format!("/orgs/{org}/registers/devices")).await;
        assert_eq!(figure(&first, "register-total"), "206件 ・ 3ページ中1ページ目");
        assert_eq!(first.matches("<th scope=\"row\" data-label=\"名称\">").count(), 100);
        assert!(first.contains("100%_特別機"), "names sort as text: 1 before P");
        let third = b.page(&format!("/orgs/{org}/registers/devices?page=3")).await;
        assert_eq!(third.matches("<th scope=\"row\" data-label=\"名称\">").count(), 6);
        assert!(third.contains("PC-204"));
        let found = b.page(&format!("/orgs/{org}/registers/devices?q=pc-00")).await;
        assert_eq!(figure(&found, "register-total"), "10件");
        // % and _ are searched as themselves, not as patterns.
        let special = b.page(&format!("/orgs/{org}/registers/devices?q=%25_")).await;
        assert_eq!(figure(&special, "register-total"), "1件");
        assert!(special.contains("100%_特別機"));
    }

    async fn a_file_with_a_bad_row_imports_nothing_and_an_exported_file_imports_back(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let api = app.api(&alice);
        let upload = |bytes: Vec<u8>, name: &str, mode: &str| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", b.csrf.clone())
                .text("mode", mode.to_owned())
                .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()));
            b.client.post(app.url(&format!("/orgs/{org}/registers/devices/import"))).multipart(form).send()
        };
        let bad = "機器名,OS,サポート終了日,保守期限\n営業用PC-01,Windows 11,2027/10/14,\nファイルサーバー,Ubuntu,2027-02-30,\n,,,\n";
        let r = upload(bad.as_bytes().to_vec(), "devices.csv", "append").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert_eq!(figure(&html, "import-rows"), "1");
        assert_eq!(figure(&html, "import-problems"), "1");
        assert!(html.contains("<td data-label=\"行\">3</td><td data-label=\"列\">サポート終了日</td>"), "the row and column are named");
        assert!(!html.contains("import/confirm"), "no way to import while a row is bad");
        assert!(api.json(&format!("/api/v1/orgs/{org}/registers/devices")).await.as_array().unwrap().is_empty(), "nothing stored");

        let good = "機器名,OS,サポート終了日,保守期限\n営業用PC-01,Windows 11,2027/10/14,\nファイルサーバー,Ubuntu 22.04,2027-04-30,2027-03-31\n";
        let r = upload(good.as_bytes().to_vec(), "devices.csv", "append").await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let key = hidden(&r.text().await.unwrap(), "key");
        let r = b.post_form(&format!("/orgs/{org}/registers/devices/import/confirm"), &[("key", &key), ("mode", "append")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let stored = api.json(&format!("/api/v1/orgs/{org}/registers/devices")).await;
        assert_eq!(stored.as_array().unwrap().len(), 2);
        assert_eq!(stored[0]["name"], "ファイルサーバー");
        assert_eq!(stored[0]["fields"]["maintenance_until"], "2027-03-31");

        // The exported workbook, read by LibreOffice, has the rows; imported back in place of
        // the register, it gives the same entries.
        let r = b.get(&format!("/orgs/{org}/registers/devices/export?format=xlsx")).await;
        assert_eq!(r.status(), StatusCode::OK);
        let xlsx = r.bytes().await.unwrap().to_vec();
        if let Some(text) = office_text(&xlsx, "xlsx") {
            assert!(text.contains("機器名") && text.contains("営業用PC-01") && text.contains("Ubuntu22.04"), "{text}");
        }
        let r = upload(xlsx, "devices.xlsx", "replace").await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.unwrap();
        assert_eq!(figure(&html, "import-rows"), "2");
        let key = hidden(&html, "key");
        let r = b.post_form(&format!("/orgs/{org}/registers/devices/import/confirm"), &[("key", &key), ("mode", "replace")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let again = api.json(&format!("/api/v1/orgs/{org}/registers/devices")).await;
        let strip = |v: &Value| v.as_array().unwrap().iter().map(|e| (e["name"].clone(), e["fields"].clone())).collect::<Vec<_>>();
        assert_eq!(strip(&again), strip(&stored));
        let csv = b.get(&format!("/orgs/{org}/registers/devices/export?format=csv")).await.bytes().await.unwrap();
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "the CSV for Excel starts with the byte order mark");
        assert!(String::from_utf8_lossy(&csv).contains("営業用PC-01,,Windows 11"));
    }

    async fn the_secret_calendar_address_lists_each_persons_due_dates_and_ends_when_remade(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let carol = app.person("carol@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&alice);
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &carol.user, Role::Member).await.unwrap();
        let due = day(20);
        let r = api.post(&format!("/api/v1/orgs/{org}/actions"), &json!({"title": "UTMのファームウェア更新", "due_date": due})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let r = api.post(&format!("/api/v1/orgs/{org}/registers/certificates"), &json!({"name": "www.aoba.example.jp", "fields": {"valid_until": day(40)}})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let today = mamori_app::fields::today_in_japan();
        let r = api.post(&format!("/api/v1/orgs/{org}/incidents"), &json!({"title": "顧客名簿の誤送信", "detected_on": today, "channel": "external_contact", "severity": "high", "personal": {"persons": 1200}})).await;
        assert_eq!(r.status(), StatusCode::CREATED);

        let b = app.browser(&alice).await;
        let r = b.post_form("/account/calendar", &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let address = address_of(&r.text().await.unwrap());
        let path = address.split_once("/calendar/").map(|(_, s)| format!("/calendar/{s}")).unwrap();
        assert!(path.ends_with(".ics"));
        // A calendar application sends no cookie: the address alone is enough.
        let feed = app.anonymous_api().get(&path).await;
        assert_eq!(feed.status(), StatusCode::OK);
        assert_eq!(feed.headers()["content-type"], "text/calendar; charset=utf-8");
        let ics = feed.text().await.unwrap().replace("\r\n ", "");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        let compact = |d: &str| d.replace('-', "");
        assert!(ics.contains(&format!("DTSTART;VALUE=DATE:{}\r\nDTEND", compact(&due))));
        assert!(ics.contains("SUMMARY:対策の期限: UTMのファームウェア更新（青葉製作所）"), "{ics}");
        assert!(ics.contains("SUMMARY:証明書の有効期限: www.aoba.example.jp（青葉製作所）"));
        assert!(ics.contains("SUMMARY:個人情報保護委員会への速報: 顧客名簿の誤送信（青葉製作所）"), "an administrator sees the incident's clocks");

        // Carol is a member who does not handle incidents: her calendar has no incident.
        let cb = app.browser(&carol).await;
        let carols = address_of(&cb.post_form("/account/calendar", &[]).await.text().await.unwrap());
        let carols = carols.split_once("/calendar/").map(|(_, s)| format!("/calendar/{s}")).unwrap();
        let theirs = app.anonymous_api().get(&carols).await.text().await.unwrap();
        assert!(theirs.contains("UTMのファームウェア更新"));
        assert!(!theirs.contains("顧客名簿の誤送信"), "incidents stay with their handlers");

        // A new address ends the old one; deleting ends the new one.
        let again = address_of(&b.post_form("/account/calendar", &[]).await.text().await.unwrap());
        assert_ne!(again, address);
        assert_eq!(app.anonymous_api().get(&path).await.status(), StatusCode::NOT_FOUND);
        let new_path = again.split_once("/calendar/").map(|(_, s)| format!("/calendar/{s}")).unwrap();
        assert_eq!(app.anonymous_api().get(&new_path).await.status(), StatusCode::OK);
        assert_eq!(b.post_form("/account/calendar/delete", &[]).await.status(), StatusCode::SEE_OTHER);
        assert_eq!(app.anonymous_api().get(&new_path).await.status(), StatusCode::NOT_FOUND);
    }
}
