//! A company's profile (diagnostics.md §10): industry, size, place and group, checked once for
//! the profile form and the API.

use mamori_domain::Lang;
use mamori_storage::{CompanyProfile, EmployeeBand};

use super::optional_text;
use crate::FieldProblem;

/// The profile as given, before any check.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    /// JSIC major group, a letter A-T.
    pub industry: Option<String>,
    pub employee_band: Option<String>,
    pub employees: Option<i64>,
    pub prefecture: Option<String>,
    pub city: Option<String>,
    pub capital_yen: Option<i64>,
    pub parent_company: Option<String>,
    pub supply_chain: Option<String>,
}

/// JSIC major groups (日本標準産業分類 大分類 A-T): the code that is stored, the Japanese name
/// and the official English name of the division.
pub const INDUSTRIES: [(char, &str, &str); 20] = [
    ('A', "農業，林業", "Agriculture and forestry"),
    ('B', "漁業", "Fisheries"),
    (
        'C',
        "鉱業，採石業，砂利採取業",
        "Mining and quarrying of stone and gravel",
    ),
    ('D', "建設業", "Construction"),
    ('E', "製造業", "Manufacturing"),
    (
        'F',
        "電気・ガス・熱供給・水道業",
        "Electricity, gas, heat supply and water",
    ),
    ('G', "情報通信業", "Information and communications"),
    ('H', "運輸業，郵便業", "Transport and postal activities"),
    ('I', "卸売業，小売業", "Wholesale and retail trade"),
    ('J', "金融業，保険業", "Finance and insurance"),
    (
        'K',
        "不動産業，物品賃貸業",
        "Real estate and goods rental and leasing",
    ),
    (
        'L',
        "学術研究，専門・技術サービス業",
        "Scientific research, professional and technical services",
    ),
    (
        'M',
        "宿泊業，飲食サービス業",
        "Accommodations, eating and drinking services",
    ),
    (
        'N',
        "生活関連サービス業，娯楽業",
        "Living-related and personal services and amusement services",
    ),
    ('O', "教育，学習支援業", "Education, learning support"),
    ('P', "医療，福祉", "Medical, health care and welfare"),
    ('Q', "複合サービス事業", "Compound services"),
    (
        'R',
        "サービス業（他に分類されないもの）",
        "Services, not elsewhere classified",
    ),
    (
        'S',
        "公務（他に分類されるものを除く）",
        "Government, except elsewhere classified",
    ),
    ('T', "分類不能の産業", "Industries unable to classify"),
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

/// The prefectures in romaji, in the order of [`PREFECTURES`] (shown on English pages; the
/// Japanese name is what is stored).
pub const PREFECTURES_EN: [&str; 47] = [
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
];

/// The name of an industry code in `lang`; `None` for a code that is not a JSIC division.
pub fn industry_label(code: char, lang: Lang) -> Option<&'static str> {
    INDUSTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, ja, en)| match lang {
            Lang::Ja => *ja,
            Lang::En => *en,
        })
}

/// A stored prefecture (its Japanese name) in `lang`; a name not in the list stays as it is.
pub fn prefecture_label(stored: &str, lang: Lang) -> &str {
    match lang {
        Lang::Ja => stored,
        Lang::En => PREFECTURES
            .iter()
            .position(|p| *p == stored)
            .map_or(stored, |i| PREFECTURES_EN[i]),
    }
}

/// Checks a company profile (diagnostics.md §10), listing every problem. An exact head count
/// sets the band; a band given alongside must agree with it.
pub fn profile(input: &ProfileInput) -> Result<CompanyProfile, Vec<FieldProblem>> {
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
                (Some(c), None) if industry_label(c, Lang::Ja).is_some() => Some(c),
                _ => {
                    problems.push(
                        FieldProblem::new(
                            "industry",
                            "業種は日本標準産業分類の大分類（AからTの1文字）で選んでください。",
                        )
                        .en("Choose the industry as a JSIC division (one letter from A to T)."),
                    );
                    None
                }
            }
        }
    };
    let employees = match input.employees {
        Some(n) if !(1..=10_000_000).contains(&n) => {
            problems.push(
                FieldProblem::new("employees", "従業員数は1以上の整数で入力してください。")
                    .en("The number of employees must be a whole number of at least 1."),
            );
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
                problems.push(
                    FieldProblem::new(
                        "employee_band",
                        "従業員規模は 1-9、10-49、50-99、100-299、300+ のいずれかにしてください。",
                    )
                    .en("The company size must be one of 1-9, 10-49, 50-99, 100-299 or 300+."),
                );
                None
            }
        },
    };
    let employee_band = match (employees.and_then(EmployeeBand::of), given_band) {
        (Some(derived), Some(given)) if derived != given => {
            let (band, n) = (given.as_str(), employees.unwrap_or_default());
            problems.push(
                FieldProblem::new(
                    "employee_band",
                    format!("従業員規模（{band}）が従業員数（{n}人）と合っていません。"),
                )
                .en(format!(
                    "The company size ({band}) does not match the number of employees ({n})."
                )),
            );
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
            problems.push(
                FieldProblem::new(
                    "prefecture",
                    "都道府県は「愛知県」のように正式な名前で選んでください。",
                )
                .en("Choose a prefecture from the list."),
            );
            None
        }
    };
    let capital_yen = match input.capital_yen {
        Some(n) if n < 0 => {
            problems.push(
                FieldProblem::new(
                    "capital_yen",
                    "資本金は0以上の金額（円）で入力してください。",
                )
                .en("The share capital must be an amount in yen of 0 or more."),
            );
            None
        }
        other => other,
    };
    let city = optional_text(
        "city",
        ("市区町村", "The city, town or village"),
        input.city.as_deref(),
        100,
        &mut problems,
    );
    let parent_company = optional_text(
        "parent_company",
        ("親会社・グループ", "The parent company or group"),
        input.parent_company.as_deref(),
        200,
        &mut problems,
    );
    let supply_chain = optional_text(
        "supply_chain",
        ("主な取引先・サプライチェーン", "The main business partners"),
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
