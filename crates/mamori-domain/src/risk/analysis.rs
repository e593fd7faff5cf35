//! One company's risk analysis (risk.md §1-5) in one pass: the threat and vulnerability of each
//! medium, each asset's importance, likelihood, risk value, level and suggested treatment, the
//! importance × likelihood heat map, counts by level, and the regulation chapters to write.
//! Pure and total: bad input comes back as `InputProblem`s naming the asset, medium or
//! countermeasure, never as a panic.

use super::catalog::RiskCatalog;
use super::{
    Chapter, ChapterStatus, Countermeasure, CountermeasureAnswer, Importance, ImportanceResult,
    Likelihood, PersonalData, Rating, RiskLevel, RiskValue, Threat, Treatment, Vulnerability,
    chapter_status, importance, likelihood, may_accept, medium_threat, risk_value,
    suggest_treatment, vulnerability,
};
use crate::problem::{InputProblem, ProblemKind, Subject};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// One register row as the analysis needs it. Levels are the numbers as stored; the analysis
/// checks them, so a page can hand over what it read without parsing first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisAsset {
    pub id: String,
    /// A medium code of the catalog (`office_pc`).
    pub medium: String,
    pub c: i64,
    pub i: i64,
    pub a: i64,
    pub personal: Vec<PersonalData>,
}

/// What a company has told Mamori for its risk analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisInput {
    pub assets: Vec<AnalysisAsset>,
    /// Frequency 1-3 by medium code, then threat-kind code (脅威の状況). A kind left out is not
    /// rated; a medium with no rated kind has no threat yet, and its assets stay unrated.
    pub threats: BTreeMap<String, BTreeMap<String, i64>>,
    /// Answer code 1-4 by countermeasure id (対策状況チェック). Our rule: a countermeasure left
    /// out counts as 3 (not done / don't know), as the sheet's own answer for "we cannot say it
    /// is done" is 3, so an unfinished checklist never makes a medium look safer.
    pub answers: BTreeMap<String, i64>,
    /// Residual risks at or below it may be accepted (risk.md §5).
    pub acceptance_threshold: RiskValue,
}

impl Default for AnalysisInput {
    fn default() -> Self {
        AnalysisInput {
            assets: Vec::new(),
            threats: BTreeMap::new(),
            answers: BTreeMap::new(),
            acceptance_threshold: super::DEFAULT_ACCEPTANCE_THRESHOLD,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MediumAnalysis<'a> {
    pub code: &'a str,
    /// The highest rated frequency among its threat kinds; `None` until one is rated.
    pub threat: Option<Threat>,
    /// Over the applicable countermeasures protecting it (`risk::vulnerability`).
    pub vulnerability: Vulnerability,
    /// Shared by every asset on this medium; `None` while the threat is not rated.
    pub likelihood: Option<Likelihood>,
    /// Number of assets kept on it.
    pub assets: u32,
    /// Holds at least one high-risk asset (drives 規程策定の必要性).
    pub high_risk: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssetAnalysis<'a> {
    pub id: &'a str,
    pub medium: &'a str,
    pub importance: Importance,
    /// True when personal data, not the C/I/A ratings, made the importance 2; pages show the
    /// catalog's `personal_rule` next to it.
    pub importance_raised_by_personal_data: bool,
    pub threat: Option<Threat>,
    pub vulnerability: Vulnerability,
    /// `None` (and so every field below) while the medium's threat is not rated.
    pub likelihood: Option<Likelihood>,
    pub risk_value: Option<RiskValue>,
    pub level: Option<RiskLevel>,
    /// Only for medium and high risk.
    pub suggested_treatment: Option<Treatment>,
    /// The risk value is at or below the acceptance threshold.
    pub may_accept: Option<bool>,
}

/// Assets counted by importance (0-2) and likelihood (1-3). Unrated assets are not in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct HeatMap {
    /// `counts[importance][likelihood - 1]`.
    pub counts: [[u32; 3]; 3],
}

impl HeatMap {
    pub fn count(&self, importance: Importance, likelihood: Likelihood) -> u32 {
        self.counts[usize::from(importance.0)][usize::from(likelihood.0 - 1)]
    }

