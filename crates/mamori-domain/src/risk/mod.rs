//! The risk model of IPA's risk analysis sheet (risk.md §1-6), as pure functions over typed levels.
//! Every level is a newtype that can only hold the values the sheet allows.

mod analysis;
pub mod catalog;
mod chapters;
mod input;
mod money;

pub use analysis::{
    Analysis, AnalysisAsset, AnalysisInput, AssetAnalysis, HeatMap, LevelCounts, MediumAnalysis,
    analyse,
};
pub use catalog::{RiskCatalog, builtin_catalog};
pub use chapters::{Chapter, ChapterStatus, Countermeasure, chapter_status};
pub use input::{AssetInput, AssetRisk, RiskInput, evaluate, parse_risk_input};
pub use money::{
    DEFAULT_COMPENSATION_PER_PERSON, Yen, annualised_loss, personal_data_leak_estimate,
    scaled_cost, single_loss,
};

use serde::Serialize;

macro_rules! bounded_level {
    ($(#[$doc:meta])* $name:ident, $lo:expr, $hi:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(u8);

        impl $name {
            pub const MIN: u8 = $lo;
            pub const MAX: u8 = $hi;

            /// `None` outside the sheet's range.
            pub fn new(value: i64) -> Option<Self> {
                u8::try_from(value).ok().filter(|v| ($lo..=$hi).contains(v)).map($name)
            }

            pub fn get(self) -> u8 {
                self.0
            }
        }
    };
}

bounded_level!(
    /// Confidentiality, integrity or availability rating: 0 almost no impact, 1 large, 2 serious
    /// or legally required.
    Rating, 0, 2
);
bounded_level!(
    /// 重要度: 0 no impact, 1 serious, 2 grave for the business.
    Importance, 0, 2
);
bounded_level!(
    /// 脅威の発生頻度: 1 does not normally occur, 2 in specific situations, 3 any time.
    Threat, 1, 3
);
bounded_level!(
    /// 脆弱性: 1 every countermeasure done, 2 some, 3 none.
    Vulnerability, 1, 3
);
bounded_level!(
    /// 被害発生可能性: 1 low, 2 medium, 3 high.
    Likelihood, 1, 3
);
bounded_level!(
    /// リスク値 = importance × likelihood.
    RiskValue, 0, 6
);

/// Kinds of personal information an asset may hold (個人情報の種類).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalData {
    /// 個人情報
    Personal,
    /// 要配慮個人情報
    Sensitive,
    /// 特定個人情報 (My Number)
    MyNumber,
}

impl PersonalData {
    /// Every kind, in the sheet's order.
    pub const ALL: [PersonalData; 3] = [
        PersonalData::Personal,
        PersonalData::Sensitive,
        PersonalData::MyNumber,
    ];

    /// The code the catalog, the API and spreadsheets use.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalData::Personal => "personal",
            PersonalData::Sensitive => "sensitive",
            PersonalData::MyNumber => "my_number",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// Importance and why it has that value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportanceResult {
    pub importance: Importance,
    /// True when personal data, not the C/I/A ratings, made the asset important.
    pub raised_by_personal_data: bool,
}

/// 重要度 = max(C, I, A); our rule: any personal data makes it 2, because the law requires
/// safety management of personal data whatever the ratings say.
pub fn importance(c: Rating, i: Rating, a: Rating, personal: &[PersonalData]) -> ImportanceResult {
    let rated = c.max(i).max(a).get();
    let raised = !personal.is_empty() && rated < Importance::MAX;
    ImportanceResult {
        importance: Importance(if personal.is_empty() {
            rated
        } else {
            Importance::MAX
        }),
        raised_by_personal_data: raised,
    }
}

/// The C rating a form should pre-set for an asset with personal data.
pub fn suggested_confidentiality(personal: &[PersonalData]) -> Option<Rating> {
    (!personal.is_empty()).then_some(Rating(2))
}

/// A medium's threat is the highest frequency among its threats; `None` when none was rated.
pub fn medium_threat(frequencies: impl IntoIterator<Item = Threat>) -> Option<Threat> {
    frequencies.into_iter().max()
}

/// An answer on the countermeasure checklist (対策状況チェック).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum CountermeasureAnswer {
    /// 1 実施している
    Done,
    /// 2 一部実施している
    Partly,
    /// 3 実施していない／わからない
    NotDone,
    /// 4 自社には該当しない
    NotApplicable,
}

