//! The annual plan (operations.md §8): the fiscal year's calendar with the yearly items, the
//! form that places and ticks them off, and the quarterly reviews of the action list.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::plan::{self as uc, PlanDraft, PlanInput, PlanView};
use mamori_domain::Lang;
use mamori_domain::operations::plan::{MONTHS, year_of_month};
use serde::Deserialize;

use crate::org::OrgNav;
use crate::{Need, PageContext, need, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct MonthRow {
    pub label: String,
    pub items: Vec<&'static str>,
    pub evaluation: bool,
}

pub struct ItemRow {
    pub key: &'static str,
    pub label: &'static str,
    pub month: u8,
    pub done_on: String,
    pub evidence: Option<String>,
    pub invalid: bool,
}

pub struct EvaluationRow {
    pub title: String,
    pub until: String,
    pub figures: Option<(usize, usize, usize)>,
    pub verdict: &'static str,
    pub advice: &'static str,
    pub behind: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    ctx: PageContext,
    org: OrgNav,
    year: i32,
    current_year: i32,
    months: Vec<MonthRow>,
    items: Vec<ItemRow>,
    evaluations: Vec<EvaluationRow>,
    problems: Vec<FieldProblem>,
}

fn month_label(year: i32, month: u8, lang: Lang) -> String {
    let y = year_of_month(year, month);
    match lang {
        Lang::Ja => format!("{y}年{month}月"),
        Lang::En => format!("{y}-{month:02}"),
    }
}

fn page(
    ctx: PageContext,
    access: &OrgAccess,
    view: PlanView,
    typed: Option<(PlanInput, Vec<FieldProblem>)>,
) -> PlanPage {
    let lang = ctx.lang;
    let year = view.year;
    let (input, problems) = typed.unwrap_or_default();
    let months = MONTHS
        .iter()
        .map(|&m| MonthRow {
            label: month_label(year, m, lang),
            items: view
                .items
                .iter()
                .filter(|i| i.month == m)
                .map(|i| i.item.label(lang))
                .collect(),
            evaluation: view.evaluations.iter().any(|e| e.evaluation.month == m),
        })
        .collect();
    let items = view
        .items
        .iter()
        .map(|i| ItemRow {
            key: i.item.key,
            label: i.item.label(lang),
            month: input
                .months
                .get(i.item.key)
                .and_then(|m| m.parse().ok())
                .unwrap_or(i.month),
            done_on: input
                .done
                .get(i.item.key)
                .cloned()
                .or_else(|| i.done_on.clone())
                .unwrap_or_default(),
            evidence: i.evidence.clone(),
            invalid: problems
                .iter()
                .any(|p| p.field.ends_with(&format!(".{}", i.item.key))),
        })
        .collect();
    let evaluations = view
        .evaluations
        .iter()
        .map(|e| {
            let ev = e.evaluation;
            EvaluationRow {
                title: match lang {
                    Lang::Ja => format!(
                        "第{}四半期の評価（{}）",
                        ev.quarter,
                        month_label(year, ev.month, lang)
                    ),
                    Lang::En => format!(
                        "Quarter {} evaluation ({})",
                        ev.quarter,
                        month_label(year, ev.month, lang)
                    ),
                },
                until: ev.reviews_until.to_string(),
                figures: e.review.map(|r| (r.due, r.done, r.early)),
                verdict: e.review.map_or("", |r| r.verdict.label(lang)),
                advice: e.review.map_or("", |r| r.verdict.advice(lang)),
                behind: e
                    .review
                    .is_some_and(|r| r.verdict == mamori_domain::operations::plan::Verdict::Behind),
            }
        })
        .collect();
    PlanPage {
        org: OrgNav::new(access, "plan"),
        year,
        current_year: view.current_year,
        months,
        items,
        evaluations,
        problems,
        ctx,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    year: Option<i32>,
}

fn year_in_range(year: Option<i32>) -> Result<Option<i32>, AppError> {
    match year {
        Some(y) if !(2000..=2199).contains(&y) => Err(AppError::NotFound),
        y => Ok(y),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let view = uc::view(state.store(), &access.access, year_in_range(q.year)?).await?;
    Ok(render(&page(ctx, &access, view, None))?.into_response())
}

pub async fn save(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    let mut input = PlanInput::default();
    let mut year = None;
    for (k, v) in pairs {
        if let Some(item) = k.strip_prefix("month.") {
            input.months.insert(item.to_owned(), v);
        } else if let Some(item) = k.strip_prefix("done.") {
            input.done.insert(item.to_owned(), v);
        } else if k == "year" {
            year = v.trim().parse::<i32>().ok();
        }
    }
    let Some(year) = year_in_range(year)? else {
        return Err(AppError::BadRequest("year".into()));
    };
    let today = mamori_app::operations::registers::today();
    match PlanDraft::parse(year, &input, today) {
        Ok(draft) => {
            uc::save(state.store(), &access.access, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/plan?year={year}&notice=saved",
                access.access.org.id
            ))
            .into_response())
        }
        Err(problems) => {
            let view = uc::view(state.store(), &access.access, Some(year)).await?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(ctx, &access, view, Some((input, problems))),
            ))
        }
    }
}
