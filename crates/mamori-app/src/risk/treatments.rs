//! Treatment decisions (リスク対応, risk.md §5): one parser for the decision page's form and the
//! JSON API, and the use case that records a decision.
//!
//! Acceptance is allowed only at or below the company's threshold (`may_accept`), whether the
//! option is 受容 or an approver accepts what remains after other measures; 受容 without a
//! residual risk accepts the risk as it is now, so the asset's current risk value is checked.

use mamori_domain::risk::{RiskValue, Treatment, analyse, builtin_catalog, may_accept};
use mamori_storage::{Access, RiskAssetId, RiskTreatment, Store, TreatmentInput};

use super::{NOTE_MAX, SHORT_MAX};
use crate::fields::{Check, Checked};
use crate::guard::{Need, require};
use crate::risk_data::RiskData;
use crate::{Error, FieldProblem};

/// A decision's fields as given: text, as a form or a JSON string or number holds it. `None`
/// is a field left out, read as empty.
#[derive(Debug, Clone, Default)]
pub struct TreatmentFields {
    /// A code (`reduce`) or the catalog's Japanese name (低減; 移転 and 転嫁 alone count too).
    pub option: Option<String>,
    pub planned: Option<String>,
    pub owner: Option<String>,
    pub due_date: Option<String>,
    pub residual_risk: Option<String>,
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
    /// Put the planned measures into the action list; they must then be given.
    pub to_action: bool,
}

/// What a decision is checked against: the stored state, not the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The company's acceptance threshold (0-6).
    pub threshold: i64,
    /// The asset's risk value now, when it can be computed (what 受容 without a residual risk
    /// accepts).
    pub current: Option<u8>,
}

/// A decision that passed every check. Only [`TreatmentDecision::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreatmentDecision(TreatmentInput);

/// An option by its code or its name in the risk catalog.
fn option_named(t: &str) -> Option<Treatment> {
    let catalog = builtin_catalog();
    Treatment::ALL.iter().copied().find(|&o| {
        o.as_str() == t
            || catalog.treatment(o).is_some_and(|w| w.name.ja == t)
            || (o == Treatment::Transfer && (t == "移転" || t == "転嫁"))
    })
}

impl TreatmentDecision {
    /// The checked decision, or every problem, each naming its field.
    pub fn parse(
        input: &TreatmentFields,
        standing: Standing,
    ) -> Result<TreatmentDecision, Vec<FieldProblem>> {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut c = Check::new();
        let option = match c.text(
            "option",
            ("対応", "treatment option"),
            &text(&input.option),
            20,
            false,
        ) {
            Checked::Given(t) => {
                let found = option_named(&t);
                if found.is_none() {
                    c.problem(
                        "option",
                        "対応は avoid（回避）、reduce（低減）、transfer（移転・転嫁）、accept（受容）のいずれかにしてください。",
                        "The treatment option must be avoid, reduce, transfer or accept.",
                    );
                }
                found
            }
            Checked::Empty => {
                c.problem(
                    "option",
                    "対応（回避・低減・移転・受容）を選んでください。",
                    "Choose the treatment option (avoid, reduce, transfer or accept).",
                );
                None
            }
            Checked::Wrong => None,
        };
        let planned = c.text(
            "planned",
            ("予定している対策", "planned countermeasures"),
            &text(&input.planned),
            NOTE_MAX,
            true,
        );
        let owner = c.text(
            "owner",
            ("担当者", "owner"),
            &text(&input.owner),
            SHORT_MAX,
            false,
        );
        let due_date = c.date("due_date", ("期限", "due date"), &text(&input.due_date));
        let residual = c.integer(
            "residual_risk",
            ("残留リスク", "residual risk"),
            &text(&input.residual_risk),
            0..=6,
        );
        let approved_by = c.text(
            "approved_by",
            ("承認者", "approver"),
            &text(&input.approved_by),
            SHORT_MAX,
            false,
        );
        let approved_on = c.date(
            "approved_on",
            ("承認日", "approval date"),
            &text(&input.approved_on),
        );
        // Accepting: the option 受容, or an approver's acceptance of what remains. 受容 without
        // a residual risk leaves the risk as it is, so it accepts (and records) the current one.
        let accept = option == Some(Treatment::Accept);
        let approving = matches!(approved_by, Checked::Given(_));
        let residual = match residual {
            Checked::Empty => match accept.then_some(standing.current).flatten() {
                Some(now) => Checked::Given(i64::from(now)),
                None => Checked::Empty,
            },
            other => other,
        };
        if !matches!(residual, Checked::Wrong) && (accept || approving) {
            accepts(&mut c, residual.given(), standing.threshold);
        }
        match (&approved_by, &approved_on) {
            (Checked::Empty, Checked::Given(_)) => c.problem(
                "approved_by",
                "承認日を入れるときは、承認した人の名前も入力してください。",
                "Enter the name of the person who approved as well as the date.",
            ),
            (Checked::Given(_), Checked::Empty) => c.problem(
                "approved_on",
                "残留リスクの承認日を入力してください。",
                "Enter the date the residual risk was accepted.",
            ),
            _ => {}
        }
        if input.to_action && matches!(planned, Checked::Empty) {
            c.problem(
                "planned",
                "対策リストに入れるには、予定している対策を入力してください。",
                "Enter the planned countermeasures to put them into the action list.",
            );
        }
        let decision = (|| {
            Some(TreatmentInput {
                option: option?,
                planned: planned.optional().ok()?,
                owner: owner.optional().ok()?,
                due_date: due_date.optional().ok()?,
                residual_risk: residual.optional().ok()?,
                approved_by: approved_by.optional().ok()?,
                approved_on: approved_on.optional().ok()?,
                to_action: input.to_action,
            })
        })();
        c.finish(decision).map(TreatmentDecision)
    }

