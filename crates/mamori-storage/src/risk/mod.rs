//! Information assets and risk analysis (risk.md, IPA's リスク分析シート): the company's asset
//! register, threat ratings per medium, countermeasure answers, treatment decisions, settings, the
//! register's history and closed analyses.
//!
//! Every change to an asset writes a `risk_asset_history` row (the changed fields, before → after)
//! and an audit entry in the same transaction. Lists are one query each, and writes of many rows
//! (imports, bulk edits) are multi-row statements in chunks, so a 10,000-row register is a
//! handful of statements on either backend. The web layer has checked every value; the tables'
//! CHECKs are the last line (a bad row makes the whole import fail, leaving nothing).

mod analysis;
mod assets;
mod closed;
mod codes;
mod treatments;

use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::Row;

use mamori_domain::risk::{PersonalData, Treatment};

use crate::json_rows::Columns;
use crate::{
    ActionId, OrgId, OrgScope, Patch, Result, RiskAssetId, RiskSnapshotId, StoreError, ThreatKind,
    Timestamp, UserId,
};
use codes::{personal_code, personal_from_code};

pub use assets::RegisterImport;

/// The values of one register row that people edit (情報資産管理台帳, risk.md §1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskAssetFields {
    /// 業務分類: 人事, 経理, 営業 … (free text).
    pub business_category: Option<String>,
    /// 情報資産名称.
    pub name: String,
    /// 備考.
    pub note: Option<String>,
    /// 利用者範囲: who may use it.
    pub users: Option<String>,
    /// 管理部署.
    pub owner_department: Option<String>,
    /// 媒体・保存先, a code: paper, office_pc, mobile, removable, internal_server, external_server.
    pub medium: String,
    /// 個人情報の種類 (none, one or several).
    pub personal: Vec<PersonalData>,
    /// How many people's data it holds (drives the leak estimate).
    pub persons: Option<i64>,
    /// 情報管理区分, a code: top_secret 極秘, secret 秘密, internal 社外秘, public 公開.
    pub classification: Option<String>,
    /// リスク所有者: a person or a role.
    pub risk_owner: Option<String>,
    /// 機密性, 完全性, 可用性: 0-2 each.
    pub c: i64,
    pub i: i64,
    pub a: i64,
    /// 保存期限: a date or a period, as written.
    pub retention: Option<String>,
    /// 登録日, `YYYY-MM-DD`.
    pub registered: Option<String>,
    /// Lifecycle stage, a code: create, store, use, share, archive, dispose (JNSA, seed 002).
    pub lifecycle: Option<String>,
}

