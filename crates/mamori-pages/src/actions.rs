//! The company's action list (対策リスト, operations.md §5): what it has decided to do, who does
//! it, by when, and how far it has got. Each row is edited in place with a plain form; proposals
//! on a result page are taken into the list by a form that posts here and returns to that page.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_domain::Lang;
use mamori_storage::{Action, ActionId, ActionStatus};
use serde::Deserialize;

use super::org::OrgNav;
use super::{PageContext, jst, render, render_status};
use crate::Need;
use crate::need;
use mamori_app::actions::{self, ActionFields, TITLE_MAX};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub source_label: &'static str,
    /// Where a diagnosis action came from: the result page's address (while the assessment
    /// exists) and the catalog item in words.
    pub origin: Option<(Option<String>, String)>,
    pub priority: i64,
    pub owner: String,
    /// `YYYY-MM-DD` for the date field; the same date in Japanese for reading.
    pub due_value: String,
    pub due_label: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub overdue: bool,
    pub cost_value: String,
    pub cost_label: String,
    pub note: String,
    pub completed: Option<String>,
}

pub struct Count {
    pub label: &'static str,
    pub n: usize,
}

pub struct StatusChoice {
    pub value: &'static str,
    pub label: &'static str,
}

/// The add form as typed, so a rejected form comes back as the user left it.
#[derive(Deserialize, Default)]
pub struct AddForm {
    title: Option<String>,
    source: Option<String>,
    assessment: Option<String>,
    catalog: Option<String>,
    item: Option<String>,
    priority: Option<String>,
    owner: Option<String>,
    due_date: Option<String>,
    status: Option<String>,
    cost_yen: Option<String>,
    note: Option<String>,
    /// Where to return after adding (a result page), within this organisation.
    back: Option<String>,
}

impl AddForm {
    fn fields(&self) -> ActionFields {
        ActionFields {
            title: self.title.clone(),
            source: self.source.clone(),
            assessment_id: self.assessment.clone(),
            catalog: self.catalog.clone(),
            item: self.item.clone(),
            priority: self.priority.clone(),
            owner: self.owner.clone(),
            due_date: self.due_date.clone(),
            status: self.status.clone(),
            cost_yen: self.cost_yen.clone(),
            note: self.note.clone(),
        }
    }
}

/// The add form's fields shown again after a problem.
#[derive(Default)]
pub struct AddValues {
    pub title: String,
    pub owner: String,
    pub due_date: String,
    pub priority: String,
    pub cost_yen: String,
}

impl From<&AddForm> for AddValues {
    fn from(f: &AddForm) -> AddValues {
        let v = |x: &Option<String>| x.clone().unwrap_or_default();
        AddValues {
            title: v(&f.title),
            owner: v(&f.owner),
            due_date: v(&f.due_date),
            priority: v(&f.priority),
            cost_yen: v(&f.cost_yen),
        }
    }
}

#[derive(Template)]
#[template(path = "actions.html")]
struct ActionsPage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<ActionRow>,
    counts: Vec<Count>,
    overdue: usize,
    statuses: Vec<StatusChoice>,
    problems: Vec<FieldProblem>,
    form: AddValues,
    title_max: usize,
}

impl ActionsPage {
    fn has_problem(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }
}

/// Today in Japan, `YYYY-MM-DD` (due dates are Japanese calendar days).
fn today_jst() -> String {
    let d = time::OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+9))
        .date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// `2026-06-30` as `2026年6月30日`.
fn date_ja(date: &str) -> String {
    let mut parts = date.split('-').map(|p| p.trim_start_matches('0'));
    match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => date.to_owned(),
    }
}

/// `30000` as `30,000円`.
fn yen(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}{out}円", if n < 0 { "-" } else { "" })
}

fn row(org: i64, a: &Action, today: &str, lang: Lang) -> ActionRow {
    let origin = a.item_id.as_ref().map(|item| {
        let catalog = a
            .catalog_id
            .as_deref()
            .and_then(|c| mamori_domain::builtin().get(c))
            .map(|c| c.title.get(lang).to_owned())
            .unwrap_or_default();
        let link = a
            .assessment_id
            .map(|id| format!("/orgs/{org}/assessments/{id}"));
        let text = match lang {
            Lang::Ja => format!("{catalog} 設問{item}"),
            Lang::En => format!("{catalog}, question {item}"),
        };
        (link, text.trim().to_owned())
    });
    let due = a.due_date.clone().unwrap_or_default();
    ActionRow {
        id: a.id.0,
        title: a.title.clone(),
        source_label: mamori_app::labels::action_source(a.source, lang),
        origin,
        priority: a.priority,
        owner: a.owner.clone().unwrap_or_default(),
        due_label: if due.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Ja => date_ja(&due),
                Lang::En => due.clone(),
            }
        },
        overdue: a.status.is_open() && !due.is_empty() && due.as_str() < today,
        due_value: due,
        status: a.status.as_str(),
        status_label: mamori_app::labels::action_status(a.status, lang),
        cost_value: a.cost_yen.map(|n| n.to_string()).unwrap_or_default(),
        cost_label: a
            .cost_yen
            .map(|n| match lang {
                Lang::Ja => yen(n),
                Lang::En => format!("¥{}", yen(n).trim_end_matches('円')),
            })
            .unwrap_or_default(),
        note: a.note.clone().unwrap_or_default(),
        completed: a.completed_at.map(|t| jst(t, lang)),
    }
}

