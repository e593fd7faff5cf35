//! Treatment decisions (risk.md §5), which can put their planned measures into the action list
//! in the same transaction.

use serde_json::{Map, Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::assets::load_one;
use super::codes::{treatment_code, treatment_from_code};
use super::{
    RiskAsset, RiskTreatment, TreatmentInput, actor_email, change, changed_fields, write_history,
};
use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{ActionId, MAX_PRIORITY, OrgScope, Result, RiskAssetId, Store, StoreError, Timestamp};

/// The longest action title the action list takes (as the web layer checks it).
const ACTION_TITLE_MAX: usize = 200;

const TREATMENT_COLUMNS: &str = "asset_id, option, planned, action_id, owner, due_date, \
     residual_risk, approved_by, approved_on, updated_at";

fn treatment_from_row(r: &AnyRow) -> Result<RiskTreatment> {
    let option: String = r.try_get("option")?;
    Ok(RiskTreatment {
        asset_id: RiskAssetId(r.try_get("asset_id")?),
        option: treatment_from_code(&option)
            .ok_or_else(|| StoreError::Corrupt(format!("treatment option {option:?}")))?,
        planned: r.try_get("planned")?,
        action_id: r.try_get::<Option<i64>, _>("action_id")?.map(ActionId),
        owner: r.try_get("owner")?,
        due_date: r.try_get("due_date")?,
        residual_risk: r.try_get("residual_risk")?,
        approved_by: r.try_get("approved_by")?,
        approved_on: r.try_get("approved_on")?,
        updated_at: Timestamp(r.try_get("updated_at")?),
    })
}

impl Store {
    // --- treatments ---------------------------------------------------------------------------

    /// Every treatment decision, in register order.
    pub async fn risk_treatments(&self, scope: &OrgScope) -> Result<Vec<RiskTreatment>> {
        let rows = sqlx::query(
            "SELECT t.asset_id, t.option, t.planned, t.action_id, t.owner, t.due_date, \
                    t.residual_risk, t.approved_by, t.approved_on, t.updated_at \
               FROM risk_treatments t JOIN risk_assets a ON a.id = t.asset_id \
              WHERE t.org_id = $1 AND a.org_id = $1 ORDER BY a.position, a.id",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(treatment_from_row).collect()
    }

    /// The treatment of one asset (`None` until decided); another organisation's asset is
    /// `NotFound`.
    pub async fn risk_treatment(
        &self,
        scope: &OrgScope,
        asset: RiskAssetId,
    ) -> Result<Option<RiskTreatment>> {
        let mut conn = self.read.acquire().await?;
        load_one(&mut conn, scope, asset).await?;
        treatment_of(&mut conn, scope, asset).await
    }

    /// Records the treatment decision of an asset. With `to_action` the planned measures go into
    /// the action list in the same transaction: a new action (source `risk`), or the one linked
    /// before brought up to date (title, owner, due date).
    pub async fn set_risk_treatment(
        &self,
        scope: &OrgScope,
        asset: RiskAssetId,
        input: &TreatmentInput,
    ) -> Result<RiskTreatment> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row = load_one(&mut tx, scope, asset).await?;
        let old = treatment_of(&mut tx, scope, asset).await?;
        let now = Timestamp::now();
        let linked = old.as_ref().and_then(|t| t.action_id);
        let action_id = sync_action(&mut tx, scope, &row, input, linked, now).await?;
        let new = RiskTreatment {
            asset_id: asset,
            option: input.option,
            planned: input.planned.clone(),
            action_id,
            owner: input.owner.clone(),
            due_date: input.due_date.clone(),
            residual_risk: input.residual_risk,
            approved_by: input.approved_by.clone(),
            approved_on: input.approved_on.clone(),
            updated_at: now,
        };
        let fields = changed_fields(old.as_ref(), Some(&new), &["asset_id", "updated_at"]);
        if fields.is_empty() {
            tx.commit().await?;
            return Ok(old.unwrap_or(new));
        }
        sqlx::query(
            "INSERT INTO risk_treatments (asset_id, org_id, option, planned, action_id, owner, \
                 due_date, residual_risk, approved_by, approved_on, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (asset_id) DO UPDATE SET option = excluded.option, \
                 planned = excluded.planned, action_id = excluded.action_id, \
                 owner = excluded.owner, due_date = excluded.due_date, \
                 residual_risk = excluded.residual_risk, approved_by = excluded.approved_by, \
                 approved_on = excluded.approved_on, updated_at = excluded.updated_at",
        )
        .bind(asset.0)
        .bind(scope.org().0)
        .bind(treatment_code(new.option))
        .bind(new.planned.as_deref())
        .bind(new.action_id.map(|a| a.0))
        .bind(new.owner.as_deref())
        .bind(new.due_date.as_deref())
        .bind(new.residual_risk)
        .bind(new.approved_by.as_deref())
        .bind(new.approved_on.as_deref())
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
        let actor = actor_email(&mut tx, scope.user()).await?;
        write_history(
            &mut tx,
            scope,
            &actor,
            now,
            &[(asset, change("treatment", fields))],
        )
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk_treatment.set",
                object_type: "risk_asset",
                object_id: asset.to_string(),
                detail: json!({"name": row.fields.name, "option": treatment_code(new.option)}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }
}

async fn treatment_of(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    asset: RiskAssetId,
) -> Result<Option<RiskTreatment>> {
    let row = sqlx::query(sql!(
        "SELECT {TREATMENT_COLUMNS} FROM risk_treatments WHERE asset_id = $1 AND org_id = $2"
    ))
    .bind(asset.0)
    .bind(scope.org().0)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(treatment_from_row).transpose()
}

/// The action title for planned measures: the asset's name and the first line of the plan, at
/// most 200 characters; the whole plan goes into the note when it says more than the title.
fn action_text(asset: &str, planned: &str) -> (String, Option<String>) {
    let first = planned
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let full = format!("{asset}: {first}");
    let title: String = if full.chars().count() > ACTION_TITLE_MAX {
        let mut t: String = full.chars().take(ACTION_TITLE_MAX - 1).collect();
        t.push('…');
        t
    } else {
        full.clone()
    };
    let note = (title != full || planned.trim() != first).then(|| planned.trim().to_owned());
    (title, note)
}

/// Puts the planned measures into the action list (see `set_risk_treatment`); the id of the
/// action the treatment links to afterwards.
async fn sync_action(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    asset: &RiskAsset,
    input: &TreatmentInput,
    linked: Option<ActionId>,
    now: Timestamp,
) -> Result<Option<ActionId>> {
    let planned = input
        .planned
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    let (true, Some(planned)) = (input.to_action, planned) else {
        return Ok(linked);
    };
    let (title, note) = action_text(&asset.fields.name, planned);
    if let Some(id) = linked {
        let row =
            sqlx::query("SELECT title, owner, due_date FROM actions WHERE id = $1 AND org_id = $2")
                .bind(id.0)
                .bind(scope.org().0)
                .fetch_optional(&mut *conn)
                .await?;
        if let Some(row) = row {
            let old: (String, Option<String>, Option<String>) =
                (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            let mut changed = Map::new();
            if old.0 != title {
                changed.insert("title".into(), json!(title));
            }
            if old.1 != input.owner {
                changed.insert("owner".into(), json!(input.owner));
            }
            if old.2 != input.due_date {
                changed.insert("due_date".into(), json!(input.due_date));
            }
            if !changed.is_empty() {
                sqlx::query(
                    "UPDATE actions SET title = $1, owner = $2, due_date = $3, updated_at = $4 \
                      WHERE id = $5 AND org_id = $6",
                )
                .bind(title.as_str())
                .bind(input.owner.as_deref())
                .bind(input.due_date.as_deref())
                .bind(now.0)
                .bind(id.0)
                .bind(scope.org().0)
                .execute(&mut *conn)
                .await?;
                changed.insert("title".into(), json!(title));
                record(
                    &mut *conn,
                    NewAuditEvent {
                        org: Some(scope.org()),
                        actor: Some(scope.user()),
                        action: "action.update",
                        object_type: "action",
                        object_id: id.to_string(),
                        detail: Value::Object(changed),
                    },
                )
                .await?;
            }
            return Ok(Some(id));
        }
    }
    // As `create_action` does: a new action goes after the open ones.
    let last: i64 = sqlx::query(
        "SELECT COALESCE(MAX(priority), 0) FROM actions WHERE org_id = $1 AND status IN ('todo', 'doing')",
    )
    .bind(scope.org().0)
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    let id: i64 = sqlx::query(
        "INSERT INTO actions (org_id, title, source, priority, owner, due_date, status, note, \
             created_by, created_at, updated_at) \
         VALUES ($1, $2, 'risk', $3, $4, $5, 'todo', $6, $7, $8, $8) RETURNING id",
    )
    .bind(scope.org().0)
    .bind(title.as_str())
    .bind((last + 1).clamp(1, MAX_PRIORITY))
    .bind(input.owner.as_deref())
    .bind(input.due_date.as_deref())
    .bind(note.as_deref())
    .bind(scope.user().0)
    .bind(now.0)
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    record(
        &mut *conn,
        NewAuditEvent {
            org: Some(scope.org()),
            actor: Some(scope.user()),
            action: "action.create",
            object_type: "action",
            object_id: id.to_string(),
            detail: json!({
                "title": title,
                "source": "risk",
                "catalog": null,
                "item": null,
                "risk_asset": asset.id.0,
                "risk_asset_name": asset.fields.name,
            }),
        },
    )
    .await?;
    Ok(Some(ActionId(id)))
}