impl RiskAssetFields {
    /// A row with a name, a medium and its ratings; set the other fields as needed.
    pub fn new(name: impl Into<String>, medium: impl Into<String>, cia: [i64; 3]) -> Self {
        RiskAssetFields {
            business_category: None,
            name: name.into(),
            note: None,
            users: None,
            owner_department: None,
            medium: medium.into(),
            personal: Vec::new(),
            persons: None,
            classification: None,
            risk_owner: None,
            c: cia[0],
            i: cia[1],
            a: cia[2],
            retention: None,
            registered: None,
            lifecycle: None,
        }
    }
}

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskAsset {
    pub id: RiskAssetId,
    pub org_id: OrgId,
    #[serde(flatten)]
    pub fields: RiskAssetFields,
    /// The row's place in the register (ascending).
    pub position: i64,
    pub created_by: Option<UserId>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A change to an asset: `None` leaves a required field as it is, `Patch::Keep` an optional one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskAssetUpdate {
    pub business_category: Patch<String>,
    pub name: Option<String>,
    pub note: Patch<String>,
    pub users: Patch<String>,
    pub owner_department: Patch<String>,
    pub medium: Option<String>,
    pub personal: Option<Vec<PersonalData>>,
    pub persons: Patch<i64>,
    pub classification: Patch<String>,
    pub risk_owner: Patch<String>,
    pub c: Option<i64>,
    pub i: Option<i64>,
    pub a: Option<i64>,
    pub retention: Patch<String>,
    pub registered: Patch<String>,
    pub lifecycle: Patch<String>,
}

impl RiskAssetUpdate {
    /// Sets every field (replacing the whole row, as an API `PUT` does).
    pub fn all(f: RiskAssetFields) -> RiskAssetUpdate {
        RiskAssetUpdate {
            business_category: f.business_category.into(),
            name: Some(f.name),
            note: f.note.into(),
            users: f.users.into(),
            owner_department: f.owner_department.into(),
            medium: Some(f.medium),
            personal: Some(f.personal),
            persons: f.persons.into(),
            classification: f.classification.into(),
            risk_owner: f.risk_owner.into(),
            c: Some(f.c),
            i: Some(f.i),
            a: Some(f.a),
            retention: f.retention.into(),
            registered: f.registered.into(),
            lifecycle: f.lifecycle.into(),
        }
    }

    pub(crate) fn apply(&self, f: &mut RiskAssetFields) {
        fn set<T: Clone>(field: &mut T, to: &Option<T>) {
            if let Some(to) = to {
                *field = to.clone();
            }
        }
        fn patch<T: Clone>(field: &mut Option<T>, to: &Patch<T>) {
            *field = to.applied_to(field);
        }
        patch(&mut f.business_category, &self.business_category);
        set(&mut f.name, &self.name);
        patch(&mut f.note, &self.note);
        patch(&mut f.users, &self.users);
        patch(&mut f.owner_department, &self.owner_department);
        set(&mut f.medium, &self.medium);
        if let Some(p) = &self.personal {
            f.personal = canonical_personal(p);
        }
        patch(&mut f.persons, &self.persons);
        patch(&mut f.classification, &self.classification);
        patch(&mut f.risk_owner, &self.risk_owner);
        set(&mut f.c, &self.c);
        set(&mut f.i, &self.i);
        set(&mut f.a, &self.a);
        patch(&mut f.retention, &self.retention);
        patch(&mut f.registered, &self.registered);
        patch(&mut f.lifecycle, &self.lifecycle);
    }
}

/// How often one kind of threat occurs to one medium (1-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreatRating {
    pub medium: String,
    pub kind: ThreatKind,
    pub frequency: i64,
}

/// An answer on the countermeasure checklist: 1 done, 2 partly, 3 not done or unknown, 4 not
/// applicable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskAnswer {
    pub item_id: String,
    pub answer: i64,
    pub note: Option<String>,
}

/// The treatment decision of one asset (risk.md §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RiskTreatment {
    pub asset_id: RiskAssetId,
    pub option: Treatment,
    /// The planned countermeasures, as written.
    pub planned: Option<String>,
    /// The action of the company's action list that carries the planned measures.
    pub action_id: Option<ActionId>,
    /// A person's name as typed.
    pub owner: Option<String>,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// The risk value expected after the planned measures, 0-6.
    pub residual_risk: Option<i64>,
    /// The named person who accepted the residual risk, and when (`YYYY-MM-DD`).
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    pub updated_at: Timestamp,
}

/// What `set_risk_treatment` stores. The web layer has checked every value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatmentInput {
    pub option: Treatment,
    pub planned: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub residual_risk: Option<i64>,
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    /// Put the planned measures into the action list: creates the linked action (source
    /// `risk`), or brings the one already linked up to date (title, owner, due date, note).
    pub to_action: bool,
}

impl TreatmentInput {
    pub fn new(option: Treatment) -> TreatmentInput {
        TreatmentInput {
            option,
            planned: None,
            owner: None,
            due_date: None,
            residual_risk: None,
            approved_by: None,
            approved_on: None,
            to_action: false,
        }
    }
}

/// The company's risk settings; the defaults until it changes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskSettings {
    /// A residual risk at or below this value may be accepted (0-6, default 3).
    pub acceptance_threshold: i64,
    /// Yen per person for the leak estimate (default ¥28,308, JNSA).
    pub compensation_per_person: i64,
    /// The editable lines of the incident cost model as JSON; `None` for the built-in template.
    pub incident_cost_template: Option<Value>,
    /// `None` while the defaults apply.
    pub updated_at: Option<Timestamp>,
}

