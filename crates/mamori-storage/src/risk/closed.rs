//! What is kept of the analysis: the register's history and closed analyses (snapshots).

use serde_json::{Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{RiskHistoryEntry, RiskSnapshot, RiskSnapshotSummary};
use crate::assessments::json_column;
use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{OrgScope, Result, RiskAssetId, RiskSnapshotId, Store, StoreError, Timestamp, UserId};

fn snapshot_summary(r: &AnyRow) -> Result<RiskSnapshotSummary> {
    Ok(RiskSnapshotSummary {
        id: RiskSnapshotId(r.try_get("id")?),
        title: r.try_get("title")?,
        closed_at: Timestamp(r.try_get("closed_at")?),
        closed_by: r.try_get::<Option<i64>, _>("closed_by")?.map(UserId),
    })
}

impl Store {
    // --- history ------------------------------------------------------------------------------

    /// The register's history, newest first, of every asset or of one (`asset`); `before` pages
    /// backwards by entry id. At most `limit` (1-500) entries.
    pub async fn risk_history(
        &self,
        scope: &OrgScope,
        asset: Option<RiskAssetId>,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<RiskHistoryEntry>> {
        let filter = if asset.is_some() {
            "AND asset_id = $4"
        } else {
            ""
        };
        let mut q = sqlx::query(sql!(
            "SELECT id, asset_id, actor_id, actor, at, change FROM risk_asset_history \
              WHERE org_id = $1 AND id < $2 {filter} ORDER BY id DESC LIMIT $3"
        ))
        .bind(scope.org().0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(limit.clamp(1, 500));
        if let Some(asset) = asset {
            q = q.bind(asset.0);
        }
        let rows = q.fetch_all(&self.read).await?;
        rows.iter()
            .map(|r| {
                Ok(RiskHistoryEntry {
                    id: r.try_get("id")?,
                    asset_id: RiskAssetId(r.try_get("asset_id")?),
                    actor_id: r.try_get::<Option<i64>, _>("actor_id")?.map(UserId),
                    actor: r.try_get("actor")?,
                    at: Timestamp(r.try_get("at")?),
                    change: json_column(r, "change")?.unwrap_or(Value::Null),
                })
            })
            .collect()
    }

    // --- snapshots ----------------------------------------------------------------------------

    /// Closes an analysis: keeps `data` (the whole analysis as the caller assembled it) under
    /// `title`.
    pub async fn close_risk_snapshot(
        &self,
        scope: &OrgScope,
        title: &str,
        data: &Value,
    ) -> Result<RiskSnapshotSummary> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO risk_snapshots (org_id, title, closed_at, closed_by, data) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(scope.org().0)
        .bind(title)
        .bind(now.0)
        .bind(scope.user().0)
        .bind(data.to_string())
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk.snapshot",
                object_type: "risk_snapshot",
                object_id: id.to_string(),
                detail: json!({"title": title}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RiskSnapshotSummary {
            id: RiskSnapshotId(id),
            title: title.to_owned(),
            closed_at: now,
            closed_by: Some(scope.user()),
        })
    }

    /// The closed analyses, newest first, without their data.
    pub async fn risk_snapshots(&self, scope: &OrgScope) -> Result<Vec<RiskSnapshotSummary>> {
        let rows = sqlx::query(
            "SELECT id, title, closed_at, closed_by FROM risk_snapshots WHERE org_id = $1 \
             ORDER BY id DESC",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(snapshot_summary).collect()
    }

    /// One closed analysis with its data; another organisation's is `NotFound`.
    pub async fn risk_snapshot(
        &self,
        scope: &OrgScope,
        id: RiskSnapshotId,
    ) -> Result<RiskSnapshot> {
        let row = sqlx::query(
            "SELECT id, title, closed_at, closed_by, data FROM risk_snapshots \
              WHERE id = $1 AND org_id = $2",
        )
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(RiskSnapshot {
            summary: snapshot_summary(&row)?,
            data: json_column(&row, "data")?.unwrap_or(Value::Null),
        })
    }
}
