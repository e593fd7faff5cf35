//! A diagnostic's history: every submitted result over time, as a line chart and a table.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use mamori_domain::builtin;

use super::results::HISTORY_LIMIT;
use crate::PageContext;
use crate::jst;
use crate::org::OrgNav;
use crate::render;
use mamori_app::figures;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

pub struct HistoryRow {
    pub id: i64,
    pub date: String,
    pub headline: String,
    /// (column label, figure)
    pub values: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "diagnosis/history.html")]
struct HistoryPage {
    ctx: PageContext,
    org: OrgNav,
    catalog_id: String,
    title: String,
    chart: String,
    columns: Vec<String>,
    rows: Vec<HistoryRow>,
    can_edit: bool,
}

pub async fn history(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, catalog_id)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "diagnoses");
    if !org.is_company {
        return Err(AppError::NotFound);
    }
    let catalog = builtin().get(&catalog_id).ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let scale = figures::scale(catalog);
    let list = state
        .store()
        .result_history(access.scope(), &catalog.id, HISTORY_LIMIT)
        .await?;
    let columns: Vec<String> = list
        .last()
        .map(|(_, r)| {
            figures::by_group(catalog, r)
                .iter()
                .map(|(id, _)| figures::axis_label(catalog, id, lang))
                .collect()
        })
        .unwrap_or_default();
    let points: Vec<(String, Option<f64>)> = list
        .iter()
        .map(|(s, r)| {
            (
                short_date(s.submitted_at.unwrap_or(s.updated_at)),
                figures::overall(catalog, r),
            )
        })
        .collect();
    // The history sheet draws the same line; an empty history shows the page's own sentence.
    let chart = if points.is_empty() {
        String::new()
    } else {
        mamori_reports::sheet::history::history_line(catalog, &points, lang).0
    };
    let rows = list
        .iter()
        .rev()
        .map(|(s, r)| HistoryRow {
            id: s.id.0,
            date: jst(s.submitted_at.unwrap_or(s.updated_at), lang),
            headline: crate::headline(s, r, lang),
            values: figures::by_group(catalog, r)
                .iter()
                .map(|(id, v)| {
                    (
                        figures::axis_label(catalog, id, lang),
                        figures::show(*v, &scale),
                    )
                })
                .collect(),
        })
        .collect();
    let page = HistoryPage {
        can_edit: mamori_app::guard::allows(&access.access, mamori_app::guard::Need::Edit),
        org,
        catalog_id: catalog.id.clone(),
        title: catalog.title.get(lang).to_owned(),
        chart,
        columns,
        rows,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// "2026/04/01" in Japan time, for chart axes.
pub fn short_date(t: mamori_storage::Timestamp) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+9));
    format!("{}/{:02}/{:02}", at.year(), u8::from(at.month()), at.day())
}
