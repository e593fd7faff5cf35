//! Checks of every field the risk API receives: every problem listed, in Japanese and English.

use mamori_app::assets::{AssetInput, field_label, in_column_order};
use mamori_app::fields;

use super::*;

// --- checks ---------------------------------------------------------------------------------------

/// The JSON side of the shared field checks (`mamori_app::fields::Check`): strings and numbers
/// become the text the checks read, `null` is empty, and any other JSON type is a problem of its
/// own. The checks themselves, and their messages, are the ones the forms and imports use.
pub(super) struct Check {
    inner: fields::Check,
}

/// A JSON value as field text: strings and numbers are text, `null` is empty; `None` for any
/// other type.
pub(crate) fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some(String::new()),
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Check {
    pub(super) fn new() -> Check {
        Check {
            inner: fields::Check::new(),
        }
    }

    pub(super) fn at(&mut self, prefix: impl Into<String>) {
        self.inner.at(prefix);
    }

    pub(super) fn problem(&mut self, field: &str, ja: impl Into<String>, en: impl Into<String>) {
        self.inner.problem(field, ja, en);
    }

    /// Problems a shared parser found, at the current place.
    pub(super) fn extend(&mut self, problems: Vec<FieldProblem>) {
        self.inner.extend(problems);
    }

    pub(super) fn finish<T>(self, value: T) -> Result<T, AppError> {
        self.inner.finish(Some(value)).map_err(AppError::Invalid)
    }

    fn value(&mut self, field: &str, (label, label_en): (&str, &str), v: &Value) -> Option<String> {
        let t = json_text(v);
        if t.is_none() {
            self.problem(
                field,
                format!("{label}は文字で入力してください。"),
                format!("Give the {label_en} as text."),
            );
        }
        t
    }
}

/// An asset as JSON gives it, read by the one asset parser: strings and numbers are text;
/// personal-information kinds are a list or one comma-separated text. A value of another JSON
/// type is a problem of its own. Every problem is listed in the register's column order.
pub(super) fn parse_asset<T>(
    input: &AssetIn,
    parse: impl FnOnce(&AssetInput) -> Result<T, Vec<FieldProblem>>,
) -> Result<T, Vec<FieldProblem>> {
    let mut c = Check::new();
    let mut t = |field: &str, v: &Option<Value>| -> Option<String> {
        let v = v.as_ref()?;
        c.value(field, field_label(field), v)
    };
    let mut text = AssetInput {
        business_category: t("business_category", &input.business_category),
        name: t("name", &input.name),
        note: t("note", &input.note),
        users: t("users", &input.users),
        owner_department: t("owner_department", &input.owner_department),
        medium: t("medium", &input.medium),
        personal: None,
        persons: t("persons", &input.persons),
        classification: t("classification", &input.classification),
        risk_owner: t("risk_owner", &input.risk_owner),
        c: t("c", &input.c),
        i: t("i", &input.i),
        a: t("a", &input.a),
        retention: t("retention", &input.retention),
        registered: t("registered", &input.registered),
        lifecycle: t("lifecycle", &input.lifecycle),
    };
    text.personal = match &input.personal {
        None => None,
        Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(list)) => Some(
            list.iter()
                .map(|v| json_text(v).unwrap_or_else(|| v.to_string()))
                .collect(),
        ),
        Some(Value::String(s)) => Some(
            s.split([',', '、', '，'])
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect(),
        ),
        Some(_) => {
            c.problem(
                "personal",
                "個人情報の種類は personal、sensitive、my_number の一覧で指定してください。",
                "Give the personal information kinds as a list of personal, sensitive, my_number.",
            );
            Some(Vec::new())
        }
    };
    let mut problems = c.inner.into_problems();
    match parse(&text) {
        Ok(value) if problems.is_empty() => Ok(value),
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            in_column_order(&mut problems);
            Err(problems)
        }
    }
}

// --- JSON shapes of the risk records ----------------------------------------------------------------
//
// The rules of each record are its parser's in `mamori_app::risk`; here are only the problems a
// JSON document can have that a form cannot (a list where text was expected, a cost line that is
// not an object), found before the parser runs.

