//! The company's action list (operations.md §5): what it has decided to do about diagnosis gaps,
//! risk treatment decisions, audit findings and incident lessons, each with an owner, a due date
//! and a status. Every change records its audit entry in the same transaction.
//!
//! Taking a catalog item into the list while an earlier action for the same item is still open
//! (todo or doing) gives back that action instead of a second one. A partial unique index
//! (`actions_open_item`) holds the rule even when two people press the button at once.

use std::cmp::Ordering;

use serde::Serialize;
use serde_json::{Map, Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::audit::{NewAuditEvent, record};
use crate::orgs::require_editor;
use crate::{
    ActionId, ActionSource, ActionStatus, AssessmentId, OrgId, OrgScope, Patch, Result, Store,
    StoreError, Timestamp, UserId,
};

/// The highest priority number (1 is first).
pub const MAX_PRIORITY: i64 = 999;

/// One entry of the action list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub id: ActionId,
    pub org_id: OrgId,
    pub title: String,
    pub source: ActionSource,
    /// The assessment a diagnosis action was taken from (cleared if that assessment is deleted).
    pub assessment_id: Option<AssessmentId>,
    /// The catalog item the action came from, e.g. `self-check-25` item `3`.
    pub catalog_id: Option<String>,
    pub item_id: Option<String>,
    /// 1 is first.
    pub priority: i64,
    /// A person's name as typed; owners often have no account (a vendor, a part-time clerk).
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    pub status: ActionStatus,
    pub cost_yen: Option<i64>,
    /// The evidence note: what was done, where the proof is.
    pub note: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When the action was marked done.
    pub completed_at: Option<Timestamp>,
}

/// What `create_action` stores. The web layer has checked every value.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub title: String,
    pub source: ActionSource,
    pub assessment_id: Option<AssessmentId>,
    pub catalog_id: Option<String>,
    pub item_id: Option<String>,
    /// `None` puts the action after every open one.
    pub priority: Option<i64>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub status: ActionStatus,
    pub cost_yen: Option<i64>,
    pub note: Option<String>,
}

impl NewAction {
    /// A to-do with only a title and a source; set the other fields as needed.
    pub fn new(title: impl Into<String>, source: ActionSource) -> NewAction {
        NewAction {
            title: title.into(),
            source,
            assessment_id: None,
            catalog_id: None,
            item_id: None,
            priority: None,
            owner: None,
            due_date: None,
            status: ActionStatus::Todo,
            cost_yen: None,
            note: None,
        }
    }
}

/// A change to an action: `None` leaves a required field as it is, `Patch::Keep` an optional one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionUpdate {
    pub title: Option<String>,
    pub priority: Option<i64>,
    pub owner: Patch<String>,
    pub due_date: Patch<String>,
    pub status: Option<ActionStatus>,
    pub cost_yen: Patch<i64>,
    pub note: Patch<String>,
}

const COLUMNS: &str = "id, org_id, title, source, assessment_id, catalog_id, item_id, priority, \
     owner, due_date, status, cost_yen, note, created_by, created_at, updated_at, completed_at";

fn action_from_row(r: &AnyRow) -> Result<Action> {
    let source: String = r.try_get("source")?;
    let status: String = r.try_get("status")?;
    Ok(Action {
        id: ActionId(r.try_get("id")?),
        org_id: OrgId(r.try_get("org_id")?),
        title: r.try_get("title")?,
        source: ActionSource::parse(&source)
            .ok_or_else(|| StoreError::Corrupt(format!("action source {source:?}")))?,
        assessment_id: r
            .try_get::<Option<i64>, _>("assessment_id")?
            .map(AssessmentId),
        catalog_id: r.try_get("catalog_id")?,
        item_id: r.try_get("item_id")?,
        priority: r.try_get("priority")?,
        owner: r.try_get("owner")?,
        due_date: r.try_get("due_date")?,
        status: ActionStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("action status {status:?}")))?,
        cost_yen: r.try_get("cost_yen")?,
        note: r.try_get("note")?,
        created_by: r.try_get::<Option<i64>, _>("created_by")?.map(UserId),
        created_at: Timestamp(r.try_get("created_at")?),
        updated_at: Timestamp(r.try_get("updated_at")?),
        completed_at: r.try_get::<Option<i64>, _>("completed_at")?.map(Timestamp),
    })
}

