//! The register's history (who changed what, when) and closed analyses: an analysis can be
//! closed as a dated snapshot, and later analyses are compared with it.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{level_class, load};
use crate::Need;
use crate::PageContext;
use crate::jst;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

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

/// The analysis as it stands, in the shape a snapshot keeps.
async fn current(state: &AppState, access: &OrgAccess) -> Result<Value, AppError> {
    let reg = load(state, access).await?;
    let assets: Vec<Value> = reg
        .assets
        .iter()
        .zip(&reg.evaluated)
        .map(|(a, e)| {
            json!({
                "id": a.id.0,
                "name": a.fields.name,
                "medium": a.fields.medium,
                "c": a.fields.c, "i": a.fields.i, "a": a.fields.a,
                "importance": e.importance,
                "likelihood": e.likelihood,
                "risk_value": e.risk_value,
                "level": level_class(e.level),
            })
        })
        .collect();
    let count = |level: &str| assets.iter().filter(|a| a["level"] == level).count();
    Ok(json!({
        "assets": assets,
        "threats": reg.input.threats,
        "answers": reg.input.answers,
        "levels": {
            "high": count("high"), "medium": count("medium"),
            "low": count("low"), "unrated": count("unrated"),
        },
    }))
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
    let scope = access.scope();
    let (entries, assets, snapshots) = tokio::try_join!(
        store.risk_history(scope, None, None, 100),
        store.risk_assets(scope),
        store.risk_snapshots(scope),
    )?;
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
    let comparison = match snapshots.first() {
        Some(latest) => {
            let snap = store.risk_snapshot(scope, latest.id).await?;
            let now = current(&state, &access).await?;
            let n = |v: &Value, level: &str| {
                v.pointer(&format!("/levels/{level}"))
                    .and_then(Value::as_i64)
                    .unwrap_or(0)
            };
            let value_of = |v: &Value| match v.get("risk_value") {
                Some(Value::Number(n)) => n.to_string(),
                _ => "—".to_owned(),
            };
            let empty = Vec::new();
            let then_assets = snap
                .data
                .get("assets")
                .and_then(Value::as_array)
                .unwrap_or(&empty);
            let now_assets = now
                .get("assets")
                .and_then(Value::as_array)
                .unwrap_or(&empty);
            let changed = now_assets
                .iter()
                .filter_map(|a| {
                    let before = then_assets.iter().find(|t| t["id"] == a["id"]);
                    let (then, now) =
                        (before.map_or_else(|| "—".to_owned(), value_of), value_of(a));
                    (then != now).then(|| (a["name"].as_str().unwrap_or("").to_owned(), then, now))
                })
                .collect();
            Some(Comparison {
                title: snap.summary.title.clone(),
                closed: jst(snap.summary.closed_at, lang),
                levels: [
                    ("high", "大"),
                    ("medium", "中"),
                    ("low", "小"),
                    ("unrated", "未評価"),
                ]
                .iter()
                .map(|(k, ja)| (tr(lang, ja), n(&snap.data, k), n(&now, k)))
                .collect(),
                changed,
            })
        }
        None => None,
    };
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

/// Closes the analysis as it stands: a dated snapshot later analyses are compared with.
pub async fn close(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(form): Form<CloseForm>,
) -> Result<Response, AppError> {
    need(&access, Need::Edit)?;
    need(&access, Need::ReadCompany)?;
    let title = form.title.trim();
    if title.is_empty() || title.chars().count() > 100 {
        return Err(AppError::Invalid(vec![
            FieldProblem::new(
                "title",
                "名前を100文字以内で入力してください（例: 2026年度 上期）。",
            )
            .en("Give the analysis a name of up to 100 characters (e.g. FY2026 first half)."),
        ]));
    }
    let data = current(&state, &access).await?;
    state
        .store()
        .close_risk_snapshot(access.scope(), title, &data)
        .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/risk/history?notice=snapshot_closed",
        access.scope().org().0
    ))
    .into_response())
}
