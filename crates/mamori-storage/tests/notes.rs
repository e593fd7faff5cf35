//! The consultant's notes of a secondary diagnosis: every test runs on SQLite and on PostgreSQL.

use mamori_domain::ItemNote;
use mamori_storage::testing::person;
use mamori_storage::*;
use serde_json::json;

fn draft(answers: serde_json::Value, expected: Option<i64>) -> AssessmentDraft {
    AssessmentDraft {
        answer_sets: vec![AnswerSetInput {
            name: String::new(),
            answers,
        }],
        targets: None,
        expected_revision: expected,
        notes: Vec::new(),
    }
}

fn note(item: &str, observation: &str, proposal: &str) -> ItemNote {
    ItemNote {
        item: item.into(),
        observation: observation.into(),
        proposal: proposal.into(),
    }
}

on_both_backends! {
    async fn notes_are_kept_per_item_on_a_draft_and_after_submission_and_only_in_their_organisation(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let bob = person(&store, "bob@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let other = store.create_organisation(bob.id, OrgKind::Company, "B社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        let bobs = store.access(bob.id, other.id).await.unwrap().unwrap().scope;
        let a = store.create_assessment(&scope, "employee-rules", "2026.1").await.unwrap();
        let with_notes = AssessmentDraft {
            notes: vec![note("R3", "使い回しが多い", "管理ツール"), note("R1", "", "自動更新")],
            ..draft(json!({"R1": {"rule": "yes"}}), Some(0))
        };
        store.save_draft(&scope, a.id, &with_notes).await.unwrap();
        let stored = store.assessment(&scope, a.id).await.unwrap();
        assert_eq!(stored.notes, vec![note("R1", "", "自動更新"), note("R3", "使い回しが多い", "管理ツール")]);
        let result = SubmittedResult(json!({"catalog": "employee-rules"}));
        store.submit_assessment(&scope, a.id, &draft(json!({}), None), &result).await.unwrap();
        // Submitting without notes keeps them; an empty note removes the item's row.
        store.save_notes(&scope, a.id, &[note("R3", "", ""), note("R9", "観察", "")]).await.unwrap();
        let stored = store.assessment(&scope, a.id).await.unwrap();
        assert_eq!(stored.notes, vec![note("R1", "", "自動更新"), note("R9", "観察", "")]);
        assert_eq!(stored.result, Some(result.0.clone()), "the result does not move");
        assert!(matches!(store.save_notes(&bobs, a.id, &[note("R1", "x", "")]).await, Err(StoreError::NotFound)));
        let too_long = note("R2", &"あ".repeat(2001), "");
        assert!(store.save_notes(&scope, a.id, &[too_long]).await.is_err(), "the database holds the limit too");
        assert_eq!(store.assessment(&scope, a.id).await.unwrap().notes.len(), 2);
        let audit = store.audit_log(&scope, None, 10).await.unwrap();
        assert!(audit.iter().any(|e| e.action == "assessment.notes"), "written with its audit entry");
    }

    async fn a_viewer_cannot_write_notes(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let vera = person(&store, "vera@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        store.add_member(&scope, &vera, Role::Viewer).await.unwrap();
        let view = store.access(vera.id, org.id).await.unwrap().unwrap().scope;
        let a = store.create_assessment(&scope, "employee-rules", "2026.1").await.unwrap();
        assert!(matches!(store.save_notes(&view, a.id, &[note("R0", "x", "")]).await, Err(StoreError::Forbidden)));
        assert!(store.assessment(&view, a.id).await.unwrap().notes.is_empty());
    }
}
