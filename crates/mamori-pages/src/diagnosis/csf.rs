//! NIST CSF profiles over time (diagnostics.md §6): the ideal profile (the targets), the profile
//! at planning and the one at evaluation, growth (evaluation − planning) and the remaining gap
//! (ideal − evaluation), by category and by function.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::csf;
use mamori_domain::journey::growth_cycles;
use mamori_domain::{Catalog, Lang, builtin};
use mamori_storage::{AssessmentId, CsfSnapshot, CsfStage};
use serde::Deserialize;
use serde_json::Value;

use crate::PageContext;
use crate::jst;
use crate::org::OrgNav;
use crate::render;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub use mamori_app::csf::CATALOG;

pub struct ProfileRow {
    pub id: String,
    pub title: String,
    pub is_function: bool,
    pub ideal: String,
    pub planning: String,
    pub evaluation: String,
    pub growth: String,
    pub remaining: String,
}

pub struct SnapshotInfo {
    pub id: i64,
    pub date: String,
}

/// One improvement cycle in the list of cycles.
pub struct CycleRow {
    pub number: i64,
    pub planning: Option<SnapshotInfo>,
    pub evaluation: Option<SnapshotInfo>,
    /// Mean function tier at evaluation minus at planning.
    pub growth: String,
    pub grew: bool,
}

#[derive(Template)]
#[template(path = "diagnosis/csf.html")]
struct CsfPage {
    ctx: PageContext,
    org: OrgNav,
    /// The current (newest) cycle's number, 0 before the first snapshot.
    cycle: i64,
    planning: Option<SnapshotInfo>,
    evaluation: Option<SnapshotInfo>,
    rows: Vec<ProfileRow>,
    chart: String,
    cycles: Vec<CycleRow>,
    grown: u32,
}

/// A tier from a result's list (`categories` or `functions`) by id.
fn tier(result: &Value, list: &str, id: &str) -> Option<f64> {
    result
        .get(list)?
        .as_array()?
        .iter()
        .find(|c| c.get("id").and_then(Value::as_str) == Some(id))?
        .get("tier")?
        .as_f64()
}

fn fmt(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"))
}

fn signed(v: Option<f64>) -> String {
    match v {
        None => "—".to_owned(),
        Some(v) if v.abs() < 0.05 => "±0.0".to_owned(),
        Some(v) => format!("{v:+.1}"),
    }
}

fn rows(catalog: &Catalog, snapshots: &[CsfSnapshot], lang: Lang) -> Vec<ProfileRow> {
    let get = |stage| snapshots.iter().find(|s| s.stage == stage);
    let planning = get(CsfStage::Planning);
    let evaluation = get(CsfStage::Evaluation);
    // The ideal profile: the targets set at planning (the evaluation's when planning has none).
    let ideal = planning
        .and_then(|s| s.targets.clone())
        .or_else(|| evaluation.and_then(|s| s.targets.clone()));
    let mut out = Vec::new();
    for f in catalog.top_groups() {
        let fid = &catalog.groups[f].id;
        let p = planning.and_then(|s| tier(&s.assessment.1, "functions", fid));
        let e = evaluation.and_then(|s| tier(&s.assessment.1, "functions", fid));
        out.push(ProfileRow {
            id: fid.clone(),
            title: catalog.groups[f].title.get(lang).to_owned(),
            is_function: true,
            ideal: String::new(),
            planning: fmt(p),
            evaluation: fmt(e),
            growth: signed(p.zip(e).map(|(p, e)| e - p)),
            remaining: String::new(),
        });
        for &c in catalog.children_of(f) {
            let cid = &catalog.groups[c].id;
            let target = ideal
                .as_ref()
                .and_then(|t| t.get(cid))
                .and_then(Value::as_f64);
            let p = planning.and_then(|s| tier(&s.assessment.1, "categories", cid));
            let e = evaluation.and_then(|s| tier(&s.assessment.1, "categories", cid));
            out.push(ProfileRow {
                id: cid.clone(),
                title: catalog.groups[c].title.get(lang).to_owned(),
                is_function: false,
                ideal: target.map_or_else(|| "—".to_owned(), |t| format!("{t:.0}")),
                planning: fmt(p),
                evaluation: fmt(e),
                growth: signed(p.zip(e).map(|(p, e)| e - p)),
                remaining: fmt(target.zip(e).map(|(t, e)| (t - e).max(0.0))),
            });
        }
    }
    out
}

