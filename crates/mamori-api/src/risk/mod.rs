//! The company's information-asset register and risk analysis over the API (risk.md): the
//! register (情報資産管理台帳), threat ratings per medium (脅威の状況), the countermeasure checklist
//! (対策状況チェック), treatment decisions (リスク対応), settings, the register's history, closed
//! analyses, and the evaluation by the domain engine (`mamori_domain::risk::analyse`).
//!
//! Risk data is a company's: a support organisation answers 404, a viewer reads but gets 403 on
//! every write. Every field is checked here and every problem listed (422), in Japanese and
//! English, naming the field. Codes (media, personal-information kinds, classification,
//! lifecycle, threat kinds, countermeasures) are those of the risk catalog; their Japanese and
//! English names are accepted too and stored as the code.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use mamori_storage::{RiskAssetId, RiskHistoryEntry, RiskSnapshotId, RiskSnapshotSummary};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use mamori_app::assets::{self, AssetChange, AssetDraft};
use mamori_app::risk::countermeasures::{self, AnswerFields, Checklist};
use mamori_app::risk::settings::{
    self, CostLineFields, SettingsDraft, SettingsFields, TEMPLATE_LINES_MAX,
};
use mamori_app::risk::snapshots;
use mamori_app::risk::threats::{self, ThreatFields, ThreatSheet};
use mamori_app::risk::treatments::{self, Standing, TreatmentDecision, TreatmentFields};
pub use mamori_app::risk::views::*;

use super::{ApiJson, Created, time};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub(crate) mod checks;
mod dto;

use checks::*;
pub use dto::*;

// --- handlers -------------------------------------------------------------------------------------

/// The register, in its order.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/assets", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AssetOut]), (status = 404, description = "no such company")))]
pub async fn list_assets(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<AssetOut>>, AppError> {
    let list = assets::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(AssetOut::from).collect()))
}

/// Adds an asset at the end of the register.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/assets", tag = "risk", request_body = AssetIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = AssetOut), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such company")))]
pub async fn create_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<AssetIn>,
) -> Result<Created<AssetOut>, AppError> {
    let draft = parse_asset(&input, AssetDraft::parse_new).map_err(AppError::Invalid)?;
    let asset = assets::add(state.store(), &access.access, &draft).await?;
    Ok(Created(AssetOut::from(&asset)))
}

/// Changes many assets at once, all or nothing: a list of `{"id", "changes"}`.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}/risk/assets", tag = "risk", request_body = [BulkChange],
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AssetOut], description = "the rows named, as they are now"),
        (status = 422, description = "invalid fields (the place is `[n].field`)"),
        (status = 404, description = "no such company, or a row that is not the company's")))]
pub async fn bulk_update_assets(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<Vec<BulkChange>>,
) -> Result<Json<Vec<AssetOut>>, AppError> {
    let mut c = Check::new();
    let mut updates = Vec::with_capacity(input.len());
    for (n, item) in input.iter().enumerate() {
        c.at(format!("[{n}].changes."));
        match parse_asset(&item.changes, AssetChange::parse) {
            Ok(change) => updates.push((RiskAssetId(item.id), change)),
            Err(problems) => c.extend(problems),
        }
    }
    let updates = c.finish(updates)?;
    let after = assets::change_many(state.store(), &access.access, &updates).await?;
    Ok(Json(after.iter().map(AssetOut::from).collect()))
}

/// A confirmed import of rows (all or nothing): appended to the register, or replacing it.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/assets/import", tag = "risk", request_body = ImportIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = ImportOut), (status = 422, description = "invalid rows (the place is `rows[n].field`)"),
        (status = 404, description = "no such company")))]
pub async fn import_assets(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<ImportIn>,
) -> Result<Json<ImportOut>, AppError> {
    let mut c = Check::new();
    let mut rows = Vec::with_capacity(input.rows.len());
    for (n, row) in input.rows.iter().enumerate() {
        c.at(format!("rows[{n}]."));
        match parse_asset(row, AssetDraft::parse_new) {
            Ok(draft) => rows.push(draft),
            Err(problems) => c.extend(problems),
        }
    }
    let rows = c.finish(rows)?;
    let done = assets::import(state.store(), &access.access, rows, input.replace).await?;
    Ok(Json(ImportOut {
        added: done.added,
        removed: done.removed,
    }))
}

