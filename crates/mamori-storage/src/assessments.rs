//! Assessments: one run of one catalog for one organisation, a draft until submitted. Answers are
//! kept per respondent (one answer set per site or department; a single unnamed set otherwise).
//! The web layer validates answers and computes the result with the domain engine; this module
//! stores them atomically.

use mamori_domain::ItemNote;
use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Backend;
use crate::audit::{NewAuditEvent, record};
use crate::json_rows::Columns;
use crate::orgs::require_editor;
use crate::{
    AnswerSetRow, Assessment, AssessmentId, AssessmentStatus, AssessmentSummary, OrgId, OrgScope,
    Result, Store, StoreError, Timestamp, UserId,
};

/// One respondent's answers as given by a client.
#[derive(Debug, Clone)]
pub struct AnswerSetInput {
    pub name: String,
    pub answers: serde_json::Value,
}

/// What a save or a submission writes.
#[derive(Debug, Clone)]
pub struct AssessmentDraft {
    pub answer_sets: Vec<AnswerSetInput>,
    pub targets: Option<serde_json::Value>,
    /// The revision the client edited; a save over a newer revision is refused.
    pub expected_revision: Option<i64>,
    /// Notes given with the answers: each replaces its item's note (an empty one removes it);
    /// items not listed keep theirs.
    pub notes: Vec<ItemNote>,
}

/// The engine's result to store with a submission.
#[derive(Debug, Clone)]
pub struct SubmittedResult(pub serde_json::Value);

pub(crate) const SUMMARY_COLUMNS: &str = "id, org_id, catalog_id, catalog_version, status, created_at, \
     updated_at, submitted_at, revision";

pub(crate) fn summary_from_row(r: &impl Columns) -> Result<AssessmentSummary> {
    let status: String = r.get("status")?;
    Ok(AssessmentSummary {
        id: AssessmentId(r.get("id")?),
        org_id: OrgId(r.get("org_id")?),
        catalog_id: r.get("catalog_id")?,
        catalog_version: r.get("catalog_version")?,
        status: AssessmentStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
        created_at: Timestamp(r.get("created_at")?),
        updated_at: Timestamp(r.get("updated_at")?),
        submitted_at: r.get::<Option<i64>>("submitted_at")?.map(Timestamp),
        revision: r.get("revision")?,
    })
}

pub(crate) fn json_column(r: &AnyRow, column: &str) -> Result<Option<serde_json::Value>> {
    let text: Option<String> = r.try_get(column)?;
    text.map(|t| {
        serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
    })
    .transpose()
}

