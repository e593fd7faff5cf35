use super::*;
use crate::risk::Chapter;

/// The embedded files parsed but not validated, to break on purpose.
fn parsed() -> RiskCatalog {
    RiskCatalog::parse(SHEET, CHECKLIST).expect("the embedded files are TOML")
}

/// The messages of a broken catalog; the test names the problem it expects.
fn problems(catalog: &RiskCatalog) -> Vec<String> {
    validate(catalog).into_iter().map(|p| p.message).collect()
}

fn assert_reports(catalog: &RiskCatalog, needle: &str) {
    let found = problems(catalog);
    assert!(
        found.iter().any(|m| m.contains(needle)),
        "{needle:?} not in {found:#?}"
    );
}

#[test]
fn the_embedded_risk_catalog_is_valid() {
    let found = problems(&parsed());
    assert!(found.is_empty(), "{found:#?}");
    let catalog = builtin_catalog();
    assert_eq!(catalog.id, "risk-analysis");
    assert!(
        (50..=75).contains(&catalog.countermeasures.len()),
        "{} countermeasures",
        catalog.countermeasures.len()
    );
}

#[test]
fn media_codes_are_the_ones_the_cli_example_already_uses() {
    let codes: Vec<&str> = builtin_catalog()
        .media
        .iter()
        .map(|m| m.code.as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "paper",
            "office_pc",
            "mobile",
            "removable",
            "internal_server",
            "external_server"
        ]
    );
    let names: Vec<&str> = builtin_catalog()
        .media
        .iter()
        .map(|m| m.name.ja.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "書類",
            "事務所PC",
            "モバイル機器",
            "可搬電子媒体",
            "社内サーバー",
            "社外サーバー"
        ]
    );
}

#[test]
fn every_chapter_has_countermeasures_and_every_medium_is_protected_and_threatened() {
    let catalog = builtin_catalog();
    for chapter in Chapter::all() {
        assert!(
            catalog.countermeasures_in(chapter).next().is_some(),
            "chapter {}",
            chapter.number()
        );
    }
    for (m, medium) in catalog.media.iter().enumerate() {
        assert!(!catalog.countermeasures_of(m).is_empty(), "{}", medium.code);
        assert!(!catalog.threats_of(m).is_empty(), "{}", medium.code);
    }
    let item = catalog.countermeasure("4-3").unwrap();
    assert_eq!(item.chapter, 4);
    assert_eq!(
        catalog.chapter_of(catalog.countermeasure_position("4-3").unwrap()),
        Chapter::new(4)
    );
}

#[test]
fn the_five_threat_kinds_are_asked_where_they_can_happen() {
    let catalog = builtin_catalog();
    let names: Vec<&str> = catalog.threats.iter().map(|t| t.name.ja.as_str()).collect();
    assert_eq!(
        names,
        ["漏えい", "改ざん", "消失・破壊", "停止", "盗難・紛失"]
    );
    let asked = |medium: &str| -> Vec<&str> {
        let m = catalog.medium_position(medium).unwrap();
        catalog
            .threats_of(m)
            .iter()
            .map(|&t| catalog.threats[t].code.as_str())
            .collect()
    };
    assert_eq!(asked("paper"), ["leak", "tamper", "loss", "theft"]);
    assert_eq!(
        asked("external_server"),
        ["leak", "tamper", "loss", "outage"]
    );
}

#[test]
fn every_domain_value_has_its_words() {
    let catalog = builtin_catalog();
    for kind in [
        PersonalData::Personal,
        PersonalData::Sensitive,
        PersonalData::MyNumber,
    ] {
        assert!(catalog.personal(kind).is_some(), "{kind:?}");
    }
    assert_eq!(
        catalog.treatment(Treatment::Transfer).unwrap().name.ja,
        "移転・転嫁"
    );
    assert_eq!(catalog.risk_level(RiskLevel::High).unwrap().name.ja, "大");
    let scale: Vec<&str> = catalog
        .answers
        .iter()
        .map(|a| a.label.ja.as_str())
        .collect();
    assert_eq!(
        scale,
        [
            "実施している",
            "一部実施している",
            "実施していない／わからない",
            "自社には該当しない"
        ]
    );
    let classes: Vec<&str> = catalog
        .classifications
        .iter()
        .map(|c| c.name.ja.as_str())
        .collect();
    assert_eq!(classes, ["極秘", "秘密", "社外秘", "公開"]);
    let stages: Vec<&str> = catalog
        .lifecycle
        .iter()
        .map(|c| c.name.ja.as_str())
        .collect();
    assert_eq!(stages, ["生成", "保管", "利用", "共有", "保存", "破棄"]);
}

#[test]
fn a_countermeasure_id_used_twice_is_reported() {
    let mut c = parsed();
    c.countermeasures[1].id = c.countermeasures[0].id.clone();
    assert_reports(&c, "countermeasure 1-1: the id appears twice");
}