impl CountermeasureAnswer {
    /// The sheet's code 1-4.
    pub fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(Self::Done),
            2 => Some(Self::Partly),
            3 => Some(Self::NotDone),
            4 => Some(Self::NotApplicable),
            _ => None,
        }
    }

    pub fn code(self) -> u8 {
        match self {
            Self::Done => 1,
            Self::Partly => 2,
            Self::NotDone => 3,
            Self::NotApplicable => 4,
        }
    }
}

/// Our rule (risk.md §3): over a medium's applicable countermeasures, all done → 1, none done
/// (all "not done") → 3, anything else → 2; nothing applicable → 3, since nothing protects it.
pub fn vulnerability(answers: impl IntoIterator<Item = CountermeasureAnswer>) -> Vulnerability {
    let (mut any, mut all_done, mut all_not) = (false, true, true);
    for answer in answers {
        match answer {
            CountermeasureAnswer::NotApplicable => continue,
            CountermeasureAnswer::Done => all_not = false,
            CountermeasureAnswer::Partly => (all_done, all_not) = (false, false),
            CountermeasureAnswer::NotDone => all_done = false,
        }
        any = true;
    }
    Vulnerability(match (any, all_done, all_not) {
        (false, _, _) => 3,
        (true, true, _) => 1,
        (true, _, true) => 3,
        _ => 2,
    })
}

/// The sheet's lookup of threat × vulnerability, equal to clamp(threat + vulnerability − 3, 1, 3).
pub fn likelihood(threat: Threat, vulnerability: Vulnerability) -> Likelihood {
    let sum = i16::from(threat.0) + i16::from(vulnerability.0) - 3;
    Likelihood(sum.clamp(1, 3) as u8)
}

pub fn risk_value(importance: Importance, likelihood: Likelihood) -> RiskValue {
    RiskValue(importance.0 * likelihood.0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    /// 小: keep the current state.
    Low,
    /// 中: implement countermeasures.
    Medium,
    /// 大: focus countermeasures here.
    High,
}

impl RiskValue {
    pub fn level(self) -> RiskLevel {
        match self.0 {
            0 => RiskLevel::Low,
            1..=3 => RiskLevel::Medium,
            _ => RiskLevel::High,
        }
    }
}

/// A risk treatment option (リスク対応).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Treatment {
    /// 回避
    Avoid,
    /// 低減
    Reduce,
    /// 移転・転嫁
    Transfer,
    /// 受容
    Accept,
}

impl Treatment {
    pub const ALL: [Treatment; 4] = [
        Treatment::Avoid,
        Treatment::Reduce,
        Treatment::Transfer,
        Treatment::Accept,
    ];

    /// The code the catalog, the API and the forms use.
    pub fn as_str(self) -> &'static str {
        match self {
            Treatment::Avoid => "avoid",
            Treatment::Reduce => "reduce",
            Treatment::Transfer => "transfer",
            Treatment::Accept => "accept",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == code)
    }
}

/// Our rule (risk.md §5, from seed 002's 2×2): importance high (2) and frequency high (threat 3)
/// → avoid; importance low and frequency high → reduce; importance high and frequency low →
/// transfer; both low → accept. Only assets at medium or high risk get a suggestion.
pub fn suggest_treatment(
    importance: Importance,
    threat: Threat,
    risk: RiskValue,
) -> Option<Treatment> {
    if risk.level() == RiskLevel::Low {
        return None;
    }
    let important = importance.0 == Importance::MAX;
    let frequent = threat.0 == Threat::MAX;
    Some(match (important, frequent) {
        (true, true) => Treatment::Avoid,
        (false, true) => Treatment::Reduce,
        (true, false) => Treatment::Transfer,
        (false, false) => Treatment::Accept,
    })
}

/// The organisation's acceptance threshold: a residual risk at or below it may be accepted.
pub const DEFAULT_ACCEPTANCE_THRESHOLD: RiskValue = RiskValue(3);

pub fn may_accept(residual: RiskValue, threshold: RiskValue) -> bool {
    residual <= threshold
}

#[cfg(test)]
mod analysis_tests;
#[cfg(test)]
mod tests;
