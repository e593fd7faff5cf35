//! The signed-in home and the list of organisations.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::{OrgKind, Via};
use serde::Deserialize;

use super::{PageContext, render, render_status};
use mamori_app::fields as validate;
use mamori_http::auth::CurrentUser;
use mamori_http::{AppError, AppState, FieldProblem};

pub async fn home(user: Option<CurrentUser>) -> Redirect {
    match user {
        Some(_) => Redirect::to("/orgs"),
        None => Redirect::to("/login"),
    }
}

struct OrgRow {
    id: i64,
    name: String,
    kind_label: &'static str,
    role_label: &'static str,
    via_consent: bool,
    /// What the role allows, so the note beside a consented company says what they may do.
    can_edit: bool,
}

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage {
    ctx: PageContext,
    orgs: Vec<OrgRow>,
    problems: Vec<FieldProblem>,
    new_name: String,
    new_kind: String,
}

async fn orgs_page(
    state: &AppState,
    user: &CurrentUser,
    ctx: PageContext,
    problems: Vec<FieldProblem>,
    new_name: String,
    new_kind: String,
) -> Result<OrgsPage, AppError> {
    let lang = ctx.lang;
    let orgs = state
        .store()
        .reachable_organisations(user.user.id)
        .await?
        .into_iter()
        .map(|r| OrgRow {
            id: r.org.id.0,
            name: r.org.name,
            kind_label: mamori_app::labels::org_kind(r.org.kind, lang),
            role_label: mamori_app::labels::role(r.role, lang),
            via_consent: matches!(r.via, Via::Consent { .. }),
            can_edit: r.role.can_edit(),
        })
        .collect();
    Ok(OrgsPage {
        ctx,
        orgs,
        problems,
        new_name,
        new_kind,
    })
}

pub async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageContext,
) -> Result<Response, AppError> {
    let page = orgs_page(&state, &user, ctx, Vec::new(), String::new(), String::new()).await?;
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct NewOrgForm {
    name: String,
    kind: Option<String>,
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    ctx: PageContext,
    Form(form): Form<NewOrgForm>,
) -> Result<Response, AppError> {
    let mut problems = Vec::new();
    let name = validate::name(
        "name",
        ("組織名", "organisation name"),
        &form.name,
        &mut problems,
    );
    let kind = form.kind.as_deref().and_then(OrgKind::parse);
    if kind.is_none() {
        problems.push(
            FieldProblem::new("kind", "種類（企業または支援機関）を選んでください。")
                .en("Choose the type (company or support organisation)."),
        );
    }
    let (Some(name), Some(kind), true) = (name, kind, problems.is_empty()) else {
        let page = orgs_page(
            &state,
            &user,
            ctx,
            problems,
            form.name,
            form.kind.unwrap_or_default(),
        )
        .await?;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let org = state
        .store()
        .create_organisation(user.user.id, kind, &name)
        .await?;
    Ok(Redirect::to(&format!("/orgs/{}?notice=created", org.id)).into_response())
}
