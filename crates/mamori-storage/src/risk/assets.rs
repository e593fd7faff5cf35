//! The asset register: rows one by one, edits of many rows at once, and imports.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::{Value, json};
use sqlx::Row;

use super::{
    ASSET_COLUMNS, RISK_ASSET_FIELDS, RiskAsset, RiskAssetFields, RiskAssetUpdate, actor_email,
    asset_from_row, bind_fields, canonical_personal, change, changed_fields, chunk_rows,
    placeholders, write_history,
};
use crate::audit::{NewAuditEvent, record};
use crate::json_rows::{list_sql, rows_of};
use crate::orgs::require_editor;
use crate::{OrgScope, Result, RiskAssetId, Store, StoreError, Timestamp};

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RegisterImport {
    /// Rows added.
    pub added: u64,
    /// Rows removed first (replacing the register).
    pub removed: u64,
}

/// Fields the history leaves out: they are not what people edit.
const NOT_HISTORY: &[&str] = &[
    "id",
    "org_id",
    "position",
    "created_by",
    "created_at",
    "updated_at",
];

impl Store {
    /// The register in its order (one query, one value).
    pub async fn risk_assets(&self, scope: &OrgScope) -> Result<Vec<RiskAsset>> {
        // One JSON list, not one row per asset (see `json_rows`).
        let row = sqlx::query(sqlx::AssertSqlSafe(list_sql(
            self.backend(),
            ASSET_COLUMNS,
            "FROM risk_assets WHERE org_id = $1",
            "position, id",
        )))
        .bind(scope.org().0)
        .fetch_one(&self.read)
        .await?;
        rows_of(&row)?.iter().map(asset_from_row).collect()
    }

    /// One row; another organisation's is `NotFound`.
    pub async fn risk_asset(&self, scope: &OrgScope, id: RiskAssetId) -> Result<RiskAsset> {
        let mut conn = self.read.acquire().await?;
        load_one(&mut conn, scope, id).await
    }

    /// Adds a row at the end of the register.
    pub async fn create_risk_asset(
        &self,
        scope: &OrgScope,
        fields: &RiskAssetFields,
    ) -> Result<RiskAsset> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let now = Timestamp::now();
        let position = next_position(&mut tx, scope).await?;
        let id = insert_assets(&mut tx, scope, now, &[(position, fields)]).await?[0];
        let asset = new_row(scope, id, fields, position, now);
        let actor = actor_email(&mut tx, scope.user()).await?;
        let fields_changed = changed_fields(None, Some(&asset), NOT_HISTORY);
        write_history(
            &mut tx,
            scope,
            &actor,
            now,
            &[(id, change("create", fields_changed))],
        )
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk_asset.create",
                object_type: "risk_asset",
                object_id: id.to_string(),
                detail: json!({"name": asset.fields.name, "medium": asset.fields.medium}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(asset)
    }

