//! The risk analysis sheet as data (`catalogs/risk/*.toml`): media, threat kinds, the wording of
//! every scale, the register's choices, the countermeasure checklist by regulation chapter, and
//! the treatment and risk-level texts. Parsed and validated once per process, like the
//! questionnaire catalogs; pages and reports read their words from here, the analysis reads the
//! media, threat kinds and checklist.

mod validate;

pub use validate::validate;

use super::{Chapter, PersonalData, RiskLevel, Treatment};
use crate::catalog::CatalogProblem;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Where information is kept (媒体・保存先), e.g. `office_pc`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Medium {
    pub code: String,
    pub name: Text,
    pub examples: Text,
}

/// A kind of threat (漏えい, 改ざん, …) and the media it is asked for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatKind {
    pub code: String,
    pub name: Text,
    pub description: Text,
    pub media: Vec<String>,
}

/// One value of a numbered scale (frequency, vulnerability, likelihood, importance, answers).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelText {
    pub value: u8,
    pub label: Text,
    pub description: Text,
}

/// The criteria for rating one of C, I and A from 0 to 2.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiaCriterion {
    /// `c`, `i` or `a`.
    pub code: String,
    pub name: Text,
    pub question: Text,
    pub levels: Vec<CiaLevel>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiaLevel {
    pub value: u8,
    pub text: Text,
}

/// A coded choice with an explanation (classification, lifecycle stage, personal-data kind).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub code: String,
    pub name: Text,
    pub description: Text,
}

/// A suggestion for a free-text field (業務分類).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    pub code: String,
    pub name: Text,
}

/// A treatment option's wording; `code` is the `Treatment`'s.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TreatmentText {
    pub code: String,
    pub name: Text,
    pub meaning: Text,
    pub example: Text,
}

/// A risk level's wording and the risk values it covers; `code` is the `RiskLevel`'s.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskLevelText {
    pub code: String,
    pub name: Text,
    pub min: u8,
    pub max: u8,
    pub action: Text,
}

/// One countermeasure on the checklist (対策状況チェック).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// `"<chapter>-<number>"`, e.g. `"4-3"`; answers are stored by it.
    pub id: String,
    /// The regulation chapter, 1-11.
    pub chapter: u8,
    /// Codes of the media it protects.
    pub media: Vec<String>,
    pub text: Text,
    /// The source document and section the measure distills.
    pub source: String,
}

/// The risk analysis sheet. Built through [`RiskCatalog::from_toml`], which validates it, so its
/// indices agree with its lists.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskCatalog {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub source: String,
    /// Why personal data makes an asset important (shown where C = 2 is pre-set).
    pub personal_rule: Text,
    pub media: Vec<Medium>,
    pub threats: Vec<ThreatKind>,
    pub frequencies: Vec<LevelText>,
    pub vulnerabilities: Vec<LevelText>,
    pub likelihoods: Vec<LevelText>,
    pub importance: Vec<LevelText>,
    pub answers: Vec<LevelText>,
    pub cia: Vec<CiaCriterion>,
    pub classifications: Vec<Choice>,
    pub lifecycle: Vec<Choice>,
    pub business_categories: Vec<Suggestion>,
    pub personal_data: Vec<Choice>,
    pub treatments: Vec<TreatmentText>,
    pub risk_levels: Vec<RiskLevelText>,
    /// Comes from the second file (`countermeasures.toml`).
    #[serde(default)]
    pub countermeasures: Vec<ChecklistItem>,
    #[serde(skip)]
    index: Index,
}

/// The checklist file: only countermeasures.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistFile {
    countermeasures: Vec<ChecklistItem>,
}

/// Positions derived once, so the analysis never searches lists by code.
#[derive(Debug, Clone, Default)]
struct Index {
    medium_by_code: HashMap<String, usize>,
    threat_by_code: HashMap<String, usize>,
    item_by_id: HashMap<String, usize>,
    /// For each medium, the threat kinds asked for it.
    medium_threats: Vec<Vec<usize>>,
    /// For each medium, the countermeasures that protect it, in checklist order.
    medium_items: Vec<Vec<usize>>,
    /// For each countermeasure, its chapter (`None` only in a catalog that failed validation).
    item_chapter: Vec<Option<Chapter>>,
}

impl RiskCatalog {
    /// Parses the sheet and the checklist file, then validates them together.
    pub fn from_toml(sheet: &str, checklist: &str) -> Result<RiskCatalog, Vec<CatalogProblem>> {
        let catalog = Self::parse(sheet, checklist)?;
        let problems = validate(&catalog);
        if problems.is_empty() {
            Ok(catalog.indexed())
        } else {
            Err(problems)
        }
    }

