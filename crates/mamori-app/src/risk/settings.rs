//! The company's risk settings (risk.md §5-6): the acceptance threshold, the compensation per
//! person of the leak estimate and the incident cost model's lines. One parser for the pages
//! and the JSON API.

use mamori_storage::{Access, RiskSettings, Store};
use serde_json::{Value, json};

use super::SHORT_MAX;
use crate::fields::{Check, NO_UNIT, YEN};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// Per-person compensation above ten million yen is a typing mistake.
pub const COMPENSATION_MAX: i64 = 10_000_000;
/// One trillion yen: anything above is a typing mistake.
pub const AMOUNT_MAX: i64 = 1_000_000_000_000;
pub const TEMPLATE_LINES_MAX: usize = 50;

/// One line of the incident cost model as given.
#[derive(Debug, Clone, Default)]
pub struct CostLineFields {
    pub label: Option<String>,
    pub amount_yen: Option<String>,
}

/// The settings as given. A number left out (`None`) takes its default, but one given must be a
/// number: a page's emptied field is a mistake, an API document's missing field is not. A
/// missing cost model is the built-in one.
#[derive(Debug, Clone, Default)]
pub struct SettingsFields {
    pub acceptance_threshold: Option<String>,
    pub compensation_per_person: Option<String>,
    pub incident_cost_template: Option<Vec<CostLineFields>>,
}

impl SettingsFields {
    /// The stored settings as text, so a page that changes one of them gives the others back
    /// unchanged.
    pub fn of(s: &RiskSettings) -> SettingsFields {
        let lines = s.incident_cost_template.as_ref().and_then(Value::as_array);
        SettingsFields {
            acceptance_threshold: Some(s.acceptance_threshold.to_string()),
            compensation_per_person: Some(s.compensation_per_person.to_string()),
            incident_cost_template: lines.map(|lines| {
                lines
                    .iter()
                    .map(|l| CostLineFields {
                        label: l["label"].as_str().map(str::to_owned),
                        amount_yen: l["amount_yen"].as_i64().map(|n| n.to_string()),
                    })
                    .collect()
            }),
        }
    }
}

/// Settings that passed every check. Only [`SettingsDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsDraft(RiskSettings);

impl SettingsDraft {
    /// The checked settings, or every problem (`incident_cost_template[2].amount_yen`).
    pub fn parse(input: &SettingsFields) -> Result<SettingsDraft, Vec<FieldProblem>> {
        let defaults = RiskSettings::default();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut c = Check::new();
        let mut number = |field: &str, label, v: &Option<String>, range, unit| match v {
            None => Some(None),
            Some(t) => c
                .required_integer_in(field, label, t, range, unit)
                .map(Some),
        };
        let threshold = number(
            "acceptance_threshold",
            ("リスク受容の基準", "acceptance threshold"),
            &input.acceptance_threshold,
            0..=6,
            NO_UNIT,
        );
        let compensation = number(
            "compensation_per_person",
            ("1人あたりの損害賠償額", "compensation per person"),
            &input.compensation_per_person,
            0..=COMPENSATION_MAX,
            YEN,
        );
        let template = match &input.incident_cost_template {
            None => Some(None),
            Some(lines) if lines.len() > TEMPLATE_LINES_MAX => {
                c.problem(
                    "incident_cost_template",
                    format!("費用の行は{TEMPLATE_LINES_MAX}行までです。"),
                    format!("The cost model can have at most {TEMPLATE_LINES_MAX} lines."),
                );
                None
            }
            Some(lines) => {
                let mut out = Vec::with_capacity(lines.len());
                for (n, line) in lines.iter().enumerate() {
                    c.at(format!("incident_cost_template[{n}]."));
                    let label = c.required_text(
                        "label",
                        ("費用の項目名", "cost item"),
                        &text(&line.label),
                        SHORT_MAX,
                    );
                    let amount = c.required_integer_in(
                        "amount_yen",
                        ("金額", "amount"),
                        &text(&line.amount_yen),
                        0..=AMOUNT_MAX,
                        YEN,
                    );
                    if let (Some(label), Some(amount_yen)) = (label, amount) {
                        out.push(json!({"label": label, "amount_yen": amount_yen}));
                    }
                }
                c.at("");
                (out.len() == lines.len()).then_some(Some(Value::Array(out)))
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
        c.finish(settings).map(SettingsDraft)
    }

    pub fn settings(&self) -> &RiskSettings {
        &self.0
    }
}

/// The settings as stored (the defaults until changed).
pub async fn get(store: &Store, access: &Access) -> Result<RiskSettings, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_settings(scope).await?)
}

