//! NIST CSF profiles over improvement cycles (diagnostics.md §6): every cycle is kept, each with
//! the profile at planning and the profile at evaluation; the domain says which cycles grew.

use mamori_domain::journey::{CsfCycle, CsfProfile};
use mamori_storage::{Access, AssessmentId, CsfSnapshot, CsfStage, Store};
use serde_json::Value;

use crate::Error;
use crate::guard::{Need, require};

/// The CSF catalog; only its assessments can be snapshots.
pub const CATALOG: &str = "nist-csf-tiers";

/// One cycle as stored: its number, the snapshots of its two stages, and the domain's view.
#[derive(Debug, Clone)]
pub struct Cycle {
    pub number: i64,
    pub planning: Option<CsfSnapshot>,
    pub evaluation: Option<CsfSnapshot>,
    pub profiles: CsfCycle,
}

/// The mean of a result's function tiers.
pub fn mean_function_tier(result: &Value) -> Option<f64> {
    let tiers: Vec<f64> = result
        .get("functions")
        .and_then(Value::as_array)
        .map(|fs| fs.iter().filter_map(|f| f.get("tier")?.as_f64()).collect())
        .unwrap_or_default();
    let n = u32::try_from(tiers.len()).ok().filter(|n| *n > 0)?;
    Some(tiers.iter().sum::<f64>() / f64::from(n))
}

fn profile(s: &CsfSnapshot) -> CsfProfile {
    let (summary, result) = &s.assessment;
    CsfProfile {
        submitted_at: summary.submitted_at.unwrap_or(s.set_at).0,
        mean_tier: mean_function_tier(result),
    }
}

/// The snapshots grouped into cycles, oldest first.
pub fn cycles(snapshots: &[CsfSnapshot]) -> Vec<Cycle> {
    let mut out: Vec<Cycle> = Vec::new();
    for s in snapshots {
        if out.last().is_none_or(|c| c.number != s.cycle) {
            out.push(Cycle {
                number: s.cycle,
                planning: None,
                evaluation: None,
                profiles: CsfCycle::default(),
            });
        }
        let Some(c) = out.last_mut() else { continue };
        match s.stage {
            CsfStage::Planning => {
                c.profiles.planning = Some(profile(s));
                c.planning = Some(s.clone());
            }
            CsfStage::Evaluation => {
                c.profiles.evaluation = Some(profile(s));
                c.evaluation = Some(s.clone());
            }
        }
    }
    out
}

/// Every cycle of the company, oldest first.
pub async fn cycles_of(store: &Store, access: &Access) -> Result<Vec<Cycle>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(cycles(&store.csf_snapshots(scope).await?))
}

/// Makes a submitted CSF assessment the profile of `stage` in the current cycle (a planning
/// profile after an evaluation starts the next cycle). Returns the cycle's number.
pub async fn set_snapshot(
    store: &Store,
    access: &Access,
    stage: CsfStage,
    assessment: AssessmentId,
) -> Result<i64, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.set_csf_snapshot(scope, stage, assessment).await?)
}