    /// Reads both files without checking what they say (the tests break a parsed catalog on
    /// purpose to see validation catch it).
    fn parse(sheet: &str, checklist: &str) -> Result<RiskCatalog, Vec<CatalogProblem>> {
        let fail = |file: &str, e: toml::de::Error| {
            vec![CatalogProblem::new(
                "risk-analysis",
                format!("{file}: TOML: {e}"),
            )]
        };
        let mut catalog: RiskCatalog =
            toml::from_str(sheet).map_err(|e| fail("risk-analysis.toml", e))?;
        let file: ChecklistFile =
            toml::from_str(checklist).map_err(|e| fail("countermeasures.toml", e))?;
        if !catalog.countermeasures.is_empty() {
            return Err(vec![CatalogProblem::new(
                &catalog.id,
                "countermeasures belong in countermeasures.toml, not in the sheet",
            )]);
        }
        catalog.countermeasures = file.countermeasures;
        Ok(catalog)
    }

    fn indexed(mut self) -> RiskCatalog {
        let positions = |codes: Vec<&String>| -> HashMap<String, usize> {
            codes
                .into_iter()
                .enumerate()
                .map(|(i, c)| (c.clone(), i))
                .collect()
        };
        let medium_by_code = positions(self.media.iter().map(|m| &m.code).collect());
        let threat_by_code = positions(self.threats.iter().map(|t| &t.code).collect());
        let item_by_id = positions(self.countermeasures.iter().map(|c| &c.id).collect());
        let mut medium_threats = vec![Vec::new(); self.media.len()];
        for (t, threat) in self.threats.iter().enumerate() {
            for m in threat.media.iter().filter_map(|c| medium_by_code.get(c)) {
                medium_threats[*m].push(t);
            }
        }
        let mut medium_items = vec![Vec::new(); self.media.len()];
        for (i, item) in self.countermeasures.iter().enumerate() {
            for m in item.media.iter().filter_map(|c| medium_by_code.get(c)) {
                medium_items[*m].push(i);
            }
        }
        let item_chapter = self
            .countermeasures
            .iter()
            .map(|c| Chapter::new(i64::from(c.chapter)))
            .collect();
        self.index = Index {
            medium_by_code,
            threat_by_code,
            item_by_id,
            medium_threats,
            medium_items,
            item_chapter,
        };
        self
    }

    pub fn medium_position(&self, code: &str) -> Option<usize> {
        self.index.medium_by_code.get(code).copied()
    }

    pub fn threat_position(&self, code: &str) -> Option<usize> {
        self.index.threat_by_code.get(code).copied()
    }

    pub fn countermeasure_position(&self, id: &str) -> Option<usize> {
        self.index.item_by_id.get(id).copied()
    }

    pub fn medium(&self, code: &str) -> Option<&Medium> {
        self.medium_position(code).map(|m| &self.media[m])
    }

    pub fn countermeasure(&self, id: &str) -> Option<&ChecklistItem> {
        self.countermeasure_position(id)
            .map(|i| &self.countermeasures[i])
    }

    /// Positions of the threat kinds asked for a medium (by position), in catalog order.
    pub fn threats_of(&self, medium: usize) -> &[usize] {
        self.index
            .medium_threats
            .get(medium)
            .map_or(&[], Vec::as_slice)
    }

    /// Positions of the countermeasures protecting a medium (by position), in checklist order.
    pub fn countermeasures_of(&self, medium: usize) -> &[usize] {
        self.index
            .medium_items
            .get(medium)
            .map_or(&[], Vec::as_slice)
    }

    /// The chapter of a countermeasure (by position).
    pub fn chapter_of(&self, item: usize) -> Option<Chapter> {
        self.index.item_chapter.get(item).copied().flatten()
    }

    /// The countermeasures of one chapter, in checklist order.
    pub fn countermeasures_in(&self, chapter: Chapter) -> impl Iterator<Item = &ChecklistItem> {
        self.countermeasures
            .iter()
            .filter(move |c| c.chapter == chapter.number())
    }

    pub fn personal(&self, kind: PersonalData) -> Option<&Choice> {
        let code = kind.as_str();
        self.personal_data.iter().find(|p| p.code == code)
    }

    pub fn treatment(&self, treatment: Treatment) -> Option<&TreatmentText> {
        let code = treatment.as_str();
        self.treatments.iter().find(|t| t.code == code)
    }

    pub fn risk_level(&self, level: RiskLevel) -> Option<&RiskLevelText> {
        let code = level_code(level);
        self.risk_levels.iter().find(|l| l.code == code)
    }
}

/// The codes the data file must use for the domain's enums; the validation checks that each
/// enum value has its text, so a page never lacks a word.
pub(super) fn level_code(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::High => "high",
        RiskLevel::Medium => "medium",
        RiskLevel::Low => "low",
    }
}

const SHEET: &str = include_str!("../../../catalogs/risk/risk-analysis.toml");
const CHECKLIST: &str = include_str!("../../../catalogs/risk/countermeasures.toml");

static BUILTIN: LazyLock<RiskCatalog> =
    LazyLock::new(|| match RiskCatalog::from_toml(SHEET, CHECKLIST) {
        Ok(catalog) => catalog,
        // The test suite loads the embedded files, so a broken file never reaches a release.
        Err(problems) => panic!(
            "embedded risk catalog is invalid:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    });

/// The risk analysis sheet embedded in this build.
pub fn builtin_catalog() -> &'static RiskCatalog {
    &BUILTIN
}

#[cfg(test)]
mod tests;
