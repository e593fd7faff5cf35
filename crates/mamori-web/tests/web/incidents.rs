//! Incidents (operations.md §3): only administrators and incident handlers see them, on every
//! route; a personal-data leak's legal clocks stay on the company home until marked done; the
//! lessons of a closed incident become actions.

use mamori_storage::{OrgKind, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn leak() -> Value {
    json!({"title": "顧客名簿の誤送信", "detected_on": "2026-04-01", "detected_time": "23:59",
        "channel": "external_contact", "severity": "high", "personal": {"persons": 1200}})
}

crate::on_both_backends! {
    async fn only_administrators_and_incident_handlers_see_incidents_on_every_route(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let carol = app.person("carol@example.jp").await;
        let dave = app.person("dave@example.jp").await;
        let sam = app.person("sam@example.jp").await;
        let company = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let scope = app.store().access(alice.user.id, company).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &carol.user, Role::Member).await.unwrap();
        app.store().add_member(&scope, &dave.user, Role::Member).await.unwrap();
        let support = app.org(&sam, OrgKind::Support, "あおば商工会").await;
        let code = app.support_code(&sam, support).await;
        let a = app.api(&alice);
        assert_eq!(a.post(&format!("/api/v1/orgs/{company}/consents"), &json!({"support_code": code})).await.status(), StatusCode::CREATED);
        let r = a.post(&format!("/api/v1/orgs/{company}/incidents"), &leak()).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let fill = |p: &str| p.replace("{org}", &company.to_string()).replace("{incident}", &id.to_string())
            .replace("{id}", &id.to_string()).replace("{report}", "final");

        // Carol (a member) and Sam (a consultant the company shares with) get 404 everywhere.
        let doc = a.json("/api/v1/openapi.json").await;
        for who in [&carol, &sam] {
            let api = app.api(who);
            let mut checked = 0;
            for (path, item) in doc["paths"].as_object().unwrap() {
                if !path.contains("incident") {
                    continue;
                }
                for method in ["get", "post", "put", "delete"] {
                    if item.get(method).is_some() {
                        let r = api.send_json(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), &fill(path), &json!({})).await;
                        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{method} {path}");
                        checked += 1;
                    }
                }
            }
            assert!(checked >= 9, "only {checked} incident API routes");
            let b = app.browser(who).await;
            let mut pages = 0;
            for path in mamori_pages::route_paths().iter().filter(|p| p.contains("incidents")) {
                let url = fill(path);
                let got = b.get(&url).await.status();
                let posted = b.post_form(&url, &[("title", "x"), ("body", "x"), ("lessons", "x"), ("report", "final"), ("done", "1"), ("handler", "1")]).await.status();
                for s in [got, posted] {
                    assert!(s == StatusCode::NOT_FOUND || s == StatusCode::METHOD_NOT_ALLOWED, "{path}: {s}");
                }
                pages += 1;
            }
            assert!(pages >= 6, "only {pages} incident pages");
            let home = b.page(&format!("/orgs/{company}")).await;
            assert!(!home.contains("顧客名簿の誤送信") && !home.contains("インシデントの報告期限"), "the home shows nothing of incidents");
            let due = b.page(&format!("/orgs/{company}/due")).await;
            assert!(!due.contains("顧客名簿の誤送信"), "nor does the due-date list");
        }

        // Named a handler, Dave sees them, on the home too; unnamed, he no longer does.
        let r = a.put(&format!("/api/v1/orgs/{company}/incident-handlers"), &json!({"users": [dave.user.id.0]})).await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let d = app.api(&dave);
        assert_eq!(d.json(&format!("/api/v1/orgs/{company}/incidents")).await.as_array().unwrap().len(), 1);
        assert!(app.browser(&dave).await.page(&format!("/orgs/{company}")).await.contains("顧客名簿の誤送信"));
        assert_eq!(d.get(&format!("/api/v1/orgs/{company}/incident-handlers")).await.status(), StatusCode::FORBIDDEN, "a handler does not name handlers");
        let r = a.put(&format!("/api/v1/orgs/{company}/incident-handlers"), &json!({"users": [sam.user.id.0]})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "only members can handle incidents");
        a.put(&format!("/api/v1/orgs/{company}/incident-handlers"), &json!({"users": []})).await;
        assert_eq!(d.get(&format!("/api/v1/orgs/{company}/incidents")).await.status(), StatusCode::NOT_FOUND);
    }

    async fn a_leaks_clocks_stay_on_the_home_until_marked_done_and_its_lessons_become_actions(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let company = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let b = app.browser(&alice).await;
        let r = b.post_form(&format!("/orgs/{company}/incidents"), &[("title", "顧客名簿の誤送信"), ("detected_on", "2026-04-01"),
            ("detected_time", "23:59"), ("channel", "external_contact"), ("severity", "high"), ("personal", "1"), ("persons", "1,200")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let page_url = r.headers()["location"].to_str().unwrap().split('?').next().unwrap().to_owned();
        let id = page_url.rsplit('/').next().unwrap().to_owned();
        let home = b.page(&format!("/orgs/{company}")).await;
        assert!(home.contains("個人情報保護委員会への速報") && home.contains("2026年4月5日"), "{home}");
        assert!(home.contains("個人情報保護委員会への確報") && home.contains("2026年4月30日"));
        let page = b.page(&page_url).await;
        assert!(page.contains("1,000人を超える"));

        let r = b.post_form(&format!("{page_url}/reports"), &[("report", "preliminary"), ("done", "1")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let home = b.page(&format!("/orgs/{company}")).await;
        assert!(!home.contains("2026年4月5日") && home.contains("2026年4月30日"), "a report marked done leaves the home");

        let r = b.post_form(&format!("{page_url}/entries"), &[("stage", "containment"), ("body", "送信先に削除を依頼し、削除の確認を得た")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = b.post_form(&format!("{page_url}/close"), &[("lessons", "")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("教訓（何がわかり、何を変えるか）を入力してください。"));
        let r = b.post_form(&format!("{page_url}/close"), &[("lessons", "宛先の確認が一人だけだった"), ("measures", "外部へのメール送信は2人で宛先を確認する\n\n名簿はパスワード付きで送らない")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let actions = app.api(&alice).json(&format!("/api/v1/orgs/{company}/actions")).await;
        let titles: Vec<&str> = actions.as_array().unwrap().iter().filter(|a| a["source"] == "incident").map(|a| a["title"].as_str().unwrap()).collect();
        assert_eq!(titles.len(), 2, "{actions}");
        assert!(titles.contains(&"外部へのメール送信は2人で宛先を確認する"));

        let got = app.api(&alice).json(&format!("/api/v1/orgs/{company}/incidents/{id}")).await;
        assert_eq!(got["report_reasons"], json!(["over_1000_persons"]));
        assert_eq!(got["stage"], "closed");
        assert_eq!(got["clocks"][1], json!({"report": "final", "due": "2026-04-30", "done_on": null}));
        assert_eq!(got["entries"][0]["stage"], "containment");
        let r = app.api(&alice).post(&format!("/api/v1/orgs/{company}/incidents/{id}/entries"), &json!({"stage": "recovery", "body": "x"})).await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "a closed incident takes no more entries");
        // The final report is still due after closing: the home keeps it.
        assert!(b.page(&format!("/orgs/{company}")).await.contains("2026年4月30日"));
        // The due-date list has the report and the actions' due dates, soonest first.
        let action = app.api(&alice).post(&format!("/api/v1/orgs/{company}/actions"), &json!({"title": "バックアップを取る", "due_date": "2026-05-10", "owner": "総務 山田"})).await;
        assert_eq!(action.status(), StatusCode::CREATED);
        let due = b.page(&format!("/orgs/{company}/due")).await;
        let report = due.find("個人情報保護委員会への確報").expect("the report is listed");
        let backup = due.find("バックアップを取る").expect("the action is listed");
        assert!(report < backup, "30 April before 10 May");
        assert!(due.contains("2026年4月30日") && due.contains("総務 山田"));
    }

    async fn a_bad_incident_is_refused_with_each_field_named_and_a_drill_counts_for_maturity(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let company = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let a = app.api(&alice);
        let r = a.post(&format!("/api/v1/orgs/{company}/incidents"), &json!({"title": "", "detected_on": "2099-01-01", "channel": "fax", "severity": "high"})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = r.json().await.unwrap();
        let fields: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["title", "channel", "detected_on"]);
        let r = app.browser(&alice).await.post_form(&format!("/orgs/{company}/incidents"), &[("title", "x"), ("detected_on", "2099-01-01"), ("channel", "internal_report"), ("severity", "low")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("発見日時が未来になっています。"));
        assert!(a.json(&format!("/api/v1/orgs/{company}/incidents")).await.as_array().unwrap().is_empty(), "nothing stored");

        let drill = json!({"title": "標的型メール訓練", "drill": true, "detected_on": "2026-10-01", "channel": "internal_report", "severity": "low", "personal": {"persons": 5000}});
        let r = a.post(&format!("/api/v1/orgs/{company}/incidents"), &drill).await;
        let made: Value = r.json().await.unwrap();
        assert_eq!(made["clocks"], json!([]), "a drill starts no legal clock");
        let access = app.store().access(alice.user.id, company).await.unwrap().unwrap();
        let records = mamori_app::standing::gather(app.store(), &access, time::macros::date!(2026 - 12 - 07)).await.unwrap();
        assert_eq!(records.evidence.last_drill_on, Some(time::macros::date!(2026 - 10 - 01)));
    }
}
