//! 被害額の試算 (risk.md §6), for executives: the personal-data leak estimate of each asset that
//! has a number of persons (persons × the organisation's per-person compensation, JNSA's ¥28,308
//! by default), JNSA's incident cost model as an editable table (kept in the settings'
//! `incident_cost_template`, the same `[{"label", "amount_yen"}]` the API reads and writes), an
//! ALE calculator (SLE = asset value × exposure factor, ALE = SLE × occurrences ÷ years; a GET
//! form, nothing stored) and the executive rule. Every figure comes from `mamori_domain::risk`.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_domain::Lang;
use mamori_domain::risk::{
    DEFAULT_COMPENSATION_PER_PERSON, Yen, annualised_loss, builtin_catalog,
    personal_data_leak_estimate, scaled_cost, single_loss,
};
use mamori_storage::RiskSettings;
use serde::{Deserialize, Serialize};

use super::medium_label;
use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use crate::render_status;
use mamori_http::i18n::pick;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// The largest amount a form takes (the settings parser's).
pub use mamori_app::risk::settings::AMOUNT_MAX;
use mamori_app::risk::settings::{self, CostLineFields, SettingsDraft, SettingsFields};
/// The most persons or records a form takes (as the API's persons).
pub const PERSONS_MAX: i64 = 200_000_000;
/// Empty rows offered under the cost lines for adding more.
const BLANK_LINES: usize = 3;

/// JNSA's example of the cost of one leak (seed 002): persons it is for, and its lines (our
/// wording; the amounts are JNSA's). Total ¥27,860,000.
pub const EXAMPLE_PERSONS: i64 = 20_000;
const EXAMPLE_LINES: [(&str, &str, i64); 8] = [
    (
        "対策本部の人件費（1か月分）",
        "Response team staff costs (one month)",
        5_000_000,
    ),
    (
        "損害賠償（被害者の0.1%が訴訟に加わるとして）",
        "Damages (0.1% of the persons join a lawsuit)",
        360_000,
    ),
    ("弁護士・裁判の費用", "Lawyer and court fees", 300_000),
    (
        "お詫びの品と送料（2万人分）",
        "Apology gifts and mailing (20,000 persons)",
        14_000_000,
    ),
    (
        "お詫びの訪問（10人分）",
        "Apology visits (10 persons)",
        1_100_000,
    ),
    (
        "お知らせのWebページ作成（2回）",
        "Web notice pages (twice)",
        100_000,
    ),
    (
        "コールセンターの設置（1か月分）",
        "Call centre (one month)",
        5_000_000,
    ),
    (
        "問い合わせ窓口の担当者（1か月分）",
        "Inquiry desk staff (one month)",
        2_000_000,
    ),
];

/// The worked example of seed 002: 50,000 records, 40% lost in one incident, once in 10 years.
const EXAMPLE_RECORDS: i64 = 50_000;
const EXAMPLE_EXPOSURE: i64 = 40;
const EXAMPLE_YEARS: i64 = 10;

/// One line of the cost model, as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CostLine {
    pub label: String,
    pub amount_yen: i64,
}

/// The organisation's cost lines, or JNSA's example in the page language; true for the example.
pub fn cost_lines(settings: &RiskSettings, lang: Lang) -> (Vec<CostLine>, bool) {
    let stored = settings
        .incident_cost_template
        .clone()
        .and_then(|v| serde_json::from_value::<Vec<CostLine>>(v).ok());
    match stored {
        Some(lines) => (lines, false),
        None => (
            EXAMPLE_LINES
                .iter()
                .map(|(ja, en, amount)| CostLine {
                    label: match lang {
                        Lang::Ja => (*ja).to_owned(),
                        Lang::En => (*en).to_owned(),
                    },
                    amount_yen: *amount,
                })
                .collect(),
            true,
        ),
    }
}

/// `1234567` with thousands separators.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount as people read it: `1,234,567円`, or `¥1,234,567` on English pages.
pub fn yen(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}円", grouped(n)),
        Lang::En if n < 0 => format!("-¥{}", grouped(-n)),
        Lang::En => format!("¥{}", grouped(n)),
    }
}

/// A whole number as typed: full-width digits, separators, 円 and ¥ are fine; `None` for
/// anything else (or below zero).
pub fn parse_amount(text: &str) -> Option<i64> {
    mamori_app::fields::whole_number(text).filter(|n| *n >= 0)
}

/// The cost model's total scaled to `count` of its `basis` records (the domain's rule).
fn scaled(total: i64, count: i64, basis: i64) -> Option<i64> {
    scaled_cost(Yen(total), count, basis).map(|y| y.0)
}

