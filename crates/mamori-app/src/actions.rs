//! The company's action list (対策リスト, operations.md §5): one check of an action's fields for
//! the form and the API — each field arrives as text (a form field, or a JSON string or number),
//! so both give the same messages for the same mistakes — and the use cases that change it.

use mamori_domain::Lang;
use mamori_storage::{
    Access, Action, ActionId, ActionSource, ActionStatus, ActionUpdate, AssessmentId, MAX_PRIORITY,
    NewAction, Store, StoreError,
};

use crate::fields::{self, Checked, Refused, whole_number};
use crate::guard::{Need, require};
use crate::labels;
use crate::{Error, FieldProblem};

/// The longest title, in characters.
pub const TITLE_MAX: usize = 200;
const OWNER_MAX: usize = 100;
const NOTE_MAX: usize = 2000;
/// One trillion yen: anything above is a typing mistake.
const COST_MAX: i64 = 1_000_000_000_000;

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

    /// Optional text.
    fn text(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Option<String>,
        max: usize,
        lines: bool,
    ) -> Checked<String> {
        self.shared(|c| c.text(field, label, v.as_deref().unwrap_or(""), max, lines))
    }

    /// A check of the shared field checks, its problems kept with this input's.
    fn shared<T>(&mut self, check: impl FnOnce(&mut fields::Check) -> T) -> T {
        let mut c = fields::Check::new();
        let out = check(&mut c);
        self.0.extend(c.into_problems());
        out
    }

    fn priority(&mut self, v: &Option<String>) -> Option<i64> {
        match given(v).map(whole_number) {
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

    fn cost(&mut self, v: &Option<String>) -> Checked<i64> {
        match given(v).map(whole_number) {
            None => Checked::Empty,
            Some(Some(n)) if (0..=COST_MAX).contains(&n) => Checked::Given(n),
            Some(_) => {
                self.problem(
                    "cost_yen",
                    "費用の見込みは0以上の整数（円）で入力してください（例: 30000）。",
                    "Enter the estimated cost as a whole number of yen, 0 or more (e.g. 30000).",
                );
                Checked::Wrong
            }
        }
    }

    fn due_date(&mut self, v: &Option<String>) -> Checked<String> {
        let text = v.as_deref().unwrap_or("");
        self.shared(|c| c.date("due_date", ("期限", "due date"), text))
    }

    fn status(&mut self, v: &Option<String>) -> Option<ActionStatus> {
        let t = given(v)?;
        let s = ActionStatus::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == t || labels::action_status(*s, Lang::Ja) == t);
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
            .find(|s| s.as_str() == t || labels::action_source(*s, Lang::Ja) == t);
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

/// Checks a new action, listing every problem.
pub fn check_new(f: &ActionFields) -> Result<NewAction, Vec<FieldProblem>> {
    let mut c = Check(Vec::new());
    let title = c.title(&f.title);
    let source = c.source(&f.source);
    let assessment_id = match given(&f.assessment_id) {
        None => Checked::Empty,
        Some(t) => match t.parse::<i64>() {
            Ok(n) if n > 0 => Checked::Given(AssessmentId(n)),
            _ => {
                c.problem(
                    "assessment_id",
                    "診断の番号が正しくありません。",
                    "The assessment number is not valid.",
                );
                Checked::Wrong
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
                            cat.title.get(Lang::Ja)
                        ),
                        format!("{} has no item “{i}”.", cat.title.get(Lang::En)),
                    );
                    None
                }
                item => Some((Some(cat.id.clone()), item.map(str::to_owned))),
            },
        },
    };
    let priority = match given(&f.priority) {
        None => Checked::Empty,
        Some(_) => c
            .priority(&f.priority)
            .map_or(Checked::Wrong, Checked::Given),
    };
    let owner = c.text("owner", ("担当者", "owner"), &f.owner, OWNER_MAX, false);
    let due_date = c.due_date(&f.due_date);
    let status = c.status(&f.status);
    let cost_yen = c.cost(&f.cost_yen);
    let note = c.text("note", ("メモ", "note"), &f.note, NOTE_MAX, true);
    let new = (|| -> Result<NewAction, Refused> {
        let (catalog_id, item_id) = linked.ok_or(Refused)?;
        let source = source.unwrap_or(if item_id.is_some() {
            ActionSource::Diagnosis
        } else {
            ActionSource::Other
        });
        Ok(NewAction {
            title: title.ok_or(Refused)?,
            source,
            assessment_id: assessment_id.optional()?,
            catalog_id,
            item_id,
            priority: priority.optional()?,
            owner: owner.optional()?,
            due_date: due_date.optional()?,
            status: status.unwrap_or(ActionStatus::Todo),
            cost_yen: cost_yen.optional()?,
            note: note.optional()?,
        })
    })();
    c.finish(new.ok())
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
        u.owner = c
            .text("owner", ("担当者", "owner"), &f.owner, OWNER_MAX, false)
            .patch();
    }
    if f.due_date.is_some() {
        u.due_date = c.due_date(&f.due_date).patch();
    }
    if f.status.is_some() {
        u.status = c.status(&f.status);
        if u.status.is_none() && given(&f.status).is_none() {
            c.problem("status", "状態を選んでください。", "Choose a status.");
        }
    }
    if f.cost_yen.is_some() {
        u.cost_yen = c.cost(&f.cost_yen).patch();
    }
    if f.note.is_some() {
        u.note = c
            .text("note", ("メモ", "note"), &f.note, NOTE_MAX, true)
            .patch();
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

/// Adds an action (or finds the open one for the same item): the flag says whether it is new.
pub async fn add(
    store: &Store,
    access: &Access,
    fields: &ActionFields,
) -> Result<(Action, bool), Error> {
    let scope = require(access, Need::EditCompany)?;
    let new = check_new(fields)?;
    match store.create_action(scope, &new).await {
        Err(StoreError::NotFound) => Err(Error::invalid(
            "assessment_id",
            "その番号の診断は見つかりませんでした。",
            "No assessment has that number.",
        )),
        other => Ok(other?),
    }
}

/// Changes an action.
pub async fn change(
    store: &Store,
    access: &Access,
    id: ActionId,
    fields: &ActionFields,
) -> Result<Action, Error> {
    let scope = require(access, Need::EditCompany)?;
    let change = check_update(fields)?;
    match store.update_action(scope, id, &change).await {
        Err(StoreError::Conflict("action_exists")) => Err(Error::Invalid(vec![already_open()])),
        other => Ok(other?),
    }
}

/// The company's action list: open actions first by priority, then due date; then finished
/// ones, the most recent first.
pub async fn list(store: &Store, access: &Access) -> Result<Vec<Action>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.actions(scope).await?)
}

/// One action.
pub async fn get(store: &Store, access: &Access, id: ActionId) -> Result<Action, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.action(scope, id).await?)
}

/// Removes an action from the list.
pub async fn remove(store: &Store, access: &Access, id: ActionId) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.delete_action(scope, id).await?)
}
