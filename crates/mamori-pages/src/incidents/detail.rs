//! One incident's page: its facts, the legal clocks with the reports to mark done, the timeline,
//! and closing with the lessons learned.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::incidents::{self as uc, report_code, report_name, report_of};
use mamori_domain::Lang;
use mamori_domain::operations::incident::{CHANNELS, SEVERITIES, STAGES};
use mamori_storage::{Incident, IncidentId, Report};
use serde::Deserialize;

use super::{Choice, day, moment, word};
use crate::org::OrgNav;
use crate::{PageContext, jst, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// One line of the clocks table on the incident's page.
pub struct ClockRow {
    pub code: &'static str,
    pub report: &'static str,
    pub by: String,
    pub done_on: Option<String>,
}

pub struct EntryRow {
    pub at: String,
    pub stage: &'static str,
    pub actor: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "incidents/detail.html")]
struct DetailPage {
    ctx: PageContext,
    org: OrgNav,
    id: i64,
    title: String,
    facts: Vec<(&'static str, String)>,
    reasons: Vec<&'static str>,
    clocks: Vec<ClockRow>,
    entries: Vec<EntryRow>,
    stages: Vec<Choice>,
    closed: bool,
    lessons: Option<String>,
    problems: Vec<FieldProblem>,
    body: String,
    lessons_typed: String,
    measures_typed: String,
}

fn reason_word(code: &str, lang: Lang) -> &'static str {
    let (ja, en) = match code {
        "sensitive" => (
            "要配慮個人情報を含む",
            "involves sensitive personal information",
        ),
        "financial_damage" => ("財産的被害のおそれがある", "risk of financial damage"),
        "wrongful_purpose" => (
            "不正の目的によるおそれがある",
            "a wrongful purpose is suspected",
        ),
        _ => ("1,000人を超える", "more than 1,000 persons"),
    };
    if lang == Lang::En { en } else { ja }
}

struct Typed {
    body: String,
    lessons: String,
    measures: String,
}

fn detail_page(
    ctx: PageContext,
    access: &OrgAccess,
    i: &Incident,
    problems: Vec<FieldProblem>,
    typed: Typed,
) -> DetailPage {
    let lang = ctx.lang;
    let t = |ja: &'static str| mamori_http::i18n::tr(lang, ja);
    let mut facts = vec![
        (t("発見日時"), jst(i.fields.detected_at, lang)),
        (
            t("発見のきっかけ"),
            word(CHANNELS, &i.fields.channel, lang).to_owned(),
        ),
        (
            t("重大度"),
            word(SEVERITIES, &i.fields.severity, lang).to_owned(),
        ),
        (t("段階"), word(STAGES, &i.stage, lang).to_owned()),
    ];
    if let Some(by) = &i.fields.detected_by {
        facts.push((t("発見者"), by.clone()));
    }
    if let Some(d) = &i.fields.description {
        facts.push((t("内容"), d.clone()));
    }
    if let Some(p) = i.fields.personal {
        facts.push((
            t("個人情報の対象人数"),
            match lang {
                Lang::Ja => format!("{}人", mamori_app::fields::grouped(p.persons)),
                Lang::En => mamori_app::fields::grouped(p.persons),
            },
        ));
    }
    if i.fields.drill {
        facts.push((t("種類"), t("訓練").to_owned()));
    }
    let c = uc::clocks(i);
    let done = |r: Report| match r {
        Report::Preliminary => i.preliminary_done_on.clone(),
        Report::Final => i.final_done_on.clone(),
        Report::Gdpr => i.gdpr_done_on.clone(),
    };
    let mut clocks = Vec::new();
    if let Some(appi) = c.appi {
        for (r, by) in [
            (Report::Preliminary, appi.preliminary_by),
            (Report::Final, appi.final_by),
        ] {
            clocks.push(ClockRow {
                code: report_code(r),
                report: report_name(r, lang),
                by: day(by, lang),
                done_on: done(r),
            });
        }
    }
    if let Some(by) = c.gdpr_by {
        clocks.push(ClockRow {
            code: report_code(Report::Gdpr),
            report: report_name(Report::Gdpr, lang),
            by: moment(by, lang),
            done_on: done(Report::Gdpr),
        });
    }
    DetailPage {
        org: OrgNav::new(access, "incidents"),
        id: i.id.0,
        title: i.fields.title.clone(),
        facts,
        reasons: c
            .reasons
            .iter()
            .map(|r| reason_word(r.code(), lang))
            .collect(),
        clocks,
        entries: i
            .entries
            .iter()
            .map(|e| EntryRow {
                at: jst(e.at, lang),
                stage: word(STAGES, &e.stage, lang),
                actor: e.actor.clone().unwrap_or_default(),
                body: e.body.clone(),
            })
            .collect(),
        stages: STAGES
            .iter()
            .filter(|s| s.code != "closed")
            .map(|s| Choice {
                code: s.code,
                label: s.name(lang),
            })
            .collect(),
        closed: i.closed_at.is_some(),
        lessons: i.lessons.clone(),
        problems,
        body: typed.body,
        lessons_typed: typed.lessons,
        measures_typed: typed.measures,
        ctx,
    }
}

fn empty() -> Typed {
    Typed {
        body: String::new(),
        lessons: String::new(),
        measures: String::new(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let i = uc::get(state.store(), &access.access, IncidentId(id)).await?;
    Ok(render(&detail_page(ctx, &access, &i, Vec::new(), empty()))?.into_response())
}

/// The page again with the problems and what was typed, or on to the page.
async fn after(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    id: i64,
    result: Result<(), mamori_app::Error>,
    typed: Typed,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!(
            "/orgs/{}/incidents/{id}?notice=saved",
            access.access.org.id
        ))
        .into_response()),
        Err(mamori_app::Error::Invalid(problems)) => {
            let i = uc::get(state.store(), &access.access, IncidentId(id)).await?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &detail_page(ctx, access, &i, problems, typed),
            ))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct EntryForm {
    #[serde(default)]
    stage: String,
    #[serde(default)]
    body: String,
}

pub async fn add_entry(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<EntryForm>,
) -> Result<Response, AppError> {
    let result = uc::add_entry(
        state.store(),
        &access.access,
        IncidentId(id),
        &form.stage,
        &form.body,
    )
    .await;
    let typed = Typed {
        body: form.body,
        ..empty()
    };
    after(&state, ctx, &access, id, result, typed).await
}

#[derive(Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    report: String,
    #[serde(default)]
    done: String,
}

pub async fn mark_report(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let report = report_of(&form.report).ok_or_else(|| {
        AppError::Invalid(vec![
            FieldProblem::new("report", "報告の種類が正しくありません。").en("Unknown report."),
        ])
    })?;
    uc::mark_report(
        state.store(),
        &access.access,
        IncidentId(id),
        report,
        form.done == "1",
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/incidents/{id}?notice=saved",
        access.access.org.id
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    lessons: String,
    #[serde(default)]
    measures: String,
}

pub async fn close(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<CloseForm>,
) -> Result<Response, AppError> {
    let result = uc::close(
        state.store(),
        &access.access,
        IncidentId(id),
        &form.lessons,
        &form.measures,
    )
    .await
    .map(drop);
    let typed = Typed {
        lessons: form.lessons,
        measures: form.measures,
        ..empty()
    };
    after(&state, ctx, &access, id, result, typed).await
}
