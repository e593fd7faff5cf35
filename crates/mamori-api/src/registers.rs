//! The registers beside the asset register over the API (risk.md §7): devices, applications,
//! cloud services, certificates and contractors, each entry with its fields by key and the
//! alerts it raises today. The same parser as the pages checks every entry.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mamori_app::operations::registers::{self as uc, EntryView, RegisterDraft, RegisterInput};
use mamori_domain::operations::registers::{AlertState, RegisterKind};
use mamori_storage::RegisterEntryId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiJson, Created};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// `{register}` of the path (`{org}` is the tenancy extractor's).
#[derive(Debug, Deserialize)]
pub struct RegisterPath {
    register: String,
}

/// `{register}` and `{entry}` of the path.
#[derive(Debug, Deserialize)]
pub struct EntryPath {
    register: String,
    entry: i64,
}

fn kind_of(slug: &str) -> Result<RegisterKind, AppError> {
    RegisterKind::parse(slug).ok_or(AppError::NotFound)
}

/// An alert an entry raises today.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlertOut {
    /// The field whose day it is (`eosl_on`, `valid_until`, …).
    pub field: String,
    /// `YYYY-MM-DD`: the day itself, or for a contractor the day it should be evaluated again.
    pub on: String,
    /// `soon` (within the company's lead) or `passed`.
    pub state: String,
    /// What is due, in Japanese.
    pub text: String,
}

/// One entry of a register.
#[derive(Debug, Serialize, ToSchema)]
pub struct EntryOut {
    pub id: i64,
    /// `devices`, `applications`, `cloud-services`, `certificates` or `contractors`.
    pub register: String,
    pub name: String,
    /// The other fields by key (days as `YYYY-MM-DD`, choices by their key).
    pub fields: BTreeMap<String, String>,
    /// Ids of the information assets (risk register) the entry holds.
    pub assets: Vec<i64>,
    pub alerts: Vec<AlertOut>,
}

impl From<&EntryView> for EntryOut {
    fn from(v: &EntryView) -> EntryOut {
        let e = &v.entry;
        EntryOut {
            id: e.id.0,
            register: e.kind.slug().to_owned(),
            name: e.fields.name.clone(),
            fields: e.fields.values.clone(),
            assets: e.fields.assets.iter().map(|a| a.0).collect(),
            alerts: v
                .alerts
                .iter()
                .map(|a| AlertOut {
                    field: a.field.key.to_owned(),
                    on: a.on.to_string(),
                    state: match a.state {
                        AlertState::Soon => "soon",
                        AlertState::Passed => "passed",
                    }
                    .to_owned(),
                    text: a.text(mamori_domain::Lang::Ja).to_owned(),
                })
                .collect(),
        }
    }
}

/// A new or changed entry: `name` and the register's other fields by key, every one a text
/// (days `YYYY-MM-DD`); a field left out is empty.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryIn {
    pub name: String,
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
    #[serde(default)]
    pub assets: Vec<i64>,
}

fn draft(kind: RegisterKind, input: EntryIn) -> Result<RegisterDraft, AppError> {
    let mut values = input.fields;
    if values.contains_key("name") {
        return Err(AppError::Invalid(vec![
            mamori_http::FieldProblem::new("fields.name", "名称は name に書いてください。")
                .en("Give the name as `name`."),
        ]));
    }
    values.insert("name".into(), input.name);
    RegisterDraft::parse(
        kind,
        &RegisterInput {
            values,
            assets: input.assets.iter().map(i64::to_string).collect(),
        },
    )
    .map_err(AppError::Invalid)
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/registers/{register}", tag = "operations",
    params(("org" = i64, Path, description = "company id"),
        ("register" = String, Path, description = "devices, applications, cloud-services, certificates or contractors")),
    responses((status = 200, body = [EntryOut]), (status = 404, description = "no such company or register")))]
pub async fn list_entries(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(RegisterPath { register }): Path<RegisterPath>,
) -> Result<Json<Vec<EntryOut>>, AppError> {
    let kind = kind_of(&register)?;
    let view = uc::list(state.store(), &access.access, kind).await?;
    Ok(Json(view.entries.iter().map(EntryOut::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/registers/{register}", tag = "operations",
    request_body = EntryIn,
    params(("org" = i64, Path, description = "company id"), ("register" = String, Path, description = "register")),
    responses((status = 201, body = EntryOut), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such company or register")))]
pub async fn create_entry(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(RegisterPath { register }): Path<RegisterPath>,
    ApiJson(input): ApiJson<EntryIn>,
) -> Result<Created<EntryOut>, AppError> {
    let kind = kind_of(&register)?;
    let draft = draft(kind, input)?;
    let entry = uc::add(state.store(), &access.access, kind, &draft).await?;
    let view = uc::get(state.store(), &access.access, kind, entry.id).await?;
    Ok(Created(EntryOut::from(&view)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/registers/{register}/{entry}", tag = "operations",
    params(("org" = i64, Path, description = "company id"), ("register" = String, Path, description = "register"),
        ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = EntryOut), (status = 404, description = "no such entry")))]
pub async fn get_entry(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(EntryPath { register, entry }): Path<EntryPath>,
) -> Result<Json<EntryOut>, AppError> {
    let kind = kind_of(&register)?;
    let view = uc::get(state.store(), &access.access, kind, RegisterEntryId(entry)).await?;
    Ok(Json(EntryOut::from(&view)))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/registers/{register}/{entry}", tag = "operations",
    request_body = EntryIn,
    params(("org" = i64, Path, description = "company id"), ("register" = String, Path, description = "register"),
        ("entry" = i64, Path, description = "entry id")),
    responses((status = 200, body = EntryOut), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such entry")))]
pub async fn put_entry(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(EntryPath { register, entry }): Path<EntryPath>,
    ApiJson(input): ApiJson<EntryIn>,
) -> Result<Json<EntryOut>, AppError> {
    let kind = kind_of(&register)?;
    let draft = draft(kind, input)?;
    let id = RegisterEntryId(entry);
    uc::change(state.store(), &access.access, kind, id, &draft).await?;
    let view = uc::get(state.store(), &access.access, kind, id).await?;
    Ok(Json(EntryOut::from(&view)))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/registers/{register}/{entry}", tag = "operations",
    params(("org" = i64, Path, description = "company id"), ("register" = String, Path, description = "register"),
        ("entry" = i64, Path, description = "entry id")),
    responses((status = 204, description = "removed"), (status = 403, description = "a viewer"),
        (status = 404, description = "no such entry")))]
pub async fn delete_entry(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(EntryPath { register, entry }): Path<EntryPath>,
) -> Result<StatusCode, AppError> {
    let kind = kind_of(&register)?;
    uc::remove(state.store(), &access.access, kind, RegisterEntryId(entry)).await?;
    Ok(StatusCode::NO_CONTENT)
}
