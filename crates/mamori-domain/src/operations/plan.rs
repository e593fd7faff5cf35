//! The annual plan (operations.md §5 and §8, source 002): a fiscal year starting in April, the
//! yearly items placed on its months, quarterly evaluations in July, October, January and March,
//! and each evaluation's progress review of the action list (on plan / behind / ahead).

use time::{Date, Month};

use crate::Lang;

/// One yearly item of the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanItem {
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    /// The month it is placed in unless the company moves it (1-12).
    pub default_month: u8,
}

impl PlanItem {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// The seven yearly items of source 002, then document review and the budget cycle, in the
/// order of the year.
pub const PLAN_ITEMS: &[PlanItem] = &[
    PlanItem {
        key: "context",
        ja: "組織の状況の確認（事業・取引先・法令の変化）",
        en: "Review of the context (business, partners, laws)",
        default_month: 4,
    },
    PlanItem {
        key: "objectives",
        ja: "今年度の目標の設定",
        en: "This year's objectives",
        default_month: 4,
    },
    PlanItem {
        key: "risk_assessment",
        ja: "リスクアセスメント（情報資産管理台帳の更新）",
        en: "Risk assessment (update the asset register)",
        default_month: 5,
    },
    PlanItem {
        key: "risk_treatment",
        ja: "リスク対応計画の作成",
        en: "Risk treatment plan",
        default_month: 6,
    },
    PlanItem {
        key: "education",
        ja: "教育・訓練",
        en: "Education and drills",
        default_month: 9,
    },
    PlanItem {
        key: "document_review",
        ja: "方針・規程の見直し",
        en: "Review of the policy and rules",
        default_month: 11,
    },
    PlanItem {
        key: "internal_audit",
        ja: "内部監査・点検",
        en: "Internal audit or inspection",
        default_month: 1,
    },
    PlanItem {
        key: "budget",
        ja: "来年度の予算の検討",
        en: "Next year's budget",
        default_month: 2,
    },
    PlanItem {
        key: "improvement",
        ja: "年度の評価と改善（経営者への報告）",
        en: "Year's evaluation and improvement (report to the executive)",
        default_month: 3,
    },
];

pub fn item(key: &str) -> Option<&'static PlanItem> {
    PLAN_ITEMS.iter().find(|i| i.key == key)
}

/// The fiscal year a day belongs to, named by the calendar year it starts in (FY2026 is April
/// 2026 to March 2027).
pub fn fiscal_year(day: Date) -> i32 {
    if u8::from(day.month()) >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}

/// The first and last day of a fiscal year.
pub fn fiscal_range(year: i32) -> (Date, Date) {
    let first = Date::from_calendar_date(year, Month::April, 1).unwrap_or(Date::MIN);
    let last = Date::from_calendar_date(year + 1, Month::March, 31).unwrap_or(Date::MAX);
    (first, last)
}

/// The calendar year a month (1-12) of a fiscal year falls in.
pub fn year_of_month(fiscal: i32, month: u8) -> i32 {
    if month >= 4 { fiscal } else { fiscal + 1 }
}

/// The months of a fiscal year in order: April … March.
pub const MONTHS: [u8; 12] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];

/// One of the four quarterly evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluation {
    /// 1-4.
    pub quarter: u8,
    /// The month the evaluation is held (7, 10, 1, 3).
    pub month: u8,
    /// The last day of the period it reviews: the quarter's end (for March, the year's end).
    pub reviews_until: Date,
}

/// The evaluations of a fiscal year: July, October, January and March (operations.md §5).
pub fn evaluations(year: i32) -> [Evaluation; 4] {
    let day = |y: i32, m: Month, d: u8| Date::from_calendar_date(y, m, d).unwrap_or(Date::MIN);
    [
        Evaluation {
            quarter: 1,
            month: 7,
            reviews_until: day(year, Month::June, 30),
        },
        Evaluation {
            quarter: 2,
            month: 10,
            reviews_until: day(year, Month::September, 30),
        },
        Evaluation {
            quarter: 3,
            month: 1,
            reviews_until: day(year, Month::December, 31),
        },
        Evaluation {
            quarter: 4,
            month: 3,
            reviews_until: day(year + 1, Month::March, 31),
        },
    ]
}

/// How the action list stands against the plan at an evaluation (source 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Everything due is done: prepare the next step.
    OnPlan,
    /// Something due is not done: make a recovery plan.
    Behind,
    /// Nothing is behind and work due later is already done: consider speeding up.
    Ahead,
}