/// Replaces the settings; returns them as stored.
pub async fn save(
    store: &Store,
    access: &Access,
    draft: &SettingsDraft,
) -> Result<RiskSettings, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.set_risk_settings(scope, draft.settings()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(r: Result<SettingsDraft, Vec<FieldProblem>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|p| p.field).collect()
    }

    fn line(label: &str, amount: &str) -> CostLineFields {
        CostLineFields {
            label: Some(label.to_owned()),
            amount_yen: Some(amount.to_owned()),
        }
    }

    #[test]
    fn empty_settings_take_the_defaults_and_the_built_in_cost_model() {
        let d = SettingsDraft::parse(&SettingsFields::default()).unwrap();
        assert_eq!(d.settings(), &RiskSettings::default());
    }

    #[test]
    fn the_threshold_is_0_to_6_and_compensation_at_most_ten_million_yen() {
        let at = |t: &str, c: &str| SettingsFields {
            acceptance_threshold: Some(t.to_owned()),
            compensation_per_person: Some(c.to_owned()),
            incident_cost_template: None,
        };
        let d = SettingsDraft::parse(&at("6", "10,000,000円")).unwrap();
        assert_eq!(d.settings().acceptance_threshold, 6);
        assert_eq!(d.settings().compensation_per_person, COMPENSATION_MAX);
        assert!(SettingsDraft::parse(&at("0", "0")).is_ok());
        assert_eq!(
            fields(SettingsDraft::parse(&at("7", "10000001"))),
            ["acceptance_threshold", "compensation_per_person"]
        );
        assert_eq!(fields(SettingsDraft::parse(&at("-1", "-1"))).len(), 2);
        assert_eq!(
            fields(SettingsDraft::parse(&at("", " "))),
            ["acceptance_threshold", "compensation_per_person"],
            "a number given empty is a mistake, not the default"
        );
    }

    #[test]
    fn a_cost_line_needs_a_short_label_and_an_amount_up_to_a_trillion_yen() {
        let with = |lines: Vec<CostLineFields>| SettingsFields {
            incident_cost_template: Some(lines),
            ..SettingsFields::default()
        };
        let d = SettingsDraft::parse(&with(vec![line("弁護士費用", "1,000,000,000,000")])).unwrap();
        assert_eq!(
            d.settings().incident_cost_template,
            Some(json!([{"label": "弁護士費用", "amount_yen": AMOUNT_MAX}]))
        );
        let r = SettingsDraft::parse(&with(vec![
            line("", "1"),
            line(&"x".repeat(SHORT_MAX + 1), "1000000000001"),
            line("a\u{7}", "1"),
        ]));
        assert_eq!(
            fields(r),
            [
                "incident_cost_template[0].label",
                "incident_cost_template[1].label",
                "incident_cost_template[1].amount_yen",
                "incident_cost_template[2].label",
            ]
        );
        let many = vec![line("x", "1"); TEMPLATE_LINES_MAX + 1];
        assert_eq!(
            fields(SettingsDraft::parse(&with(many))),
            ["incident_cost_template"]
        );
        let most = vec![line("x", "1"); TEMPLATE_LINES_MAX];
        assert!(SettingsDraft::parse(&with(most)).is_ok());
    }

    #[test]
    fn stored_settings_read_back_as_text_parse_to_the_same_settings() {
        let stored = RiskSettings {
            acceptance_threshold: 4,
            compensation_per_person: 30_000,
            incident_cost_template: Some(json!([{"label": "見舞金", "amount_yen": 500}])),
            updated_at: None,
        };
        let d = SettingsDraft::parse(&SettingsFields::of(&stored)).unwrap();
        assert_eq!(d.settings(), &stored);
    }
}
