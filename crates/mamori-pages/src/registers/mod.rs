//! The registers beside the asset register (risk.md §7): an overview with the alerts showing
//! today, each register as a table with search and pages, one form for adding and changing an
//! entry, and the file import and export (`transfer`). The form is drawn from the register's
//! field list, so the five registers share every page.

mod form;
mod transfer;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::registers::{
    self as uc, Checklist, EntryView, RegisterDraft, RegisterInput,
};
use mamori_domain::Lang;
use mamori_domain::operations::registers::RegisterKind;
use mamori_storage::{RegisterEntry, RegisterEntryId};
use serde::Deserialize;

use crate::org::OrgNav;
use crate::{Need, PageContext, need, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub use transfer::{confirm_import, export, import_form, upload};

use form::{EntryForm, entry_form};

/// Rows one page of a register shows.
const PAGE_ROWS: usize = 100;

/// The register named in the path; another name is a page that does not exist.
pub(crate) fn kind_of(slug: &str) -> Result<RegisterKind, AppError> {
    RegisterKind::parse(slug).ok_or(AppError::NotFound)
}

/// The columns a register's table shows besides the name (all fields are on the entry's page
/// and in the exported file).
fn summary_keys(kind: RegisterKind) -> &'static [&'static str] {
    match kind {
        RegisterKind::Devices => &["asset_number", "os", "owner", "eosl_on"],
        RegisterKind::Applications => &["version", "owner", "contract_until", "eosl_on"],
        RegisterKind::CloudServices => &["provider", "purpose", "administrator"],
        RegisterKind::Certificates => &["issuer", "used_on", "valid_until"],
        RegisterKind::Contractors => &["work", "confidentiality", "evaluation", "evaluated_on"],
    }
}

/// A stored value as a person reads it: a choice by its name, anything else as written.
pub(crate) fn shown(kind: RegisterKind, key: &str, value: Option<&str>, lang: Lang) -> String {
    let Some(v) = value else {
        return String::new();
    };
    match kind.field(key).and_then(|f| f.choice(v)) {
        Some(choice) => choice.label(lang).to_owned(),
        None => v.to_owned(),
    }
}

pub struct AlertLine {
    pub on: String,
    pub text: &'static str,
    pub passed: bool,
}

fn alert_lines(v: &EntryView, lang: Lang) -> Vec<AlertLine> {
    v.alerts
        .iter()
        .map(|a| AlertLine {
            on: a.on.to_string(),
            text: a.text(lang),
            passed: a.state == mamori_domain::operations::registers::AlertState::Passed,
        })
        .collect()
}

fn checklist_text(c: Option<&Checklist>, lang: Lang) -> String {
    match (c, lang) {
        (None, Lang::Ja) => "未回答".to_owned(),
        (None, Lang::En) => "Not answered".to_owned(),
        (Some(c), Lang::Ja) => match c.percent {
            Some(p) => format!("{p:.1}%（{}回答）", c.submitted_on),
            None => format!("{}回答", c.submitted_on),
        },
        (Some(c), Lang::En) => match c.percent {
            Some(p) => format!("{p:.1} % (answered {})", c.submitted_on),
            None => format!("answered {}", c.submitted_on),
        },
    }
}

// --- overview ------------------------------------------------------------------------------------

pub struct RegisterCard {
    pub slug: &'static str,
    pub title: &'static str,
    pub count: i64,
}

pub struct AlertRow {
    pub slug: &'static str,
    pub register: &'static str,
    pub id: i64,
    pub name: String,
    pub alerts: Vec<AlertLine>,
}

#[derive(Template)]
#[template(path = "registers/index.html")]
struct IndexPage {
    ctx: PageContext,
    org: OrgNav,
    cards: Vec<RegisterCard>,
    alerts: Vec<AlertRow>,
    alert_days: String,
    problems: Vec<FieldProblem>,
}

