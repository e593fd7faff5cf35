//! Tests of `journey::maturity`.

use super::*;
use crate::journey::PolicyStatus;
use crate::journey::test_support::has_japanese;
use time::macros::date;

const TODAY: Date = date!(2025 - 06 - 15);

fn check(on: Date, total: i64) -> SelfCheckRecord {
    SelfCheckRecord {
        on,
        total,
        complete: true,
        basic_all_done: true,
    }
}

/// Meets every condition of every level: two improvement cycles by self-check.
fn level_5() -> Evidence {
    let mut e = Evidence::new(TODAY);
    e.diagnostic_started = true;
    e.five_principles = Some([true; 5]);
    e.self_checks = vec![
        check(date!(2024 - 07 - 01), 85),
        check(date!(2023 - 06 - 01), 60),
        check(date!(2024 - 01 - 01), 75),
    ];
    e.basic_policy = Some(PolicyStatus {
        approved: true,
        published_url: None,
    });
    e.roles_assigned = true;
    e.improvement_plan_with_owners = true;
    e.risk_analysis_on = Some(date!(2025 - 01 - 10));
    e.regulations_adopted = true;
    e.last_inspection_on = Some(date!(2025 - 02 - 01));
    e.last_education_on = Some(date!(2025 - 04 - 01));
    e.last_drill_on = Some(date!(2025 - 05 - 01));
    e
}

fn maturity_with(change: impl FnOnce(&mut Evidence)) -> Maturity {
    let mut e = level_5();
    change(&mut e);
    maturity(&e)
}

fn at(level: u8, unmet: Vec<Condition>) -> Maturity {
    Maturity {
        level,
        next_level: Some(level + 1),
        unmet,
    }
}

/// A change to the level-5 evidence and the one condition it breaks.
type Case = (fn(&mut Evidence), Condition);

fn cycles(checks: &[SelfCheckRecord]) -> u32 {
    let mut sorted: Vec<_> = checks.iter().collect();
    sorted.sort_by_key(|c| c.on);
    self_check_cycles(&sorted)
}

#[test]
fn with_nothing_started_the_level_is_0_and_starting_a_diagnostic_is_next() {
    assert_eq!(
        maturity(&Evidence::new(TODAY)),
        at(0, vec![Condition::DiagnosticStarted])
    );
}

#[test]
fn a_started_diagnostic_reaches_level_1_and_shows_the_level_2_conditions() {
    let mut e = Evidence::new(TODAY);
    e.diagnostic_started = true;
    assert_eq!(
        maturity(&e),
        at(
            1,
            vec![
                Condition::BasicMeasures,
                Condition::SelfCheckAtLeast {
                    need: 50,
                    latest: None
                }
            ]
        )
    );
}

#[test]
fn five_principles_answers_or_any_self_check_count_as_a_started_diagnostic() {
    let mut e = Evidence::new(TODAY);
    e.five_principles = Some([false; 5]);
    assert_eq!(maturity(&e).level, 1);
    let mut e = Evidence::new(TODAY);
    e.self_checks = vec![SelfCheckRecord {
        complete: false,
        basic_all_done: false,
        ..check(date!(2025 - 06 - 01), 0)
    }];
    assert_eq!(maturity(&e).level, 1);
}

#[test]
fn a_company_meeting_every_condition_is_at_level_5_with_nothing_next() {
    assert_eq!(
        maturity(&level_5()),
        Maturity {
            level: 5,
            next_level: None,
            unmet: Vec::new()
        }
    );
}

#[test]
fn without_any_diagnostic_every_higher_condition_is_worth_nothing() {
    let m = maturity_with(|e| {
        e.diagnostic_started = false;
        e.five_principles = None;
        e.self_checks.clear();
    });
    assert_eq!(m, at(0, vec![Condition::DiagnosticStarted]));
}

#[test]
fn each_level_2_condition_alone_keeps_the_company_at_level_1() {
    let m = maturity_with(|e| {
        e.five_principles = Some([true, true, false, true, true]);
        for check in &mut e.self_checks {
            check.basic_all_done = false;
        }
    });
    assert_eq!(m, at(1, vec![Condition::BasicMeasures]));

    let m = maturity_with(|e| e.self_checks = vec![check(date!(2025 - 01 - 01), 49)]);
    assert_eq!(
        m,
        at(
            1,
            vec![Condition::SelfCheckAtLeast {
                need: 50,
                latest: Some(49)
            }]
        )
    );
}

#[test]
fn self_check_items_1_to_5_done_stand_in_for_the_five_principles() {
    let m = maturity_with(|e| e.five_principles = None);
    assert_eq!(m.level, 5);
    let m = maturity_with(|e| e.five_principles = Some([false; 5]));
    assert_eq!(m.level, 5);
}