impl Default for RiskSettings {
    fn default() -> RiskSettings {
        RiskSettings {
            acceptance_threshold: i64::from(
                mamori_domain::risk::DEFAULT_ACCEPTANCE_THRESHOLD.get(),
            ),
            compensation_per_person: mamori_domain::risk::DEFAULT_COMPENSATION_PER_PERSON.0,
            incident_cost_template: None,
            updated_at: None,
        }
    }
}

/// One entry of the register's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskHistoryEntry {
    pub id: i64,
    pub asset_id: RiskAssetId,
    pub actor_id: Option<UserId>,
    /// The actor's e-mail address at the time.
    pub actor: String,
    pub at: Timestamp,
    /// `{"action": "create" | "update" | "delete" | "import" | "treatment", "fields": {name:
    /// {"before": …, "after": …}}}`.
    pub change: Value,
}

/// A closed analysis, without its data.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskSnapshotSummary {
    pub id: RiskSnapshotId,
    pub title: String,
    pub closed_at: Timestamp,
    pub closed_by: Option<UserId>,
}

/// A closed analysis: the whole analysis as the caller gave it when closing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskSnapshot {
    #[serde(flatten)]
    pub summary: RiskSnapshotSummary,
    pub data: Value,
}

/// Rows per multi-row statement with `width` parameters each. SQLite's driver looks each
/// parameter's name up in a list as long as the statement's, so a statement's cost grows with the
/// square of its parameters (a 30,000-parameter one takes about a second): its statements stay at
/// about 500 parameters. PostgreSQL (up to 65,535) was fastest at about 5,000.
fn chunk_rows(conn: &sqlx::AnyConnection, width: usize) -> usize {
    let params = if conn.backend_name() == "SQLite" {
        500
    } else {
        5_000
    };
    (params / width).max(1)
}

/// `(…), (…)` for `rows` rows of `width` placeholders, numbered from `first`.
fn placeholders(
    rows: usize,
    width: usize,
    first: usize,
    row: impl Fn(&[String]) -> String,
) -> String {
    let mut text = String::new();
    for r in 0..rows {
        if r > 0 {
            text.push_str(", ");
        }
        let params: Vec<String> = (0..width)
            .map(|c| format!("${}", first + r * width + c))
            .collect();
        text.push_str(&row(&params));
    }
    text
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>;

pub(crate) const ASSET_COLUMNS: &str = "id, org_id, business_category, name, note, users, \
     owner_department, medium, personal, persons, classification, risk_owner, c, i, a, retention, \
     registered, lifecycle, position, created_by, created_at, updated_at";

/// An asset's editable fields, in the register's column order (the order `bind_fields` binds
/// them). The use cases list problems in this order, the audit log names changes in it.
pub const RISK_ASSET_FIELDS: [&str; 16] = [
    "business_category",
    "name",
    "note",
    "users",
    "owner_department",
    "medium",
    "personal",
    "persons",
    "classification",
    "risk_owner",
    "c",
    "i",
    "a",
    "retention",
    "registered",
    "lifecycle",
];

fn bind_fields<'q>(q: AnyQuery<'q>, f: &RiskAssetFields) -> AnyQuery<'q> {
    q.bind(f.business_category.as_deref())
        .bind(f.name.as_str())
        .bind(f.note.as_deref())
        .bind(f.users.as_deref())
        .bind(f.owner_department.as_deref())
        .bind(f.medium.as_str())
        .bind(personal_text(&f.personal))
        .bind(f.persons)
        .bind(f.classification.as_deref())
        .bind(f.risk_owner.as_deref())
        .bind(f.c)
        .bind(f.i)
        .bind(f.a)
        .bind(f.retention.as_deref())
        .bind(f.registered.as_deref())
        .bind(f.lifecycle.as_deref())
}

/// Each kind once, in the sheet's order.
fn canonical_personal(kinds: &[PersonalData]) -> Vec<PersonalData> {
    PersonalData::ALL
        .iter()
        .copied()
        .filter(|k| kinds.contains(k))
        .collect()
}

fn personal_text(kinds: &[PersonalData]) -> String {
    canonical_personal(kinds)
        .iter()
        .map(|k| personal_code(*k))
        .collect::<Vec<_>>()
        .join(",")
}