async fn index_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    days_typed: Option<String>,
    problems: Vec<FieldProblem>,
) -> Result<IndexPage, AppError> {
    let o = uc::overview(state.store(), &access.access).await?;
    let lang = ctx.lang;
    Ok(IndexPage {
        org: OrgNav::new(access, "registers"),
        cards: o
            .counts
            .iter()
            .map(|(k, n)| RegisterCard {
                slug: k.slug(),
                title: k.title(lang),
                count: *n,
            })
            .collect(),
        alerts: o
            .alerting
            .iter()
            .map(|v| AlertRow {
                slug: v.entry.kind.slug(),
                register: v.entry.kind.title(lang),
                id: v.entry.id.0,
                name: v.entry.fields.name.clone(),
                alerts: alert_lines(v, lang),
            })
            .collect(),
        alert_days: days_typed.unwrap_or_else(|| o.alert_days.to_string()),
        problems,
        ctx,
    })
}

pub async fn index(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    Ok(render(&index_page(&state, ctx, &access, None, Vec::new()).await?)?.into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AlertDaysForm {
    alert_days: String,
}

pub async fn save_alert_days(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<AlertDaysForm>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    match uc::parse_alert_days(&form.alert_days) {
        Ok(days) => {
            uc::set_alert_days(state.store(), &access.access, days).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/registers?notice=saved",
                access.access.org.id
            ))
            .into_response())
        }
        Err(problems) => Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &index_page(&state, ctx, &access, Some(form.alert_days), problems).await?,
        )),
    }
}

// --- one register ----------------------------------------------------------------------------------

pub struct Row {
    pub id: i64,
    pub name: String,
    pub cells: Vec<String>,
    pub alerts: Vec<AlertLine>,
}

#[derive(Template)]
#[template(path = "registers/list.html")]
struct ListPage {
    ctx: PageContext,
    org: OrgNav,
    slug: &'static str,
    title: &'static str,
    headings: Vec<&'static str>,
    rows: Vec<Row>,
    total: usize,
    page: usize,
    pages: usize,
    q: String,
    form: EntryForm,
    problems: Vec<FieldProblem>,
    open_form: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    q: String,
    page: usize,
}

async fn list_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    kind: RegisterKind,
    query: &ListQuery,
    typed: Option<(RegisterInput, Vec<FieldProblem>)>,
) -> Result<ListPage, AppError> {
    need(access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let page = query.page.max(1);
    let (found, assets) = tokio::try_join!(
        async {
            Ok::<_, AppError>(
                uc::page(
                    state.store(),
                    &access.access,
                    kind,
                    &query.q,
                    page,
                    PAGE_ROWS,
                )
                .await?,
            )
        },
        async { Ok::<_, AppError>(mamori_app::assets::list(state.store(), &access.access).await?) },
    )?;
    let total = found.total;
    let pages = total.div_ceil(PAGE_ROWS).max(1);
    let view = found.view;
    let keys = summary_keys(kind);
    let rows = view
        .entries
        .iter()
        .map(|v| Row {
            id: v.entry.id.0,
            name: v.entry.fields.name.clone(),
            cells: keys
                .iter()
                .map(|k| shown(kind, k, v.entry.fields.value(k), lang))
                .chain(
                    (kind == RegisterKind::CloudServices)
                        .then(|| checklist_text(view.checklist(&v.entry), lang)),
                )
                .collect(),
            alerts: alert_lines(v, lang),
        })
        .collect();
    let mut headings: Vec<&'static str> = keys
        .iter()
        .filter_map(|k| kind.field(k).map(|f| f.label(lang)))
        .collect();
    if kind == RegisterKind::CloudServices {
        headings.push(match lang {
            Lang::Ja => "チェックリスト",
            Lang::En => "Checklist",
        });
    }
    let open_form = typed.is_some();
    let (input, problems) = typed.unwrap_or_default();
    let linked: Vec<i64> = input.assets.iter().filter_map(|a| a.parse().ok()).collect();
    Ok(ListPage {
        org: OrgNav::new(access, "registers"),
        slug: kind.slug(),
        title: kind.title(lang),
        headings,
        rows,
        total,
        page,
        pages,
        q: query.q.clone(),
        form: entry_form(
            kind,
            &input.values,
            &linked,
            &assets,
            &view.checklists,
            &problems,
            lang,
        ),
        problems,
        open_form,
        ctx,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug)): Path<(i64, String)>,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    Ok(render(&list_page(&state, ctx, &access, kind, &query, None).await?)?.into_response())
}

/// The form's fields by name; `assets` may come several times.
fn input_of(pairs: &[(String, String)]) -> RegisterInput {
    let mut input = RegisterInput::default();
    for (k, v) in pairs {
        match k.as_str() {
            "csrf" => {}
            "assets" => input.assets.push(v.clone()),
            _ => {
                input.values.insert(k.clone(), v.clone());
            }
        }
    }
    input
}

pub async fn add(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug)): Path<(i64, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::EditCompany)?;
    let input = input_of(&pairs);
    let problems = match RegisterDraft::parse(kind, &input) {
        Ok(draft) => match uc::add(state.store(), &access.access, kind, &draft).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/orgs/{}/registers/{}?notice=created",
                    access.access.org.id,
                    kind.slug()
                ))
                .into_response());
            }
            Err(mamori_app::Error::Invalid(p)) => p,
            Err(e) => return Err(e.into()),
        },
        Err(problems) => problems,
    };
    let page = list_page(
        &state,
        ctx,
        &access,
        kind,
        &ListQuery::default(),
        Some((input, problems)),
    )
    .await?;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

