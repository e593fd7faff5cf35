//! Every scoring rule and boundary of diagnostics.md, through the real embedded catalogs.

mod common;

use common::*;
use mamori_domain::catalog::ScoringRule;
use mamori_domain::scoring::band_for;
use serde_json::{Value, json};

#[test]
fn five_principles_count_yes_and_are_ready_only_when_all_five_are_yes() {
    let r = score_json(
        "five-principles",
        answers("five-principles", &[json!("yes")]),
    );
    assert_eq!(r["yes_count"], 5);
    assert_eq!(r["one_star_ready"], true);
    assert_eq!(r["catalog"], "five-principles");
    assert_eq!(r["catalog_version"], "2026.1");
    let r = score_json(
        "five-principles",
        answers(
            "five-principles",
            &[
                json!("yes"),
                json!("yes"),
                json!("no"),
                json!("yes"),
                json!("yes"),
            ],
        ),
    );
    assert_eq!(
        (r["yes_count"].as_i64(), r["one_star_ready"].as_bool()),
        (Some(4), Some(false))
    );
}

#[test]
fn self_check_bands_change_exactly_at_50_70_and_100() {
    let ScoringRule::SumBands { bands, .. } = &catalog("self-check-25").scoring else {
        panic!("sum-bands")
    };
    let band = |total| band_for(bands, total).unwrap().id.as_str();
    assert_eq!(band(100), "excellent");
    assert_eq!(band(99), "partial");
    assert_eq!(band(70), "partial");
    assert_eq!(band(69), "insufficient");
    assert_eq!(band(50), "insufficient");
    assert_eq!(band(49), "critical");
    assert_eq!(band(-25), "critical");
}

#[test]
fn self_check_totals_at_the_band_edges_score_as_expected() {
    // (done, partial, unknown) → total: 4·done + 2·partial − unknown
    let cases = [
        ((25, 0, 0), 100, "excellent"),
        ((24, 1, 0), 98, "partial"),
        ((17, 1, 0), 70, "partial"),
        ((17, 1, 1), 69, "insufficient"),
        ((12, 1, 0), 50, "insufficient"),
        ((12, 1, 1), 49, "critical"),
        ((0, 0, 25), -25, "critical"),
    ];
    for ((d, p, u), total, band) in cases {
        let r = score_json("self-check-25", self_check(d, p, u));
        assert_eq!(r["total"], total, "{d}/{p}/{u}");
        assert_eq!(r["band"], band, "total {total}");
        assert_eq!(r["max"], 100);
    }
}

#[test]
fn self_check_reports_parts_items_and_unknowns() {
    let r = score_json("self-check-25", self_check(3, 0, 2));
    let parts: Vec<(String, i64)> = r["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["total"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("basic".into(), 10),
            ("employee".into(), 0),
            ("organisation".into(), 0)
        ]
    );
    assert_eq!(r["unknown"], json!(["4", "5"]));
    assert_eq!(
        r["items"][0],
        json!({"id": "1", "answer": "done", "points": 4})
    );
    assert_eq!(
        r["items"][4],
        json!({"id": "5", "answer": "unknown", "points": -1})
    );
    assert!(r.get("respondents").is_none());
}

#[test]
fn several_respondents_are_consolidated_by_the_lowest_points_per_item() {
    let head = self_check(25, 0, 0)["answers"].clone();
    let mut factory = head.clone();
    factory["3"] = json!("partial");
    factory["7"] = json!("not_done");
    let mut branch = head.clone();
    branch["3"] = json!("unknown");
    branch["9"] = json!("partial");
    let doc = json!({"catalog": "self-check-25", "respondents": [
        {"name": "本社", "answers": head},
        {"name": "工場", "answers": factory},
        {"name": "支店", "answers": branch},
    ]});
    let r = score_json("self-check-25", doc);
    // item 3: unknown (−1) beats partial; item 7: not_done; item 9: partial
    assert_eq!(r["total"], 100 - 5 - 4 - 2);
    assert_eq!(r["unknown"], json!(["3"]));
    assert_eq!(
        r["respondents"],
        json!([{"name": "本社", "total": 100}, {"name": "工場", "total": 94}, {"name": "支店", "total": 93}])
    );
}

