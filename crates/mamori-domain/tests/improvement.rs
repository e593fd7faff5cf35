//! The improvement list's order: find out, Five Principles, category priority, distance.

mod common;

use common::*;
use mamori_domain::improvement::{ActionKind, improvement_list};
use serde_json::json;

fn list(id: &str, doc: serde_json::Value) -> Vec<(String, ActionKind)> {
    let c = catalog(id);
    improvement_list(c, &submission(id, doc))
        .into_iter()
        .map(|a| (a.item.to_owned(), a.kind))
        .collect()
}

#[test]
fn every_item_not_fully_done_becomes_an_action_and_done_items_do_not() {
    let mut doc = self_check(25, 0, 0);
    assert!(list("self-check-25", doc.clone()).is_empty());
    doc["answers"]["12"] = json!("partial");
    doc["answers"]["14"] = json!("not_done");
    doc["answers"]["20"] = json!("not_done");
    let items: Vec<String> = list("self-check-25", doc)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    // Within a part, not done is further from done than partial; parts keep their order.
    assert_eq!(items, ["14", "12", "20"]);
}

#[test]
fn unknown_answers_come_first_then_five_principle_items_then_the_rest() {
    let mut doc = self_check(25, 0, 0);
    doc["answers"]["22"] = json!("not_done");
    doc["answers"]["3"] = json!("partial");
    doc["answers"]["17"] = json!("unknown");
    doc["answers"]["1"] = json!("not_done");
    let got = list("self-check-25", doc);
    assert_eq!(
        got,
        [
            ("17".to_owned(), ActionKind::FindOut),
            ("1".to_owned(), ActionKind::Improve),
            ("3".to_owned(), ActionKind::Improve),
            ("22".to_owned(), ActionKind::Improve),
        ]
    );
}

#[test]
fn primary_checklist_actions_follow_category_priority_employee_first() {
    // Everything done (5) except one item per category answered 3; E1 is a principle item, so use E4.
    let mut answers = serde_json::Map::new();
    for item in &catalog("primary-checklist").items {
        answers.insert(item.id.clone(), json!(5));
    }
    for id in ["S2", "O3", "M2", "E4"] {
        answers.insert(id.into(), json!(3));
    }
    answers.insert("O5".into(), json!(0)); // not applicable: never an action
    let got: Vec<String> = list("primary-checklist", json!({"answers": answers}))
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    assert_eq!(got, ["E4", "M2", "O3", "S2"]);
}

#[test]
fn primary_checklist_not_understood_answers_are_find_out_tasks() {
    let mut answers = serde_json::Map::new();
    for item in &catalog("primary-checklist").items {
        answers.insert(item.id.clone(), json!(5));
    }
    answers.insert("S4".into(), json!(1));
    answers.insert("E7".into(), json!(2));
    let got = list("primary-checklist", json!({"answers": answers}));
    assert_eq!(got[0], ("S4".to_owned(), ActionKind::FindOut));
    assert_eq!(got[1], ("E7".to_owned(), ActionKind::Improve));
}

#[test]
fn employee_rules_below_grade_a_become_actions_and_unknown_adoption_is_found_out_first() {
    let full = json!({"rule": "yes", "adoption": "yes", "managed": "yes", "technical": "no"});
    let mut answers = serde_json::Map::new();
    for item in &catalog("employee-rules").items {
        answers.insert(item.id.clone(), full.clone());
    }
    answers.insert(
        "R5".into(),
        json!({"rule": "no", "adoption": "no", "managed": "no", "technical": "no"}),
    );
    answers.insert(
        "R6".into(),
        json!({"rule": "yes", "adoption": "unknown", "managed": "no", "technical": "no"}),
    );
    let got = list("employee-rules", json!({"answers": answers}));
    let ids: Vec<&str> = got.iter().map(|(i, _)| i.as_str()).collect();
    assert_eq!(got[0], ("R6".to_owned(), ActionKind::FindOut));
    assert!(ids.contains(&"R5"));
    // technical "no" alone leaves an item short of its best, so all ten appear.
    assert_eq!(got.len(), 10);
}

#[test]
fn csf_items_are_done_when_they_reach_their_category_target() {
    let c = catalog("nist-csf-tiers");
    let mut answers = serde_json::Map::new();
    for item in &c.items {
        answers.insert(item.id.clone(), json!(4));
    }
    answers.insert("ID.AM-1".into(), json!(2));
    answers.insert("ID.AM-2".into(), json!(3));
    answers.insert("PR.AC-1".into(), json!("na"));
    let doc = json!({"answers": answers, "targets": {"ID.AM": 3}});
    let got: Vec<String> = list("nist-csf-tiers", doc)
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        got,
        ["ID.AM-1"],
        "ID.AM-2 meets the target 3; PR.AC-1 does not apply"
    );
}

#[test]
fn a_classification_proposes_no_actions() {
    let doc =
        json!({"answers": {"usage": "routine", "security": "insufficient", "resources": "no"}});
    assert!(list("it-stance", doc).is_empty());
}

#[test]
fn priorities_count_from_one_and_actions_carry_risk_and_countermeasures() {
    let c = catalog("self-check-25");
    let actions = improvement_list(c, &submission("self-check-25", self_check(20, 0, 0)));
    let priorities: Vec<u32> = actions.iter().map(|a| a.priority).collect();
    assert_eq!(priorities, (1..=5).collect::<Vec<_>>());
    assert!(
        actions
            .iter()
            .all(|a| a.risk.is_some() && !a.countermeasures.is_empty())
    );
}
