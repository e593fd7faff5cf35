//! Incidents (operations.md §3): the record, its timeline, and who may see them. Incidents are
//! the most sensitive records a company keeps, so every function here takes an
//! [`IncidentScope`], and [`Store::incident_scope`] is the only way to get one: the company's
//! own administrators and the members it names as incident handlers, nobody else (not other
//! members, not a support organisation).

use serde_json::json;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::actions::add_follow_ups;
use crate::audit::{NewAuditEvent, record};
use crate::{
    Access, Action, ActionSource, IncidentId, OrgKind, OrgScope, Result, Store, StoreError,
    Timestamp, UserId, Via,
};

/// Proof that the user may see and record the company's incidents.
#[derive(Debug, Clone, Copy)]
pub struct IncidentScope {
    scope: OrgScope,
}

impl IncidentScope {
    pub fn scope(&self) -> &OrgScope {
        &self.scope
    }
}

/// What personal data an incident involves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PersonalFacts {
    pub persons: i64,
    pub sensitive: bool,
    pub financial_damage: bool,
    pub wrongful_purpose: bool,
    pub eu_residents: bool,
}

/// An incident's fields as a person gives them (codes checked by the use case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentFields {
    pub title: String,
    /// A drill (訓練), not a real incident: it counts as the maturity level's drill record.
    pub drill: bool,
    pub detected_at: Timestamp,
    pub detected_by: Option<String>,
    /// `internal_report`, `log_detection` or `external_contact`.
    pub channel: String,
    /// `low`, `medium` or `high`.
    pub severity: String,
    pub description: Option<String>,
    /// `None` when no personal data is involved.
    pub personal: Option<PersonalFacts>,
}

/// The report a company marks done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Report {
    Preliminary,
    Final,
    Gdpr,
}

impl Report {
    fn column(self) -> &'static str {
        match self {
            Report::Preliminary => "preliminary_done_on",
            Report::Final => "final_done_on",
            Report::Gdpr => "gdpr_done_on",
        }
    }
}

/// One entry of an incident's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentEntry {
    pub stage: String,
    pub body: String,
    pub actor: Option<String>,
    pub at: Timestamp,
}

/// An incident as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub id: IncidentId,
    pub fields: IncidentFields,
    /// `detection`, `triage`, `containment`, `report`, `recovery`, `prevention` or `closed`.
    pub stage: String,
    pub preliminary_done_on: Option<String>,
    pub final_done_on: Option<String>,
    pub gdpr_done_on: Option<String>,
    pub lessons: Option<String>,
    pub closed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Newest last; empty in lists.
    pub entries: Vec<IncidentEntry>,
}

const COLUMNS: &str = "id, title, drill, detected_at, detected_by, channel, severity, stage, \
     description, persons, sensitive, financial_damage, wrongful_purpose, eu_residents, \
     preliminary_done_on, final_done_on, gdpr_done_on, lessons, closed_at, created_at, updated_at";

