//! The annual plan as the company set it (operations.md §8): per fiscal year, the month of each
//! yearly item and the day it was done. Items not stored keep the domain's default month.

use serde_json::json;
use sqlx::Row;

use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{OrgScope, Result, Store, Timestamp};

/// One item of the plan as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRow {
    /// A key of `mamori_domain::operations::plan::PLAN_ITEMS`.
    pub item: String,
    /// 1-12.
    pub month: u8,
    /// `YYYY-MM-DD`.
    pub done_on: Option<String>,
}

impl Store {
    pub async fn annual_plan(&self, scope: &OrgScope, year: i32) -> Result<Vec<PlanRow>> {
        let rows = sqlx::query(
            "SELECT item, month, done_on FROM annual_plan WHERE org_id = $1 AND fiscal_year = $2 \
             ORDER BY item",
        )
        .bind(scope.org().0)
        .bind(i64::from(year))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let month: i64 = r.try_get("month")?;
                Ok(PlanRow {
                    item: r.try_get("item")?,
                    month: u8::try_from(month).unwrap_or(1),
                    done_on: r.try_get("done_on")?,
                })
            })
            .collect()
    }

    /// Replaces the plan of one fiscal year in one transaction.
    pub async fn set_annual_plan(
        &self,
        scope: &OrgScope,
        year: i32,
        rows: &[PlanRow],
    ) -> Result<()> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM annual_plan WHERE org_id = $1 AND fiscal_year = $2")
            .bind(scope.org().0)
            .bind(i64::from(year))
            .execute(&mut *tx)
            .await?;
        // At most nine items: one statement each keeps the SQL plain.
        for r in rows {
            sqlx::query(
                "INSERT INTO annual_plan (org_id, fiscal_year, item, month, done_on, updated_by, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(scope.org().0)
            .bind(i64::from(year))
            .bind(r.item.as_str())
            .bind(i64::from(r.month))
            .bind(r.done_on.as_deref())
            .bind(scope.user().0)
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "annual_plan.update",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"year": year, "done": rows.iter().filter(|r| r.done_on.is_some()).count()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
