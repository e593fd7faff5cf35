//! Every embedded catalog loads, validates, and offers exactly the ids and values that the
//! stable answer-file interface (docs/interfaces.md) promises.

use mamori_domain::catalog::{Audience, CatalogSet, OptionValue};
use mamori_domain::{Catalog, builtin};

fn catalog(id: &str) -> &'static Catalog {
    builtin()
        .get(id)
        .unwrap_or_else(|| panic!("catalog {id} is embedded"))
}

fn item_ids(id: &str) -> Vec<String> {
    catalog(id).items.iter().map(|i| i.id.clone()).collect()
}

fn numbered(n: usize) -> Vec<String> {
    (1..=n).map(|i| i.to_string()).collect()
}

fn prefixed(prefix: &str, n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("{prefix}{i}")).collect()
}

fn values(id: &str) -> Vec<String> {
    catalog(id)
        .scale
        .options
        .iter()
        .map(|o| o.value.to_string())
        .collect()
}

#[test]
fn every_embedded_catalog_loads_and_validates() {
    let ids: Vec<&str> = builtin().latest().iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "five-principles",
            "self-check-25",
            "primary-checklist",
            "employee-rules",
            "cloud-services",
            "nist-csf-tiers",
            "management-guideline-10",
            "ipa-seven-actions",
            "it-stance"
        ]
    );
}

#[test]
fn catalogs_for_non_specialists_explain_every_item_in_japanese() {
    for id in [
        "five-principles",
        "self-check-25",
        "primary-checklist",
        "employee-rules",
        "cloud-services",
    ] {
        let c = catalog(id);
        assert_eq!(c.audience, Audience::General, "{id}");
        for item in &c.items {
            assert!(
                item.risk.as_ref().is_some_and(|r| !r.ja.trim().is_empty()),
                "{id} {}",
                item.id
            );
            assert!(!item.countermeasures.is_empty(), "{id} {}", item.id);
        }
    }
}

#[test]
fn every_item_cites_its_source_and_speaks_both_languages() {
    for c in builtin().latest() {
        for item in &c.items {
            assert!(!item.source.trim().is_empty(), "{} {}", c.id, item.id);
            assert!(!item.text.ja.trim().is_empty() && !item.text.en.trim().is_empty());
        }
    }
}

#[test]
fn item_ids_match_the_answer_file_interface() {
    assert_eq!(item_ids("five-principles"), numbered(5));
    assert_eq!(item_ids("self-check-25"), numbered(25));
    let primary: Vec<String> = [
        prefixed("M", 4),
        prefixed("O", 7),
        prefixed("S", 5),
        prefixed("E", 9),
    ]
    .concat();
    assert_eq!(item_ids("primary-checklist"), primary);
    assert_eq!(
        item_ids("employee-rules"),
        (0..=9).map(|i| format!("R{i}")).collect::<Vec<_>>()
    );
    let cloud: Vec<String> = [prefixed("C", 5), prefixed("P", 5), prefixed("U", 5)].concat();
    assert_eq!(item_ids("cloud-services"), cloud);
    assert_eq!(item_ids("management-guideline-10"), numbered(10));
    assert_eq!(item_ids("ipa-seven-actions"), numbered(7));
    assert_eq!(item_ids("it-stance"), ["usage", "security", "resources"]);
}

