//! The working analysis besides the register: threat ratings, countermeasure answers and the
//! settings. Treatment decisions are in `treatments`, the history and closed analyses in
//! `closed`.

use serde_json::{Value, json};
use sqlx::Row;

use super::{RiskAnswer, RiskSettings, ThreatRating, chunk_rows, placeholders};
use crate::assessments::json_column;
use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{OrgScope, Result, Store, StoreError, ThreatKind, Timestamp};

fn kind_order(kind: ThreatKind) -> usize {
    ThreatKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

impl Store {
    // --- threats ------------------------------------------------------------------------------

    /// The threat ratings, by medium and then in the sheet's order of threats.
    pub async fn risk_threats(&self, scope: &OrgScope) -> Result<Vec<ThreatRating>> {
        let rows = sqlx::query(
            "SELECT medium, threat_kind, frequency FROM risk_threats WHERE org_id = $1",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        let mut list = rows
            .iter()
            .map(|r| {
                let kind: String = r.try_get("threat_kind")?;
                Ok(ThreatRating {
                    medium: r.try_get("medium")?,
                    kind: ThreatKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("threat kind {kind:?}")))?,
                    frequency: r.try_get("frequency")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        list.sort_by(|a, b| (&a.medium, kind_order(a.kind)).cmp(&(&b.medium, kind_order(b.kind))));
        Ok(list)
    }

    /// Replaces every threat rating of the organisation. The same medium and threat twice is
    /// `Conflict("duplicate_rating")`.
    pub async fn set_risk_threats(&self, scope: &OrgScope, ratings: &[ThreatRating]) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM risk_threats WHERE org_id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        for chunk in ratings.chunks(chunk_rows(&tx, 3)) {
            let values = placeholders(chunk.len(), 3, 2, |p| format!("($1, {})", p.join(", ")));
            let mut q = sqlx::query(sql!(
                "INSERT INTO risk_threats (org_id, medium, threat_kind, frequency) VALUES {values}"
            ))
            .bind(scope.org().0);
            for r in chunk {
                q = q
                    .bind(r.medium.as_str())
                    .bind(r.kind.as_str())
                    .bind(r.frequency);
            }
            q.execute(&mut *tx)
                .await
                .map_err(duplicate("duplicate_rating"))?;
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk.threats",
                object_type: "risk",
                object_id: String::new(),
                detail: json!({"count": ratings.len()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // --- countermeasures ----------------------------------------------------------------------

    /// The countermeasure checklist's answers, by item id.
    pub async fn risk_answers(&self, scope: &OrgScope) -> Result<Vec<RiskAnswer>> {
        let rows =
            sqlx::query("SELECT item_id, answer, note FROM risk_countermeasures WHERE org_id = $1")
                .bind(scope.org().0)
                .fetch_all(&self.read)
                .await?;
        let mut list = rows
            .iter()
            .map(|r| {
                Ok(RiskAnswer {
                    item_id: r.try_get("item_id")?,
                    answer: r.try_get("answer")?,
                    note: r.try_get("note")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        list.sort_by(|a, b| a.item_id.cmp(&b.item_id));
        Ok(list)
    }

    /// Replaces every answer of the organisation. The same item twice is
    /// `Conflict("duplicate_answer")`.
    pub async fn set_risk_answers(&self, scope: &OrgScope, answers: &[RiskAnswer]) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM risk_countermeasures WHERE org_id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        for chunk in answers.chunks(chunk_rows(&tx, 3)) {
            let values = placeholders(chunk.len(), 3, 2, |p| format!("($1, {})", p.join(", ")));
            let mut q = sqlx::query(sql!(
                "INSERT INTO risk_countermeasures (org_id, item_id, answer, note) VALUES {values}"
            ))
            .bind(scope.org().0);
            for a in chunk {
                q = q
                    .bind(a.item_id.as_str())
                    .bind(a.answer)
                    .bind(a.note.as_deref());
            }
            q.execute(&mut *tx)
                .await
                .map_err(duplicate("duplicate_answer"))?;
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk.countermeasures",
                object_type: "risk",
                object_id: String::new(),
                detail: json!({"count": answers.len()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // --- settings -----------------------------------------------------------------------------

    /// The organisation's settings, or the defaults.
    pub async fn risk_settings(&self, scope: &OrgScope) -> Result<RiskSettings> {
        let row = sqlx::query(
            "SELECT acceptance_threshold, compensation_per_person, incident_cost_template, \
                    updated_at FROM risk_settings WHERE org_id = $1",
        )
        .bind(scope.org().0)
        .fetch_optional(&self.read)
        .await?;
        let Some(r) = row else {
            return Ok(RiskSettings::default());
        };
        Ok(RiskSettings {
            acceptance_threshold: r.try_get("acceptance_threshold")?,
            compensation_per_person: r.try_get("compensation_per_person")?,
            incident_cost_template: json_column(&r, "incident_cost_template")?,
            updated_at: Some(Timestamp(r.try_get("updated_at")?)),
        })
    }

    /// Stores the settings (`updated_at` is set here).
    pub async fn set_risk_settings(
        &self,
        scope: &OrgScope,
        settings: &RiskSettings,
    ) -> Result<RiskSettings> {
        require_editor(scope)?;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        sqlx::query(
            "INSERT INTO risk_settings (org_id, acceptance_threshold, compensation_per_person, \
                 incident_cost_template, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (org_id) DO UPDATE SET acceptance_threshold = excluded.acceptance_threshold, \
                 compensation_per_person = excluded.compensation_per_person, \
                 incident_cost_template = excluded.incident_cost_template, \
                 updated_at = excluded.updated_at",
        )
        .bind(scope.org().0)
        .bind(settings.acceptance_threshold)
        .bind(settings.compensation_per_person)
        .bind(settings.incident_cost_template.as_ref().map(Value::to_string))
        .bind(now.0)
        .execute(&mut *tx)
        .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "risk.settings",
                object_type: "risk",
                object_id: String::new(),
                detail: json!({
                    "acceptance_threshold": settings.acceptance_threshold,
                    "compensation_per_person": settings.compensation_per_person,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(RiskSettings {
            updated_at: Some(now),
            ..settings.clone()
        })
    }
}

fn duplicate(code: &'static str) -> impl Fn(sqlx::Error) -> StoreError {
    move |e| {
        if StoreError::is_unique_violation(&e) {
            StoreError::Conflict(code)
        } else {
            e.into()
        }
    }
}
