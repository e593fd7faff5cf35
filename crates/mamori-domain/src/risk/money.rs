//! The quantitative view for executives (risk.md §6): leak estimates and annualised loss.

use crate::decimal::Ratio;
use serde::Serialize;

/// An amount in yen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Yen(pub i64);

/// JNSA's 2016-2018 average compensation per person for a personal-data leak (seed 002).
pub const DEFAULT_COMPENSATION_PER_PERSON: Yen = Yen(28_308);

/// Persons × per-person compensation; `None` if it overflows.
pub fn personal_data_leak_estimate(persons: u64, per_person: Yen) -> Option<Yen> {
    i64::try_from(persons)
        .ok()?
        .checked_mul(per_person.0)
        .map(Yen)
}

/// SLE = asset value × exposure factor (in percent), rounded half up to the yen.
pub fn single_loss(asset_value: Yen, exposure_percent: u32) -> Yen {
    let ratio =
        Ratio::new(asset_value.0 * i64::from(exposure_percent), 100).expect("nonzero denominator");
    Yen(ratio.round_integer())
}

/// ALE = SLE × ARO, with ARO given as `occurrences` per `years` (once in 10 years: 1, 10).
pub fn annualised_loss(single_loss: Yen, occurrences: u32, years: u32) -> Option<Yen> {
    Ratio::new(single_loss.0 * i64::from(occurrences), i64::from(years))
        .map(|r| Yen(r.round_integer()))
}