/// Primary-checklist answers: `applicable` points spread over items, the rest answered 0.
fn primary(points: &[i64]) -> Value {
    let mut values: Vec<Value> = points.iter().map(|p| json!(p)).collect();
    values.resize(25, json!(0));
    answers("primary-checklist", &values)
}

fn spread(sum: i64, count: usize) -> Vec<i64> {
    // `count` answers of 1-5 adding up to `sum`.
    let base = sum / count as i64;
    let extra = (sum % count as i64) as usize;
    (0..count).map(|i| base + i64::from(i < extra)).collect()
}

#[test]
fn primary_checklist_grades_round_half_up_at_every_edge() {
    let cases = [
        (49, 20, "2.5", "C"), // 2.45
        (69, 20, "3.5", "B"), // 3.45
        (89, 20, "4.5", "A"), // 4.45
        (61, 25, "2.4", "D"), // 2.44
        (62, 25, "2.5", "C"), // 2.48
        (87, 25, "3.5", "B"), // 3.48
        (25, 25, "1.0", "D"),
        (125, 25, "5.0", "A"),
    ];
    for (sum, count, average, grade) in cases {
        let r = score_json("primary-checklist", primary(&spread(sum, count)));
        assert_eq!(
            r["overall"]["average"].to_string(),
            average,
            "{sum}/{count}"
        );
        assert_eq!(r["overall"]["grade"], grade, "{sum}/{count}");
    }
}

#[test]
fn primary_overall_average_is_over_items_not_a_mean_of_category_means() {
    // management M1-M4 all 5; organisation O1-O7 all 1; system_admin and employee not applicable.
    let mut points = vec![5, 5, 5, 5, 1, 1, 1, 1, 1, 1, 1];
    points.resize(25, 0);
    let r = score_json("primary-checklist", primary(&points));
    // Over items: 27/11 = 2.45 → 2.5 (C). A mean of category means would be (5+1)/2 = 3.0 (C, 3.0).
    assert_eq!(r["overall"], json!({"average": 2.5, "grade": "C"}));
    assert_eq!(
        r["categories"][0],
        json!({"id": "management", "average": 5.0, "grade": "A"})
    );
    assert_eq!(
        r["categories"][1],
        json!({"id": "organisation", "average": 1.0, "grade": "D"})
    );
}

#[test]
fn a_category_answered_only_not_applicable_has_grade_na_and_no_average() {
    let r = score_json("primary-checklist", primary(&[4, 4, 4, 4]));
    assert_eq!(
        r["categories"][2],
        json!({"id": "system_admin", "average": null, "grade": "NA"})
    );
    let all_na = score_json("primary-checklist", primary(&[]));
    assert_eq!(all_na["overall"], json!({"average": null, "grade": "NA"}));
}

fn rules(views: &[(&str, &str, &str, &str)]) -> Value {
    let values: Vec<Value> = views
        .iter()
        .map(|(r, a, m, t)| json!({"rule": r, "adoption": a, "managed": m, "technical": t}))
        .collect();
    answers("employee-rules", &values)
}

#[test]
fn employee_rule_grades_follow_the_ladder_and_a_technical_measure_ranks_up_once() {
    let r = score_json(
        "employee-rules",
        rules(&[
            ("yes", "yes", "yes", "no"),     // A
            ("yes", "yes", "no", "no"),      // B
            ("yes", "no", "yes", "no"),      // C (managed alone does not lift it)
            ("no", "unknown", "no", "no"),   // D: unknown adoption is not adoption
            ("yes", "yes", "yes", "yes"),    // A stays A
            ("yes", "yes", "no", "yes"),     // B → A
            ("no", "yes", "no", "yes"),      // C → B
            ("no", "no", "no", "yes"),       // D → C
            ("no", "no", "yes", "no"),       // D
            ("yes", "unknown", "yes", "no"), // C
        ]),
    );
    let grades: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["grade"].as_str().unwrap())
        .collect();
    assert_eq!(grades, ["A", "B", "C", "D", "A", "A", "B", "C", "D", "C"]);
    // points 4+3+2+1+4+4+3+2+1+2 = 26 over 10 → 2.6 → B
    assert_eq!(r["overall"], json!({"average": 2.6, "grade": "B"}));
}

