//! The company's action list over the API (operations.md §5), and the one check of an action's
//! fields, which the page's forms use too: each field arrives as text (a form field, or a JSON
//! string or number), so both paths give the same Japanese messages for the same mistakes.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use mamori_storage::{
    Action, ActionId, ActionSource, ActionStatus, ActionUpdate, AssessmentId, MAX_PRIORITY,
    NewAction, OrgKind, StoreError,
};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{ApiJson, time};
use crate::tenancy::OrgAccess;
use crate::{AppError, AppState, FieldProblem};

/// The longest title, in characters.
pub const TITLE_MAX: usize = 200;
const OWNER_MAX: usize = 100;
const NOTE_MAX: usize = 2000;
/// One trillion yen: anything above is a typing mistake.
const COST_MAX: i64 = 1_000_000_000_000;

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

/// An action's fields as text. For a new action an empty or missing field takes its default;
/// for a change, `None` leaves the field as it is and an empty text clears it.
#[derive(Debug, Default, Clone)]
pub struct ActionFields {
    pub title: Option<String>,
    pub source: Option<String>,
    pub assessment_id: Option<String>,
    pub catalog: Option<String>,
    pub item: Option<String>,
    pub priority: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub status: Option<String>,
    pub cost_yen: Option<String>,
    pub note: Option<String>,
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

/// The field's text, trimmed, or `None` when empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

struct Check(Vec<FieldProblem>);

impl Check {
    fn problem(&mut self, field: &str, ja: impl Into<String>, en: impl Into<String>) {
        self.0.push(FieldProblem::new(field, ja).en(en));
    }

    fn title(&mut self, v: &Option<String>) -> Option<String> {
        let Some(t) = given(v) else {
            self.problem(
                "title",
                "対策の内容を入力してください。",
                "Enter what the action is.",
            );
            return None;
        };
        if t.chars().count() > TITLE_MAX {
            self.problem(
                "title",
                format!("対策の内容は{TITLE_MAX}文字以内にしてください。"),
                format!("The action can be at most {TITLE_MAX} characters."),
            );
            return None;
        }
        if t.chars().any(char::is_control) {
            self.problem(
                "title",
                "対策の内容に改行や制御文字は使えません。",
                "The action cannot contain line breaks or control characters.",
            );
            return None;
        }
        Some(t.to_owned())
    }

    /// Optional text: `Some(None)` when empty, `None` when wrong.
    fn text(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Option<String>,
        max: usize,
        lines: bool,
    ) -> Option<Option<String>> {
        let Some(t) = given(v) else {
            return Some(None);
        };
        if t.chars().count() > max {
            self.problem(
                field,
                format!("{label}は{max}文字以内にしてください。"),
                format!("The {label_en} can be at most {max} characters."),
            );
            return None;
        }
        if t.chars()
            .any(|c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
        {
            let (what, what_en) = if lines {
                ("制御文字", "control characters")
            } else {
                ("改行や制御文字", "line breaks or control characters")
            };
            self.problem(
                field,
                format!("{label}に{what}は使えません。"),
                format!("The {label_en} cannot contain {what_en}."),
            );
            return None;
        }
        Some(Some(t.to_owned()))
    }

    fn priority(&mut self, v: &Option<String>) -> Option<i64> {
        match given(v).map(crate::validate::whole_number) {
            Some(Some(p)) if (1..=MAX_PRIORITY).contains(&p) => Some(p),
            _ => {
                self.problem(
                    "priority",
                    format!("優先度は1から{MAX_PRIORITY}までの整数で入力してください（1がいちばん先です）。"),
                    format!("Enter the priority as a whole number from 1 to {MAX_PRIORITY} (1 comes first)."),
                );
                None
            }
        }
    }

    fn cost(&mut self, v: &Option<String>) -> Option<Option<i64>> {
        match given(v).map(crate::validate::whole_number) {
            None => Some(None),
            Some(Some(n)) if (0..=COST_MAX).contains(&n) => Some(Some(n)),
            Some(_) => {
                self.problem(
                    "cost_yen",
                    "費用の見込みは0以上の整数（円）で入力してください（例: 30000）。",
                    "Enter the estimated cost as a whole number of yen, 0 or more (e.g. 30000).",
                );
                None
            }
        }
    }

    fn due_date(&mut self, v: &Option<String>) -> Option<Option<String>> {
        let Some(t) = given(v) else {
            return Some(None);
        };
        match calendar_date(t) {
            Some(d) => Some(Some(d)),
            None => {
                self.problem(
                    "due_date",
                    format!(
                        "期限「{t}」は日付として読めません。2026-06-30 のように、実在する日付を入力してください。"
                    ),
                    format!("The due date “{t}” is not a date. Enter a real date such as 2026-06-30."),
                );
                None
            }
        }
    }

    fn status(&mut self, v: &Option<String>) -> Option<ActionStatus> {
        let t = given(v)?;
        let s = ActionStatus::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == t || s.label_ja() == t);
        if s.is_none() {
            self.problem(
                "status",
                "状態は todo（未着手）、doing（対応中）、done（完了）、dropped（見送り）のいずれかにしてください。",
                "The status must be todo, doing, done or dropped.",
            );
        }
        s
    }

