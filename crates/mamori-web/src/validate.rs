//! Shared checks for user-typed text, with messages that name the field.

use crate::FieldProblem;

/// A display name: trimmed, 1-100 characters, no control characters.
pub fn name(field: &str, value: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        problems.push(FieldProblem::new(field, "名前を入力してください。"));
        return None;
    }
    if v.chars().count() > 100 {
        problems.push(FieldProblem::new(
            field,
            "名前は100文字以内にしてください。",
        ));
        return None;
    }
    if v.chars().any(char::is_control) {
        problems.push(FieldProblem::new(
            field,
            "名前に改行や制御文字は使えません。",
        ));
        return None;
    }
    Some(v.to_owned())
}

/// An e-mail address: trimmed, lower-cased, one `@` with text on both sides and a dot after it.
pub fn email(field: &str, value: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let v = value.trim().to_lowercase();
    let ok = v.len() <= 254
        && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if v.is_empty() {
        problems.push(FieldProblem::new(
            field,
            "メールアドレスを入力してください。",
        ));
        None
    } else if !ok {
        problems.push(FieldProblem::new(
            field,
            "メールアドレスの形式が正しくありません（例: taro@example.co.jp）。",
        ));
        None
    } else {
        Some(v)
    }
}

/// JSIC major groups (日本標準産業分類 大分類 A-T).
pub const INDUSTRIES: [(char, &str); 20] = [
    ('A', "農業，林業"),
    ('B', "漁業"),
    ('C', "鉱業，採石業，砂利採取業"),
    ('D', "建設業"),
    ('E', "製造業"),
    ('F', "電気・ガス・熱供給・水道業"),
    ('G', "情報通信業"),
    ('H', "運輸業，郵便業"),
    ('I', "卸売業，小売業"),
    ('J', "金融業，保険業"),
    ('K', "不動産業，物品賃貸業"),
    ('L', "学術研究，専門・技術サービス業"),
    ('M', "宿泊業，飲食サービス業"),
    ('N', "生活関連サービス業，娯楽業"),
    ('O', "教育，学習支援業"),
    ('P', "医療，福祉"),
    ('Q', "複合サービス事業"),
    ('R', "サービス業（他に分類されないもの）"),
    ('S', "公務（他に分類されるものを除く）"),
    ('T', "分類不能の産業"),
];

pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

pub fn industry_label(code: char) -> Option<&'static str> {
    INDUSTRIES.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// Optional free text: trimmed, empty means none, at most `max` characters, no control characters
/// except line breaks.
pub fn optional_text(
    field: &str,
    label: &str,
    value: Option<&str>,
    max: usize,
    problems: &mut Vec<FieldProblem>,
) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        problems.push(FieldProblem::new(
            field,
            format!("{label}は{max}文字以内にしてください。"),
        ));
        return None;
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        problems.push(FieldProblem::new(
            field,
            format!("{label}に制御文字は使えません。"),
        ));
        return None;
    }
    Some(v.to_owned())
}

/// Checks a company profile (diagnostics.md §10), listing every problem. An exact head count
/// sets the band; a band given alongside must agree with it.
pub fn profile(
    input: &crate::api::ProfileIo,
) -> Result<mamori_storage::CompanyProfile, Vec<FieldProblem>> {
    use mamori_storage::{CompanyProfile, EmployeeBand};
    let mut problems = Vec::new();
    let industry = match input
        .industry
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => {
            let mut chars = s.chars();
            match (chars.next().map(|c| c.to_ascii_uppercase()), chars.next()) {
                (Some(c), None) if industry_label(c).is_some() => Some(c),
                _ => {
                    problems.push(FieldProblem::new(
                        "industry",
                        "業種は日本標準産業分類の大分類（AからTの1文字）で選んでください。",
                    ));
                    None
                }
            }
        }
    };
    let employees = match input.employees {
        Some(n) if !(1..=10_000_000).contains(&n) => {
            problems.push(FieldProblem::new(
                "employees",
                "従業員数は1以上の整数で入力してください。",
            ));
            None
        }
        other => other,
    };
    let given_band = match input
        .employee_band
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => match EmployeeBand::parse(s) {
            Some(b) => Some(b),
            None => {
                problems.push(FieldProblem::new(
                    "employee_band",
                    "従業員規模は 1-9、10-49、50-99、100-299、300+ のいずれかにしてください。",
                ));
                None
            }
        },
    };
    let employee_band = match (employees.and_then(EmployeeBand::of), given_band) {
        (Some(derived), Some(given)) if derived != given => {
            problems.push(FieldProblem::new(
                "employee_band",
                format!(
                    "従業員規模（{}）が従業員数（{}人）と合っていません。",
                    given.as_str(),
                    employees.unwrap_or_default()
                ),
            ));
            None
        }
        (Some(derived), _) => Some(derived),
        (None, given) => given,
    };
    let prefecture = match input
        .prefecture
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(p) if PREFECTURES.contains(&p) => Some(p.to_owned()),
        Some(_) => {
            problems.push(FieldProblem::new(
                "prefecture",
                "都道府県は「愛知県」のように正式な名前で選んでください。",
            ));
            None
        }
    };
    let capital_yen = match input.capital_yen {
        Some(n) if n < 0 => {
            problems.push(FieldProblem::new(
                "capital_yen",
                "資本金は0以上の金額（円）で入力してください。",
            ));
            None
        }
        other => other,
    };
    let city = optional_text(
        "city",
        "市区町村",
        input.city.as_deref(),
        100,
        &mut problems,
    );
    let parent_company = optional_text(
        "parent_company",
        "親会社・グループ",
        input.parent_company.as_deref(),
        200,
        &mut problems,
    );
    let supply_chain = optional_text(
        "supply_chain",
        "主な取引先・サプライチェーン",
        input.supply_chain.as_deref(),
        1000,
        &mut problems,
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(CompanyProfile {
        industry,
        employee_band,
        employees,
        prefecture,
        city,
        capital_yen,
        parent_company,
        supply_chain,
    })
}

/// A role name from a form or the API.
pub fn role(
    field: &str,
    value: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<mamori_storage::Role> {
    let r = mamori_storage::Role::parse(value.trim());
    if r.is_none() {
        problems.push(FieldProblem::new(field, "役割は admin（管理者）、consultant（専門家）、member（メンバー）、viewer（閲覧のみ）のいずれかにしてください。"));
    }
    r
}
