//! Where a company stands on the journey (README, "The journey the product serves"): SECURITY
//! ACTION readiness and the maturity level 0-5 (diagnostics.md §9).
//!
//! Both are derived from [`Evidence`], which the caller gathers from the company's records. The
//! caller also passes `today`: nothing here reads the clock, so the same records always give the
//! same answer.

mod csf;
mod maturity;
mod security_action;

pub use csf::{CsfCycle, CsfProfile, growth_cycles};

pub use maturity::{Condition, IMPROVEMENT_CYCLES_NEEDED, Maturity, maturity};
pub use security_action::{Missing, SecurityAction, Star, security_action};

use serde::{Serialize, Serializer};
use time::{Date, Month};

/// What the company's data says, as far as the journey is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// The day the results are for. "Within 12 months" counts back from it.
    pub today: Date,
    /// The latest Five Principles answers, principle 1 first; `true` = yes.
    pub five_principles: Option<[bool; 5]>,
    /// Every 25-item self-check the company has taken, in any order.
    pub self_checks: Vec<SelfCheckRecord>,
    /// A diagnostic of any kind has been started. Five Principles answers or a self-check record
    /// count as a start too, so this flag only matters for the other questionnaires.
    pub diagnostic_started: bool,
    /// The information security basic policy (情報セキュリティ基本方針), if one exists.
    pub basic_policy: Option<PolicyStatus>,
    /// Security roles (責任者・担当者) are assigned.
    pub roles_assigned: bool,
    /// An improvement plan exists whose actions have owners.
    pub improvement_plan_with_owners: bool,
    /// The day the risk analysis of the asset register was last done.
    pub risk_analysis_on: Option<Date>,
    /// Security regulations (情報セキュリティ関連規程) are adopted.
    pub regulations_adopted: bool,
    /// The day of the last inspection or audit.
    pub last_inspection_on: Option<Date>,
    /// Completed NIST CSF cycles (planning to evaluation) whose evaluation showed growth.
    pub csf_growth_cycles: u32,
    /// The day of the last recorded security education.
    pub last_education_on: Option<Date>,
    /// The day of the last recorded incident drill.
    pub last_drill_on: Option<Date>,
}

impl Evidence {
    /// Evidence of a company that has done nothing yet.
    pub fn new(today: Date) -> Self {
        Evidence {
            today,
            five_principles: None,
            self_checks: Vec::new(),
            diagnostic_started: false,
            basic_policy: None,
            roles_assigned: false,
            improvement_plan_with_owners: false,
            risk_analysis_on: None,
            regulations_adopted: false,
            last_inspection_on: None,
            csf_growth_cycles: 0,
            last_education_on: None,
            last_drill_on: None,
        }
    }

    /// True when `on` is within the 12 months up to `today`.
    pub fn is_recent(&self, on: Date) -> bool {
        within_12_months(on, self.today)
    }

    /// Complete self-checks, oldest first (same-day checks keep the order they were given in).
    fn complete_self_checks(&self) -> Vec<&SelfCheckRecord> {
        let mut checks: Vec<_> = self.self_checks.iter().filter(|c| c.complete).collect();
        checks.sort_by_key(|c| c.on);
        checks
    }

    /// The latest complete self-check (of two on the same day, the one given last).
    fn latest_complete_self_check(&self) -> Option<&SelfCheckRecord> {
        self.complete_self_checks().pop()
    }
}

/// One 25-item self-check the company took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckRecord {
    /// The day it was answered.
    pub on: Date,
    /// Its total, -25..100.
    pub total: i64,
    /// Every item is answered.
    pub complete: bool,
    /// Items 1-5 (basic measures) are all answered `done`.
    pub basic_all_done: bool,
}

/// The state of the basic policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PolicyStatus {
    pub approved: bool,
    /// Where it is published outside the company.
    pub published_url: Option<String>,
}

impl PolicyStatus {
    /// Published externally: a non-blank URL is recorded.
    pub fn is_published(&self) -> bool {
        self.published_url
            .as_deref()
            .is_some_and(|url| !url.trim().is_empty())
    }
}

/// "Within 12 months": on or after the same calendar day a year before `today` (from 29 February,
/// 28 February). Later dates count too: the caller records things done, not planned.
pub fn within_12_months(on: Date, today: Date) -> bool {
    on >= add_months(today, -12)
}

/// The same calendar day `months` months later (earlier when negative), or the last day of that
/// month when it is shorter: 31 August plus 6 months is 28 or 29 February. Saturates at the
/// representable range.
pub(crate) fn add_months(date: Date, months: i32) -> Date {
    let index =
        i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + i64::from(months);
    let limit = if months < 0 { Date::MIN } else { Date::MAX };
    let Ok(year) = i32::try_from(index.div_euclid(12)) else {
        return limit;
    };
    // rem_euclid(12) is 0..=11, so the cast cannot truncate.
    let month = Month::January.nth_next(index.rem_euclid(12) as u8);
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(limit)
}