pub struct LeakRow {
    pub id: i64,
    pub name: String,
    pub medium: String,
    pub persons: String,
    pub estimate: String,
}

pub struct LineView {
    pub n: usize,
    pub label: String,
    /// As typed or stored (digits), for the input.
    pub amount: String,
    pub amount_text: String,
}

/// The ALE calculator's inputs, as in the query string.
#[derive(Debug, Default, Deserialize)]
pub struct AleQuery {
    records: Option<String>,
    basis: Option<String>,
    value: Option<String>,
    exposure: Option<String>,
    occurrences: Option<String>,
    years: Option<String>,
    budget: Option<String>,
}

pub struct AleInputs {
    pub records: String,
    pub basis: String,
    pub value: String,
    pub exposure: String,
    pub occurrences: String,
    pub years: String,
    pub budget: String,
}

pub struct AleResult {
    pub per_record: String,
    pub value: String,
    pub value_from_records: bool,
    pub exposure: i64,
    pub sle: String,
    pub aro: String,
    pub ale: String,
    pub ale_sentence: String,
    /// The executive rule applied to the budget, when one is given: (within budget, sentence).
    pub budget: Option<(bool, String)>,
}

#[derive(Template)]
#[template(path = "risk/money.html")]
struct MoneyPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    compensation: String,
    compensation_text: String,
    compensation_default: String,
    leaks: Vec<LeakRow>,
    leak_persons: String,
    leak_total: String,
    lines: Vec<LineView>,
    builtin: bool,
    template_total: String,
    example_persons: String,
    ale: AleInputs,
    result: Option<AleResult>,
    problems: Vec<FieldProblem>,
}

/// What a rejected settings form brings back.
#[derive(Default)]
struct Typed {
    compensation: Option<String>,
    lines: Option<Vec<(String, String)>>,
    problems: Vec<FieldProblem>,
}

fn ale_inputs(q: &AleQuery) -> AleInputs {
    let nothing = q.records.is_none()
        && q.basis.is_none()
        && q.value.is_none()
        && q.exposure.is_none()
        && q.occurrences.is_none()
        && q.years.is_none()
        && q.budget.is_none();
    if nothing {
        // The page opens on seed 002's worked example.
        return AleInputs {
            records: EXAMPLE_RECORDS.to_string(),
            basis: EXAMPLE_PERSONS.to_string(),
            value: String::new(),
            exposure: EXAMPLE_EXPOSURE.to_string(),
            occurrences: "1".into(),
            years: EXAMPLE_YEARS.to_string(),
            budget: String::new(),
        };
    }
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    AleInputs {
        records: s(&q.records),
        basis: s(&q.basis),
        value: s(&q.value),
        exposure: s(&q.exposure),
        occurrences: s(&q.occurrences),
        years: s(&q.years),
        budget: s(&q.budget),
    }
}

