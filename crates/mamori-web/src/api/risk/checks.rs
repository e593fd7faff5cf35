//! Checks of every field the risk API receives: every problem listed, in Japanese and English.

use super::*;

// --- checks ---------------------------------------------------------------------------------------

/// Problems, with a prefix for the place in a list (`[3].`, `rows[3].`).
pub(super) struct Check {
    pub(super) problems: Vec<FieldProblem>,
    pub(super) prefix: String,
}

impl Check {
    pub(super) fn new() -> Check {
        Check {
            problems: Vec::new(),
            prefix: String::new(),
        }
    }

    pub(super) fn problem(&mut self, field: &str, ja: impl Into<String>, en: impl Into<String>) {
        self.problems
            .push(FieldProblem::new(format!("{}{field}", self.prefix), ja).en(en));
    }

    pub(super) fn finish<T>(self, value: T) -> Result<T, AppError> {
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(AppError::Invalid(self.problems))
        }
    }

    /// Text: strings and numbers, trimmed; `null` and "" are `Some(None)`; `None` after a problem.
    pub(super) fn text(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
        max: usize,
        lines: bool,
    ) -> Option<Option<String>> {
        let t = match v {
            Value::Null => return Some(None),
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            _ => {
                self.problem(
                    field,
                    format!("{label}は文字で入力してください。"),
                    format!("Give the {label_en} as text."),
                );
                return None;
            }
        };
        if t.is_empty() {
            return Some(None);
        }
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
        Some(Some(t))
    }

    /// Required text.
    pub(super) fn required_text(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        max: usize,
    ) -> Option<String> {
        match self.text(field, label, v, max, false)? {
            Some(t) => Some(t),
            None => {
                self.problem(
                    field,
                    format!("{}を入力してください。", label.0),
                    format!("Enter the {}.", label.1),
                );
                None
            }
        }
    }

    /// A whole number in a range (a JSON number, or text such as "12,000"); `Some(None)` for
    /// `null` or "".
    pub(super) fn integer(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<Option<i64>> {
        let n = match v {
            Value::Null => return Some(None),
            Value::String(s) if s.trim().is_empty() => return Some(None),
            Value::Number(n) => n.as_i64(),
            Value::String(s) => crate::validate::whole_number(s),
            _ => None,
        };
        match n {
            Some(n) if range.contains(&n) => Some(Some(n)),
            _ => {
                let (lo, hi) = (range.start(), range.end());
                let (ja, en) = if hi - lo <= 6 {
                    let list: Vec<String> = range.clone().map(|k| k.to_string()).collect();
                    (
                        format!("{label}は{}のいずれかで入力してください。", list.join("、")),
                        format!("The {label_en} must be one of {}.", list.join(", ")),
                    )
                } else {
                    (
                        format!("{label}は{lo}から{hi}までの整数で入力してください。"),
                        format!("The {label_en} must be a whole number from {lo} to {hi}."),
                    )
                };
                self.problem(field, ja, en);
                None
            }
        }
    }

    pub(super) fn required_integer(
        &mut self,
        field: &str,
        label: (&str, &str),
        v: &Value,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        match self.integer(field, label, v, range.clone())? {
            Some(n) => Some(n),
            None => {
                let (lo, hi) = (range.start(), range.end());
                self.problem(
                    field,
                    format!("{}を{lo}から{hi}で入力してください。", label.0),
                    format!("Enter the {} ({lo} to {hi}).", label.1),
                );
                None
            }
        }
    }

    /// A real calendar date.
    pub(super) fn date(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
    ) -> Option<Option<String>> {
        let Some(t) = self.text(field, (label, label_en), v, 20, false)? else {
            return Some(None);
        };
        match calendar_date(&t) {
            Some(d) => Some(Some(d)),
            None => {
                self.problem(
                    field,
                    format!(
                        "{label}「{t}」は日付として読めません。2026-06-30 のように、実在する日付を入力してください。"
                    ),
                    format!("The {label_en} “{t}” is not a date. Enter a real date such as 2026-06-30."),
                );
                None
            }
        }
    }

    /// A code of the catalog, given as the code or its Japanese or English name.
    pub(super) fn code<'c>(
        &mut self,
        field: &str,
        (label, label_en): (&str, &str),
        v: &Value,
        choices: &[(&'c str, &'c Text)],
    ) -> Option<Option<&'c str>> {
        let Some(t) = self.text(field, (label, label_en), v, 100, false)? else {
            return Some(None);
        };
        // The name without its explanation in brackets counts too: 特定個人情報（マイナンバー）.
        let found = choices.iter().find(|(code, name)| {
            *code == t
                || name.ja == t
                || name.ja.split('（').next() == Some(t.as_str())
                || name.en.eq_ignore_ascii_case(&t)
        });
        match found {
            Some((code, _)) => Some(Some(code)),
            None => {
                let ja: Vec<String> = choices
                    .iter()
                    .map(|(code, name)| format!("{}（{code}）", name.ja))
                    .collect();
                let en: Vec<&str> = choices.iter().map(|(code, _)| *code).collect();
                self.problem(
                    field,
                    format!(
                        "{label}「{t}」は選べません。{}のいずれかにしてください。",
                        ja.join("、")
                    ),
                    format!(
                        "The {label_en} “{t}” is not one of the choices: {}.",
                        en.join(", ")
                    ),
                );
                None
            }
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

pub(super) const CIA: [(&str, (&str, &str)); 3] = [
    ("c", ("機密性（C）", "confidentiality (C)")),
    ("i", ("完全性（I）", "integrity (I)")),
    ("a", ("可用性（A）", "availability (A)")),
];

/// Checks an asset's fields. With `patch`, only the fields given are looked at; otherwise a
/// field left out counts as `null` (and the required ones must be there).
pub(super) fn check_asset(input: &AssetIn, c: &mut Check, patch: bool) -> RiskAssetUpdate {
    let catalog = catalog();
    let null = Value::Null;
    let mut u = RiskAssetUpdate::default();
    // A text field: `None` when left out of a change or when it had a problem (reported).
    let text = |c: &mut Check,
                name: &str,
                label: (&str, &str),
                v: &Option<Value>,
                max: usize,
                lines: bool|
     -> Option<Option<String>> {
        given(v, patch, &null).and_then(|v| c.text(name, label, v, max, lines))
    };
    // A coded field of the catalog.
    let code = |c: &mut Check,
                name: &str,
                label: (&str, &str),
                v: &Option<Value>,
                choices: &[(&str, &Text)]|
     -> Option<Option<String>> {
        given(v, patch, &null)
            .and_then(|v| c.code(name, label, v, choices))
            .map(|x| x.map(str::to_owned))
    };
    // In the register's column order, so problems are listed as the fields appear.
    u.business_category = text(
        c,
        "business_category",
        ("業務分類", "business category"),
        &input.business_category,
        SHORT_MAX,
        false,
    );
    if let Some(v) = given(&input.name, patch, &null) {
        u.name = c.required_text("name", ("情報資産名称", "asset name"), v, NAME_MAX);
    }
    u.note = text(c, "note", ("備考", "note"), &input.note, NOTE_MAX, true);
    u.users = text(
        c,
        "users",
        ("利用者範囲", "users"),
        &input.users,
        SHORT_MAX * 2,
        false,
    );
    u.owner_department = text(
        c,
        "owner_department",
        ("管理部署", "owning department"),
        &input.owner_department,
        SHORT_MAX,
        false,
    );
    let media = media_choices(catalog);
    match code(
        c,
        "medium",
        ("媒体・保存先", "medium"),
        &input.medium,
        &media,
    ) {
        Some(Some(m)) => u.medium = Some(m),
        Some(None) => c.problem(
            "medium",
            "媒体・保存先を選んでください。",
            "Choose the medium.",
        ),
        None => {}
    }
    if let Some(v) = given(&input.personal, patch, &null) {
        u.personal = personal(c, v);
    }
    if let Some(v) = given(&input.persons, patch, &null) {
        u.persons = c.integer("persons", ("人数", "number of persons"), v, 0..=PERSONS_MAX);
    }
    let classifications: Vec<(&str, &Text)> = catalog
        .classifications
        .iter()
        .map(|x| (x.code.as_str(), &x.name))
        .collect();
    u.classification = code(
        c,
        "classification",
        ("情報管理区分", "classification"),
        &input.classification,
        &classifications,
    );
    u.risk_owner = text(
        c,
        "risk_owner",
        ("リスク所有者", "risk owner"),
        &input.risk_owner,
        SHORT_MAX,
        false,
    );
    for (name, label) in CIA {
        let v = match name {
            "c" => &input.c,
            "i" => &input.i,
            _ => &input.a,
        };
        if let Some(v) = given(v, patch, &null) {
            let rating = c.required_integer(name, label, v, 0..=2);
            match name {
                "c" => u.c = rating,
                "i" => u.i = rating,
                _ => u.a = rating,
            }
        }
    }
    u.retention = text(
        c,
        "retention",
        ("保存期限", "retention"),
        &input.retention,
        SHORT_MAX,
        false,
    );
    if let Some(v) = given(&input.registered, patch, &null) {
        u.registered = c.date("registered", ("登録日", "registration date"), v);
    }
    let stages: Vec<(&str, &Text)> = catalog
        .lifecycle
        .iter()
        .map(|x| (x.code.as_str(), &x.name))
        .collect();
    u.lifecycle = code(
        c,
        "lifecycle",
        ("ライフサイクル", "lifecycle stage"),
        &input.lifecycle,
        &stages,
    );
    u
}

/// The field's value: as given; left out of a change, `None`; left out of a whole asset, `null`.
pub(super) fn given<'a>(v: &'a Option<Value>, patch: bool, null: &'a Value) -> Option<&'a Value> {
    match v {
        Some(v) => Some(v),
        None if patch => None,
        None => Some(null),
    }
}

/// Personal-information kinds: a list, or one text separated by commas.
pub(super) fn personal(c: &mut Check, v: &Value) -> Option<Vec<PersonalKind>> {
    let catalog = catalog();
    let choices: Vec<(&str, &Text)> = catalog
        .personal_data
        .iter()
        .map(|x| (x.code.as_str(), &x.name))
        .collect();
    let items: Vec<Value> = match v {
        Value::Null => Vec::new(),
        Value::Array(list) => list.clone(),
        Value::String(s) => s
            .split([',', '、', '，'])
            .map(|p| Value::String(p.trim().to_owned()))
            .filter(|p| p.as_str() != Some(""))
            .collect(),
        _ => {
            c.problem(
                "personal",
                "個人情報の種類は personal、sensitive、my_number の一覧で指定してください。",
                "Give the personal information kinds as a list of personal, sensitive, my_number.",
            );
            return None;
        }
    };
    let mut kinds = Vec::new();
    let mut ok = true;
    for (k, item) in items.iter().enumerate() {
        let label = ("個人情報の種類", "personal information kind");
        match c.code(&format!("personal[{k}]"), label, item, &choices) {
            Some(Some(code)) => kinds.extend(PersonalKind::parse(code)),
            Some(None) => {}
            None => ok = false,
        }
    }
    ok.then_some(kinds)
}

/// All the fields of a new or replaced asset, or `None` when a check failed.
pub(super) fn whole(u: RiskAssetUpdate) -> Option<RiskAssetFields> {
    Some(RiskAssetFields {
        business_category: u.business_category?,
        name: u.name?,
        note: u.note?,
        users: u.users?,
        owner_department: u.owner_department?,
        medium: u.medium?,
        personal: u.personal?,
        persons: u.persons?,
        classification: u.classification?,
        risk_owner: u.risk_owner?,
        c: u.c?,
        i: u.i?,
        a: u.a?,
        retention: u.retention?,
        registered: u.registered?,
        lifecycle: u.lifecycle?,
    })
}

/// Today in Japan, `YYYY-MM-DD`.
pub(super) fn today_jst() -> String {
    let d = ::time::OffsetDateTime::now_utc()
        .to_offset(::time::macros::offset!(+9))
        .date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A new asset's fields; the registration date is today when not given.
pub(super) fn check_new_asset(input: &AssetIn, c: &mut Check) -> Option<RiskAssetFields> {
    let mut u = check_asset(input, c, false);
    if u.registered == Some(None) {
        u.registered = Some(Some(today_jst()));
    }
    whole(u)
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
        Some(Some(t)) => {
            let found = TreatmentOption::ALL.iter().copied().find(|o| {
                o.as_str() == t
                    || o.label_ja() == t
                    || (*o == TreatmentOption::Transfer && (t == "移転" || t == "転嫁"))
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
        Some(None) => {
            c.problem(
                "option",
                "対応（回避・低減・移転・受容）を選んでください。",
                "Choose the treatment option (avoid, reduce, transfer or accept).",
            );
            None
        }
        None => None,
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
    if let (Some(Some(_)), Some(None)) = (&approved_on, &approved_by) {
        c.problem(
            "approved_by",
            "承認日を入れるときは、承認した人の名前も入力してください。",
            "Enter the name of the person who approved as well as the date.",
        );
    }
    if let (Some(TreatmentOption::Accept), Some(Some(r))) = (option, residual) {
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
    if to_action && matches!(planned, Some(None)) {
        c.problem(
            "planned",
            "対策リストに入れるには、予定している対策を入力してください。",
            "Enter the planned countermeasures to put them into the action list.",
        );
    }
    let input = (|| {
        Some(TreatmentInput {
            option: option?,
            planned: planned?,
            owner: owner?,
            due_date: due_date?,
            residual_risk: residual?,
            approved_by: approved_by?,
            approved_on: approved_on?,
            to_action,
        })
    })();
    match input {
        Some(t) => c.finish(t),
        None => Err(AppError::Invalid(c.problems)),
    }
}

pub(super) fn check_threats(input: &[ThreatIn]) -> Result<Vec<ThreatRating>, AppError> {
    let catalog = catalog();
    let media = media_choices(catalog);
    let mut c = Check::new();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (n, t) in input.iter().enumerate() {
        c.prefix = format!("[{n}].");
        let medium = c
            .code("medium", ("媒体・保存先", "medium"), &t.medium, &media)
            .flatten();
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
                .flatten()
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
        c.prefix = format!("[{n}].");
        let item = match c.text(
            "item",
            ("対策の番号", "countermeasure id"),
            &a.item,
            20,
            false,
        ) {
            Some(Some(id)) if catalog.countermeasure(&id).is_some() => Some(id),
            Some(Some(id)) => {
                c.problem(
                    "item",
                    format!("対策状況チェックに「{id}」という対策はありません。"),
                    format!("The countermeasure checklist has no item “{id}”."),
                );
                None
            }
            Some(None) => {
                c.problem(
                    "item",
                    "対策の番号を指定してください。",
                    "Give the countermeasure id.",
                );
                None
            }
            None => None,
        };
        let answer = c.required_integer("answer", ("回答", "answer"), &a.answer, 1..=4);
        let note = c.text("note", ("メモ", "note"), &a.note, NOTE_MAX, true);
        let (Some(item), Some(answer), Some(note)) = (item, answer, note) else {
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
                c.prefix = format!("incident_cost_template[{n}].");
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
            c.prefix.clear();
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
        Some(RiskSettings {
            acceptance_threshold: threshold?.unwrap_or(defaults.acceptance_threshold),
            compensation_per_person: compensation?.unwrap_or(defaults.compensation_per_person),
            incident_cost_template: template?,
            updated_at: None,
        })
    })();
    match settings {
        Some(s) => c.finish(s),
        None => Err(AppError::Invalid(c.problems)),
    }
}
