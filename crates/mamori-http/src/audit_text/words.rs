//! The words of the values an audit entry carries: names, amounts, codes and field labels in the
//! reader's language.

use mamori_domain::Lang;
use mamori_storage::{ActionStatus, EmployeeBand, Role};
use serde_json::{Map, Value};

use crate::i18n::pick;
use mamori_app::fields as validate;

pub(super) fn text<'a>(detail: &'a Value, key: &str) -> Option<&'a str> {
    detail
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

pub(super) fn number(detail: &Value, key: &str) -> Option<i64> {
    detail.get(key).and_then(Value::as_i64)
}

/// Yen with thousands separators ("28,308円", "¥28,308").
pub(super) fn yen(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if n < 0 { "-" } else { "" };
    match lang {
        Lang::Ja => format!("{sign}{out}円"),
        Lang::En => format!("{sign}¥{out}"),
    }
}

pub(super) fn catalog_title(id: Option<&str>, lang: Lang) -> String {
    match id {
        Some(id) => mamori_domain::builtin()
            .get(id)
            .map_or_else(|| id.to_owned(), |c| c.title.get(lang).to_owned()),
        None => pick(lang, "診断".into(), "a diagnosis".into()),
    }
}

pub(super) fn medium(code: Option<&str>, lang: Lang) -> Option<String> {
    code.map(|c| mamori_app::labels::medium(mamori_domain::risk::builtin_catalog(), c, lang))
}

pub(super) fn role(code: Option<&str>, lang: Lang) -> Option<&'static str> {
    code.and_then(Role::parse)
        .map(|r| mamori_app::labels::role(r, lang))
}

pub(super) fn option_label(code: &str, lang: Lang) -> &str {
    let (ja, en) = match code {
        "avoid" => ("回避", "avoid"),
        "reduce" => ("低減", "reduce"),
        "transfer" => ("移転・転嫁", "transfer"),
        "accept" => ("受容", "accept"),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A register field as the register's form labels it.
pub(super) fn asset_field(key: &str, lang: Lang) -> &str {
    let (ja, en) = match key {
        "business_category" => ("業務分類", "business category"),
        "name" => ("名称", "name"),
        "note" => ("備考", "note"),
        "users" => ("利用者範囲", "users"),
        "owner_department" => ("管理部署", "department in charge"),
        "medium" => ("媒体・保存先", "medium"),
        "personal" => ("個人情報の種類", "kinds of personal information"),
        "persons" => ("人数", "number of persons"),
        "classification" => ("情報管理区分", "classification"),
        "risk_owner" => ("リスク所有者", "risk owner"),
        "c" => ("機密性", "confidentiality"),
        "i" => ("完全性", "integrity"),
        "a" => ("可用性", "availability"),
        "retention" => ("保存期限", "retention"),
        "registered" => ("登録日", "registration date"),
        "lifecycle" => ("ライフサイクル", "lifecycle stage"),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// "社員名簿、請求書 ほか2件" / "Staff list, Invoices and 2 more".
pub(super) fn some_names(names: &[&str], lang: Lang) -> String {
    const SHOWN: usize = 5;
    let shown = names[..names.len().min(SHOWN)].join(pick(lang, "、".into(), ", ".into()).as_str());
    let more = names.len().saturating_sub(SHOWN);
    match (more, lang) {
        (0, _) => shown,
        (n, Lang::Ja) => format!("{shown} ほか{n}件"),
        (n, Lang::En) => format!("{shown} and {n} more"),
    }
}

/// One company-profile value as the profile form shows it.
pub(super) fn profile_value(key: &str, v: &Value, lang: Lang) -> String {
    let empty = || pick(lang, "（空欄）".into(), "(empty)".into());
    match (key, v) {
        (_, Value::Null) => empty(),
        ("industry", Value::String(s)) => s
            .chars()
            .next()
            .and_then(|c| validate::industry_label(c, lang))
            .unwrap_or(s)
            .to_owned(),
        ("employee_band", Value::String(s)) if EmployeeBand::parse(s).is_some() => {
            mamori_app::labels::employee_band(s, lang)
        }
        ("prefecture", Value::String(s)) => validate::prefecture_label(s, lang).to_owned(),
        ("capital_yen", Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), |n| yen(n, lang))
        }
        ("employees", Value::Number(n)) => pick(lang, format!("{n}人"), format!("{n}")),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

pub(super) fn profile_field(key: &str, lang: Lang) -> &str {
    let (ja, en) = match key {
        "industry" => ("業種", "industry"),
        "employee_band" => ("従業員規模", "size"),
        "employees" => ("従業員数", "employees"),
        "prefecture" => ("都道府県", "prefecture"),
        "city" => ("市区町村", "city"),
        "capital_yen" => ("資本金", "capital"),
        "parent_company" => ("親会社・グループ", "parent company or group"),
        "supply_chain" => (
            "主な取引先・サプライチェーン",
            "main customers and supply chain",
        ),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// "業種: 製造業、資本金: 1,000万円" from `key → value` pairs.
pub(super) fn changes(
    pairs: &Map<String, Value>,
    label: impl Fn(&str) -> String,
    value: impl Fn(&str, &Value) -> String,
    lang: Lang,
) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", label(k), value(k, v)))
        .collect::<Vec<_>>()
        .join(&pick(lang, "、".into(), ", ".into()))
}

pub(super) fn action_value(key: &str, v: &Value, lang: Lang) -> String {
    let empty = || pick(lang, "（空欄）".into(), "(empty)".into());
    match (key, v) {
        (_, Value::Null) => empty(),
        ("status", Value::String(s)) => ActionStatus::parse(s).map_or_else(
            || s.clone(),
            |s| mamori_app::labels::action_status(s, lang).to_owned(),
        ),
        ("cost_yen", Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), |n| yen(n, lang))
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

pub(super) fn action_field(key: &str, lang: Lang) -> &str {
    let (ja, en) = match key {
        "title" => ("内容", "title"),
        "priority" => ("優先度", "priority"),
        "owner" => ("担当者", "owner"),
        "due_date" => ("期限", "due date"),
        "status" => ("状態", "status"),
        "cost_yen" => ("費用の見込み", "estimated cost"),
        "note" => ("メモ", "note"),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}
