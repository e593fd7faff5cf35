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

    pub(super) fn text(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        max: usize,
        lines: bool,
    ) -> fields::Checked<String> {
        let Some(t) = self.value(field, label, v) else {
            return fields::Checked::Wrong;
        };
        self.inner.text(field, label, &t, max, lines)
    }

    pub(super) fn required_text(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        max: usize,
    ) -> Option<String> {
        let t = self.value(field, label, v)?;
        self.inner.required_text(field, label, &t, max)
    }

    pub(super) fn integer(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        range: std::ops::RangeInclusive<i64>,
    ) -> fields::Checked<i64> {
        let Some(t) = self.value(field, label, v) else {
            return fields::Checked::Wrong;
        };
        self.inner.integer(field, label, &t, range)
    }

    pub(super) fn required_integer(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let t = self.value(field, label, v)?;
        self.inner.required_integer(field, label, &t, range)
    }

    pub(super) fn date(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
    ) -> fields::Checked<String> {
        let Some(t) = self.value(field, label, v) else {
            return fields::Checked::Wrong;
        };
        self.inner.date(field, label, &t)
    }

    pub(super) fn code<'c>(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        choices: &[(&'c str, &'c Text)],
    ) -> fields::Checked<&'c str> {
        let Some(t) = self.value(field, label, v) else {
            return fields::Checked::Wrong;
        };
        self.inner.code(field, label, &t, choices)
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

pub(super) fn catalog() -> &'static RiskCatalog {
    builtin_catalog()
}

pub(super) fn media_choices(catalog: &RiskCatalog) -> Vec<(&str, &Text)> {
    catalog
        .media
        .iter()
        .map(|m| (m.code.as_str(), &m.name))
        .collect()
}

pub(super) fn check_treatment(
    input: &TreatmentIn,
    threshold: i64,
) -> Result<TreatmentInput, AppError> {
    let mut c = Check::new();
    let option = match c.text(
        "option",
        ("対応", "treatment option"),
        &input.option,
        20,
        false,
    ) {
        fields::Checked::Given(t) => {
            let found = Treatment::ALL.into_iter().find(|o| {
                o.as_str() == t
                    || mamori_app::labels::treatment(*o, Lang::Ja) == t
                    || (*o == Treatment::Transfer && (t == "移転" || t == "転嫁"))
            });
            if found.is_none() {
                c.problem(
                    "option",
                    "対応は avoid（回避）、reduce（低減）、transfer（移転・転嫁）、accept（受容）のいずれかにしてください。",
                    "The treatment option must be avoid, reduce, transfer or accept.",
                );
            }
            found
        }
        fields::Checked::Empty => {
            c.problem(
                "option",
                "対応（回避・低減・移転・受容）を選んでください。",
                "Choose the treatment option (avoid, reduce, transfer or accept).",
            );
            None
        }
        fields::Checked::Wrong => None,
    };
    let planned = c.text(
        "planned",
        ("予定している対策", "planned countermeasures"),
        &input.planned,
        NOTE_MAX,
        true,
    );
    let owner = c.text("owner", ("担当者", "owner"), &input.owner, SHORT_MAX, false);
    let due_date = c.date("due_date", ("期限", "due date"), &input.due_date);
    let residual = c.integer(
        "residual_risk",
        ("残留リスク", "residual risk"),
        &input.residual_risk,
        0..=6,
    );
    let approved_by = c.text(
        "approved_by",
        ("承認者", "approver"),
        &input.approved_by,
        SHORT_MAX,
        false,
    );
    let approved_on = c.date(
        "approved_on",
        ("承認日", "approval date"),
        &input.approved_on,
    );
    let to_action = match &input.to_action {
        Value::Null => false,
        Value::Bool(b) => *b,
        _ => {
            c.problem(
                "to_action",
                "to_action は true か false で指定してください。",
                "Give to_action as true or false.",
            );
            false
        }
    };
    if let (fields::Checked::Given(_), fields::Checked::Empty) = (&approved_on, &approved_by) {
        c.problem(
            "approved_by",
            "承認日を入れるときは、承認した人の名前も入力してください。",
            "Enter the name of the person who approved as well as the date.",
        );
    }
    if let (Some(Treatment::Accept), fields::Checked::Given(r)) = (option, residual) {
        let fits = RiskValue::new(r)
            .zip(RiskValue::new(threshold))
            .is_some_and(|(r, t)| mamori_domain::risk::may_accept(r, t));
        if !fits {
            c.problem(
                "residual_risk",
                format!(
                    "残留リスク {r} は受容できる基準（{threshold}以下）を超えています。対策でリスクを下げるか、基準を見直してください。"
                ),
                format!(
                    "A residual risk of {r} is above the acceptance threshold ({threshold}). Lower the risk with countermeasures, or review the threshold."
                ),
            );
        }
    }
    if to_action && planned.is_empty() {
        c.problem(
            "planned",
            "対策リストに入れるには、予定している対策を入力してください。",
            "Enter the planned countermeasures to put them into the action list.",
        );
    }
    let input = (|| {
        Ok(TreatmentInput {
            option: option.ok_or(fields::Refused)?,
            planned: planned.optional()?,
            owner: owner.optional()?,
            due_date: due_date.optional()?,
            residual_risk: residual.optional()?,
            approved_by: approved_by.optional()?,
            approved_on: approved_on.optional()?,
            to_action,
        })
    })();
    match input {
        Ok(t) => c.finish(t),
        Err(fields::Refused) => c.finish(()).and(Err(AppError::internal("unchecked input"))),
    }
}