    fn source(&mut self, v: &Option<String>) -> Option<ActionSource> {
        let t = given(v)?;
        let s = ActionSource::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == t || s.label_ja() == t);
        if s.is_none() {
            self.problem(
                "source",
                "出どころは diagnosis（診断）、risk（リスク分析）、audit（監査）、incident（インシデント）、other（その他）のいずれかにしてください。",
                "The source must be diagnosis, risk, audit, incident or other.",
            );
        }
        s
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldProblem>> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self.0),
        }
    }
}

/// `YYYY-MM-DD` (also `YYYY/M/D`) of a date that exists, written back as `YYYY-MM-DD`.
pub fn calendar_date(text: &str) -> Option<String> {
    let mut parts = text.split(['-', '/']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || !(1..=2).contains(&m.len())
        || !(1..=2).contains(&d.len())
    {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    if !(2000..=2199).contains(&year) {
        return None;
    }
    let date =
        ::time::Date::from_calendar_date(year, ::time::Month::try_from(month).ok()?, day).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

/// Checks a new action, listing every problem.
pub fn check_new(f: &ActionFields) -> Result<NewAction, Vec<FieldProblem>> {
    let mut c = Check(Vec::new());
    let title = c.title(&f.title);
    let source = c.source(&f.source);
    let assessment_id = match given(&f.assessment_id) {
        None => Some(None),
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n > 0 => Some(Some(AssessmentId(n))),
            _ => {
                c.problem(
                    "assessment_id",
                    "診断の番号が正しくありません。",
                    "The assessment number is not valid.",
                );
                None
            }
        },
    };
    let catalog = given(&f.catalog);
    let item = given(&f.item);
    let linked = match (catalog, item) {
        (None, None) => Some((None, None)),
        (None, Some(_)) => {
            c.problem(
                "catalog",
                "項目（item）を指定するときは、診断の種類（catalog）も指定してください。",
                "Give the diagnosis (catalog) as well when you give an item.",
            );
            None
        }
        (Some(id), item) => match mamori_domain::builtin().get(id) {
            None => {
                c.problem(
                    "catalog",
                    format!("「{id}」という診断はありません。"),
                    format!("There is no diagnosis “{id}”."),
                );
                None
            }
            Some(cat) => match item {
                Some(i) if cat.item_position(i).is_none() => {
                    c.problem(
                        "item",
                        format!(
                            "{}に「{i}」という項目はありません。",
                            cat.title.get(mamori_domain::Lang::Ja)
                        ),
                        format!(
                            "{} has no item “{i}”.",
                            cat.title.get(mamori_domain::Lang::En)
                        ),
                    );
                    None
                }
                item => Some((Some(cat.id.clone()), item.map(str::to_owned))),
            },
        },
    };
    let priority = match given(&f.priority) {
        None => Some(None),
        Some(_) => c.priority(&f.priority).map(Some),
    };
    let owner = c.text("owner", ("担当者", "owner"), &f.owner, OWNER_MAX, false);
    let due_date = c.due_date(&f.due_date);
    let status = c.status(&f.status);
    let cost_yen = c.cost(&f.cost_yen);
    let note = c.text("note", ("メモ", "note"), &f.note, NOTE_MAX, true);
    let new = (|| {
        let (catalog_id, item_id) = linked?;
        let source = source.unwrap_or(if item_id.is_some() {
            ActionSource::Diagnosis
        } else {
            ActionSource::Other
        });
        Some(NewAction {
            title: title?,
            source,
            assessment_id: assessment_id?,
            catalog_id,
            item_id,
            priority: priority?,
            owner: owner?,
            due_date: due_date?,
            status: status.unwrap_or(ActionStatus::Todo),
            cost_yen: cost_yen?,
            note: note?,
        })
    })();
    c.finish(new)
}

/// Checks a change; only the fields given are looked at.
pub fn check_update(f: &ActionFields) -> Result<ActionUpdate, Vec<FieldProblem>> {
    let mut c = Check(Vec::new());
    let mut u = ActionUpdate::default();
    if f.title.is_some() {
        u.title = c.title(&f.title);
    }
    if f.priority.is_some() {
        u.priority = c.priority(&f.priority);
    }
    if f.owner.is_some() {
        u.owner = c.text("owner", ("担当者", "owner"), &f.owner, OWNER_MAX, false);
    }
    if f.due_date.is_some() {
        u.due_date = c.due_date(&f.due_date);
    }
    if f.status.is_some() {
        u.status = c.status(&f.status);
        if u.status.is_none() && given(&f.status).is_none() {
            c.problem("status", "状態を選んでください。", "Choose a status.");
        }
    }
    if f.cost_yen.is_some() {
        u.cost_yen = c.cost(&f.cost_yen);
    }
    if f.note.is_some() {
        u.note = c.text("note", ("メモ", "note"), &f.note, NOTE_MAX, true);
    }
    c.finish(Some(u))
}

/// Reopening an action while another one for the same item is open.
pub fn already_open() -> FieldProblem {
    FieldProblem::new(
        "status",
        "同じ診断項目の対策がすでに対策リストで進んでいるため、未着手・対応中には戻せません。",
    )
    .en("Another action for the same diagnosis item is already under way, so this one cannot be reopened.")
}

/// The action list belongs to companies; a support organisation has none.
pub fn company_only(access: &OrgAccess) -> Result<(), AppError> {
    if access.access.org.kind == OrgKind::Company {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The action list belongs to companies, and only editors change it.
pub fn editable(access: &OrgAccess) -> Result<(), AppError> {
    company_only(access)?;
    if access.scope().role().can_edit() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Adds an action (or finds the open one for the same item): the flag says whether it is new.
pub async fn add_action(
    state: &AppState,
    access: &OrgAccess,
    fields: &ActionFields,
) -> Result<(Action, bool), AppError> {
    editable(access)?;
    let new = check_new(fields).map_err(AppError::Invalid)?;
    match state.store().create_action(access.scope(), &new).await {
        Err(StoreError::NotFound) => Err(AppError::invalid2(
            "assessment_id",
            "その番号の診断は見つかりませんでした。",
            "No assessment has that number.",
        )),
        other => Ok(other?),
    }
}

/// Changes an action.
pub async fn change_action(
    state: &AppState,
    access: &OrgAccess,
    id: ActionId,
    fields: &ActionFields,
) -> Result<Action, AppError> {
    editable(access)?;
    let change = check_update(fields).map_err(AppError::Invalid)?;
    match state
        .store()
        .update_action(access.scope(), id, &change)
        .await
    {
        Err(StoreError::Conflict("action_exists")) => Err(AppError::Invalid(vec![already_open()])),
        other => Ok(other?),
    }
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
    company_only(&access)?;
    let list = state.store().actions(access.scope()).await?;
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
        problems.extend(check_new(&fields).err().unwrap_or_default());
        return Err(AppError::Invalid(problems));
    }
    let (action, created) = add_action(&state, &access, &fields).await?;
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
        problems.extend(check_update(&fields).err().unwrap_or_default());
        return Err(AppError::Invalid(problems));
    }
    let action = change_action(&state, &access, ActionId(path.1), &fields).await?;
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
    company_only(&access)?;
    state
        .store()
        .delete_action(access.scope(), ActionId(path.1))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
