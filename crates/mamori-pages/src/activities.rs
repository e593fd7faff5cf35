//! Education sessions and inspections or audits (operations.md §5-7): the record, and findings
//! that become actions. The newest of each counts for the maturity level.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::activities::{self as uc, ActivityDraft, ActivityInput, EducationYear};
use mamori_storage::Activity;
use serde::Deserialize;

use crate::org::OrgNav;
use crate::{Need, PageContext, need, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ActivityForm {
    pub kind: String,
    pub held_on: String,
    pub title: String,
    pub detail: String,
    pub participants: String,
    pub findings: String,
    pub invited: String,
    pub test_average: String,
    pub follow_up: String,
}

#[derive(Template)]
#[template(path = "activities/list.html")]
struct ActivitiesPage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<Activity>,
    form: ActivityForm,
    problems: Vec<FieldProblem>,
    year: EducationYear,
    /// The targets as typed, when they came back with problems.
    targets_typed: Option<(String, String)>,
}

impl ActivitiesPage {
    fn has_problem(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }

    /// The attendance target as the form shows it.
    fn attendance_target(&self) -> String {
        match &self.targets_typed {
            Some((a, _)) => a.clone(),
            None => self
                .year
                .targets
                .attendance_percent
                .map_or(String::new(), |n| n.to_string()),
        }
    }

    fn test_target(&self) -> String {
        match &self.targets_typed {
            Some((_, t)) => t.clone(),
            None => self
                .year
                .targets
                .test_score
                .map_or(String::new(), |n| n.to_string()),
        }
    }

    /// One decimal, as the summary shows rates and scores.
    fn one_decimal(&self, v: &f64) -> String {
        format!("{v:.1}")
    }
}

async fn page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    form: ActivityForm,
    problems: Vec<FieldProblem>,
    targets_typed: Option<(String, String)>,
) -> Result<ActivitiesPage, AppError> {
    let (rows, year) = tokio::try_join!(
        async { Ok::<_, AppError>(uc::list(state.store(), &access.access).await?) },
        async { Ok::<_, AppError>(uc::education(state.store(), &access.access).await?) },
    )?;
    Ok(ActivitiesPage {
        org: OrgNav::new(access, "activities"),
        rows,
        form,
        problems,
        year,
        targets_typed,
        ctx,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let form = ActivityForm {
        kind: "education".into(),
        held_on: mamori_app::fields::today_in_japan(),
        ..ActivityForm::default()
    };
    Ok(render(&page(&state, ctx, &access, form, Vec::new(), None).await?)?.into_response())
}

pub async fn add(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<ActivityForm>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    let input = ActivityInput {
        kind: form.kind.clone(),
        held_on: form.held_on.clone(),
        title: form.title.clone(),
        detail: form.detail.clone(),
        participants: form.participants.clone(),
        findings: form.findings.clone(),
        invited: form.invited.clone(),
        test_average: form.test_average.clone(),
        follow_up: form.follow_up.clone(),
    };
    match ActivityDraft::parse(&input, &mamori_app::fields::today_in_japan()) {
        Ok(draft) => {
            uc::record(state.store(), &access.access, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/activities?notice=created",
                access.access.org.id
            ))
            .into_response())
        }
        Err(problems) => Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(&state, ctx, &access, form, problems, None).await?,
        )),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TargetsForm {
    attendance_percent: String,
    test_score: String,
}

/// `POST /orgs/{org}/activities/targets`: this fiscal year's education targets.
pub async fn save_targets(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<TargetsForm>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    match uc::parse_targets(&form.attendance_percent, &form.test_score) {
        Ok(targets) => {
            uc::set_targets(state.store(), &access.access, targets).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/activities?notice=saved",
                access.access.org.id
            ))
            .into_response())
        }
        Err(problems) => {
            let typed = Some((form.attendance_percent, form.test_score));
            let blank = ActivityForm {
                kind: "education".into(),
                held_on: mamori_app::fields::today_in_japan(),
                ..ActivityForm::default()
            };
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&state, ctx, &access, blank, problems, typed).await?,
            ))
        }
    }
}
