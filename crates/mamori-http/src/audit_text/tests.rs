//! Every audited action has words, and the issue's raw codes read as words.

use super::*;
use serde_json::json;
use std::path::Path;

/// Every action the application writes to the log; `sentence` has words for each.
const ACTIONS: &[&str] = &[
    "organisation.create",
    "organisation.rename",
    "organisation.delete",
    "member.add",
    "member.role",
    "member.remove",
    "profile.update",
    "profile.anonymous_sharing",
    "consent.grant",
    "consent.revoke",
    "consent.remove_company",
    "support_code.regenerate",
    "assessment.submit",
    "assessment.notes",
    "assessment.delete",
    "action.create",
    "action.update",
    "action.delete",
    "csf.snapshot",
    "risk_asset.create",
    "risk_asset.update",
    "risk_asset.bulk_update",
    "risk_asset.delete",
    "risk_asset.import",
    "risk_treatment.set",
    "risk.threats",
    "risk.countermeasures",
    "risk.settings",
    "risk.snapshot",
    "security_roles.update",
    "incident.create",
    "incident.update",
    "incident.entry",
    "incident.close",
    "incident_handlers.set",
    "contact.create",
    "contact.delete",
    "disclosure_plan.update",
    "activity.create",
    "register.create",
    "register.update",
    "register.delete",
    "register.import",
    "register.alert_days",
    "calendar.create",
    "annual_plan.update",
    "education_targets.update",
    "calendar.delete",
    "user.sign_in",
    "user.sign_out_everywhere",
    "user.setup_admin",
    "user.create",
    "user.password_link",
    "user.password_set",
    "user.password_change",
];

/// Every action literal the storage, use-case and web crates write to the log.
fn written_actions() -> Vec<String> {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, m) in text.match_indices("action: \"") {
                    let rest = &text[at + m.len()..];
                    found.push(rest[..rest.find('"').unwrap()].to_owned());
                }
            }
        }
    }
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut found = Vec::new();
    for krate in [
        "mamori-storage",
        "mamori-app",
        "mamori-http",
        "mamori-pages",
        "mamori-api",
        "mamori-web",
    ] {
        walk(&crates.join(krate).join("src"), &mut found);
    }
    found.sort();
    found.dedup();
    found
}

fn entry(action: &str, detail: Value) -> AuditEntry {
    AuditEntry {
        id: 1,
        org_id: None,
        actor_id: None,
        actor: "sato@example.jp".into(),
        action: action.into(),
        object_type: String::new(),
        object_id: "7".into(),
        detail,
        at: mamori_storage::Timestamp(0),
    }
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn every_known_action_has_a_sentence_of_its_own_even_with_no_details() {
    for action in ACTIONS {
        for lang in [Lang::Ja, Lang::En] {
            let s = sentence(&entry(action, json!({})), lang);
            assert!(!s.contains(action), "{action} in {lang:?}: {s}");
        }
        let en = sentence(&entry(action, json!({})), Lang::En);
        assert!(!has_japanese(&en), "{action}: {en}");
    }
}

#[test]
fn the_codes_and_field_names_of_the_issue_read_as_words() {
    let cases = [
        (
            "profile.update",
            json!({"capital_yen": 10_000_000, "employee_band": "300+", "industry": "E", "city": null}),
            "企業情報を更新しました（資本金: 10,000,000円、従業員規模: 300人以上、業種: 製造業）",
        ),
        (
            "profile.update",
            json!({"changed": {"city": null, "employees": 120}}),
            "企業情報を更新しました（市区町村: （空欄）、従業員数: 120人）",
        ),
        (
            "risk_treatment.set",
            json!({"name": "社員名簿", "option": "accept"}),
            "情報資産「社員名簿」のリスク対応を「受容」に決めました",
        ),
        (
            "action.create",
            json!({"title": "社員名簿: PCを暗号化する", "source": "risk", "catalog": null, "item": null, "risk_asset": 1, "risk_asset_name": "社員名簿"}),
            "対策「社員名簿: PCを暗号化する」を対策リストに追加しました（情報資産「社員名簿」のリスク対応から）",
        ),
        (
            "risk_asset.import",
            json!({"added": 2, "removed": 0, "replace": false}),
            "情報資産 2件を取り込み、台帳に追加しました",
        ),
        (
            "member.add",
            json!({"email": "hanako@example.jp", "role": "member"}),
            "hanako@example.jp をメンバーに加えました（役割: メンバー）",
        ),
        (
            "member.role",
            json!({"email": "hanako@example.jp", "from": "member", "to": "admin"}),
            "hanako@example.jp の役割を「メンバー」から「管理者」に変更しました",
        ),
        (
            "consent.revoke",
            json!({"support": "守り支援ネット"}),
            "支援機関「守り支援ネット」との共有を終了しました",
        ),
        (
            "risk_asset.update",
            json!({"name": "社員名簿", "fields": ["c", "medium"]}),
            "情報資産「社員名簿」の媒体・保存先、機密性を変更しました",
        ),
        (
            "action.update",
            json!({"cost_yen": 50000, "status": "done", "title": "OSを最新にする"}),
            "対策「OSを最新にする」を変更しました（費用の見込み: 50,000円、状態: 完了）",
        ),
    ];
    for (action, detail, expected) in cases {
        let e = entry(action, detail);
        assert_eq!(sentence(&e, Lang::Ja), expected);
        let en = sentence(&e, Lang::En);
        let english_only = en
            .replace("社員名簿: PCを暗号化する", "")
            .replace("社員名簿", "")
            .replace("守り支援ネット", "")
            .replace("OSを最新にする", "");
        assert!(!has_japanese(&english_only), "{en}");
    }
}

#[test]
fn every_action_the_application_writes_has_its_sentence() {
    let written = written_actions();
    assert!(written.len() > 20, "only {written:?}");
    let missing: Vec<&String> = written
        .iter()
        .filter(|a| !ACTIONS.contains(&a.as_str()))
        .collect();
    assert!(missing.is_empty(), "no sentence for {missing:?}");
}
