//! The information-asset register (情報資産管理台帳, risk.md §1): one parser for a row, whoever
//! typed it — the asset form, the JSON API, or a spreadsheet row of an import — and the use
//! cases that change the register.

use mamori_domain::risk::{PersonalData, builtin_catalog};
use mamori_domain::text::Text;
use mamori_storage::{
    Access, Patch, RISK_ASSET_FIELDS, RiskAsset, RiskAssetFields, RiskAssetId, RiskAssetUpdate,
    Store,
};
use mamori_workbook::{Field, ImportPreview, RegisterRow, RowProblem, Table};

use crate::fields::{Check, Checked, Label, Refused, today_in_japan};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// The longest asset name, in characters.
pub const NAME_MAX: usize = 200;
/// The longest of the other one-line texts (category, users, department, owner, retention).
pub const TEXT_MAX: usize = 200;
pub const NOTE_MAX: usize = 2000;
/// More people than live in Japan is a typing mistake.
pub const PERSONS_MAX: i64 = 200_000_000;

/// The C, I and A fields with their names.
pub const CIA: [(&str, Label<'static>); 3] = [
    ("c", ("機密性（C）", "confidentiality (C)")),
    ("i", ("完全性（I）", "integrity (I)")),
    ("a", ("可用性（A）", "availability (A)")),
];

/// The name of an asset field for messages (`name` → 情報資産名称).
pub fn field_label(field: &str) -> Label<'static> {
    match field {
        "business_category" => ("業務分類", "business category"),
        "name" => ("情報資産名称", "asset name"),
        "note" => ("備考", "note"),
        "users" => ("利用者範囲", "users"),
        "owner_department" => ("管理部署", "owning department"),
        "medium" => ("媒体・保存先", "medium"),
        "personal" => ("個人情報の種類", "personal information kind"),
        "persons" => ("人数", "number of persons"),
        "classification" => ("情報管理区分", "classification"),
        "risk_owner" => ("リスク所有者", "risk owner"),
        "c" => CIA[0].1,
        "i" => CIA[1].1,
        "a" => CIA[2].1,
        "retention" => ("保存期限", "retention"),
        "registered" => ("登録日", "registration date"),
        "lifecycle" => ("ライフサイクル", "lifecycle stage"),
        _ => ("項目", "field"),
    }
}

/// Sorts one asset's problems into the register's column order (stable: a field's problems keep
/// their order), so problems found in two passes read as one list.
pub fn in_column_order(problems: &mut [FieldProblem]) {
    let position = |p: &FieldProblem| {
        let leaf = p.leaf();
        let name = leaf.split('[').next().unwrap_or(leaf);
        RISK_ASSET_FIELDS
            .iter()
            .position(|f| *f == name)
            .unwrap_or(RISK_ASSET_FIELDS.len())
    };
    problems.sort_by_key(position);
}

/// An asset's fields as given, before any check: text, as a form, a JSON document or a
/// spreadsheet cell holds it. `None` is a field left out: a change leaves it as it is, a whole
/// asset takes it as empty.
#[derive(Debug, Clone, Default)]
pub struct AssetInput {
    pub business_category: Option<String>,
    pub name: Option<String>,
    pub note: Option<String>,
    pub users: Option<String>,
    pub owner_department: Option<String>,
    /// A medium's code, or its Japanese or English name.
    pub medium: Option<String>,
    /// Personal-information kinds: codes or names.
    pub personal: Option<Vec<String>>,
    pub persons: Option<String>,
    pub classification: Option<String>,
    pub risk_owner: Option<String>,
    pub c: Option<String>,
    pub i: Option<String>,
    pub a: Option<String>,
    pub retention: Option<String>,
    pub registered: Option<String>,
    pub lifecycle: Option<String>,
}

impl AssetInput {
    /// A row read from a spreadsheet, as text for the one parser.
    pub fn of_row(r: &RegisterRow) -> AssetInput {
        let t = |s: &str| Some(s.to_owned());
        let o = |s: &Option<String>| Some(s.clone().unwrap_or_default());
        AssetInput {
            business_category: t(&r.business_category),
            name: t(&r.name),
            note: t(&r.note),
            users: t(&r.users),
            owner_department: t(&r.owner_department),
            medium: t(&r.medium),
            personal: Some(r.personal.clone()),
            persons: Some(r.persons.map(|n| n.to_string()).unwrap_or_default()),
            classification: o(&r.classification),
            risk_owner: o(&r.risk_owner),
            c: Some(r.c.to_string()),
            i: Some(r.i.to_string()),
            a: Some(r.a.to_string()),
            retention: o(&r.retention),
            registered: o(&r.registered),
            lifecycle: o(&r.lifecycle),
        }
    }
}