async fn page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    problems: Vec<FieldProblem>,
    form: AddValues,
) -> Result<ActionsPage, AppError> {
    need(access, Need::ReadCompany)?;
    let org = OrgNav::new(access, "actions");
    let actions = state.store().actions(access.scope()).await?;
    let today = today_jst();
    let lang = ctx.lang;
    let rows: Vec<ActionRow> = actions
        .iter()
        .map(|a| row(org.id, a, &today, lang))
        .collect();
    let counts = ActionStatus::ALL
        .iter()
        .map(|s| Count {
            label: mamori_app::labels::action_status(*s, lang),
            n: actions.iter().filter(|a| a.status == *s).count(),
        })
        .collect();
    Ok(ActionsPage {
        ctx,
        org,
        overdue: rows.iter().filter(|r| r.overdue).count(),
        rows,
        counts,
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| StatusChoice {
                value: s.as_str(),
                label: mamori_app::labels::action_status(*s, lang),
            })
            .collect(),
        problems,
        form,
        title_max: TITLE_MAX,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    Ok(
        render(&page(&state, ctx, &access, Vec::new(), AddValues::default()).await?)?
            .into_response(),
    )
}

/// A return address sent with a form: only a path inside this organisation's pages.
fn back_path(org: i64, back: Option<&str>) -> Option<String> {
    let b = back?.trim();
    let home = format!("/orgs/{org}");
    let inside = b == home
        || b.strip_prefix(&home)
            .is_some_and(|rest| rest.starts_with(['/', '?', '#']));
    let plain = mamori_http::redirect::same_site(b).is_some() && !b.contains("..");
    (inside && plain).then(|| b.to_owned())
}

/// `path` with `notice=key` added to its query (before any `#fragment`).
fn with_notice(path: &str, key: &str) -> String {
    let (base, fragment) = match path.split_once('#') {
        Some((b, f)) => (b, format!("#{f}")),
        None => (path, String::new()),
    };
    let sep = if base.contains('?') { '&' } else { '?' };
    format!("{base}{sep}notice={key}{fragment}")
}

pub async fn add(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<AddForm>,
) -> Result<Response, AppError> {
    let org = access.access.org.id.0;
    match actions::add(state.store(), &access.access, &form.fields())
        .await
        .map_err(AppError::from)
    {
        Ok((action, created)) => {
            let notice = if created {
                "action_added"
            } else {
                "action_exists"
            };
            let to = back_path(org, form.back.as_deref())
                .unwrap_or_else(|| format!("/orgs/{org}/actions#action-{}", action.id));
            Ok(Redirect::to(&with_notice(&to, notice)).into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let p = page(&state, ctx, &access, problems, AddValues::from(&form)).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e),
    }
}

/// A row's form: every field is sent; an empty one clears it.
#[derive(Deserialize)]
pub struct UpdateForm {
    priority: Option<String>,
    owner: Option<String>,
    due_date: Option<String>,
    status: Option<String>,
    cost_yen: Option<String>,
    note: Option<String>,
}

pub async fn update(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Form(form): Form<UpdateForm>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    let fields = ActionFields {
        priority: form.priority,
        owner: form.owner,
        due_date: form.due_date,
        status: form.status,
        cost_yen: form.cost_yen,
        note: form.note,
        ..ActionFields::default()
    };
    match actions::change(state.store(), &access.access, ActionId(id), &fields)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/orgs/{}/actions?notice=action_updated#action-{id}",
            access.access.org.id
        ))
        .into_response()),
        Err(AppError::Invalid(mut problems)) => {
            // Say which row the problem is in: the list holds many of the same fields.
            let title = state
                .store()
                .action(access.scope(), ActionId(id))
                .await?
                .title;
            for p in &mut problems {
                p.message = format!("「{title}」: {}", p.message);
            }
            let p = page(&state, ctx, &access, problems, AddValues::default()).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(e) => Err(e),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    actions::remove(state.store(), &access.access, ActionId(id)).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/actions?notice=action_deleted",
        access.access.org.id
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_address_stays_inside_the_organisation() {
        assert_eq!(
            back_path(7, Some("/orgs/7/assessments/3#improvements")).as_deref(),
            Some("/orgs/7/assessments/3#improvements")
        );
        assert_eq!(back_path(7, Some("/orgs/7")).as_deref(), Some("/orgs/7"));
        for bad in [
            "https://evil.example/orgs/7/",
            "//evil.example/orgs/7/",
            "/orgs/70/assessments/1",
            "/orgs/8/actions",
            "/orgs/7/../../admin",
            "/orgs/7/\\evil",
            "/orgs/7/ x",
            "orgs/7/",
        ] {
            assert_eq!(back_path(7, Some(bad)), None, "{bad}");
        }
        assert_eq!(back_path(7, None), None);
    }

    #[test]
    fn the_notice_goes_before_the_fragment() {
        assert_eq!(
            with_notice("/orgs/7/assessments/3#improvements", "action_added"),
            "/orgs/7/assessments/3?notice=action_added#improvements"
        );
        assert_eq!(
            with_notice("/orgs/7?tab=x", "action_exists"),
            "/orgs/7?tab=x&notice=action_exists"
        );
    }

    #[test]
    fn amounts_and_dates_read_naturally() {
        assert_eq!(yen(0), "0円");
        assert_eq!(yen(999), "999円");
        assert_eq!(yen(30_000), "30,000円");
        assert_eq!(yen(1_234_567), "1,234,567円");
        assert_eq!(date_ja("2026-06-05"), "2026年6月5日");
    }
}
