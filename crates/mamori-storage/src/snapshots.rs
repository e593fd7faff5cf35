//! NIST CSF profile snapshots (diagnostics.md §6): which submitted CSF assessment stands for the
//! profile at planning and which for the profile at evaluation.

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
    pub stage: CsfStage,
    pub assessment: ScoredAssessment,
    pub targets: Option<serde_json::Value>,
    pub set_at: Timestamp,
}

impl Store {
    /// The organisation's snapshots (planning first), with the assessments they point at.
    pub async fn csf_snapshots(&self, scope: &OrgScope) -> Result<Vec<CsfSnapshot>> {
        let rows = sqlx::query(sql!(
            "SELECT s.stage, s.set_at, a.targets, a.result, {SUMMARY_COLUMNS_A} \
               FROM csf_snapshots s JOIN assessments a ON a.id = s.assessment_id \
              WHERE s.org_id = $1 AND a.org_id = $1 ORDER BY s.stage DESC"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let stage: String = r.try_get("stage")?;
                Ok(CsfSnapshot {
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

    /// Makes a submitted CSF assessment the snapshot of `stage` (replacing the one before).
    pub async fn set_csf_snapshot(
        &self,
        scope: &OrgScope,
        stage: CsfStage,
        assessment: AssessmentId,
    ) -> Result<()> {
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
        sqlx::query("DELETE FROM csf_snapshots WHERE org_id = $1 AND stage = $2")
            .bind(scope.org().0)
            .bind(stage.as_str())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO csf_snapshots (org_id, stage, assessment_id, set_by, set_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(scope.org().0)
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
                detail: json!({"stage": stage.as_str()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
