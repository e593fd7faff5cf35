//! Checks the risk catalog and reports every problem, not only the first, so its author fixes the
//! files in one pass. Messages are for catalog authors, so in English.

use super::{ChecklistItem, LevelText, RiskCatalog, level_code};
use crate::catalog::CatalogProblem;
use crate::risk::{Chapter, PersonalData, RiskValue, Treatment};
use crate::text::Text;
use std::collections::HashSet;

struct Checker<'a> {
    catalog: &'a RiskCatalog,
    problems: Vec<CatalogProblem>,
}

impl Checker<'_> {
    fn fail(&mut self, message: impl Into<String>) {
        self.problems
            .push(CatalogProblem::new(&self.catalog.id, message));
    }

    fn text(&mut self, what: &str, text: &Text) {
        if text.is_incomplete() {
            self.fail(format!("{what}: needs both ja and en text"));
        }
    }

    /// Codes must be unique and lower-case snake case: they are stored with the company's data.
    fn codes<'c>(&mut self, what: &str, codes: impl IntoIterator<Item = &'c str>) {
        let mut seen = HashSet::new();
        let mut any = false;
        for code in codes {
            any = true;
            if !is_code(code) {
                self.fail(format!(
                    "{what} {code:?}: codes are lower-case letters, digits and _"
                ));
            }
            if !seen.insert(code) {
                self.fail(format!("{what} {code:?} appears twice"));
            }
        }
        if !any {
            self.fail(format!("{what}: the list is empty"));
        }
    }

    /// A numbered scale must give each expected value exactly once, with its texts.
    fn scale(&mut self, what: &str, levels: &[LevelText], expected: &[u8]) {
        let mut values: Vec<u8> = levels.iter().map(|l| l.value).collect();
        values.sort_unstable();
        if values != expected {
            self.fail(format!(
                "{what}: values must be exactly {expected:?}, found {values:?}"
            ));
        }
        for level in levels {
            self.text(&format!("{what} {} label", level.value), &level.label);
            self.text(
                &format!("{what} {} description", level.value),
                &level.description,
            );
        }
    }

    /// The codes of a list must be exactly those the domain's enum needs.
    fn exact_codes(&mut self, what: &str, found: &[&str], expected: &[&str]) {
        for code in expected.iter().filter(|c| !found.contains(c)) {
            self.fail(format!("{what}: {code:?} is missing"));
        }
        for code in found.iter().filter(|c| !expected.contains(c)) {
            self.fail(format!("{what}: {code:?} is not one the domain knows"));
        }
    }
}

fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_version(version: &str) -> bool {
    version.split_once('.').is_some_and(|(y, n)| {
        y.len() == 4
            && y.chars().all(|c| c.is_ascii_digit())
            && !n.is_empty()
            && n.chars().all(|c| c.is_ascii_digit())
    })
}

/// Every problem of a parsed catalog; empty when it is valid.
pub fn validate(catalog: &RiskCatalog) -> Vec<CatalogProblem> {
    let mut check = Checker {
        catalog,
        problems: Vec::new(),
    };
    check_header(&mut check);
    check_media_and_threats(&mut check);
    check_scales(&mut check);
    check_choices(&mut check);
    check_treatments_and_levels(&mut check);
    check_checklist(&mut check);
    check.problems
}

fn check_header(check: &mut Checker) {
    let c = check.catalog;
    if c.id.is_empty()
        || !c
            .id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    {
        check.fail(format!("id {:?} must be lower-case with hyphens", c.id));
    }
    if !is_version(&c.version) {
        check.fail(format!("version {:?} must be \"YYYY.N\"", c.version));
    }
    if c.source.trim().is_empty() {
        check.fail("source is empty");
    }
    check.text("title", &c.title);
    check.text("personal_rule", &c.personal_rule);
}

fn check_media_and_threats(check: &mut Checker) {
    let c = check.catalog;
    check.codes("medium", c.media.iter().map(|m| m.code.as_str()));
    for m in &c.media {
        check.text(&format!("medium {} name", m.code), &m.name);
        check.text(&format!("medium {} examples", m.code), &m.examples);
    }
    check.codes("threat", c.threats.iter().map(|t| t.code.as_str()));
    let known: HashSet<&str> = c.media.iter().map(|m| m.code.as_str()).collect();
    let mut threatened = HashSet::new();
    for t in &c.threats {
        check.text(&format!("threat {} name", t.code), &t.name);
        check.text(&format!("threat {} description", t.code), &t.description);
        if t.media.is_empty() {
            check.fail(format!("threat {}: names no medium", t.code));
        }
        let mut seen = HashSet::new();
        for m in &t.media {
            if !known.contains(m.as_str()) {
                check.fail(format!("threat {}: medium {m:?} does not exist", t.code));
            }
            if !seen.insert(m) {
                check.fail(format!("threat {}: medium {m:?} appears twice", t.code));
            }
            threatened.insert(m.as_str());
        }
    }
    for m in c
        .media
        .iter()
        .filter(|m| !threatened.contains(m.code.as_str()))
    {
        check.fail(format!(
            "medium {}: no threat kind is asked for it, so its threat can never be rated",
            m.code
        ));
    }
}