impl Verdict {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::OnPlan, Lang::Ja) => "計画どおり",
            (Verdict::OnPlan, Lang::En) => "On plan",
            (Verdict::Behind, Lang::Ja) => "遅れ",
            (Verdict::Behind, Lang::En) => "Behind",
            (Verdict::Ahead, Lang::Ja) => "前倒し",
            (Verdict::Ahead, Lang::En) => "Ahead",
        }
    }

    /// What to do next, as source 002 puts it.
    pub fn advice(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::OnPlan, Lang::Ja) => "次の段階の準備を進めます。",
            (Verdict::OnPlan, Lang::En) => "Prepare the next step.",
            (Verdict::Behind, Lang::Ja) => {
                "遅れの原因を確かめ、挽回の計画（担当・期限の見直し）を立てます。"
            }
            (Verdict::Behind, Lang::En) => {
                "Find why, and make a recovery plan (owners and due dates)."
            }
            (Verdict::Ahead, Lang::Ja) => {
                "前倒しで進んでいます。次の対策を早めることを検討します。"
            }
            (Verdict::Ahead, Lang::En) => {
                "Work is ahead: consider starting the next measures early."
            }
        }
    }
}

/// An action as the review reads it: its due day and, when finished, the day it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tracked {
    pub due: Date,
    pub done_on: Option<Date>,
}

/// The review at one evaluation, over the actions with a due day in the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// Actions due by the end of the reviewed period.
    pub due: usize,
    /// Of those, done by the evaluation (or by `today`, whichever is earlier).
    pub done: usize,
    /// Actions due later that were already done.
    pub early: usize,
    pub verdict: Verdict,
}

/// Reviews the actions as they stood on `at` (the evaluation's day, or today if it is still
/// to come) for the period ending `until`.
pub fn review(actions: &[Tracked], until: Date, at: Date) -> Review {
    let done_by = |a: &Tracked| a.done_on.is_some_and(|d| d <= at);
    let due: Vec<&Tracked> = actions.iter().filter(|a| a.due <= until).collect();
    let done = due.iter().filter(|a| done_by(a)).count();
    let early = actions
        .iter()
        .filter(|a| a.due > until && done_by(a))
        .count();
    let verdict = if done < due.len() {
        Verdict::Behind
    } else if early > 0 {
        Verdict::Ahead
    } else {
        Verdict::OnPlan
    };
    Review {
        due: due.len(),
        done,
        early,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_fiscal_year_starts_in_april() {
        assert_eq!(fiscal_year(date!(2026 - 03 - 31)), 2025);
        assert_eq!(fiscal_year(date!(2026 - 04 - 01)), 2026);
        assert_eq!(
            fiscal_range(2026),
            (date!(2026 - 04 - 01), date!(2027 - 03 - 31))
        );
        assert_eq!(year_of_month(2026, 1), 2027);
        assert_eq!(year_of_month(2026, 12), 2026);
        let e = evaluations(2026);
        assert_eq!(e.map(|e| e.month), [7, 10, 1, 3]);
        assert_eq!(e[2].reviews_until, date!(2026 - 12 - 31));
        assert_eq!(e[3].reviews_until, date!(2027 - 03 - 31));
        let mut keys: Vec<&str> = PLAN_ITEMS.iter().map(|i| i.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), PLAN_ITEMS.len());
    }

    #[test]
    fn a_review_is_behind_when_something_due_is_open_and_ahead_when_later_work_is_done() {
        let until = date!(2026 - 06 - 30);
        let at = date!(2026 - 07 - 10);
        let done = |due, on| Tracked {
            due,
            done_on: Some(on),
        };
        let open = |due| Tracked { due, done_on: None };
        let r = review(
            &[done(date!(2026 - 05 - 31), date!(2026 - 05 - 20))],
            until,
            at,
        );
        assert_eq!((r.due, r.done, r.verdict), (1, 1, Verdict::OnPlan));
        let r = review(
            &[
                done(date!(2026 - 05 - 31), date!(2026 - 05 - 20)),
                open(date!(2026 - 06 - 30)),
                done(date!(2026 - 08 - 31), date!(2026 - 06 - 01)),
            ],
            until,
            at,
        );
        assert_eq!(
            (r.due, r.done, r.early, r.verdict),
            (2, 1, 1, Verdict::Behind)
        );
        let r = review(
            &[
                done(date!(2026 - 05 - 31), date!(2026 - 05 - 20)),
                done(date!(2026 - 09 - 30), date!(2026 - 07 - 01)),
            ],
            until,
            at,
        );
        assert_eq!(r.verdict, Verdict::Ahead);
        // Done after the evaluation day does not count for it.
        let r = review(
            &[done(date!(2026 - 06 - 30), date!(2026 - 07 - 15))],
            until,
            at,
        );
        assert_eq!(r.verdict, Verdict::Behind);
    }
}
