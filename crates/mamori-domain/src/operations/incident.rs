//! The legal clocks of an incident that involves personal data (operations.md §3).
//!
//! Japan's APPI (amended, in force 2022-04-01) makes a leak reportable to the Personal
//! Information Protection Commission, and to be notified to the persons, when it involves
//! sensitive personal information (要配慮個人情報), a risk of financial damage, a suspected
//! wrongful purpose such as unauthorised access, or more than 1,000 persons. The preliminary
//! report (速報) is due promptly, about 3-5 days by the PPC's guidance; the final report (確報)
//! within 30 days, 60 where a wrongful purpose is suspected. The PPC's guideline counts the day
//! the company learned of the leak as day 1, weekends and holidays included, so "within 30
//! days" ends on the detection day + 29. Days are Japan's calendar days, whatever the server's
//! time zone. GDPR's 72 hours (Art. 33) run from the moment of awareness, to the minute.

use time::{Date, Duration, OffsetDateTime, UtcOffset};

/// Japan Standard Time, UTC+9 (no daylight saving).
pub const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("UTC+9 is a valid offset"),
};

/// More persons than this make a leak reportable by their number alone.
pub const PERSONS_THRESHOLD: u64 = 1_000;
/// The preliminary report's day, counting the detection day as day 1 (guidance: 3-5 days).
pub const PRELIMINARY_DAY: i64 = 5;
/// The final report's last day, counting the detection day as day 1.
pub const FINAL_DAYS: i64 = 30;
/// The same where a wrongful purpose is suspected.
pub const FINAL_DAYS_WRONGFUL: i64 = 60;
/// GDPR's notification window.
pub const GDPR_HOURS: i64 = 72;

/// A code with its Japanese and English names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named {
    pub code: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

impl Named {
    pub fn name(&self, lang: crate::Lang) -> &'static str {
        match lang {
            crate::Lang::Ja => self.ja,
            crate::Lang::En => self.en,
        }
    }
}

/// How the incident came to light (002).
pub const CHANNELS: &[Named] = &[
    Named {
        code: "internal_report",
        ja: "社内からの報告",
        en: "Reported by staff",
    },
    Named {
        code: "log_detection",
        ja: "ログや監視で検知",
        en: "Found in logs or monitoring",
    },
    Named {
        code: "external_contact",
        ja: "社外からの連絡",
        en: "Told by someone outside",
    },
];

/// How bad it is.
pub const SEVERITIES: &[Named] = &[
    Named {
        code: "low",
        ja: "小",
        en: "Low",
    },
    Named {
        code: "medium",
        ja: "中",
        en: "Medium",
    },
    Named {
        code: "high",
        ja: "大",
        en: "High",
    },
];

/// The flow of operations.md §3 (002, 003), in order; `closed` is reached by closing.
pub const STAGES: &[Named] = &[
    Named {
        code: "detection",
        ja: "検知・初動対応",
        en: "Detection and first response",
    },
    Named {
        code: "triage",
        ja: "状況の確認（誤報・操作ミスかどうか）",
        en: "Triage",
    },
    Named {
        code: "containment",
        ja: "被害の拡大防止",
        en: "Containment",
    },
    Named {
        code: "report",
        ja: "報告・公表",
        en: "Reporting and disclosure",
    },
    Named {
        code: "recovery",
        ja: "調査・復旧",
        en: "Investigation and recovery",
    },
    Named {
        code: "prevention",
        ja: "再発防止",
        en: "Prevention",
    },
    Named {
        code: "closed",
        ja: "終了",
        en: "Closed",
    },
];

