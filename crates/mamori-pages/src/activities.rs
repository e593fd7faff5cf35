//! Education sessions and inspections or audits (operations.md §5-7): the record, and findings
//! that become actions. The newest of each counts for the maturity level.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::activities::{self as uc, ActivityDraft, ActivityInput};
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
}

#[derive(Template)]
#[template(path = "activities/list.html")]
struct ActivitiesPage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<Activity>,
    form: ActivityForm,
    problems: Vec<FieldProblem>,
}

impl ActivitiesPage {
    fn has_problem(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }
}

async fn page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    form: ActivityForm,
    problems: Vec<FieldProblem>,
) -> Result<ActivitiesPage, AppError> {
    Ok(ActivitiesPage {
        org: OrgNav::new(access, "activities"),
        rows: uc::list(state.store(), &access.access).await?,
        form,
        problems,
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
    Ok(render(&page(&state, ctx, &access, form, Vec::new()).await?)?.into_response())
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
            &page(&state, ctx, &access, form, problems).await?,
        )),
    }
}