#[test]
fn items_1_to_5_count_only_from_the_latest_complete_self_check() {
    let m = maturity_with(|e| {
        e.five_principles = None;
        e.self_checks[0].basic_all_done = false; // 2024-07-01, the latest
    });
    assert_eq!(m, at(1, vec![Condition::BasicMeasures]));
}

fn basic_company(total: i64) -> Evidence {
    let mut e = Evidence::new(TODAY);
    e.five_principles = Some([true; 5]);
    e.self_checks = vec![SelfCheckRecord {
        basic_all_done: false,
        ..check(date!(2025 - 05 - 01), total)
    }];
    e
}

#[test]
fn a_self_check_total_of_49_stays_at_level_1_and_50_reaches_level_2() {
    assert_eq!(maturity(&basic_company(49)).level, 1);
    assert_eq!(maturity(&basic_company(50)).level, 2);
}

#[test]
fn a_self_check_total_of_69_stays_at_level_2_and_70_reaches_level_3() {
    let organised = |total| {
        let mut e = basic_company(total);
        e.basic_policy = Some(PolicyStatus {
            approved: true,
            published_url: None,
        });
        e.roles_assigned = true;
        e.improvement_plan_with_owners = true;
        e
    };
    assert_eq!(
        maturity(&organised(69)),
        at(
            2,
            vec![Condition::SelfCheckAtLeast {
                need: 70,
                latest: Some(69)
            }]
        )
    );
    assert_eq!(maturity(&organised(70)).level, 3);
}

#[test]
fn an_incomplete_self_check_counts_for_no_score() {
    let mut e = basic_company(40);
    e.self_checks.push(SelfCheckRecord {
        complete: false,
        ..check(date!(2025 - 06 - 01), 90)
    });
    assert_eq!(maturity(&e).level, 1);
}

#[test]
fn the_latest_complete_self_check_decides_the_score_not_the_best_one() {
    let m = maturity_with(|e| {
        e.self_checks = vec![
            check(date!(2024 - 01 - 01), 90),
            check(date!(2024 - 12 - 01), 65),
        ]
    });
    assert_eq!(
        m,
        at(
            2,
            vec![Condition::SelfCheckAtLeast {
                need: 70,
                latest: Some(65)
            }]
        )
    );
}

#[test]
fn each_level_3_condition_alone_keeps_the_company_at_level_2() {
    let cases: [Case; 5] = [
        (|e| e.basic_policy = None, Condition::PolicyApproved),
        (
            |e| {
                e.basic_policy = Some(PolicyStatus {
                    approved: false,
                    published_url: Some("https://example.jp".into()),
                })
            },
            Condition::PolicyApproved,
        ),
        (|e| e.roles_assigned = false, Condition::RolesAssigned),
        (
            |e| e.self_checks[0].total = 69,
            Condition::SelfCheckAtLeast {
                need: 70,
                latest: Some(69),
            },
        ),
        (
            |e| e.improvement_plan_with_owners = false,
            Condition::ImprovementPlan,
        ),
    ];
    for (change, condition) in cases {
        assert_eq!(maturity_with(change), at(2, vec![condition]));
    }
}

#[test]
fn each_level_4_condition_alone_keeps_the_company_at_level_3() {
    let cases: [Case; 3] = [
        (
            |e| e.risk_analysis_on = None,
            Condition::RiskAnalysisRecent { last_on: None },
        ),
        (
            |e| e.regulations_adopted = false,
            Condition::RegulationsAdopted,
        ),
        (
            |e| e.last_inspection_on = None,
            Condition::InspectionRecent { last_on: None },
        ),
    ];
    for (change, condition) in cases {
        assert_eq!(maturity_with(change), at(3, vec![condition]));
    }
}

#[test]
fn each_level_5_condition_alone_keeps_the_company_at_level_4() {
    let cases: [Case; 3] = [
        (
            |e| e.self_checks.truncate(2), // 2023-06 (60) and 2024-07 (85): one cycle
            Condition::ImprovementCycles { have: 1, need: 2 },
        ),
        (
            |e| e.last_education_on = None,
            Condition::EducationRecent { last_on: None },
        ),
        (
            |e| e.last_drill_on = None,
            Condition::DrillRecent { last_on: None },
        ),
    ];
    for (change, condition) in cases {
        assert_eq!(maturity_with(change), at(4, vec![condition]));
    }
}

#[test]
fn a_higher_level_does_not_count_while_a_lower_level_is_unmet() {
    let m = maturity_with(|e| e.roles_assigned = false);
    assert_eq!(m.level, 2, "levels 4 and 5 hold but level 3 does not");
    let m = maturity_with(|e| e.regulations_adopted = false);
    assert_eq!(m.level, 3);
}

