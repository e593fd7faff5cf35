//! Tests of `journey::security_action`.

use super::*;
use crate::journey::test_support::has_japanese;
use crate::journey::{PolicyStatus, SelfCheckRecord};
use time::macros::date;

const TODAY: Date = date!(2025 - 03 - 01);

fn check(on: Date, complete: bool) -> SelfCheckRecord {
    SelfCheckRecord {
        on,
        total: 40,
        complete,
        basic_all_done: false,
    }
}

fn policy(approved: bool, url: Option<&str>) -> Option<PolicyStatus> {
    Some(PolicyStatus {
        approved,
        published_url: url.map(str::to_owned),
    })
}

/// Ready for both stars.
fn ready() -> Evidence {
    let mut e = Evidence::new(TODAY);
    e.five_principles = Some([true; 5]);
    e.self_checks = vec![check(date!(2024 - 09 - 10), true)];
    e.basic_policy = policy(true, Some("https://example.co.jp/policy"));
    e
}

fn two_stars_missing_with(change: impl FnOnce(&mut Evidence)) -> Vec<Missing> {
    let mut e = ready();
    change(&mut e);
    security_action(&e).two_stars.missing
}

#[test]
fn all_five_principles_yes_make_one_star_ready() {
    let one = security_action(&ready()).one_star;
    assert!(one.ready);
    assert!(one.missing.is_empty());
}

#[test]
fn unanswered_five_principles_are_reported_as_not_answered() {
    let mut e = ready();
    e.five_principles = None;
    let one = security_action(&e).one_star;
    assert!(!one.ready);
    assert_eq!(one.missing, vec![Missing::FivePrinciplesNotAnswered]);
}

#[test]
fn each_principle_not_answered_yes_is_reported_by_its_number() {
    for n in 0..5 {
        let mut e = ready();
        let mut answers = [true; 5];
        answers[n] = false;
        e.five_principles = Some(answers);
        let one = security_action(&e).one_star;
        assert!(!one.ready);
        let number = u8::try_from(n + 1).unwrap();
        assert_eq!(one.missing, vec![Missing::Principle { number }]);
    }
}

#[test]
fn all_principles_answered_no_are_all_reported_in_order() {
    let mut e = ready();
    e.five_principles = Some([false, true, false, true, false]);
    assert_eq!(
        security_action(&e).one_star.missing,
        vec![
            Missing::Principle { number: 1 },
            Missing::Principle { number: 3 },
            Missing::Principle { number: 5 },
        ]
    );
}

#[test]
fn a_recent_complete_self_check_and_an_approved_published_policy_make_two_stars_ready() {
    let two = security_action(&ready()).two_stars;
    assert!(two.ready);
    assert!(two.missing.is_empty());
}

#[test]
fn two_stars_do_not_require_one_star() {
    let mut e = ready();
    e.five_principles = Some([false; 5]);
    let result = security_action(&e);
    assert!(!result.one_star.ready);
    assert!(result.two_stars.ready);
}

#[test]
fn without_any_self_check_two_stars_report_self_check_none() {
    let missing = two_stars_missing_with(|e| e.self_checks.clear());
    assert_eq!(missing, vec![Missing::SelfCheckNone]);
}

#[test]
fn an_incomplete_self_check_does_not_count_for_two_stars() {
    let missing =
        two_stars_missing_with(|e| e.self_checks = vec![check(date!(2025 - 02 - 01), false)]);
    assert_eq!(missing, vec![Missing::SelfCheckNone]);
}

#[test]
fn a_self_check_exactly_12_months_old_still_counts_for_two_stars() {
    let missing =
        two_stars_missing_with(|e| e.self_checks = vec![check(date!(2024 - 03 - 01), true)]);
    assert!(missing.is_empty());
}

#[test]
fn a_self_check_one_day_older_than_12_months_is_reported_too_old_with_its_date() {
    let missing =
        two_stars_missing_with(|e| e.self_checks = vec![check(date!(2024 - 02 - 29), true)]);
    assert_eq!(
        missing,
        vec![Missing::SelfCheckTooOld {
            last_on: date!(2024 - 02 - 29)
        }]
    );
}

#[test]
fn the_latest_complete_self_check_is_the_one_judged_for_age() {
    let missing = two_stars_missing_with(|e| {
        e.self_checks = vec![
            check(date!(2025 - 01 - 01), false),
            check(date!(2023 - 05 - 01), true),
            check(date!(2023 - 11 - 20), true),
        ]
    });
    assert_eq!(
        missing,
        vec![Missing::SelfCheckTooOld {
            last_on: date!(2023 - 11 - 20)
        }]
    );
}