/// Problems with the shape of a JSON document, and the places they cover: the parser's problems
/// there are left out, so a list given as a name is one problem, not two.
#[derive(Default)]
pub(super) struct Shape {
    problems: Vec<FieldProblem>,
    covered: Vec<String>,
}

impl Shape {
    fn refuse(
        &mut self,
        covers: String,
        field: String,
        ja: impl Into<String>,
        en: impl Into<String>,
    ) {
        self.problems.push(FieldProblem::new(field, ja).en(en));
        self.covered.push(covers);
    }

    /// A JSON value as field text (`None` when left out); any other type is a problem.
    fn text(
        &mut self,
        field: String,
        (label, label_en): (&str, &str),
        v: &Value,
    ) -> Option<String> {
        if v.is_null() {
            return None;
        }
        let t = json_text(v);
        if t.is_none() {
            self.refuse(
                field.clone(),
                field,
                format!("{label}は文字で入力してください。"),
                format!("Give the {label_en} as text."),
            );
        }
        t
    }

    /// The parser's value when neither found a problem; otherwise every problem, the shape's
    /// first, kept in the order of `place` (a list's items, a document's fields).
    fn finish<T, K: Ord>(
        self,
        parsed: Result<T, Vec<FieldProblem>>,
        place: impl Fn(&str) -> K,
    ) -> Result<T, AppError> {
        let more = match parsed {
            Ok(value) if self.problems.is_empty() => return Ok(value),
            Ok(_) => Vec::new(),
            Err(more) => more,
        };
        let Shape {
            mut problems,
            covered,
        } = self;
        problems.extend(more.into_iter().filter(|p| !covers(&covered, &p.field)));
        problems.sort_by_key(|p| place(&p.field));
        Err(AppError::Invalid(problems))
    }
}