fn asset_from_row(r: &impl Columns) -> Result<RiskAsset> {
    let personal: String = r.get("personal")?;
    Ok(RiskAsset {
        id: RiskAssetId(r.get("id")?),
        org_id: OrgId(r.get("org_id")?),
        fields: RiskAssetFields {
            business_category: r.get("business_category")?,
            name: r.get("name")?,
            note: r.get("note")?,
            users: r.get("users")?,
            owner_department: r.get("owner_department")?,
            medium: r.get("medium")?,
            personal: personal
                .split(',')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    personal_from_code(p)
                        .ok_or_else(|| StoreError::Corrupt(format!("personal data kind {p:?}")))
                })
                .collect::<Result<_>>()?,
            persons: r.get("persons")?,
            classification: r.get("classification")?,
            risk_owner: r.get("risk_owner")?,
            c: r.get("c")?,
            i: r.get("i")?,
            a: r.get("a")?,
            retention: r.get("retention")?,
            registered: r.get("registered")?,
            lifecycle: r.get("lifecycle")?,
        },
        position: r.get("position")?,
        created_by: r.get::<Option<i64>>("created_by")?.map(UserId),
        created_at: Timestamp(r.get("created_at")?),
        updated_at: Timestamp(r.get("updated_at")?),
    })
}

/// The fields that differ, as `{field: {"before": …, "after": …}}`. With no `before` (a new row)
/// or no `after` (a removed one), empty fields are left out.
fn changed_fields<T: Serialize>(
    before: Option<&T>,
    after: Option<&T>,
    skip: &[&str],
) -> Map<String, Value> {
    let object = |v: Option<&T>| match v.map(serde_json::to_value) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    };
    let (b, a) = (object(before), object(after));
    let empty = |v: &Value| v.is_null() || v.as_array().is_some_and(Vec::is_empty);
    let mut changed = Map::new();
    for key in b.keys().chain(a.keys()) {
        if skip.contains(&key.as_str()) || changed.contains_key(key) {
            continue;
        }
        let (x, y) = (
            b.get(key).cloned().unwrap_or(Value::Null),
            a.get(key).cloned().unwrap_or(Value::Null),
        );
        let one_sided = before.is_none() || after.is_none();
        if x != y && !(one_sided && empty(&x) && empty(&y)) {
            let mut pair = Map::new();
            pair.insert("before".into(), x);
            pair.insert("after".into(), y);
            changed.insert(key.clone(), Value::Object(pair));
        }
    }
    changed
}

/// A history change document.
fn change(action: &str, fields: Map<String, Value>) -> Value {
    let mut doc = Map::new();
    doc.insert("action".into(), Value::from(action));
    doc.insert("fields".into(), Value::Object(fields));
    Value::Object(doc)
}

/// The e-mail the history and the audit log copy for the actor.
async fn actor_email(conn: &mut sqlx::AnyConnection, user: UserId) -> Result<String> {
    let row = sqlx::query("SELECT email FROM users WHERE id = $1")
        .bind(user.0)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some(r) => r.try_get(0)?,
        None => "system".to_owned(),
    })
}

/// Writes history rows `(asset, change)` in multi-row statements.
async fn write_history(
    conn: &mut sqlx::AnyConnection,
    scope: &OrgScope,
    actor: &str,
    now: Timestamp,
    rows: &[(RiskAssetId, Value)],
) -> Result<()> {
    for chunk in rows.chunks(chunk_rows(conn, 2)) {
        let values = placeholders(chunk.len(), 2, 5, |p| {
            format!("($1, {}, $2, $3, $4, {})", p[0], p[1])
        });
        let mut q = sqlx::query(sql!(
            "INSERT INTO risk_asset_history (org_id, asset_id, actor_id, actor, at, change) \
             VALUES {values}"
        ))
        .bind(scope.org().0)
        .bind(scope.user().0)
        .bind(actor.to_owned())
        .bind(now.0);
        for (asset, change) in chunk {
            q = q.bind(asset.0).bind(change.to_string());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
