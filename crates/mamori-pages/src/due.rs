//! Every due date of the company in one list: open actions, the registers' alerts and, for
//! those who may see incidents, the incident reports still to make.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use mamori_app::operations::due::{self as uc, DueKind};
use mamori_domain::Lang;

use crate::org::OrgNav;
use crate::{PageContext, render};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

pub struct DueRow {
    pub on: String,
    /// Days left; negative when overdue.
    pub left: i64,
    pub what: String,
    pub owner: String,
    pub link: String,
}

#[derive(Template)]
#[template(path = "due.html")]
struct DuePage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<DueRow>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let items = uc::list(state.store(), &access.access, lang).await?;
    let today = mamori_app::standing::today_in_japan();
    let org = access.access.org.id.0;
    let rows = items
        .into_iter()
        .map(|i| DueRow {
            on: match lang {
                Lang::Ja => format!(
                    "{}年{}月{}日",
                    i.on.year(),
                    u8::from(i.on.month()),
                    i.on.day()
                ),
                Lang::En => i.on.to_string(),
            },
            left: (i.on - today).whole_days(),
            what: i.what,
            owner: i.owner.unwrap_or_default(),
            link: match i.kind {
                DueKind::Action(_) => format!("/orgs/{org}/actions"),
                DueKind::IncidentReport(id) => format!("/orgs/{org}/incidents/{id}"),
                DueKind::Register(kind, id) => {
                    format!("/orgs/{org}/registers/{}/{id}", kind.slug())
                }
            },
        })
        .collect();
    let page = DuePage {
        org: OrgNav::new(&access, "due"),
        rows,
        ctx,
    };
    Ok(render(&page)?.into_response())
}
