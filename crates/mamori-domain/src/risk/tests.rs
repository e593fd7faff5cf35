use super::*;
use crate::raw::RawValue;
use std::collections::HashSet;

fn rating(n: i64) -> Rating {
    Rating::new(n).unwrap()
}

#[test]
fn every_worked_row_of_the_risk_sheet_is_reproduced() {
    // asset, C, I, A, importance, threat, vulnerability, likelihood, risk value, level (risk.md §4)
    let rows = [
        ("社員名簿 事務所PC", 2, 0, 0, 2, 3, 2, 2, 4, RiskLevel::High),
        ("社員名簿 書類", 2, 2, 2, 2, 2, 2, 1, 2, RiskLevel::Medium),
        (
            "当社宛請求書 書類",
            1,
            1,
            1,
            1,
            2,
            2,
            1,
            1,
            RiskLevel::Medium,
        ),
        (
            "電子メールデータ 社外サーバー",
            2,
            2,
            2,
            2,
            3,
            2,
            2,
            4,
            RiskLevel::High,
        ),
        (
            "製品カタログ 書類",
            0,
            1,
            1,
            1,
            2,
            2,
            1,
            1,
            RiskLevel::Medium,
        ),
        (
            "キャンペーン応募者リスト 社内サーバー",
            2,
            1,
            0,
            2,
            3,
            2,
            2,
            4,
            RiskLevel::High,
        ),
        (
            "発注伝票 社内サーバー",
            1,
            0,
            0,
            1,
            3,
            2,
            2,
            2,
            RiskLevel::Medium,
        ),
    ];
    for (name, c, i, a, imp, threat, vuln, like, risk, level) in rows {
        let importance = importance(rating(c), rating(i), rating(a), &[]).importance;
        assert_eq!(importance.get(), imp, "{name}");
        let l = likelihood(
            Threat::new(threat).unwrap(),
            Vulnerability::new(vuln).unwrap(),
        );
        assert_eq!(l.get(), like, "{name}");
        let value = risk_value(importance, l);
        assert_eq!(value.get(), risk, "{name}");
        assert_eq!(value.level(), level, "{name}");
    }
}

#[test]
fn likelihood_follows_the_lookup_table_for_every_cell() {
    let table = [[3, 2, 1], [2, 1, 1], [1, 1, 1]]; // rows threat 3,2,1; columns vulnerability 3,2,1
    for (r, threat) in [3, 2, 1].into_iter().enumerate() {
        for (c, vuln) in [3, 2, 1].into_iter().enumerate() {
            let l = likelihood(
                Threat::new(threat).unwrap(),
                Vulnerability::new(vuln).unwrap(),
            );
            assert_eq!(l.get(), table[r][c], "threat {threat} vulnerability {vuln}");
        }
    }
}

#[test]
fn risk_levels_split_at_zero_and_four() {
    let levels: Vec<RiskLevel> = (0..=6)
        .map(|v| RiskValue::new(v).unwrap().level())
        .collect();
    use RiskLevel::*;
    assert_eq!(levels, [Low, Medium, Medium, Medium, High, High, High]);
    assert!(RiskValue::new(7).is_none());
}

#[test]
fn any_personal_data_flag_makes_an_asset_important_and_says_why() {
    let low = rating(0);
    let result = importance(low, rating(1), low, &[PersonalData::MyNumber]);
    assert_eq!(result.importance.get(), 2);
    assert!(result.raised_by_personal_data);
    let already = importance(rating(2), low, low, &[PersonalData::Personal]);
    assert!(
        !already.raised_by_personal_data,
        "C=2 made it important on its own"
    );
    assert_eq!(importance(low, low, low, &[]).importance.get(), 0);
    assert_eq!(
        suggested_confidentiality(&[PersonalData::Sensitive]),
        Some(rating(2))
    );
    assert_eq!(suggested_confidentiality(&[]), None);
}

#[test]
fn ratings_outside_zero_to_two_do_not_exist() {
    assert!(Rating::new(3).is_none());
    assert!(Rating::new(-1).is_none());
    assert!(Threat::new(0).is_none());
    assert!(Vulnerability::new(4).is_none());
}

#[test]
fn vulnerability_is_one_only_when_every_applicable_countermeasure_is_done() {
    use CountermeasureAnswer::*;
    assert_eq!(vulnerability([Done, Done, NotApplicable]).get(), 1);
    assert_eq!(vulnerability([Done, Partly]).get(), 2);
    assert_eq!(vulnerability([Done, NotDone]).get(), 2);
    assert_eq!(vulnerability([Partly, Partly]).get(), 2);
    assert_eq!(vulnerability([NotDone, NotDone, NotApplicable]).get(), 3);
    assert_eq!(
        vulnerability([NotApplicable]).get(),
        3,
        "nothing protects it"
    );
    assert_eq!(vulnerability([]).get(), 3);
}

#[test]
fn a_medium_takes_its_most_frequent_threat() {
    let t = |n| Threat::new(n).unwrap();
    assert_eq!(medium_threat([t(1), t(3), t(2)]), Some(t(3)));
    assert_eq!(medium_threat([]), None);
}