/// A whole asset that passed every check. Only [`AssetDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetDraft(RiskAssetFields);

impl AssetDraft {
    /// Every field of a whole asset, or every problem at once (in the register's column order).
    pub fn parse(input: &AssetInput) -> Result<AssetDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        let fields = whole(check(input, &mut c, false)).ok();
        c.finish(fields).map(AssetDraft)
    }

    /// A new asset's fields: the registration date is today when not given.
    pub fn parse_new(input: &AssetInput) -> Result<AssetDraft, Vec<FieldProblem>> {
        let mut d = AssetDraft::parse(input)?;
        d.0.registered.get_or_insert_with(today_in_japan);
        Ok(d)
    }

    pub fn fields(&self) -> &RiskAssetFields {
        &self.0
    }

    pub fn into_fields(self) -> RiskAssetFields {
        self.0
    }
}

/// A change to some fields of an asset, checked. Only [`AssetChange::parse`] makes one.
#[derive(Debug, Clone, Default)]
pub struct AssetChange(RiskAssetUpdate);

impl AssetChange {
    /// The fields given, checked; fields left out stay as they are.
    pub fn parse(input: &AssetInput) -> Result<AssetChange, Vec<FieldProblem>> {
        let mut c = Check::new();
        let update = check(input, &mut c, true);
        c.finish(Some(update)).map(AssetChange)
    }

    /// Every field, replacing the whole row.
    pub fn all(draft: AssetDraft) -> AssetChange {
        AssetChange(RiskAssetUpdate::all(draft.0))
    }

    pub fn update(&self) -> &RiskAssetUpdate {
        &self.0
    }
}

fn choices(list: &[(String, Text)]) -> Vec<(&str, &Text)> {
    list.iter().map(|(c, t)| (c.as_str(), t)).collect()
}

/// The checks of every field, in the register's column order. With `patch`, only the fields
/// given are looked at; otherwise a field left out counts as empty (and the required ones must
/// be there).
fn check(input: &AssetInput, c: &mut Check, patch: bool) -> RiskAssetUpdate {
    let catalog = builtin_catalog();
    let given = |v: &Option<String>| -> Option<String> {
        match v {
            Some(v) => Some(v.clone()),
            None if patch => None,
            None => Some(String::new()),
        }
    };
    let mut u = RiskAssetUpdate::default();
    let text = |c: &mut Check, field: &str, label: Label, v: &Option<String>, max, lines| {
        given(v).map_or(Patch::Keep, |v| {
            c.text(field, label, &v, max, lines).patch()
        })
    };
    u.business_category = text(
        c,
        "business_category",
        ("業務分類", "business category"),
        &input.business_category,
        TEXT_MAX,
        false,
    );
    if let Some(v) = given(&input.name) {
        u.name = c.required_text("name", ("情報資産名称", "asset name"), &v, NAME_MAX);
    }
    u.note = text(c, "note", ("備考", "note"), &input.note, NOTE_MAX, true);
    u.users = text(
        c,
        "users",
        ("利用者範囲", "users"),
        &input.users,
        TEXT_MAX,
        false,
    );
    u.owner_department = text(
        c,
        "owner_department",
        ("管理部署", "owning department"),
        &input.owner_department,
        TEXT_MAX,
        false,
    );
    let media: Vec<(String, Text)> = catalog
        .media
        .iter()
        .map(|m| (m.code.clone(), m.name.clone()))
        .collect();
    if let Some(v) = given(&input.medium) {
        let label = ("媒体・保存先", "medium");
        match c.code("medium", label, &v, &choices(&media)) {
            Checked::Given(m) => u.medium = Some(m.to_owned()),
            Checked::Empty => c.problem(
                "medium",
                "媒体・保存先を選んでください。",
                "Choose the medium.",
            ),
            Checked::Wrong => {}
        }
    }
    match (&input.personal, patch) {
        (Some(kinds), _) => u.personal = personal(c, kinds),
        (None, false) => u.personal = Some(Vec::new()),
        (None, true) => {}
    }
    if let Some(v) = given(&input.persons) {
        u.persons = c
            .integer_in(
                "persons",
                ("人数", "number of persons"),
                &v,
                0..=PERSONS_MAX,
                ("人", " persons"),
            )
            .patch();
    }
    let classifications: Vec<(String, Text)> = catalog
        .classifications
        .iter()
        .map(|x| (x.code.clone(), x.name.clone()))
        .collect();
    if let Some(v) = given(&input.classification) {
        let label = ("情報管理区分", "classification");
        u.classification = c
            .code("classification", label, &v, &choices(&classifications))
            .map(str::to_owned)
            .patch();
    }
    u.risk_owner = text(
        c,
        "risk_owner",
        ("リスク所有者", "risk owner"),
        &input.risk_owner,
        TEXT_MAX,
        false,
    );
    for (field, label) in CIA {
        let (v, out) = match field {
            "c" => (&input.c, &mut u.c),
            "i" => (&input.i, &mut u.i),
            _ => (&input.a, &mut u.a),
        };
        if let Some(v) = given(v) {
            *out = c.required_integer(field, label, &v, 0..=2);
        }
    }
    u.retention = text(
        c,
        "retention",
        ("保存期限", "retention"),
        &input.retention,
        TEXT_MAX,
        false,
    );
    if let Some(v) = given(&input.registered) {
        u.registered = c
            .date("registered", ("登録日", "registration date"), &v)
            .patch();
    }
    let stages: Vec<(String, Text)> = catalog
        .lifecycle
        .iter()
        .map(|x| (x.code.clone(), x.name.clone()))
        .collect();
    if let Some(v) = given(&input.lifecycle) {
        let label = ("ライフサイクル", "lifecycle stage");
        u.lifecycle = c
            .code("lifecycle", label, &v, &choices(&stages))
            .map(str::to_owned)
            .patch();
    }
    u
}

