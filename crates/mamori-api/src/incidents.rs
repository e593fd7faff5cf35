//! Incidents over the API (operations.md §3). Only the company's administrators and its incident
//! handlers reach them; for everyone else every route answers 404.

use axum::Json;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use mamori_app::operations::incidents::{self as uc, IncidentDraft, IncidentInput, report_of};
use mamori_storage::{Incident, IncidentId};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::actions::ActionOut;
use super::{ApiJson, Created, time};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// The organisation access of someone who may see incidents, checked before a request body is
/// read: everyone else gets 404 whatever they send, not a complaint about the body.
pub struct IncidentGate {
    access: OrgAccess,
}

impl FromRequestParts<AppState> for IncidentGate {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let access = OrgAccess::from_request_parts(parts, state).await?;
        uc::scope(state.store(), &access.access)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        Ok(IncidentGate { access })
    }
}

/// Personal data an incident involves.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PersonalIo {
    /// Persons whose data leaked, or may have.
    pub persons: i64,
    /// 要配慮個人情報.
    #[serde(default)]
    pub sensitive: bool,
    /// A risk of financial damage (card numbers, banking credentials).
    #[serde(default)]
    pub financial_damage: bool,
    /// A wrongful purpose is suspected (unauthorised access, data taken out).
    #[serde(default)]
    pub wrongful_purpose: bool,
    /// Data of people in the EU (GDPR).
    #[serde(default)]
    pub eu_residents: bool,
}

/// A report still due or done.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockOut {
    /// `preliminary`, `final` or `gdpr`.
    pub report: String,
    /// The last day (`YYYY-MM-DD`, Japan) for the APPI reports; the moment (RFC 3339) for GDPR.
    pub due: String,
    /// `YYYY-MM-DD` once marked done.
    pub done_on: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntryOut {
    pub stage: String,
    pub body: String,
    /// The name of who wrote it.
    pub actor: Option<String>,
    pub at: String,
}

/// An incident.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentOut {
    pub id: i64,
    pub title: String,
    pub drill: bool,
    pub detected_at: String,
    pub detected_by: Option<String>,
    /// `internal_report`, `log_detection` or `external_contact`.
    pub channel: String,
    /// `low`, `medium` or `high`.
    pub severity: String,
    /// `detection`, `triage`, `containment`, `report`, `recovery`, `prevention` or `closed`.
    pub stage: String,
    pub description: Option<String>,
    pub personal: Option<PersonalIo>,
    /// Why the APPI makes the leak reportable: `sensitive`, `financial_damage`,
    /// `wrongful_purpose`, `over_1000_persons`.
    pub report_reasons: Vec<String>,
    /// The legal clocks (none for a drill).
    pub clocks: Vec<ClockOut>,
    pub lessons: Option<String>,
    pub closed_at: Option<String>,
    /// The timeline, oldest first (only on a single incident).
    pub entries: Vec<EntryOut>,
}

impl From<&Incident> for IncidentOut {
    fn from(i: &Incident) -> IncidentOut {
        let c = uc::clocks(i);
        let mut clocks = Vec::new();
        if let Some(appi) = c.appi {
            clocks.push(ClockOut {
                report: "preliminary".into(),
                due: appi.preliminary_by.to_string(),
                done_on: i.preliminary_done_on.clone(),
            });
            clocks.push(ClockOut {
                report: "final".into(),
                due: appi.final_by.to_string(),
                done_on: i.final_done_on.clone(),
            });
        }
        if let Some(by) = c.gdpr_by {
            clocks.push(ClockOut {
                report: "gdpr".into(),
                due: by
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap_or_default(),
                done_on: i.gdpr_done_on.clone(),
            });
        }
        let f = &i.fields;
        IncidentOut {
            id: i.id.0,
            title: f.title.clone(),
            drill: f.drill,
            detected_at: time(f.detected_at),
            detected_by: f.detected_by.clone(),
            channel: f.channel.clone(),
            severity: f.severity.clone(),
            stage: i.stage.clone(),
            description: f.description.clone(),
            personal: f.personal.map(|p| PersonalIo {
                persons: p.persons,
                sensitive: p.sensitive,
                financial_damage: p.financial_damage,
                wrongful_purpose: p.wrongful_purpose,
                eu_residents: p.eu_residents,
            }),
            report_reasons: c.reasons.iter().map(|r| r.code().to_owned()).collect(),
            clocks,
            lessons: i.lessons.clone(),
            closed_at: i.closed_at.map(time),
            entries: i
                .entries
                .iter()
                .map(|e| EntryOut {
                    stage: e.stage.clone(),
                    body: e.body.clone(),
                    actor: e.actor.clone(),
                    at: time(e.at),
                })
                .collect(),
        }
    }
}