/// The entry of `list` with `code`.
pub fn named(list: &'static [Named], code: &str) -> Option<&'static Named> {
    list.iter().find(|n| n.code == code)
}

/// What is known of the personal data an incident involves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonalData {
    /// Persons whose data leaked, or may have.
    pub persons: u64,
    /// Sensitive personal information (要配慮個人情報) is involved.
    pub sensitive: bool,
    /// Misuse could cause financial damage (card numbers, banking credentials).
    pub financial_damage: bool,
    /// A wrongful purpose is suspected (unauthorised access, data taken by an employee).
    pub wrongful_purpose: bool,
    /// Data of people in the EU is involved (GDPR).
    pub eu_residents: bool,
}

/// Why a leak must be reported under the APPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportReason {
    Sensitive,
    FinancialDamage,
    WrongfulPurpose,
    OverThousandPersons,
}

impl ReportReason {
    pub fn code(self) -> &'static str {
        match self {
            ReportReason::Sensitive => "sensitive",
            ReportReason::FinancialDamage => "financial_damage",
            ReportReason::WrongfulPurpose => "wrongful_purpose",
            ReportReason::OverThousandPersons => "over_1000_persons",
        }
    }
}

impl PersonalData {
    /// Every reason the APPI makes this leak reportable; empty when it is not.
    pub fn report_reasons(&self) -> Vec<ReportReason> {
        [
            (self.sensitive, ReportReason::Sensitive),
            (self.financial_damage, ReportReason::FinancialDamage),
            (self.wrongful_purpose, ReportReason::WrongfulPurpose),
            (
                self.persons > PERSONS_THRESHOLD,
                ReportReason::OverThousandPersons,
            ),
        ]
        .into_iter()
        .filter_map(|(applies, reason)| applies.then_some(reason))
        .collect()
    }
}

/// The APPI's two report dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppiClock {
    /// The preliminary report (速報) is due by this day at the latest.
    pub preliminary_by: Date,
    /// The final report (確報) is due by this day.
    pub final_by: Date,
    /// 30 or 60.
    pub final_days: i64,
}

/// Every legal clock an incident starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clocks {
    pub reasons: Vec<ReportReason>,
    /// `None` when the leak is not reportable under the APPI.
    pub appi: Option<AppiClock>,
    /// The GDPR notification deadline, when EU residents' data is involved.
    pub gdpr_by: Option<OffsetDateTime>,
}

/// The day in Japan at which `at` falls.
pub fn japan_date(at: OffsetDateTime) -> Date {
    at.to_offset(JST).date()
}