    pub fn input(&self) -> &TreatmentInput {
        &self.0
    }
}

/// The residual risk `r` may be accepted only at or below the threshold; without one, nothing
/// can be accepted.
fn accepts(c: &mut Check, r: Option<i64>, threshold: i64) {
    let Some(r) = r else {
        c.problem(
            "residual_risk",
            "残留リスクを承認するには、残留リスク（0〜6）を選んでください。",
            "Choose the residual risk (0 to 6) to accept it.",
        );
        return;
    };
    let fits = RiskValue::new(r)
        .zip(RiskValue::new(threshold))
        .is_some_and(|(r, t)| may_accept(r, t));
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

// --- use cases ----------------------------------------------------------------------------------

/// One asset's decision, `None` until one is recorded.
pub async fn get(
    store: &Store,
    access: &Access,
    asset: RiskAssetId,
) -> Result<Option<RiskTreatment>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_treatment(scope, asset).await?)
}

/// Every decision, in register order.
pub async fn list(store: &Store, access: &Access) -> Result<Vec<RiskTreatment>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_treatments(scope).await?)
}

/// What an asset's decision is checked against: the company's threshold and the asset's risk
/// value now. `NotFound` when the asset is not in the register.
pub async fn standing(
    store: &Store,
    access: &Access,
    asset: RiskAssetId,
) -> Result<Standing, Error> {
    let scope = require(access, Need::EditCompany)?;
    let data = RiskData::read(store, scope).await?;
    let position = data
        .assets
        .iter()
        .position(|a| a.id == asset)
        .ok_or(Error::NotFound)?;
    let engine_input = data.input();
    let analysis = analyse(builtin_catalog(), &engine_input)
        .map_err(|p| Error::internal(format!("stored risk data does not evaluate: {p:?}")))?;
    Ok(Standing {
        threshold: data.settings.acceptance_threshold,
        current: analysis.assets[position].risk_value.map(RiskValue::get),
    })
}

/// Records a checked decision. With `to_action` the planned measures go into the action list in
/// the same transaction.
pub async fn record(
    store: &Store,
    access: &Access,
    asset: RiskAssetId,
    decision: &TreatmentDecision,
) -> Result<RiskTreatment, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store
        .set_risk_treatment(scope, asset, decision.input())
        .await?)
}

/// Checks a decision against the asset's standing and records it.
pub async fn decide(
    store: &Store,
    access: &Access,
    asset: RiskAssetId,
    input: &TreatmentFields,
) -> Result<RiskTreatment, Error> {
    let standing = standing(store, access, asset).await?;
    let decision = TreatmentDecision::parse(input, standing)?;
    record(store, access, asset, &decision).await
}

#[cfg(test)]
#[path = "treatments_tests.rs"]
mod tests;