/// Personal-information kinds, each a code or a name; blanks are left out.
fn personal(c: &mut Check, given: &[String]) -> Option<Vec<PersonalData>> {
    let kinds: Vec<(String, Text)> = builtin_catalog()
        .personal_data
        .iter()
        .map(|x| (x.code.clone(), x.name.clone()))
        .collect();
    let label = ("個人情報の種類", "personal information kind");
    let mut out = Vec::new();
    let mut ok = true;
    for (k, item) in given.iter().enumerate() {
        match c.code(&format!("personal[{k}]"), label, item, &choices(&kinds)) {
            Checked::Given(code) => out.extend(PersonalData::parse(code)),
            Checked::Empty => {}
            Checked::Wrong => ok = false,
        }
    }
    ok.then_some(out)
}

/// All the fields of a whole asset, or `Refused` when a check failed.
fn whole(u: RiskAssetUpdate) -> Result<RiskAssetFields, Refused> {
    // Every field was looked at, so an optional one left as it is failed its check.
    fn value<T>(p: Patch<T>) -> Result<Option<T>, Refused> {
        match p {
            Patch::Keep => Err(Refused),
            Patch::Clear => Ok(None),
            Patch::Set(v) => Ok(Some(v)),
        }
    }
    Ok(RiskAssetFields {
        business_category: value(u.business_category)?,
        name: u.name.ok_or(Refused)?,
        note: value(u.note)?,
        users: value(u.users)?,
        owner_department: value(u.owner_department)?,
        medium: u.medium.ok_or(Refused)?,
        personal: u.personal.ok_or(Refused)?,
        persons: value(u.persons)?,
        classification: value(u.classification)?,
        risk_owner: value(u.risk_owner)?,
        c: u.c.ok_or(Refused)?,
        i: u.i.ok_or(Refused)?,
        a: u.a.ok_or(Refused)?,
        retention: value(u.retention)?,
        registered: value(u.registered)?,
        lifecycle: value(u.lifecycle)?,
    })
}

// --- import -------------------------------------------------------------------------------------