pub(super) fn check_threats(input: &[ThreatIn]) -> Result<Vec<ThreatRating>, AppError> {
    let catalog = catalog();
    let media = media_choices(catalog);
    let mut c = Check::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (n, t) in input.iter().enumerate() {
        c.at(format!("[{n}]."));
        let medium = c
            .code("medium", ("媒体・保存先", "medium"), &t.medium, &media)
            .given();
        let asked: Vec<(&str, &Text)> = medium
            .and_then(|m| catalog.medium_position(m))
            .map(|m| {
                catalog
                    .threats_of(m)
                    .iter()
                    .map(|&k| (catalog.threats[k].code.as_str(), &catalog.threats[k].name))
                    .collect()
            })
            .unwrap_or_default();
        let kind = if medium.is_some() {
            c.code("kind", ("脅威の種類", "threat kind"), &t.kind, &asked)
                .given()
        } else {
            None
        };
        let frequency = c.required_integer(
            "frequency",
            ("脅威の発生頻度", "threat frequency"),
            &t.frequency,
            1..=3,
        );
        if medium.is_some() && kind.is_none() && t.kind.is_null() {
            c.problem(
                "kind",
                "脅威の種類を選んでください。",
                "Choose the threat kind.",
            );
        }
        if medium.is_none() && t.medium.is_null() {
            c.problem(
                "medium",
                "媒体・保存先を選んでください。",
                "Choose the medium.",
            );
        }
        let (Some(medium), Some(kind), Some(frequency)) = (medium, kind, frequency) else {
            continue;
        };
        if !seen.insert((medium, kind)) {
            c.problem(
                "kind",
                "同じ媒体の同じ脅威が二度あります。",
                "The same threat of the same medium is given twice.",
            );
            continue;
        }
        out.extend(ThreatKind::parse(kind).map(|kind| ThreatRating {
            medium: medium.to_owned(),
            kind,
            frequency,
        }));
    }
    c.finish(out)
}

