//! The contact list for incidents (operations.md §2): people inside and outside the company, the
//! public desks ready to use, and the emergency contact sheet to print.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::contacts::{self as uc, ContactDraft, ContactInput};
use mamori_domain::Lang;
use mamori_domain::operations::contacts::AUTHORITIES;
use mamori_http::download::{ReportQuery, attachment};
use mamori_storage::{Contact, ContactId};
use serde::Deserialize;

use crate::org::OrgNav;
use crate::{Need, PageContext, need, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct DeskRow {
    pub name: &'static str,
    pub when: &'static str,
    pub url: &'static str,
    pub phone: Option<&'static str>,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ContactForm {
    pub kind: String,
    pub name: String,
    pub organisation: String,
    pub purpose: String,
    pub phone: String,
    pub email: String,
    pub alternative: String,
}

#[derive(Template)]
#[template(path = "contacts/list.html")]
struct ContactsPage {
    ctx: PageContext,
    org: OrgNav,
    internal: Vec<Contact>,
    external: Vec<Contact>,
    desks: Vec<DeskRow>,
    form: ContactForm,
    problems: Vec<FieldProblem>,
}

impl ContactsPage {
    fn has_problem(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }

    fn groups(&self) -> [(&'static str, &[Contact]); 2] {
        [
            ("社内の連絡先", &self.internal),
            ("社外の連絡先", &self.external),
        ]
    }
}

async fn page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    form: ContactForm,
    problems: Vec<FieldProblem>,
) -> Result<ContactsPage, AppError> {
    let all = uc::list(state.store(), &access.access).await?;
    let (internal, external) = all.into_iter().partition(|c| c.fields.kind == "internal");
    let lang = ctx.lang;
    let en = lang == Lang::En;
    Ok(ContactsPage {
        org: OrgNav::new(access, "contacts"),
        internal,
        external,
        desks: AUTHORITIES
            .iter()
            .map(|d| DeskRow {
                name: if en { d.name_en } else { d.name_ja },
                when: if en { d.when_en } else { d.when_ja },
                url: d.url,
                phone: d.phone,
            })
            .collect(),
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
    let form = ContactForm {
        kind: "external".into(),
        ..ContactForm::default()
    };
    Ok(render(&page(&state, ctx, &access, form, Vec::new()).await?)?.into_response())
}

pub async fn add(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<ContactForm>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    let input = ContactInput {
        kind: form.kind.clone(),
        name: form.name.clone(),
        organisation: form.organisation.clone(),
        purpose: form.purpose.clone(),
        phone: form.phone.clone(),
        email: form.email.clone(),
        alternative: form.alternative.clone(),
    };
    match ContactDraft::parse(&input) {
        Ok(draft) => {
            uc::add(state.store(), &access.access, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/contacts?notice=created",
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

pub async fn remove(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    uc::remove(state.store(), &access.access, ContactId(id)).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/contacts?notice=deleted",
        access.access.org.id
    ))
    .into_response())
}

/// The emergency contact sheet (PDF by default, `format=docx` for Word).
pub async fn sheet(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(ctx.lang)?;
    let file = uc::sheet(state.store(), &access.access, &request).await?;
    Ok(attachment(file))
}