#[test]
fn every_unmet_condition_of_the_next_level_is_listed_in_order() {
    let m = maturity_with(|e| {
        e.risk_analysis_on = Some(date!(2024 - 06 - 14));
        e.regulations_adopted = false;
        e.last_inspection_on = Some(date!(2023 - 01 - 01));
        e.last_drill_on = None;
    });
    assert_eq!(
        m,
        at(
            3,
            vec![
                Condition::RiskAnalysisRecent {
                    last_on: Some(date!(2024 - 06 - 14))
                },
                Condition::RegulationsAdopted,
                Condition::InspectionRecent {
                    last_on: Some(date!(2023 - 01 - 01))
                },
            ]
        )
    );
}

#[test]
fn a_record_exactly_12_months_old_counts_and_one_day_older_does_not() {
    let exactly = date!(2024 - 06 - 15);
    let older = date!(2024 - 06 - 14);
    assert_eq!(
        maturity_with(|e| e.risk_analysis_on = Some(exactly)).level,
        5
    );
    assert_eq!(
        maturity_with(|e| e.last_inspection_on = Some(exactly)).level,
        5
    );
    assert_eq!(
        maturity_with(|e| e.last_education_on = Some(exactly)).level,
        5
    );
    assert_eq!(maturity_with(|e| e.last_drill_on = Some(exactly)).level, 5);
    assert_eq!(
        maturity_with(|e| e.risk_analysis_on = Some(older)),
        at(
            3,
            vec![Condition::RiskAnalysisRecent {
                last_on: Some(older)
            }]
        )
    );
    assert_eq!(
        maturity_with(|e| e.last_inspection_on = Some(older)),
        at(
            3,
            vec![Condition::InspectionRecent {
                last_on: Some(older)
            }]
        )
    );
    assert_eq!(
        maturity_with(|e| e.last_education_on = Some(older)),
        at(
            4,
            vec![Condition::EducationRecent {
                last_on: Some(older)
            }]
        )
    );
    assert_eq!(
        maturity_with(|e| e.last_drill_on = Some(older)),
        at(
            4,
            vec![Condition::DrillRecent {
                last_on: Some(older)
            }]
        )
    );
}

#[test]
fn a_better_re_diagnosis_exactly_6_months_later_is_a_cycle() {
    let checks = [
        check(date!(2024 - 01 - 15), 50),
        check(date!(2024 - 07 - 15), 60),
    ];
    assert_eq!(cycles(&checks), 1);
}

#[test]
fn a_better_re_diagnosis_one_day_short_of_6_months_is_not_a_cycle() {
    let checks = [
        check(date!(2024 - 01 - 15), 50),
        check(date!(2024 - 07 - 14), 60),
    ];
    assert_eq!(cycles(&checks), 0);
}

#[test]
fn six_months_after_31_august_is_the_end_of_february() {
    let short = [
        check(date!(2023 - 08 - 31), 50),
        check(date!(2024 - 02 - 28), 60),
    ];
    assert_eq!(cycles(&short), 0);
    let checks = [
        check(date!(2023 - 08 - 31), 50),
        check(date!(2024 - 02 - 29), 60),
    ];
    assert_eq!(cycles(&checks), 1);
}

#[test]
fn a_worse_or_equal_re_diagnosis_is_not_a_cycle() {
    let worse = [
        check(date!(2023 - 01 - 01), 70),
        check(date!(2024 - 01 - 01), 60),
    ];
    assert_eq!(cycles(&worse), 0);
    let equal = [
        check(date!(2023 - 01 - 01), 70),
        check(date!(2024 - 01 - 01), 70),
    ];
    assert_eq!(cycles(&equal), 0);
}

#[test]
fn a_worse_re_diagnosis_becomes_the_baseline_for_the_next_cycle() {
    let checks = [
        check(date!(2023 - 01 - 01), 80),
        check(date!(2023 - 07 - 01), 60),
        check(date!(2024 - 01 - 01), 70),
    ];
    assert_eq!(cycles(&checks), 1);
}

#[test]
fn a_re_diagnosis_sooner_than_6_months_is_skipped_and_the_cycle_stays_open() {
    let checks = [
        check(date!(2024 - 01 - 01), 50),
        check(date!(2024 - 03 - 01), 40),
        check(date!(2024 - 07 - 01), 55),
    ];
    assert_eq!(cycles(&checks), 1);
}

#[test]
fn cycles_are_counted_greedily_in_date_order_whatever_the_input_order() {
    let checks = [
        check(date!(2025 - 01 - 01), 80),
        check(date!(2024 - 01 - 01), 50),
        check(date!(2024 - 07 - 01), 65),
    ];
    assert_eq!(cycles(&checks), 2);
    assert_eq!(cycles(&checks[..1]), 0);
    assert_eq!(cycles(&[]), 0);
}

