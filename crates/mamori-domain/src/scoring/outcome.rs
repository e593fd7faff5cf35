//! What the engine returns. Field names are the stable result JSON of `docs/interfaces.md`.

use crate::catalog::OptionValue;
use crate::decimal::Tenths;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// A scored answer set, borrowing ids from its catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score<'c> {
    pub catalog: &'c str,
    pub catalog_version: &'c str,
    #[serde(flatten)]
    pub outcome: Outcome<'c>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Outcome<'c> {
    YesCount(YesCount<'c>),
    SumBands(SumBands<'c>),
    AverageGrade(AverageGrade<'c>),
    ViewpointGrade(ViewpointGrade<'c>),
    Percent(Percent<'c>),
    Tiers(Tiers<'c>),
    Tally(Tally<'c>),
    Classify(Classify<'c>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct YesCount<'c> {
    pub yes_count: u32,
    pub ready: bool,
    /// The result key of `ready`, named by the catalog (`one_star_ready`).
    pub ready_flag: &'c str,
}

impl Serialize for YesCount<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("yes_count", &self.yes_count)?;
        map.serialize_entry(self.ready_flag, &self.ready)?;
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTotal<'c> {
    pub id: &'c str,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemPoints<'c> {
    pub id: &'c str,
    pub answer: &'c OptionValue,
    pub points: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RespondentTotal {
    pub name: String,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SumBands<'c> {
    pub total: i64,
    pub max: i64,
    pub band: &'c str,
    pub parts: Vec<GroupTotal<'c>>,
    pub unknown: Vec<&'c str>,
    pub items: Vec<ItemPoints<'c>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub respondents: Vec<RespondentTotal>,
}

/// An average with its grade; `average` is null and `grade` "NA" when nothing was applicable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graded<'c> {
    pub average: Option<Tenths>,
    pub grade: &'c str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupGrade<'c> {
    pub id: &'c str,
    #[serde(flatten)]
    pub graded: Graded<'c>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AverageGrade<'c> {
    pub overall: Graded<'c>,
    pub categories: Vec<GroupGrade<'c>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemGrade<'c> {
    pub id: &'c str,
    pub grade: &'c str,
    /// The grade before the technical measure raised it.
    #[serde(skip)]
    pub base_grade: &'c str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewpointGrade<'c> {
    pub items: Vec<ItemGrade<'c>>,
    pub overall: Graded<'c>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupPercent<'c> {
    pub id: &'c str,
    pub percent: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percent<'c> {
    pub overall_percent: Option<i64>,
    pub groups: Vec<GroupPercent<'c>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryTier<'c> {
    pub id: &'c str,
    pub tier: Option<Tenths>,
    pub target: Option<u8>,
    pub gap: Option<Tenths>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunctionTier<'c> {
    pub id: &'c str,
    pub tier: Option<Tenths>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tiers<'c> {
    pub categories: Vec<CategoryTier<'c>>,
    pub functions: Vec<FunctionTier<'c>>,
}

/// Answer counts in the order of the scale's options.
#[derive(Debug, Clone, PartialEq)]
pub struct Counts<'c>(pub Vec<(&'c OptionValue, u32)>);

impl Serialize for Counts<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (value, n) in &self.0 {
            map.serialize_entry(&value.to_string(), n)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally<'c> {
    pub counts: Counts<'c>,
    pub missing: Vec<&'c str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classify<'c> {
    pub class: &'c str,
    pub number: u8,
}
