//! The running security programme's records (operations.md): every test runs on SQLite and on
//! PostgreSQL.

use mamori_storage::testing::person;
use mamori_storage::*;

async fn company(store: &Store, email: &str, name: &str) -> OrgScope {
    let admin = person(store, email).await;
    let org = store
        .create_organisation(admin.id, OrgKind::Company, name)
        .await
        .unwrap();
    store.access(admin.id, org.id).await.unwrap().unwrap().scope
}

fn role(code: &str, holder: &str, deputy: Option<&str>) -> SecurityRole {
    SecurityRole {
        role: code.into(),
        holder: holder.into(),
        deputy: deputy.map(Into::into),
        contact: Some("03-1234-5678".into()),
    }
}

mamori_storage::on_both_backends! {
    async fn roles_are_replaced_as_a_whole_and_audited(store: Store) {
        let scope = company(&store, "alice@example.jp", "青葉製作所").await;
        assert_eq!(store.security_roles(&scope).await.unwrap(), SecurityRoles::default());
        let first = [role("security_manager", "山田 太郎", Some("佐藤 花子")), role("system_admin", "鈴木 一郎", None)];
        store.set_security_roles(&scope, &first).await.unwrap();
        let got = store.security_roles(&scope).await.unwrap();
        assert_eq!(got.roles.len(), 2);
        let manager = got.roles.iter().find(|r| r.role == "security_manager").unwrap();
        assert_eq!(manager, &first[0]);
        let admin = got.roles.iter().find(|r| r.role == "system_admin").unwrap();
        assert_eq!(admin.deputy, None, "an empty deputy reads back as none");
        assert_eq!(got.updated_by, Some(scope.user()));
        assert!(got.updated_at.is_some());
        store.set_security_roles(&scope, &[role("education_manager", "田中 次郎", None)]).await.unwrap();
        let codes: Vec<String> = store.security_roles(&scope).await.unwrap().roles.into_iter().map(|r| r.role).collect();
        assert_eq!(codes, ["education_manager"], "a role left out has no holder any more");
        assert_eq!(store.audit_log(&scope, None, 1).await.unwrap()[0].action, "security_roles.update");
    }

    async fn another_companys_roles_are_not_seen_and_a_viewer_changes_none(store: Store) {
        let alice = company(&store, "alice@example.jp", "A社").await;
        let bob = company(&store, "bob@example.jp", "B社").await;
        store.set_security_roles(&alice, &[role("security_manager", "山田 太郎", None)]).await.unwrap();
        assert!(store.security_roles(&bob).await.unwrap().roles.is_empty());
        let viewer = person(&store, "viewer@example.jp").await;
        store.add_member(&alice, &viewer, Role::Viewer).await.unwrap();
        let v = store.access(viewer.id, alice.org()).await.unwrap().unwrap().scope;
        assert_eq!(store.security_roles(&v).await.unwrap().roles.len(), 1, "a viewer reads");
        assert!(matches!(store.set_security_roles(&v, &[]).await, Err(StoreError::Forbidden)));
        assert_eq!(store.security_roles(&alice).await.unwrap().roles.len(), 1);
    }
}