#[test]
fn incomplete_self_checks_do_not_count_as_re_diagnoses() {
    let m = maturity_with(|e| {
        e.self_checks[2].complete = false; // 2024-01-01 (75): leaves 60 → 85, one cycle
    });
    assert_eq!(
        m,
        at(4, vec![Condition::ImprovementCycles { have: 1, need: 2 }])
    );
}

#[test]
fn csf_growth_cycles_add_to_the_self_check_cycles() {
    let m = maturity_with(|e| {
        e.self_checks.truncate(2);
        e.csf_growth_cycles = 1;
    });
    assert_eq!(m.level, 5);
    let m = maturity_with(|e| {
        e.self_checks = vec![check(date!(2025 - 01 - 01), 80)];
        e.csf_growth_cycles = 2;
    });
    assert_eq!(m.level, 5);
}

fn every_condition() -> Vec<Condition> {
    let on = Some(date!(2024 - 02 - 29));
    vec![
        Condition::DiagnosticStarted,
        Condition::BasicMeasures,
        Condition::SelfCheckAtLeast {
            need: 50,
            latest: None,
        },
        Condition::SelfCheckAtLeast {
            need: 70,
            latest: Some(-3),
        },
        Condition::PolicyApproved,
        Condition::RolesAssigned,
        Condition::ImprovementPlan,
        Condition::RiskAnalysisRecent { last_on: None },
        Condition::RiskAnalysisRecent { last_on: on },
        Condition::RegulationsAdopted,
        Condition::InspectionRecent { last_on: None },
        Condition::InspectionRecent { last_on: on },
        Condition::ImprovementCycles { have: 0, need: 2 },
        Condition::ImprovementCycles { have: 1, need: 2 },
        Condition::EducationRecent { last_on: None },
        Condition::EducationRecent { last_on: on },
        Condition::DrillRecent { last_on: None },
        Condition::DrillRecent { last_on: on },
    ]
}

#[test]
fn every_condition_text_is_given_in_both_languages_and_the_english_one_has_no_japanese() {
    for condition in every_condition() {
        let ja = condition.text(Lang::Ja);
        let en = condition.text(Lang::En);
        assert!(!ja.trim().is_empty(), "{condition:?}");
        assert!(has_japanese(&ja), "{condition:?}: {ja}");
        assert!(!en.trim().is_empty(), "{condition:?}");
        assert!(!has_japanese(&en), "{condition:?}: {en}");
    }
}

#[test]
fn the_texts_give_the_latest_score_the_last_date_and_the_cycles_still_needed() {
    let score = Condition::SelfCheckAtLeast {
        need: 70,
        latest: Some(64),
    };
    assert_eq!(
        score.text(Lang::Ja),
        "25項目の自社診断で70点以上を取ってください（直近の結果: 64点）"
    );
    assert!(score.text(Lang::En).contains("64 points"));
    let drill = Condition::DrillRecent {
        last_on: Some(date!(2024 - 03 - 01)),
    };
    assert!(drill.text(Lang::Ja).contains("前回: 2024年3月1日"));
    assert!(drill.text(Lang::En).contains("1 March 2024"));
    let cycles = Condition::ImprovementCycles { have: 1, need: 2 };
    assert!(cycles.text(Lang::Ja).contains("あと1回"));
    assert!(cycles.text(Lang::En).contains("1 more improvement cycle:"));
    let cycles = Condition::ImprovementCycles { have: 0, need: 2 };
    assert!(cycles.text(Lang::En).contains("2 more improvement cycles"));
}

#[test]
fn maturity_serializes_with_snake_case_tags_and_iso_dates() {
    let m = maturity_with(|e| {
        e.risk_analysis_on = Some(date!(2024 - 02 - 29));
        e.last_inspection_on = None;
    });
    assert_eq!(
        serde_json::to_value(m).unwrap(),
        serde_json::json!({
            "level": 3,
            "next_level": 4,
            "unmet": [
                { "kind": "risk_analysis_recent", "last_on": "2024-02-29" },
                { "kind": "inspection_recent", "last_on": null }
            ]
        })
    );
    let m = maturity(&basic_company(30));
    assert_eq!(
        serde_json::to_value(m).unwrap()["unmet"][0],
        serde_json::json!({ "kind": "self_check_at_least", "need": 50, "latest": 30 })
    );
    assert_eq!(
        serde_json::to_value(maturity(&level_5())).unwrap(),
        serde_json::json!({ "level": 5, "next_level": null, "unmet": [] })
    );
}
