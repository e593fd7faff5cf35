//! The storage suite: every test runs on SQLite and on PostgreSQL.

use mamori_domain::risk::{PersonalData, Treatment};
use mamori_storage::testing::{TestDatabase, person};
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

fn note(item: &str, observation: &str, proposal: &str) -> mamori_domain::ItemNote {
    mamori_domain::ItemNote {
        item: item.into(),
        observation: observation.into(),
        proposal: proposal.into(),
    }
}

on_both_backends! {
    async fn every_table_of_the_schema_is_backed_up_or_deliberately_left_out(store: Store) {
        let mut carried: Vec<String> = backup::backed_up_tables()
            .into_iter()
            .chain(backup::NOT_RESTORED.iter().copied())
            .map(str::to_owned)
            .collect();
        carried.sort();
        // A new table without a place in the backup would be lost by a restore.
        assert_eq!(store.schema_tables().await.unwrap(), carried);
    }

    async fn an_invited_users_password_link_still_works_after_a_backup_and_restore(store: Store) {
        let admin = person(&store, "admin@example.jp").await;
        let invited = store.create_user("new@example.jp", "新人", None, false).await.unwrap();
        let link = store
            .create_password_link(invited.id, Some(admin.id), std::time::Duration::from_secs(3600))
            .await
            .unwrap();
        let session = store.create_session(admin.id).await.unwrap();
        let mut file = Vec::new();
        let counts = store.backup(&mut file).await.unwrap();
        assert!(counts.0.contains(&("password_links", 1)), "{counts}");
        assert!(!String::from_utf8_lossy(&file).contains(link.expose()), "only the hash is written");
        store.restore(&file[..], true).await.unwrap();
        let user = store.password_link_user(&link).await.unwrap();
        assert_eq!(user.map(|u| u.email).as_deref(), Some("new@example.jp"));
        assert!(store.session_user(&session).await.unwrap().is_none(), "sessions are not carried");
        assert!(backup::NOT_RESTORED.contains(&"sessions"));
    }

    async fn a_user_reaches_only_organisations_they_belong_to(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let bob = person(&store, "bob@example.jp").await;
        let a = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let b = store.create_organisation(bob.id, OrgKind::Company, "B社").await.unwrap();
        let access = store.access(alice.id, a.id).await.unwrap().unwrap();
        assert_eq!(access.scope.role(), Role::Admin);
        assert!(store.access(alice.id, b.id).await.unwrap().is_none());
        assert!(store.access(alice.id, OrgId(999_999)).await.unwrap().is_none());
        let mine = store.reachable_organisations(alice.id).await.unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].org.name, "A社");
    }

    async fn a_credential_and_its_access_are_read_in_one_step_exactly_as_in_two(store: Store) {
        let owner = person(&store, "owner@example.jp").await;
        let advisor = person(&store, "advisor@example.jp").await;
        let stranger = person(&store, "stranger@example.jp").await;
        let company = store.create_organisation(owner.id, OrgKind::Company, "製造株式会社").await.unwrap();
        let support = store.create_organisation(advisor.id, OrgKind::Support, "商工会議所").await.unwrap();
        let company_scope = store.access(owner.id, company.id).await.unwrap().unwrap().scope;
        let support_scope = store.access(advisor.id, support.id).await.unwrap().unwrap().scope;
        let code = store.support_code(&support_scope, &support).await.unwrap();
        store.grant_consent(&company_scope, &code).await.unwrap();

        let (token, secret) = store.create_api_token(advisor.id, "ci").await.unwrap();
        let session = store.create_session(owner.id).await.unwrap();
        let stranger_session = store.create_session(stranger.id).await.unwrap();
        for (credential, user) in [
            (Credential::Token(&secret), advisor.id),
            (Credential::Session(&session), owner.id),
            (Credential::Session(&stranger_session), stranger.id),
        ] {
            for org in [company.id, support.id, OrgId(999_999)] {
                let (found, access) = store.user_and_access(credential, org).await.unwrap().unwrap();
                assert_eq!(found.id, user);
                let two_steps = store.access(user, org).await.unwrap();
                assert_eq!(
                    access.as_ref().map(|a| (a.scope.role(), a.via, a.org.name.clone())),
                    two_steps.as_ref().map(|a| (a.scope.role(), a.via, a.org.name.clone())),
                    "{credential:?} in {org:?}"
                );
            }
        }
        let consultant = store.user_and_access(Credential::Token(&secret), company.id).await.unwrap();
        let (_, access) = consultant.unwrap();
        assert_eq!(access.unwrap().via, Via::Consent { support: support.id });

        // Answers are remembered for a moment, but every change of who may do what forgets them:
        // a new member is let in and an ended consent shuts out, on the very next request.
        store.add_member(&company_scope, &stranger, Role::Viewer).await.unwrap();
        let (_, now_member) = store.user_and_access(Credential::Session(&stranger_session), company.id).await.unwrap().unwrap();
        assert_eq!(now_member.map(|a| a.scope.role()), Some(Role::Viewer));
        store.set_role(&company_scope, stranger.id, Role::Member).await.unwrap();
        let (_, promoted) = store.user_and_access(Credential::Session(&stranger_session), company.id).await.unwrap().unwrap();
        assert_eq!(promoted.map(|a| a.scope.role()), Some(Role::Member));
        store.remove_member(&company_scope, stranger.id).await.unwrap();
        let (_, removed) = store.user_and_access(Credential::Session(&stranger_session), company.id).await.unwrap().unwrap();
        assert!(removed.is_none());
        store.revoke_consent(&company_scope, support.id).await.unwrap();
        let (_, ended) = store.user_and_access(Credential::Token(&secret), company.id).await.unwrap().unwrap();
        assert!(ended.is_none(), "the consultant still reaches the company after the consent ended");

        // A revoked token and an ended session identify nobody, at once.
        store.delete_api_token(advisor.id, token.id).await.unwrap();
        assert!(store.user_and_access(Credential::Token(&secret), company.id).await.unwrap().is_none());
        store.delete_session(&session).await.unwrap();
        assert!(store.user_and_access(Credential::Session(&session), company.id).await.unwrap().is_none());
        let unknown = Secret::generate();
        assert!(store.user_and_access(Credential::Token(&unknown), company.id).await.unwrap().is_none());
    }

    async fn a_consultant_reaches_a_company_only_after_it_consents(store: Store) {
        let owner = person(&store, "owner@example.jp").await;
        let advisor = person(&store, "advisor@example.jp").await;
        let clerk = person(&store, "clerk@example.jp").await;
        let company = store.create_organisation(owner.id, OrgKind::Company, "製造株式会社").await.unwrap();
        let support = store.create_organisation(advisor.id, OrgKind::Support, "商工会議所").await.unwrap();
        let support_scope = store.access(advisor.id, support.id).await.unwrap().unwrap().scope;
        store.add_member(&support_scope, &clerk, Role::Member).await.unwrap();
        assert!(store.access(advisor.id, company.id).await.unwrap().is_none());

        let company_scope = store.access(owner.id, company.id).await.unwrap().unwrap().scope;
        let code = store.support_code(&support_scope, &support).await.unwrap();
        store.grant_consent(&company_scope, &display_support_code(&code).to_lowercase()).await.unwrap();
        let access = store.access(advisor.id, company.id).await.unwrap().unwrap();
        assert_eq!(access.scope.role(), Role::Consultant);
        assert_eq!(access.via, Via::Consent { support: support.id });
        // An ordinary member of the support organisation is not a consultant.
        assert!(store.access(clerk.id, company.id).await.unwrap().is_none());
        let listed = store.reachable_organisations(advisor.id).await.unwrap();
        assert_eq!(listed.len(), 2);
        assert_eq!(store.consenting_companies(&support_scope).await.unwrap().len(), 1);

        store.revoke_consent(&company_scope, support.id).await.unwrap();
        assert!(store.access(advisor.id, company.id).await.unwrap().is_none());
    }

    async fn a_support_organisation_hands_out_its_code_replaces_it_and_removes_companies(store: Store) {
        let owner = person(&store, "owner@example.jp").await;
        let advisor = person(&store, "advisor@example.jp").await;
        let clerk = person(&store, "clerk@example.jp").await;
        let company = store.create_organisation(owner.id, OrgKind::Company, "製造株式会社").await.unwrap();
        let support = store.create_organisation(advisor.id, OrgKind::Support, "商工会議所").await.unwrap();
        let support_scope = store.access(advisor.id, support.id).await.unwrap().unwrap().scope;
        store.add_member(&support_scope, &clerk, Role::Consultant).await.unwrap();
        let clerk_scope = store.access(clerk.id, support.id).await.unwrap().unwrap().scope;
        assert!(matches!(store.support_code(&clerk_scope, &support).await, Err(StoreError::Forbidden)), "administrators only");
        let code = store.support_code(&support_scope, &support).await.unwrap();
        assert_eq!(store.support_code(&support_scope, &support).await.unwrap(), code, "the code stays until replaced");
        let company_scope = store.access(owner.id, company.id).await.unwrap().unwrap().scope;
        let new_code = store.regenerate_support_code(&support_scope, &support).await.unwrap();
        assert_ne!(new_code, code);
        assert!(matches!(store.grant_consent(&company_scope, &code).await, Err(StoreError::NotFound)), "the old code is retired");
        store.grant_consent(&company_scope, &new_code).await.unwrap();
        assert!(store.access(advisor.id, company.id).await.unwrap().is_some());

        assert!(matches!(store.remove_company(&clerk_scope, &support, company.id).await, Err(StoreError::Forbidden)));
        store.remove_company(&support_scope, &support, company.id).await.unwrap();
        assert!(store.access(advisor.id, company.id).await.unwrap().is_none());
        assert!(store.consents(&company_scope).await.unwrap().is_empty());
        assert!(matches!(store.remove_company(&support_scope, &support, company.id).await, Err(StoreError::NotFound)));
        let company_log = store.audit_log(&company_scope, None, 10).await.unwrap();
        assert!(company_log.iter().any(|e| e.action == "consent.remove_company"), "the company sees who ended it");
    }

    async fn consent_needs_the_code_not_the_number_of_a_support_organisation(store: Store) {
        let owner = person(&store, "owner@example.jp").await;
        let other = person(&store, "other@example.jp").await;
        let company = store.create_organisation(owner.id, OrgKind::Company, "A社").await.unwrap();
        let support = store.create_organisation(other.id, OrgKind::Support, "B支援").await.unwrap();
        let scope = store.access(owner.id, company.id).await.unwrap().unwrap().scope;
        for guess in [support.id.to_string(), "0000-0000-0000-0000".into(), String::new()] {
            assert!(matches!(store.grant_consent(&scope, &guess).await, Err(StoreError::NotFound)), "{guess}");
        }
        assert!(store.consents(&scope).await.unwrap().is_empty());
    }

    async fn the_last_administrator_cannot_be_demoted_or_removed(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let bob = person(&store, "bob@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        assert!(matches!(store.set_role(&scope, alice.id, Role::Member).await, Err(StoreError::Conflict("last_admin"))));
        assert!(matches!(store.remove_member(&scope, alice.id).await, Err(StoreError::Conflict("last_admin"))));
        store.add_member(&scope, &bob, Role::Viewer).await.unwrap();
        assert!(matches!(store.add_member(&scope, &bob, Role::Viewer).await, Err(StoreError::Conflict("already_member"))));
        store.set_role(&scope, bob.id, Role::Admin).await.unwrap();
        store.set_role(&scope, alice.id, Role::Member).await.unwrap();
        let members = store.members(&scope).await.unwrap();
        assert_eq!(members.len(), 2);
        let bob_scope = store.access(bob.id, org.id).await.unwrap().unwrap().scope;
        let log = store.audit_log(&bob_scope, None, 50).await.unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["member.role", "member.role", "member.add", "organisation.create"]);
        assert_eq!(log[0].actor, "alice@example.jp");
        // Alice is no longer an administrator: she may not read the log.
        let alice_scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        assert!(matches!(store.audit_log(&alice_scope, None, 50).await, Err(StoreError::Forbidden)));
    }

    async fn a_draft_keeps_its_answers_and_refuses_a_stale_save(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        let a = store.create_assessment(&scope, "five-principles", "2026.1").await.unwrap();
        let r1 = store.save_draft(&scope, a.id, &draft(json!({"1": "yes"}), Some(0))).await.unwrap();
        assert_eq!(r1, 1);
        assert!(matches!(
            store.save_draft(&scope, a.id, &draft(json!({"1": "no"}), Some(0))).await,
            Err(StoreError::Conflict("stale_revision"))
        ));
        let stored = store.assessment(&scope, a.id).await.unwrap();
        assert_eq!(stored.answer_sets[0].answers, json!({"1": "yes"}));
        let result = SubmittedResult(json!({"catalog": "five-principles", "yes_count": 1}));
        store.submit_assessment(&scope, a.id, &draft(json!({"1": "yes"}), None), &result).await.unwrap();
        let stored = store.assessment(&scope, a.id).await.unwrap();
        assert_eq!(stored.summary.status, AssessmentStatus::Submitted);
        assert_eq!(stored.result, Some(result.0.clone()));
        assert!(matches!(
            store.save_draft(&scope, a.id, &draft(json!({}), None)).await,
            Err(StoreError::Conflict("already_submitted"))
        ));
    }

    async fn starting_a_diagnostic_twice_at_once_opens_one_draft(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        let first = draft(json!({"1": "yes"}), None);
        let starts: Vec<_> = (0..4)
            .map(|_| {
                let (store, scope, first) = (store.clone(), scope, first.clone());
                tokio::spawn(async move {
                    store.open_or_create_draft(&scope, "five-principles", "2026.1", Some(&first)).await.unwrap()
                })
            })
            .collect();
        let mut made = Vec::new();
        for s in starts {
            made.push(s.await.unwrap());
        }
        assert_eq!(made.iter().filter(|(_, created)| *created).count(), 1, "{made:?}");
        assert!(made.iter().all(|(s, _)| s.id == made[0].0.id), "every start opens the same draft");
        let all = store.assessments(&scope).await.unwrap();
        assert_eq!(all.len(), 1);
        let stored = store.assessment(&scope, all[0].id).await.unwrap();
        assert_eq!(stored.answer_sets[0].answers, json!({"1": "yes"}), "the first answers came with it");
        // Another diagnostic, or the same one once submitted, gets a draft of its own.
        let (other, created) = store.open_or_create_draft(&scope, "self-check-25", "2026.1", None).await.unwrap();
        assert!(created && other.id != all[0].id);
        let result = SubmittedResult(json!({"catalog": "five-principles", "yes_count": 1}));
        store.submit_assessment(&scope, all[0].id, &first, &result).await.unwrap();
        let (next, created) = store.open_or_create_draft(&scope, "five-principles", "2026.1", None).await.unwrap();
        assert!(created && next.id != all[0].id);
    }

    async fn another_organisations_assessment_is_not_found(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let bob = person(&store, "bob@example.jp").await;
        let a = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let b = store.create_organisation(bob.id, OrgKind::Company, "B社").await.unwrap();
        let sa = store.access(alice.id, a.id).await.unwrap().unwrap().scope;
        let sb = store.access(bob.id, b.id).await.unwrap().unwrap().scope;
        let bobs = store.create_assessment(&sb, "five-principles", "2026.1").await.unwrap();
        assert!(matches!(store.assessment(&sa, bobs.id).await, Err(StoreError::NotFound)));
        assert!(matches!(store.save_draft(&sa, bobs.id, &draft(json!({}), None)).await, Err(StoreError::NotFound)));
        assert!(matches!(store.delete_assessment(&sa, bobs.id).await, Err(StoreError::NotFound)));
        assert!(store.assessments(&sa).await.unwrap().is_empty());
    }

    async fn a_viewer_cannot_change_anything(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let vera = person(&store, "vera@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        store.add_member(&scope, &vera, Role::Viewer).await.unwrap();
        let view = store.access(vera.id, org.id).await.unwrap().unwrap().scope;
        assert!(matches!(store.create_assessment(&view, "five-principles", "2026.1").await, Err(StoreError::Forbidden)));
        assert!(matches!(store.save_profile(&view, &CompanyProfile::default()).await, Err(StoreError::Forbidden)));
        assert!(matches!(store.add_member(&view, &alice, Role::Admin).await, Err(StoreError::Forbidden)));
    }

    async fn sessions_end_on_sign_out_everywhere_and_on_a_password_reset(store: Store) {
        let alice = person(&store, "Alice@Example.jp").await;
        assert_eq!(alice.email, "alice@example.jp");
        let s1 = store.create_session(alice.id).await.unwrap();
        let s2 = store.create_session(alice.id).await.unwrap();
        assert_eq!(store.session_user(&s1).await.unwrap().unwrap().id, alice.id);
        assert_eq!(store.delete_sessions_of(alice.id).await.unwrap(), 2);
        assert!(store.session_user(&s2).await.unwrap().is_none());
        let s3 = store.create_session(alice.id).await.unwrap();
        let link = store.create_password_link(alice.id, None, std::time::Duration::from_secs(3600)).await.unwrap();
        assert_eq!(store.password_link_user(&link).await.unwrap().unwrap().id, alice.id);
        assert_eq!(store.use_password_link(&link, "new-hash").await.unwrap(), Some(alice.id));
        assert_eq!(store.use_password_link(&link, "again").await.unwrap(), None);
        assert!(store.session_user(&s3).await.unwrap().is_none());
        let creds = store.credentials("ALICE@example.jp").await.unwrap().unwrap();
        assert_eq!(creds.password_hash.as_deref(), Some("new-hash"));
    }

    async fn api_tokens_identify_their_owner_until_deleted(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let (token, secret) = store.create_api_token(alice.id, "集計スクリプト").await.unwrap();
        assert_eq!(store.api_token_user(&secret).await.unwrap().unwrap().id, alice.id);
        assert_eq!(store.api_tokens_of(alice.id).await.unwrap().len(), 1);
        store.delete_api_token(alice.id, token.id).await.unwrap();
        assert!(store.api_token_user(&secret).await.unwrap().is_none());
    }

    async fn a_duplicate_email_is_a_conflict(store: Store) {
        person(&store, "alice@example.jp").await;
        let again = store.create_user("ALICE@example.jp", "Alice", None, false).await;
        assert!(matches!(again, Err(StoreError::Conflict("email"))));
    }

    async fn the_company_profile_round_trips(store: Store) {
        let alice = person(&store, "alice@example.jp").await;
        let org = store.create_organisation(alice.id, OrgKind::Company, "A社").await.unwrap();
        let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
        assert_eq!(store.profile(&scope).await.unwrap(), CompanyProfile::default());
        let profile = CompanyProfile {
            industry: Some('E'),
            employee_band: Some(EmployeeBand::B10to49),
            employees: Some(23),
            prefecture: Some("愛知県".into()),
            city: Some("名古屋市".into()),
            capital_yen: Some(10_000_000),
            parent_company: None,
            supply_chain: Some("自動車部品の二次請け".into()),
        };
        store.save_profile(&scope, &profile).await.unwrap();
        store.save_profile(&scope, &profile).await.unwrap();
        assert_eq!(store.profile(&scope).await.unwrap(), profile);
        assert_eq!(profile.manufacturing(), Some(true));
    }
}

