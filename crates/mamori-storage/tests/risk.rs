//! The asset register and risk analysis (risk.md): every test runs on SQLite and on PostgreSQL.

use std::time::Instant;

use mamori_domain::risk::{PersonalData, Treatment};
use mamori_storage::testing::person;
use mamori_storage::*;
use serde_json::json;

/// A company with its administrator's scope.
async fn company(store: &Store, email: &str, name: &str) -> (User, OrgScope) {
    let admin = person(store, email).await;
    let org = store
        .create_organisation(admin.id, OrgKind::Company, name)
        .await
        .unwrap();
    let scope = store.access(admin.id, org.id).await.unwrap().unwrap().scope;
    (admin, scope)
}

fn staff_list() -> RiskAssetFields {
    RiskAssetFields {
        business_category: Some("人事".into()),
        users: Some("総務部".into()),
        owner_department: Some("総務部".into()),
        personal: vec![PersonalData::Personal],
        persons: Some(40),
        classification: Some("社外秘".into()),
        registered: Some("2026-04-01".into()),
        lifecycle: Some("store".into()),
        ..RiskAssetFields::new("社員名簿", "office_pc", [2, 0, 0])
    }
}

/// `n` rows named 資産1 … 資産n on alternating media.
fn register(n: usize) -> Vec<RiskAssetFields> {
    (1..=n)
        .map(|k| RiskAssetFields {
            note: Some(format!("備考 {k}")),
            persons: Some(k as i64),
            personal: if k % 3 == 0 {
                vec![PersonalData::MyNumber, PersonalData::Personal]
            } else {
                Vec::new()
            },
            ..RiskAssetFields::new(
                format!("資産{k}"),
                ["paper", "office_pc", "internal_server"][k % 3],
                [(k % 3) as i64, 1, 0],
            )
        })
        .collect()
}

async fn count(store: &Store, scope: &OrgScope) -> (usize, usize) {
    let assets = store.risk_assets(scope).await.unwrap().len();
    let history = store
        .risk_history(scope, None, None, 500)
        .await
        .unwrap()
        .len();
    (assets, history)
}

