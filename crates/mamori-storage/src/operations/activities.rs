//! Education sessions and inspections or audits (operations.md §5-7): what was done, on which
//! day. An inspection's findings become actions of the action list in the same transaction.

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::actions::add_follow_ups;
use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{Action, ActionSource, OrgScope, Result, Store, Timestamp};

/// One education session or inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityFields {
    /// `education` or `inspection`.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub title: String,
    /// The content, the method or the scope, as written.
    pub detail: Option<String>,
    /// People who took part (education) or were interviewed (inspection).
    pub participants: Option<i64>,
    /// Education: how many people the session was for (attendance = participants / invited).
    pub invited: Option<i64>,
    /// Education: the average test score, 0-100.
    pub test_average: Option<i64>,
    /// Education: how the people who missed it were followed up.
    pub follow_up: Option<String>,
}

/// A company's education targets for one fiscal year (operations.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EducationTargets {
    /// Attendance, percent of the people each session is for.
    pub attendance_percent: Option<i64>,
    /// The average test score to reach, 0-100.
    pub test_score: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub id: i64,
    pub fields: ActivityFields,
}

const COLUMNS: &str =
    "id, kind, held_on, title, detail, participants, invited, test_average, follow_up";

fn activity_from_row(r: &AnyRow) -> Result<Activity> {
    let detail: String = r.try_get("detail")?;
    let follow_up: String = r.try_get("follow_up")?;
    Ok(Activity {
        id: r.try_get("id")?,
        fields: ActivityFields {
            kind: r.try_get("kind")?,
            held_on: r.try_get("held_on")?,
            title: r.try_get("title")?,
            detail: Some(detail).filter(|d| !d.is_empty()),
            participants: r.try_get("participants")?,
            invited: r.try_get("invited")?,
            test_average: r.try_get("test_average")?,
            follow_up: Some(follow_up).filter(|f| !f.is_empty()),
        },
    })
}

impl Store {
    /// The company's activities, newest first.
    pub async fn activities(&self, scope: &OrgScope) -> Result<Vec<Activity>> {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM activities WHERE org_id = $1 ORDER BY held_on DESC, id DESC"
        ))
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(activity_from_row).collect()
    }

    /// The newest day of each kind (`education`, `inspection`), for the maturity level.
    pub async fn last_activities(
        &self,
        scope: &OrgScope,
    ) -> Result<(Option<String>, Option<String>)> {
        let rows = sqlx::query(
            "SELECT kind, MAX(held_on) AS last_on FROM activities WHERE org_id = $1 GROUP BY kind",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        let mut out = (None, None);
        for r in &rows {
            let kind: String = r.try_get("kind")?;
            let on: Option<String> = r.try_get("last_on")?;
            match kind.as_str() {
                "education" => out.0 = on,
                _ => out.1 = on,
            }
        }
        Ok(out)
    }

    /// Records an activity; each finding becomes an action (source `audit`).
    pub async fn record_activity(
        &self,
        scope: &OrgScope,
        f: &ActivityFields,
        findings: &[String],
    ) -> Result<(Activity, Vec<Action>)> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "INSERT INTO activities (org_id, kind, held_on, title, detail, participants, created_by, \
                 created_at, invited, test_average, follow_up) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {COLUMNS}"
        ))
        .bind(scope.org().0)
        .bind(f.kind.as_str())
        .bind(f.held_on.as_str())
        .bind(f.title.as_str())
        .bind(f.detail.as_deref().unwrap_or(""))
        .bind(f.participants)
        .bind(scope.user().0)
        .bind(now.0)
        .bind(f.invited)
        .bind(f.test_average)
        .bind(f.follow_up.as_deref().unwrap_or(""))
        .fetch_one(&mut *tx)
        .await?;
        let activity = activity_from_row(&row)?;
        let actions = add_follow_ups(
            &mut tx,
            scope,
            findings,
            ActionSource::Audit,
            &format!("{}（{}）の指摘", f.title, f.held_on),
        )
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "activity.create",
                object_type: "activity",
                object_id: activity.id.to_string(),
                detail: json!({"kind": f.kind, "title": f.title, "actions": actions.len()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((activity, actions))
    }
}

impl Store {
    /// The company's education targets for a fiscal year (none set: both `None`).
    pub async fn education_targets(&self, scope: &OrgScope, year: i32) -> Result<EducationTargets> {
        let row = sqlx::query(
            "SELECT attendance_percent, test_score FROM education_targets \
             WHERE org_id = $1 AND fiscal_year = $2",
        )
        .bind(scope.org().0)
        .bind(i64::from(year))
        .fetch_optional(&self.read)
        .await?;
        Ok(match row {
            Some(r) => EducationTargets {
                attendance_percent: r.try_get("attendance_percent")?,
                test_score: r.try_get("test_score")?,
            },
            None => EducationTargets::default(),
        })
    }

    pub async fn set_education_targets(
        &self,
        scope: &OrgScope,
        year: i32,
        t: EducationTargets,
    ) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM education_targets WHERE org_id = $1 AND fiscal_year = $2")
            .bind(scope.org().0)
            .bind(i64::from(year))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO education_targets (org_id, fiscal_year, attendance_percent, test_score, \
                 updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(scope.org().0)
        .bind(i64::from(year))
        .bind(t.attendance_percent)
        .bind(t.test_score)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "education_targets.update",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"year": year, "attendance_percent": t.attendance_percent, "test_score": t.test_score}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