async fn populate(store: &Store) -> (OrgId, UserId) {
    let alice = person(store, "alice@example.jp").await;
    let org = store
        .create_organisation(alice.id, OrgKind::Company, "株式会社<script>")
        .await
        .unwrap();
    let support = store
        .create_organisation(alice.id, OrgKind::Support, "支援")
        .await
        .unwrap();
    let scope = store.access(alice.id, org.id).await.unwrap().unwrap().scope;
    let support_scope = store
        .access(alice.id, support.id)
        .await
        .unwrap()
        .unwrap()
        .scope;
    let code = store.support_code(&support_scope, &support).await.unwrap();
    store.grant_consent(&scope, &code).await.unwrap();
    store
        .save_profile(
            &scope,
            &CompanyProfile {
                industry: Some('A'),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let a = store
        .create_assessment(&scope, "five-principles", "2026.1")
        .await
        .unwrap();
    let result = SubmittedResult(json!({"catalog": "five-principles", "yes_count": 5}));
    store
        .submit_assessment(
            &scope,
            a.id,
            &draft(json!({"1": "yes", "2": "yes"}), None),
            &result,
        )
        .await
        .unwrap();
    let rules = store
        .create_assessment(&scope, "employee-rules", "2026.1")
        .await
        .unwrap();
    store
        .save_notes(
            &scope,
            rules.id,
            &[note("R4", "添付ファイルの\n誤送信", "")],
        )
        .await
        .unwrap();
    let action = NewAction {
        assessment_id: Some(a.id),
        catalog_id: Some("five-principles".into()),
        item_id: Some("3".into()),
        owner: Some("総務 山田".into()),
        due_date: Some("2026-06-30".into()),
        cost_yen: Some(12_000),
        note: Some("設定画面の写し\n共有フォルダ".into()),
        ..NewAction::new("OSとソフトを最新にする", ActionSource::Diagnosis)
    };
    store.create_action(&scope, &action).await.unwrap();
    // A row of every risk table (the history row comes with the asset).
    let asset = RiskAssetFields {
        personal: vec![PersonalData::Personal, PersonalData::MyNumber],
        persons: Some(40),
        lifecycle: Some("store".into()),
        note: Some("紙の台帳\n金庫".into()),
        ..RiskAssetFields::new("社員名簿", "office_pc", [2, 0, 0])
    };
    let asset = store.create_risk_asset(&scope, &asset).await.unwrap();
    let threat = ThreatRating {
        medium: "office_pc".into(),
        kind: ThreatKind::Leak,
        frequency: 3,
    };
    store.set_risk_threats(&scope, &[threat]).await.unwrap();
    let answer = RiskAnswer {
        item_id: "1-1".into(),
        answer: 2,
        note: Some("一部の部署のみ".into()),
    };
    store.set_risk_answers(&scope, &[answer]).await.unwrap();
    let treatment = TreatmentInput {
        planned: Some("ディスクを暗号化する".into()),
        residual_risk: Some(2),
        to_action: true,
        ..TreatmentInput::new(Treatment::Reduce)
    };
    store
        .set_risk_treatment(&scope, asset.id, &treatment)
        .await
        .unwrap();
    let settings = RiskSettings {
        acceptance_threshold: 2,
        incident_cost_template: Some(json!([{"label": "お詫び状", "amount_yen": 1_000_000}])),
        ..RiskSettings::default()
    };
    store.set_risk_settings(&scope, &settings).await.unwrap();
    store
        .close_risk_snapshot(
            &scope,
            "2026年度",
            &json!({"assets": [{"name": "社員名簿"}]}),
        )
        .await
        .unwrap();
    store.create_api_token(alice.id, "token").await.unwrap();
    (org.id, alice.id)
}

async fn snapshot(store: &Store) -> String {
    let mut out = Vec::new();
    store.backup(&mut out).await.unwrap();
    // The header carries the time and source; the rows must match exactly.
    String::from_utf8(out)
        .unwrap()
        .lines()
        .skip(1)
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_sqlite_backup_restores_into_postgresql_and_back_with_the_same_data() {
    let Some(pg) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    let lite = TestDatabase::new(Backend::Sqlite).await.unwrap();
    let source = lite.open().await;
    let (org, alice) = populate(&source).await;
    let mut file = Vec::new();
    let counts = source.backup(&mut file).await.unwrap();
    assert!(counts.total() > 5, "{counts}");
    assert!(counts.0.contains(&("actions", 2)), "{counts}");
    assert!(counts.0.contains(&("support_codes", 1)), "{counts}");
    for table in [
        "risk_assets",
        "risk_threats",
        "risk_countermeasures",
        "risk_treatments",
        "risk_settings",
        "risk_asset_history",
        "risk_snapshots",
    ] {
        let n = if table == "risk_asset_history" { 2 } else { 1 };
        assert!(counts.0.contains(&(table, n)), "{table}: {counts}");
    }

    let target = pg.open().await;
    target.restore(&file[..], false).await.unwrap();
    assert_eq!(snapshot(&source).await, snapshot(&target).await);
    // Sequences moved past restored ids: new rows do not collide.
    let scope = target.access(alice, org).await.unwrap().unwrap().scope;
    target
        .create_assessment(&scope, "five-principles", "2026.1")
        .await
        .unwrap();
    target
        .create_action(&scope, &NewAction::new("復元後の対策", ActionSource::Other))
        .await
        .unwrap();
    let copy = target
        .duplicate_risk_asset(&scope, target.risk_assets(&scope).await.unwrap()[0].id)
        .await
        .unwrap();
    target
        .close_risk_snapshot(&scope, "復元後", &json!({}))
        .await
        .unwrap();
    assert!(
        target.risk_treatments(&scope).await.unwrap()[0]
            .action_id
            .is_some()
    );
    assert_eq!(
        copy.fields.personal,
        [PersonalData::Personal, PersonalData::MyNumber]
    );

    let mut again = Vec::new();
    target.backup(&mut again).await.unwrap();
    let back = TestDatabase::new(Backend::Sqlite).await.unwrap();
    let back = back.open().await;
    back.restore(&again[..], false).await.unwrap();
    assert_eq!(snapshot(&target).await, snapshot(&back).await);
}

#[tokio::test]
async fn a_restore_into_a_database_with_data_changes_nothing_without_replace() {
    let lite = TestDatabase::new(Backend::Sqlite).await.unwrap();
    let store = lite.open().await;
    populate(&store).await;
    let mut file = Vec::new();
    store.backup(&mut file).await.unwrap();
    let before = snapshot(&store).await;
    assert!(matches!(
        store.restore(&file[..], false).await,
        Err(StoreError::Backup(_))
    ));
    assert_eq!(snapshot(&store).await, before);
    store.restore(&file[..], true).await.unwrap();
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn a_damaged_backup_is_refused_before_anything_is_written() {
    let lite = TestDatabase::new(Backend::Sqlite).await.unwrap();
    let store = lite.open().await;
    populate(&store).await;
    let mut file = Vec::new();
    store.backup(&mut file).await.unwrap();
    let mut text = String::from_utf8(file).unwrap();
    text.push_str("{\"table\":\"users\",\"row\":[1,2]}\n");
    let before = snapshot(&store).await;
    let err = store.restore(text.as_bytes(), true).await.unwrap_err();
    assert!(err.to_string().contains("values for users"), "{err}");
    assert_eq!(snapshot(&store).await, before);
    assert!(store.restore(&b"hello\n"[..], true).await.is_err());
}