/// The calculation, or the problems of its inputs.
fn calculate(
    i: &AleInputs,
    template_total: i64,
    lang: Lang,
) -> Result<AleResult, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut number = |field: &str,
                      label: (&str, &str),
                      text: &str,
                      range: std::ops::RangeInclusive<i64>,
                      required: bool|
     -> Option<i64> {
        let t = text.trim();
        if t.is_empty() {
            if required {
                problems.push(
                    FieldProblem::new(field, format!("{}を入力してください。", label.0))
                        .en(format!("Enter the {}.", label.1)),
                );
            }
            return None;
        }
        match parse_amount(t).filter(|n| range.contains(n)) {
            Some(n) => Some(n),
            None => {
                problems.push(
                    FieldProblem::new(
                        field,
                        format!(
                            "{}は{}〜{}の整数で入力してください（「{t}」は使えません）。",
                            label.0,
                            grouped(*range.start()),
                            grouped(*range.end())
                        ),
                    )
                    .en(format!(
                        "The {} must be a whole number from {} to {} (not “{t}”).",
                        label.1,
                        grouped(*range.start()),
                        grouped(*range.end())
                    )),
                );
                None
            }
        }
    };
    let value = number(
        "value",
        ("資産価値", "asset value"),
        &i.value,
        0..=AMOUNT_MAX,
        false,
    );
    let records = number(
        "records",
        ("保有件数", "number of records"),
        &i.records,
        0..=PERSONS_MAX,
        false,
    );
    let basis = number(
        "basis",
        ("ひな形の想定人数", "persons the cost model is for"),
        &i.basis,
        1..=PERSONS_MAX,
        value.is_none(),
    );
    let exposure = number(
        "exposure",
        ("損失の割合（%）", "exposure factor (%)"),
        &i.exposure,
        0..=100,
        true,
    );
    let occurrences = number(
        "occurrences",
        ("発生回数", "number of occurrences"),
        &i.occurrences,
        0..=1000,
        true,
    );
    let years = number(
        "years",
        ("年数", "number of years"),
        &i.years,
        1..=1000,
        true,
    );
    let budget = number(
        "budget",
        ("事故のときに出せる予算", "budget for an incident"),
        &i.budget,
        0..=AMOUNT_MAX,
        false,
    );
    if value.is_none()
        && records.is_none()
        && i.value.trim().is_empty()
        && i.records.trim().is_empty()
    {
        problems.push(
            FieldProblem::new("value", "資産価値か保有件数のどちらかを入力してください。")
                .en("Enter either the asset value or the number of records."),
        );
    }
    let per_record = basis.and_then(|b| scaled(template_total, 1, b));
    let from_records = match (value, records, basis) {
        (None, Some(r), Some(b)) => {
            match scaled(template_total, r, b).filter(|v| *v <= AMOUNT_MAX) {
                Some(v) => Some(v),
                None => {
                    problems.push(
                        FieldProblem::new("records", "資産価値が大きすぎて計算できません。")
                            .en("The asset value is too large to calculate."),
                    );
                    None
                }
            }
        }
        _ => None,
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(asset_value), Some(exposure), Some(occurrences), Some(years)) =
        (value.or(from_records), exposure, occurrences, years)
    else {
        return Err(problems);
    };
    let small = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    let sle = single_loss(Yen(asset_value), small(exposure));
    let Some(ale) = annualised_loss(sle, small(occurrences), small(years)) else {
        return Err(vec![
            FieldProblem::new("years", "年数を入力してください。").en("Enter the number of years."),
        ]);
    };
    let aro = if occurrences == 1 {
        pick(
            lang,
            format!("{years}年に1回"),
            format!("once in {years} years"),
        )
    } else {
        pick(
            lang,
            format!("{years}年に{occurrences}回"),
            format!("{occurrences} times in {years} years"),
        )
    };
    let ale_sentence = pick(
        lang,
        format!(
            "年間予想損失額（ALE）は{}です。これより少ない年間費用で防げる対策なら、費用に見合うと言えます。大きく上回るなら、回避も考えます。",
            yen(ale.0, lang)
        ),
        format!(
            "The annualised loss expectancy (ALE) is {}. A countermeasure that prevents it for less per year is worth its cost; if it costs far more, consider avoiding the risk instead.",
            yen(ale.0, lang)
        ),
    );
    let budget = budget.map(|b| {
        let within = sle.0 <= b;
        let sentence = if within {
            pick(
                lang,
                format!(
                    "1回の事故で見込まれる被害額 {} は、事故のときに出せる予算 {} の範囲内です。",
                    yen(sle.0, lang),
                    yen(b, lang)
                ),
                format!(
                    "The expected damage of one incident, {}, is within the budget the company could spend in an incident, {}.",
                    yen(sle.0, lang),
                    yen(b, lang)
                ),
            )
        } else {
            pick(
                lang,
                format!(
                    "1回の事故で見込まれる被害額 {} は、事故のときに出せる予算 {} を {} 上回っています。このまま受容せず、回避・低減・移転を考えてください。",
                    yen(sle.0, lang),
                    yen(b, lang),
                    yen(sle.0 - b, lang)
                ),
                format!(
                    "The expected damage of one incident, {}, is {} above the budget the company could spend in an incident, {}. Do not accept it as it is: consider avoiding, reducing or transferring it.",
                    yen(sle.0, lang),
                    yen(sle.0 - b, lang),
                    yen(b, lang)
                ),
            )
        };
        (within, sentence)
    });
    Ok(AleResult {
        per_record: per_record.map_or_else(|| "—".to_owned(), |p| yen(p, lang)),
        value: yen(asset_value, lang),
        value_from_records: value.is_none(),
        exposure,
        sle: yen(sle.0, lang),
        aro,
        ale: yen(ale.0, lang),
        ale_sentence,
        budget,
    })
}