#[test]
fn chapter_rates_count_partly_as_half_and_flag_regulations() {
    use CountermeasureAnswer::*;
    let office: &[&str] = &["office_pc"];
    let paper: &[&str] = &["paper"];
    let m = |chapter, media, answer| Countermeasure {
        chapter: Chapter::new(chapter).unwrap(),
        media,
        answer,
    };
    let list = [
        m(1, office, Done),
        m(1, office, Partly),
        m(1, office, NotDone),
        m(1, office, NotApplicable),
        m(3, paper, Done),
        m(3, paper, Done),
        m(5, paper, Done),
    ];
    let high: HashSet<&str> = ["paper"].into();
    let status = chapter_status(&list, &high);
    assert_eq!(status.len(), 11);
    assert_eq!(
        (status[0].applicable, status[0].rate_percent),
        (3, Some(50))
    );
    assert!(status[0].regulation_needed, "items not done");
    assert_eq!(status[2].rate_percent, Some(100));
    assert!(
        status[2].regulation_needed,
        "protects a medium with a high-risk asset"
    );
    assert_eq!(status[1].rate_percent, None, "nothing applies in chapter 2");
    assert!(!status[1].regulation_needed);
    let none_high = chapter_status(&list, &HashSet::new());
    assert!(!none_high[2].regulation_needed, "all done and no high risk");
    assert_eq!(
        Chapter::new(11).unwrap().title(crate::Lang::Ja),
        "個人番号及び特定個人情報の取り扱い"
    );
    assert!(Chapter::new(12).is_none());
}

#[test]
fn treatment_suggestions_follow_importance_and_frequency() {
    let s = |imp, threat, risk| {
        suggest_treatment(
            Importance::new(imp).unwrap(),
            Threat::new(threat).unwrap(),
            RiskValue::new(risk).unwrap(),
        )
    };
    assert_eq!(s(2, 3, 4), Some(Treatment::Avoid));
    assert_eq!(s(1, 3, 2), Some(Treatment::Reduce));
    assert_eq!(s(2, 2, 2), Some(Treatment::Transfer));
    assert_eq!(s(1, 1, 1), Some(Treatment::Accept));
    assert_eq!(s(0, 3, 0), None, "low risk needs no treatment");
    assert!(may_accept(
        RiskValue::new(3).unwrap(),
        DEFAULT_ACCEPTANCE_THRESHOLD
    ));
    assert!(!may_accept(
        RiskValue::new(4).unwrap(),
        DEFAULT_ACCEPTANCE_THRESHOLD
    ));
}

#[test]
fn the_ale_worked_example_gives_2_786_million_yen_a_year() {
    assert_eq!(
        annualised_loss(Yen(27_860_000), 1, 10),
        Some(Yen(2_786_000))
    );
    assert_eq!(single_loss(Yen(69_650_000), 40), Yen(27_860_000));
    assert_eq!(
        personal_data_leak_estimate(1_000, DEFAULT_COMPENSATION_PER_PERSON),
        Some(Yen(28_308_000))
    );
    assert_eq!(annualised_loss(Yen(1), 1, 0), None);
}

fn parse(json: &str) -> Result<RiskInput, Vec<crate::InputProblem>> {
    let raw: RawValue = serde_json::from_str(json).unwrap();
    parse_risk_input(&raw)
}

#[test]
fn the_interface_example_evaluates_to_high_risk() {
    let input = parse(
        r#"{"media": {"office_pc": {"threat": 3, "vulnerability": 2}, "paper": {"threat": 2, "vulnerability": 2}},
            "assets": [{"id": "a1", "name": "社員名簿", "medium": "office_pc", "c": 2, "i": 0, "a": 0, "personal": ["personal"]},
                       {"id": "a2", "c": 1, "i": 1, "a": 1, "threat": 2, "vulnerability": 2}]}"#,
    )
    .unwrap();
    let out = evaluate(&input);
    assert_eq!(
        (out[0].risk_value.get(), out[0].level),
        (4, RiskLevel::High)
    );
    assert_eq!(
        (out[1].risk_value.get(), out[1].level),
        (1, RiskLevel::Medium)
    );
}

#[test]
fn bad_assets_are_all_reported_with_their_place() {
    let problems = parse(
        r#"{"media": {"paper": {"threat": 5, "vulnerability": 2}},
            "assets": [{"id": "x", "medium": "cloud", "c": 3, "i": "high", "a": 0},
                       {"id": "x", "c": 0, "i": 0, "a": 0, "personal": ["secret"], "colour": 1},
                       {"c": 0, "i": 0, "a": 0, "threat": 1, "vulnerability": 1}]}"#,
    )
    .unwrap_err();
    let msgs: Vec<String> = problems
        .iter()
        .map(|p| p.message(crate::Lang::En))
        .collect();
    let expect = [
        "media.paper.threat: 5 is not a valid value",
        "asset x (assets[0].medium): medium not defined under media (defined: paper)",
        "asset x (assets[0].c): 3 is not a valid value (allowed: 0, 1, 2)",
        "asset x (assets[0].i): \"high\" is not a valid value",
        "asset x (assets[1].id): the same id appears twice",
        "asset x (assets[1].medium): give either medium",
        "asset x (assets[1].personal[0]): \"secret\" is not a valid value",
        "asset x (assets[1].colour): unknown field",
        "assets[2].id: is required",
    ];
    for needle in expect {
        assert!(
            msgs.iter().any(|m| m.starts_with(needle)),
            "{needle:?} not in {msgs:#?}"
        );
    }
    let ja: Vec<String> = problems
        .iter()
        .map(|p| p.message(crate::Lang::Ja))
        .collect();
    assert!(
        ja.iter().any(
            |m| m.starts_with("資産 x（assets[0].c）: 3 は使えない値です（使える値: 0, 1, 2）")
        ),
        "{ja:#?}"
    );
}