/// One asset.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/assets/{asset}", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = AssetOut), (status = 404, description = "no such asset")))]
pub async fn get_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<AssetOut>, AppError> {
    let asset = assets::get(state.store(), &access.access, RiskAssetId(path.1)).await?;
    Ok(Json(AssetOut::from(&asset)))
}

/// Replaces an asset's fields (fields left out become empty).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/assets/{asset}", tag = "risk", request_body = AssetIn,
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = AssetOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such asset")))]
pub async fn put_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<AssetIn>,
) -> Result<Json<AssetOut>, AppError> {
    let draft = parse_asset(&input, AssetDraft::parse).map_err(AppError::Invalid)?;
    let asset = assets::change(
        state.store(),
        &access.access,
        RiskAssetId(path.1),
        &AssetChange::all(draft),
    )
    .await?;
    Ok(Json(AssetOut::from(&asset)))
}

/// Removes an asset and its treatment (its history stays).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/risk/assets/{asset}", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 204), (status = 404, description = "no such asset")))]
pub async fn delete_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    assets::remove(state.store(), &access.access, RiskAssetId(path.1)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Copies an asset to just below it (the same information on another medium is another row).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/assets/{asset}/duplicate", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 201, body = AssetOut), (status = 404, description = "no such asset")))]
pub async fn duplicate_asset(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Created<AssetOut>, AppError> {
    let copy = assets::duplicate(state.store(), &access.access, RiskAssetId(path.1)).await?;
    Ok(Created(AssetOut::from(&copy)))
}

/// An asset's treatment decision (`null` until one is recorded).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/assets/{asset}/treatment", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = Option<TreatmentOut>), (status = 404, description = "no such asset")))]
pub async fn get_treatment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<Option<TreatmentOut>>, AppError> {
    let t = treatments::get(state.store(), &access.access, RiskAssetId(path.1)).await?;
    Ok(Json(t.as_ref().map(TreatmentOut::from)))
}

/// Records an asset's treatment decision. With `to_action` the planned measures go into the
/// company's action list (source `risk`) in the same transaction.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/assets/{asset}/treatment", tag = "risk", request_body = TreatmentIn,
    params(("org" = i64, Path, description = "company id"), ("asset" = i64, Path, description = "asset id")),
    responses((status = 200, body = TreatmentOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such asset")))]
pub async fn put_treatment(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<TreatmentIn>,
) -> Result<Json<TreatmentOut>, AppError> {
    let (store, asset) = (state.store(), RiskAssetId(path.1));
    let standing = treatments::standing(store, &access.access, asset).await?;
    let decision = parse_treatment(&input, standing)?;
    let t = treatments::record(store, &access.access, asset, &decision).await?;
    Ok(Json(TreatmentOut::from(&t)))
}

/// Every treatment decision, in register order.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/treatments", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [TreatmentOut]), (status = 404, description = "no such company")))]
pub async fn list_treatments(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<TreatmentOut>>, AppError> {
    let list = treatments::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(TreatmentOut::from).collect()))
}

/// The threat ratings (脅威の状況).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/threats", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ThreatOut]), (status = 404, description = "no such company")))]
pub async fn get_threats(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ThreatOut>>, AppError> {
    let list = threats::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(ThreatOut::from).collect()))
}

/// Replaces every threat rating.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/threats", tag = "risk", request_body = [ThreatIn],
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ThreatOut]), (status = 422, description = "invalid ratings (the place is `[n].field`)"),
        (status = 404, description = "no such company")))]
pub async fn put_threats(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<Vec<ThreatIn>>,
) -> Result<Json<Vec<ThreatOut>>, AppError> {
    let sheet = parse_threats(&input)?;
    let list = threats::save(state.store(), &access.access, &sheet).await?;
    Ok(Json(list.iter().map(ThreatOut::from).collect()))
}

/// The countermeasure checklist's answers (対策状況チェック).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/countermeasures", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AnswerOut]), (status = 404, description = "no such company")))]
pub async fn get_countermeasures(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<AnswerOut>>, AppError> {
    let list = countermeasures::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(AnswerOut::from).collect()))
}

