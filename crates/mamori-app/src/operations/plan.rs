//! The annual plan (operations.md §5, §8): the company places the yearly items on the months of
//! a fiscal year and marks them done; each quarterly evaluation reviews the action list against
//! its due dates. Education and internal audits recorded in the year show as evidence.

use std::collections::BTreeMap;

use mamori_domain::operations::plan::{
    Evaluation, PLAN_ITEMS, PlanItem, Review, Tracked, evaluations, fiscal_range, fiscal_year,
    review,
};
use mamori_storage::{Access, ActionStatus, PlanRow, Store};
use time::Date;

use crate::fields::{Check, Checked, parse_date};
use crate::guard::{Need, require};
use crate::operations::registers::today;
use crate::standing::day_in_japan;
use crate::{Error, FieldProblem};

/// The plan as typed: each item's month and done day, by item key.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub months: BTreeMap<String, String>,
    pub done: BTreeMap<String, String>,
}

/// A plan that passed every check. Only [`PlanDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDraft {
    year: i32,
    rows: Vec<PlanRow>,
}

impl PlanDraft {
    /// Checks each item's month (1-12) and done day (a real day inside the fiscal year, not in
    /// the future).
    pub fn parse(
        year: i32,
        input: &PlanInput,
        today: Date,
    ) -> Result<PlanDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        let (first, last) = fiscal_range(year);
        let mut rows = Vec::new();
        for key in input.months.keys().chain(input.done.keys()) {
            if mamori_domain::operations::plan::item(key).is_none() {
                c.problem(
                    key,
                    format!("年間計画に「{key}」という項目はありません。"),
                    format!("The annual plan has no item “{key}”."),
                );
            }
        }
        for item in PLAN_ITEMS {
            let month = match input.months.get(item.key).map(|m| m.trim()) {
                None | Some("") => item.default_month,
                Some(m) => match m.parse::<u8>() {
                    Ok(n @ 1..=12) => n,
                    _ => {
                        c.problem(
                            &format!("month.{}", item.key),
                            format!("「{}」の月は1〜12で選んでください。", item.ja),
                            format!("Choose the month of “{}” from 1 to 12.", item.en),
                        );
                        item.default_month
                    }
                },
            };
            let field = format!("done.{}", item.key);
            let raw = input.done.get(item.key).map_or("", String::as_str);
            let done_on = match c.date(&field, (item.ja, item.en), raw) {
                Checked::Given(d) => {
                    let day = parse_date(&d);
                    if day.is_some_and(|d| d < first || d > last) {
                        c.problem(
                            &field,
                            format!(
                                "「{}」の実施日が{year}年度（{first}〜{last}）の外です。",
                                item.ja
                            ),
                            format!(
                                "The day of “{}” is outside fiscal {year} ({first} to {last}).",
                                item.en
                            ),
                        );
                    } else if day.is_some_and(|d| d > today) {
                        c.problem(
                            &field,
                            format!("「{}」の実施日が未来になっています。", item.ja),
                            format!("The day of “{}” is in the future.", item.en),
                        );
                    }
                    Some(d)
                }
                _ => None,
            };
            rows.push(PlanRow {
                item: item.key.to_owned(),
                month,
                done_on,
            });
        }
        c.finish(Some(PlanDraft { year, rows }))
    }
}

/// One item as the page shows it.
#[derive(Debug, Clone)]
pub struct ItemView {
    pub item: &'static PlanItem,
    pub month: u8,
    pub done_on: Option<String>,
    /// A record of the year that shows the item was done (education, inspection), if any.
    pub evidence: Option<String>,
}

/// One evaluation with its review (`None` while its month has not come).
#[derive(Debug, Clone)]
pub struct EvaluationView {
    pub evaluation: Evaluation,
    pub review: Option<Review>,
}

#[derive(Debug, Clone)]
pub struct PlanView {
    pub year: i32,
    pub current_year: i32,
    pub items: Vec<ItemView>,
    pub evaluations: Vec<EvaluationView>,
}

pub async fn view(store: &Store, access: &Access, year: Option<i32>) -> Result<PlanView, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let today = today();
    let current_year = fiscal_year(today);
    let year = year.unwrap_or(current_year);
    let (first, last) = fiscal_range(year);
    let (stored, actions, activities) = tokio::try_join!(
        async { Ok::<_, Error>(store.annual_plan(scope, year).await?) },
        async { Ok::<_, Error>(store.actions(scope).await?) },
        async { Ok::<_, Error>(store.activities(scope).await?) },
    )?;
    let in_year = |d: &str| parse_date(d).is_some_and(|d| d >= first && d <= last);
    let newest = |kind: &str| {
        activities
            .iter()
            .filter(|a| a.fields.kind == kind && in_year(&a.fields.held_on))
            .map(|a| a.fields.held_on.clone())
            .max()
    };
    let items = PLAN_ITEMS
        .iter()
        .map(|item| {
            let row = stored.iter().find(|r| r.item == item.key);
            ItemView {
                item,
                month: row.map_or(item.default_month, |r| r.month),
                done_on: row.and_then(|r| r.done_on.clone()),
                evidence: match item.key {
                    "education" => newest("education"),
                    "internal_audit" => newest("inspection"),
                    _ => None,
                },
            }
        })
        .collect();
    let tracked: Vec<Tracked> = actions
        .iter()
        .filter(|a| a.status != ActionStatus::Dropped)
        .filter_map(|a| {
            let due = parse_date(a.due_date.as_deref()?)?;
            (due >= first && due <= last).then(|| Tracked {
                due,
                done_on: (a.status == ActionStatus::Done)
                    .then(|| a.completed_at.map(day_in_japan))
                    .flatten(),
            })
        })
        .collect();
    let evaluations = evaluations(year)
        .into_iter()
        .map(|e| {
            let held = Date::from_calendar_date(
                mamori_domain::operations::plan::year_of_month(year, e.month),
                time::Month::try_from(e.month).unwrap_or(time::Month::January),
                1,
            )
            .unwrap_or(Date::MAX);
            EvaluationView {
                review: (today >= held).then(|| review(&tracked, e.reviews_until, today)),
                evaluation: e,
            }
        })
        .collect();
    Ok(PlanView {
        year,
        current_year,
        items,
        evaluations,
    })
}

pub async fn save(store: &Store, access: &Access, draft: &PlanDraft) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store
        .set_annual_plan(scope, draft.year, &draft.rows)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_default_and_done_days_must_fall_in_the_year_and_not_ahead_of_today() {
        let mut input = PlanInput::default();
        input.months.insert("education".into(), "7".into());
        input.done.insert("context".into(), "2026-04-10".into());
        let d = PlanDraft::parse(2026, &input, date!(2026 - 12 - 08)).unwrap();
        let edu = d.rows.iter().find(|r| r.item == "education").unwrap();
        assert_eq!(edu.month, 7);
        let audit = d.rows.iter().find(|r| r.item == "internal_audit").unwrap();
        assert_eq!(audit.month, 1, "the default month");
        input.done.insert("objectives".into(), "2026-03-31".into());
        input.done.insert("education".into(), "2026-12-31".into());
        input.months.insert("budget".into(), "13".into());
        let p = PlanDraft::parse(2026, &input, date!(2026 - 12 - 08)).unwrap_err();
        let mut fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            ["done.education", "done.objectives", "month.budget"]
        );
    }
}
