//! Incidents in storage (operations.md §3): who sees them, and closing. Every test runs on SQLite
//! and on PostgreSQL.

use mamori_storage::testing::person;
use mamori_storage::*;

async fn leak(store: &Store, scope: &IncidentScope, title: &str, drill: bool) -> Incident {
    let fields = IncidentFields {
        title: title.into(),
        drill,
        detected_at: Timestamp(1_775_055_540_000),
        detected_by: Some("総務 佐藤".into()),
        channel: "external_contact".into(),
        severity: "high".into(),
        description: None,
        personal: Some(PersonalFacts {
            persons: 1200,
            ..PersonalFacts::default()
        }),
    };
    store.create_incident(scope, &fields).await.unwrap()
}

mamori_storage::on_both_backends! {
    async fn incidents_are_seen_only_by_administrators_and_named_handlers(store: Store) {
        let admin = person(&store, "alice@example.jp").await;
        let org = store.create_organisation(admin.id, OrgKind::Company, "青葉製作所").await.unwrap();
        let alice = store.access(admin.id, org.id).await.unwrap().unwrap();
        let carol = person(&store, "carol@example.jp").await;
        store.add_member(&alice.scope, &carol, Role::Member).await.unwrap();
        let c = store.access(carol.id, org.id).await.unwrap().unwrap();
        assert!(matches!(store.incident_scope(&c).await, Err(StoreError::NotFound)), "a member is not a handler");
        let a = store.incident_scope(&alice).await.unwrap();
        let made = leak(&store, &a, "顧客名簿の誤送信", false).await;
        store.set_incident_handlers(&a, &[carol.id]).await.unwrap();
        let ch = store.incident_scope(&c).await.unwrap();
        assert_eq!(store.incidents(&ch).await.unwrap()[0].id, made.id);
        assert!(matches!(store.set_incident_handlers(&ch, &[]).await, Err(StoreError::Forbidden)), "a handler names no handlers");
        let stranger = person(&store, "eve@example.jp").await;
        assert!(matches!(store.set_incident_handlers(&a, &[stranger.id]).await, Err(StoreError::NotFound)), "only members");
        assert_eq!(store.incident_handlers(&a).await.unwrap(), [carol.id], "the refused change changed nothing");
        // Another company's scope reaches none of them.
        let bob = person(&store, "bob@example.jp").await;
        let other = store.create_organisation(bob.id, OrgKind::Company, "ボブ商店").await.unwrap();
        let b = store.incident_scope(&store.access(bob.id, other.id).await.unwrap().unwrap()).await.unwrap();
        assert!(store.incidents(&b).await.unwrap().is_empty());
        assert!(matches!(store.incident(&b, made.id).await, Err(StoreError::NotFound)));
        assert!(matches!(store.add_incident_entry(&b, made.id, "triage", "x").await, Err(StoreError::NotFound)));
        assert!(matches!(store.close_incident(&b, made.id, "x", &[]).await, Err(StoreError::NotFound)));
    }

    async fn closing_keeps_the_lessons_makes_the_actions_and_ends_the_changes(store: Store) {
        let admin = person(&store, "alice@example.jp").await;
        let org = store.create_organisation(admin.id, OrgKind::Company, "青葉製作所").await.unwrap();
        let access = store.access(admin.id, org.id).await.unwrap().unwrap();
        let s = store.incident_scope(&access).await.unwrap();
        let made = leak(&store, &s, "顧客名簿の誤送信", false).await;
        assert_eq!(made.fields.personal.unwrap().persons, 1200);
        let mut changed = made.fields.clone();
        changed.title = "顧客名簿の誤送信（2件目）".into();
        changed.personal = None;
        let back = store.update_incident(&s, made.id, &changed).await.unwrap();
        assert_eq!(back.fields, changed, "every field is replaced, personal data included");
        store.add_incident_entry(&s, made.id, "containment", "削除を依頼した").await.unwrap();
        store.set_incident_report(&s, made.id, Report::Preliminary, Some("2026-04-03")).await.unwrap();
        let measures = vec!["宛先を2人で確認する".to_owned(), "名簿は暗号化して送る".to_owned()];
        let actions = store.close_incident(&s, made.id, "確認が1人だった", &measures).await.unwrap();
        assert_eq!(actions.len(), 2);
        assert!(actions.iter().all(|a| a.source == ActionSource::Incident));
        let back = store.incident(&s, made.id).await.unwrap();
        assert_eq!((back.stage.as_str(), back.lessons.as_deref()), ("closed", Some("確認が1人だった")));
        assert_eq!(back.preliminary_done_on.as_deref(), Some("2026-04-03"));
        assert_eq!(back.entries.len(), 1);
        assert!(matches!(store.close_incident(&s, made.id, "x", &[]).await, Err(StoreError::Conflict("incident_closed"))));
        assert!(matches!(store.add_incident_entry(&s, made.id, "triage", "x").await, Err(StoreError::Conflict("incident_closed"))));
        assert!(matches!(store.update_incident(&s, made.id, &changed).await, Err(StoreError::Conflict("incident_closed"))));
        assert_eq!(store.actions(&access.scope).await.unwrap().len(), 2, "the refused close added nothing");
        assert_eq!(store.last_incident_drill(&access.scope).await.unwrap(), None);
        assert!(store.incidents_with_reports_open(&s).await.unwrap().is_empty(), "no personal data any more: no report");
        let second = leak(&store, &s, "顧客名簿の誤送信（3件目）", false).await;
        store.set_incident_report(&s, second.id, Report::Preliminary, Some("2026-04-03")).await.unwrap();
        store.close_incident(&s, second.id, "確認が1人だった", &[]).await.unwrap();
        let open: Vec<_> = store.incidents_with_reports_open(&s).await.unwrap().into_iter().map(|i| i.id).collect();
        assert_eq!(open, [second.id], "closed, but the final report is still to make");
        store.set_incident_report(&s, second.id, Report::Final, Some("2026-04-20")).await.unwrap();
        assert!(store.incidents_with_reports_open(&s).await.unwrap().is_empty(), "both reports made");
        let drill = leak(&store, &s, "標的型メール訓練", true).await;
        assert_eq!(store.last_incident_drill(&access.scope).await.unwrap(), Some(drill.fields.detected_at));
        assert!(store.incidents_with_reports_open(&s).await.unwrap().is_empty(), "a drill reports to nobody");
    }
}