    /// Changes one row. A change that changes nothing writes nothing.
    pub async fn update_risk_asset(
        &self,
        scope: &OrgScope,
        id: RiskAssetId,
        update: &RiskAssetUpdate,
    ) -> Result<RiskAsset> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let now = Timestamp::now();
        let mut rows = update_rows(&mut tx, scope, now, &[(id, update)]).await?;
        let (before, after) = rows.pop().ok_or(StoreError::NotFound)?;
        if before == after {
            return Ok(before);
        }
        let fields = changed_fields(Some(&before), Some(&after), NOT_HISTORY);
        let names: Vec<&String> = fields.keys().collect();
        let detail = json!({"name": after.fields.name, "fields": names});
        let actor = actor_email(&mut tx, scope.user()).await?;
        write_history(
            &mut tx,
            scope,
            &actor,
            now,
            &[(id, change("update", fields))],
        )
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk_asset.update",
                object_type: "risk_asset",
                object_id: id.to_string(),
                detail,
            },
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Changes many rows in one transaction: all of them, or (one id of another organisation or
    /// gone) none. Returns every named row as it is afterwards, in the order first named.
    pub async fn update_risk_assets(
        &self,
        scope: &OrgScope,
        updates: &[(RiskAssetId, RiskAssetUpdate)],
    ) -> Result<Vec<RiskAsset>> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let now = Timestamp::now();
        let named: Vec<(RiskAssetId, &RiskAssetUpdate)> =
            updates.iter().map(|(id, u)| (*id, u)).collect();
        let rows = update_rows(&mut tx, scope, now, &named).await?;
        let history: Vec<(RiskAssetId, Value)> = rows
            .iter()
            .filter(|(before, after)| before != after)
            .map(|(before, after)| {
                let fields = changed_fields(Some(before), Some(after), NOT_HISTORY);
                (after.id, change("update", fields))
            })
            .collect();
        if !history.is_empty() {
            let actor = actor_email(&mut tx, scope.user()).await?;
            write_history(&mut tx, scope, &actor, now, &history).await?;
            let ids: Vec<i64> = history.iter().map(|(id, _)| id.0).collect();
            let names: Vec<&str> = rows
                .iter()
                .filter(|(before, after)| before != after)
                .map(|(_, after)| after.fields.name.as_str())
                .collect();
            record(
                &mut *tx,
                NewAuditEvent {
                    org: Some(scope.org()),
                    actor: Some(scope.user()),
                    action: "risk_asset.bulk_update",
                    object_type: "risk_asset",
                    object_id: String::new(),
                    detail: json!({"count": ids.len(), "ids": ids, "names": names}),
                },
            )
            .await?;
        }
        tx.commit().await?;
        Ok(rows.into_iter().map(|(_, after)| after).collect())
    }

    /// Removes a row (its treatment goes with it; its history stays).
    pub async fn delete_risk_asset(&self, scope: &OrgScope, id: RiskAssetId) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let before = load_one(&mut tx, scope, id).await?;
        sqlx::query("DELETE FROM risk_assets WHERE id = $1 AND org_id = $2")
            .bind(id.0)
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        let now = Timestamp::now();
        let actor = actor_email(&mut tx, scope.user()).await?;
        let fields = changed_fields(Some(&before), None, NOT_HISTORY);
        write_history(
            &mut tx,
            scope,
            &actor,
            now,
            &[(id, change("delete", fields))],
        )
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk_asset.delete",
                object_type: "risk_asset",
                object_id: id.to_string(),
                detail: json!({"name": before.fields.name, "medium": before.fields.medium}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Copies a row to just below it (the same information on another medium is another row).
    pub async fn duplicate_risk_asset(
        &self,
        scope: &OrgScope,
        id: RiskAssetId,
    ) -> Result<RiskAsset> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let original = load_one(&mut tx, scope, id).await?;
        sqlx::query(
            "UPDATE risk_assets SET position = position + 1 WHERE org_id = $1 AND position > $2",
        )
        .bind(scope.org().0)
        .bind(original.position)
        .execute(&mut *tx)
        .await?;
        let now = Timestamp::now();
        let position = original.position + 1;
        let copy = insert_assets(&mut tx, scope, now, &[(position, &original.fields)]).await?[0];
        let asset = new_row(scope, copy, &original.fields, position, now);
        let mut doc = change("create", changed_fields(None, Some(&asset), NOT_HISTORY));
        doc["copy_of"] = json!(id.0);
        let actor = actor_email(&mut tx, scope.user()).await?;
        write_history(&mut tx, scope, &actor, now, &[(copy, doc)]).await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk_asset.create",
                object_type: "risk_asset",
                object_id: copy.to_string(),
                detail: json!({"name": asset.fields.name, "medium": asset.fields.medium, "copy_of": id.0}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(asset)
    }

    /// A confirmed import: appends `rows` to the register in their order, all or nothing.
    pub async fn import_assets(
        &self,
        scope: &OrgScope,
        rows: &[RiskAssetFields],
    ) -> Result<RegisterImport> {
        self.import_register(scope, rows, false).await
    }

    /// A confirmed import that replaces the register: the rows there are removed (with their
    /// treatments; the history records each removal) and `rows` take their place, all or nothing.
    pub async fn replace_register(
        &self,
        scope: &OrgScope,
        rows: &[RiskAssetFields],
    ) -> Result<RegisterImport> {
        self.import_register(scope, rows, true).await
    }

    async fn import_register(
        &self,
        scope: &OrgScope,
        rows: &[RiskAssetFields],
        replace: bool,
    ) -> Result<RegisterImport> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let now = Timestamp::now();
        let actor = actor_email(&mut tx, scope.user()).await?;
        let mut removed = 0;
        if replace {
            let old = sqlx::query(sql!(
                "SELECT {ASSET_COLUMNS} FROM risk_assets WHERE org_id = $1 ORDER BY position, id"
            ))
            .bind(scope.org().0)
            .fetch_all(&mut *tx)
            .await?;
            let history = old
                .iter()
                .map(|r| {
                    let before = asset_from_row(r)?;
                    let fields = changed_fields(Some(&before), None, NOT_HISTORY);
                    Ok((before.id, change("delete", fields)))
                })
                .collect::<Result<Vec<_>>>()?;
            sqlx::query("DELETE FROM risk_assets WHERE org_id = $1")
                .bind(scope.org().0)
                .execute(&mut *tx)
                .await?;
            write_history(&mut tx, scope, &actor, now, &history).await?;
            removed = history.len() as u64;
        }
        let first = next_position(&mut tx, scope).await?;
        let placed: Vec<(i64, &RiskAssetFields)> = rows
            .iter()
            .enumerate()
            .map(|(n, f)| (first + n as i64, f))
            .collect();
        let ids = insert_assets(&mut tx, scope, now, &placed).await?;
        let history: Vec<(RiskAssetId, Value)> = ids
            .iter()
            .zip(&placed)
            .map(|(id, (position, fields))| {
                let asset = new_row(scope, *id, fields, *position, now);
                (
                    *id,
                    change("import", changed_fields(None, Some(&asset), NOT_HISTORY)),
                )
            })
            .collect();
        write_history(&mut tx, scope, &actor, now, &history).await?;
        let added = ids.len() as u64;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk_asset.import",
                object_type: "risk_asset",
                object_id: String::new(),
                detail: json!({"added": added, "removed": removed, "replace": replace}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RegisterImport { added, removed })
    }
}

