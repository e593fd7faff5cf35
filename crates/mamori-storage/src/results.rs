//! Reading results back: the newest result of each diagnostic, open drafts, and one diagnostic's
//! history. Each is one query whatever the number of assessments (company home and result pages
//! call them on every view).

use sqlx::Row;

use crate::assessments::{SUMMARY_COLUMNS, json_column, summary_from_row};
use crate::{AssessmentSummary, OrgScope, Result, Store, StoreError};

/// A submitted assessment with the engine's result stored at submission.
pub type ScoredAssessment = (AssessmentSummary, serde_json::Value);

fn scored(r: &sqlx::any::AnyRow) -> Result<ScoredAssessment> {
    let result = json_column(r, "result")?
        .ok_or_else(|| StoreError::Corrupt("a submitted assessment without a result".into()))?;
    Ok((summary_from_row(r)?, result))
}

impl Store {
    /// For each catalog the organisation has submitted, its newest submission (by submission
    /// time, then id), in catalog id order.
    pub async fn latest_results(&self, scope: &OrgScope) -> Result<Vec<ScoredAssessment>> {
        let rows = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS}, result FROM assessments a \
              WHERE org_id = $1 AND status = 'submitted' AND NOT EXISTS ( \
                SELECT 1 FROM assessments b WHERE b.org_id = a.org_id \
                   AND b.catalog_id = a.catalog_id AND b.status = 'submitted' \
                   AND (b.submitted_at > a.submitted_at \
                        OR (b.submitted_at = a.submitted_at AND b.id > a.id))) \
              ORDER BY catalog_id"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(scored).collect()
    }

    /// The newest result of each catalog and the open drafts, in one query (the company home
    /// and the list of diagnostics show both on every view).
    pub async fn results_and_drafts(
        &self,
        scope: &OrgScope,
    ) -> Result<(Vec<ScoredAssessment>, Vec<AssessmentSummary>)> {
        let rows = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS}, result FROM assessments a \
              WHERE org_id = $1 AND (status = 'draft' OR (status = 'submitted' AND NOT EXISTS ( \
                SELECT 1 FROM assessments b WHERE b.org_id = a.org_id \
                   AND b.catalog_id = a.catalog_id AND b.status = 'submitted' \
                   AND (b.submitted_at > a.submitted_at \
                        OR (b.submitted_at = a.submitted_at AND b.id > a.id))))) \
              ORDER BY catalog_id, updated_at DESC, id DESC"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        let mut latest = Vec::new();
        let mut drafts = Vec::new();
        for r in &rows {
            let summary = summary_from_row(r)?;
            if summary.status == crate::AssessmentStatus::Draft {
                drafts.push(summary);
            } else {
                latest.push((
                    summary,
                    json_column(r, "result")?.ok_or_else(|| {
                        StoreError::Corrupt("a submitted assessment without a result".into())
                    })?,
                ));
            }
        }
        drafts.sort_by_key(|d| std::cmp::Reverse((d.updated_at.0, d.id.0)));
        Ok((latest, drafts))
    }

    /// Drafts still being answered, newest first.
    pub async fn open_drafts(&self, scope: &OrgScope) -> Result<Vec<AssessmentSummary>> {
        let rows = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS} FROM assessments WHERE org_id = $1 AND status = 'draft' \
              ORDER BY updated_at DESC, id DESC"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(summary_from_row).collect()
    }

    /// The newest `limit` submissions of one catalog, oldest first (the order a trend reads in).
    pub async fn result_history(
        &self,
        scope: &OrgScope,
        catalog_id: &str,
        limit: i64,
    ) -> Result<Vec<ScoredAssessment>> {
        let rows = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS}, result FROM assessments \
              WHERE org_id = $1 AND catalog_id = $2 AND status = 'submitted' \
              ORDER BY submitted_at DESC, id DESC LIMIT $3"
        ))
        .bind(scope.org().0)
        .bind(catalog_id)
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        let mut list = rows.iter().map(scored).collect::<Result<Vec<_>>>()?;
        list.reverse();
        Ok(list)
    }
}

/// Another company's newest result of one diagnostic, for peer comparison: no name, no id
/// that leaves the server's memory, only what grouping needs.
#[derive(Debug, Clone)]
pub struct PeerResult {
    /// Tells companies apart inside one comparison (never shown).
    pub company: i64,
    pub industry: Option<String>,
    pub employee_band: Option<String>,
    pub result: serde_json::Value,
}

impl Store {
    /// The newest result of `catalog_id` of every company that allows anonymous use of its
    /// results, except the asking organisation (diagnostics.md §9). This is the one read across
    /// organisations: it needs the asker's scope, returns no names, and its callers show only
    /// aggregates over at least five companies (`mamori_domain::peers`).
    pub async fn peer_results(
        &self,
        scope: &OrgScope,
        catalog_id: &str,
    ) -> Result<Vec<PeerResult>> {
        let rows = sqlx::query(
            "SELECT a.org_id, p.industry, p.employee_band, a.result \
               FROM assessments a JOIN company_profiles p ON p.org_id = a.org_id \
              WHERE a.catalog_id = $1 AND a.status = 'submitted' AND a.org_id <> $2 \
                AND p.share_anonymously = 1 AND NOT EXISTS ( \
                    SELECT 1 FROM assessments b WHERE b.org_id = a.org_id \
                       AND b.catalog_id = a.catalog_id AND b.status = 'submitted' \
                       AND (b.submitted_at > a.submitted_at \
                            OR (b.submitted_at = a.submitted_at AND b.id > a.id)))",
        )
        .bind(catalog_id)
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PeerResult {
                    company: r.try_get("org_id")?,
                    industry: r.try_get("industry")?,
                    employee_band: r.try_get("employee_band")?,
                    result: json_column(r, "result")?.unwrap_or_default(),
                })
            })
            .collect()
    }
}
