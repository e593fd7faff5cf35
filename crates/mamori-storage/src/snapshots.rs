//! NIST CSF profile snapshots (diagnostics.md §6): for each improvement cycle, which submitted
//! CSF assessment stands for the profile at planning and which for the profile at evaluation.
//! Every cycle is kept: choosing a planning profile after an evaluation starts the next cycle.

use serde_json::json;
use sqlx::Row;

use crate::assessments::{json_column, summary_from_row};
use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::results::ScoredAssessment;
use crate::{AssessmentId, CsfStage, OrgScope, Result, Store, StoreError, Timestamp};

/// The CSF catalog; only its assessments can be snapshots.
const CSF: &str = "nist-csf-tiers";

/// The summary columns of the joined assessment (both tables have `org_id`).
const SUMMARY_COLUMNS_A: &str = "a.id, a.org_id, a.catalog_id, a.catalog_version, a.status, \
     a.created_at, a.updated_at, a.submitted_at, a.revision";

/// A snapshot: the stage and the scored assessment with its targets (the ideal profile).
#[derive(Debug, Clone)]
pub struct CsfSnapshot {
    /// 1 for the first improvement cycle.
    pub cycle: i64,
    pub stage: CsfStage,
    pub assessment: ScoredAssessment,
    pub targets: Option<serde_json::Value>,
    pub set_at: Timestamp,
}

impl Store {
    /// The organisation's snapshots, cycle by cycle (planning first), with the assessments they
    /// point at.
    pub async fn csf_snapshots(&self, scope: &OrgScope) -> Result<Vec<CsfSnapshot>> {
        let rows = sqlx::query(sql!(
            "SELECT s.cycle, s.stage, s.set_at, a.targets, a.result, {SUMMARY_COLUMNS_A} \
               FROM csf_snapshots s JOIN assessments a ON a.id = s.assessment_id \
              WHERE s.org_id = $1 AND a.org_id = $1 ORDER BY s.cycle, s.stage DESC"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let stage: String = r.try_get("stage")?;
                Ok(CsfSnapshot {
                    cycle: r.try_get("cycle")?,
                    stage: CsfStage::parse(&stage)
                        .ok_or_else(|| StoreError::Corrupt(format!("stage {stage:?}")))?,
                    assessment: (
                        summary_from_row(r)?,
                        json_column(r, "result")?.unwrap_or_default(),
                    ),
                    targets: json_column(r, "targets")?,
                    set_at: Timestamp(r.try_get("set_at")?),
                })
            })
            .collect()
    }

    /// Makes a submitted CSF assessment the snapshot of `stage` in the current cycle, replacing
    /// the one before; a planning profile chosen once the current cycle has its evaluation
    /// starts the next cycle. Returns the cycle.
    pub async fn set_csf_snapshot(
        &self,
        scope: &OrgScope,
        stage: CsfStage,
        assessment: AssessmentId,
    ) -> Result<i64> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row =
            sqlx::query("SELECT catalog_id, status FROM assessments WHERE id = $1 AND org_id = $2")
                .bind(assessment.0)
                .bind(scope.org().0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let catalog: String = row.try_get("catalog_id")?;
        let status: String = row.try_get("status")?;
        if catalog != CSF {
            return Err(StoreError::NotFound);
        }
        if status != "submitted" {
            return Err(StoreError::Conflict("not_submitted"));
        }
        let current = sqlx::query(
            "SELECT cycle, SUM(CASE WHEN stage = 'evaluation' THEN 1 ELSE 0 END) AS evaluated \
               FROM csf_snapshots WHERE org_id = $1 GROUP BY cycle ORDER BY cycle DESC LIMIT 1",
        )
        .bind(scope.org().0)
        .fetch_optional(&mut *tx)
        .await?;
        let (last, evaluated) = match &current {
            Some(r) => (
                r.try_get::<i64, _>("cycle")?,
                r.try_get::<i64, _>("evaluated")? > 0,
            ),
            None => (0, false),
        };
        let cycle = match stage {
            CsfStage::Planning if last == 0 || evaluated => last + 1,
            _ => last.max(1),
        };
        sqlx::query("DELETE FROM csf_snapshots WHERE org_id = $1 AND cycle = $2 AND stage = $3")
            .bind(scope.org().0)
            .bind(cycle)
            .bind(stage.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO csf_snapshots (org_id, cycle, stage, assessment_id, set_by, set_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(scope.org().0)
        .bind(cycle)
        .bind(stage.as_str())
        .bind(assessment.0)
        .bind(scope.user().0)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "csf.snapshot",
                object_type: "assessment",
                object_id: assessment.to_string(),
                detail: json!({"stage": stage.as_str(), "cycle": cycle}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(cycle)
    }
}