/// The row as stored by `insert_assets` (without reading it back).
fn new_row(
    scope: &OrgScope,
    id: RiskAssetId,
    fields: &RiskAssetFields,
    position: i64,
    now: Timestamp,
) -> RiskAsset {
    let mut fields = fields.clone();
    fields.personal = canonical_personal(&fields.personal);
    RiskAsset {
        id,
        org_id: scope.org(),
        fields,
        position,
        created_by: Some(scope.user()),
        created_at: now,
        updated_at: now,
    }
}

pub(super) async fn load_one(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    id: RiskAssetId,
) -> Result<RiskAsset> {
    let row = sqlx::query(sql!(
        "SELECT {ASSET_COLUMNS} FROM risk_assets WHERE id = $1 AND org_id = $2"
    ))
    .bind(id.0)
    .bind(scope.org().0)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    asset_from_row(&row)
}

/// The rows of `ids` that belong to the organisation, a chunk of ids per query.
async fn load_many(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    ids: &[RiskAssetId],
) -> Result<HashMap<RiskAssetId, RiskAsset>> {
    let mut found = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        let list = placeholders(chunk.len(), 1, 2, |p| p[0].clone());
        let mut q = sqlx::query(sql!(
            "SELECT {ASSET_COLUMNS} FROM risk_assets WHERE org_id = $1 AND id IN ({list})"
        ))
        .bind(scope.org().0);
        for id in chunk {
            q = q.bind(id.0);
        }
        for row in q.fetch_all(&mut *conn).await? {
            let asset = asset_from_row(&row)?;
            found.insert(asset.id, asset);
        }
    }
    Ok(found)
}

async fn next_position(conn: &mut sqlx::AnyConnection, scope: &OrgScope) -> Result<i64> {
    let last: i64 =
        sqlx::query("SELECT COALESCE(MAX(position), 0) FROM risk_assets WHERE org_id = $1")
            .bind(scope.org().0)
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
    Ok(last + 1)
}

