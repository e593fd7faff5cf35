//! The contact list for incidents (operations.md §2): people inside and outside the company, the
//! public desks ready to use, and the emergency contact sheet to print.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::contacts::{
    self as uc, ContactDraft, ContactInput, DisclosureFields, DisclosurePlan,
};
use mamori_domain::Lang;
use mamori_domain::operations::contacts::{AUDIENCES, AUTHORITIES};
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

/// One audience's line of the disclosure plan form.
pub struct PlanRow {
    pub n: usize,
    pub audience: &'static str,
    pub who: String,
    pub timing: String,
    pub method: String,
}

#[derive(Template)]
#[template(path = "contacts/list.html")]
struct ContactsPage {
    ctx: PageContext,
    org: OrgNav,
    internal: Vec<Contact>,
    external: Vec<Contact>,
    desks: Vec<DeskRow>,
    plan: Vec<PlanRow>,
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
    typed_plan: Option<Vec<DisclosureFields>>,
) -> Result<ContactsPage, AppError> {
    let (all, stored_plan) = tokio::try_join!(
        uc::list(state.store(), &access.access),
        uc::disclosure_plan(state.store(), &access.access)
    )?;
    let plan_fields = typed_plan.unwrap_or_else(|| {
        AUDIENCES
            .iter()
            .map(|a| {
                let l = stored_plan.iter().find(|l| l.audience == a.code);
                let v = |f: fn(&mamori_storage::DisclosureLine) -> &Option<String>| {
                    l.and_then(|l| f(l).clone()).unwrap_or_default()
                };
                DisclosureFields {
                    audience: a.code.to_owned(),
                    who: v(|l| &l.who),
                    timing: v(|l| &l.timing),
                    method: v(|l| &l.method),
                }
            })
            .collect()
    });
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
        plan: AUDIENCES
            .iter()
            .zip(plan_fields)
            .enumerate()
            .map(|(n, (a, f))| PlanRow {
                n,
                audience: if en { a.name_en } else { a.name_ja },
                who: f.who,
                timing: f.timing,
                method: f.method,
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
    Ok(render(&page(&state, ctx, &access, form, Vec::new(), None).await?)?.into_response())
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
            &page(&state, ctx, &access, form, problems, None).await?,
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

/// The disclosure plan form sends `who-{n}`, `timing-{n}` and `method-{n}` for each audience `n`.
pub async fn save_plan(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    let value = |key: String| crate::form_value(&form, &key);
    let fields: Vec<DisclosureFields> = AUDIENCES
        .iter()
        .enumerate()
        .map(|(n, a)| DisclosureFields {
            audience: a.code.to_owned(),
            who: value(format!("who-{n}")),
            timing: value(format!("timing-{n}")),
            method: value(format!("method-{n}")),
        })
        .collect();
    match DisclosurePlan::parse(&fields) {
        Ok(plan) => {
            uc::save_disclosure_plan(state.store(), &access.access, &plan).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/contacts?notice=saved#disclosure",
                access.access.org.id
            ))
            .into_response())
        }
        Err(problems) => {
            let form = ContactForm {
                kind: "external".into(),
                ..ContactForm::default()
            };
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(&state, ctx, &access, form, problems, Some(fields)).await?,
            ))
        }
    }
}
