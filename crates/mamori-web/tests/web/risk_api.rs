//! The asset register and risk analysis over the API (risk.md): the register's round trip, every
//! bad field named in Japanese with nothing stored, roles, tenancy, and the evaluation of the
//! specification's worked rows.

use mamori_storage::{OrgId, OrgKind, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Api, api_error};

fn base(org: OrgId) -> String {
    format!("/api/v1/orgs/{org}/risk")
}

/// Adds an asset; its id.
async fn add(a: &Api, org: OrgId, body: &Value) -> i64 {
    let r = a.post(&format!("{}/assets", base(org)), body).await;
    assert_eq!(r.status(), StatusCode::CREATED, "{body}");
    r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

fn staff_list() -> Value {
    json!({
        "business_category": "人事", "name": "社員名簿", "users": "総務部", "owner_department": "総務部",
        "medium": "事務所PC", "personal": ["個人情報"], "persons": "1,200", "classification": "社外秘",
        "risk_owner": "総務部長", "c": 2, "i": "0", "a": 0, "retention": "退職後5年", "lifecycle": "保管",
    })
}

crate::on_both_backends! {
    async fn a_ten_thousand_row_import_is_accepted_in_one_request(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let a = app.api(&alice);
        let rows: Vec<Value> = (0..10_000)
            .map(|k| json!({
                "business_category": "人事", "name": format!("情報資産 {k}"), "users": "総務部",
                "owner_department": "総務部", "medium": "office_pc", "c": 1, "i": 1, "a": 0,
                "note": "保存期間と保管場所は総務部の規程による", "retention": "5年",
            }))
            .collect();
        let body = json!({"rows": rows});
        assert!(body.to_string().len() > 2 * 1024 * 1024, "well past the old 1 MiB");
        let r = a.post(&format!("{}/assets/import", base(org)), &body).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.json::<Value>().await.unwrap(), json!({"added": 10_000, "removed": 0}));
    }

    async fn the_register_round_trips_over_the_api(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let a = app.api(&alice);
        let assets = format!("{}/assets", base(org));
        assert_eq!(a.json(&assets).await, json!([]));

        // Names are stored as codes; the registration date defaults to today.
        let r = a.post(&assets, &staff_list()).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let created: Value = r.json().await.unwrap();
        let id = created["id"].as_i64().unwrap();
        assert_eq!(created["medium"], "office_pc");
        assert_eq!(created["personal"], json!(["personal"]));
        assert_eq!((created["persons"].as_i64(), created["classification"].as_str(), created["lifecycle"].as_str()), (Some(1200), Some("internal"), Some("store")));
        assert_eq!((created["c"].as_i64(), created["i"].as_i64(), created["position"].as_i64()), (Some(2), Some(0), Some(1)));
        assert_eq!(created["registered"].as_str().unwrap().len(), 10);
        let one = format!("{assets}/{id}");
        assert_eq!(a.json(&one).await, created);

        // PUT replaces every field.
        let mut replaced = staff_list();
        replaced["medium"] = json!("paper");
        replaced["i"] = json!(2);
        replaced["a"] = json!(2);
        replaced["registered"] = json!("2026/4/1");
        replaced["note"] = json!("紙の名簿\n鍵付きの棚");
        let r = a.put(&one, &replaced).await;
        assert_eq!(r.status(), StatusCode::OK);
        let put: Value = r.json().await.unwrap();
        assert_eq!((put["medium"].as_str(), put["i"].as_i64(), put["registered"].as_str(), put["note"].as_str()), (Some("paper"), Some(2), Some("2026-04-01"), Some("紙の名簿\n鍵付きの棚")));

        // Duplicate (just below), a second asset, then a bulk change of both copies.
        let r = a.post(&format!("{one}/duplicate"), &json!({})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let copy: Value = r.json().await.unwrap();
        let copy_id = copy["id"].as_i64().unwrap();
        assert_eq!((copy["name"].as_str(), copy["position"].as_i64()), (Some("社員名簿"), Some(2)));
        let invoices = add(&a, org, &json!({"name": "当社宛請求書", "medium": "paper", "c": 1, "i": 1, "a": 1})).await;
        let r = a.send_json(Method::PATCH, &assets, &json!([
            {"id": copy_id, "changes": {"medium": "office_pc", "i": 0, "a": 0, "note": null}},
            {"id": invoices, "changes": {"owner_department": "経理部"}},
        ])).await;
        assert_eq!(r.status(), StatusCode::OK);
        let changed: Value = r.json().await.unwrap();
        assert_eq!(changed[0]["medium"], "office_pc");
        assert_eq!(changed[0]["note"], Value::Null);
        assert_eq!(changed[0]["name"], "社員名簿", "fields not given stay");
        assert_eq!(changed[1]["owner_department"], "経理部");
        let list = a.json(&assets).await;
        let order: Vec<i64> = list.as_array().unwrap().iter().map(|x| x["id"].as_i64().unwrap()).collect();
        assert_eq!(order, [id, copy_id, invoices]);

        // Delete: gone, and its history stays.
        assert_eq!(a.delete(&format!("{assets}/{invoices}")).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(a.get(&format!("{assets}/{invoices}")).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(a.delete(&format!("{assets}/{invoices}")).await.status(), StatusCode::NOT_FOUND);
        let history = a.json(&format!("{}/history", base(org))).await;
        let actions: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["change"]["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["delete", "update", "update", "create", "create", "update", "create"]);
        assert_eq!(history[0]["asset_id"], invoices);
        assert_eq!(history[0]["actor"], "alice@example.jp");
        let of_first = a.json(&format!("{}/history?asset={id}", base(org))).await;
        assert_eq!(of_first.as_array().unwrap().len(), 2);
        assert_eq!(of_first[0]["change"]["fields"]["medium"], json!({"before": "office_pc", "after": "paper"}));
        let older = history[1]["id"].as_i64().unwrap();
        let page = a.json(&format!("{}/history?before={older}&limit=2", base(org))).await;
        assert_eq!(page.as_array().unwrap().iter().map(|h| &h["id"]).collect::<Vec<_>>(), [&history[2]["id"], &history[3]["id"]]);

        // Threats, countermeasures and settings are each set in one call.
        let threats = format!("{}/threats", base(org));
        let r = a.put(&threats, &json!([
            {"medium": "office_pc", "kind": "leak", "frequency": 3},
            {"medium": "書類", "kind": "盗難・紛失", "frequency": "2"},
        ])).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(a.json(&threats).await, json!([
            {"medium": "office_pc", "kind": "leak", "frequency": 3},
            {"medium": "paper", "kind": "theft", "frequency": 2},
        ]));
        let answers = format!("{}/countermeasures", base(org));
        let r = a.put(&answers, &json!([{"item": "1-2", "answer": 2, "note": "一部の部署のみ"}, {"item": "1-1", "answer": 1}])).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(a.json(&answers).await, json!([{"item": "1-1", "answer": 1, "note": null}, {"item": "1-2", "answer": 2, "note": "一部の部署のみ"}]));
        let settings = format!("{}/settings", base(org));
        let defaults = a.json(&settings).await;
        assert_eq!(defaults, json!({"acceptance_threshold": 3, "compensation_per_person": 28308, "incident_cost_template": null, "updated_at": null}));
        let r = a.put(&settings, &json!({"acceptance_threshold": 2, "incident_cost_template": [{"label": "お詫び状の送付", "amount_yen": "1,500,000"}]})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let stored = a.json(&settings).await;
        assert_eq!((stored["acceptance_threshold"].as_i64(), stored["compensation_per_person"].as_i64()), (Some(2), Some(28308)));
        assert_eq!(stored["incident_cost_template"], json!([{"label": "お詫び状の送付", "amount_yen": 1_500_000}]));

        // A treatment puts its planned measures into the action list.
        let treatment = format!("{assets}/{copy_id}/treatment");
        assert_eq!(a.json(&treatment).await, Value::Null);
        let r = a.put(&treatment, &json!({"option": "低減", "planned": "ノートPCのディスクを暗号化する", "owner": "情報システム 佐藤", "due_date": "2026-09-30", "residual_risk": 2, "to_action": true})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let t: Value = r.json().await.unwrap();
        assert_eq!(t["option"], "reduce");
        let action = t["action_id"].as_i64().expect("an action");
        let listed = a.json(&format!("/api/v1/orgs/{org}/actions")).await;
        assert_eq!(listed[0]["id"], action);
        assert_eq!((listed[0]["title"].as_str(), listed[0]["source"].as_str(), listed[0]["owner"].as_str()), (Some("社員名簿: ノートPCのディスクを暗号化する"), Some("risk"), Some("情報システム 佐藤")));
        assert_eq!(a.json(&treatment).await, t);
        assert_eq!(a.json(&format!("{}/treatments", base(org))).await, json!([t]));

        // Closing the analysis keeps it all; later changes do not touch it.
        let snapshots = format!("{}/snapshots", base(org));
        let r = a.post(&snapshots, &json!({"title": "2026年度 上期"})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let closed: Value = r.json().await.unwrap();
        let snapshot = closed["id"].as_i64().unwrap();
        assert_eq!(closed["data"]["assets"].as_array().unwrap().len(), 2);
        assert_eq!(closed["data"]["evaluation"]["assets"][1]["risk_value"], 4, "社員名簿 on office PCs: 2 × likelihood 2");
        assert_eq!(closed["data"]["treatments"][0]["option"], "reduce");
        assert_eq!(closed["data"]["catalog"]["id"], "risk-analysis");
        a.delete(&one).await;
        let again = a.json(&format!("{snapshots}/{snapshot}")).await;
        assert_eq!(again, closed);
        let r = a.post(&snapshots, &json!({})).await;
        let untitled: Value = r.json().await.unwrap();
        assert!(untitled["title"].as_str().unwrap().starts_with("リスク分析 20"));
        let list = a.json(&snapshots).await;
        assert_eq!(list.as_array().unwrap().iter().map(|s| &s["title"]).collect::<Vec<_>>(), [&untitled["title"], &json!("2026年度 上期")]);
        assert!(list[0].get("data").is_none());

        // A confirmed import, appended, then replacing the register.
        let import = format!("{assets}/import");
        let rows = json!([{"name": "見積書", "medium": "paper", "c": 1, "i": 1, "a": 0}, {"name": "顧客リスト", "medium": "社外サーバー", "personal": "personal, my_number", "c": 2, "i": 1, "a": 1}]);
        let r = a.post(&import, &json!({"rows": rows})).await;
        assert_eq!(r.json::<Value>().await.unwrap(), json!({"added": 2, "removed": 0}));
        assert_eq!(a.json(&assets).await.as_array().unwrap().len(), 3);
        let r = a.post(&import, &json!({"rows": rows, "replace": true})).await;
        assert_eq!(r.json::<Value>().await.unwrap(), json!({"added": 2, "removed": 3}));
        let list = a.json(&assets).await;
        assert_eq!(list[1]["personal"], json!(["personal", "my_number"]));
        assert_eq!(list[1]["medium"], "external_server");
        assert_eq!(a.json(&format!("{}/treatments", base(org))).await, json!([]), "treatments go with their assets");

        let doc = a.json("/api/v1/openapi.json").await;
        for (path, method) in [("/assets", "patch"), ("/assets/{asset}", "put"), ("/assets/{asset}/treatment", "put"), ("/evaluation", "get"), ("/snapshots/{snapshot}", "get")] {
            assert!(doc["paths"][format!("/api/v1/orgs/{{org}}/risk{path}")][method].is_object(), "{method} {path}");
        }
        let scope = app.store().access(alice.user.id, org).await.unwrap().unwrap().scope;
        let log = app.store().audit_log(&scope, None, 100).await.unwrap();
        assert!(log.iter().any(|e| e.action == "risk_asset.bulk_update") && log.iter().any(|e| e.action == "risk.snapshot"));
    }

    async fn bad_input_names_every_field_and_stores_nothing(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let a = app.api(&alice);
        let assets = format!("{}/assets", base(org));
        let r = a.post(&assets, &json!({
            "name": " ", "medium": "fax", "personal": ["pii"], "persons": -1, "classification": "部外秘",
            "c": 3, "i": "高", "registered": "2026-02-30", "lifecycle": "x", "users": ["総務部"],
        })).await;
        let (status, code, fields, _) = api_error(r).await;
        assert_eq!((status, code.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, "invalid"));
        assert_eq!(fields, ["name", "users", "medium", "personal[0]", "persons", "classification", "c", "i", "a", "registered", "lifecycle"]);
        let r = a.post(&assets, &json!({"name": "x".repeat(201), "medium": "paper", "c": 0, "i": 0, "a": 0, "note": "ok\n改行は可"})).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"], json!([{"field": "name", "message": "情報資産名称は200文字以内にしてください。"}]));
        let r = a.post(&assets, &json!({"name": "名簿", "medium": "USB", "c": 0, "i": 0, "a": 7})).await;
        let body: Value = r.json().await.unwrap();
        let messages: Vec<&str> = body["error"]["details"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
        assert!(messages[0].starts_with("媒体・保存先「USB」は選べません。書類（paper）、事務所PC（office_pc）"), "{}", messages[0]);
        assert_eq!(messages[1], "可用性（A）は0、1、2のいずれかで入力してください。");
        let r = a.post(&assets, &json!({"name": "名簿", "medium": "paper", "c": 0, "i": 0, "a": 0, "owner": "x"})).await;
        let (status, _, fields, _) = api_error(r).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["owner".to_owned()]), "unknown fields are named");
        assert_eq!(a.json(&assets).await, json!([]), "nothing was stored");

        // A bulk change with one bad row changes nothing; the place is the row's.
        let id = add(&a, org, &json!({"name": "見積書", "medium": "paper", "c": 1, "i": 1, "a": 0})).await;
        let before = a.json(&assets).await;
        let r = a.send_json(Method::PATCH, &assets, &json!([{"id": id, "changes": {"c": 2}}, {"id": id, "changes": {"c": 5, "name": null}}])).await;
        let (status, _, fields, _) = api_error(r).await;
        assert_eq!((status, fields), (StatusCode::UNPROCESSABLE_ENTITY, vec!["[1].changes.name".to_owned(), "[1].changes.c".to_owned()]));
        let r = a.post(&format!("{assets}/import"), &json!({"rows": [{"name": "a", "medium": "paper", "c": 0, "i": 0, "a": 0}, {"name": "b", "medium": "paper", "c": 0, "i": 0}]})).await;
        let (_, _, fields, _) = api_error(r).await;
        assert_eq!(fields, ["rows[1].a"]);
        let r = a.put(&format!("{assets}/{id}"), &json!({"name": "見積書"})).await;
        let (_, _, fields, _) = api_error(r).await;
        assert_eq!(fields, ["medium", "c", "i", "a"], "PUT needs the whole asset");
        assert_eq!(a.json(&assets).await, before);

        let r = a.put(&format!("{}/threats", base(org)), &json!([
            {"medium": "fax", "kind": "leak", "frequency": 1},
            {"medium": "external_server", "kind": "theft", "frequency": 4},
            {"medium": "paper", "kind": "leak", "frequency": 2},
            {"medium": "paper", "kind": "leak", "frequency": 3},
        ])).await;
        let (_, _, fields, _) = api_error(r).await;
        assert_eq!(fields, ["[0].medium", "[1].kind", "[1].frequency", "[3].kind"]);
        let r = a.put(&format!("{}/countermeasures", base(org)), &json!([{"item": "99-9", "answer": 1}, {"item": "1-1", "answer": 5}, {"answer": 1}])).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"][0], json!({"field": "[0].item", "message": "対策状況チェックに「99-9」という対策はありません。"}));
        assert_eq!(body["error"]["details"][1]["field"], "[1].answer");
        assert_eq!(body["error"]["details"][2]["field"], "[2].item");
        let r = a.put(&format!("{}/settings", base(org)), &json!({"acceptance_threshold": 7, "compensation_per_person": -1, "incident_cost_template": [{"label": "", "amount_yen": 1}, {"label": "弁護士費用", "amount_yen": "たくさん", "memo": "x"}]})).await;
        let (_, _, fields, _) = api_error(r).await;
        assert_eq!(fields, ["acceptance_threshold", "compensation_per_person", "incident_cost_template[0].label", "incident_cost_template[1].memo", "incident_cost_template[1].amount_yen"]);
        let treatment = format!("{assets}/{id}/treatment");
        let r = a.put(&treatment, &json!({"option": "無視", "residual_risk": 7, "approved_on": "2026-05-01", "to_action": true})).await;
        let (_, _, fields, _) = api_error(r).await;
        assert_eq!(fields, ["option", "residual_risk", "approved_by", "planned"]);
        let r = a.put(&treatment, &json!({"option": "accept", "residual_risk": 4, "approved_by": "代表 鈴木"})).await;
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"]["details"][0], json!({"field": "residual_risk", "message": "残留リスク 4 は受容できる基準（3以下）を超えています。対策でリスクを下げるか、基準を見直してください。"}));
        assert_eq!(a.json(&format!("{}/threats", base(org))).await, json!([]));
        assert_eq!(a.json(&format!("{}/countermeasures", base(org))).await, json!([]));
        assert_eq!(a.json(&format!("{}/settings", base(org))).await["updated_at"], Value::Null);
        assert_eq!(a.json(&treatment).await, Value::Null);
        assert_eq!(a.json(&format!("/api/v1/orgs/{org}/actions")).await, json!([]));
        assert_eq!(a.json(&format!("{}/history", base(org))).await.as_array().unwrap().len(), 1, "only the one asset added");
        let r = a.get(&format!("{}/history?asset=abc", base(org))).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }

    async fn a_viewer_reads_and_a_support_organisation_has_no_register(app: TestApp) {
        let admin = app.person("boss@example.jp").await;
        let viewer = app.person("reader@example.jp").await;
        let org = app.org(&admin, OrgKind::Company, "閲覧テスト株式会社").await;
        let scope = app.store().access(admin.user.id, org).await.unwrap().unwrap().scope;
        app.store().add_member(&scope, &viewer.user, Role::Viewer).await.unwrap();
        let id = add(&app.api(&admin), org, &staff_list()).await;
        let v = app.api(&viewer);
        let b = base(org);
        for path in ["/assets", "/threats", "/countermeasures", "/settings", "/history", "/snapshots", "/evaluation", "/treatments"] {
            assert_eq!(v.get(&format!("{b}{path}")).await.status(), StatusCode::OK, "{path}");
        }
        let writes = [
            (Method::POST, "/assets".to_owned(), staff_list()),
            (Method::PATCH, "/assets".to_owned(), json!([{"id": id, "changes": {"c": 0}}])),
            (Method::POST, "/assets/import".to_owned(), json!({"rows": []})),
            (Method::PUT, format!("/assets/{id}"), staff_list()),
            (Method::DELETE, format!("/assets/{id}"), json!({})),
            (Method::POST, format!("/assets/{id}/duplicate"), json!({})),
            (Method::PUT, format!("/assets/{id}/treatment"), json!({"option": "accept"})),
            (Method::PUT, "/threats".to_owned(), json!([])),
            (Method::PUT, "/countermeasures".to_owned(), json!([])),
            (Method::PUT, "/settings".to_owned(), json!({})),
            (Method::POST, "/snapshots".to_owned(), json!({})),
        ];
        for (method, path, body) in &writes {
            let r = v.send_json(method.clone(), &format!("{b}{path}"), body).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{method} {path}");
        }
        assert_eq!(app.store().risk_assets(&scope).await.unwrap().len(), 1);
        assert!(app.store().risk_snapshots(&scope).await.unwrap().is_empty());

        // Risk data is a company's: a support organisation has none, even for its administrator.
        let support = app.org(&admin, OrgKind::Support, "支援室").await;
        let s = app.api(&admin);
        assert_eq!(s.get(&format!("{}/assets", base(support))).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(s.post(&format!("{}/assets", base(support)), &staff_list()).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(s.get(&format!("{}/evaluation", base(support))).await.status(), StatusCode::NOT_FOUND);
    }

    async fn another_companys_assets_and_snapshots_are_not_found(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let bob = app.person("bob@example.jp").await;
        let company = app.org(&alice, OrgKind::Company, "アリス製作所").await;
        let own = app.org(&bob, OrgKind::Company, "ボブ商店").await;
        let a = app.api(&alice);
        let asset = add(&a, company, &staff_list()).await;
        let r = a.post(&format!("{}/snapshots", base(company)), &json!({"title": "アリスの分析"})).await;
        let snapshot = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

        // Bob, in his own company's paths, with Alice's ids.
        let b = app.api(&bob);
        let mine = base(own);
        let tries = [
            (Method::GET, format!("{mine}/assets/{asset}"), json!({})),
            (Method::PUT, format!("{mine}/assets/{asset}"), staff_list()),
            (Method::DELETE, format!("{mine}/assets/{asset}"), json!({})),
            (Method::POST, format!("{mine}/assets/{asset}/duplicate"), json!({})),
            (Method::GET, format!("{mine}/assets/{asset}/treatment"), json!({})),
            (Method::PUT, format!("{mine}/assets/{asset}/treatment"), json!({"option": "accept"})),
            (Method::PATCH, format!("{mine}/assets"), json!([{"id": asset, "changes": {"c": 0}}])),
            (Method::GET, format!("{mine}/snapshots/{snapshot}"), json!({})),
        ];
        for (method, path, body) in &tries {
            let r = b.send_json(method.clone(), path, body).await;
            assert_eq!(r.status(), StatusCode::NOT_FOUND, "{method} {path}");
        }
        assert_eq!(b.json(&format!("{mine}/history?asset={asset}")).await, json!([]));
        assert_eq!(b.json(&format!("{mine}/assets")).await, json!([]));
        // And Alice's company itself is not Bob's to reach.
        assert_eq!(b.get(&format!("{}/assets", base(company))).await.status(), StatusCode::NOT_FOUND);
        let still = a.json(&format!("{}/assets/{asset}", base(company))).await;
        assert_eq!((still["c"].as_i64(), still["medium"].as_str()), (Some(2), Some("office_pc")));
        assert_eq!(a.json(&format!("{}/snapshots", base(company))).await.as_array().unwrap().len(), 1);
    }

    async fn the_worked_rows_of_the_specification_evaluate_to_its_table(app: TestApp) {
        let alice = app.person("alice@example.jp").await;
        let org = app.org(&alice, OrgKind::Company, "青葉製作所").await;
        let a = app.api(&alice);
        // risk.md §4: asset, medium, C I A → importance, threat, vulnerability, likelihood, risk.
        let rows = [
            ("社員名簿", "office_pc", [2, 0, 0], true, [2, 3, 2, 2, 4], "high"),
            ("社員名簿", "paper", [2, 2, 2], true, [2, 2, 2, 1, 2], "medium"),
            ("当社宛請求書", "paper", [1, 1, 1], false, [1, 2, 2, 1, 1], "medium"),
            ("電子メールデータ", "external_server", [2, 2, 2], false, [2, 3, 2, 2, 4], "high"),
            ("製品カタログ", "paper", [0, 1, 1], false, [1, 2, 2, 1, 1], "medium"),
            ("キャンペーン応募者リスト", "internal_server", [2, 1, 0], false, [2, 3, 2, 2, 4], "high"),
            ("発注伝票", "internal_server", [1, 0, 0], false, [1, 3, 2, 2, 2], "medium"),
        ];
        let mut ids = Vec::new();
        for (name, medium, [c, i, aa], personal, _, _) in rows {
            let personal = if personal { json!(["personal"]) } else { json!([]) };
            ids.push(add(&a, org, &json!({"name": name, "medium": medium, "c": c, "i": i, "a": aa, "personal": personal})).await);
        }
        // The threats of seed 000/002: the medium's threat is the highest of its kinds.
        let r = a.put(&format!("{}/threats", base(org)), &json!([
            {"medium": "office_pc", "kind": "leak", "frequency": 3},
            {"medium": "office_pc", "kind": "outage", "frequency": 1},
            {"medium": "paper", "kind": "leak", "frequency": 2},
            {"medium": "paper", "kind": "theft", "frequency": 1},
            {"medium": "external_server", "kind": "leak", "frequency": 3},
            {"medium": "internal_server", "kind": "loss", "frequency": 3},
        ])).await;
        assert_eq!(r.status(), StatusCode::OK);
        // Some countermeasures done and the rest not: vulnerability 2 on every medium.
        let r = a.put(&format!("{}/countermeasures", base(org)), &json!([{"item": "1-1", "answer": 1}, {"item": "1-2", "answer": 3}])).await;
        assert_eq!(r.status(), StatusCode::OK);

        let e = a.json(&format!("{}/evaluation", base(org))).await;
        assert_eq!(e["catalog"].as_str().unwrap().split('@').next(), Some("risk-analysis"));
        for (n, (name, medium, _, _, [importance, threat, vulnerability, likelihood, risk], level)) in rows.iter().enumerate() {
            let got = &e["assets"][n];
            assert_eq!((got["id"].as_i64(), got["name"].as_str(), got["medium"].as_str()), (Some(ids[n]), Some(*name), Some(*medium)));
            let figures: Vec<i64> = ["importance", "threat", "vulnerability", "likelihood", "risk_value"].iter().map(|k| got[*k].as_i64().unwrap()).collect();
            assert_eq!(figures, [*importance, *threat, *vulnerability, *likelihood, *risk], "{name} {medium}");
            assert_eq!(got["level"], *level, "{name} {medium}");
        }
        assert_eq!(e["levels"], json!({"high": 3, "medium": 4, "low": 0, "unrated": 0}));
        // importance × likelihood: (2, 2) three times, (2, 1) once, (1, 1) twice, (1, 2) once.
        assert_eq!(e["heat_map"], json!([[0, 0, 0], [2, 1, 0], [1, 3, 0]]));
        assert_eq!(e["assets"][0]["suggested_treatment"], "avoid", "importance high, frequency high");
        assert_eq!(e["assets"][1]["suggested_treatment"], "transfer", "importance high, frequency low");
        assert_eq!(e["assets"][6]["suggested_treatment"], "reduce", "importance low, frequency high");
        assert_eq!(e["assets"][2]["suggested_treatment"], "accept");
        assert_eq!(e["assets"][1]["importance_raised_by_personal_data"], false);
        assert_eq!((e["assets"][0]["may_accept"].as_bool(), e["assets"][1]["may_accept"].as_bool()), (Some(false), Some(true)));
        let office = e["media"].as_array().unwrap().iter().find(|m| m["medium"] == "office_pc").unwrap();
        assert_eq!((office["threat"].as_i64(), office["vulnerability"].as_i64(), office["high_risk"].as_bool()), (Some(3), Some(2), Some(true)));
        let mobile = e["media"].as_array().unwrap().iter().find(|m| m["medium"] == "mobile").unwrap();
        assert_eq!((mobile["threat"].clone(), mobile["assets"].as_i64()), (Value::Null, Some(0)));
        assert_eq!(e["chapters"].as_array().unwrap().len(), 11);
        assert_eq!(e["chapters"][0]["title"], "組織的対策");
        assert!(e["unanswered"].as_array().unwrap().iter().all(|i| i != "1-1" && i != "1-2"));

        // A lower threshold changes what may be accepted; an unrated medium leaves its assets
        // unrated; a chosen treatment shows next to the suggestion.
        a.put(&format!("{}/settings", base(org)), &json!({"acceptance_threshold": 1})).await;
        a.put(&format!("{}/assets/{}/treatment", base(org), ids[2]), &json!({"option": "accept", "residual_risk": 1, "approved_by": "代表 鈴木", "approved_on": "2026-05-01"})).await;
        add(&a, org, &json!({"name": "営業用スマートフォンの連絡先", "medium": "mobile", "c": 2, "i": 1, "a": 1})).await;
        let e = a.json(&format!("{}/evaluation", base(org))).await;
        assert_eq!(e["acceptance_threshold"], 1);
        assert_eq!(e["assets"][1]["may_accept"], false);
        assert_eq!((e["assets"][2]["treatment"].as_str(), e["assets"][2]["residual_risk"].as_i64()), (Some("accept"), Some(1)));
        assert_eq!((e["assets"][7]["risk_value"].clone(), e["assets"][7]["level"].clone()), (Value::Null, Value::Null));
        assert_eq!(e["levels"]["unrated"], 1);
    }
}