/// 2025年3月1日
pub fn date_ja(date: Date) -> String {
    format!(
        "{}年{}月{}日",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// 1 March 2025
pub fn date_en(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// Serializes a date as ISO 8601 (`2025-03-01`), whatever features `time` is built with.
pub(crate) fn iso_date<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

/// [`iso_date`] for an optional date (`null` when absent).
pub(crate) fn iso_date_opt<S: Serializer>(
    date: &Option<Date>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    struct Iso(Date);
    impl Serialize for Iso {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            iso_date(&self.0, serializer)
        }
    }
    match date {
        Some(date) => serializer.serialize_some(&Iso(*date)),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    /// True when the text holds kana, kanji or full-width forms.
    pub fn has_japanese(text: &str) -> bool {
        text.chars().any(|c| {
            matches!(c,
                '\u{3000}'..='\u{30FF}' // CJK punctuation, hiragana, katakana
                | '\u{3400}'..='\u{9FFF}' // kanji
                | '\u{FF00}'..='\u{FFEF}') // full-width forms
        })
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::has_japanese;
    use super::*;
    use time::macros::date;

    #[test]
    fn a_date_exactly_12_months_before_today_is_within_12_months() {
        assert!(within_12_months(
            date!(2024 - 03 - 01),
            date!(2025 - 03 - 01)
        ));
    }

    #[test]
    fn a_date_12_months_and_one_day_before_today_is_not_within_12_months() {
        assert!(!within_12_months(
            date!(2024 - 02 - 29),
            date!(2025 - 03 - 01)
        ));
    }

    #[test]
    fn today_and_later_dates_are_within_12_months() {
        let today = date!(2025 - 03 - 01);
        assert!(within_12_months(today, today));
        assert!(within_12_months(date!(2025 - 03 - 02), today));
    }

    #[test]
    fn on_29_february_the_12_months_start_on_28_february_a_year_before() {
        let today = date!(2024 - 02 - 29);
        assert!(within_12_months(date!(2023 - 02 - 28), today));
        assert!(!within_12_months(date!(2023 - 02 - 27), today));
    }

    #[test]
    fn adding_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month() {
        assert_eq!(add_months(date!(2025 - 03 - 15), -6), date!(2024 - 09 - 15));
        assert_eq!(add_months(date!(2024 - 08 - 31), -6), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2023 - 08 - 31), 6), date!(2024 - 02 - 29));
        assert_eq!(add_months(date!(2024 - 08 - 31), 6), date!(2025 - 02 - 28));
        assert_eq!(
            add_months(date!(2025 - 01 - 31), -12),
            date!(2024 - 01 - 31)
        );
        assert_eq!(add_months(date!(2024 - 11 - 30), 3), date!(2025 - 02 - 28));
        assert_eq!(add_months(date!(2025 - 12 - 31), 0), date!(2025 - 12 - 31));
    }

    #[test]
    fn adding_months_beyond_the_representable_years_gives_the_earliest_or_latest_date() {
        assert_eq!(add_months(Date::MIN, -12), Date::MIN);
        assert_eq!(add_months(Date::MAX, 12), Date::MAX);
        assert_eq!(add_months(date!(2025 - 01 - 01), i32::MIN), Date::MIN);
        assert_eq!(add_months(date!(2025 - 01 - 01), i32::MAX), Date::MAX);
    }

    #[test]
    fn dates_are_written_the_japanese_way_and_the_english_way() {
        assert_eq!(date_ja(date!(2025 - 03 - 01)), "2025年3月1日");
        assert_eq!(date_en(date!(2025 - 03 - 01)), "1 March 2025");
        assert!(!has_japanese(&date_en(date!(2025 - 12 - 31))));
    }

    #[test]
    fn new_evidence_holds_nothing_but_today() {
        let e = Evidence::new(date!(2025 - 03 - 01));
        assert_eq!(e.today, date!(2025 - 03 - 01));
        assert_eq!(e.five_principles, None);
        assert!(e.self_checks.is_empty());
        assert!(!e.diagnostic_started);
        assert_eq!(e.basic_policy, None);
        assert!(!e.roles_assigned && !e.improvement_plan_with_owners && !e.regulations_adopted);
        assert_eq!(e.csf_growth_cycles, 0);
        assert_eq!((e.risk_analysis_on, e.last_inspection_on), (None, None));
        assert_eq!((e.last_education_on, e.last_drill_on), (None, None));
    }

    #[test]
    fn a_policy_is_published_only_with_a_non_blank_url() {
        let mut policy = PolicyStatus::default();
        assert!(!policy.is_published());
        policy.published_url = Some("  ".into());
        assert!(!policy.is_published());
        policy.published_url = Some("https://example.co.jp/security-policy".into());
        assert!(policy.is_published());
    }

    #[test]
    fn the_latest_complete_self_check_ignores_incomplete_ones_and_input_order() {
        let mut e = Evidence::new(date!(2025 - 03 - 01));
        let check = |on, total, complete| SelfCheckRecord {
            on,
            total,
            complete,
            basic_all_done: false,
        };
        e.self_checks = vec![
            check(date!(2024 - 10 - 01), 80, true),
            check(date!(2025 - 02 - 01), 90, false),
            check(date!(2023 - 10 - 01), 40, true),
        ];
        assert_eq!(e.latest_complete_self_check().map(|c| c.total), Some(80));
    }

    #[test]
    fn the_has_japanese_check_finds_kana_kanji_and_full_width_forms() {
        assert!(has_japanese("あ"));
        assert!(has_japanese("カ"));
        assert!(has_japanese("診"));
        assert!(has_japanese("（"));
        assert!(has_japanese("。"));
        assert!(!has_japanese("Plain English, 1-5 (basic) – fine."));
    }
}