impl Store {
    pub async fn create_assessment(
        &self,
        scope: &OrgScope,
        catalog_id: &str,
        catalog_version: &str,
    ) -> Result<AssessmentSummary> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let summary = insert_assessment(&mut tx, scope, catalog_id, catalog_version).await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// The organisation's open draft of a catalog, or a new one when there is none: starting a
    /// diagnostic twice (a double click, a second tab) must land on the same draft. `first`
    /// answers are written into a new draft in the same transaction, so a second start never
    /// sees it half made. Returns the draft and whether it was created.
    pub async fn open_or_create_draft(
        &self,
        scope: &OrgScope,
        catalog_id: &str,
        catalog_version: &str,
        first: Option<&AssessmentDraft>,
    ) -> Result<(AssessmentSummary, bool)> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        // Two starts at once must not both find no draft and both insert one. SQLite writes
        // through a single connection, so its transactions already run one after the other;
        // PostgreSQL runs them side by side, so the organisation's row is locked until commit.
        if self.backend() == Backend::Postgres {
            sqlx::query("SELECT id FROM organisations WHERE id = $1 FOR UPDATE")
                .bind(scope.org().0)
                .fetch_optional(&mut *tx)
                .await?;
        }
        let existing = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS} FROM assessments \
              WHERE org_id = $1 AND catalog_id = $2 AND status = 'draft' \
              ORDER BY updated_at DESC, id DESC LIMIT 1"
        ))
        .bind(scope.org().0)
        .bind(catalog_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(row) = existing {
            tx.commit().await?;
            return Ok((summary_from_row(&row)?, false));
        }
        let mut summary = insert_assessment(&mut tx, scope, catalog_id, catalog_version).await?;
        if let Some(draft) = first {
            summary.revision = bump_draft(&mut tx, scope, summary.id, None).await?;
            write_sets(&mut tx, summary.id, scope.user(), draft, true).await?;
            write_notes(&mut tx, summary.id, scope.user(), &draft.notes).await?;
        }
        tx.commit().await?;
        Ok((summary, true))
    }

    /// Creates and submits in one step (automation that already has complete answers).
    pub async fn create_submitted_assessment(
        &self,
        scope: &OrgScope,
        catalog_id: &str,
        catalog_version: &str,
        draft: &AssessmentDraft,
        result: &SubmittedResult,
    ) -> Result<Assessment> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let summary = insert_assessment(&mut tx, scope, catalog_id, catalog_version).await?;
        write_sets(&mut tx, summary.id, scope.user(), draft, true).await?;
        write_notes(&mut tx, summary.id, scope.user(), &draft.notes).await?;
        let summary = mark_submitted(&mut tx, scope, summary.id, draft, result).await?;
        tx.commit().await?;
        // Everything stored is at hand: the caller needs no second read (a hot path).
        Ok(Assessment {
            answer_sets: draft
                .answer_sets
                .iter()
                .map(|set| AnswerSetRow {
                    name: set.name.clone(),
                    answers: set.answers.clone(),
                    updated_at: summary.updated_at,
                })
                .collect(),
            summary,
            targets: draft.targets.clone(),
            result: Some(result.0.clone()),
            created_by: Some(scope.user()),
            submitted_by: Some(scope.user()),
            notes: {
                let mut kept: Vec<ItemNote> = draft
                    .notes
                    .iter()
                    .filter(|n| !n.is_empty())
                    .cloned()
                    .collect();
                kept.sort_by(|a, b| a.item.cmp(&b.item));
                kept
            },
        })
    }

    /// Every assessment of the organisation, newest first.
    pub async fn assessments(&self, scope: &OrgScope) -> Result<Vec<AssessmentSummary>> {
        self.assessments_page(scope, None, i64::MAX).await
    }

    /// One page of the organisation's assessments, newest first: at most `limit`, all with ids
    /// below `before` when given (ids grow with creation, so paging by id is stable while new
    /// assessments arrive).
    pub async fn assessments_page(
        &self,
        scope: &OrgScope,
        before: Option<AssessmentId>,
        limit: i64,
    ) -> Result<Vec<AssessmentSummary>> {
        let rows = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS} FROM assessments WHERE org_id = $1 AND id < $2 \
              ORDER BY id DESC LIMIT $3"
        ))
        .bind(scope.org().0)
        .bind(before.map_or(i64::MAX, |b| b.0))
        .bind(limit)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(summary_from_row).collect()
    }

    pub async fn assessment(&self, scope: &OrgScope, id: AssessmentId) -> Result<Assessment> {
        // The three reads run side by side on the read pool. The answer sets and notes are read
        // by the assessment's id alone and dropped unless the first read finds the assessment
        // in this organisation.
        let main = sqlx::query(sql!(
            "SELECT {SUMMARY_COLUMNS}, targets, result, created_by, submitted_by \
               FROM assessments WHERE id = $1 AND org_id = $2"
        ))
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&self.read);
        let sets = sqlx::query(
            "SELECT name, answers, updated_at FROM answer_sets WHERE assessment_id = $1 ORDER BY position",
        )
        .bind(id.0)
        .fetch_all(&self.read);
        let notes = sqlx::query(
            "SELECT item_id, observation, proposal FROM assessment_notes \
              WHERE assessment_id = $1 ORDER BY item_id",
        )
        .bind(id.0)
        .fetch_all(&self.read);
        let (row, sets, notes) = tokio::try_join!(main, sets, notes)?;
        let row = row.ok_or(StoreError::NotFound)?;
        Ok(Assessment {
            summary: summary_from_row(&row)?,
            answer_sets: sets
                .iter()
                .map(|s| {
                    Ok(AnswerSetRow {
                        name: s.try_get("name")?,
                        answers: json_column(s, "answers")?.unwrap_or_default(),
                        updated_at: Timestamp(s.try_get("updated_at")?),
                    })
                })
                .collect::<Result<_>>()?,
            targets: json_column(&row, "targets")?,
            result: json_column(&row, "result")?,
            created_by: row.try_get::<Option<i64>, _>("created_by")?.map(UserId),
            submitted_by: row.try_get::<Option<i64>, _>("submitted_by")?.map(UserId),
            notes: notes
                .iter()
                .map(|n| {
                    Ok(ItemNote {
                        item: n.try_get("item_id")?,
                        observation: n.try_get("observation")?,
                        proposal: n.try_get("proposal")?,
                    })
                })
                .collect::<Result<_>>()?,
        })
    }

    /// Saves a draft's answers (all sets at once); returns the new revision.
    pub async fn save_draft(
        &self,
        scope: &OrgScope,
        id: AssessmentId,
        draft: &AssessmentDraft,
    ) -> Result<i64> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let revision = bump_draft(&mut tx, scope, id, draft.expected_revision).await?;
        write_sets(&mut tx, id, scope.user(), draft, false).await?;
        write_notes(&mut tx, id, scope.user(), &draft.notes).await?;
        sqlx::query("UPDATE assessments SET targets = $1 WHERE id = $2")
            .bind(draft.targets.as_ref().map(|t| t.to_string()))
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(revision)
    }

    /// Stores the final answers with the engine's result and closes the draft.
    pub async fn submit_assessment(
        &self,
        scope: &OrgScope,
        id: AssessmentId,
        draft: &AssessmentDraft,
        result: &SubmittedResult,
    ) -> Result<AssessmentSummary> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        bump_draft(&mut tx, scope, id, draft.expected_revision).await?;
        write_sets(&mut tx, id, scope.user(), draft, false).await?;
        write_notes(&mut tx, id, scope.user(), &draft.notes).await?;
        let summary = mark_submitted(&mut tx, scope, id, draft, result).await?;
        tx.commit().await?;
        Ok(summary)
    }

    /// Replaces the notes of the items given, on a draft or a submitted assessment alike (notes
    /// change no answer and no figure, and are often written after the scoring). Does not move
    /// the draft's revision, so a colleague's open questionnaire can still save its answers.
    pub async fn save_notes(
        &self,
        scope: &OrgScope,
        id: AssessmentId,
        notes: &[ItemNote],
    ) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row = sqlx::query("SELECT catalog_id FROM assessments WHERE id = $1 AND org_id = $2")
            .bind(id.0)
            .bind(scope.org().0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let catalog: String = row.try_get("catalog_id")?;
        write_notes(&mut tx, id, scope.user(), notes).await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "assessment.notes",
                object_type: "assessment",
                object_id: id.to_string(),
                detail: json!({
                    "catalog": catalog,
                    "items": notes.iter().map(|n| n.item.as_str()).collect::<Vec<_>>(),
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Deletes an assessment: editors their drafts, administrators anything.
    pub async fn delete_assessment(&self, scope: &OrgScope, id: AssessmentId) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row =
            sqlx::query("SELECT status, catalog_id FROM assessments WHERE id = $1 AND org_id = $2")
                .bind(id.0)
                .bind(scope.org().0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let status: String = row.try_get("status")?;
        let catalog: String = row.try_get("catalog_id")?;
        if status != "draft" && !scope.role().can_administer() {
            return Err(StoreError::Forbidden);
        }
        sqlx::query("DELETE FROM assessments WHERE id = $1")
            .bind(id.0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "assessment.delete",
                object_type: "assessment",
                object_id: id.to_string(),
                detail: json!({"catalog": catalog, "status": status}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn insert_assessment(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    scope: &OrgScope,
    catalog_id: &str,
    catalog_version: &str,
) -> Result<AssessmentSummary> {
    let now = Timestamp::now();
    let id: i64 = sqlx::query(
        "INSERT INTO assessments (org_id, catalog_id, catalog_version, status, created_by, \
             created_at, updated_at) VALUES ($1, $2, $3, 'draft', $4, $5, $5) RETURNING id",
    )
    .bind(scope.org().0)
    .bind(catalog_id)
    .bind(catalog_version)
    .bind(scope.user().0)
    .bind(now.0)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    Ok(AssessmentSummary {
        id: AssessmentId(id),
        org_id: scope.org(),
        catalog_id: catalog_id.to_owned(),
        catalog_version: catalog_version.to_owned(),
        status: AssessmentStatus::Draft,
        created_at: now,
        updated_at: now,
        submitted_at: None,
        revision: 0,
    })
}

/// Checks the assessment is this organisation's draft at the expected revision and moves it on.
async fn bump_draft(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    scope: &OrgScope,
    id: AssessmentId,
    expected: Option<i64>,
) -> Result<i64> {
    let row = sqlx::query("SELECT status, revision FROM assessments WHERE id = $1 AND org_id = $2")
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let status: String = row.try_get("status")?;
    let revision: i64 = row.try_get("revision")?;
    if status != "draft" {
        return Err(StoreError::Conflict("already_submitted"));
    }
    if expected.is_some_and(|e| e != revision) {
        return Err(StoreError::Conflict("stale_revision"));
    }
    let done = sqlx::query(
        "UPDATE assessments SET revision = revision + 1, updated_at = $1 \
          WHERE id = $2 AND revision = $3 AND status = 'draft'",
    )
    .bind(Timestamp::now().0)
    .bind(id.0)
    .bind(revision)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Conflict("stale_revision"));
    }
    Ok(revision + 1)
}

async fn write_sets(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: AssessmentId,
    user: UserId,
    draft: &AssessmentDraft,
    fresh: bool,
) -> Result<()> {
    // A new assessment has no sets to replace; skipping the delete shortens the write
    // transaction, which SQLite runs one at a time.
    if !fresh {
        sqlx::query("DELETE FROM answer_sets WHERE assessment_id = $1")
            .bind(id.0)
            .execute(&mut **tx)
            .await?;
    }
    let now = Timestamp::now();
    for (position, set) in draft.answer_sets.iter().enumerate() {
        sqlx::query(
            "INSERT INTO answer_sets (assessment_id, position, name, answers, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.0)
        .bind(position as i64)
        .bind(set.name.as_str())
        .bind(set.answers.to_string())
        .bind(user.0)
        .bind(now.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn write_notes(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: AssessmentId,
    user: UserId,
    notes: &[ItemNote],
) -> Result<()> {
    let now = Timestamp::now();
    for note in notes {
        sqlx::query("DELETE FROM assessment_notes WHERE assessment_id = $1 AND item_id = $2")
            .bind(id.0)
            .bind(note.item.as_str())
            .execute(&mut **tx)
            .await?;
        if note.is_empty() {
            continue;
        }
        sqlx::query(
            "INSERT INTO assessment_notes (assessment_id, item_id, observation, proposal, \
                 updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id.0)
        .bind(note.item.as_str())
        .bind(note.observation.as_str())
        .bind(note.proposal.as_str())
        .bind(user.0)
        .bind(now.0)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn mark_submitted(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    scope: &OrgScope,
    id: AssessmentId,
    draft: &AssessmentDraft,
    result: &SubmittedResult,
) -> Result<AssessmentSummary> {
    let now = Timestamp::now();
    let row = sqlx::query(sql!(
        "UPDATE assessments SET status = 'submitted', result = $1, targets = $2, submitted_by = $3, \
             submitted_at = $4, updated_at = $4 \
          WHERE id = $5 AND org_id = $6 AND status = 'draft' RETURNING {SUMMARY_COLUMNS}"
    ))
    .bind(result.0.to_string())
    .bind(draft.targets.as_ref().map(|t| t.to_string()))
    .bind(scope.user().0)
    .bind(now.0)
    .bind(id.0)
    .bind(scope.org().0)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::Conflict("already_submitted"))?;
    let summary = summary_from_row(&row)?;
    record(
        &mut **tx,
        NewAuditEvent {
            org: Some(scope.org()),
            actor: Some(scope.user()),
            action: "assessment.submit",
            object_type: "assessment",
            object_id: id.to_string(),
            detail: json!({"catalog": summary.catalog_id, "version": summary.catalog_version}),
        },
    )
    .await?;
    Ok(summary)
}
