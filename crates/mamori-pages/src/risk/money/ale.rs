//! The loss-expectancy calculator (ALE = SLE × ARO) of the loss-estimate page: its inputs as
//! typed in the query string, and the calculation with every problem named.

use mamori_domain::Lang;
use mamori_domain::risk::{Yen, annualised_loss, single_loss};
use mamori_http::FieldProblem;
use mamori_http::i18n::pick;
use serde::Deserialize;

use super::{
    AMOUNT_MAX, EXAMPLE_EXPOSURE, EXAMPLE_PERSONS, EXAMPLE_RECORDS, EXAMPLE_YEARS, PERSONS_MAX,
    grouped, parse_amount, scaled, yen,
};

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

pub(super) fn ale_inputs(q: &AleQuery) -> AleInputs {
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
pub(super) fn calculate(
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
