//! Assessments through the API: draft, save, submit, result; figures identical to the engine's.

use mamori_domain::{builtin, parse_submission, score};
use mamori_storage::OrgKind;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{api_error, self_check_answers};

/// What `mamori assess --format json` prints for a document: the same two domain calls.
fn engine(catalog: &str, doc: &Value) -> Value {
    let c = builtin().get(catalog).unwrap();
    let raw = serde_json::from_value(doc.clone()).unwrap();
    serde_json::to_value(score(c, &parse_submission(c, &raw).unwrap())).unwrap()
}

crate::on_both_backends! {
    async fn a_draft_is_saved_in_steps_then_submitted_and_scored_like_the_engine(app: TestApp) {
        let p = app.person("lead@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "診断テスト株式会社").await;
        let api = app.api(&p);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let r = api.post(&base, &json!({"catalog": "self-check-25", "answers": {"1": "done", "2": "partial"}})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let draft: Value = r.json().await.unwrap();
        let id = draft["id"].as_i64().unwrap();
        assert_eq!(draft["status"], "draft");
        assert_eq!(draft["document"]["answers"], json!({"1": "done", "2": "partial"}));
        let revision = draft["revision"].as_i64().unwrap();

        // Submitting an incomplete draft lists every unanswered item.
        let (status, code, fields, _) = api_error(api.post(&format!("{base}/{id}/submit"), &json!({})).await).await;
        assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid"));
        assert_eq!(fields.len(), 23, "{fields:?}");
        assert!(fields.contains(&"answers.25".to_owned()));

        let mut answers = self_check_answers("done");
        answers["3"] = json!("not_done");
        answers["21"] = json!("unknown");
        answers["8"] = json!("partial");
        let saved = api.put(&format!("{base}/{id}/answers"), &json!({"revision": revision, "answers": answers})).await;
        assert_eq!(saved.status(), StatusCode::OK);
        let new_revision = saved.json::<Value>().await.unwrap()["revision"].as_i64().unwrap();
        assert_eq!(new_revision, revision + 1);
        // Someone saving over an older revision is told, not silently overwritten.
        let stale = api.put(&format!("{base}/{id}/answers"), &json!({"revision": revision, "answers": {}})).await;
        assert_eq!(api_error(stale).await.1, "stale_revision");

        let submitted = api.post(&format!("{base}/{id}/submit"), &json!({})).await;
        assert_eq!(submitted.status(), StatusCode::OK);
        let result = api.json(&format!("{base}/{id}/result")).await;
        let expected = engine("self-check-25", &json!({"answers": answers}));
        assert_eq!(result, expected);
        assert_eq!(result["total"], json!(expected["total"]));
        // Submitted answers are closed.
        let again = api.put(&format!("{base}/{id}/answers"), &json!({"answers": {}})).await;
        assert_eq!(api_error(again).await.1, "already_submitted");
        let audit = api.json(&format!("/api/v1/orgs/{org}/audit")).await;
        assert!(audit.as_array().unwrap().iter().any(|e| e["action"] == "assessment.submit"));
    }

    async fn several_respondents_are_consolidated_as_the_engine_does(app: TestApp) {
        let p = app.person("sites@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "二拠点工業").await;
        let api = app.api(&p);
        let mut factory = self_check_answers("done");
        factory["5"] = json!("not_done");
        let doc = json!({"respondents": [
            {"name": "本社", "answers": self_check_answers("partial")},
            {"name": "工場", "answers": factory},
        ]});
        let mut body = doc.clone();
        body["catalog"] = json!("self-check-25");
        body["submit"] = json!(true);
        let r = api.post(&format!("/api/v1/orgs/{org}/assessments"), &body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: Value = r.json().await.unwrap();
        assert_eq!(created["result"], engine("self-check-25", &doc));
        assert_eq!(created["result"]["respondents"].as_array().unwrap().len(), 2);
        assert_eq!(created["document"]["respondents"][1]["name"], "工場");
    }

    async fn invalid_answers_name_the_item_and_store_nothing(app: TestApp) {
        let p = app.person("typo@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "入力ミス商事").await;
        let api = app.api(&p);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let (status, _, fields, _) = api_error(api.post(&base, &json!({"catalog": "primary-checklist", "answers": {"M1": 7, "X9": 1}})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(fields.contains(&"answers.M1".to_owned()) && fields.contains(&"answers.X9".to_owned()), "{fields:?}");
        let (status, _, fields, message) = api_error(api.post(&base, &json!({"catalog": "no-such-thing"})).await).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["catalog".to_owned()]));
        assert!(message.contains("入力内容"));
        let (status, _, fields, _) = api_error(api.post(&base, &json!({"catalog": "five-principles", "answers": {"1": "yes"}, "submit": true})).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields.len(), 4);
        assert_eq!(api.json(&base).await, json!([]), "nothing half-stored");
    }

    async fn drafts_can_be_deleted_and_submitted_results_only_by_administrators(app: TestApp) {
        let admin = app.person("admin2@example.jp").await;
        let member = app.person("member2@example.jp").await;
        let org = app.org(&admin, OrgKind::Company, "削除テスト").await;
        let a = app.api(&admin);
        assert_eq!(a.post(&format!("/api/v1/orgs/{org}/members"), &json!({"email": "member2@example.jp", "role": "member"})).await.status(), StatusCode::CREATED);
        let m = app.api(&member);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let draft: Value = m.post(&base, &json!({"catalog": "five-principles"})).await.json().await.unwrap();
        let done: Value = m.post(&base, &json!({"catalog": "five-principles", "answers": {"1": "yes", "2": "yes", "3": "yes", "4": "yes", "5": "yes"}, "submit": true})).await.json().await.unwrap();
        assert_eq!(done["result"]["one_star_ready"], json!(true));
        assert_eq!(m.delete(&format!("{base}/{}", draft["id"])).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(m.delete(&format!("{base}/{}", done["id"])).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(a.delete(&format!("{base}/{}", done["id"])).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(a.json(&base).await, json!([]));
    }

    async fn the_list_of_assessments_comes_a_page_at_a_time_newest_first(app: TestApp) {
        let admin = app.person("pager@example.jp").await;
        let org = app.org(&admin, OrgKind::Company, "ページ送り").await;
        let a = app.api(&admin);
        let base = format!("/api/v1/orgs/{org}/assessments");
        let mut ids = Vec::new();
        for _ in 0..3 {
            let made: Value = a.post(&base, &json!({"catalog": "five-principles"})).await.json().await.unwrap();
            ids.push(made["id"].as_i64().unwrap());
        }
        let page: Vec<i64> = a.json(&format!("{base}?limit=2")).await.as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()).collect();
        assert_eq!(page, [ids[2], ids[1]]);
        let next: Vec<i64> = a.json(&format!("{base}?limit=2&before={}", ids[1])).await.as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()).collect();
        assert_eq!(next, [ids[0]]);
        let r = a.get(&format!("{base}?limit=many")).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "a limit that is not a number is refused");
    }
}