/// A new incident, or its replaced fields.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentIn {
    pub title: String,
    #[serde(default)]
    pub drill: bool,
    /// When it was found: `YYYY-MM-DD` (Japan's calendar).
    pub detected_on: String,
    /// `HH:MM`, Japan time; midnight when left out.
    #[serde(default)]
    pub detected_time: String,
    #[serde(default)]
    pub detected_by: String,
    pub channel: String,
    pub severity: String,
    #[serde(default)]
    pub description: String,
    /// Left out or `null` when no personal data is involved.
    #[serde(default)]
    pub personal: Option<PersonalIo>,
}

impl IncidentIn {
    fn draft(&self) -> Result<IncidentDraft, AppError> {
        let p = self.personal.as_ref();
        let input = IncidentInput {
            title: self.title.clone(),
            drill: self.drill,
            detected_on: self.detected_on.clone(),
            detected_time: self.detected_time.clone(),
            detected_by: self.detected_by.clone(),
            channel: self.channel.clone(),
            severity: self.severity.clone(),
            description: self.description.clone(),
            personal: p.is_some(),
            persons: p.map(|p| p.persons.to_string()).unwrap_or_default(),
            sensitive: p.is_some_and(|p| p.sensitive),
            financial_damage: p.is_some_and(|p| p.financial_damage),
            wrongful_purpose: p.is_some_and(|p| p.wrongful_purpose),
            eu_residents: p.is_some_and(|p| p.eu_residents),
        };
        IncidentDraft::parse(&input, OffsetDateTime::now_utc()).map_err(AppError::Invalid)
    }
}

/// A timeline entry.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryIn {
    /// `detection`, `triage`, `containment`, `report`, `recovery` or `prevention`.
    pub stage: String,
    pub body: String,
}

/// Whether a report is done (today, Japan) or not.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportIn {
    pub done: bool,
}

/// Closing: the lessons, and prevention measures that become actions.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseIn {
    pub lessons: String,
    #[serde(default)]
    pub measures: Vec<String>,
}

/// What closing made.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClosedOut {
    pub incident: IncidentOut,
    /// The actions made from the measures.
    pub actions: Vec<ActionOut>,
}

/// The company's incidents, open ones first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/incidents", tag = "operations",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [IncidentOut]), (status = 404, description = "no such company, or not an incident handler")))]
pub async fn list_incidents(
    State(state): State<AppState>,
    gate: IncidentGate,
) -> Result<Json<Vec<IncidentOut>>, AppError> {
    let list = uc::list(state.store(), &gate.access.access).await?;
    Ok(Json(list.iter().map(IncidentOut::from).collect()))
}

/// Records an incident; with personal data, the reports it needs and their due dates follow.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/incidents", tag = "operations", request_body = IncidentIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = IncidentOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such company, or not an incident handler")))]
pub async fn create_incident(
    State(state): State<AppState>,
    gate: IncidentGate,
    ApiJson(input): ApiJson<IncidentIn>,
) -> Result<Created<IncidentOut>, AppError> {
    let incident = uc::record(state.store(), &gate.access.access, &input.draft()?).await?;
    Ok(Created(IncidentOut::from(&incident)))
}

/// One incident with its timeline.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/incidents/{incident}", tag = "operations",
    params(("org" = i64, Path, description = "company id"), ("incident" = i64, Path, description = "incident id")),
    responses((status = 200, body = IncidentOut), (status = 404, description = "no such incident")))]
pub async fn get_incident(
    State(state): State<AppState>,
    gate: IncidentGate,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<IncidentOut>, AppError> {
    let i = uc::get(state.store(), &gate.access.access, IncidentId(path.1)).await?;
    Ok(Json(IncidentOut::from(&i)))
}

/// Replaces an open incident's fields (a closed one is 409 `incident_closed`).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/incidents/{incident}", tag = "operations", request_body = IncidentIn,
    params(("org" = i64, Path, description = "company id"), ("incident" = i64, Path, description = "incident id")),
    responses((status = 200, body = IncidentOut), (status = 422, description = "invalid fields"),
        (status = 409, description = "closed"), (status = 404, description = "no such incident")))]
pub async fn put_incident(
    State(state): State<AppState>,
    gate: IncidentGate,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<IncidentIn>,
) -> Result<Json<IncidentOut>, AppError> {
    let id = IncidentId(path.1);
    uc::change(state.store(), &gate.access.access, id, &input.draft()?).await?;
    let i = uc::get(state.store(), &gate.access.access, id).await?;
    Ok(Json(IncidentOut::from(&i)))
}