fn chart(catalog: &Catalog, rows: &[ProfileRow], lang: Lang) -> String {
    let functions: Vec<&ProfileRow> = rows.iter().filter(|r| r.is_function).collect();
    let _ = catalog;
    let values = |pick: fn(&ProfileRow) -> &String| {
        functions
            .iter()
            .map(|r| pick(r).parse::<f64>().ok())
            .collect::<Vec<_>>()
    };
    mamori_charts::bars(&mamori_charts::Bars {
        id: "csf-profiles".to_owned(),
        title: tr(lang, "機能ごとのティア: 計画時と評価時").to_owned(),
        description: functions
            .iter()
            .map(|r| format!("{} {} → {}", r.title, r.planning, r.evaluation))
            .collect::<Vec<_>>()
            .join(tr(lang, "、")),
        labels: functions.iter().map(|r| r.title.clone()).collect(),
        min: 0.0,
        max: 4.0,
        ticks: vec![1.0, 2.0, 3.0, 4.0],
        series: vec![
            mamori_charts::Series {
                name: tr(lang, "計画時").to_owned(),
                values: values(|r| &r.planning),
                kind: mamori_charts::SeriesKind::Previous,
            },
            mamori_charts::Series {
                name: tr(lang, "評価時").to_owned(),
                values: values(|r| &r.evaluation),
                kind: mamori_charts::SeriesKind::Current,
            },
        ],
        targets: None,
        target_label: String::new(),
        empty_text: tr(lang, "まだスナップショットがありません").to_owned(),
    })
}

pub async fn page(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "diagnoses");
    if !org.is_company {
        return Err(AppError::NotFound);
    }
    let lang = ctx.lang;
    let catalog = builtin().get(CATALOG).ok_or(AppError::NotFound)?;
    let cycles = csf::cycles_of(state.store(), &access.access).await?;
    let info = |s: &Option<CsfSnapshot>| {
        s.as_ref().map(|s| SnapshotInfo {
            id: s.assessment.0.id.0,
            date: jst(s.assessment.0.submitted_at.unwrap_or(s.set_at), lang),
        })
    };
    // The table and the chart show the newest cycle; the list below shows every cycle.
    let current: Vec<CsfSnapshot> = cycles
        .last()
        .map(|c| c.planning.iter().chain(&c.evaluation).cloned().collect())
        .unwrap_or_default();
    let rows = rows(catalog, &current, lang);
    let chart = if current.is_empty() {
        String::new()
    } else {
        chart(catalog, &rows, lang)
    };
    let page = CsfPage {
        cycle: cycles.last().map_or(0, |c| c.number),
        planning: info(&cycles.last().and_then(|c| c.planning.clone())),
        evaluation: info(&cycles.last().and_then(|c| c.evaluation.clone())),
        rows,
        chart,
        grown: growth_cycles(&cycles.iter().map(|c| c.profiles).collect::<Vec<_>>()),
        cycles: cycles
            .iter()
            .map(|c| CycleRow {
                number: c.number,
                planning: info(&c.planning),
                evaluation: info(&c.evaluation),
                growth: signed(c.profiles.growth()),
                grew: c.profiles.grew(),
            })
            .collect(),
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct SnapshotForm {
    assessment: i64,
    stage: String,
}

pub async fn set_snapshot(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(form): Form<SnapshotForm>,
) -> Result<Response, AppError> {
    let stage = CsfStage::parse(&form.stage).ok_or_else(|| {
        AppError::Invalid(vec![
            FieldProblem::new(
                "stage",
                "計画時（planning）か評価時（evaluation）を選んでください。",
            )
            .en("Choose planning or evaluation."),
        ])
    })?;
    csf::set_snapshot(
        state.store(),
        &access.access,
        stage,
        AssessmentId(form.assessment),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/csf?notice=snapshot_set",
        access.scope().org().0
    ))
    .into_response())
}
