//! The action list (対策リスト): taken from a result page's proposals, edited row by row on its
//! page, and over the API; tenancy, roles, Japanese messages for bad input, audit entries.

use mamori_storage::{ActionId, ActionStatus, OrgId, OrgKind, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Person, TestApp, api_error, location, self_check_answers};

/// A submitted self-check of the company, by API; its id.
async fn submitted_self_check(app: &TestApp, who: &Person, org: OrgId) -> i64 {
    let r = app
        .api(who)
        .post(
            &format!("/api/v1/orgs/{org}/assessments"),
            &json!({"catalog": "self-check-25", "answers": self_check_answers("not_done"), "submit": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

/// The action ids of the company, in list order.
async fn action_ids(app: &TestApp, who: &Person, org: OrgId) -> Vec<ActionId> {
    let scope = app
        .store()
        .access(who.user.id, org)
        .await
        .unwrap()
        .unwrap()
        .scope;
    app.store()
        .actions(&scope)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect()
}

crate::on_both_backends! {
    async fn a_proposal_is_taken_from_a_result_page_and_edited_in_the_list(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let assessment = submitted_self_check(&app, &alice, org).await;
        let b = app.browser(&alice).await;
        let empty = b.page(&format!("/orgs/{org}/actions")).await;
        assert!(empty.contains("対策リスト") && empty.contains("まだ対策はありません"));
        assert!(b.page(&format!("/orgs/{org}")).await.contains(&format!("href=\"/orgs/{org}/actions\"")), "the tab");

        // What a result page's 「対策リストに追加」 button posts.
        let back = format!("/orgs/{org}/assessments/{assessment}#improvements");
        let take = [
            ("title", "パスワードを推測されにくいものにする"),
            ("source", "diagnosis"),
            ("assessment", &assessment.to_string()),
            ("catalog", "self-check-25"),
            ("item", "3"),
            ("priority", "2"),
            ("back", &back),
        ];
        let r = b.post_form(&format!("/orgs/{org}/actions"), &take).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), format!("/orgs/{org}/assessments/{assessment}?notice=action_added#improvements"));
        let again = b.post_form(&format!("/orgs/{org}/actions"), &take).await;
        assert_eq!(location(&again), format!("/orgs/{org}/assessments/{assessment}?notice=action_exists#improvements"));
        let ids = action_ids(&app, &alice, org).await;
        assert_eq!(ids.len(), 1, "taking the same item twice adds it once");
        let id = ids[0];
        let list = b.page(&format!("/orgs/{org}/actions?notice=action_exists")).await;
        assert!(list.contains("この項目はすでに対策リストにあります。"));
        assert!(list.contains("パスワードを推測されにくいものにする") && list.contains("未着手") && list.contains("<span class=\"tag\">診断</span>"));
        assert!(list.contains(&format!("href=\"/orgs/{org}/assessments/{assessment}\"")), "the row links to its result");
        assert!(list.contains(&format!("<label for=\"a{id}-owner\" class=\"sr-only\">")), "row inputs have names");

        // Owner, due date, status and note in place.
        let r = b.post_form(&format!("/orgs/{org}/actions/{id}"), &[
            ("priority", "1"), ("owner", "総務 山田"), ("due_date", "2020-04-30"), ("status", "doing"),
            ("cost_yen", "30,000"), ("note", "パスワード管理ソフトを選定中"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), format!("/orgs/{org}/actions?notice=action_updated#action-{id}"));
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        let a = app.store().action(&scope, id).await.unwrap();
        assert_eq!((a.owner.as_deref(), a.due_date.as_deref(), a.status, a.cost_yen, a.priority), (Some("総務 山田"), Some("2020-04-30"), ActionStatus::Doing, Some(30_000), 1));
        let list = b.page(&format!("/orgs/{org}/actions")).await;
        assert!(list.contains("期限切れ"), "an open action past its date is flagged");
        assert!(list.contains("value=\"2020-04-30\"") && list.contains("総務 山田") && list.contains("30000"));

        // Bad input: 422, the field named in Japanese, nothing stored.
        let r = b.post_form(&format!("/orgs/{org}/actions/{id}"), &[
            ("priority", "1"), ("owner", "総務 山田"), ("due_date", "2026-02-30"), ("status", "done"), ("cost_yen", "-5"), ("note", ""),
        ]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("期限「2026-02-30」は日付として読めません"), "{html}");
        assert!(html.contains("費用の見込みは0以上の整数"));
        assert!(html.contains("「パスワードを推測されにくいものにする」: "), "the row is named");
        assert_eq!(app.store().action(&scope, id).await.unwrap(), a);
        let r = b.post_form(&format!("/orgs/{org}/actions"), &[("title", "  "), ("owner", "山田"), ("priority", "1000")]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = r.text().await.unwrap();
        assert!(html.contains("対策の内容を入力してください。") && html.contains("優先度は1から999までの整数"));
        assert!(html.contains("value=\"山田\""), "the form comes back as typed");
        assert_eq!(action_ids(&app, &alice, org).await.len(), 1);

        // A free action from the list page; a return address outside the organisation is ignored.
        let r = b.post_form(&format!("/orgs/{org}/actions"), &[
            ("title", "就業規則に情報セキュリティの条項を入れる"), ("owner", "社労士 佐藤先生"), ("due_date", "2099-03-31"),
            ("priority", ""), ("cost_yen", "５０，０００円"), ("back", "https://evil.example/orgs/1/"),
        ]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = location(&r);
        assert!(to.starts_with(&format!("/orgs/{org}/actions?notice=action_added#action-")), "{to}");
        let ids = action_ids(&app, &alice, org).await;
        assert_eq!(ids.len(), 2);
        let free = app.store().action(&scope, ids[1]).await.unwrap();
        assert_eq!((free.priority, free.cost_yen, free.source.as_str()), (2, Some(50_000), "other"));

        // Done, then deleted.
        let r = b.post_form(&format!("/orgs/{org}/actions/{id}"), &[("status", "done"), ("owner", ""), ("due_date", ""), ("note", "全員のパスワードを変更済み")]).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let done = app.store().action(&scope, id).await.unwrap();
        assert!(done.completed_at.is_some() && done.owner.is_none() && done.due_date.is_none());
        assert_eq!(done.cost_yen, Some(30_000), "fields not sent stay");
        let list = b.page(&format!("/orgs/{org}/actions")).await;
        assert!(!list.contains("期限切れ"));
        assert!(list.contains("完了 <strong>1</strong>件") && list.contains("未着手 <strong>1</strong>件"), "{list}");
        let r = b.post_form(&format!("/orgs/{org}/actions/{id}/delete"), &[]).await;
        assert_eq!(location(&r), format!("/orgs/{org}/actions?notice=action_deleted"));
        assert_eq!(action_ids(&app, &alice, org).await, [ids[1]]);

        // Every change is in the audit log.
        let log = app.store().audit_log(&scope, None, 100).await.unwrap();
        let kinds: Vec<&str> = log.iter().filter(|e| e.object_type == "action").map(|e| e.action.as_str()).collect();
        assert_eq!(kinds, ["action.delete", "action.update", "action.create", "action.update", "action.create"]);
        assert!(log.iter().all(|e| e.actor == "alice@example.jp"));
    }

    async fn the_api_adds_changes_and_removes_actions(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let assessment = submitted_self_check(&app, &alice, org).await;
        let a = app.api(&alice);
        let path = format!("/api/v1/orgs/{org}/actions");
        let body = json!({"title": "ウイルス対策ソフトを全台に入れる", "assessment_id": assessment, "catalog": "self-check-25", "item": "2", "priority": 1, "owner": "情報システム担当", "due_date": "2026-09-30", "cost_yen": 120000});
        let r = a.post(&path, &body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: Value = r.json().await.unwrap();
        assert_eq!(created["status"], "todo");
        assert_eq!(created["source"], "diagnosis");
        assert_eq!(created["item"], "2");
        assert_eq!(created["completed_at"], Value::Null);
        let id = created["id"].as_i64().unwrap();
        let r = a.post(&path, &body).await;
        assert_eq!(r.status(), StatusCode::OK, "the open action for the item comes back");
        assert_eq!(r.json::<Value>().await.unwrap()["id"], id);
        let list = a.json(&path).await;
        assert_eq!(list.as_array().unwrap().len(), 1);

        let item = format!("{path}/{id}");
        let r = a.send_json(Method::PATCH, &item, &json!({"status": "done", "note": "全台に導入。一覧を共有フォルダに保存", "owner": null})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let changed: Value = r.json().await.unwrap();
        assert_eq!(changed["status"], "done");
        assert_eq!(changed["owner"], Value::Null);
        assert_eq!(changed["due_date"], "2026-09-30", "fields left out stay");
        assert!(changed["completed_at"].is_string());

        // Every problem, each naming its field, in Japanese; nothing stored.
        let r = a.post(&path, &json!({"title": "", "priority": 0, "due_date": "2026-13-01", "status": "later", "cost_yen": -1, "source": "rumour"})).await;
        let (status, code, fields, _) = api_error(r).await;
        assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid"));
        assert_eq!(fields, ["title", "source", "priority", "due_date", "status", "cost_yen"]);
        let r = a.post(&path, &json!({"title": "x".repeat(201)})).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"][0]["field"], "title");
        assert_eq!(body["error"]["details"][0]["message"], "対策の内容は200文字以内にしてください。");
        let r = a.send_json(Method::PATCH, &item, &json!({"cost_yen": 1.5, "owner": ["x"], "due_date": "2026-02-29"})).await;
        let (status, _, fields, _) = api_error(r).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields, ["owner", "due_date", "cost_yen"]);
        let r = a.send_json(Method::PATCH, &item, &json!({"status": null})).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"][0]["message"], "状態を選んでください。");
        let r = a.send_json(Method::PATCH, &item, &json!({"assignee": "x"})).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused");
        let r = a.post(&path, &json!({"title": "存在しない項目", "catalog": "self-check-25", "item": "99"})).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"][0]["field"], "item");
        assert_eq!(a.json(&path).await.as_array().unwrap().len(), 1);
        assert_eq!(a.json(&path).await[0]["note"], "全台に導入。一覧を共有フォルダに保存");

        // Taking the item again once its action is done starts a new one; reopening the old one
        // while the new one is open is refused.
        let r = a.post(&path, &body_without_assessment()).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let r = a.send_json(Method::PATCH, &item, &json!({"status": "todo"})).await;
        let (status, _, fields, _) = api_error(r).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["status".to_owned()]));

        assert_eq!(a.delete(&item).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(a.delete(&item).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(a.send_json(Method::PATCH, &item, &json!({"status": "done"})).await.status(), StatusCode::NOT_FOUND);

        let doc = a.json("/api/v1/openapi.json").await;
        assert!(doc["paths"]["/api/v1/orgs/{org}/actions"]["post"].is_object());
        assert!(doc["paths"]["/api/v1/orgs/{org}/actions/{id}"]["patch"].is_object());
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        let log = app.store().audit_log(&scope, None, 100).await.unwrap();
        let kinds: Vec<&str> = log.iter().filter(|e| e.object_type == "action").map(|e| e.action.as_str()).collect();
        assert_eq!(kinds, ["action.delete", "action.create", "action.update", "action.create"]);
    }

    async fn a_viewer_sees_the_list_without_forms_and_changes_nothing(app: TestApp) {
        let admin = app.person("boss@example.jp").await;
        let viewer = app.person("reader@example.jp").await;
        let org = app.org(&admin, OrgKind::Company, "閲覧テスト株式会社").await;
        let scope = app.store().access(admin.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &viewer.user, Role::Viewer).await.unwrap();
        let r = app.api(&admin).post(&format!("/api/v1/orgs/{org}/actions"), &json!({"title": "バックアップを取る", "owner": "総務 山田"})).await;
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

        let v = app.browser(&viewer).await;
        let page = v.page(&format!("/orgs/{org}/actions")).await;
        assert!(page.contains("バックアップを取る") && page.contains("総務 山田") && page.contains("未着手"));
        assert!(!page.contains("対策を追加する") && !page.contains("name=\"owner\"") && !page.contains("削除"), "no forms for a viewer");
        assert_eq!(v.post_form(&format!("/orgs/{org}/actions"), &[("title", "x")]).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(v.post_form(&format!("/orgs/{org}/actions/{id}"), &[("status", "done")]).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(v.post_form(&format!("/orgs/{org}/actions/{id}/delete"), &[]).await.status(), StatusCode::FORBIDDEN);
        let api = app.api(&viewer);
        assert_eq!(api.get(&format!("/api/v1/orgs/{org}/actions")).await.status(), StatusCode::OK);
        assert_eq!(api.post(&format!("/api/v1/orgs/{org}/actions"), &json!({"title": "x"})).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(api.send_json(Method::PATCH, &format!("/api/v1/orgs/{org}/actions/{id}"), &json!({"status": "done"})).await.status(), StatusCode::FORBIDDEN);
        assert_eq!(api.delete(&format!("/api/v1/orgs/{org}/actions/{id}")).await.status(), StatusCode::FORBIDDEN);
        let a = app.store().action(&scope, ActionId(id)).await.unwrap();
        assert_eq!((a.status, a.owner.as_deref()), (ActionStatus::Todo, Some("総務 山田")));
        assert_eq!(app.store().actions(&scope).await.unwrap().len(), 1);
    }

    async fn another_tenants_action_answers_404_on_the_api_and_the_page(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let bob = app.person("bob@example.jp").await;
        let company = app.org(&alice, OrgKind::Company, "アリス製作所").await;
        let assessment = submitted_self_check(&app, &alice, company).await;
        let own = app.org(&bob, OrgKind::Company, "ボブ商店").await;
        let support = app.org(&bob, OrgKind::Support, "ボブ支援室").await;
        let r = app.api(&alice).post(&format!("/api/v1/orgs/{company}/actions"), &json!({"title": "アリスの対策"})).await;
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

        // Bob names Alice's action under his own company, where he may edit.
        let b = app.api(&bob);
        for (method, body) in [(Method::PATCH, json!({"status": "done"})), (Method::DELETE, json!({}))] {
            let r = b.send_json(method.clone(), &format!("/api/v1/orgs/{own}/actions/{id}"), &body).await;
            let (status, code, _, _) = api_error(r).await;
            assert_eq!((status, code.as_str()), (StatusCode::NOT_FOUND, "not_found"), "{method}");
        }
        assert_eq!(b.get(&format!("/api/v1/orgs/{company}/actions")).await.status(), StatusCode::NOT_FOUND);
        let browser = app.browser(&bob).await;
        assert_eq!(browser.post_form(&format!("/orgs/{own}/actions/{id}"), &[("status", "done"), ("owner", "ボブ")]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(browser.post_form(&format!("/orgs/{own}/actions/{id}"), &[("due_date", "bad")]).await.status(), StatusCode::NOT_FOUND, "not even a form error");
        assert_eq!(browser.post_form(&format!("/orgs/{own}/actions/{id}/delete"), &[]).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(browser.get(&format!("/orgs/{company}/actions")).await.status(), StatusCode::NOT_FOUND);
        // An action cannot point at Alice's assessment either.
        let r = b.post(&format!("/api/v1/orgs/{own}/actions"), &json!({"title": "x", "assessment_id": assessment})).await;
        let (status, _, fields, _) = api_error(r).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["assessment_id".to_owned()]));
        assert!(b.json(&format!("/api/v1/orgs/{own}/actions")).await.as_array().unwrap().is_empty());
        // A support organisation has no action list.
        assert_eq!(b.get(&format!("/api/v1/orgs/{support}/actions")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(browser.get(&format!("/orgs/{support}/actions")).await.status(), StatusCode::NOT_FOUND);

        let scope = app.store().access(alice.user.id, company).await.unwrap().unwrap().scope;
        let a = app.store().action(&scope, ActionId(id)).await.unwrap();
        assert_eq!((a.title.as_str(), a.status), ("アリスの対策", ActionStatus::Todo));
    }
}

fn body_without_assessment() -> Value {
    json!({"title": "ウイルス対策ソフトを全台に入れる", "catalog": "self-check-25", "item": "2"})
}
