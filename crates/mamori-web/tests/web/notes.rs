//! The consultant's notes on a secondary diagnosis (傾向と対策, 改善提案): entered on the
//! questionnaire or the result page, or through the API, kept after submission, shown with each
//! item's grade, and only in their own organisation.

use mamori_storage::{OrgKind, Role};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{api_error, location};

/// Every item of `employee-rules` answered: a rule that is followed but not checked (grade B).
fn rules_answers() -> Value {
    let mut answers = serde_json::Map::new();
    for n in 0..10 {
        answers.insert(
            format!("R{n}"),
            json!({"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"}),
        );
    }
    Value::Object(answers)
}

/// The same answers as questionnaire fields.
fn rules_fields() -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for n in 0..10 {
        for (vp, v) in [
            ("rule", "yes"),
            ("adoption", "yes"),
            ("managed", "no"),
            ("technical", "no"),
        ] {
            fields.push((format!("a:R{n}:{vp}"), v.to_owned()));
        }
    }
    fields
}

fn as_pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

crate::on_both_backends! {
    async fn notes_entered_on_the_questionnaire_appear_on_the_result_page_and_through_the_api(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await.0;
        let b = app.browser(&alice).await;
        let r = b.post_form(&format!("/orgs/{org}/diagnoses"), &[("catalog", "employee-rules")]).await;
        let path = location(&r);
        let page = b.page(&path).await;
        assert!(page.contains("name=\"n:R3:observation\"") && page.contains("name=\"n:R3:proposal\""), "two text areas per item");
        let mut fields = rules_fields();
        fields.push(("part".into(), "0".into()));
        fields.push(("n:R3:observation".into(), "同じパスワードを使い回している".into()));
        fields.push(("n:R3:proposal".into(), "パスワード管理ツールを導入する".into()));
        let r = b.post_form(&format!("{path}/answers"), &as_pairs(&fields)).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        // Kept with the draft: the questionnaire shows them again.
        let again = b.page(&path).await;
        assert!(again.contains(">同じパスワードを使い回している</textarea>"), "{again}");
        let r = b.post_form(&format!("{path}/submit"), &[]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let result = b.page(&location(&r)).await;
        assert!(result.contains("項目ごとの評価と所見"));
        assert!(result.contains("同じパスワードを使い回している") && result.contains("パスワード管理ツールを導入する"));
        assert!(result.contains("data-figure=\"item-grade\">B<"), "each item with its grade");

        let id = path.rsplit('/').next().unwrap();
        let api = app.api(&alice);
        let got = api.json(&format!("/api/v1/orgs/{org}/assessments/{id}")).await;
        assert_eq!(got["notes"], json!([{"item": "R3", "observation": "同じパスワードを使い回している", "proposal": "パスワード管理ツールを導入する"}]));
        assert_eq!(got["document"]["answers"]["R3"]["proposal"], "パスワード管理ツールを導入する", "where the answer file carries them");
        assert_eq!(got["result"]["items"][3], json!({"id": "R3", "grade": "B"}), "notes change no figure");
    }

    async fn notes_are_written_and_read_through_the_api_also_after_submission(app: TestApp) {
        let p = app.person("consultant@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "名古屋精機").await;
        let api = app.api(&p);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let mut answers = rules_answers();
        answers["R1"]["observation"] = json!("更新は各自に任せている");
        let created: Value = api.post(&base, &json!({"catalog": "employee-rules", "answers": answers, "submit": true})).await.json().await.unwrap();
        let id = created["id"].as_i64().unwrap();
        assert_eq!(created["status"], "submitted");
        assert_eq!(created["notes"], json!([{"item": "R1", "observation": "更新は各自に任せている", "proposal": ""}]));

        let r = api.put(&format!("{base}/{id}/notes"), &json!({"R2": {"observation": "定義ファイルは自動更新", "proposal": "管理画面で一覧を確認する"}})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let after: Value = r.json().await.unwrap();
        assert_eq!(after.as_array().unwrap().len(), 2, "R1 kept, R2 added: {after}");
        // An item given replaces both its texts; clearing both removes it.
        api.put(&format!("{base}/{id}/notes"), &json!({"R1": {"proposal": "自動更新を有効にする"}, "R2": {"observation": null}})).await;
        let notes = api.json(&format!("{base}/{id}/notes")).await;
        assert_eq!(notes, json!([{"item": "R1", "observation": "", "proposal": "自動更新を有効にする"}]));
        let got = api.json(&format!("{base}/{id}")).await;
        assert_eq!(got["result"], created["result"], "the result does not move");
        let audit = api.json(&format!("/api/v1/orgs/{org}/audit")).await;
        let entry = audit.as_array().unwrap().iter().find(|e| e["action"] == "assessment.notes").expect("audited");
        assert!(entry["summary"].as_str().unwrap().contains("傾向と対策"), "{entry}");
    }

    async fn wrong_notes_are_named_one_by_one_and_nothing_is_stored(app: TestApp) {
        let p = app.person("typo@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "入力ミス商事").await;
        let api = app.api(&p);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let created: Value = api.post(&base, &json!({"catalog": "employee-rules", "answers": rules_answers(), "submit": true})).await.json().await.unwrap();
        let id = created["id"].as_i64().unwrap();
        let long = "あ".repeat(2001);
        let body = json!({"R1": {"observation": "正しい所見"}, "R2": {"observation": &long}, "R3": {"proposal": 5}, "R4": {"colour": "red"}, "X9": {}});
        let (status, code, fields, _) = api_error(api.put(&format!("{base}/{id}/notes"), &body).await).await;
        assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid"));
        assert_eq!(fields, ["R2.observation", "R3.proposal", "R4.colour", "X9"]);
        assert_eq!(api.json(&format!("{base}/{id}/notes")).await, json!([]), "not even the right one is stored");
        // Inside the answers, the same limit with the place in the answer document.
        let draft: Value = api.post(&base, &json!({"catalog": "employee-rules"})).await.json().await.unwrap();
        let (status, _, fields, _) = api_error(api.put(&format!("{base}/{}/answers", draft["id"]), &json!({"answers": {"R5": {"rule": "yes", "proposal": "あ".repeat(2001)}}})).await).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["answers.R5.proposal".to_owned()]));
        // A questionnaire the company answers itself has no notes.
        let five: Value = api.post(&base, &json!({"catalog": "five-principles"})).await.json().await.unwrap();
        let (status, _, fields, message) = api_error(api.put(&format!("{base}/{}/notes", five["id"]), &json!({"1": {"observation": "x"}})).await).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["1".to_owned()]));
        assert!(message.contains("入力内容"), "{message}");

        // On the pages: the result page's form and the questionnaire say what is wrong and keep the text.
        let b = app.browser(&p).await;
        let r = b.post_form(&format!("/orgs/{org}/assessments/{id}/notes"), &[("n:R2:observation", long.as_str()), ("n:R2:proposal", "提案")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let page = r.text().await.unwrap();
        assert!(page.contains("設問 R2 の傾向と対策は2000文字以内にしてください。"), "{page}");
        assert!(page.contains(">提案</textarea>"), "the person's text is kept");
        assert_eq!(api.json(&format!("{base}/{id}/notes")).await, json!([]));
        let path = format!("/orgs/{org}/assessments/{}", draft["id"]);
        let r = b.post_form(&format!("{path}/answers"), &[("part", "0"), ("a:R0:rule", "yes"), ("n:R0:proposal", long.as_str())]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text().await.unwrap().contains("設問 R0 の改善提案は2000文字以内にしてください。"));
        let stored = api.json(&format!("{base}/{}", draft["id"])).await;
        assert_eq!((&stored["revision"], &stored["notes"]), (&json!(0), &json!([])), "neither the answer nor the note was saved");
    }

    async fn notes_are_saved_from_the_result_page_and_reach_no_other_tenant(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let bob = app.person("bob@example.jp").await;
        let vera = app.person("vera@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "アリス製作所").await;
        app.org(&bob, OrgKind::Company, "ボブ商店").await;
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &vera.user, Role::Viewer).await.unwrap();
        let a = app.api(&alice);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let created: Value = a.post(&base, &json!({"catalog": "employee-rules", "answers": rules_answers(), "submit": true})).await.json().await.unwrap();
        let id = created["id"].as_i64().unwrap();

        let browser = app.browser(&alice).await;
        let result = browser.page(&format!("/orgs/{org}/assessments/{id}")).await;
        assert!(result.contains(&format!("action=\"/orgs/{org}/assessments/{id}/notes\"")), "an editor gets the form");
        let r = browser.post_form(&format!("/orgs/{org}/assessments/{id}/notes"), &[("n:R7:observation", "来客が執務室に入れる"), ("n:R7:proposal", "")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(location(&r).ends_with("?notice=notes_saved#note-R7"), "{}", location(&r));
        assert!(browser.page(&format!("/orgs/{org}/assessments/{id}")).await.contains("来客が執務室に入れる"));

        let notes = format!("{base}/{id}/notes");
        let b = app.api(&bob);
        assert_eq!(b.get(&notes).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(b.get(&format!("{base}/{id}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(b.put(&notes, &json!({"R7": {"observation": "乗っ取り"}})).await.status(), StatusCode::NOT_FOUND);
        let bob_browser = app.browser(&bob).await;
        let r = bob_browser.post_form(&format!("/orgs/{org}/assessments/{id}/notes"), &[("n:R7:observation", "乗っ取り")]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let v = app.api(&vera);
        assert_eq!(v.json(&notes).await.as_array().unwrap().len(), 1, "a viewer reads them");
        assert_eq!(v.put(&notes, &json!({"R7": {"observation": "変更"}})).await.status(), StatusCode::FORBIDDEN);
        let viewer_page = app.browser(&vera).await.page(&format!("/orgs/{org}/assessments/{id}")).await;
        assert!(viewer_page.contains("来客が執務室に入れる") && !viewer_page.contains("所見を書く"), "no form for a viewer");
        assert_eq!(a.json(&notes).await, json!([{"item": "R7", "observation": "来客が執務室に入れる", "proposal": ""}]));
    }
}