#[test]
fn answer_values_and_points_match_the_spec() {
    let points = |id: &str| -> Vec<(String, i64)> {
        catalog(id)
            .scale
            .options
            .iter()
            .map(|o| (o.value.to_string(), o.points))
            .collect()
    };
    assert_eq!(values("five-principles"), ["yes", "no"]);
    assert_eq!(
        points("self-check-25"),
        [
            ("done".into(), 4),
            ("partial".into(), 2),
            ("not_done".into(), 0),
            ("unknown".into(), -1)
        ]
    );
    let primary = catalog("primary-checklist");
    let mut ints: Vec<i64> = primary.scale.options.iter().map(|o| o.points).collect();
    ints.sort();
    assert_eq!(ints, [0, 1, 2, 3, 4, 5]);
    for o in &primary.scale.options {
        assert_eq!(o.value, OptionValue::Int(o.points));
        assert_eq!(
            o.applicable,
            o.points != 0,
            "only 0 is 'judged unnecessary'"
        );
    }
    assert_eq!(values("cloud-services"), ["yes", "partial", "no", "na"]);
    assert_eq!(values("management-guideline-10"), ["yes", "partial", "no"]);
    assert_eq!(values("ipa-seven-actions"), ["yes", "partial", "no"]);
    let views: Vec<(String, Vec<String>)> = catalog("employee-rules")
        .scale
        .viewpoints
        .iter()
        .map(|v| {
            (
                v.id.clone(),
                v.options.iter().map(|o| o.value.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        views,
        [
            ("rule".to_owned(), vec!["yes".to_owned(), "no".to_owned()]),
            (
                "adoption".to_owned(),
                vec!["yes".to_owned(), "no".to_owned(), "unknown".to_owned()]
            ),
            (
                "managed".to_owned(),
                vec!["yes".to_owned(), "no".to_owned()]
            ),
            (
                "technical".to_owned(),
                vec!["yes".to_owned(), "no".to_owned()]
            ),
        ]
    );
}

#[test]
fn the_csf_catalog_has_all_108_subcategories_in_23_categories_with_four_tier_texts() {
    let c = catalog("nist-csf-tiers");
    assert_eq!(c.items.len(), 108);
    let categories: Vec<usize> = c.leaf_groups().collect();
    assert_eq!(categories.len(), 23);
    for g in categories {
        assert_eq!(c.groups[g].tiers.len(), 4, "{}", c.groups[g].id);
        assert!(c.groups[g].id.contains('.'));
    }
    let functions: Vec<&str> = c.top_groups().map(|g| c.groups[g].id.as_str()).collect();
    assert_eq!(functions, ["ID", "PR", "DE", "RS", "RC"]);
    let per_category = [
        ("ID.AM", 6),
        ("ID.BE", 5),
        ("ID.GV", 4),
        ("ID.RA", 6),
        ("ID.RM", 3),
        ("ID.SC", 5),
        ("PR.AC", 7),
        ("PR.AT", 5),
        ("PR.DS", 8),
        ("PR.IP", 12),
        ("PR.MA", 2),
        ("PR.PT", 5),
        ("DE.AE", 5),
        ("DE.CM", 8),
        ("DE.DP", 5),
        ("RS.RP", 1),
        ("RS.CO", 5),
        ("RS.AN", 5),
        ("RS.MI", 3),
        ("RS.IM", 2),
        ("RC.RP", 1),
        ("RC.IM", 2),
        ("RC.CO", 3),
    ];
    for (id, n) in per_category {
        let g = c.group_position(id).unwrap_or_else(|| panic!("{id}"));
        let ids: Vec<&str> = c
            .items_of(g)
            .iter()
            .map(|&i| c.items[i].id.as_str())
            .collect();
        let expected: Vec<String> = (1..=n).map(|k| format!("{id}-{k}")).collect();
        assert_eq!(ids, expected, "{id}");
    }
}

#[test]
fn five_principles_prefill_from_the_self_check_item_with_the_same_number() {
    let c = catalog("five-principles");
    for item in &c.items {
        let prefill = item.prefill.as_ref().expect("prefill");
        assert_eq!(prefill.catalog, "self-check-25");
        assert_eq!(prefill.item, item.id);
    }
}

#[test]
fn primary_checklist_groups_carry_the_skill_and_cost_priority() {
    let c = catalog("primary-checklist");
    let order: Vec<&str> = c
        .group_priority()
        .iter()
        .map(|&g| c.groups[g].id.as_str())
        .collect();
    assert_eq!(
        order,
        ["employee", "management", "organisation", "system_admin"]
    );
}

#[test]
fn a_broken_catalog_reports_every_problem_at_once() {
    let broken = r#"
id = "Bad Id"
version = "1"
audience = "general"
title = { ja = "", en = "x" }
summary = { ja = "x", en = "x" }
source = ""
scale = { options = [ { value = "a", points = 1, label = { ja = "a", en = "a" } },
                      { value = "a", points = 0, label = { ja = "b", en = "b" } } ] }
scoring = { rule = "sum-bands", bands = [ { id = "low", min = 5, situation = { ja = "x", en = "x" }, next_step = { ja = "x", en = "x" } } ] }
[[groups]]
id = "g"
title = { ja = "g", en = "g" }
[[items]]
id = "1"
group = "nowhere"
source = "s"
text = { ja = "q", en = "q" }
[[items]]
id = "1"
group = "g"
source = "s"
text = { ja = "q", en = "q" }
risk = { ja = "r", en = "r" }
countermeasures = [ { ja = "c", en = "c" } ]
"#;
    let problems = CatalogSet::from_sources([("bad.toml", broken)]).unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    let expect = [
        "id \"Bad Id\"",
        "version \"1\"",
        "title: needs both",
        "source: cite",
        "option value a appears twice",
        "item 1 appears twice",
        "group nowhere does not exist",
        "risk is required",
        "the last band takes everything below",
    ];
    for needle in expect {
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "missing {needle:?} in {text:#?}"
        );
    }
}

#[test]
fn a_catalog_with_an_unclassified_combination_is_rejected() {
    let partial = r#"
id = "stance"
version = "2026.1"
audience = "specialist"
title = { ja = "t", en = "t" }
summary = { ja = "t", en = "t" }
source = "s"
scale = { options = [ { value = "yes", points = 1, label = { ja = "y", en = "y" } },
                      { value = "no", points = 0, label = { ja = "n", en = "n" } } ] }
[scoring]
rule = "classify"
classes = [ { id = "a", number = 1, label = { ja = "a", en = "a" }, description = { ja = "a", en = "a" }, when = { q = ["yes"] } } ]
[[groups]]
id = "g"
title = { ja = "g", en = "g" }
[[items]]
id = "q"
group = "g"
source = "s"
text = { ja = "q", en = "q" }
"#;
    let problems = CatalogSet::from_sources([("stance.toml", partial)]).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("no class for q=no")),
        "{problems:?}"
    );
}