async fn money_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    query: &AleQuery,
    typed: Typed,
) -> Result<MoneyPage, AppError> {
    let org = OrgNav::new(access, "risk");
    need(access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let catalog = builtin_catalog();
    let store = state.store();
    let (assets, settings) = tokio::try_join!(
        store.risk_assets(access.scope()),
        store.risk_settings(access.scope()),
    )?;
    let per_person = Yen(settings.compensation_per_person);
    let mut leaks = Vec::new();
    let (mut persons_total, mut total) = (0i64, 0i64);
    for a in &assets {
        let Some(persons) = a.fields.persons else {
            continue;
        };
        let estimate = u64::try_from(persons)
            .ok()
            .and_then(|p| personal_data_leak_estimate(p, per_person));
        if let Some(e) = estimate {
            total = total.saturating_add(e.0);
        }
        persons_total = persons_total.saturating_add(persons);
        leaks.push(LeakRow {
            id: a.id.0,
            name: a.fields.name.clone(),
            medium: medium_label(catalog, &a.fields.medium, lang),
            persons: grouped(persons),
            estimate: estimate.map_or_else(|| "—".to_owned(), |e| yen(e.0, lang)),
        });
    }
    let (stored_lines, builtin) = cost_lines(&settings, lang);
    let template_total: i64 = stored_lines
        .iter()
        .fold(0i64, |s, l| s.saturating_add(l.amount_yen));
    let mut lines: Vec<LineView> = match &typed.lines {
        Some(typed) => typed
            .iter()
            .enumerate()
            .map(|(n, (label, amount))| LineView {
                n,
                label: label.clone(),
                amount: amount.clone(),
                amount_text: parse_amount(amount).map_or_else(String::new, |a| yen(a, lang)),
            })
            .collect(),
        None => stored_lines
            .iter()
            .enumerate()
            .map(|(n, l)| LineView {
                n,
                label: l.label.clone(),
                amount: l.amount_yen.to_string(),
                amount_text: yen(l.amount_yen, lang),
            })
            .collect(),
    };
    let shown = lines.len();
    for n in shown..(shown + BLANK_LINES).min(settings::TEMPLATE_LINES_MAX.max(shown)) {
        lines.push(LineView {
            n,
            label: String::new(),
            amount: String::new(),
            amount_text: String::new(),
        });
    }
    let ale = ale_inputs(query);
    let (result, mut problems) = match calculate(&ale, template_total, lang) {
        Ok(r) => (Some(r), Vec::new()),
        Err(p) => (None, p),
    };
    problems.extend(typed.problems);
    Ok(MoneyPage {
        tab: "money",
        compensation: typed
            .compensation
            .unwrap_or_else(|| settings.compensation_per_person.to_string()),
        compensation_text: yen(settings.compensation_per_person, lang),
        compensation_default: yen(DEFAULT_COMPENSATION_PER_PERSON.0, lang),
        leaks,
        leak_persons: grouped(persons_total),
        leak_total: yen(total, lang),
        lines,
        builtin,
        template_total: yen(template_total, lang),
        example_persons: grouped(EXAMPLE_PERSONS),
        ale,
        result,
        problems,
        org,
        ctx,
    })
}

pub async fn money(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Query(query): Query<AleQuery>,
) -> Result<Response, AppError> {
    let page = money_page(&state, ctx, &access, &query, Typed::default()).await?;
    Ok(render(&page)?.into_response())
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The cost lines of the form (`label-N`, `amount-N`), in order, as typed.
fn typed_lines(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut lines: std::collections::BTreeMap<usize, (String, String)> = Default::default();
    for (k, v) in pairs {
        if let Some(n) = k.strip_prefix("label-").and_then(|n| n.parse().ok()) {
            lines.entry(n).or_default().0 = v.clone();
        } else if let Some(n) = k.strip_prefix("amount-").and_then(|n| n.parse().ok()) {
            lines.entry(n).or_default().1 = v.clone();
        }
    }
    lines
        .into_values()
        .filter(|(l, a)| !l.trim().is_empty() || !a.trim().is_empty())
        .collect()
}

/// The settings parser's problems with cost lines at the form's inputs (`label-N`,
/// `amount-N`), each saying which line.
fn at_lines(problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|p| {
            let Some(rest) = p.field.strip_prefix("incident_cost_template") else {
                return p;
            };
            let line = rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .and_then(|(n, leaf)| Some((n.parse::<usize>().ok()?, leaf)));
            let Some((n, leaf)) = line else {
                return FieldProblem {
                    field: "lines".to_owned(),
                    ..p
                };
            };
            let input = if leaf == ".label" { "label" } else { "amount" };
            let en = p.message_en.clone().unwrap_or_else(|| p.message.clone());
            FieldProblem::new(
                format!("{input}-{n}"),
                format!("{}行目: {}", n + 1, p.message),
            )
            .en(format!("Line {}: {en}", n + 1))
        })
        .collect()
}

/// Saves the per-person compensation (`form=compensation`), the cost lines (`form=template`), or
/// goes back to JNSA's example (`form=template_reset`). The other settings go back as stored,
/// and the one settings parser (`mamori_app::risk::settings`, the API's) checks the whole.
pub async fn save_money(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // A viewer is refused before anything typed is looked at, as the use case would.
    need(&access, Need::EditCompany)?;
    let org = access.scope().org().0;
    let store = state.store();
    let mut fields = SettingsFields::of(&settings::get(store, &access.access).await?);
    let (anchor, draft) = match field(&pairs, "form") {
        "compensation" => {
            let text = field(&pairs, "compensation_per_person");
            fields.compensation_per_person = Some(text.to_owned());
            let draft = SettingsDraft::parse(&fields).map_err(|problems| Typed {
                compensation: Some(text.to_owned()),
                problems,
                ..Typed::default()
            });
            ("leak", draft)
        }
        "template" => {
            let typed = typed_lines(&pairs);
            fields.incident_cost_template = Some(
                typed
                    .iter()
                    .map(|(label, amount)| CostLineFields {
                        label: Some(label.clone()),
                        amount_yen: Some(amount.clone()),
                    })
                    .collect(),
            );
            let draft = SettingsDraft::parse(&fields).map_err(|problems| Typed {
                problems: at_lines(problems),
                lines: Some(typed),
                ..Typed::default()
            });
            ("template", draft)
        }
        "template_reset" => {
            fields.incident_cost_template = None;
            (
                "template",
                SettingsDraft::parse(&fields).map_err(|problems| Typed {
                    problems,
                    ..Typed::default()
                }),
            )
        }
        _ => return Err(AppError::NotFound),
    };
    match draft {
        Ok(draft) => {
            settings::save(store, &access.access, &draft).await?;
            Ok(
                Redirect::to(&format!("/orgs/{org}/risk/money?notice=saved#{anchor}"))
                    .into_response(),
            )
        }
        Err(typed) => {
            let page = money_page(&state, ctx, &access, &AleQuery::default(), typed).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jnsas_example_totals_27_86_million_yen() {
        let total: i64 = EXAMPLE_LINES.iter().map(|l| l.2).sum();
        assert_eq!(total, 27_860_000);
        let (lines, builtin) = cost_lines(&RiskSettings::default(), Lang::En);
        assert!(builtin);
        assert_eq!(lines.len(), 8);
    }

    #[test]
    fn the_worked_example_gives_the_seeds_sle_and_ale() {
        let i = ale_inputs(&AleQuery::default());
        let r = calculate(&i, 27_860_000, Lang::Ja).unwrap();
        assert_eq!(r.value, "69,650,000円");
        assert_eq!(r.per_record, "1,393円");
        assert_eq!(r.sle, "27,860,000円");
        assert_eq!(r.ale, "2,786,000円");
        let r = calculate(&i, 27_860_000, Lang::En).unwrap();
        assert_eq!(r.ale, "¥2,786,000");
    }

    #[test]
    fn amounts_are_read_as_people_type_them() {
        assert_eq!(parse_amount("２８，３０８円"), Some(28_308));
        assert_eq!(parse_amount("¥1,234"), Some(1234));
        assert_eq!(parse_amount("-5"), None);
        assert_eq!(parse_amount("many"), None);
        assert_eq!(yen(-1_234_567, Lang::En), "-¥1,234,567");
        assert_eq!(yen(0, Lang::Ja), "0円");
    }

    #[test]
    fn a_cost_lines_problems_are_shown_at_its_inputs_naming_the_line() {
        let typed = [("見舞金", "1,000"), ("", "5"), ("広告", "x")];
        let fields = SettingsFields {
            incident_cost_template: Some(
                typed
                    .iter()
                    .map(|(l, a)| CostLineFields {
                        label: Some((*l).to_owned()),
                        amount_yen: Some((*a).to_owned()),
                    })
                    .collect(),
            ),
            ..SettingsFields::default()
        };
        let problems = at_lines(SettingsDraft::parse(&fields).unwrap_err());
        let at: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(at, ["label-1", "amount-2"]);
        assert!(problems[0].message.starts_with("2行目: 費用の項目名を"));
        assert!(
            problems[1]
                .message_en
                .as_deref()
                .unwrap()
                .starts_with("Line 3: ")
        );
    }
}