/// The list's order (our rule): open actions first, by priority, then due date (undated last),
/// then id; then closed ones, the most recently finished first.
fn list_order(a: &Action, b: &Action) -> Ordering {
    let closed_at = |x: &Action| x.completed_at.unwrap_or(x.updated_at);
    match (a.status.is_open(), b.status.is_open()) {
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (true, true) => (a.priority, a.due_date.is_none(), &a.due_date, a.id).cmp(&(
            b.priority,
            b.due_date.is_none(),
            &b.due_date,
            b.id,
        )),
        (false, false) => (closed_at(b), b.id).cmp(&(closed_at(a), a.id)),
    }
}

impl Store {
    /// The organisation's action list in the order people work through it.
    pub async fn actions(&self, scope: &OrgScope) -> Result<Vec<Action>> {
        let rows = sqlx::query(sql!("SELECT {COLUMNS} FROM actions WHERE org_id = $1"))
            .bind(scope.org().0)
            .fetch_all(&self.read)
            .await?;
        let mut list = rows
            .iter()
            .map(action_from_row)
            .collect::<Result<Vec<_>>>()?;
        list.sort_by(list_order);
        Ok(list)
    }

    pub async fn action(&self, scope: &OrgScope, id: ActionId) -> Result<Action> {
        let row = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM actions WHERE id = $1 AND org_id = $2"
        ))
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&self.read)
        .await?
        .ok_or(StoreError::NotFound)?;
        action_from_row(&row)
    }

    /// The catalog items that have an open action, as (catalog id, item id): one query, so a
    /// result page can mark every proposal already taken.
    pub async fn open_action_items(&self, scope: &OrgScope) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT DISTINCT catalog_id, item_id FROM actions WHERE org_id = $1 \
               AND status IN ('todo', 'doing') AND catalog_id IS NOT NULL AND item_id IS NOT NULL \
             ORDER BY catalog_id, item_id",
        )
        .bind(scope.org().0)
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("catalog_id")?, r.try_get("item_id")?)))
            .collect()
    }

    /// Adds an action. When it names a catalog item that already has an open action, nothing is
    /// added and that action comes back: the flag says whether the action is new. An assessment
    /// of another organisation is `NotFound`.
    pub async fn create_action(&self, scope: &OrgScope, new: &NewAction) -> Result<(Action, bool)> {
        require_editor(scope)?;
        let item = match (&new.catalog_id, &new.item_id) {
            (Some(c), Some(i)) if new.status.is_open() => Some((c.as_str(), i.as_str())),
            _ => None,
        };
        let mut tx = self.write.begin().await?;
        if let Some(assessment) = new.assessment_id {
            sqlx::query("SELECT id FROM assessments WHERE id = $1 AND org_id = $2")
                .bind(assessment.0)
                .bind(scope.org().0)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        }
        if let Some((catalog, item)) = item {
            if let Some(open) = open_for_item(&mut *tx, scope.org(), catalog, item).await? {
                return Ok((open, false));
            }
        }
        let priority = match new.priority {
            Some(p) => p,
            None => {
                let last: i64 = sqlx::query(
                    "SELECT COALESCE(MAX(priority), 0) FROM actions \
                      WHERE org_id = $1 AND status IN ('todo', 'doing')",
                )
                .bind(scope.org().0)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
                (last + 1).clamp(1, MAX_PRIORITY)
            }
        };
        let now = Timestamp::now();
        let inserted = sqlx::query(sql!(
            "INSERT INTO actions (org_id, title, source, assessment_id, catalog_id, item_id, \
                 priority, owner, due_date, status, cost_yen, note, created_by, created_at, \
                 updated_at, completed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15) \
             RETURNING {COLUMNS}"
        ))
        .bind(scope.org().0)
        .bind(new.title.as_str())
        .bind(new.source.as_str())
        .bind(new.assessment_id.map(|a| a.0))
        .bind(new.catalog_id.as_deref())
        .bind(new.item_id.as_deref())
        .bind(priority)
        .bind(new.owner.as_deref())
        .bind(new.due_date.as_deref())
        .bind(new.status.as_str())
        .bind(new.cost_yen)
        .bind(new.note.as_deref())
        .bind(scope.user().0)
        .bind(now.0)
        .bind((new.status == ActionStatus::Done).then_some(now.0))
        .fetch_one(&mut *tx)
        .await;
        let row = match inserted {
            Ok(row) => row,
            Err(e) if StoreError::is_unique_violation(&e) => {
                // Someone took the same item a moment ago: theirs is the open action.
                drop(tx);
                let (catalog, item) = item.ok_or(StoreError::Conflict("action_exists"))?;
                let mut conn = self.read.acquire().await?;
                let open = open_for_item(&mut *conn, scope.org(), catalog, item).await?;
                return open
                    .map(|a| (a, false))
                    .ok_or(StoreError::Conflict("action_exists"));
            }
            Err(e) => return Err(e.into()),
        };
        let action = action_from_row(&row)?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "action.create",
                object_type: "action",
                object_id: action.id.to_string(),
                detail: json!({
                    "title": action.title,
                    "source": action.source.as_str(),
                    "catalog": action.catalog_id,
                    "item": action.item_id,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok((action, true))
    }

    /// Changes an action. Reopening an item's action while another one for the same item is open
    /// is `Conflict("action_exists")`. A change that changes nothing writes nothing.
    pub async fn update_action(
        &self,
        scope: &OrgScope,
        id: ActionId,
        change: &ActionUpdate,
    ) -> Result<Action> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM actions WHERE id = $1 AND org_id = $2"
        ))
        .bind(id.0)
        .bind(scope.org().0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let old = action_from_row(&row)?;
        let mut new = old.clone();
        let mut changed = Map::new();
        fn set<T: PartialEq + Clone + Serialize>(
            field: &mut T,
            to: &Option<T>,
            name: &str,
            changed: &mut Map<String, Value>,
        ) {
            if let Some(to) = to {
                if field != to {
                    *field = to.clone();
                    changed.insert(name.into(), json!(to));
                }
            }
        }
        fn patch<T: PartialEq + Clone + Serialize>(
            field: &mut Option<T>,
            to: &Patch<T>,
            name: &str,
            changed: &mut Map<String, Value>,
        ) {
            let to = Some(to.applied_to(field));
            set(field, &to, name, changed);
        }
        set(&mut new.title, &change.title, "title", &mut changed);
        set(
            &mut new.priority,
            &change.priority,
            "priority",
            &mut changed,
        );
        patch(&mut new.owner, &change.owner, "owner", &mut changed);
        patch(
            &mut new.due_date,
            &change.due_date,
            "due_date",
            &mut changed,
        );
        set(&mut new.status, &change.status, "status", &mut changed);
        patch(
            &mut new.cost_yen,
            &change.cost_yen,
            "cost_yen",
            &mut changed,
        );
        patch(&mut new.note, &change.note, "note", &mut changed);
        if changed.is_empty() {
            return Ok(old);
        }
        let now = Timestamp::now();
        new.updated_at = now;
        new.completed_at = match (old.status, new.status) {
            (ActionStatus::Done, ActionStatus::Done) => old.completed_at,
            (_, ActionStatus::Done) => Some(now),
            _ => None,
        };
        sqlx::query(
            "UPDATE actions SET title = $1, priority = $2, owner = $3, due_date = $4, status = $5, \
                 cost_yen = $6, note = $7, updated_at = $8, completed_at = $9 \
              WHERE id = $10 AND org_id = $11",
        )
        .bind(new.title.as_str())
        .bind(new.priority)
        .bind(new.owner.as_deref())
        .bind(new.due_date.as_deref())
        .bind(new.status.as_str())
        .bind(new.cost_yen)
        .bind(new.note.as_deref())
        .bind(now.0)
        .bind(new.completed_at.map(|t| t.0))
        .bind(id.0)
        .bind(scope.org().0)
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if StoreError::is_unique_violation(&e) {
                StoreError::Conflict("action_exists")
            } else {
                e.into()
            }
        })?;
        if !changed.contains_key("title") {
            changed.insert("title".into(), json!(new.title));
        }
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "action.update",
                object_type: "action",
                object_id: id.to_string(),
                detail: Value::Object(changed),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }

    pub async fn delete_action(&self, scope: &OrgScope, id: ActionId) -> Result<()> {
        require_editor(scope)?;
        let mut tx = self.write.begin().await?;
        let title: String = sqlx::query("SELECT title FROM actions WHERE id = $1 AND org_id = $2")
            .bind(id.0)
            .bind(scope.org().0)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get(0)?;
        sqlx::query("DELETE FROM actions WHERE id = $1 AND org_id = $2")
            .bind(id.0)
            .bind(scope.org().0)
            .execute(&mut *tx)
            .await?;
        record(
            &mut *tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "action.delete",
                object_type: "action",
                object_id: id.to_string(),
                detail: json!({"title": title}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The open action for a catalog item, if there is one.
async fn open_for_item<'e, E>(
    executor: E,
    org: OrgId,
    catalog: &str,
    item: &str,
) -> Result<Option<Action>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(sql!(
        "SELECT {COLUMNS} FROM actions WHERE org_id = $1 AND catalog_id = $2 AND item_id = $3 \
           AND status IN ('todo', 'doing') ORDER BY id LIMIT 1"
    ))
    .bind(org.0)
    .bind(catalog)
    .bind(item)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(action_from_row).transpose()
}

/// Adds a to-do action per title after every open one, inside the caller's transaction, with an
/// audit entry each: what an incident's prevention measures and an inspection's findings become,
/// so the record and its actions are written together or not at all.
pub(crate) async fn add_follow_ups(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    scope: &OrgScope,
    titles: &[String],
    source: ActionSource,
    note: &str,
) -> Result<Vec<Action>> {
    let now = Timestamp::now();
    let mut priority: i64 = sqlx::query(
        "SELECT COALESCE(MAX(priority), 0) FROM actions WHERE org_id = $1 AND status IN ('todo', 'doing')",
    )
    .bind(scope.org().0)
    .fetch_one(&mut **tx)
    .await?
    .try_get(0)?;
    let mut actions = Vec::with_capacity(titles.len());
    for title in titles {
        priority = (priority + 1).clamp(1, MAX_PRIORITY);
        let row = sqlx::query(sql!(
            "INSERT INTO actions (org_id, title, source, priority, status, note, created_by, \
                 created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'todo', $5, $6, $7, $7) RETURNING {COLUMNS}"
        ))
        .bind(scope.org().0)
        .bind(title.as_str())
        .bind(source.as_str())
        .bind(priority)
        .bind(note)
        .bind(scope.user().0)
        .bind(now.0)
        .fetch_one(&mut **tx)
        .await?;
        let action = action_from_row(&row)?;
        record(
            &mut **tx,
            NewAuditEvent {
                org: Some(scope.org()),
                actor: Some(scope.user()),
                action: "action.create",
                object_type: "action",
                object_id: action.id.to_string(),
                detail: json!({"title": action.title, "source": source.as_str()}),
            },
        )
        .await?;
        actions.push(action);
    }
    Ok(actions)
}
