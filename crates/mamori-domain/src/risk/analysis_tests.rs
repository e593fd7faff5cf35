use super::*;
use crate::Lang;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn catalog() -> &'static RiskCatalog {
    builtin_catalog()
}

fn asset(id: &str, medium: &str, c: i64, i: i64, a: i64, personal: bool) -> AnalysisAsset {
    AnalysisAsset {
        id: id.into(),
        medium: medium.into(),
        c,
        i,
        a,
        personal: if personal {
            vec![PersonalData::Personal]
        } else {
            Vec::new()
        },
    }
}

fn threats(rows: &[(&str, &[(&str, i64)])]) -> BTreeMap<String, BTreeMap<String, i64>> {
    rows.iter()
        .map(|(medium, kinds)| {
            let kinds = kinds.iter().map(|(k, f)| (k.to_string(), *f)).collect();
            (medium.to_string(), kinds)
        })
        .collect()
}

/// Every countermeasure answered with `answer(position)`.
fn answers(answer: impl Fn(usize, &str) -> i64) -> BTreeMap<String, i64> {
    catalog()
        .countermeasures
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.clone(), answer(n, &c.id)))
        .collect()
}

/// The seven worked rows of risk.md §4 (seeds 000 and 002), with threats rated per kind and a
/// checklist that leaves every medium partly protected, as the sheet's examples are.
fn worked_example() -> AnalysisInput {
    AnalysisInput {
        assets: vec![
            asset("社員名簿/PC", "office_pc", 2, 0, 0, true),
            asset("社員名簿/書類", "paper", 2, 2, 2, true),
            asset("当社宛請求書", "paper", 1, 1, 1, false),
            asset("電子メールデータ", "external_server", 2, 2, 2, false),
            asset("製品カタログ", "paper", 0, 1, 1, false),
            asset("キャンペーン応募者リスト", "internal_server", 2, 1, 0, true),
            asset("発注伝票", "internal_server", 1, 0, 0, false),
        ],
        threats: threats(&[
            ("office_pc", &[("leak", 3), ("tamper", 2)]),
            ("paper", &[("leak", 2), ("theft", 2), ("loss", 1)]),
            ("external_server", &[("leak", 3)]),
            ("internal_server", &[("loss", 3), ("leak", 2)]),
        ]),
        // 1, 2, 3, 4, 1, 2, …: 1-1 (done) and 1-2 (partly) protect every medium, so each
        // medium has done and undone measures and is partly protected (2).
        answers: answers(|n, _| (n % 4) as i64 + 1),
        ..AnalysisInput::default()
    }
}

#[test]
fn the_worked_rows_of_the_risk_sheet_come_out_of_the_analysis_exactly() {
    let input = worked_example();
    let out = analyse(catalog(), &input).unwrap();
    // importance, threat, vulnerability, likelihood, risk value, level, treatment (risk.md §4-5)
    use RiskLevel::*;
    use Treatment::*;
    let expected = [
        (2, 3, 2, 2, 4, High, Avoid),
        (2, 2, 2, 1, 2, Medium, Transfer),
        (1, 2, 2, 1, 1, Medium, Accept),
        (2, 3, 2, 2, 4, High, Avoid),
        (1, 2, 2, 1, 1, Medium, Accept),
        (2, 3, 2, 2, 4, High, Avoid),
        (1, 3, 2, 2, 2, Medium, Reduce),
    ];
    assert_eq!(out.assets.len(), expected.len());
    for (a, (imp, threat, vuln, like, risk, lvl, treatment)) in out.assets.iter().zip(expected) {
        let got = (
            a.importance.get(),
            a.threat.map(Threat::get),
            a.vulnerability.get(),
            a.likelihood.map(Likelihood::get),
            a.risk_value.map(RiskValue::get),
            a.level,
            a.suggested_treatment,
        );
        let want = (
            imp,
            Some(threat),
            vuln,
            Some(like),
            Some(risk),
            Some(lvl),
            Some(treatment),
        );
        assert_eq!(got, want, "{}", a.id);
    }
    assert_eq!(
        out.levels,
        LevelCounts {
            high: 3,
            medium: 4,
            low: 0,
            unrated: 0
        }
    );
    let (two, one) = (Importance(2), Importance(1));
    let (low, mid) = (Likelihood(1), Likelihood(2));
    assert_eq!(out.heat_map.count(two, mid), 3);
    assert_eq!(out.heat_map.count(two, low), 1);
    assert_eq!(out.heat_map.count(one, low), 2);
    assert_eq!(out.heat_map.count(one, mid), 1);
    let high: Vec<&str> = out
        .media
        .iter()
        .filter(|m| m.high_risk)
        .map(|m| m.code)
        .collect();
    assert_eq!(high, ["office_pc", "internal_server", "external_server"]);
    assert!(out.unanswered.is_empty());
}

