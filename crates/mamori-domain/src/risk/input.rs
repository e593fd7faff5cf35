//! The risk-evaluation document of `mamori risk evaluate` (docs/interfaces.md), parsed once into
//! typed assets with every problem listed, then evaluated in one pass.

use super::{
    Importance, ImportanceResult, Likelihood, PersonalData, Rating, RiskLevel, RiskValue, Threat,
    Treatment, Vulnerability, importance, likelihood, risk_value, suggest_treatment,
};
use crate::problem::{InputProblem, ProblemKind, Subject};
use crate::raw::RawValue;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// One asset row, resolved to its threat and vulnerability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetInput {
    pub id: String,
    pub name: Option<String>,
    pub c: Rating,
    pub i: Rating,
    pub a: Rating,
    pub personal: Vec<PersonalData>,
    pub threat: Threat,
    pub vulnerability: Vulnerability,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RiskInput {
    pub assets: Vec<AssetInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetRisk<'a> {
    pub id: &'a str,
    pub importance: Importance,
    pub likelihood: Likelihood,
    pub risk_value: RiskValue,
    pub level: RiskLevel,
    pub threat: Threat,
    pub vulnerability: Vulnerability,
    pub importance_raised_by_personal_data: bool,
    pub suggested_treatment: Option<Treatment>,
}

/// Evaluates every asset: importance, likelihood, risk value and level (risk.md §1-5).
pub fn evaluate(input: &RiskInput) -> Vec<AssetRisk<'_>> {
    input
        .assets
        .iter()
        .map(|asset| {
            let ImportanceResult {
                importance,
                raised_by_personal_data,
            } = importance(asset.c, asset.i, asset.a, &asset.personal);
            let likelihood = likelihood(asset.threat, asset.vulnerability);
            let risk_value = risk_value(importance, likelihood);
            AssetRisk {
                id: &asset.id,
                importance,
                likelihood,
                risk_value,
                level: risk_value.level(),
                threat: asset.threat,
                vulnerability: asset.vulnerability,
                importance_raised_by_personal_data: raised_by_personal_data,
                suggested_treatment: suggest_treatment(importance, asset.threat, risk_value),
            }
        })
        .collect()
}

struct Reader<'p> {
    problems: &'p mut Vec<InputProblem>,
}

impl Reader<'_> {
    fn fail(&mut self, path: String, subject: Option<&str>, kind: ProblemKind) {
        self.problems.push(InputProblem::new(
            path,
            subject.map(|s| Subject::Asset(s.to_owned())),
            kind,
        ));
    }

    fn unknown_fields(
        &mut self,
        fields: &BTreeMap<String, RawValue>,
        at: &str,
        subject: Option<&str>,
        allowed: &[&str],
    ) {
        for key in fields.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.fail(
                format!("{at}.{key}"),
                subject,
                ProblemKind::UnknownField {
                    allowed: allowed.join(", "),
                },
            );
        }
    }

    /// Reads an integer level; reports a missing or out-of-range value.
    fn level<T>(
        &mut self,
        fields: &BTreeMap<String, RawValue>,
        key: &str,
        at: &str,
        subject: Option<&str>,
        make: fn(i64) -> Option<T>,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<T> {
        let path = format!("{at}.{key}");
        let Some(raw) = fields.get(key) else {
            self.fail(path, subject, ProblemKind::MissingField);
            return None;
        };
        let value = raw.as_int().and_then(make);
        if value.is_none() {
            self.fail(
                path,
                subject,
                ProblemKind::InvalidValue {
                    got: raw.to_string(),
                    allowed: range.map(|n| n.to_string()).collect(),
                },
            );
        }
        value
    }
}

/// Parses `{"media": {...}, "assets": [...]}`, listing every problem.
pub fn parse_risk_input(doc: &RawValue) -> Result<RiskInput, Vec<InputProblem>> {
    let mut problems = Vec::new();
    let mut r = Reader {
        problems: &mut problems,
    };
    let Some(fields) = doc.as_object() else {
        r.fail("(document)".into(), None, ProblemKind::NotAnObject);
        return Err(problems);
    };
    r.unknown_fields(fields, "(document)", None, &["media", "assets"]);
    let mut media: BTreeMap<&str, (Option<Threat>, Option<Vulnerability>)> = BTreeMap::new();
    match fields.get("media") {
        None => {}
        Some(RawValue::Object(map)) => {
            for (id, levels) in map {
                let at = format!("media.{id}");
                let Some(levels) = levels.as_object() else {
                    r.fail(at, None, ProblemKind::NotAnObject);
                    continue;
                };
                r.unknown_fields(levels, &at, None, &["threat", "vulnerability"]);
                let threat = r.level(levels, "threat", &at, None, Threat::new, 1..=3);
                let vulnerability = r.level(
                    levels,
                    "vulnerability",
                    &at,
                    None,
                    Vulnerability::new,
                    1..=3,
                );
                media.insert(id, (threat, vulnerability));
            }
        }
        Some(_) => r.fail("media".into(), None, ProblemKind::NotAnObject),
    }
    let mut assets = Vec::new();
    match fields.get("assets") {
        None => r.fail("assets".into(), None, ProblemKind::MissingField),
        Some(RawValue::List(list)) => {
            let mut ids = HashSet::new();
            for (n, entry) in list.iter().enumerate() {
                if let Some(asset) = parse_asset(&mut r, n, entry, &media, &mut ids) {
                    assets.push(asset);
                }
            }
        }
        Some(_) => r.fail("assets".into(), None, ProblemKind::NotAList),
    }
    if problems.is_empty() {
        Ok(RiskInput { assets })
    } else {
        Err(problems)
    }
}

