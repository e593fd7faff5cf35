//! Properties that must hold for any answers, not just the examples.

mod common;

use common::*;
use mamori_domain::answers::{Respondent, consolidate};
use mamori_domain::{Submission, score};
use proptest::prelude::*;
use serde_json::{Value, json};

const SELF_CHECK: [&str; 4] = ["done", "partial", "not_done", "unknown"];

fn self_check_doc(choice: &[usize]) -> Value {
    answers(
        "self-check-25",
        &choice
            .iter()
            .map(|&c| json!(SELF_CHECK[c]))
            .collect::<Vec<_>>(),
    )
}

fn grade_rank(grade: &Value) -> i32 {
    match grade.as_str().unwrap() {
        "A" => 4,
        "B" => 3,
        "C" => 2,
        "D" => 1,
        _ => 0,
    }
}

proptest! {
    #[test]
    fn the_self_check_total_is_the_sum_of_its_parts_and_of_its_items(choice in prop::collection::vec(0usize..4, 25)) {
        let r = score_json("self-check-25", self_check_doc(&choice));
        let parts: i64 = r["parts"].as_array().unwrap().iter().map(|p| p["total"].as_i64().unwrap()).sum();
        let items: i64 = r["items"].as_array().unwrap().iter().map(|i| i["points"].as_i64().unwrap()).sum();
        prop_assert_eq!(r["total"].as_i64().unwrap(), parts);
        prop_assert_eq!(parts, items);
        prop_assert!((-25..=100).contains(&parts));
    }

    #[test]
    fn improving_one_primary_answer_never_lowers_a_grade(
        points in prop::collection::vec(1i64..=5, 25),
        item in 0usize..25,
        raise in 1i64..=4,
    ) {
        let before = score_json("primary-checklist", answers("primary-checklist", &points.iter().map(|p| json!(p)).collect::<Vec<_>>()));
        let mut better = points;
        better[item] = (better[item] + raise).min(5);
        let after = score_json("primary-checklist", answers("primary-checklist", &better.iter().map(|p| json!(p)).collect::<Vec<_>>()));
        prop_assert!(grade_rank(&after["overall"]["grade"]) >= grade_rank(&before["overall"]["grade"]));
        for (b, a) in before["categories"].as_array().unwrap().iter().zip(after["categories"].as_array().unwrap()) {
            prop_assert!(grade_rank(&a["grade"]) >= grade_rank(&b["grade"]));
        }
    }

    #[test]
    fn answering_yes_on_any_viewpoint_never_lowers_an_employee_rule_grade(
        views in prop::collection::vec((0usize..2, 0usize..3, 0usize..2, 0usize..2), 10),
        item in 0usize..10,
        viewpoint in 0usize..4,
    ) {
        const YN: [&str; 2] = ["yes", "no"];
        const YNU: [&str; 3] = ["yes", "no", "unknown"];
        let doc = |v: &[(usize, usize, usize, usize)]| answers("employee-rules", &v.iter().map(|&(r, a, m, t)| {
            json!({"rule": YN[r], "adoption": YNU[a], "managed": YN[m], "technical": YN[t]})
        }).collect::<Vec<_>>());
        let before = score_json("employee-rules", doc(&views));
        let mut better = views;
        match viewpoint {
            0 => better[item].0 = 0,
            1 => better[item].1 = 0,
            2 => better[item].2 = 0,
            _ => better[item].3 = 0,
        }
        let after = score_json("employee-rules", doc(&better));
        prop_assert!(grade_rank(&after["items"][item]["grade"]) >= grade_rank(&before["items"][item]["grade"]));
        prop_assert!(grade_rank(&after["overall"]["grade"]) >= grade_rank(&before["overall"]["grade"]));
    }

    #[test]
    fn a_consolidated_self_check_never_scores_above_any_respondent(
        sets in prop::collection::vec(prop::collection::vec(0usize..4, 25), 1..5),
    ) {
        let c = catalog("self-check-25");
        let respondents: Vec<Respondent> = sets.iter().enumerate().map(|(n, choice)| Respondent {
            name: format!("site {n}"),
            answers: submission("self-check-25", self_check_doc(choice)).answers,
        }).collect();
        let merged = consolidate(c, &respondents).unwrap();
        let total = |s: &Submission| score_json_of(c, s);
        let merged_total = total(&Submission::single(c, merged));
        for r in &respondents {
            prop_assert!(merged_total <= total(&Submission::single(c, r.answers.clone())));
        }
        if respondents.len() == 1 {
            prop_assert_eq!(merged_total, total(&Submission::single(c, respondents[0].answers.clone())));
        }
    }

    #[test]
    fn raising_a_csf_answer_never_lowers_its_category_or_function_tier(
        tiers in prop::collection::vec(0i64..=4, 108),
        item in 0usize..108,
    ) {
        // 0 stands for "na"; turning "na" into an answer may lower a mean, so only real answers are raised.
        prop_assume!(tiers[item] != 0);
        let to_json = |t: &[i64]| answers("nist-csf-tiers", &t.iter().map(|&v| if v == 0 { json!("na") } else { json!(v) }).collect::<Vec<_>>());
        let before = score_json("nist-csf-tiers", to_json(&tiers));
        let mut better = tiers;
        better[item] = (better[item] + 1).min(4);
        let after = score_json("nist-csf-tiers", to_json(&better));
        let tier = |v: &Value| v["tier"].as_f64().unwrap_or(0.0);
        for key in ["categories", "functions"] {
            for (b, a) in before[key].as_array().unwrap().iter().zip(after[key].as_array().unwrap()) {
                prop_assert!(tier(a) >= tier(b), "{} {} → {}", b["id"], tier(b), tier(a));
            }
        }
    }
}

fn score_json_of(c: &mamori_domain::Catalog, s: &Submission) -> i64 {
    serde_json::to_value(score(c, s)).unwrap()["total"]
        .as_i64()
        .unwrap()
}