#[test]
fn the_worked_example_agrees_with_the_existing_evaluation() {
    // The same rows through `risk::evaluate` (the CLI's path) give the same figures.
    let input = worked_example();
    let out = analyse(catalog(), &input).unwrap();
    let legacy = RiskInput {
        assets: input
            .assets
            .iter()
            .zip(&out.assets)
            .map(|(a, r)| AssetInput {
                id: a.id.clone(),
                name: None,
                c: Rating::new(a.c).unwrap(),
                i: Rating::new(a.i).unwrap(),
                a: Rating::new(a.a).unwrap(),
                personal: a.personal.clone(),
                threat: r.threat.unwrap(),
                vulnerability: r.vulnerability,
            })
            .collect(),
    };
    for (old, new) in evaluate(&legacy).iter().zip(&out.assets) {
        assert_eq!(
            (old.risk_value, old.level, old.suggested_treatment),
            (
                new.risk_value.unwrap(),
                new.level.unwrap(),
                new.suggested_treatment
            )
        );
    }
}

#[test]
fn unanswered_countermeasures_count_as_not_done() {
    let input = AnalysisInput {
        assets: vec![asset("a", "mobile", 1, 1, 1, false)],
        threats: threats(&[("mobile", &[("theft", 3)])]),
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    assert!(out.media.iter().all(|m| m.vulnerability.get() == 3));
    assert_eq!(out.unanswered.len(), catalog().countermeasures.len());
    assert_eq!(out.assets[0].likelihood.map(Likelihood::get), Some(3));
    assert_eq!(out.assets[0].risk_value.map(RiskValue::get), Some(3));
    assert!(out.chapters.iter().all(|c| c.rate_percent == Some(0)));
    assert_eq!(out.regulations_needed.len(), 11);
}

#[test]
fn a_medium_protected_by_every_measure_has_vulnerability_one() {
    let input = AnalysisInput {
        assets: vec![asset("a", "external_server", 2, 2, 2, false)],
        threats: threats(&[("external_server", &[("leak", 3), ("outage", 1)])]),
        answers: answers(|_, _| 1),
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    let a = &out.assets[0];
    assert_eq!(a.vulnerability.get(), 1);
    assert_eq!(a.likelihood.map(Likelihood::get), Some(1));
    assert_eq!(a.risk_value.map(RiskValue::get), Some(2));
    assert!(out.regulations_needed.is_empty(), "all done, nothing high");
    assert!(out.chapters.iter().all(|c| c.rate_percent == Some(100)));
}

#[test]
fn a_medium_where_nothing_applies_has_vulnerability_three() {
    // Every measure protecting mobile devices is "not applicable"; the rest are done.
    let m = catalog().medium_position("mobile").unwrap();
    let guarding = catalog().countermeasures_of(m);
    let input = AnalysisInput {
        answers: answers(|n, _| if guarding.contains(&n) { 4 } else { 1 }),
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    let vulnerability = |code: &str| {
        out.media
            .iter()
            .find(|m| m.code == code)
            .map(|m| m.vulnerability.get())
    };
    assert_eq!(vulnerability("mobile"), Some(3), "nothing protects it");
    assert_eq!(vulnerability("internal_server"), Some(1));
}

#[test]
fn assets_on_a_medium_without_rated_threats_stay_unrated() {
    let input = AnalysisInput {
        assets: vec![
            asset("rated", "paper", 2, 0, 0, false),
            asset("unrated", "removable", 2, 2, 2, false),
        ],
        threats: threats(&[("paper", &[("leak", 2)]), ("removable", &[])]),
        answers: answers(|_, _| 2),
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    let unrated = &out.assets[1];
    assert_eq!(
        (unrated.threat, unrated.likelihood, unrated.risk_value),
        (None, None, None)
    );
    assert_eq!((unrated.level, unrated.suggested_treatment), (None, None));
    assert_eq!(unrated.importance.get(), 2, "importance needs no threat");
    assert_eq!(out.levels.unrated, 1);
    let counted: u32 = out.heat_map.counts.iter().flatten().sum();
    assert_eq!(counted, 1, "only the rated asset is on the heat map");
}

#[test]
fn assets_of_importance_zero_are_on_the_heat_map_at_low_risk() {
    let input = AnalysisInput {
        assets: vec![asset("brochure", "paper", 0, 0, 0, false)],
        threats: threats(&[("paper", &[("leak", 3)])]),
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    let a = &out.assets[0];
    assert_eq!(a.risk_value.map(RiskValue::get), Some(0));
    assert_eq!(a.level, Some(RiskLevel::Low));
    assert_eq!(a.suggested_treatment, None, "low risk needs no decision");
    assert_eq!(a.may_accept, Some(true));
    assert_eq!(out.heat_map.count(Importance(0), Likelihood(3)), 1);
    assert_eq!(out.levels.low, 1);
}

#[test]
fn personal_data_raises_importance_and_says_so() {
    let input = AnalysisInput {
        assets: vec![
            asset("raised", "office_pc", 0, 1, 0, true),
            asset("already", "office_pc", 2, 0, 0, true),
        ],
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    assert_eq!(out.assets[0].importance.get(), 2);
    assert!(out.assets[0].importance_raised_by_personal_data);
    assert!(!out.assets[1].importance_raised_by_personal_data);
    assert!(!catalog().personal_rule.ja.is_empty());
}

#[test]
fn a_medium_holding_a_high_risk_asset_makes_its_chapters_need_regulations() {
    // Everything done but one measure that protects only mobile devices (6-5), so mobile is
    // partly protected, its asset is at high risk, and every chapter touching mobile devices
    // needs its regulation even where all its measures are done.
    let only_mobile = "6-5";
    assert_eq!(
        catalog().countermeasure(only_mobile).unwrap().media,
        ["mobile"]
    );
    let input = AnalysisInput {
        assets: vec![asset("laptop data", "mobile", 2, 1, 1, false)],
        threats: threats(&[("mobile", &[("theft", 3)])]),
        answers: answers(|_, id| if id == only_mobile { 3 } else { 1 }),
        ..AnalysisInput::default()
    };
    let out = analyse(catalog(), &input).unwrap();
    assert_eq!(out.assets[0].level, Some(RiskLevel::High));
    let needed: Vec<u8> = out.regulations_needed.iter().map(|c| c.number()).collect();
    assert_eq!(needed, [1, 2, 3, 4, 5, 6, 7, 9, 10]);
    let chapter = |n: usize| &out.chapters[n - 1];
    assert_eq!(chapter(1).rate_percent, Some(100));
    assert!(
        chapter(1).regulation_needed,
        "protects the high-risk medium"
    );
    assert!(!chapter(8).regulation_needed, "servers only, all done");
    assert!(chapter(6).rate_percent < Some(100));
}

#[test]
fn the_acceptance_threshold_decides_what_may_be_accepted() {
    let mut input = worked_example();
    input.acceptance_threshold = RiskValue(1);
    let out = analyse(catalog(), &input).unwrap();
    let acceptable: Vec<Option<bool>> = out.assets.iter().map(|a| a.may_accept).collect();
    let (y, n) = (Some(true), Some(false));
    assert_eq!(acceptable, [n, n, y, n, y, n, n]);
}

#[test]
fn every_problem_in_the_input_is_reported_with_what_it_concerns() {
    let input = AnalysisInput {
        assets: vec![
            asset("x", "cloud", 3, 0, 0, false),
            asset("x", "paper", 0, 0, 0, false),
            asset(" ", "paper", 0, -1, 0, false),
        ],
        threats: threats(&[
            ("fax", &[("leak", 1)]),
            (
                "external_server",
                &[("theft", 2), ("flood", 1), ("leak", 4)],
            ),
        ]),
        answers: [("12-1".to_owned(), 1), ("1-1".to_owned(), 5)].into(),
        ..AnalysisInput::default()
    };
    let problems = analyse(catalog(), &input).unwrap_err();
    let en: Vec<String> = problems.iter().map(|p| p.message(Lang::En)).collect();
    for needle in [
        "countermeasure 12-1 (answers.12-1): no such countermeasure on the checklist",
        "countermeasure 1-1 (answers.1-1): 5 is not a valid value (allowed: 1, 2, 3, 4)",
        "medium fax (threats.fax): \"fax\" is not a valid value (allowed: \"paper\"",
        "medium external_server (threats.external_server.theft): \"theft\" is not a valid value (allowed: \"leak\", \"tamper\", \"loss\", \"outage\")",
        "medium external_server (threats.external_server.flood): \"flood\"",
        "medium external_server (threats.external_server.leak): 4 is not a valid value (allowed: 1, 2, 3)",
        "asset x (assets[0].medium): \"cloud\" is not a valid value",
        "asset x (assets[0].c): 3 is not a valid value (allowed: 0, 1, 2)",
        "asset x (assets[1].id): the same id appears twice",
        "assets[2].id: is empty",
        "assets[2].i: -1 is not a valid value",
    ] {
        assert!(
            en.iter().any(|m| m.starts_with(needle)),
            "{needle:?} not in {en:#?}"
        );
    }
    assert_eq!(problems.len(), 11, "{en:#?}");
    let ja: Vec<String> = problems.iter().map(|p| p.message(Lang::Ja)).collect();
    assert!(
        ja.contains(
            &"対策 12-1（answers.12-1）: この対策IDは対策状況チェックにありません".to_owned()
        ),
        "{ja:#?}"
    );
}

fn any_input() -> impl Strategy<Value = AnalysisInput> {
    let codes = [
        "paper",
        "office_pc",
        "mobile",
        "removable",
        "internal_server",
        "external_server",
        "cloud",
        "",
    ];
    let kinds = ["leak", "tamper", "loss", "outage", "theft", "flood"];
    let ids: Vec<String> = catalog()
        .countermeasures
        .iter()
        .map(|c| c.id.clone())
        .chain(["0-0".to_owned(), "x".to_owned()])
        .collect();
    let asset = (
        0..20u8,
        prop::sample::select(codes.to_vec()),
        -1..4i64,
        -1..4i64,
        -1..4i64,
        any::<bool>(),
    )
        .prop_map(|(id, medium, c, i, a, p)| asset(&id.to_string(), medium, c, i, a, p));
    let threat = (
        prop::sample::select(codes.to_vec()),
        prop::sample::select(kinds.to_vec()),
        -1..5i64,
    );
    let answer = (prop::sample::select(ids), -1..6i64);
    (
        prop::collection::vec(asset, 0..30),
        prop::collection::vec(threat, 0..20),
        prop::collection::vec(answer, 0..80),
        0..=6u8,
    )
        .prop_map(|(assets, threats, answers, threshold)| {
            let mut t: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
            for (medium, kind, f) in threats {
                t.entry(medium.into()).or_default().insert(kind.into(), f);
            }
            AnalysisInput {
                assets,
                threats: t,
                answers: answers.into_iter().collect(),
                acceptance_threshold: RiskValue(threshold),
            }
        })
}

proptest! {
    #[test]
    fn any_input_gives_an_analysis_or_problems_and_never_panics(input in any_input()) {
        match analyse(catalog(), &input) {
            Ok(out) => {
                let n = input.assets.len() as u32;
                let l = out.levels;
                prop_assert_eq!(l.high + l.medium + l.low + l.unrated, n);
                let mapped: u32 = out.heat_map.counts.iter().flatten().sum();
                prop_assert_eq!(mapped + l.unrated, n);
                prop_assert_eq!(out.chapters.len(), 11);
            }
            Err(problems) => prop_assert!(!problems.is_empty()),
        }
    }
}