#[test]
fn every_item_taken_into_the_action_list_is_titled_by_an_instruction_not_its_question() {
    use mamori_domain::Lang;
    use mamori_domain::catalog::ScoringRule;
    for c in builtin().latest() {
        if matches!(c.scoring, ScoringRule::Classify { .. }) {
            continue;
        }
        for item in &c.items {
            for lang in [Lang::Ja, Lang::En] {
                let title = item.action_title(lang, false);
                assert_ne!(title, item.text.get(lang), "{} {}", c.id, item.id);
                assert!(
                    !title.ends_with('か') && !title.ends_with('?') && !title.ends_with('。'),
                    "{} {}: {title}",
                    c.id,
                    item.id
                );
                assert!(title.chars().count() <= 200, "fits an action's title");
            }
        }
    }
    let seven = catalog("self-check-25")
        .items
        .iter()
        .find(|i| i.id == "7")
        .unwrap();
    assert!(
        seven
            .action_title(Lang::Ja, true)
            .starts_with("まず現状を確認: ")
    );
}

#[test]
fn a_catalog_item_without_an_instruction_or_a_short_title_where_needed_is_refused() {
    let source = include_str!("../catalogs/self-check-25.toml");
    let first_item = source.find("[[items]]").unwrap();
    let end = source[first_item..].find("\n[[items]]").unwrap() + first_item;
    let item = &source[first_item..end];
    let bare: String = item
        .lines()
        .filter(|l| !l.starts_with("short =") && !l.starts_with("countermeasures"))
        .collect::<Vec<_>>()
        .join("\n");
    // Drop the countermeasure lines of the list as well.
    let bare: String = bare
        .lines()
        .filter(|l| !l.starts_with("  {") && *l != "]")
        .collect::<Vec<_>>()
        .join("\n");
    let broken = source.replacen(item, &bare, 1);
    let problems = Catalog::from_toml(&broken).unwrap_err();
    let text: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    assert!(
        text.iter().any(|m| m.contains("item 1: give an action")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|m| m.contains("item 1: a short title is required")),
        "{text:?}"
    );
}

#[test]
fn the_self_check_names_each_item_in_a_few_words_for_the_table_by_site() {
    for item in &catalog("self-check-25").items {
        let short = item
            .short
            .as_ref()
            .unwrap_or_else(|| panic!("item {}", item.id));
        assert!(short.ja.chars().count() <= 20, "{}: {}", item.id, short.ja);
    }
}
