//! The risk-analysis pages over plain HTTP forms: the worked rows of risk.md §4 entered through
//! the register form, threats and countermeasures answered, the results reproduced.

use mamori_storage::OrgKind;
use reqwest::StatusCode;

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

/// Threats of the sheet's worked example (office PC and servers 3, paper 2) and every
/// countermeasure "partly done", so each medium's vulnerability is 2.
async fn rate_as_the_worked_example(b: &Browser, org: i64) {
    let r = b
        .post_form(
            &format!("/orgs/{org}/risk/threats"),
            &[
                ("t:office_pc:leak", "3"),
                ("t:office_pc:loss", "2"),
                ("t:paper:leak", "2"),
                ("t:external_server:leak", "3"),
                ("t:internal_server:leak", "3"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = b.page(&format!("/orgs/{org}/risk/countermeasures")).await;
    let names: Vec<String> = page
        .match_indices("name=\"m:")
        .map(|(at, _)| {
            let rest = &page[at + 6..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .collect();
    let mut fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "2")).collect();
    fields.dedup();
    let r = b
        .post_form(&format!("/orgs/{org}/risk/countermeasures"), &fields)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
}

/// The selected option of each `map:…` select in an import preview.
fn chosen_mapping(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (at, _) in html.match_indices("name=\"map:") {
        let rest = &html[at + 10..];
        let field = rest[..rest.find('"').unwrap()].to_owned();
        let select = &rest[..rest.find("</select>").unwrap()];
        let value = select
            .split("<option ")
            .find(|o| o.contains("selected"))
            .and_then(|o| o.split("value=\"").nth(1))
            .map(|v| v[..v.find('"').unwrap()].to_owned())
            .unwrap_or_default();
        out.push((format!("map:{field}"), value));
    }
    out
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html.find(&marker).unwrap() + marker.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

crate::on_both_backends! {
    async fn the_worked_rows_entered_through_the_pages_give_the_sheets_risk_values(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let empty = b.page(&format!("/orgs/{org}/risk")).await;
        assert!(empty.contains("まだ情報資産が登録されていません"));
        // risk.md §4: asset, medium, C I A.
        let rows = [
            ("社員名簿", "office_pc", "2", "0", "0"),
            ("社員名簿", "paper", "2", "2", "2"),
            ("当社宛請求書", "paper", "1", "1", "1"),
            ("電子メールデータ", "external_server", "2", "2", "2"),
            ("製品カタログ", "paper", "0", "1", "1"),
            ("キャンペーン応募者リスト", "internal_server", "2", "1", "0"),
            ("発注伝票", "internal_server", "1", "0", "0"),
        ];
        for (name, medium, c, i, a) in rows {
            let r = b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", name), ("medium", medium), ("c", c), ("i", i), ("a", a)]).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{name}");
        }
        rate_as_the_worked_example(&b, org).await;
        let page = b.page(&format!("/orgs/{org}/risk/threats")).await;
        assert_eq!(figure(&page, "threat-office_pc"), ["3"], "a medium's threat is its highest");
        let register = b.page(&format!("/orgs/{org}/risk")).await;
        assert_eq!(figure(&register, "risk"), ["4", "2", "1", "4", "1", "4", "2"], "risk.md §4, row by row");
        let results = b.page(&format!("/orgs/{org}/risk/results")).await;
        assert_eq!(figure(&results, "level-high"), ["3"]);
        assert_eq!(figure(&results, "level-medium"), ["4"]);
        assert_eq!(figure(&results, "heat-2-2"), ["3"], "importance 2, likelihood 2");
        assert_eq!(figure(&results, "heat-1-1"), ["2"], "importance 1, likelihood 1");

        // Export, then import into a second company rated the same way: the same results.
        let xlsx = b.get(&format!("/orgs/{org}/risk/export")).await;
        assert_eq!(xlsx.status(), StatusCode::OK);
        let bytes = xlsx.bytes().await.unwrap().to_vec();
        assert_eq!(&bytes[..2], b"PK", "an XLSX (zip) file");
        let second = app.org(&alice, OrgKind::Company, "第二製作所").await.0;
        rate_as_the_worked_example(&b, second).await;
        let form = reqwest::multipart::Form::new()
            .text("csrf", b.csrf.clone())
            .text("mode", "append")
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name("register.xlsx"));
        let preview = b.client.post(app.url(&format!("/orgs/{second}/risk/import"))).multipart(form).send().await.unwrap();
        assert_eq!(preview.status(), StatusCode::OK);
        let html = preview.text().await.unwrap();
        assert_eq!(figure(&html, "import-rows"), ["7"]);
        assert_eq!(figure(&html, "import-problems"), ["0"]);
        assert!(b.page(&format!("/orgs/{second}/risk")).await.contains("0 / 0"), "nothing stored before confirming");
        let key = hidden(&html, "key");
        let mut fields: Vec<(String, String)> = vec![("key".into(), key), ("mode".into(), "append".into()), ("go".into(), "import".into())];
        fields.extend(chosen_mapping(&html));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = b.post_form(&format!("/orgs/{second}/risk/import/confirm"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", r.text().await.unwrap_or_default());
        let again = b.page(&format!("/orgs/{second}/risk")).await;
        assert_eq!(figure(&again, "risk"), ["4", "2", "1", "4", "1", "4", "2"], "the round trip keeps every row");
        let second_results = b.page(&format!("/orgs/{second}/risk/results")).await;
        for f in ["level-high", "level-medium", "level-low", "heat-2-2", "heat-2-1", "heat-1-1", "heat-1-2"] {
            assert_eq!(figure(&second_results, f), figure(&results, f), "{f}");
        }
    }

    async fn an_import_with_bad_rows_lists_them_and_stores_nothing(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let csv = "情報資産名称,媒体・保存先,機密性,完全性,可用性\n社員名簿,事務所PC,2,0,0\n,書類,1,1,1\n製品カタログ,フロッピー,0,1,1\n発注伝票,社内サーバー,3,0,0\n請求書,書類,高,1,1\n";
        let form = reqwest::multipart::Form::new()
            .text("csrf", b.csrf.clone())
            .text("mode", "append")
            .part("file", reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("assets.csv"));
        let preview = b.client.post(app.url(&format!("/orgs/{org}/risk/import"))).multipart(form).send().await.unwrap();
        let html = preview.text().await.unwrap();
        assert_eq!(figure(&html, "import-rows"), ["1"]);
        assert_eq!(figure(&html, "import-problems"), ["4"], "missing name, unknown medium, C=3, text in a number cell");
        assert!(!html.contains("value=\"import\""), "no import button while rows have problems");
        let key = hidden(&html, "key");
        let mut fields: Vec<(String, String)> = vec![("key".into(), key), ("mode".into(), "append".into()), ("go".into(), "import".into())];
        fields.extend(chosen_mapping(&html));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let r = b.post_form(&format!("/orgs/{org}/risk/import/confirm"), &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "a forced import is refused");
        assert!(b.page(&format!("/orgs/{org}/risk")).await.contains("0 / 0"), "nothing stored");
    }

    async fn an_upload_over_the_limit_comes_back_to_the_import_form_with_the_limit_in_words(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let upload = |bytes: Vec<u8>| {
            let form = reqwest::multipart::Form::new()
                .text("csrf", b.csrf.clone())
                .text("mode", "append")
                .part("file", reqwest::multipart::Part::bytes(bytes).file_name("assets.csv"));
            b.client.post(app.url(&format!("/orgs/{org}/risk/import"))).multipart(form).send()
        };
        // A 10,000-row register with notes, about 1.3 MB: past the old 1 MiB, within the limit.
        let mut csv = String::from("情報資産名称,媒体・保存先,機密性,完全性,可用性,備考\n");
        for k in 0..10_000 {
            csv.push_str(&format!("情報資産 {k},事務所PC,1,1,1,保存期間と保管場所は総務部の規程による。社外への持ち出しは禁止（{k}）\n"));
        }
        assert!(csv.len() > 1024 * 1024, "{} bytes", csv.len());
        let r = upload(csv.into_bytes()).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(figure(&r.text().await.unwrap(), "import-rows"), ["10000"]);

        let just_over = vec![b'a'; 16 * 1024 * 1024 + 1];
        let r = upload(just_over).await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let back = location(&r);
        assert_eq!(back, format!("/orgs/{org}/risk/import?problem=too_large"));
        let form = b.page(&back).await;
        assert!(form.contains("ファイルが大きすぎます。取り込めるのは16MBまでのファイルです。"), "{form}");
        assert!(form.contains("name=\"file\""), "the form to choose another file");
        assert!(!form.contains("MiB"));
    }

    async fn the_import_preview_shows_each_medium_in_the_words_of_the_file(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let csv = "情報資産名称,媒体・保存先,機密性,完全性,可用性\n社員名簿,事務所PC,2,0,0\n請求書,書類,1,1,1\n";
        let form = reqwest::multipart::Form::new()
            .text("csrf", b.csrf.clone())
            .text("mode", "append")
            .part("file", reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("assets.csv"));
        let preview = b.client.post(app.url(&format!("/orgs/{org}/risk/import"))).multipart(form).send().await.unwrap();
        assert_eq!(preview.status(), StatusCode::OK);
        let html = preview.text().await.unwrap();
        assert!(html.contains(">事務所PC</td>"), "{html}");
        assert!(html.contains(">書類</td>"));
        assert!(!html.contains("office_pc") && !html.contains(">paper<"), "no stored codes on the page");
    }

    async fn an_euc_jp_csv_is_refused_with_the_encodings_that_work_and_how_to_save_one(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        // 情報資産名称,媒体・保存先,機密性,完全性,可用性 / 社員名簿,書類,2,0,0 in EUC-JP.
        let euc_jp = b"\xbe\xf0\xca\xf3\xbb\xf1\xbb\xba\xcc\xbe\xbe\xce\x2c\xc7\xde\xc2\xce\xa1\xa6\xca\xdd\xc2\xb8\xc0\xe8\x2c\xb5\xa1\xcc\xa9\xc0\xad\x2c\xb4\xb0\xc1\xb4\xc0\xad\x2c\xb2\xc4\xcd\xd1\xc0\xad\x0a\xbc\xd2\xb0\xf7\xcc\xbe\xca\xed\x2c\xbd\xf1\xce\xe0\x2c\x32\x2c\x30\x2c\x30\x0a";
        let form = reqwest::multipart::Form::new()
            .text("csrf", b.csrf.clone())
            .text("mode", "append")
            .part("file", reqwest::multipart::Part::bytes(euc_jp.to_vec()).file_name("assets.csv"));
        let r = b.client.post(app.url(&format!("/orgs/{org}/risk/import"))).multipart(form).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("EUC-JP のようです"), "{html}");
        assert!(html.contains("UTF-8・UTF-16・Shift_JIS"));
        assert!(html.contains("CSV UTF-8 (コンマ区切り) (*.csv)"));
        assert!(html.contains("name=\"file\""), "the form to choose the saved file");
    }

    async fn a_bad_asset_is_refused_with_every_field_named_and_nothing_stored(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let r = b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", ""), ("medium", "floppy"), ("c", "3"), ("i", "0"), ("a", "0")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        // The same messages as the API and an imported row (one asset parser).
        assert!(body.contains("情報資産名称を入力してください"));
        assert!(body.contains("媒体・保存先「floppy」は選べません"));
        assert!(body.contains("機密性（C）は0、1、2のいずれかで入力してください"));
        assert!(b.page(&format!("/orgs/{org}/risk")).await.contains("まだ情報資産が登録されていません"));
    }

    async fn an_asset_is_edited_duplicated_and_deleted_and_personal_data_makes_it_important(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", "顧客名簿"), ("medium", "office_pc"), ("c", "0"), ("i", "0"), ("a", "0")]).await;
        let register = b.page(&format!("/orgs/{org}/risk")).await;
        let at = register.find("/risk/assets/").unwrap();
        let id: String = register[at + 13..].chars().take_while(char::is_ascii_digit).collect();
        let r = b.post_form(&format!("/orgs/{org}/risk/assets/{id}"), &[("name", "顧客名簿"), ("medium", "office_pc"), ("personal", "personal"), ("c", "0"), ("i", "0"), ("a", "0")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/risk/assets/{id}")).await;
        assert!(page.contains("個人情報を含むため重要度2"), "the reason is shown");
        let r = b.post_form(&format!("/orgs/{org}/risk/assets/{id}/duplicate"), &[]).await;
        assert!(location(&r).contains("/risk/assets/"));
        assert!(b.page(&format!("/orgs/{org}/risk")).await.contains("2 / 2"));
        let r = b.post_form(&format!("/orgs/{org}/risk/assets/{id}/delete"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(b.page(&format!("/orgs/{org}/risk")).await.contains("1 / 1"));
    }

    async fn changes_are_in_the_history_and_a_closed_analysis_is_compared_with_now(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", "社員名簿"), ("medium", "office_pc"), ("c", "2"), ("i", "0"), ("a", "0")]).await;
        rate_as_the_worked_example(&b, org).await;
        let r = b.post_form(&format!("/orgs/{org}/risk/snapshots"), &[("title", "2026年度 上期")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let register = b.page(&format!("/orgs/{org}/risk")).await;
        let at = register.find("/risk/assets/").unwrap();
        let id: String = register[at + 13..].chars().take_while(char::is_ascii_digit).collect();
        b.post_form(&format!("/orgs/{org}/risk/assets/{id}"), &[("name", "社員名簿"), ("medium", "office_pc"), ("c", "1"), ("i", "0"), ("a", "0")]).await;
        let page = b.page(&format!("/orgs/{org}/risk/history")).await;
        assert!(page.contains("c: 2 → 1"), "who changed what is recorded");
        assert!(page.contains("owner@example.jp") || page.contains("alice@example.jp"));
        assert!(page.contains("「2026年度 上期」"));
        assert!(page.contains("社員名簿: 4 → 2"), "the risk value then and now");
        let long = "期".repeat(101);
        let r = b.post_form(&format!("/orgs/{org}/risk/snapshots"), &[("title", &long)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("名前は100文字以内にしてください。"));
        let r = b.post_form(&format!("/orgs/{org}/risk/snapshots"), &[("title", " ")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "a blank name is the date's");
        assert!(b.page(&format!("/orgs/{org}/risk/history")).await.contains("「リスク分析 20"));

        // The API keeps the same document, so a snapshot closed there compares the same way.
        let api = app.api(&alice);
        let r = api.post(&format!("/api/v1/orgs/{org}/risk/snapshots"), &serde_json::json!({"title": "API で記録"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        b.post_form(&format!("/orgs/{org}/risk/assets/{id}"), &[("name", "社員名簿"), ("medium", "office_pc"), ("c", "2"), ("i", "0"), ("a", "0")]).await;
        let page = b.page(&format!("/orgs/{org}/risk/history")).await;
        assert!(page.contains("「API で記録」"));
        assert!(page.contains("社員名簿: 2 → 4"), "the API-closed analysis's risk values are read");
    }

    async fn chosen_assets_are_changed_together_and_a_bad_value_changes_none(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        for name in ["見積書", "請求書", "納品書"] {
            b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", name), ("medium", "paper"), ("c", "0"), ("i", "0"), ("a", "0")]).await;
        }
        let register = b.page(&format!("/orgs/{org}/risk")).await;
        let ids: Vec<String> = register
            .match_indices("name=\"ids\" value=\"")
            .map(|(at, m)| register[at + m.len()..].chars().take_while(char::is_ascii_digit).collect())
            .collect();
        assert_eq!(ids.len(), 3);
        let r = b.post_form(&format!("/orgs/{org}/risk/bulk"), &[("ids", &ids[0]), ("ids", &ids[1]), ("bulk_c", "9")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let r = b.post_form(&format!("/orgs/{org}/risk/bulk"), &[("ids", &ids[0]), ("ids", &ids[1]), ("bulk_category", "経理"), ("bulk_c", "2")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let register = b.page(&format!("/orgs/{org}/risk?group=category")).await;
        assert!(register.contains("<h3>経理</h3>"));
        assert_eq!(register.matches("2 / 0 / 0").count(), 2, "two rows changed, the third not");
    }
}