#[test]
fn employee_rules_overall_grade_edges_round_half_up() {
    // 10 items: k items A (4) and the rest B (3): mean 3.k → A only from 3.5
    let a = ("yes", "yes", "yes", "no");
    let b = ("yes", "yes", "no", "no");
    let c = ("yes", "no", "no", "no");
    let d = ("no", "no", "no", "no");
    let grade = |set: Vec<(&'static str, &'static str, &'static str, &'static str)>| {
        score_json("employee-rules", rules(&set))["overall"].clone()
    };
    assert_eq!(
        grade([vec![a; 5], vec![b; 5]].concat()),
        json!({"average": 3.5, "grade": "A"})
    );
    assert_eq!(
        grade([vec![a; 4], vec![b; 6]].concat()),
        json!({"average": 3.4, "grade": "B"})
    );
    assert_eq!(
        grade([vec![b; 5], vec![c; 5]].concat()),
        json!({"average": 2.5, "grade": "B"})
    );
    assert_eq!(
        grade([vec![c; 5], vec![d; 5]].concat()),
        json!({"average": 1.5, "grade": "C"})
    );
    assert_eq!(
        grade([vec![c; 4], vec![d; 6]].concat()),
        json!({"average": 1.4, "grade": "D"})
    );
}

#[test]
fn cloud_percentages_leave_out_not_applicable_and_round_half_up() {
    // choosing: yes, partial, no, na, na → 3 of 6 = 50 %; provider all na → null;
    // operation: yes ×4 + partial → 9/10 = 90 %; overall 12/16 = 75 %.
    let values = [
        "yes", "partial", "no", "na", "na", "na", "na", "na", "na", "na", "yes", "yes", "yes",
        "yes", "partial",
    ];
    let r = score_json(
        "cloud-services",
        answers("cloud-services", &values.map(|v| json!(v))),
    );
    assert_eq!(r["groups"][0]["percent"], 50);
    assert_eq!(r["groups"][1]["percent"], Value::Null);
    assert_eq!(r["groups"][2]["percent"], 90);
    assert_eq!(r["overall_percent"], 75);
    // 1 of 8 points = 12.5 % → 13
    let mut eighth = vec!["partial"];
    eighth.extend(["no"; 3]);
    eighth.extend(["na"; 11]);
    let values: Vec<Value> = eighth.iter().map(|v| json!(v)).collect();
    assert_eq!(
        score_json("cloud-services", answers("cloud-services", &values))["overall_percent"],
        13
    );
}