pub(super) fn check_answers(input: &[AnswerIn]) -> Result<Vec<RiskAnswer>, AppError> {
    let catalog = catalog();
    let mut c = Check::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (n, a) in input.iter().enumerate() {
        c.at(format!("[{n}]."));
        let item = match c.text(
            "item",
            ("対策の番号", "countermeasure id"),
            &a.item,
            20,
            false,
        ) {
            fields::Checked::Given(id) if catalog.countermeasure(&id).is_some() => Some(id),
            fields::Checked::Given(id) => {
                c.problem(
                    "item",
                    format!("対策状況チェックに「{id}」という対策はありません。"),
                    format!("The countermeasure checklist has no item “{id}”."),
                );
                None
            }
            fields::Checked::Empty => {
                c.problem(
                    "item",
                    "対策の番号を指定してください。",
                    "Give the countermeasure id.",
                );
                None
            }
            fields::Checked::Wrong => None,
        };
        let answer = c.required_integer("answer", ("回答", "answer"), &a.answer, 1..=4);
        let note = c.text("note", ("メモ", "note"), &a.note, NOTE_MAX, true);
        let (Some(item), Some(answer), Ok(note)) = (item, answer, note.optional()) else {
            continue;
        };
        if !seen.insert(item.clone()) {
            c.problem(
                "item",
                format!("対策「{item}」の回答が二つあります。"),
                format!("Countermeasure “{item}” is answered twice."),
            );
            continue;
        }
        out.push(RiskAnswer {
            item_id: item,
            answer,
            note,
        });
    }
    c.finish(out)
}

pub(super) fn check_settings(input: &SettingsIn) -> Result<RiskSettings, AppError> {
    let defaults = RiskSettings::default();
    let mut c = Check::new();
    let threshold = c.integer(
        "acceptance_threshold",
        ("リスク受容の基準", "acceptance threshold"),
        &input.acceptance_threshold,
        0..=6,
    );
    let compensation = c.integer(
        "compensation_per_person",
        ("1人あたりの損害賠償額", "compensation per person"),
        &input.compensation_per_person,
        0..=COMPENSATION_MAX,
    );
    let template = match &input.incident_cost_template {
        Value::Null => Some(None),
        Value::Array(lines) if lines.len() <= TEMPLATE_LINES_MAX => {
            let mut out = Vec::new();
            let mut ok = true;
            for (n, line) in lines.iter().enumerate() {
                c.at(format!("incident_cost_template[{n}]."));
                let Some(fields) = line.as_object() else {
                    c.problem(
                        "label",
                        "費用の行は {\"label\", \"amount_yen\"} で指定してください。",
                        "Give each cost line as {\"label\", \"amount_yen\"}.",
                    );
                    ok = false;
                    continue;
                };
                if let Some(key) = fields.keys().find(|k| *k != "label" && *k != "amount_yen") {
                    c.problem(
                        key,
                        format!("費用の行に「{key}」という項目はありません（label と amount_yen だけです）。"),
                        format!("A cost line has no field “{key}” (only label and amount_yen)."),
                    );
                    ok = false;
                }
                let null = Value::Null;
                let label = c.required_text(
                    "label",
                    ("費用の項目名", "cost item"),
                    fields.get("label").unwrap_or(&null),
                    SHORT_MAX,
                );
                let amount = c.required_integer(
                    "amount_yen",
                    ("金額（円）", "amount in yen"),
                    fields.get("amount_yen").unwrap_or(&null),
                    0..=AMOUNT_MAX,
                );
                match (label, amount) {
                    (Some(label), Some(amount_yen)) => out.push(CostLine { label, amount_yen }),
                    _ => ok = false,
                }
            }
            c.at("");
            ok.then(|| Some(json!(out)))
        }
        Value::Array(_) => {
            c.problem(
                "incident_cost_template",
                format!("費用の行は{TEMPLATE_LINES_MAX}行までです。"),
                format!("The cost model can have at most {TEMPLATE_LINES_MAX} lines."),
            );
            None
        }
        _ => {
            c.problem(
                "incident_cost_template",
                "費用のひな形は行の一覧（または null）で指定してください。",
                "Give the cost template as a list of lines (or null).",
            );
            None
        }
    };
    let settings = (|| {
        Ok(RiskSettings {
            acceptance_threshold: threshold
                .optional()?
                .unwrap_or(defaults.acceptance_threshold),
            compensation_per_person: compensation
                .optional()?
                .unwrap_or(defaults.compensation_per_person),
            incident_cost_template: template.ok_or(fields::Refused)?,
            updated_at: None,
        })
    })();
    match settings {
        Ok(s) => c.finish(s),
        Err(fields::Refused) => c.finish(()).and(Err(AppError::internal("unchecked input"))),
    }
}