/// Whether `field` is one of the places, or inside one (`[2]` covers `[2].label`).
fn covers(covered: &[String], field: &str) -> bool {
    covered.iter().any(|c| {
        field
            .strip_prefix(c.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

/// The item of a list a problem is at (`[3].kind` → 3).
fn item(field: &str) -> usize {
    field
        .strip_prefix('[')
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub(super) fn parse_treatment(
    input: &TreatmentIn,
    standing: Standing,
) -> Result<TreatmentDecision, AppError> {
    let mut shape = Shape::default();
    let mut t = |field: &str, label, v: &Value| shape.text(field.to_owned(), label, v);
    let mut fields = TreatmentFields {
        option: t("option", ("対応", "treatment option"), &input.option),
        planned: t(
            "planned",
            ("予定している対策", "planned countermeasures"),
            &input.planned,
        ),
        owner: t("owner", ("担当者", "owner"), &input.owner),
        due_date: t("due_date", ("期限", "due date"), &input.due_date),
        residual_risk: t(
            "residual_risk",
            ("残留リスク", "residual risk"),
            &input.residual_risk,
        ),
        approved_by: t("approved_by", ("承認者", "approver"), &input.approved_by),
        approved_on: t(
            "approved_on",
            ("承認日", "approval date"),
            &input.approved_on,
        ),
        to_action: false,
    };
    match &input.to_action {
        Value::Null => {}
        Value::Bool(b) => fields.to_action = *b,
        _ => shape.refuse(
            "to_action".to_owned(),
            "to_action".to_owned(),
            "to_action は true か false で指定してください。",
            "Give to_action as true or false.",
        ),
    }
    shape.finish(TreatmentDecision::parse(&fields, standing), |_| 0)
}

pub(super) fn parse_threats(input: &[ThreatIn]) -> Result<ThreatSheet, AppError> {
    let mut shape = Shape::default();
    let fields: Vec<ThreatFields> = input
        .iter()
        .enumerate()
        .map(|(n, t)| ThreatFields {
            medium: shape.text(
                format!("[{n}].medium"),
                ("媒体・保存先", "medium"),
                &t.medium,
            ),
            kind: shape.text(
                format!("[{n}].kind"),
                ("脅威の種類", "threat kind"),
                &t.kind,
            ),
            frequency: shape.text(
                format!("[{n}].frequency"),
                ("脅威の発生頻度", "threat frequency"),
                &t.frequency,
            ),
        })
        .collect();
    shape.finish(ThreatSheet::parse(&fields), item)
}

pub(super) fn parse_answers(input: &[AnswerIn]) -> Result<Checklist, AppError> {
    let mut shape = Shape::default();
    let fields: Vec<AnswerFields> = input
        .iter()
        .enumerate()
        .map(|(n, a)| AnswerFields {
            item: shape.text(
                format!("[{n}].item"),
                ("対策の番号", "countermeasure id"),
                &a.item,
            ),
            answer: shape.text(format!("[{n}].answer"), ("回答", "answer"), &a.answer),
            note: shape.text(format!("[{n}].note"), ("メモ", "note"), &a.note),
        })
        .collect();
    shape.finish(Checklist::parse(&fields), item)
}

pub(super) fn parse_settings(input: &SettingsIn) -> Result<SettingsDraft, AppError> {
    let mut shape = Shape::default();
    let mut fields = SettingsFields {
        // An empty text in the document takes the default, as null does.
        acceptance_threshold: shape
            .text(
                "acceptance_threshold".to_owned(),
                ("リスク受容の基準", "acceptance threshold"),
                &input.acceptance_threshold,
            )
            .filter(|t| !t.trim().is_empty()),
        compensation_per_person: shape
            .text(
                "compensation_per_person".to_owned(),
                ("1人あたりの損害賠償額", "compensation per person"),
                &input.compensation_per_person,
            )
            .filter(|t| !t.trim().is_empty()),
        incident_cost_template: None,
    };
    match &input.incident_cost_template {
        Value::Null => {}
        // Too many lines is one problem, found by the parser; the lines are not looked at.
        Value::Array(lines) if lines.len() > TEMPLATE_LINES_MAX => {
            fields.incident_cost_template = Some(vec![CostLineFields::default(); lines.len()]);
        }
        Value::Array(lines) => {
            let lines = lines.iter().enumerate().map(|(n, line)| {
                let at = format!("incident_cost_template[{n}]");
                let Some(map) = line.as_object() else {
                    shape.refuse(
                        at.clone(),
                        format!("{at}.label"),
                        "費用の行は {\"label\", \"amount_yen\"} で指定してください。",
                        "Give each cost line as {\"label\", \"amount_yen\"}.",
                    );
                    return CostLineFields::default();
                };
                if let Some(key) = map.keys().find(|k| *k != "label" && *k != "amount_yen") {
                    shape.refuse(
                        format!("{at}.{key}"),
                        format!("{at}.{key}"),
                        format!("費用の行に「{key}」という項目はありません（label と amount_yen だけです）。"),
                        format!("A cost line has no field “{key}” (only label and amount_yen)."),
                    );
                }
                let null = Value::Null;
                CostLineFields {
                    label: shape.text(format!("{at}.label"), ("費用の項目名", "cost item"), map.get("label").unwrap_or(&null)),
                    amount_yen: shape.text(format!("{at}.amount_yen"), ("金額", "amount"), map.get("amount_yen").unwrap_or(&null)),
                }
            });
            fields.incident_cost_template = Some(lines.collect());
        }
        _ => shape.refuse(
            "incident_cost_template".to_owned(),
            "incident_cost_template".to_owned(),
            "費用のひな形は行の一覧（または null）で指定してください。",
            "Give the cost template as a list of lines (or null).",
        ),
    }
    // The document's fields in order, then the cost lines in theirs.
    let place = |field: &str| {
        let top = ["acceptance_threshold", "compensation_per_person"]
            .iter()
            .position(|f| field == *f)
            .unwrap_or(2);
        let line = field.strip_prefix("incident_cost_template").map_or(0, item);
        (top, line)
    };
    shape.finish(SettingsDraft::parse(&fields), place)
}
