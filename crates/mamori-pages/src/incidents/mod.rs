//! Incidents (operations.md §3): the list with the reports still due, recording one, its page
//! with the timeline and the legal clocks, closing it with lessons that become actions, and who
//! handles incidents. Only the company's administrators and its incident handlers reach these
//! pages; everyone else gets 404 (the store decides, `Store::incident_scope`).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::incidents::{
    self as uc, Due, IncidentDraft, IncidentInput, report_code, report_name,
};
use mamori_domain::Lang;
use mamori_domain::operations::incident::{CHANNELS, Named, SEVERITIES, STAGES, named};
use mamori_storage::UserId;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::org::OrgNav;
use crate::{PageContext, jst, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// A report still due, in words.
pub struct DueRow {
    pub incident: i64,
    pub title: String,
    pub report: &'static str,
    pub code: &'static str,
    pub by: String,
    /// Days left (negative: overdue), for the APPI reports.
    pub left: Option<i64>,
    pub overdue: bool,
}

fn day(d: time::Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day()),
        Lang::En => format!("{d}"),
    }
}

/// A moment in Japan time, in the page's words.
fn moment(t: OffsetDateTime, lang: Lang) -> String {
    jst(
        mamori_storage::Timestamp((t.unix_timestamp_nanos() / 1_000_000) as i64),
        lang,
    )
}

/// The home's and the list's lines for reports still due.
pub fn due_rows(due: &[Due], lang: Lang) -> Vec<DueRow> {
    let now = OffsetDateTime::now_utc();
    let today = mamori_domain::operations::incident::japan_date(now);
    due.iter()
        .map(|d| {
            let (by, left, overdue) = match (d.by_day, d.by_time) {
                (Some(by), _) => {
                    let left = (by - today).whole_days();
                    (day(by, lang), Some(left), left < 0)
                }
                (None, Some(t)) => (moment(t, lang), None, t < now),
                (None, None) => (String::new(), None, false),
            };
            DueRow {
                incident: d.incident.0,
                title: d.title.clone(),
                report: report_name(d.report, lang),
                code: report_code(d.report),
                by,
                left,
                overdue,
            }
        })
        .collect()
}

pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
}

fn choices(list: &'static [Named], lang: Lang) -> Vec<Choice> {
    list.iter()
        .map(|n| Choice {
            code: n.code,
            label: n.name(lang),
        })
        .collect()
}

fn word(list: &'static [Named], code: &str, lang: Lang) -> &'static str {
    named(list, code).map_or("", |n| n.name(lang))
}

/// The record form as typed (checkboxes are present only when ticked).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct IncidentForm {
    pub title: String,
    pub drill: Option<String>,
    pub detected_on: String,
    pub detected_time: String,
    pub detected_by: String,
    pub channel: String,
    pub severity: String,
    pub description: String,
    pub personal: Option<String>,
    pub persons: String,
    pub sensitive: Option<String>,
    pub financial_damage: Option<String>,
    pub wrongful_purpose: Option<String>,
    pub eu_residents: Option<String>,
}

impl IncidentForm {
    fn input(&self) -> IncidentInput {
        IncidentInput {
            title: self.title.clone(),
            drill: self.drill.is_some(),
            detected_on: self.detected_on.clone(),
            detected_time: self.detected_time.clone(),
            detected_by: self.detected_by.clone(),
            channel: self.channel.clone(),
            severity: self.severity.clone(),
            description: self.description.clone(),
            personal: self.personal.is_some(),
            persons: self.persons.clone(),
            sensitive: self.sensitive.is_some(),
            financial_damage: self.financial_damage.is_some(),
            wrongful_purpose: self.wrongful_purpose.is_some(),
            eu_residents: self.eu_residents.is_some(),
        }
    }
}

pub struct IncidentRow {
    pub id: i64,
    pub title: String,
    pub detected: String,
    pub stage: &'static str,
    pub severity: &'static str,
    pub persons: Option<i64>,
    pub drill: bool,
    pub closed: bool,
}

pub struct HandlerRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub handler: bool,
}

#[derive(Template)]
#[template(path = "incidents/list.html")]
struct ListPage {
    ctx: PageContext,
    org: OrgNav,
    due: Vec<DueRow>,
    rows: Vec<IncidentRow>,
    form: IncidentForm,
    problems: Vec<FieldProblem>,
    channels: Vec<Choice>,
    severities: Vec<Choice>,
    /// Administrators name the handlers; `None` for a handler.
    handlers: Option<Vec<HandlerRow>>,
}

impl ListPage {
    fn has_problem(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }
}

async fn list_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    form: IncidentForm,
    problems: Vec<FieldProblem>,
) -> Result<ListPage, AppError> {
    let lang = ctx.lang;
    let store = state.store();
    let incidents = uc::list(store, &access.access).await?;
    let mut due: Vec<Due> = incidents.iter().flat_map(uc::due).collect();
    due.sort_by_key(|d| (d.by_day, d.incident));
    let handlers = if mamori_app::guard::allows(&access.access, mamori_app::guard::Need::Administer)
    {
        let (members, ids) = uc::handlers(store, &access.access).await?;
        Some(
            members
                .into_iter()
                .filter(|m| !m.role.can_administer())
                .map(|m| HandlerRow {
                    id: m.user.id.0,
                    handler: ids.contains(&m.user.id),
                    name: m.user.name,
                    email: m.user.email,
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(ListPage {
        org: OrgNav::new(access, "incidents"),
        due: due_rows(&due, lang),
        rows: incidents
            .iter()
            .map(|i| IncidentRow {
                id: i.id.0,
                title: i.fields.title.clone(),
                detected: jst(i.fields.detected_at, lang),
                stage: word(STAGES, &i.stage, lang),
                severity: word(SEVERITIES, &i.fields.severity, lang),
                persons: i.fields.personal.map(|p| p.persons),
                drill: i.fields.drill,
                closed: i.closed_at.is_some(),
            })
            .collect(),
        form,
        problems,
        channels: choices(CHANNELS, lang),
        severities: choices(SEVERITIES, lang),
        handlers,
        ctx,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc().to_offset(mamori_domain::operations::incident::JST);
    let form = IncidentForm {
        detected_on: format!("{}", now.date()),
        detected_time: format!("{:02}:{:02}", now.hour(), now.minute()),
        channel: "internal_report".into(),
        severity: "medium".into(),
        ..IncidentForm::default()
    };
    Ok(render(&list_page(&state, ctx, &access, form, Vec::new()).await?)?.into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<IncidentForm>,
) -> Result<Response, AppError> {
    uc::scope(state.store(), &access.access).await?;
    match IncidentDraft::parse(&form.input(), OffsetDateTime::now_utc()) {
        Ok(draft) => {
            let incident = uc::record(state.store(), &access.access, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/incidents/{}?notice=created",
                access.access.org.id, incident.id
            ))
            .into_response())
        }
        Err(problems) => {
            let page = list_page(&state, ctx, &access, form, problems).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

pub async fn set_handlers(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // Ticked boxes, each a member's id; several share the name `handler`.
    let users: Vec<UserId> = form
        .iter()
        .filter(|(k, _)| k == "handler")
        .filter_map(|(_, v)| v.parse().ok().map(UserId))
        .collect();
    uc::set_handlers(state.store(), &access.access, &users).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/incidents?notice=saved",
        access.access.org.id
    ))
    .into_response())
}

mod detail;

pub use detail::{add_entry, close, mark_report, show};