fn check_scales(check: &mut Checker) {
    let c = check.catalog;
    check.scale("frequencies", &c.frequencies, &[1, 2, 3]);
    check.scale("vulnerabilities", &c.vulnerabilities, &[1, 2, 3]);
    check.scale("likelihoods", &c.likelihoods, &[1, 2, 3]);
    check.scale("importance", &c.importance, &[0, 1, 2]);
    check.scale("answers", &c.answers, &[1, 2, 3, 4]);
    let codes: Vec<&str> = c.cia.iter().map(|x| x.code.as_str()).collect();
    check.codes("cia", codes.iter().copied());
    check.exact_codes("cia", &codes, &["c", "i", "a"]);
    for criterion in &c.cia {
        check.text(&format!("cia {} name", criterion.code), &criterion.name);
        check.text(
            &format!("cia {} question", criterion.code),
            &criterion.question,
        );
        let mut values: Vec<u8> = criterion.levels.iter().map(|l| l.value).collect();
        values.sort_unstable();
        if values != [0, 1, 2] {
            check.fail(format!(
                "cia {}: levels must be exactly [0, 1, 2], found {values:?}",
                criterion.code
            ));
        }
        for level in &criterion.levels {
            check.text(
                &format!("cia {} level {}", criterion.code, level.value),
                &level.text,
            );
        }
    }
}

fn check_choices(check: &mut Checker) {
    let c = check.catalog;
    for (what, list) in [
        ("classification", &c.classifications),
        ("lifecycle stage", &c.lifecycle),
        ("personal data kind", &c.personal_data),
    ] {
        check.codes(what, list.iter().map(|x| x.code.as_str()));
        for choice in list {
            check.text(&format!("{what} {} name", choice.code), &choice.name);
            check.text(
                &format!("{what} {} description", choice.code),
                &choice.description,
            );
        }
    }
    let personal: Vec<&str> = c.personal_data.iter().map(|p| p.code.as_str()).collect();
    let expected = PersonalData::ALL.map(PersonalData::as_str);
    check.exact_codes("personal data kinds", &personal, &expected);
    check.codes(
        "business category",
        c.business_categories.iter().map(|b| b.code.as_str()),
    );
    for b in &c.business_categories {
        check.text(&format!("business category {} name", b.code), &b.name);
    }
}

fn check_treatments_and_levels(check: &mut Checker) {
    let c = check.catalog;
    let codes: Vec<&str> = c.treatments.iter().map(|t| t.code.as_str()).collect();
    check.codes("treatment", codes.iter().copied());
    let expected = Treatment::ALL.map(Treatment::as_str);
    check.exact_codes("treatments", &codes, &expected);
    for t in &c.treatments {
        check.text(&format!("treatment {} name", t.code), &t.name);
        check.text(&format!("treatment {} meaning", t.code), &t.meaning);
        check.text(&format!("treatment {} example", t.code), &t.example);
    }
    let codes: Vec<&str> = c.risk_levels.iter().map(|l| l.code.as_str()).collect();
    check.codes("risk level", codes.iter().copied());
    for l in &c.risk_levels {
        check.text(&format!("risk level {} name", l.code), &l.name);
        check.text(&format!("risk level {} action", l.code), &l.action);
    }
    // The ranges shown to users must be the ones RiskValue::level applies, value by value.
    for value in RiskValue::MIN..=RiskValue::MAX {
        let rule = level_code(RiskValue(value).level());
        let covering: Vec<&str> = c
            .risk_levels
            .iter()
            .filter(|l| (l.min..=l.max).contains(&value))
            .map(|l| l.code.as_str())
            .collect();
        if covering != [rule] {
            check.fail(format!(
                "risk value {value}: is level {rule:?} by the rule, but the ranges give {covering:?}"
            ));
        }
    }
}

/// `"<chapter>-<n>"` with n a positive number without leading zeros.
fn id_matches_chapter(item: &ChecklistItem) -> bool {
    item.id.split_once('-').is_some_and(|(chapter, n)| {
        chapter == item.chapter.to_string()
            && !n.is_empty()
            && !n.starts_with('0')
            && n.chars().all(|c| c.is_ascii_digit())
    })
}

fn check_checklist(check: &mut Checker) {
    let c = check.catalog;
    let known: HashSet<&str> = c.media.iter().map(|m| m.code.as_str()).collect();
    let mut ids = HashSet::new();
    let mut protected = HashSet::new();
    let mut chapters = HashSet::new();
    if c.countermeasures.is_empty() {
        check.fail("the countermeasure checklist is empty");
    }
    for item in &c.countermeasures {
        let what = format!("countermeasure {}", item.id);
        if !ids.insert(item.id.as_str()) {
            check.fail(format!("{what}: the id appears twice"));
        }
        match Chapter::new(i64::from(item.chapter)) {
            Some(chapter) => {
                chapters.insert(chapter);
                if !id_matches_chapter(item) {
                    check.fail(format!(
                        "{what}: the id must be \"{}-<number>\" for chapter {}",
                        item.chapter, item.chapter
                    ));
                }
            }
            None => check.fail(format!(
                "{what}: chapter {} is not one of 1-11",
                item.chapter
            )),
        }
        check.text(&what, &item.text);
        if item.source.trim().is_empty() {
            check.fail(format!("{what}: source is empty"));
        }
        if item.media.is_empty() {
            check.fail(format!("{what}: protects no medium"));
        }
        let mut seen = HashSet::new();
        for m in &item.media {
            if !known.contains(m.as_str()) {
                check.fail(format!("{what}: medium {m:?} does not exist"));
            }
            if !seen.insert(m) {
                check.fail(format!("{what}: medium {m:?} appears twice"));
            }
            protected.insert(m.as_str());
        }
    }
    for chapter in Chapter::all().filter(|ch| !chapters.contains(ch)) {
        check.fail(format!(
            "chapter {} has no countermeasure, so its regulation could never be assessed",
            chapter.number()
        ));
    }
    for m in c
        .media
        .iter()
        .filter(|m| !protected.contains(m.code.as_str()))
    {
        check.fail(format!(
            "medium {}: no countermeasure protects it, so its vulnerability would always be 3",
            m.code
        ));
    }
}