#[test]
fn csf_function_tiers_are_means_of_exact_category_means() {
    let c = catalog("nist-csf-tiers");
    let mut map = serde_json::Map::new();
    for item in &c.items {
        map.insert(item.id.clone(), json!(1));
    }
    // ID.AM (6 items): 1,1,1,1,2,2 → 8/6 = 1.333… → 1.3
    map.insert("ID.AM-5".into(), json!(2));
    map.insert("ID.AM-6".into(), json!(2));
    // ID.BE (5): 2,2,2,1,1 → 1.6; ID.GV (4) 1.0; ID.RA (6) 1.0; ID.RM (3): 2,2,1 → 1.666… → 1.7
    for id in ["ID.BE-1", "ID.BE-2", "ID.BE-3", "ID.RM-1", "ID.RM-2"] {
        map.insert(id.into(), json!(2));
    }
    // ID.SC (5): all na → no tier
    for k in 1..=5 {
        map.insert(format!("ID.SC-{k}"), json!("na"));
    }
    let doc = json!({"catalog": "nist-csf-tiers", "answers": map, "targets": {"ID.AM": 3, "ID.GV": 1, "ID.SC": 2}});
    let r = score_json("nist-csf-tiers", doc);
    let cat = |id: &str| {
        r["categories"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        cat("ID.AM"),
        json!({"id": "ID.AM", "tier": 1.3, "target": 3, "gap": 1.7})
    );
    assert_eq!(
        cat("ID.GV"),
        json!({"id": "ID.GV", "tier": 1.0, "target": 1, "gap": 0.0})
    );
    assert_eq!(cat("ID.RM")["tier"], 1.7);
    assert_eq!(
        cat("ID.SC"),
        json!({"id": "ID.SC", "tier": null, "target": 2, "gap": null})
    );
    assert_eq!(
        cat("PR.AC"),
        json!({"id": "PR.AC", "tier": 1.0, "target": null, "gap": null})
    );
    // ID: (4/3 + 8/5 + 1 + 1 + 5/3) / 5 = 6.6/5 = 1.32 → 1.3 (ID.SC has no tier and is left out).
    assert_eq!(r["functions"][0], json!({"id": "ID", "tier": 1.3}));
    assert_eq!(r["functions"].as_array().unwrap().len(), 5);
}

#[test]
fn csf_function_tier_uses_exact_means_where_rounded_means_would_differ() {
    let c = catalog("nist-csf-tiers");
    let mut map = serde_json::Map::new();
    for item in &c.items {
        map.insert(item.id.clone(), json!("na"));
    }
    // Category sums chosen so that the mean of exact category means (3.1) differs from the
    // mean of rounded category tiers (3.2): 22/6, 16/5, 13/4, 17/6, 10/3, 13/5.
    for (category, sum) in [
        ("ID.AM", 22),
        ("ID.BE", 16),
        ("ID.GV", 13),
        ("ID.RA", 17),
        ("ID.RM", 10),
        ("ID.SC", 13),
    ] {
        let g = c.group_position(category).unwrap();
        let items = c.items_of(g);
        for (item, tier) in items.iter().zip(spread(sum, items.len())) {
            map.insert(c.items[*item].id.clone(), json!(tier));
        }
    }
    let r = score_json(
        "nist-csf-tiers",
        json!({"catalog": "nist-csf-tiers", "answers": map}),
    );
    let tiers: Vec<f64> = r["categories"].as_array().unwrap()[..6]
        .iter()
        .map(|c| c["tier"].as_f64().unwrap())
        .collect();
    assert_eq!(tiers, [3.7, 3.2, 3.3, 2.8, 3.3, 2.6]);
    assert_eq!(r["functions"][0], json!({"id": "ID", "tier": 3.1}));
    let de = r["functions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "DE")
        .unwrap()
        .clone();
    assert_eq!(
        de["tier"],
        Value::Null,
        "every DE subcategory not applicable"
    );
}

#[test]
fn executive_checklists_count_answers_and_list_what_is_missing() {
    let values = [
        "yes", "no", "partial", "no", "yes", "yes", "yes", "partial", "no", "yes",
    ]
    .map(|v| json!(v));
    let r = score_json(
        "management-guideline-10",
        answers("management-guideline-10", &values),
    );
    assert_eq!(r["counts"], json!({"yes": 5, "partial": 2, "no": 3}));
    assert_eq!(r["missing"], json!(["2", "4", "9"]));
    let r = score_json(
        "ipa-seven-actions",
        answers("ipa-seven-actions", &[json!("yes")]),
    );
    assert_eq!(r["counts"], json!({"yes": 7, "partial": 0, "no": 0}));
    assert_eq!(r["missing"], json!([]));
}

#[test]
fn it_stance_classifies_into_the_six_types() {
    let classify = |usage: &str, security: &str, resources: &str| {
        let doc = json!({"catalog": "it-stance", "answers": {"usage": usage, "security": security, "resources": resources}});
        let r = score_json("it-stance", doc);
        (
            r["class"].as_str().unwrap().to_owned(),
            r["number"].as_i64().unwrap(),
        )
    };
    assert_eq!(
        classify("strategy", "sufficient", "yes"),
        ("ideal".into(), 1)
    );
    assert_eq!(
        classify("routine", "sufficient", "yes"),
        ("could_be_more_active".into(), 2)
    );
    assert_eq!(
        classify("strategy", "excessive", "yes"),
        ("wasteful".into(), 3)
    );
    assert_eq!(
        classify("strategy", "insufficient", "yes"),
        ("dangerous_active".into(), 4)
    );
    assert_eq!(
        classify("routine", "not_needed", "yes"),
        ("dangerous_unaware".into(), 5)
    );
    assert_eq!(
        classify("routine", "insufficient", "no"),
        ("dangerous_constrained".into(), 5)
    );
    assert_eq!(
        classify("none", "sufficient", "yes"),
        ("not_applicable".into(), 6)
    );
}
