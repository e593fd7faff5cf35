//! The action list (operations.md §5): every test runs on SQLite and on PostgreSQL.

use mamori_storage::testing::{TestDatabase, person};
use mamori_storage::*;

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

fn from_item(title: &str, catalog: &str, item: &str, priority: i64) -> NewAction {
    NewAction {
        catalog_id: Some(catalog.into()),
        item_id: Some(item.into()),
        priority: Some(priority),
        ..NewAction::new(title, ActionSource::Diagnosis)
    }
}

fn titles(list: &[Action]) -> Vec<&str> {
    list.iter().map(|a| a.title.as_str()).collect()
}

fn status(s: ActionStatus) -> ActionUpdate {
    ActionUpdate {
        status: Some(s),
        ..Default::default()
    }
}

on_both_backends! {
    async fn the_list_puts_open_actions_first_by_priority_then_due_date(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let add = |title: &'static str, priority: i64, due: Option<&'static str>| {
            let store = store.clone();
            async move {
                let new = NewAction { priority: Some(priority), due_date: due.map(Into::into), ..NewAction::new(title, ActionSource::Other) };
                store.create_action(&scope, &new).await.unwrap().0
            }
        };
        let finished_first = add("先に完了", 1, None).await;
        add("優先2・期限なし", 2, None).await;
        add("優先2・4月", 2, Some("2026-04-30")).await;
        add("優先1", 1, Some("2026-12-31")).await;
        add("優先2・3月", 2, Some("2026-03-31")).await;
        let dropped = add("見送り", 1, None).await;
        let finished_last = add("後で完了", 5, None).await;
        let doing = add("対応中", 3, None).await;
        store.update_action(&scope, finished_first.id, &status(ActionStatus::Done)).await.unwrap();
        store.update_action(&scope, dropped.id, &status(ActionStatus::Dropped)).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        store.update_action(&scope, finished_last.id, &status(ActionStatus::Done)).await.unwrap();
        store.update_action(&scope, doing.id, &status(ActionStatus::Doing)).await.unwrap();
        let list = store.actions(&scope).await.unwrap();
        assert_eq!(titles(&list), ["優先1", "優先2・3月", "優先2・4月", "優先2・期限なし", "対応中", "後で完了", "見送り", "先に完了"]);

        // Without a priority a new action goes after the open ones.
        let last = store.create_action(&scope, &NewAction::new("あとから追加", ActionSource::Audit)).await.unwrap().0;
        assert_eq!(last.priority, 4);
        assert_eq!(last.status, ActionStatus::Todo);
        assert_eq!(last.created_by, Some(scope.user()));
    }

    async fn taking_an_item_twice_while_it_is_open_gives_back_the_open_action(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let (first, created) = store.create_action(&scope, &from_item("パスワードを強くする", "self-check-25", "3", 2)).await.unwrap();
        assert!(created);
        let (again, created) = store.create_action(&scope, &from_item("パスワードを強くする", "self-check-25", "3", 2)).await.unwrap();
        assert!(!created);
        assert_eq!(again, first);
        // Another catalog's item of the same id is another item.
        assert!(store.create_action(&scope, &from_item("5か条の3", "five-principles", "3", 1)).await.unwrap().1);
        assert_eq!(store.actions(&scope).await.unwrap().len(), 2);
        assert_eq!(
            store.open_action_items(&scope).await.unwrap(),
            [("five-principles".to_owned(), "3".to_owned()), ("self-check-25".to_owned(), "3".to_owned())]
        );

        // Once it is done, the item can be taken again (the next cycle), and the done one stays.
        let done = store.update_action(&scope, first.id, &status(ActionStatus::Done)).await.unwrap();
        assert!(done.completed_at.is_some());
        assert_eq!(store.open_action_items(&scope).await.unwrap().len(), 1);
        let (next, created) = store.create_action(&scope, &from_item("パスワードを強くする", "self-check-25", "3", 2)).await.unwrap();
        assert!(created && next.id != first.id);
        // Reopening the done one while the new one is open would make two.
        assert!(matches!(
            store.update_action(&scope, first.id, &status(ActionStatus::Todo)).await,
            Err(StoreError::Conflict("action_exists"))
        ));
        assert_eq!(store.action(&scope, first.id).await.unwrap().status, ActionStatus::Done);
    }

    async fn two_people_taking_the_same_item_at_once_make_one_action(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let takes = (0..6).map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.create_action(&scope, &from_item("同時に追加", "self-check-25", "7", 1)).await.unwrap() })
        });
        let mut results = Vec::new();
        for t in takes {
            results.push(t.await.unwrap());
        }
        assert_eq!(results.iter().filter(|(_, created)| *created).count(), 1);
        assert!(results.iter().all(|(a, _)| a.id == results[0].0.id));
        assert_eq!(store.actions(&scope).await.unwrap().len(), 1);
    }

    async fn an_update_changes_what_it_names_and_records_it(store: Store) {
        let (admin, scope) = company(&store, "alice@example.jp", "A社").await;
        let (a, _) = store.create_action(&scope, &NewAction {
            owner: Some("総務 山田".into()),
            cost_yen: Some(30_000),
            ..NewAction::new("バックアップを取る", ActionSource::Risk)
        }).await.unwrap();
        let changed = store.update_action(&scope, a.id, &ActionUpdate {
            owner: Patch::Set("外部委託先 ITサポート".into()),
            due_date: Patch::Set("2026-06-30".into()),
            status: Some(ActionStatus::Doing),
            note: Patch::Set("NASの設定画面の写しを共有フォルダに保存".into()),
            cost_yen: Patch::Clear,
            ..Default::default()
        }).await.unwrap();
        assert_eq!(changed.owner.as_deref(), Some("外部委託先 ITサポート"));
        assert_eq!(changed.due_date.as_deref(), Some("2026-06-30"));
        assert_eq!(changed.status, ActionStatus::Doing);
        assert_eq!(changed.cost_yen, None);
        assert_eq!(changed.title, "バックアップを取る");
        assert_eq!(changed.completed_at, None);
        assert_eq!(store.action(&scope, a.id).await.unwrap(), changed);

        let done = store.update_action(&scope, a.id, &status(ActionStatus::Done)).await.unwrap();
        let at = done.completed_at.expect("done has a completion time");
        // Saving it again as done keeps the time it was finished; reopening clears it.
        let again = store.update_action(&scope, a.id, &ActionUpdate { status: Some(ActionStatus::Done), note: Patch::Clear, ..Default::default() }).await.unwrap();
        assert_eq!(again.completed_at, Some(at));
        assert_eq!(store.update_action(&scope, a.id, &status(ActionStatus::Doing)).await.unwrap().completed_at, None);

        // A change that changes nothing writes nothing.
        let before = store.audit_log(&scope, None, 100).await.unwrap().len();
        store.update_action(&scope, a.id, &status(ActionStatus::Doing)).await.unwrap();
        assert_eq!(store.audit_log(&scope, None, 100).await.unwrap().len(), before);

        store.delete_action(&scope, a.id).await.unwrap();
        assert!(matches!(store.action(&scope, a.id).await, Err(StoreError::NotFound)));
        let log = store.audit_log(&scope, None, 100).await.unwrap();
        let actions: Vec<&str> = log.iter().filter(|e| e.object_type == "action").map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["action.delete", "action.update", "action.update", "action.update", "action.update", "action.create"]);
        let update = log.iter().find(|e| e.action == "action.update").unwrap();
        assert_eq!(update.actor, admin.email);
        assert_eq!(update.object_id, a.id.to_string());
        let first_update = log.iter().rev().find(|e| e.action == "action.update").unwrap();
        assert_eq!(first_update.detail["owner"], "外部委託先 ITサポート");
        assert_eq!(first_update.detail["status"], "doing");
        assert_eq!(first_update.detail["title"], "バックアップを取る");
        assert!(first_update.detail["cost_yen"].is_null());
    }

    async fn another_organisations_actions_are_not_found(store: Store) {
        let (_, mine) = company(&store, "alice@example.jp", "A社").await;
        let (_, theirs) = company(&store, "bob@example.jp", "B社").await;
        let (bobs, _) = store.create_action(&theirs, &from_item("B社の対策", "self-check-25", "1", 1)).await.unwrap();
        assert!(matches!(store.action(&mine, bobs.id).await, Err(StoreError::NotFound)));
        assert!(matches!(store.update_action(&mine, bobs.id, &status(ActionStatus::Done)).await, Err(StoreError::NotFound)));
        assert!(matches!(store.delete_action(&mine, bobs.id).await, Err(StoreError::NotFound)));
        assert!(store.actions(&mine).await.unwrap().is_empty());
        assert!(store.open_action_items(&mine).await.unwrap().is_empty());
        // Taking the same item is a separate action in each company.
        assert!(store.create_action(&mine, &from_item("A社の対策", "self-check-25", "1", 1)).await.unwrap().1);
        // An action cannot point at another company's assessment.
        let assessment = store.create_assessment(&theirs, "self-check-25", "2026.1").await.unwrap();
        let new = NewAction { assessment_id: Some(assessment.id), ..from_item("乗っ取り", "self-check-25", "2", 1) };
        assert!(matches!(store.create_action(&mine, &new).await, Err(StoreError::NotFound)));
        assert_eq!(store.action(&theirs, bobs.id).await.unwrap().status, ActionStatus::Todo);
    }

    async fn a_viewer_reads_the_list_but_changes_nothing(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let vera = person(&store, "vera@example.jp").await;
        store.add_member(&scope, &vera, Role::Viewer).await.unwrap();
        let view = store.access(vera.id, scope.org()).await.unwrap().unwrap().scope;
        let (a, _) = store.create_action(&scope, &NewAction::new("規程を作る", ActionSource::Audit)).await.unwrap();
        assert_eq!(store.actions(&view).await.unwrap().len(), 1);
        assert!(matches!(store.create_action(&view, &NewAction::new("x", ActionSource::Other)).await, Err(StoreError::Forbidden)));
        assert!(matches!(store.update_action(&view, a.id, &status(ActionStatus::Done)).await, Err(StoreError::Forbidden)));
        assert!(matches!(store.delete_action(&view, a.id).await, Err(StoreError::Forbidden)));
        assert_eq!(store.action(&scope, a.id).await.unwrap(), a);
    }

    async fn an_action_outlives_its_assessment_but_not_its_company(store: Store) {
        let (_, scope) = company(&store, "alice@example.jp", "A社").await;
        let assessment = store.create_assessment(&scope, "self-check-25", "2026.1").await.unwrap();
        let new = NewAction { assessment_id: Some(assessment.id), ..from_item("ウイルス対策", "self-check-25", "2", 1) };
        let (a, _) = store.create_action(&scope, &new).await.unwrap();
        assert_eq!(a.assessment_id, Some(assessment.id));
        store.delete_assessment(&scope, assessment.id).await.unwrap();
        let kept = store.action(&scope, a.id).await.unwrap();
        assert_eq!(kept.assessment_id, None);
        assert_eq!(kept.item_id.as_deref(), Some("2"));
        store.delete_organisation(&scope).await.unwrap();
        let (_, other) = company(&store, "bob@example.jp", "B社").await;
        assert!(store.actions(&other).await.unwrap().is_empty());
    }
}