/// Inserts rows at the given positions in multi-row statements; their ids in the same order.
async fn insert_assets(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    now: Timestamp,
    rows: &[(i64, &RiskAssetFields)],
) -> Result<Vec<RiskAssetId>> {
    let width = RISK_ASSET_FIELDS.len() + 1;
    let columns = RISK_ASSET_FIELDS.join(", ");
    let mut by_position = HashMap::with_capacity(rows.len());
    for chunk in rows.chunks(chunk_rows(conn, width)) {
        let values = placeholders(chunk.len(), width, 4, |p| {
            format!("($1, $2, $3, $3, {})", p.join(", "))
        });
        // RETURNING gives no promise about the order of the rows, so the position (unique among
        // the new rows) tells which id is whose.
        let mut q = sqlx::query(sql!(
            "INSERT INTO risk_assets (org_id, created_by, created_at, updated_at, {columns}, position) \
             VALUES {values} RETURNING id, position"
        ))
        .bind(scope.org().0)
        .bind(scope.user().0)
        .bind(now.0);
        for (position, fields) in chunk {
            q = bind_fields(q, fields).bind(*position);
        }
        for row in q.fetch_all(&mut *conn).await? {
            let position: i64 = row.try_get("position")?;
            by_position.insert(position, RiskAssetId(row.try_get("id")?));
        }
    }
    rows.iter()
        .map(|(position, _)| {
            by_position
                .get(position)
                .copied()
                .ok_or_else(|| StoreError::Corrupt(format!("no id returned for row {position}")))
        })
        .collect()
}

/// Applies changes to rows of the organisation: each named row once (in the order first named)
/// as (before, after). Only rows that change are written, a chunk of rows per statement. An id
/// that is not the organisation's is `NotFound`.
async fn update_rows(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    now: Timestamp,
    updates: &[(RiskAssetId, &RiskAssetUpdate)],
) -> Result<Vec<(RiskAsset, RiskAsset)>> {
    let mut order: Vec<RiskAssetId> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (id, _) in updates {
        if seen.insert(*id) {
            order.push(*id);
        }
    }
    let found = load_many(conn, scope, &order).await?;
    if order.iter().any(|id| !found.contains_key(id)) {
        return Err(StoreError::NotFound);
    }
    let mut after = found.clone();
    for (id, update) in updates {
        if let Some(row) = after.get_mut(id) {
            update.apply(&mut row.fields);
        }
    }
    let mut result = Vec::with_capacity(order.len());
    for id in &order {
        let before = found[id].clone();
        let mut new = after.remove(id).unwrap_or_else(|| before.clone());
        if new.fields != before.fields {
            new.updated_at = now;
        }
        result.push((before, new));
    }
    let changed: Vec<&RiskAsset> = result
        .iter()
        .filter(|(b, a)| b != a)
        .map(|(_, a)| a)
        .collect();
    let width = RISK_ASSET_FIELDS.len() + 1;
    let set: Vec<String> = RISK_ASSET_FIELDS
        .iter()
        .enumerate()
        .map(|(n, c)| format!("{c} = v.column{}", n + 2))
        .collect();
    let set = set.join(", ");
    for chunk in changed.chunks(chunk_rows(conn, width)) {
        // VALUES columns are column1, column2 … on both backends.
        let values = placeholders(chunk.len(), width, 3, |p| format!("({})", p.join(", ")));
        let mut q = sqlx::query(sql!(
            "UPDATE risk_assets SET {set}, updated_at = $2 FROM (VALUES {values}) AS v \
              WHERE risk_assets.id = v.column1 AND risk_assets.org_id = $1"
        ))
        .bind(scope.org().0)
        .bind(now.0);
        for asset in chunk {
            q = bind_fields(q.bind(asset.id.0), &asset.fields);
        }
        let done = q.execute(&mut *conn).await?.rows_affected();
        if done != chunk.len() as u64 {
            return Err(StoreError::NotFound);
        }
    }
    Ok(result)
}
