//! The company's action list over the API (operations.md §5). JSON strings and numbers become
//! the text of `mamori_app::actions::ActionFields`, whose one check the page's forms use too.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mamori_app::actions::{self, ActionFields};
use mamori_app::guard::{Need, require};
use mamori_storage::{Action, ActionId};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{ApiJson, time};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// An action as the API sends it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionOut {
    pub id: i64,
    pub title: String,
    /// `diagnosis`, `risk`, `audit`, `incident` or `other`.
    pub source: String,
    /// The assessment a diagnosis action was taken from.
    pub assessment_id: Option<i64>,
    /// The catalog item the action came from (`self-check-25` item `3`).
    pub catalog: Option<String>,
    pub item: Option<String>,
    /// 1 is first (1-999).
    pub priority: i64,
    /// A person's name as typed (owners need no account).
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// `todo`, `doing`, `done` or `dropped`.
    pub status: String,
    pub cost_yen: Option<i64>,
    /// The evidence note.
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// When it was marked done.
    pub completed_at: Option<String>,
}

impl From<&Action> for ActionOut {
    fn from(a: &Action) -> ActionOut {
        ActionOut {
            id: a.id.0,
            title: a.title.clone(),
            source: a.source.as_str().to_owned(),
            assessment_id: a.assessment_id.map(|i| i.0),
            catalog: a.catalog_id.clone(),
            item: a.item_id.clone(),
            priority: a.priority,
            owner: a.owner.clone(),
            due_date: a.due_date.clone(),
            status: a.status.as_str().to_owned(),
            cost_yen: a.cost_yen,
            note: a.note.clone(),
            created_at: time(a.created_at),
            updated_at: time(a.updated_at),
            completed_at: a.completed_at.map(time),
        }
    }
}

/// A new action. Only `title` is required. Taking a catalog item (`catalog` and `item`) that
/// already has an open action answers 200 with that action instead of adding a second one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActionIn {
    /// What to do, up to 200 characters.
    #[serde(default)]
    #[schema(value_type = String)]
    pub title: Value,
    /// `diagnosis`, `risk`, `audit`, `incident` or `other`; `diagnosis` when an item is named,
    /// `other` otherwise.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub source: Value,
    /// The assessment the action was taken from.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub assessment_id: Value,
    /// A catalog id (`mamori catalog list`).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub catalog: Value,
    /// An item id of that catalog.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub item: Value,
    /// 1-999, 1 first; after the open actions when left out.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub priority: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub owner: Value,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Value,
    /// `todo` (the default), `doing`, `done` or `dropped`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub status: Value,
    /// 0 or more yen.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub cost_yen: Value,
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub note: Value,
}

/// A change: fields left out stay as they are; `null` clears an optional field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub title: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub priority: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub owner: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub status: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<i64>)]
    pub cost_yen: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub note: Option<Value>,
}

/// A field that is present, even as `null` (absent fields take the default, `None`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// A JSON value as field text: strings and numbers are text, `null` is empty.
fn text_of(field: &str, v: &Value, problems: &mut Vec<FieldProblem>) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => {
            problems.push(
                FieldProblem::new(field, format!("{field} は文字列か数値で指定してください。"))
                    .en(format!("Give {field} as a string or a number.")),
            );
            None
        }
    }
}

impl NewActionIn {
    fn fields(&self, problems: &mut Vec<FieldProblem>) -> ActionFields {
        let mut t = |field: &str, v: &Value| text_of(field, v, problems);
        ActionFields {
            title: t("title", &self.title),
            source: t("source", &self.source),
            assessment_id: t("assessment_id", &self.assessment_id),
            catalog: t("catalog", &self.catalog),
            item: t("item", &self.item),
            priority: t("priority", &self.priority),
            owner: t("owner", &self.owner),
            due_date: t("due_date", &self.due_date),
            status: t("status", &self.status),
            cost_yen: t("cost_yen", &self.cost_yen),
            note: t("note", &self.note),
        }
    }
}

impl ActionPatch {
    fn fields(&self, problems: &mut Vec<FieldProblem>) -> ActionFields {
        let mut t =
            |field: &str, v: &Option<Value>| v.as_ref().and_then(|v| text_of(field, v, problems));
        ActionFields {
            title: t("title", &self.title),
            priority: t("priority", &self.priority),
            owner: t("owner", &self.owner),
            due_date: t("due_date", &self.due_date),
            status: t("status", &self.status),
            cost_yen: t("cost_yen", &self.cost_yen),
            note: t("note", &self.note),
            ..ActionFields::default()
        }
    }
}

/// The action list belongs to companies, and only editors change it.
pub fn editable(access: &OrgAccess) -> Result<(), AppError> {
    require(&access.access, Need::EditCompany)?;
    Ok(())
}

/// The company's action list: open actions first by priority, then due date; then finished
/// ones, the most recent first.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/actions", tag = "actions",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ActionOut]), (status = 404, description = "no such company")))]
pub async fn list_actions(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ActionOut>>, AppError> {
    let list = actions::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(ActionOut::from).collect()))
}

/// Adds an action to the list. Taking a catalog item that already has an open action adds
/// nothing and answers 200 with that action.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/actions", tag = "actions", request_body = NewActionIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = ActionOut, description = "added"),
        (status = 200, body = ActionOut, description = "the item already has this open action"),
        (status = 422, description = "invalid fields"), (status = 404, description = "no such company")))]
pub async fn create_action(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<NewActionIn>,
) -> Result<Response, AppError> {
    editable(&access)?;
    let mut problems = Vec::new();
    let fields = input.fields(&mut problems);
    if !problems.is_empty() {
        problems.extend(actions::check_new(&fields).err().unwrap_or_default());
        return Err(AppError::Invalid(problems));
    }
    let (action, created) = actions::add(state.store(), &access.access, &fields).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(ActionOut::from(&action))).into_response())
}

/// Changes an action: owner, due date, status, note, priority, cost, title.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}/actions/{id}", tag = "actions", request_body = ActionPatch,
    params(("org" = i64, Path, description = "company id"), ("id" = i64, Path, description = "action id")),
    responses((status = 200, body = ActionOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such action")))]
pub async fn update_action(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
    ApiJson(input): ApiJson<ActionPatch>,
) -> Result<Json<ActionOut>, AppError> {
    editable(&access)?;
    let mut problems = Vec::new();
    let fields = input.fields(&mut problems);
    if !problems.is_empty() {
        problems.extend(actions::check_update(&fields).err().unwrap_or_default());
        return Err(AppError::Invalid(problems));
    }
    let action = actions::change(state.store(), &access.access, ActionId(path.1), &fields).await?;
    Ok(Json(ActionOut::from(&action)))
}

/// Removes an action from the list (to keep a record of a decision not to act, set the status
/// to `dropped` instead).
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/actions/{id}", tag = "actions",
    params(("org" = i64, Path, description = "company id"), ("id" = i64, Path, description = "action id")),
    responses((status = 204), (status = 404, description = "no such action")))]
pub async fn delete_action(
    State(state): State<AppState>,
    access: OrgAccess,
    Path(path): Path<(i64, i64)>,
) -> Result<StatusCode, AppError> {
    actions::remove(state.store(), &access.access, ActionId(path.1)).await?;
    Ok(StatusCode::NO_CONTENT)
}
