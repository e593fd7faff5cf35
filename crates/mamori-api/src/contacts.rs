//! The contact list for incidents over the API (operations.md §2).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use mamori_app::operations::contacts::{self as uc, ContactDraft, ContactInput};
use mamori_http::download::{ReportQuery, attachment};
use mamori_storage::{Contact, ContactId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, Created};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// A person or organisation to contact in an incident.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactOut {
    pub id: i64,
    /// `internal` or `external`.
    pub kind: String,
    pub name: String,
    pub organisation: Option<String>,
    pub purpose: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// How to reach them when e-mail is down.
    pub alternative: Option<String>,
}

impl From<&Contact> for ContactOut {
    fn from(c: &Contact) -> ContactOut {
        let f = &c.fields;
        ContactOut {
            id: c.id.0,
            kind: f.kind.clone(),
            name: f.name.clone(),
            organisation: f.organisation.clone(),
            purpose: f.purpose.clone(),
            phone: f.phone.clone(),
            email: f.email.clone(),
            alternative: f.alternative.clone(),
        }
    }
}

/// A new contact: a name and at least one of phone, e-mail or another way.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactIn {
    /// `internal` or `external`.
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub alternative: String,
}

/// The company's contacts, people inside first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/contacts", tag = "operations",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ContactOut]), (status = 404, description = "no such company")))]
pub async fn list_contacts(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ContactOut>>, AppError> {
    let list = uc::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(ContactOut::from).collect()))
}

/// Adds a contact.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/contacts", tag = "operations", request_body = ContactIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = ContactOut), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such company")))]
pub async fn create_contact(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<ContactIn>,
) -> Result<Created<ContactOut>, AppError> {
    let draft = ContactDraft::parse(&ContactInput {
        kind: input.kind,
        name: input.name,
        organisation: input.organisation,
        purpose: input.purpose,
        phone: input.phone,
        email: input.email,
        alternative: input.alternative,
    })
    .map_err(AppError::Invalid)?;
    let contact = uc::add(state.store(), &access.access, &draft).await?;
    Ok(Created(ContactOut::from(&contact)))
}

/// Removes a contact.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/contacts/{contact}", tag = "operations",
    params(("org" = i64, Path, description = "company id"), ("contact" = i64, Path, description = "contact id")),
    responses((status = 204), (status = 404, description = "no such contact")))]
pub async fn delete_contact(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    uc::remove(state.store(), &access.access, ContactId(path.1)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The one-page emergency contact sheet: roles, contacts and the public desks (`format=pdf`,
/// `docx`, `xlsx` or `csv` with `table=roles|internal|external|desks`).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/contacts/sheet", tag = "reports",
    params(("org" = i64, Path, description = "company id"), ReportQuery),
    responses((status = 200, description = "the file as an attachment: application/pdf, DOCX, XLSX or text/csv"),
        (status = 422, description = "unknown format or table"), (status = 404, description = "no such company")))]
pub async fn contact_sheet(
    State(state): State<AppState>,
    access: OrgAccess,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let request = query.request(mamori_domain::Lang::Ja)?;
    let file = uc::sheet(state.store(), &access.access, &request).await?;
    Ok(attachment(file))
}

/// One audience's line of the disclosure plan.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisclosureLineIo {
    /// `ministry`, `security_bodies`, `press`, `customers` or `partners`.
    pub audience: String,
    /// Who reports (up to 100 characters).
    #[serde(default)]
    pub who: Option<String>,
    /// When (up to 200 characters).
    #[serde(default)]
    pub timing: Option<String>,
    /// How (up to 200 characters).
    #[serde(default)]
    pub method: Option<String>,
}

/// The disclosure plan: who tells each audience about an incident, when and how.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DisclosurePlanIo {
    pub lines: Vec<DisclosureLineIo>,
}

fn plan_out(lines: &[mamori_storage::DisclosureLine]) -> DisclosurePlanIo {
    DisclosurePlanIo {
        lines: lines
            .iter()
            .map(|l| DisclosureLineIo {
                audience: l.audience.clone(),
                who: l.who.clone(),
                timing: l.timing.clone(),
                method: l.method.clone(),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/disclosure-plan", tag = "operations",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = DisclosurePlanIo), (status = 404, description = "no such company")))]
pub async fn get_disclosure_plan(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<DisclosurePlanIo>, AppError> {
    let lines = uc::disclosure_plan(state.store(), &access.access).await?;
    Ok(Json(plan_out(&lines)))
}

/// Replaces the disclosure plan; a line with nothing in it is left out.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/disclosure-plan", tag = "operations", request_body = DisclosurePlanIo,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = DisclosurePlanIo), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such company")))]
pub async fn put_disclosure_plan(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<DisclosurePlanIo>,
) -> Result<Json<DisclosurePlanIo>, AppError> {
    let fields: Vec<uc::DisclosureFields> = input
        .lines
        .into_iter()
        .map(|l| uc::DisclosureFields {
            audience: l.audience,
            who: l.who.unwrap_or_default(),
            timing: l.timing.unwrap_or_default(),
            method: l.method.unwrap_or_default(),
        })
        .collect();
    let plan = uc::DisclosurePlan::parse(&fields).map_err(AppError::Invalid)?;
    uc::save_disclosure_plan(state.store(), &access.access, &plan).await?;
    let lines = uc::disclosure_plan(state.store(), &access.access).await?;
    Ok(Json(plan_out(&lines)))
}
