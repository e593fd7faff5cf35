//! The risk-analysis pages over plain HTTP forms: the worked rows of risk.md §4 entered through
//! the register form, threats and countermeasures answered, the results reproduced.

use mamori_storage::OrgKind;
use reqwest::StatusCode;

use crate::support::location;

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
        // Threats: office PC and the servers 3, paper 2 (the sheet's worked example).
        let r = b.post_form(&format!("/orgs/{org}/risk/threats"), &[
            ("t:office_pc:leak", "3"), ("t:office_pc:loss", "2"),
            ("t:paper:leak", "2"),
            ("t:external_server:leak", "3"),
            ("t:internal_server:leak", "3"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page = b.page(&format!("/orgs/{org}/risk/threats")).await;
        assert_eq!(figure(&page, "threat-office_pc"), ["3"], "a medium's threat is its highest");
        // Countermeasures all "partly done": every medium's vulnerability is 2.
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
        let r = b.post_form(&format!("/orgs/{org}/risk/countermeasures"), &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let register = b.page(&format!("/orgs/{org}/risk")).await;
        assert_eq!(figure(&register, "risk"), ["4", "2", "1", "4", "1", "4", "2"], "risk.md §4, row by row");
        let results = b.page(&format!("/orgs/{org}/risk/results")).await;
        assert_eq!(figure(&results, "level-high"), ["3"]);
        assert_eq!(figure(&results, "level-medium"), ["4"]);
        assert_eq!(figure(&results, "heat-2-2"), ["3"], "importance 2, likelihood 2");
        assert_eq!(figure(&results, "heat-1-1"), ["2"], "importance 1, likelihood 1");
    }

    async fn a_bad_asset_is_refused_with_every_field_named_and_nothing_stored(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let r = b.post_form(&format!("/orgs/{org}/risk/assets"), &[("name", ""), ("medium", "floppy"), ("c", "3"), ("i", "0"), ("a", "0")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.text().await.unwrap();
        assert!(body.contains("情報資産の名称を入力してください"));
        assert!(body.contains("媒体・保存先を一覧から選んでください"));
        assert!(body.contains("機密性は0・1・2のどれかにしてください"));
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
}