/// Adds a timeline entry; the incident moves to its stage.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/incidents/{incident}/entries", tag = "operations", request_body = EntryIn,
    params(("org" = i64, Path, description = "company id"), ("incident" = i64, Path, description = "incident id")),
    responses((status = 201, body = IncidentOut), (status = 422, description = "invalid fields"),
        (status = 409, description = "closed"), (status = 404, description = "no such incident")))]
pub async fn add_entry(
    State(state): State<AppState>,
    gate: IncidentGate,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<EntryIn>,
) -> Result<Created<IncidentOut>, AppError> {
    let id = IncidentId(path.1);
    uc::add_entry(
        state.store(),
        &gate.access.access,
        id,
        &input.stage,
        &input.body,
    )
    .await?;
    let i = uc::get(state.store(), &gate.access.access, id).await?;
    Ok(Created(IncidentOut::from(&i)))
}

/// Marks a report (`preliminary`, `final`, `gdpr`) done today, or not done.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/incidents/{incident}/reports/{report}", tag = "operations", request_body = ReportIn,
    params(("org" = i64, Path, description = "company id"), ("incident" = i64, Path, description = "incident id"),
        ("report" = String, Path, description = "preliminary, final or gdpr")),
    responses((status = 200, body = IncidentOut), (status = 404, description = "no such incident or report")))]
pub async fn put_report(
    State(state): State<AppState>,
    gate: IncidentGate,
    Path(path): Path<(i64, i64, String)>,
    ApiJson(input): ApiJson<ReportIn>,
) -> Result<Json<IncidentOut>, AppError> {
    let report = report_of(&path.2).ok_or(AppError::NotFound)?;
    let id = IncidentId(path.1);
    uc::mark_report(state.store(), &gate.access.access, id, report, input.done).await?;
    let i = uc::get(state.store(), &gate.access.access, id).await?;
    Ok(Json(IncidentOut::from(&i)))
}

/// Closes the incident: the lessons are kept, each measure becomes an action.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/incidents/{incident}/close", tag = "operations", request_body = CloseIn,
    params(("org" = i64, Path, description = "company id"), ("incident" = i64, Path, description = "incident id")),
    responses((status = 200, body = ClosedOut), (status = 422, description = "invalid fields"),
        (status = 409, description = "already closed"), (status = 404, description = "no such incident")))]
pub async fn close_incident(
    State(state): State<AppState>,
    gate: IncidentGate,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<CloseIn>,
) -> Result<Json<ClosedOut>, AppError> {
    let id = IncidentId(path.1);
    if input.measures.iter().any(|m| m.contains('\n')) {
        return Err(AppError::Invalid(vec![
            FieldProblem::new(
                "measures",
                "再発防止策は1件ずつ、改行なしで書いてください。",
            )
            .en("Give each measure on its own, without line breaks."),
        ]));
    }
    let actions = uc::close(
        state.store(),
        &gate.access.access,
        id,
        &input.lessons,
        &input.measures.join("\n"),
    )
    .await?;
    let i = uc::get(state.store(), &gate.access.access, id).await?;
    Ok(Json(ClosedOut {
        incident: IncidentOut::from(&i),
        actions: actions.iter().map(ActionOut::from).collect(),
    }))
}

/// The members who handle incidents besides the administrators (administrators only).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandlersIo {
    /// User ids; each must be a member of the company.
    pub users: Vec<i64>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/incident-handlers", tag = "operations",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = HandlersIo), (status = 403, description = "not an administrator"), (status = 404, description = "no such company")))]
pub async fn get_handlers(
    State(state): State<AppState>,
    gate: IncidentGate,
) -> Result<Json<HandlersIo>, AppError> {
    let (_, ids) = uc::handlers(state.store(), &gate.access.access).await?;
    Ok(Json(HandlersIo {
        users: ids.iter().map(|u| u.0).collect(),
    }))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/incident-handlers", tag = "operations", request_body = HandlersIo,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 204), (status = 422, description = "not a member"), (status = 403, description = "not an administrator"),
        (status = 404, description = "no such company")))]
pub async fn put_handlers(
    State(state): State<AppState>,
    gate: IncidentGate,
    ApiJson(input): ApiJson<HandlersIo>,
) -> Result<StatusCode, AppError> {
    let users: Vec<mamori_storage::UserId> = input
        .users
        .iter()
        .copied()
        .map(mamori_storage::UserId)
        .collect();
    uc::set_handlers(state.store(), &gate.access.access, &users).await?;
    Ok(StatusCode::NO_CONTENT)
}