/// Runs every row the workbook read through [`AssetDraft::parse`]: a row the file could be read
/// for but that the register refuses (a 5,000-character name, a control character) is listed as
/// a problem at its row and column, like the file's own problems, and leaves the rows.
pub fn check_import(
    table: &Table,
    preview: &mut ImportPreview,
    mapping: &mamori_workbook::ColumnMapping,
) {
    let mut kept_rows = Vec::with_capacity(preview.rows.len());
    let mut kept_numbers = Vec::with_capacity(preview.rows.len());
    let rows = std::mem::take(&mut preview.rows);
    let numbers = std::mem::take(&mut preview.source_rows);
    for (row, number) in rows.into_iter().zip(numbers) {
        match AssetDraft::parse(&AssetInput::of_row(&row)) {
            Ok(_) => {
                kept_rows.push(row);
                kept_numbers.push(number);
            }
            Err(problems) => {
                let mut found: Vec<RowProblem> = problems
                    .iter()
                    .map(|p| row_problem(table, mapping, number, p))
                    .collect();
                found.sort_by_key(|x| x.column_index);
                preview.problems.extend(found);
            }
        }
    }
    preview.problems.sort_by_key(|p| p.row);
    preview.rows = kept_rows;
    preview.source_rows = kept_numbers;
}

fn row_problem(
    table: &Table,
    mapping: &mamori_workbook::ColumnMapping,
    row: usize,
    p: &FieldProblem,
) -> RowProblem {
    let leaf = p.leaf();
    let field = if leaf.starts_with("personal") {
        [
            Field::PersonalKinds,
            Field::Personal,
            Field::Sensitive,
            Field::MyNumber,
        ]
        .into_iter()
        .find(|f| mapping.get(*f).is_some())
    } else {
        Field::parse(leaf)
    };
    let index = field.and_then(|f| mapping.get(f));
    RowProblem {
        row,
        column: match (index, field) {
            (Some(c), _) => table.column_name(c),
            (None, Some(f)) => f.heading(mamori_domain::Lang::Ja).to_owned(),
            (None, None) => leaf.to_owned(),
        },
        column_index: index,
        reason_ja: p.message.clone(),
        reason_en: p.message_en.clone().unwrap_or_else(|| p.message.clone()),
    }
}

// --- use cases ----------------------------------------------------------------------------------

/// The register, in its order.
pub async fn list(store: &Store, access: &Access) -> Result<Vec<RiskAsset>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_assets(scope).await?)
}

/// One asset.
pub async fn get(store: &Store, access: &Access, id: RiskAssetId) -> Result<RiskAsset, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_asset(scope, id).await?)
}

/// Adds an asset at the end of the register.
pub async fn add(store: &Store, access: &Access, draft: &AssetDraft) -> Result<RiskAsset, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.create_risk_asset(scope, draft.fields()).await?)
}

/// Changes one asset.
pub async fn change(
    store: &Store,
    access: &Access,
    id: RiskAssetId,
    change: &AssetChange,
) -> Result<RiskAsset, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.update_risk_asset(scope, id, change.update()).await?)
}

/// Changes many assets at once, all or nothing.
pub async fn change_many(
    store: &Store,
    access: &Access,
    changes: &[(RiskAssetId, AssetChange)],
) -> Result<Vec<RiskAsset>, Error> {
    let scope = require(access, Need::EditCompany)?;
    let updates: Vec<(RiskAssetId, RiskAssetUpdate)> =
        changes.iter().map(|(id, c)| (*id, c.0.clone())).collect();
    Ok(store.update_risk_assets(scope, &updates).await?)
}

/// Removes an asset and its treatment (its history stays).
pub async fn remove(store: &Store, access: &Access, id: RiskAssetId) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.delete_risk_asset(scope, id).await?)
}

/// A copy of an asset at the end of the register.
pub async fn duplicate(
    store: &Store,
    access: &Access,
    id: RiskAssetId,
) -> Result<RiskAsset, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.duplicate_risk_asset(scope, id).await?)
}

/// What a confirmed import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub added: u64,
    pub removed: u64,
}

/// Stores checked rows, all or nothing: appended to the register, or replacing it.
pub async fn import(
    store: &Store,
    access: &Access,
    rows: Vec<AssetDraft>,
    replace: bool,
) -> Result<Imported, Error> {
    let scope = require(access, Need::EditCompany)?;
    let rows: Vec<RiskAssetFields> = rows.into_iter().map(AssetDraft::into_fields).collect();
    let done = if replace {
        store.replace_register(scope, &rows).await?
    } else {
        store.import_assets(scope, &rows).await?
    };
    Ok(Imported {
        added: done.added,
        removed: done.removed,
    })
}

#[cfg(test)]
#[path = "assets_tests.rs"]
mod tests;