/// Replaces every answer (an item left out is unanswered, which counts as not done).
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/countermeasures", tag = "risk", request_body = [AnswerIn],
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [AnswerOut]), (status = 422, description = "invalid answers (the place is `[n].field`)"),
        (status = 404, description = "no such company")))]
pub async fn put_countermeasures(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<Vec<AnswerIn>>,
) -> Result<Json<Vec<AnswerOut>>, AppError> {
    let checklist = parse_answers(&input)?;
    let list = countermeasures::save(state.store(), &access.access, &checklist).await?;
    Ok(Json(list.iter().map(AnswerOut::from).collect()))
}

/// The company's risk settings (the defaults until changed).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/settings", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = SettingsOut), (status = 404, description = "no such company")))]
pub async fn get_settings(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<SettingsOut>, AppError> {
    let settings = settings::get(state.store(), &access.access).await?;
    Ok(Json(SettingsOut::from(&settings)))
}

/// Changes the settings: acceptance threshold, compensation per person, incident cost lines.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/risk/settings", tag = "risk", request_body = SettingsIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = SettingsOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such company")))]
pub async fn put_settings(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<SettingsIn>,
) -> Result<Json<SettingsOut>, AppError> {
    let draft = parse_settings(&input)?;
    let stored = settings::save(state.store(), &access.access, &draft).await?;
    Ok(Json(SettingsOut::from(&stored)))
}

/// The register's history, newest first: who changed which asset, when, and how.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/history", tag = "risk",
    params(("org" = i64, Path, description = "company id"), HistoryQuery),
    responses((status = 200, body = [HistoryOut]), (status = 404, description = "no such company")))]
pub async fn history(
    State(state): State<AppState>,
    access: OrgAccess,
    Query(q): Query<HistoryQuery>,
) -> Result<Json<Vec<HistoryOut>>, AppError> {
    let entries = snapshots::history(
        state.store(),
        &access.access,
        q.asset.map(RiskAssetId),
        q.before,
        q.limit.unwrap_or(100),
    )
    .await?;
    Ok(Json(entries.iter().map(HistoryOut::from).collect()))
}

/// The closed analyses, newest first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/snapshots", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [SnapshotSummaryOut]), (status = 404, description = "no such company")))]
pub async fn list_snapshots(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<SnapshotSummaryOut>>, AppError> {
    let list = snapshots::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(SnapshotSummaryOut::from).collect()))
}

/// Closes the analysis: keeps the register, ratings, answers, treatments, settings and the
/// evaluation as they are now, so later changes do not rewrite what was decided.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/risk/snapshots", tag = "risk", request_body = CloseIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = SnapshotOut), (status = 422, description = "invalid title"),
        (status = 404, description = "no such company")))]
pub async fn close_snapshot(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<CloseIn>,
) -> Result<Created<SnapshotOut>, AppError> {
    let Some(title) = json_text(&input.title) else {
        return Err(AppError::Invalid(vec![
            FieldProblem::new("title", "名前は文字で入力してください。")
                .en("Give the name as text."),
        ]));
    };
    let (summary, data) = snapshots::close(state.store(), &access.access, &title).await?;
    Ok(Created(SnapshotOut {
        summary: SnapshotSummaryOut::from(&summary),
        data,
    }))
}

/// One closed analysis with its data.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/snapshots/{snapshot}", tag = "risk",
    params(("org" = i64, Path, description = "company id"), ("snapshot" = i64, Path, description = "snapshot id")),
    responses((status = 200, body = SnapshotOut), (status = 404, description = "no such snapshot")))]
pub async fn get_snapshot(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<Json<SnapshotOut>, AppError> {
    let s = snapshots::get(state.store(), &access.access, RiskSnapshotId(path.1)).await?;
    Ok(Json(SnapshotOut {
        summary: SnapshotSummaryOut::from(&s.summary),
        data: s.data,
    }))
}

/// The risk analysis now (risk.md §1-5): each medium's threat and vulnerability, each asset's
/// importance, likelihood, risk value, level and suggested treatment, the heat map, and the
/// regulation chapters to write, computed by the domain engine from the stored data.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/risk/evaluation", tag = "risk",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = EvaluationOut), (status = 404, description = "no such company")))]
pub async fn evaluation(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<EvaluationOut>, AppError> {
    Ok(Json(
        mamori_app::risk::views::evaluation(state.store(), &access.access).await?,
    ))
}