fn parse_asset(
    r: &mut Reader,
    n: usize,
    entry: &RawValue,
    media: &BTreeMap<&str, (Option<Threat>, Option<Vulnerability>)>,
    ids: &mut HashSet<String>,
) -> Option<AssetInput> {
    let at = format!("assets[{n}]");
    let Some(fields) = entry.as_object() else {
        r.fail(at, None, ProblemKind::NotAnObject);
        return None;
    };
    let before = r.problems.len();
    let id = match fields.get("id") {
        Some(RawValue::Text(s)) if !s.trim().is_empty() => s.clone(),
        Some(RawValue::Int(k)) => k.to_string(),
        Some(_) => {
            r.fail(format!("{at}.id"), None, ProblemKind::EmptyText);
            String::new()
        }
        None => {
            r.fail(format!("{at}.id"), None, ProblemKind::MissingField);
            String::new()
        }
    };
    let subject = (!id.is_empty()).then_some(id.as_str());
    if subject.is_some() && !ids.insert(id.clone()) {
        r.fail(format!("{at}.id"), subject, ProblemKind::DuplicateId);
    }
    r.unknown_fields(
        fields,
        &at,
        subject,
        &[
            "id",
            "name",
            "medium",
            "c",
            "i",
            "a",
            "personal",
            "threat",
            "vulnerability",
        ],
    );
    let name = fields
        .get("name")
        .and_then(RawValue::as_str)
        .map(str::to_owned);
    let c = r.level(fields, "c", &at, subject, Rating::new, 0..=2);
    let i = r.level(fields, "i", &at, subject, Rating::new, 0..=2);
    let a = r.level(fields, "a", &at, subject, Rating::new, 0..=2);
    let mut personal = Vec::new();
    match fields.get("personal") {
        None => {}
        Some(RawValue::List(flags)) => {
            for (k, flag) in flags.iter().enumerate() {
                match flag.as_str().and_then(PersonalData::parse) {
                    Some(p) if !personal.contains(&p) => personal.push(p),
                    Some(_) => {}
                    None => r.fail(
                        format!("{at}.personal[{k}]"),
                        subject,
                        ProblemKind::InvalidValue {
                            got: flag.to_string(),
                            allowed: vec![
                                "\"personal\"".into(),
                                "\"sensitive\"".into(),
                                "\"my_number\"".into(),
                            ],
                        },
                    ),
                }
            }
        }
        Some(_) => r.fail(format!("{at}.personal"), subject, ProblemKind::NotAList),
    }
    let direct = fields.contains_key("threat") || fields.contains_key("vulnerability");
    let (threat, vulnerability) = match (fields.get("medium"), direct) {
        (Some(_), true) | (None, false) => {
            r.fail(format!("{at}.medium"), subject, ProblemKind::MediumOrLevels);
            (None, None)
        }
        (None, true) => (
            r.level(fields, "threat", &at, subject, Threat::new, 1..=3),
            r.level(
                fields,
                "vulnerability",
                &at,
                subject,
                Vulnerability::new,
                1..=3,
            ),
        ),
        (Some(medium), false) => match medium.as_str().and_then(|m| media.get(m)) {
            Some(levels) => *levels,
            None => {
                r.fail(
                    format!("{at}.medium"),
                    subject,
                    ProblemKind::UnknownMedium {
                        known: media.keys().map(|k| k.to_string()).collect(),
                    },
                );
                (None, None)
            }
        },
    };
    if r.problems.len() != before {
        return None;
    }
    Some(AssetInput {
        id,
        name,
        c: c?,
        i: i?,
        a: a?,
        personal,
        // A medium whose own levels were invalid was reported under media already.
        threat: threat?,
        vulnerability: vulnerability?,
    })
}
