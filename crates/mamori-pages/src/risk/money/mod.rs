//! 被害額の試算 (risk.md §6), for executives: the personal-data leak estimate of each asset that
//! has a number of persons (persons × the organisation's per-person compensation, JNSA's ¥28,308
//! by default), JNSA's incident cost model as an editable table (kept in the settings'
//! `incident_cost_template`, the same `[{"label", "amount_yen"}]` the API reads and writes), an
//! ALE calculator (SLE = asset value × exposure factor, ALE = SLE × occurrences ÷ years; a GET
//! form, nothing stored) and the executive rule. Every figure comes from `mamori_domain::risk`.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use mamori_domain::Lang;
use mamori_domain::risk::{
    DEFAULT_COMPENSATION_PER_PERSON, Yen, builtin_catalog, personal_data_leak_estimate, scaled_cost,
};
use mamori_storage::RiskSettings;
use serde::{Deserialize, Serialize};

use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

use mamori_app::risk::settings;
/// The largest amount a form takes (the settings parser's).
pub use mamori_app::risk::settings::AMOUNT_MAX;
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

pub use mamori_app::fields::grouped;

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
            medium: mamori_app::labels::medium(catalog, &a.fields.medium, lang),
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

mod ale;
mod save;

use ale::{AleInputs, AleQuery, AleResult, ale_inputs, calculate};
pub use save::save_money;

#[cfg(test)]
mod tests {
    use super::save::at_lines;
    use super::*;
    use mamori_app::risk::settings::{CostLineFields, SettingsDraft, SettingsFields};

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