fn some(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

fn incident_from_row(r: &AnyRow) -> Result<Incident> {
    let flag = |c: &str| -> Result<bool> { Ok(r.try_get::<i64, _>(c)? != 0) };
    let persons: Option<i64> = r.try_get("persons")?;
    Ok(Incident {
        id: IncidentId(r.try_get("id")?),
        fields: IncidentFields {
            title: r.try_get("title")?,
            drill: flag("drill")?,
            detected_at: Timestamp(r.try_get("detected_at")?),
            detected_by: some(r.try_get("detected_by")?),
            channel: r.try_get("channel")?,
            severity: r.try_get("severity")?,
            description: some(r.try_get("description")?),
            personal: match persons {
                None => None,
                Some(persons) => Some(PersonalFacts {
                    persons,
                    sensitive: flag("sensitive")?,
                    financial_damage: flag("financial_damage")?,
                    wrongful_purpose: flag("wrongful_purpose")?,
                    eu_residents: flag("eu_residents")?,
                }),
            },
        },
        stage: r.try_get("stage")?,
        preliminary_done_on: r.try_get("preliminary_done_on")?,
        final_done_on: r.try_get("final_done_on")?,
        gdpr_done_on: r.try_get("gdpr_done_on")?,
        lessons: some(r.try_get("lessons")?),
        closed_at: r.try_get::<Option<i64>, _>("closed_at")?.map(Timestamp),
        created_at: Timestamp(r.try_get("created_at")?),
        updated_at: Timestamp(r.try_get("updated_at")?),
        entries: Vec::new(),
    })
}

fn audit(
    scope: &OrgScope,
    action: &'static str,
    id: IncidentId,
    title: &str,
) -> NewAuditEvent<'static> {
    NewAuditEvent {
        org: Some(scope.org()),
        actor: Some(scope.user()),
        action,
        object_type: "incident",
        object_id: id.to_string(),
        detail: json!({"title": title}),
    }
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

/// Binds an incident's fields as `$1`-`$12`, in `COLUMNS`' order from `title` to `eu_residents`.
fn bind_fields<'q>(q: AnyQuery<'q>, f: &'q IncidentFields) -> AnyQuery<'q> {
    let p = f.personal.unwrap_or_default();
    q.bind(f.title.as_str())
        .bind(i64::from(f.drill))
        .bind(f.detected_at.0)
        .bind(f.detected_by.as_deref().unwrap_or(""))
        .bind(f.channel.as_str())
        .bind(f.severity.as_str())
        .bind(f.description.as_deref().unwrap_or(""))
        .bind(f.personal.map(|p| p.persons))
        .bind(i64::from(p.sensitive))
        .bind(i64::from(p.financial_damage))
        .bind(i64::from(p.wrongful_purpose))
        .bind(i64::from(p.eu_residents))
}

impl Store {
    /// The scope to read and record incidents in: a company's own administrator, or a member it
    /// named as an incident handler. Anyone else is `NotFound`, so they cannot tell whether
    /// there are incidents at all.
    pub async fn incident_scope(&self, access: &Access) -> Result<IncidentScope> {
        let scope = access.scope;
        if access.org.kind != OrgKind::Company || access.via != Via::Membership {
            return Err(StoreError::NotFound);
        }
        if scope.role().can_administer() || self.is_incident_handler(&scope).await? {
            Ok(IncidentScope { scope })
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn is_incident_handler(&self, scope: &OrgScope) -> Result<bool> {
        Ok(
            sqlx::query("SELECT 1 FROM incident_handlers WHERE org_id = $1 AND user_id = $2")
                .bind(scope.org().0)
                .bind(scope.user().0)
                .fetch_optional(&self.read)
                .await?
                .is_some(),
        )
    }

    /// The members named as incident handlers.
    pub async fn incident_handlers(&self, scope: &IncidentScope) -> Result<Vec<UserId>> {
        let rows =
            sqlx::query("SELECT user_id FROM incident_handlers WHERE org_id = $1 ORDER BY user_id")
                .bind(scope.scope.org().0)
                .fetch_all(&self.read)
                .await?;
        rows.iter()
            .map(|r| Ok(UserId(r.try_get("user_id")?)))
            .collect()
    }

    /// Names the incident handlers (administrators only); each must be a member.
    pub async fn set_incident_handlers(
        &self,
        scope: &IncidentScope,
        users: &[UserId],
    ) -> Result<()> {
        let scope = &scope.scope;
        if !scope.role().can_administer() {
            return Err(StoreError::Forbidden);
        }
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM incident_handlers WHERE org_id = $1")
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        for user in users {
            let inserted = sqlx::query(
                "INSERT INTO incident_handlers (org_id, user_id) \
                 SELECT org_id, user_id FROM memberships WHERE org_id = $1 AND user_id = $2",
            )
            .bind(scope.org().0)
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
            if inserted.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "incident_handlers.set",
                object_type: "organisation",
                object_id: scope.org().to_string(),
                detail: json!({"count": users.len()}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The company's incidents, open ones first, newest first (without their timelines).
    pub async fn incidents(&self, scope: &IncidentScope) -> Result<Vec<Incident>> {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM incidents WHERE org_id = $1 \
              ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, detected_at DESC, id DESC"
        ))
        .bind(scope.scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(incident_from_row).collect()
    }

    /// The incidents that may still have a report to make (real ones with personal data and a
    /// report not marked done), for the company home and the due-date list: not every incident
    /// the company ever recorded on every view of the home.
    pub async fn incidents_with_reports_open(
        &self,
        scope: &IncidentScope,
    ) -> Result<Vec<Incident>> {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM incidents WHERE org_id = $1 AND drill = 0 AND persons IS NOT NULL \
               AND (preliminary_done_on IS NULL OR final_done_on IS NULL \
                    OR (eu_residents = 1 AND gdpr_done_on IS NULL)) \
              ORDER BY detected_at, id"
        ))
        .bind(scope.scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(incident_from_row).collect()
    }

    /// One incident with its timeline.
    pub async fn incident(&self, scope: &IncidentScope, id: IncidentId) -> Result<Incident> {
        let row = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM incidents WHERE id = $1 AND org_id = $2"
        ))
        .bind(id.0)
        .bind(scope.scope.org().0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound)?;
        let mut incident = incident_from_row(&row)?;
        let entries = sqlx::query(
            "SELECT e.stage, e.body, e.at, u.name AS actor FROM incident_entries e \
               LEFT JOIN users u ON u.id = e.actor WHERE e.incident_id = $1 ORDER BY e.id",
        )
        .bind(id.0)
        .fetch_all(&self.read)
        .await?;
        incident.entries = entries
            .iter()
            .map(|e| {
                Ok(IncidentEntry {
                    stage: e.try_get("stage")?,
                    body: e.try_get("body")?,
                    actor: e.try_get("actor")?,
                    at: Timestamp(e.try_get("at")?),
                })
            })
            .collect::<Result<_>>()?;
        Ok(incident)
    }

    /// Records a new incident at its first stage.
    pub async fn create_incident(
        &self,
        scope: &IncidentScope,
        f: &IncidentFields,
    ) -> Result<Incident> {
        let scope = &scope.scope;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let query = sqlx::query(sql!(
            "INSERT INTO incidents (title, drill, detected_at, detected_by, channel, severity, \
                 description, persons, sensitive, financial_damage, wrongful_purpose, eu_residents, \
                 org_id, stage, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'detection', $14, $15, $15) \
             RETURNING {COLUMNS}"
        ));
        let row = bind_fields(query, f)
            .bind(scope.org().0)
            .bind(scope.user().0)
            .bind(now.0)
            .fetch_one(&mut *tx)
            .await?;
        let incident = incident_from_row(&row)?;
        record(
            &mut *tx,
            audit(scope, "incident.create", incident.id, &f.title),
        )
        .await?;
        tx.commit().await?;
        Ok(incident)
    }

    /// Replaces an open incident's fields; a closed one is `Conflict("incident_closed")`.
    pub async fn update_incident(
        &self,
        scope: &IncidentScope,
        id: IncidentId,
        f: &IncidentFields,
    ) -> Result<Incident> {
        let scope = &scope.scope;
        let mut tx = self.write.begin().await?;
        let query = sqlx::query(sql!(
            "UPDATE incidents SET title = $1, drill = $2, detected_at = $3, detected_by = $4, \
                 channel = $5, severity = $6, description = $7, persons = $8, sensitive = $9, \
                 financial_damage = $10, wrongful_purpose = $11, eu_residents = $12, updated_at = $13 \
              WHERE id = $14 AND org_id = $15 AND closed_at IS NULL RETURNING {COLUMNS}"
        ));
        let row = bind_fields(query, f)
            .bind(Timestamp::now().0)
            .bind(id.0)
            .bind(scope.org().0)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            return Err(self.closed_or_missing(scope, id).await);
        };
        let incident = incident_from_row(&row)?;
        record(&mut *tx, audit(scope, "incident.update", id, &f.title)).await?;
        tx.commit().await?;
        Ok(incident)
    }

    async fn closed_or_missing(&self, scope: &OrgScope, id: IncidentId) -> StoreError {
        match sqlx::query("SELECT closed_at FROM incidents WHERE id = $1 AND org_id = $2")
            .bind(id.0)
            .bind(scope.org().0)
            .fetch_optional(&self.read)
            .await
        {
            Ok(Some(_)) => StoreError::Conflict("incident_closed"),
            Ok(None) => StoreError::NotFound,
            Err(e) => e.into(),
        }
    }

    /// Adds an entry to an open incident's timeline; the incident moves to the entry's stage.
    pub async fn add_incident_entry(
        &self,
        scope: &IncidentScope,
        id: IncidentId,
        stage: &str,
        body: &str,
    ) -> Result<()> {
        let scope = &scope.scope;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(
            "UPDATE incidents SET stage = $1, updated_at = $2 \
              WHERE id = $3 AND org_id = $4 AND closed_at IS NULL RETURNING title",
        )
        .bind(stage)
        .bind(now.0)
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(self.closed_or_missing(scope, id).await);
        };
        let title: String = row.try_get("title")?;
        sqlx::query("INSERT INTO incident_entries (incident_id, stage, body, actor, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id.0)
            .bind(stage)
            .bind(body)
            .bind(scope.user().0)
            .bind(now.0)
            .execute(&mut *tx)
            .await?;
        record(&mut *tx, audit(scope, "incident.entry", id, &title)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Marks a report done on `on` (`YYYY-MM-DD`), or not done with `None`.
    pub async fn set_incident_report(
        &self,
        scope: &IncidentScope,
        id: IncidentId,
        report: Report,
        on: Option<&str>,
    ) -> Result<()> {
        let scope = &scope.scope;
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "UPDATE incidents SET {} = $1, updated_at = $2 WHERE id = $3 AND org_id = $4 RETURNING title",
            report.column()
        ))
        .bind(on)
        .bind(Timestamp::now().0)
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let title: String = row.try_get("title")?;
        record(&mut *tx, audit(scope, "incident.update", id, &title)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Closes an incident with its lessons; each prevention measure becomes an action of the
    /// action list (source `incident`), in the same transaction.
    pub async fn close_incident(
        &self,
        scope: &IncidentScope,
        id: IncidentId,
        lessons: &str,
        measures: &[String],
    ) -> Result<Vec<Action>> {
        let scope = &scope.scope;
        let now = Timestamp::now();
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(
            "UPDATE incidents SET stage = 'closed', lessons = $1, closed_at = $2, updated_at = $2 \
              WHERE id = $3 AND org_id = $4 AND closed_at IS NULL RETURNING title",
        )
        .bind(lessons)
        .bind(now.0)
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            return Err(self.closed_or_missing(scope, id).await);
        };
        let title: String = row.try_get("title")?;
        let actions = add_follow_ups(
            &mut tx,
            scope,
            measures,
            ActionSource::Incident,
            &format!("インシデント「{title}」の再発防止策"),
        )
        .await?;
        let mut event = audit(scope, "incident.close", id, &title);
        event.detail["actions"] = json!(actions.len());
        record(&mut *tx, event).await?;
        tx.commit().await?;
        Ok(actions)
    }

    /// The newest drill's detection time, for the maturity level's drill record. Read with the
    /// company scope: the date of a drill tells nothing about real incidents.
    pub async fn last_incident_drill(&self, scope: &OrgScope) -> Result<Option<Timestamp>> {
        let row = sqlx::query(
            "SELECT MAX(detected_at) AS at FROM incidents WHERE org_id = $1 AND drill = 1",
        )
        .bind(scope.org().0)
        .fetch_one(&self.read)
        .await?;
        Ok(row.try_get::<Option<i64>, _>("at")?.map(Timestamp))
    }
}
