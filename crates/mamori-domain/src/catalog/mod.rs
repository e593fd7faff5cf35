//! Catalogs: questionnaires as data. See `docs/catalog-format.md` for the file format.

mod builtin;
mod validate;

pub use builtin::{CatalogSet, builtin};
pub use validate::CatalogProblem;

use crate::decimal::Tenths;
use crate::text::{Lang, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// Whom a catalog is written for; non-specialist catalogs must explain every item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    General,
    Specialist,
}

/// An answer value as it appears in files: `"done"`, `5`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    Int(i64),
    Text(String),
}

impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::Int(n) => write!(f, "{n}"),
            OptionValue::Text(s) => f.write_str(s),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOption {
    pub value: OptionValue,
    pub points: i64,
    pub label: Text,
    #[serde(default)]
    pub unknown: bool,
    #[serde(default = "yes")]
    pub applicable: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Viewpoint {
    pub id: String,
    pub label: Text,
    pub question: Text,
    pub options: Vec<AnswerOption>,
}

/// The catalog's default answer scale: a list of options, or viewpoints each with options.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<AnswerOption>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub viewpoints: Vec<Viewpoint>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ease {
    pub skill: u8,
    pub cost: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ease: Option<Ease>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prefill {
    pub catalog: String,
    pub item: String,
    pub map: BTreeMap<String, OptionValue>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub group: String,
    pub source: String,
    pub text: Text,
    /// A few words naming the item where its question does not fit (a table row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<Text>,
    /// What to do about the item, as an instruction (an action's title). Items without one take
    /// their first countermeasure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countermeasures: Vec<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub principle: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefill: Option<Prefill>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<AnswerOption>>,
}

impl Item {
    /// The item's name for a table row: its short title, or its question.
    pub fn short_title(&self) -> &Text {
        self.short.as_ref().unwrap_or(&self.text)
    }

    /// What to do about the item: its `action`, else its first countermeasure.
    pub fn instruction(&self) -> Option<&Text> {
        self.action.as_ref().or(self.countermeasures.first())
    }

    /// The title of an action taken from this item: an instruction, never the question. An item
    /// the respondent could not answer is first to be found out, and its title says so.
    pub fn action_title(&self, lang: Lang, find_out: bool) -> String {
        let what = self.instruction().unwrap_or(&self.text).get(lang);
        let what = what
            .strip_suffix('。')
            .or_else(|| what.strip_suffix('.'))
            .unwrap_or(what);
        match (find_out, lang) {
            (false, _) => what.to_owned(),
            (true, Lang::Ja) => format!("まず現状を確認: {what}"),
            (true, Lang::En) => format!("Find out first: {what}"),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    pub situation: Text,
    pub next_step: Text,
}

/// A grade reached when the rounded average is at least `min` (the last grade has no minimum).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grade {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Tenths>,
    pub meaning: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rung {
    pub grade: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    pub id: String,
    pub number: u8,
    pub label: Text,
    pub description: Text,
    pub when: BTreeMap<String, Vec<OptionValue>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consolidation {
    /// Each item takes the answer with the lowest points across respondents.
    LowestPoints,
}

/// One of the engine's rules, chosen by name in the catalog with its parameters.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case", deny_unknown_fields)]
pub enum ScoringRule {
    YesCount {
        count: OptionValue,
        ready_flag: String,
    },
    SumBands {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        consolidation: Option<Consolidation>,
        bands: Vec<Band>,
    },
    AverageGrade {
        grades: Vec<Grade>,
    },
    ViewpointGrade {
        ladder: Vec<Rung>,
        otherwise: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rank_up: Option<String>,
        grades: Vec<Grade>,
    },
    Percent {},
    Tiers {},
    Tally {
        missing: OptionValue,
    },
    Classify {
        classes: Vec<Class>,
    },
}

impl ScoringRule {
    pub fn name(&self) -> &'static str {
        match self {
            ScoringRule::YesCount { .. } => "yes-count",
            ScoringRule::SumBands { .. } => "sum-bands",
            ScoringRule::AverageGrade { .. } => "average-grade",
            ScoringRule::ViewpointGrade { .. } => "viewpoint-grade",
            ScoringRule::Percent {} => "percent",
            ScoringRule::Tiers {} => "tiers",
            ScoringRule::Tally { .. } => "tally",
            ScoringRule::Classify { .. } => "classify",
        }
    }
}

/// A questionnaire. Built only through validation, so its indices always agree with its items.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    pub id: String,
    pub version: String,
    pub audience: Audience,
    pub title: Text,
    pub summary: Text,
    pub source: String,
    pub scale: Scale,
    pub scoring: ScoringRule,
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
    #[serde(skip)]
    index: Index,
}

/// Positions derived from the lists once, so scoring never searches by id.
#[derive(Debug, Clone, Default)]
struct Index {
    item_by_id: HashMap<String, usize>,
    group_by_id: HashMap<String, usize>,
    /// For each item, the position of its (leaf) group.
    item_group: Vec<usize>,
    /// For each group, its items (leaf groups) in catalog order.
    group_items: Vec<Vec<usize>>,
    /// For each group, its child groups in catalog order.
    group_children: Vec<Vec<usize>>,
}

impl Catalog {
    /// Parses and validates one catalog file.
    pub fn from_toml(source: &str) -> Result<Catalog, Vec<CatalogProblem>> {
        let catalog: Catalog = toml::from_str(source)
            .map_err(|e| vec![CatalogProblem::new("?", format!("TOML: {e}"))])?;
        validate::validated(catalog)
    }

    pub fn item_position(&self, id: &str) -> Option<usize> {
        self.index.item_by_id.get(id).copied()
    }

    pub fn group_position(&self, id: &str) -> Option<usize> {
        self.index.group_by_id.get(id).copied()
    }

    /// Position of the leaf group an item belongs to.
    pub fn group_of(&self, item: usize) -> usize {
        self.index.item_group[item]
    }

    pub fn items_of(&self, group: usize) -> &[usize] {
        &self.index.group_items[group]
    }

    pub fn children_of(&self, group: usize) -> &[usize] {
        &self.index.group_children[group]
    }

    pub fn is_leaf(&self, group: usize) -> bool {
        self.index.group_children[group].is_empty()
    }

    /// Groups that hold items, in catalog order.
    pub fn leaf_groups(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups.len()).filter(|&g| self.is_leaf(g))
    }

    /// Groups with no parent, in catalog order.
    pub fn top_groups(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups.len()).filter(|&g| self.groups[g].parent.is_none())
    }

    /// The options an item is answered with (its own, or the catalog's). Empty for viewpoint scales.
    pub fn options_of(&self, item: usize) -> &[AnswerOption] {
        self.items[item]
            .options
            .as_deref()
            .unwrap_or(&self.scale.options)
    }

    pub fn uses_viewpoints(&self) -> bool {
        !self.scale.viewpoints.is_empty()
    }

    /// The label of a catalog-wide option by its value as text ("yes", "3"): texts that speak of
    /// an answer use the words the respondent chose, not a generic yes or no.
    pub fn scale_label(&self, value: &str) -> Option<&Text> {
        self.scale
            .options
            .iter()
            .find(|o| o.value.to_string() == value)
            .map(|o| &o.label)
    }

    /// The labels of the answers that mean "we do not know" (catalog options, items' own
    /// options and viewpoints), each once, in catalog order.
    pub fn unknown_labels(&self) -> Vec<&Text> {
        let all = self
            .scale
            .options
            .iter()
            .chain(self.items.iter().flat_map(|i| i.options.iter().flatten()))
            .chain(self.scale.viewpoints.iter().flat_map(|v| &v.options));
        let mut labels: Vec<&Text> = Vec::new();
        for o in all.filter(|o| o.unknown) {
            if !labels.iter().any(|l| l.ja == o.label.ja) {
                labels.push(&o.label);
            }
        }
        labels
    }

    /// Leaf-group priority order (best first): by `ease` sum, highest first, then catalog order.
    pub fn group_priority(&self) -> Vec<usize> {
        let mut leaves: Vec<usize> = self.leaf_groups().collect();
        leaves.sort_by_key(|&g| {
            let ease = self.groups[g]
                .ease
                .map_or(0, |e| i32::from(e.skill) + i32::from(e.cost));
            (-ease, g)
        });
        leaves
    }
}
