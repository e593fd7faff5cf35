//! The register's history (who changed what, when) and closed analyses: an analysis can be
//! closed as a dated snapshot, and later analyses are compared with it.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;

use crate::Need;
use crate::PageContext;
use crate::jst;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use mamori_app::risk::snapshots::{self, Level};
use mamori_domain::Lang;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

pub struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub asset: String,
    pub action: &'static str,
    pub changes: Vec<String>,
}

pub struct Comparison {
    pub title: String,
    pub closed: String,
    /// (level label, then, now)
    pub levels: Vec<(&'static str, i64, i64)>,
    /// Assets whose risk value changed: (name, then, now)
    pub changed: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "risk/history.html")]
struct HistoryPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    rows: Vec<HistoryRow>,
    snapshots: Vec<(i64, String, String)>,
    comparison: Option<Comparison>,
}

pub async fn history(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let store = state.store();
    let snapshots::HistoryView {
        entries,
        assets,
        snapshots,
        comparison,
    } = snapshots::history_view(store, &access.access, 100).await?;
    let rows = entries
        .iter()
        .map(|e| {
            let action = e.change.get("action").and_then(Value::as_str).unwrap_or("");
            let fields = e.change.get("fields").and_then(Value::as_object);
            let name = assets
                .iter()
                .find(|a| a.id == e.asset_id)
                .map(|a| a.fields.name.clone())
                .or_else(|| {
                    fields
                        .and_then(|f| f.get("name"))
                        .and_then(|n| n.get("before").or_else(|| n.get("after")))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_else(|| format!("#{}", e.asset_id.0));
            let show = |v: Option<&Value>| match v {
                None | Some(Value::Null) => "—".to_owned(),
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            };
            HistoryRow {
                at: jst(e.at, lang),
                actor: e.actor.clone(),
                asset: name,
                action: match action {
                    "create" => tr(lang, "追加"),
                    "update" => tr(lang, "変更"),
                    "delete" => tr(lang, "削除"),
                    "import" => tr(lang, "取り込み"),
                    "treatment" => tr(lang, "リスク対応"),
                    _ => tr(lang, "変更"),
                },
                changes: fields
                    .map(|f| {
                        f.iter()
                            .filter(|_| action == "update")
                            .map(|(k, v)| {
                                format!("{k}: {} → {}", show(v.get("before")), show(v.get("after")))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let comparison = comparison.map(|c| {
        let value = |v: Option<i64>| v.map_or_else(|| "—".to_owned(), |v| v.to_string());
        Comparison {
            title: c.closed.title,
            closed: jst(c.closed.closed_at, lang),
            levels: c
                .levels
                .iter()
                .map(|&(level, then, now)| (level_word(lang, level), then, now))
                .collect(),
            changed: c
                .changed
                .into_iter()
                .map(|a| (a.name, value(a.then), value(a.now)))
                .collect(),
        }
    });
    let page = HistoryPage {
        tab: "history",
        rows,
        snapshots: snapshots
            .iter()
            .map(|s| (s.id.0, s.title.clone(), jst(s.closed_at, lang)))
            .collect(),
        comparison,
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    title: String,
}

/// Closes the analysis as it stands: a dated snapshot later analyses are compared with. A blank
/// name is the date's.
pub async fn close(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(form): Form<CloseForm>,
) -> Result<Response, AppError> {
    snapshots::close(state.store(), &access.access, &form.title).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/risk/history?notice=snapshot_closed",
        access.scope().org().0
    ))
    .into_response())
}

fn level_word(lang: Lang, level: Level) -> &'static str {
    tr(
        lang,
        match level {
            Level::High => "大",
            Level::Medium => "中",
            Level::Low => "小",
            Level::Unrated => "未評価",
        },
    )
}