    fn add(&mut self, importance: Importance, likelihood: Likelihood) {
        self.counts[usize::from(importance.0)][usize::from(likelihood.0 - 1)] += 1;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct LevelCounts {
    pub high: u32,
    pub medium: u32,
    pub low: u32,
    /// Assets whose medium has no rated threat yet.
    pub unrated: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis<'a> {
    /// Every medium of the catalog, in catalog order.
    pub media: Vec<MediumAnalysis<'a>>,
    /// Every asset, in input order.
    pub assets: Vec<AssetAnalysis<'a>>,
    pub heat_map: HeatMap,
    pub levels: LevelCounts,
    /// Every chapter 1-11: implementation rate and whether its regulation needs writing.
    pub chapters: Vec<ChapterStatus>,
    /// The chapters whose regulation needs writing or reviewing, in chapter order.
    pub regulations_needed: Vec<Chapter>,
    /// Countermeasures not answered (counted as 3), in checklist order.
    pub unanswered: Vec<&'a str>,
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

fn numbers(range: std::ops::RangeInclusive<i64>) -> Vec<String> {
    range.map(|n| n.to_string()).collect()
}

/// Analyses a company's register, threat ratings and checklist against the catalog, listing
/// every problem in the input when there is any.
pub fn analyse<'a>(
    catalog: &'a RiskCatalog,
    input: &'a AnalysisInput,
) -> Result<Analysis<'a>, Vec<InputProblem>> {
    let mut problems = Vec::new();
    let answers = read_answers(catalog, &input.answers, &mut problems);
    let threats = read_threats(catalog, &input.threats, &mut problems);
    let mut media: Vec<MediumAnalysis> = catalog
        .media
        .iter()
        .enumerate()
        .map(|(m, medium)| {
            let protection = catalog.countermeasures_of(m).iter().map(|&i| answers[i]);
            let vulnerability = vulnerability(protection);
            let threat = threats[m];
            MediumAnalysis {
                code: &medium.code,
                threat,
                vulnerability,
                likelihood: threat.map(|t| likelihood(t, vulnerability)),
                assets: 0,
                high_risk: false,
            }
        })
        .collect();
    let assets = read_assets(catalog, input, &mut media, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }

    let mut heat_map = HeatMap::default();
    let mut levels = LevelCounts::default();
    for asset in &assets {
        match (asset.likelihood, asset.level) {
            (Some(l), Some(level)) => {
                heat_map.add(asset.importance, l);
                match level {
                    RiskLevel::High => levels.high += 1,
                    RiskLevel::Medium => levels.medium += 1,
                    RiskLevel::Low => levels.low += 1,
                }
            }
            _ => levels.unrated += 1,
        }
    }

    let high_risk: HashSet<&str> = media
        .iter()
        .filter(|m| m.high_risk)
        .map(|m| m.code)
        .collect();
    let item_media: Vec<Vec<&str>> = catalog
        .countermeasures
        .iter()
        .map(|c| c.media.iter().map(String::as_str).collect())
        .collect();
    let checklist: Vec<Countermeasure> = item_media
        .iter()
        .enumerate()
        .filter_map(|(i, media)| {
            Some(Countermeasure {
                chapter: catalog.chapter_of(i)?,
                media,
                answer: answers[i],
            })
        })
        .collect();
    let chapters = chapter_status(&checklist, &high_risk);
    let regulations_needed = chapters
        .iter()
        .filter(|s| s.regulation_needed)
        .map(|s| s.chapter)
        .collect();
    let unanswered = catalog
        .countermeasures
        .iter()
        .filter(|c| !input.answers.contains_key(&c.id))
        .map(|c| c.id.as_str())
        .collect();
    Ok(Analysis {
        media,
        assets,
        heat_map,
        levels,
        chapters,
        regulations_needed,
        unanswered,
    })
}

/// Answers by checklist position; unanswered ones are `NotDone` (our rule, see `answers`).
fn read_answers(
    catalog: &RiskCatalog,
    given: &BTreeMap<String, i64>,
    problems: &mut Vec<InputProblem>,
) -> Vec<CountermeasureAnswer> {
    let mut answers = vec![CountermeasureAnswer::NotDone; catalog.countermeasures.len()];
    for (id, &code) in given {
        let path = format!("answers.{id}");
        let subject = Some(Subject::Countermeasure(id.clone()));
        let Some(position) = catalog.countermeasure_position(id) else {
            problems.push(InputProblem::new(
                path,
                subject,
                ProblemKind::UnknownCountermeasure,
            ));
            continue;
        };
        match CountermeasureAnswer::from_code(code) {
            Some(answer) => answers[position] = answer,
            None => problems.push(InputProblem::new(
                path,
                subject,
                ProblemKind::InvalidValue {
                    got: code.to_string(),
                    allowed: numbers(1..=4),
                },
            )),
        }
    }
    answers
}

/// Each medium's threat, the highest frequency rated among its kinds (`risk::medium_threat`).
fn read_threats(
    catalog: &RiskCatalog,
    given: &BTreeMap<String, BTreeMap<String, i64>>,
    problems: &mut Vec<InputProblem>,
) -> Vec<Option<Threat>> {
    let mut threats = vec![None; catalog.media.len()];
    for (code, kinds) in given {
        let Some(m) = catalog.medium_position(code) else {
            problems.push(InputProblem::new(
                format!("threats.{code}"),
                Some(Subject::Medium(code.clone())),
                ProblemKind::InvalidValue {
                    got: quoted(code),
                    allowed: catalog.media.iter().map(|m| quoted(&m.code)).collect(),
                },
            ));
            continue;
        };
        let asked = catalog.threats_of(m);
        for (kind, &frequency) in kinds {
            let path = format!("threats.{code}.{kind}");
            let subject = Some(Subject::Medium(code.clone()));
            // A kind the sheet does not ask for this medium (theft of a cloud server) is as
            // wrong as an unknown one: both would rate a threat nobody can see on the page.
            if !catalog
                .threat_position(kind)
                .is_some_and(|t| asked.contains(&t))
            {
                problems.push(InputProblem::new(
                    path,
                    subject,
                    ProblemKind::InvalidValue {
                        got: quoted(kind),
                        allowed: asked
                            .iter()
                            .map(|&t| quoted(&catalog.threats[t].code))
                            .collect(),
                    },
                ));
                continue;
            }
            match Threat::new(frequency) {
                Some(t) => threats[m] = medium_threat(threats[m].into_iter().chain([t])),
                None => problems.push(InputProblem::new(
                    path,
                    subject,
                    ProblemKind::InvalidValue {
                        got: frequency.to_string(),
                        allowed: numbers(1..=3),
                    },
                )),
            }
        }
    }
    threats
}

fn read_assets<'a>(
    catalog: &'a RiskCatalog,
    input: &'a AnalysisInput,
    media: &mut [MediumAnalysis<'a>],
    problems: &mut Vec<InputProblem>,
) -> Vec<AssetAnalysis<'a>> {
    let mut seen = HashSet::with_capacity(input.assets.len());
    let mut out = Vec::with_capacity(input.assets.len());
    for (n, asset) in input.assets.iter().enumerate() {
        let before = problems.len();
        // Paths are formatted only on a problem: most inputs have none, and 10,000 assets
        // would otherwise allocate 10,000 strings for nothing.
        let subject = (!asset.id.trim().is_empty()).then(|| Subject::Asset(asset.id.clone()));
        let mut fail = |field: &str, kind: ProblemKind| {
            problems.push(InputProblem::new(
                format!("assets[{n}].{field}"),
                subject.clone(),
                kind,
            ));
        };
        if asset.id.trim().is_empty() {
            fail("id", ProblemKind::EmptyText);
        } else if !seen.insert(asset.id.as_str()) {
            fail("id", ProblemKind::DuplicateId);
        }
        // Six media: a scan with string comparisons beats hashing the code.
        let position = catalog.media.iter().position(|m| m.code == asset.medium);
        if position.is_none() {
            fail(
                "medium",
                ProblemKind::InvalidValue {
                    got: quoted(&asset.medium),
                    allowed: catalog.media.iter().map(|m| quoted(&m.code)).collect(),
                },
            );
        }
        let mut rating = |field: &str, value: i64| {
            let r = Rating::new(value);
            if r.is_none() {
                fail(
                    field,
                    ProblemKind::InvalidValue {
                        got: value.to_string(),
                        allowed: numbers(0..=2),
                    },
                );
            }
            r
        };
        let (c, i, a) = (
            rating("c", asset.c),
            rating("i", asset.i),
            rating("a", asset.a),
        );
        let (Some(m), Some(c), Some(i), Some(a)) = (position, c, i, a) else {
            continue;
        };
        if problems.len() != before {
            continue;
        }
        let ImportanceResult {
            importance,
            raised_by_personal_data,
        } = importance(c, i, a, &asset.personal);
        let medium = &mut media[m];
        let risk = medium.likelihood.map(|l| risk_value(importance, l));
        let level = risk.map(RiskValue::level);
        medium.assets += 1;
        medium.high_risk |= level == Some(RiskLevel::High);
        out.push(AssetAnalysis {
            id: &asset.id,
            medium: medium.code,
            importance,
            importance_raised_by_personal_data: raised_by_personal_data,
            threat: medium.threat,
            vulnerability: medium.vulnerability,
            likelihood: medium.likelihood,
            risk_value: risk,
            level,
            suggested_treatment: medium
                .threat
                .zip(risk)
                .and_then(|(t, r)| suggest_treatment(importance, t, r)),
            may_accept: risk.map(|r| may_accept(r, input.acceptance_threshold)),
        });
    }
    out
}