/// The clocks an incident detected at `detected_at` starts for `data`.
pub fn clocks(detected_at: OffsetDateTime, data: &PersonalData) -> Clocks {
    let reasons = data.report_reasons();
    let day_one = japan_date(detected_at);
    let day = |n: i64| day_one.saturating_add(Duration::days(n - 1));
    let appi = (!reasons.is_empty()).then(|| {
        let final_days = if data.wrongful_purpose {
            FINAL_DAYS_WRONGFUL
        } else {
            FINAL_DAYS
        };
        AppiClock {
            preliminary_by: day(PRELIMINARY_DAY),
            final_by: day(final_days),
            final_days,
        }
    });
    let gdpr_by = data
        .eu_residents
        .then(|| detected_at + Duration::hours(GDPR_HOURS));
    Clocks {
        reasons,
        appi,
        gdpr_by,
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn leak(persons: u64) -> PersonalData {
        PersonalData {
            persons,
            ..PersonalData::default()
        }
    }

    #[test]
    fn more_than_a_thousand_persons_is_reportable_and_a_thousand_is_not() {
        assert!(leak(1_000).report_reasons().is_empty());
        assert_eq!(
            leak(1_001).report_reasons(),
            [ReportReason::OverThousandPersons]
        );
        let at = datetime!(2026-04-01 10:00 +9);
        assert_eq!(clocks(at, &leak(1_000)), Clocks::default());
    }

    #[test]
    fn one_persons_sensitive_data_or_card_numbers_are_reportable() {
        let sensitive = PersonalData {
            persons: 1,
            sensitive: true,
            ..PersonalData::default()
        };
        assert_eq!(sensitive.report_reasons(), [ReportReason::Sensitive]);
        let card = PersonalData {
            persons: 1,
            financial_damage: true,
            ..PersonalData::default()
        };
        assert_eq!(card.report_reasons(), [ReportReason::FinancialDamage]);
    }

    #[test]
    fn the_detection_day_in_japan_is_day_one() {
        let c = clocks(datetime!(2026-04-01 09:00 +9), &leak(1_200));
        let appi = c.appi.unwrap();
        assert_eq!(appi.preliminary_by, date!(2026 - 04 - 05));
        assert_eq!(appi.final_by, date!(2026 - 04 - 30));
        assert_eq!(appi.final_days, 30);
        assert_eq!(c.gdpr_by, None);
    }

    #[test]
    fn a_detection_at_23_59_in_japan_counts_from_that_day_whatever_the_utc_date() {
        // 23:59 JST is 14:59 UTC the same day; 00:30 JST the next day is still the earlier
        // day in UTC, but the next day in Japan.
        let late = clocks(datetime!(2026-04-01 14:59 UTC), &leak(1_200));
        assert_eq!(late.appi.unwrap().final_by, date!(2026 - 04 - 30));
        let after_midnight = clocks(datetime!(2026-04-01 15:30 UTC), &leak(1_200));
        assert_eq!(after_midnight.appi.unwrap().final_by, date!(2026 - 05 - 01));
        assert_eq!(
            after_midnight.appi.unwrap().preliminary_by,
            date!(2026 - 04 - 06)
        );
    }

    #[test]
    fn deadlines_run_over_month_ends_and_leap_days() {
        let jan = clocks(datetime!(2028-01-31 12:00 +9), &leak(5_000));
        assert_eq!(jan.appi.unwrap().preliminary_by, date!(2028 - 02 - 04));
        assert_eq!(
            jan.appi.unwrap().final_by,
            date!(2028 - 02 - 29),
            "2028 is a leap year"
        );
        let feb = clocks(datetime!(2027-02-01 12:00 +9), &leak(5_000));
        assert_eq!(
            feb.appi.unwrap().final_by,
            date!(2027 - 03 - 02),
            "28 days in February 2027"
        );
        let year_end = clocks(datetime!(2026-12-28 08:00 +9), &leak(5_000));
        assert_eq!(year_end.appi.unwrap().preliminary_by, date!(2027 - 01 - 01));
    }

    #[test]
    fn a_suspected_wrongful_purpose_gives_sixty_days() {
        let attack = PersonalData {
            persons: 3,
            wrongful_purpose: true,
            ..PersonalData::default()
        };
        let c = clocks(datetime!(2026-04-01 09:00 +9), &attack);
        assert_eq!(c.reasons, [ReportReason::WrongfulPurpose]);
        let appi = c.appi.unwrap();
        assert_eq!(appi.final_days, 60);
        assert_eq!(appi.final_by, date!(2026 - 05 - 30));
        assert_eq!(appi.preliminary_by, date!(2026 - 04 - 05));
    }

    #[test]
    fn gdpr_runs_72_hours_to_the_minute_beside_the_appi() {
        let both = PersonalData {
            persons: 2_000,
            eu_residents: true,
            ..PersonalData::default()
        };
        let c = clocks(datetime!(2026-04-01 23:59 +9), &both);
        assert_eq!(c.gdpr_by, Some(datetime!(2026-04-04 23:59 +9)));
        assert_eq!(c.appi.unwrap().final_by, date!(2026 - 04 - 30));
        let eu_only = PersonalData {
            persons: 10,
            eu_residents: true,
            ..PersonalData::default()
        };
        let c = clocks(datetime!(2026-04-01 23:59 +9), &eu_only);
        assert_eq!(
            c.appi, None,
            "ten persons, nothing else: not reportable in Japan"
        );
        assert!(c.gdpr_by.is_some());
    }
}