#[test]
fn an_id_that_does_not_match_its_chapter_is_reported() {
    let mut c = parsed();
    c.countermeasures[0].id = "2-99".into();
    assert_reports(&c, "countermeasure 2-99: the id must be \"1-<number>\"");
    c.countermeasures[0].id = "1-01".into();
    assert_reports(&c, "countermeasure 1-01: the id must be");
}

#[test]
fn a_chapter_outside_one_to_eleven_is_reported() {
    let mut c = parsed();
    c.countermeasures[0].chapter = 12;
    assert_reports(&c, "chapter 12 is not one of 1-11");
}

#[test]
fn a_chapter_without_countermeasures_is_reported() {
    let mut c = parsed();
    c.countermeasures.retain(|item| item.chapter != 11);
    assert_reports(&c, "chapter 11 has no countermeasure");
}

#[test]
fn an_unknown_medium_on_a_countermeasure_or_a_threat_is_reported() {
    let mut c = parsed();
    c.countermeasures[0].media.push("fax".into());
    c.threats[0].media.push("cloud".into());
    assert_reports(&c, "countermeasure 1-1: medium \"fax\" does not exist");
    assert_reports(&c, "threat leak: medium \"cloud\" does not exist");
}

#[test]
fn a_medium_no_countermeasure_protects_is_reported() {
    let mut c = parsed();
    for item in &mut c.countermeasures {
        item.media.retain(|m| m != "removable");
    }
    c.countermeasures.retain(|item| !item.media.is_empty());
    assert_reports(&c, "medium removable: no countermeasure protects it");
}

#[test]
fn a_medium_without_threat_kinds_is_reported() {
    let mut c = parsed();
    for t in &mut c.threats {
        t.media.retain(|m| m != "paper");
    }
    assert_reports(&c, "medium paper: no threat kind is asked for it");
}

#[test]
fn a_text_missing_in_either_language_is_reported() {
    let mut c = parsed();
    c.countermeasures[2].text.en = " ".into();
    c.media[0].examples.ja.clear();
    c.cia[1].levels[0].text.en.clear();
    c.treatments[0].example.ja.clear();
    assert_reports(&c, "countermeasure 1-3: needs both ja and en text");
    assert_reports(&c, "medium paper examples: needs both ja and en text");
    assert_reports(&c, "cia i level 2: needs both ja and en text");
    assert_reports(&c, "treatment avoid example: needs both ja and en text");
}

#[test]
fn a_countermeasure_without_source_or_media_is_reported() {
    let mut c = parsed();
    c.countermeasures[0].source.clear();
    c.countermeasures[1].media.clear();
    assert_reports(&c, "countermeasure 1-1: source is empty");
    assert_reports(&c, "countermeasure 1-2: protects no medium");
}

#[test]
fn a_scale_with_a_missing_or_extra_value_is_reported() {
    let mut c = parsed();
    c.frequencies.pop();
    c.answers[3].value = 5;
    assert_reports(&c, "frequencies: values must be exactly [1, 2, 3]");
    assert_reports(&c, "answers: values must be exactly [1, 2, 3, 4]");
}

#[test]
fn codes_the_domain_needs_must_all_be_there() {
    let mut c = parsed();
    c.personal_data.retain(|p| p.code != "my_number");
    c.treatments[0].code = "ignore".into();
    c.cia.pop();
    assert_reports(&c, "personal data kinds: \"my_number\" is missing");
    assert_reports(&c, "treatments: \"avoid\" is missing");
    assert_reports(&c, "treatments: \"ignore\" is not one the domain knows");
    assert_reports(&c, "cia: \"a\" is missing");
}

#[test]
fn risk_level_ranges_must_agree_with_the_rule() {
    let mut c = parsed();
    let medium = c
        .risk_levels
        .iter_mut()
        .find(|l| l.code == "medium")
        .unwrap();
    medium.max = 4;
    assert_reports(
        &c,
        "risk value 4: is level \"high\" by the rule, but the ranges give [\"high\", \"medium\"]",
    );
}

#[test]
fn duplicate_or_malformed_codes_are_reported() {
    let mut c = parsed();
    c.media[1].code = "paper".into();
    c.lifecycle[0].code = "Create".into();
    assert_reports(&c, "medium \"paper\" appears twice");
    assert_reports(&c, "lifecycle stage \"Create\": codes are lower-case");
}

#[test]
fn countermeasures_in_the_sheet_file_are_refused() {
    let sheet = format!(
        "{SHEET}\n[[countermeasures]]\nid = \"1-1\"\nchapter = 1\nmedia = [\"paper\"]\ntext = {{ ja = \"a\", en = \"a\" }}\nsource = \"s\"\n"
    );
    let problems = RiskCatalog::from_toml(&sheet, CHECKLIST).unwrap_err();
    assert!(
        problems[0]
            .message
            .contains("belong in countermeasures.toml")
    );
}

#[test]
fn a_toml_error_names_its_file() {
    let problems = RiskCatalog::from_toml(SHEET, "[[countermeasures]]\nid = ").unwrap_err();
    assert!(
        problems[0]
            .message
            .starts_with("countermeasures.toml: TOML:"),
        "{problems:?}"
    );
}