/// The moment the rule is for: another connection has inserted the item's action but not yet
/// committed, so the store's check sees nothing and its insert waits on the unique index. Once
/// the other commits, the take gives back that action. (SQLite has one writer, so this race is
/// PostgreSQL's.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_take_racing_an_uncommitted_one_on_postgresql_gives_back_the_other() {
    use sqlx::Connection;
    let Some(db) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    let store = db.open().await;
    let (_, scope) = company(&store, "alice@example.jp", "A社").await;
    let mut other = sqlx::AnyConnection::connect(&db.url).await.unwrap();
    let mut tx = other.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO actions (org_id, title, source, catalog_id, item_id, priority, status, \
             created_at, updated_at) \
         VALUES ($1, 'ほかの人が先に追加', 'diagnosis', 'self-check-25', '4', 1, 'todo', 0, 0)",
    )
    .bind(scope.org().0)
    .execute(&mut *tx)
    .await
    .unwrap();
    let take = {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .create_action(&scope, &from_item("同じ項目", "self-check-25", "4", 3))
                .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(
        !take.is_finished(),
        "the insert waits for the other transaction"
    );
    tx.commit().await.unwrap();
    let (action, created) = take.await.unwrap().unwrap();
    assert!(!created);
    assert_eq!(action.title, "ほかの人が先に追加");
    assert_eq!(store.actions(&scope).await.unwrap().len(), 1);
    // The audit log does not claim an action was added.
    let log = store.audit_log(&scope, None, 100).await.unwrap();
    assert!(log.iter().all(|e| e.action != "action.create"));
}