#[test]
fn without_a_basic_policy_two_stars_report_only_policy_missing() {
    let missing = two_stars_missing_with(|e| e.basic_policy = None);
    assert_eq!(missing, vec![Missing::PolicyMissing]);
}

#[test]
fn an_unapproved_policy_is_reported_not_approved() {
    let missing =
        two_stars_missing_with(|e| e.basic_policy = policy(false, Some("https://example.jp")));
    assert_eq!(missing, vec![Missing::PolicyNotApproved]);
}

#[test]
fn a_policy_without_a_url_or_with_a_blank_one_is_reported_not_published() {
    for url in [None, Some(""), Some("   ")] {
        let missing = two_stars_missing_with(|e| e.basic_policy = policy(true, url));
        assert_eq!(missing, vec![Missing::PolicyNotPublished], "url {url:?}");
    }
}

#[test]
fn every_gap_for_two_stars_is_reported_together() {
    let missing = two_stars_missing_with(|e| {
        e.self_checks.clear();
        e.basic_policy = policy(false, None);
    });
    assert_eq!(
        missing,
        vec![
            Missing::SelfCheckNone,
            Missing::PolicyNotApproved,
            Missing::PolicyNotPublished
        ]
    );
}

#[test]
fn a_company_with_nothing_is_ready_for_neither_star() {
    let result = security_action(&Evidence::new(TODAY));
    assert!(!result.one_star.ready && !result.two_stars.ready);
    assert_eq!(
        result.two_stars.missing,
        vec![Missing::SelfCheckNone, Missing::PolicyMissing]
    );
}

fn every_missing() -> Vec<Missing> {
    let mut all = vec![Missing::FivePrinciplesNotAnswered];
    all.extend((1..=5).map(|number| Missing::Principle { number }));
    all.extend([
        Missing::SelfCheckNone,
        Missing::SelfCheckTooOld {
            last_on: date!(2024 - 02 - 29),
        },
        Missing::PolicyMissing,
        Missing::PolicyNotApproved,
        Missing::PolicyNotPublished,
    ]);
    all
}

#[test]
fn every_missing_text_is_given_in_both_languages_and_the_english_one_has_no_japanese() {
    for missing in every_missing() {
        let ja = missing.text(Lang::Ja);
        let en = missing.text(Lang::En);
        assert!(!ja.trim().is_empty(), "{missing:?}");
        assert!(has_japanese(&ja), "{missing:?}: {ja}");
        assert!(!en.trim().is_empty(), "{missing:?}");
        assert!(!has_japanese(&en), "{missing:?}: {en}");
    }
}

#[test]
fn the_texts_name_the_principle_and_the_date_of_the_last_self_check() {
    assert_eq!(
        Missing::Principle { number: 3 }.text(Lang::Ja),
        "5か条の3番目「パスワードを強化しよう」に取り組んでください"
    );
    assert!(
        Missing::Principle { number: 3 }
            .text(Lang::En)
            .contains("strong passwords")
    );
    let too_old = Missing::SelfCheckTooOld {
        last_on: date!(2025 - 03 - 01),
    };
    assert_eq!(
        too_old.text(Lang::Ja),
        "直近12か月以内に25項目の自社診断を完了してください（前回: 2025年3月1日）"
    );
    assert!(too_old.text(Lang::En).contains("1 March 2025"));
    assert_eq!(
        Missing::PolicyNotApproved.text(Lang::Ja),
        "基本方針を承認してください"
    );
}

#[test]
fn a_principle_number_outside_1_to_5_still_gets_a_sentence() {
    for number in [0, 6] {
        let missing = Missing::Principle { number };
        assert!(!missing.text(Lang::Ja).is_empty());
        assert!(!has_japanese(&missing.text(Lang::En)));
    }
}

#[test]
fn readiness_serializes_with_snake_case_tags_and_iso_dates() {
    let mut e = ready();
    e.five_principles = Some([true, false, true, true, true]);
    e.self_checks = vec![check(date!(2024 - 02 - 29), true)];
    e.basic_policy = None;
    let json = serde_json::to_value(security_action(&e)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "one_star": {
                "ready": false,
                "missing": [{ "kind": "principle", "number": 2 }]
            },
            "two_stars": {
                "ready": false,
                "missing": [
                    { "kind": "self_check_too_old", "last_on": "2024-02-29" },
                    { "kind": "policy_missing" }
                ]
            }
        })
    );
}