on_both_backends! {
    async fn an_asset_is_created_changed_duplicated_and_deleted_with_its_history(store: Store) {
        let (alice, scope) = company(&store, "alice@example.jp", "A社").await;
        let first = store.create_risk_asset(&scope, &staff_list()).await.unwrap();
        let invoices = store.create_risk_asset(&scope, &RiskAssetFields::new("当社宛請求書", "paper", [1, 1, 1])).await.unwrap();
        assert_eq!((first.position, invoices.position), (1, 2));
        assert_eq!(first.created_by, Some(alice.id));
        assert_eq!(store.risk_asset(&scope, first.id).await.unwrap(), first);
        assert_eq!(store.risk_asset(&scope, first.id).await.unwrap().fields, staff_list());

        // A change that changes nothing writes nothing.
        let same = store.update_risk_asset(&scope, first.id, &RiskAssetUpdate { name: Some("社員名簿".into()), ..Default::default() }).await.unwrap();
        assert_eq!(same, first);
        let change = RiskAssetUpdate { c: Some(1), note: Patch::Set("紙でも保管".into()), persons: Patch::Clear, ..Default::default() };
        let changed = store.update_risk_asset(&scope, first.id, &change).await.unwrap();
        assert_eq!((changed.fields.c, changed.fields.note.as_deref(), changed.fields.persons), (1, Some("紙でも保管"), None));
        assert_eq!(store.risk_asset(&scope, first.id).await.unwrap(), changed);

        // The copy goes just below the original; the rows after it move down.
        let copy = store.duplicate_risk_asset(&scope, first.id).await.unwrap();
        assert_eq!(copy.fields, changed.fields);
        let names: Vec<(i64, String)> = store.risk_assets(&scope).await.unwrap().iter().map(|a| (a.id.0, a.fields.name.clone())).collect();
        assert_eq!(names, [(first.id.0, "社員名簿".into()), (copy.id.0, "社員名簿".into()), (invoices.id.0, "当社宛請求書".into())]);
        store.update_risk_asset(&scope, copy.id, &RiskAssetUpdate { medium: Some("paper".into()), c: Some(2), i: Some(2), a: Some(2), ..Default::default() }).await.unwrap();

        store.delete_risk_asset(&scope, invoices.id).await.unwrap();
        assert!(matches!(store.risk_asset(&scope, invoices.id).await, Err(StoreError::NotFound)));
        assert!(matches!(store.delete_risk_asset(&scope, invoices.id).await, Err(StoreError::NotFound)));
        assert_eq!(store.risk_assets(&scope).await.unwrap().len(), 2);

        // Every change left a history row, newest first, with the fields before and after.
        let history = store.risk_history(&scope, None, None, 100).await.unwrap();
        let actions: Vec<&str> = history.iter().map(|h| h.change["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["delete", "update", "create", "update", "create", "create"]);
        assert!(history.iter().all(|h| h.actor == "alice@example.jp" && h.actor_id == Some(alice.id)));
        let update = &history[3];
        assert_eq!(update.asset_id, first.id);
        assert_eq!(update.change["fields"], json!({
            "c": {"before": 2, "after": 1},
            "note": {"before": null, "after": "紙でも保管"},
            "persons": {"before": 40, "after": null},
        }));
        assert_eq!(history[0].change["fields"]["name"], json!({"before": "当社宛請求書", "after": null}));
        assert_eq!(history[2].change["copy_of"], first.id.0);
        assert_eq!(history[5].change["fields"]["personal"], json!({"before": null, "after": ["personal"]}));
        assert!(history[5].change["fields"].get("risk_owner").is_none(), "empty fields of a new row are left out");
        // One asset's history, and paging.
        let of_first = store.risk_history(&scope, Some(first.id), None, 100).await.unwrap();
        assert_eq!(of_first.len(), 2);
        let page = store.risk_history(&scope, None, Some(history[1].id), 2).await.unwrap();
        assert_eq!(page.iter().map(|h| h.id).collect::<Vec<_>>(), [history[2].id, history[3].id]);

        // And an audit entry each, in the same transactions.
        let log = store.audit_log(&scope, None, 100).await.unwrap();
        let kinds: Vec<&str> = log.iter().filter(|e| e.object_type == "risk_asset").map(|e| e.action.as_str()).collect();
        assert_eq!(kinds, ["risk_asset.delete", "risk_asset.update", "risk_asset.create", "risk_asset.update", "risk_asset.create", "risk_asset.create"]);
    }

    async fn another_organisations_assets_are_not_found_and_a_viewer_changes_nothing(store: Store) {
        let (_, alice) = company(&store, "alice@example.jp", "A社").await;
        let (_, bob) = company(&store, "bob@example.jp", "B社").await;
        let asset = store.create_risk_asset(&alice, &staff_list()).await.unwrap();
        let snapshot = store.close_risk_snapshot(&alice, "2026年度", &json!({"assets": []})).await.unwrap();
        let not_found = |r: Result<(), StoreError>| assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
        not_found(store.risk_asset(&bob, asset.id).await.map(drop));
        not_found(store.update_risk_asset(&bob, asset.id, &RiskAssetUpdate { c: Some(0), ..Default::default() }).await.map(drop));
        not_found(store.delete_risk_asset(&bob, asset.id).await);
        not_found(store.duplicate_risk_asset(&bob, asset.id).await.map(drop));
        not_found(store.risk_treatment(&bob, asset.id).await.map(drop));
        not_found(store.set_risk_treatment(&bob, asset.id, &TreatmentInput::new(Treatment::Accept)).await.map(drop));
        not_found(store.risk_snapshot(&bob, snapshot.id).await.map(drop));
        // A bulk change naming one foreign row changes nothing at all.
        let own = store.create_risk_asset(&bob, &RiskAssetFields::new("見積書", "paper", [1, 1, 0])).await.unwrap();
        let both = [(own.id, RiskAssetUpdate { c: Some(2), ..Default::default() }), (asset.id, RiskAssetUpdate { c: Some(0), ..Default::default() })];
        not_found(store.update_risk_assets(&bob, &both).await.map(drop));
        assert_eq!(store.risk_asset(&bob, own.id).await.unwrap(), own);
        assert_eq!(store.risk_asset(&alice, asset.id).await.unwrap(), asset);
        assert!(store.risk_assets(&bob).await.unwrap().iter().all(|a| a.id != asset.id));
        assert!(store.risk_history(&bob, Some(asset.id), None, 100).await.unwrap().is_empty());
        assert!(store.risk_snapshots(&bob).await.unwrap().is_empty());

        let viewer = person(&store, "viewer@example.jp").await;
        store.add_member(&alice, &viewer, Role::Viewer).await.unwrap();
        let v = store.access(viewer.id, alice.org()).await.unwrap().unwrap().scope;
        assert_eq!(store.risk_assets(&v).await.unwrap().len(), 1, "a viewer reads");
        let forbidden = |r: Result<(), StoreError>| assert!(matches!(r, Err(StoreError::Forbidden)), "{r:?}");
        forbidden(store.create_risk_asset(&v, &staff_list()).await.map(drop));
        forbidden(store.update_risk_asset(&v, asset.id, &RiskAssetUpdate::default()).await.map(drop));
        forbidden(store.delete_risk_asset(&v, asset.id).await);
        forbidden(store.import_assets(&v, &register(2)).await.map(drop));
        forbidden(store.set_risk_threats(&v, &[]).await);
        forbidden(store.set_risk_answers(&v, &[]).await);
        forbidden(store.set_risk_settings(&v, &RiskSettings::default()).await.map(drop));
        forbidden(store.close_risk_snapshot(&v, "x", &json!({})).await.map(drop));
    }

    async fn a_bulk_change_writes_every_row_in_one_transaction(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        store.import_assets(&scope, &register(5)).await.unwrap();
        let ids: Vec<RiskAssetId> = store.risk_assets(&scope).await.unwrap().iter().map(|a| a.id).collect();
        let paper = RiskAssetUpdate { medium: Some("paper".into()), owner_department: Patch::Set("経理部".into()), ..Default::default() };
        let updates = vec![
            (ids[0], paper.clone()),
            (ids[3], paper.clone()),
            (ids[0], RiskAssetUpdate { a: Some(2), ..Default::default() }),
            (ids[4], RiskAssetUpdate { name: Some("資産5".into()), ..Default::default() }),
        ];
        let after = store.update_risk_assets(&scope, &updates).await.unwrap();
        assert_eq!(after.iter().map(|a| a.id).collect::<Vec<_>>(), [ids[0], ids[3], ids[4]]);
        let list = store.risk_assets(&scope).await.unwrap();
        assert_eq!((list[0].fields.medium.as_str(), list[0].fields.a, list[0].fields.owner_department.as_deref()), ("paper", 2, Some("経理部")));
        assert_eq!(list[3].fields.medium, "paper");
        assert_eq!(list[1].fields.medium, "internal_server", "rows not named stay");
        assert_eq!(&list[0], &after[0]);
        // One history row per changed asset (the unchanged 資産5 has none), one audit entry.
        let history = store.risk_history(&scope, None, None, 100).await.unwrap();
        let updated: Vec<RiskAssetId> = history.iter().filter(|h| h.change["action"] == "update").map(|h| h.asset_id).collect();
        assert_eq!(updated.len(), 2);
        assert!(updated.contains(&ids[0]) && updated.contains(&ids[3]));
        let first = history.iter().find(|h| h.asset_id == ids[0] && h.change["action"] == "update").unwrap();
        assert_eq!(first.change["fields"]["a"], json!({"before": 0, "after": 2}));
        let log = store.audit_log(&scope, None, 10).await.unwrap();
        assert_eq!(log[0].action, "risk_asset.bulk_update");
        assert_eq!(log[0].detail["count"], 2);

        // Every changed row clearing the same optional fields (columns of NULLs only).
        let clear = RiskAssetUpdate { persons: Patch::Clear, note: Patch::Clear, ..Default::default() };
        store.update_risk_assets(&scope, &[(ids[1], clear.clone()), (ids[2], clear)]).await.unwrap();
        let list = store.risk_assets(&scope).await.unwrap();
        assert!(list[1..3].iter().all(|a| a.fields.persons.is_none() && a.fields.note.is_none()));

        // A CHECK the database refuses undoes the whole change.
        let bad = [(ids[1], RiskAssetUpdate { c: Some(0), ..Default::default() }), (ids[2], RiskAssetUpdate { i: Some(7), ..Default::default() })];
        assert!(matches!(store.update_risk_assets(&scope, &bad).await, Err(StoreError::Database(_))));
        assert_eq!(store.risk_assets(&scope).await.unwrap(), list);
    }

    async fn an_import_that_fails_half_way_leaves_nothing(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        store.create_risk_asset(&scope, &staff_list()).await.unwrap();
        let before = count(&store, &scope).await;
        let audit_before = store.audit_log(&scope, None, 500).await.unwrap().len();
        let mut rows = register(10_000);
        rows[4_999].c = 3;
        assert!(matches!(store.import_assets(&scope, &rows).await, Err(StoreError::Database(_))));
        assert!(matches!(store.replace_register(&scope, &rows).await, Err(StoreError::Database(_))));
        assert_eq!(count(&store, &scope).await, before);
        assert_eq!(store.risk_assets(&scope).await.unwrap()[0].fields, staff_list(), "the register is as it was");
        assert_eq!(store.audit_log(&scope, None, 500).await.unwrap().len(), audit_before);
    }

    async fn a_ten_thousand_row_import_is_a_few_statements(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let backend = store.backend().name();
        let kept = store.create_risk_asset(&scope, &staff_list()).await.unwrap();
        store.set_risk_treatment(&scope, kept.id, &TreatmentInput::new(Treatment::Reduce)).await.unwrap();
        let rows = register(10_000);

        let started = Instant::now();
        let done = store.import_assets(&scope, &rows).await.unwrap();
        let took = started.elapsed();
        eprintln!("{backend}: importing 10,000 rows (appending) took {took:?}");
        assert_eq!(done, RegisterImport { added: 10_000, removed: 0 });

        let started = Instant::now();
        let list = store.risk_assets(&scope).await.unwrap();
        eprintln!("{backend}: listing 10,001 rows took {:?}", started.elapsed());
        assert_eq!(list.len(), 10_001);
        assert_eq!(list[0].id, kept.id);
        assert_eq!(list.iter().map(|a| a.position).collect::<Vec<_>>(), (1..=10_001).collect::<Vec<i64>>());
        let imported: Vec<RiskAssetFields> = list[1..].iter().map(|a| a.fields.clone()).collect();
        let expected: Vec<RiskAssetFields> = rows.iter().map(|r| {
            let mut r = r.clone();
            r.personal.sort_by_key(|p| PersonalData::ALL.iter().position(|k| k == p));
            r
        }).collect();
        assert_eq!(imported, expected, "every row as given, in order");
        let history = store.risk_history(&scope, None, None, 500).await.unwrap();
        assert_eq!(history[0].change["action"], "import");
        assert_eq!(history[0].asset_id, list[10_000].id, "each row has its own history");
        assert_eq!(history[0].change["fields"]["name"]["after"], "資産10000");

        // Replacing: the old rows (and their treatments) go, the history records each removal.
        let started = Instant::now();
        let done = store.replace_register(&scope, &rows).await.unwrap();
        eprintln!("{backend}: replacing 10,001 rows with 10,000 took {:?}", started.elapsed());
        assert_eq!(done, RegisterImport { added: 10_000, removed: 10_001 });
        let list = store.risk_assets(&scope).await.unwrap();
        assert_eq!(list.len(), 10_000);
        assert_eq!((list[0].position, list[0].fields.name.as_str()), (1, "資産1"));
        assert!(store.risk_treatments(&scope).await.unwrap().is_empty());
        let removals = store.risk_history(&scope, Some(kept.id), None, 10).await.unwrap();
        assert_eq!(removals[0].change["action"], "delete");
        let log = store.audit_log(&scope, None, 5).await.unwrap();
        assert_eq!((log[0].action.as_str(), &log[0].detail), ("risk_asset.import", &json!({"added": 10_000, "removed": 10_001, "replace": true})));

        // A bulk change of 2,000 rows.
        let updates: Vec<(RiskAssetId, RiskAssetUpdate)> = list[..2_000].iter().map(|a| (a.id, RiskAssetUpdate { a: Some(2), ..Default::default() })).collect();
        let started = Instant::now();
        store.update_risk_assets(&scope, &updates).await.unwrap();
        eprintln!("{backend}: changing 2,000 rows at once took {:?}", started.elapsed());
        assert!(store.risk_assets(&scope).await.unwrap()[..2_000].iter().all(|a| a.fields.a == 2));
    }

    async fn threats_answers_and_settings_are_replaced_in_one_call(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        assert!(store.risk_threats(&scope).await.unwrap().is_empty());
        let rating = |medium: &str, kind, frequency| ThreatRating { medium: medium.into(), kind, frequency };
        let threats = vec![
            rating("paper", ThreatKind::Theft, 2),
            rating("office_pc", ThreatKind::Leak, 3),
            rating("paper", ThreatKind::Leak, 2),
            rating("office_pc", ThreatKind::Outage, 1),
        ];
        store.set_risk_threats(&scope, &threats).await.unwrap();
        let stored = store.risk_threats(&scope).await.unwrap();
        assert_eq!(stored, [threats[1].clone(), threats[3].clone(), threats[2].clone(), threats[0].clone()], "by medium, then leak … theft");
        store.set_risk_threats(&scope, &threats[..1]).await.unwrap();
        assert_eq!(store.risk_threats(&scope).await.unwrap(), threats[..1]);
        let twice = [threats[0].clone(), threats[0].clone()];
        assert!(matches!(store.set_risk_threats(&scope, &twice).await, Err(StoreError::Conflict("duplicate_rating"))));
        assert_eq!(store.risk_threats(&scope).await.unwrap(), threats[..1], "nothing changed");
        let bad = [rating("paper", ThreatKind::Leak, 4)];
        assert!(store.set_risk_threats(&scope, &bad).await.is_err());

        let answer = |item: &str, answer, note: Option<&str>| RiskAnswer { item_id: item.into(), answer, note: note.map(Into::into) };
        let answers = vec![answer("2-1", 3, None), answer("1-1", 1, Some("規程あり")), answer("1-2", 4, None)];
        store.set_risk_answers(&scope, &answers).await.unwrap();
        assert_eq!(store.risk_answers(&scope).await.unwrap(), [answers[1].clone(), answers[2].clone(), answers[0].clone()]);
        store.set_risk_answers(&scope, &[]).await.unwrap();
        assert!(store.risk_answers(&scope).await.unwrap().is_empty());

        let defaults = store.risk_settings(&scope).await.unwrap();
        assert_eq!((defaults.acceptance_threshold, defaults.compensation_per_person, defaults.updated_at), (3, 28_308, None));
        let template = json!([{"label": "事故対応チーム", "amount_yen": 2_000_000}]);
        let set = store.set_risk_settings(&scope, &RiskSettings { acceptance_threshold: 2, compensation_per_person: 30_000, incident_cost_template: Some(template.clone()), updated_at: None }).await.unwrap();
        assert!(set.updated_at.is_some());
        assert_eq!(store.risk_settings(&scope).await.unwrap(), set);
        let log = store.audit_log(&scope, None, 10).await.unwrap();
        let kinds: Vec<&str> = log.iter().filter(|e| e.object_type == "risk").map(|e| e.action.as_str()).collect();
        assert_eq!(kinds, ["risk.settings", "risk.countermeasures", "risk.countermeasures", "risk.threats", "risk.threats"]);
    }

    async fn a_treatment_puts_its_planned_measures_into_the_action_list(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let asset = store.create_risk_asset(&scope, &staff_list()).await.unwrap();
        assert_eq!(store.risk_treatment(&scope, asset.id).await.unwrap(), None);
        let mut input = TreatmentInput {
            planned: Some("ノートPCのディスクを暗号化する\n対象: 総務部の3台".into()),
            owner: Some("総務 山田".into()),
            due_date: Some("2026-09-30".into()),
            residual_risk: Some(2),
            to_action: true,
            ..TreatmentInput::new(Treatment::Reduce)
        };
        let t = store.set_risk_treatment(&scope, asset.id, &input).await.unwrap();
        let action_id = t.action_id.expect("an action was made");
        let action = store.action(&scope, action_id).await.unwrap();
        assert_eq!(action.title, "社員名簿: ノートPCのディスクを暗号化する");
        assert_eq!((action.source, action.status, action.owner.as_deref(), action.due_date.as_deref()), (ActionSource::Risk, ActionStatus::Todo, Some("総務 山田"), Some("2026-09-30")));
        assert_eq!(action.note.as_deref(), Some("ノートPCのディスクを暗号化する\n対象: 総務部の3台"));
        assert_eq!(store.risk_treatment(&scope, asset.id).await.unwrap(), Some(t.clone()));

        // Changing the plan updates the same action; the evidence note people wrote stays.
        store.update_action(&scope, action_id, &ActionUpdate { note: Patch::Set("見積取得済み".into()), ..Default::default() }).await.unwrap();
        input.owner = Some("情報システム 佐藤".into());
        input.planned = Some("全PCのディスクを暗号化する".into());
        let t2 = store.set_risk_treatment(&scope, asset.id, &input).await.unwrap();
        assert_eq!(t2.action_id, Some(action_id));
        let action = store.action(&scope, action_id).await.unwrap();
        assert_eq!((action.title.as_str(), action.owner.as_deref(), action.note.as_deref()), ("社員名簿: 全PCのディスクを暗号化する", Some("情報システム 佐藤"), Some("見積取得済み")));
        assert_eq!(store.actions(&scope).await.unwrap().len(), 1);

        // Without `to_action` the action list is left alone; deleting the action clears the link.
        input.to_action = false;
        input.planned = Some("別の案".into());
        store.set_risk_treatment(&scope, asset.id, &input).await.unwrap();
        assert_eq!(store.action(&scope, action_id).await.unwrap().title, "社員名簿: 全PCのディスクを暗号化する");
        store.delete_action(&scope, action_id).await.unwrap();
        assert_eq!(store.risk_treatment(&scope, asset.id).await.unwrap().unwrap().action_id, None);

        // Accepting the residual risk, with a named approver.
        let accept = TreatmentInput {
            residual_risk: Some(2),
            approved_by: Some("代表取締役 鈴木".into()),
            approved_on: Some("2026-05-01".into()),
            ..TreatmentInput::new(Treatment::Accept)
        };
        let t3 = store.set_risk_treatment(&scope, asset.id, &accept).await.unwrap();
        assert_eq!((t3.option, t3.approved_by.as_deref(), t3.action_id), (Treatment::Accept, Some("代表取締役 鈴木"), None));
        assert_eq!(store.risk_treatments(&scope).await.unwrap(), [t3]);
        let history = store.risk_history(&scope, Some(asset.id), None, 10).await.unwrap();
        assert_eq!(history[0].change["action"], "treatment");
        assert_eq!(history[0].change["fields"]["option"], json!({"before": "reduce", "after": "accept"}));
        let log = store.audit_log(&scope, None, 20).await.unwrap();
        let kinds: Vec<&str> = log.iter().map(|e| e.action.as_str()).filter(|a| a.starts_with("action.") || a.starts_with("risk_treatment")).collect();
        assert_eq!(kinds, ["risk_treatment.set", "action.delete", "risk_treatment.set", "risk_treatment.set", "action.update", "action.update", "risk_treatment.set", "action.create"]);

        // Deleting the asset removes its treatment.
        store.delete_risk_asset(&scope, asset.id).await.unwrap();
        assert!(store.risk_treatments(&scope).await.unwrap().is_empty());
    }

    async fn a_closed_analysis_keeps_what_it_was_given(store: Store) {
        let (alice, scope) = company(&store, "alice@example.jp", "A社").await;
        assert!(store.risk_snapshots(&scope).await.unwrap().is_empty());
        let data = json!({
            "assets": [{"name": "社員名簿", "medium": "office_pc", "c": 2, "i": 0, "a": 0}],
            "threats": [{"medium": "office_pc", "kind": "leak", "frequency": 3}],
            "results": [{"risk_value": 4, "level": "high"}],
        });
        let first = store.close_risk_snapshot(&scope, "2025年度 リスク分析", &data).await.unwrap();
        let second = store.close_risk_snapshot(&scope, "2026年度 リスク分析", &json!({"assets": []})).await.unwrap();
        assert_eq!(first.closed_by, Some(alice.id));
        assert_eq!(store.risk_snapshots(&scope).await.unwrap(), [second.clone(), first.clone()], "newest first");
        let back = store.risk_snapshot(&scope, first.id).await.unwrap();
        assert_eq!((back.summary, back.data), (first.clone(), data));
        assert!(matches!(store.risk_snapshot(&scope, RiskSnapshotId(first.id.0 + 100)).await, Err(StoreError::NotFound)));
        assert_eq!(store.audit_log(&scope, None, 1).await.unwrap()[0].action, "risk.snapshot");
    }
}