// --- one entry -------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "registers/entry.html")]
struct EntryPage {
    ctx: PageContext,
    org: OrgNav,
    slug: &'static str,
    title: &'static str,
    id: i64,
    name: String,
    alerts: Vec<AlertLine>,
    form: EntryForm,
    problems: Vec<FieldProblem>,
}

async fn entry_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    kind: RegisterKind,
    id: RegisterEntryId,
    typed: Option<(RegisterInput, Vec<FieldProblem>)>,
) -> Result<EntryPage, AppError> {
    need(access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let (view, assets, checklists) = tokio::try_join!(
        async { Ok::<_, AppError>(uc::get(state.store(), &access.access, kind, id).await?) },
        async { Ok::<_, AppError>(mamori_app::assets::list(state.store(), &access.access).await?) },
        async {
            if kind == RegisterKind::CloudServices {
                Ok::<_, AppError>(uc::cloud_checklists(state.store(), &access.access).await?)
            } else {
                Ok(Vec::new())
            }
        },
    )?;
    let stored = stored_input(&view.entry);
    let (input, problems) = typed.unwrap_or((stored, Vec::new()));
    let linked: Vec<i64> = input.assets.iter().filter_map(|a| a.parse().ok()).collect();
    Ok(EntryPage {
        org: OrgNav::new(access, "registers"),
        slug: kind.slug(),
        title: kind.title(lang),
        id: id.0,
        name: view.entry.fields.name.clone(),
        alerts: alert_lines(&view, lang),
        form: entry_form(
            kind,
            &input.values,
            &linked,
            &assets,
            &checklists,
            &problems,
            lang,
        ),
        problems,
        ctx,
    })
}

/// A stored entry as the form's input, so the form shows what is kept.
fn stored_input(e: &RegisterEntry) -> RegisterInput {
    let mut values = e.fields.values.clone();
    values.insert("name".into(), e.fields.name.clone());
    RegisterInput {
        values,
        assets: e.fields.assets.iter().map(|a| a.0.to_string()).collect(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug, id)): Path<(i64, String, i64)>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    let page = entry_page(&state, ctx, &access, kind, RegisterEntryId(id), None).await?;
    Ok(render(&page)?.into_response())
}

pub async fn save(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug, id)): Path<(i64, String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::EditCompany)?;
    let id = RegisterEntryId(id);
    let input = input_of(&pairs);
    match RegisterDraft::parse(kind, &input) {
        Ok(draft) => {
            uc::change(state.store(), &access.access, kind, id, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/registers/{}?notice=saved",
                access.access.org.id,
                kind.slug()
            ))
            .into_response())
        }
        Err(problems) => {
            let page = entry_page(&state, ctx, &access, kind, id, Some((input, problems))).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

pub async fn delete(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((_, slug, id)): Path<(i64, String, i64)>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::EditCompany)?;
    uc::remove(state.store(), &access.access, kind, RegisterEntryId(id)).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/registers/{}?notice=deleted",
        access.access.org.id,
        kind.slug()
    ))
    .into_response())
}
