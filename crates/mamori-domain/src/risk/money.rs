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

/// An incident's cost scaled to another size: `amount × count ÷ basis` (the cost model is for
/// `basis` records; the asset holds `count`), rounded half up to the yen. `None` for a
/// non-positive basis, a negative input, or a result that does not fit.
pub fn scaled_cost(amount: Yen, count: i64, basis: i64) -> Option<Yen> {
    if basis <= 0 || amount.0 < 0 || count < 0 {
        return None;
    }
    let (a, n, b) = (i128::from(amount.0), i128::from(count), i128::from(basis));
    i64::try_from((2 * a * n + b) / (2 * b)).ok().map(Yen)
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

#[cfg(test)]
mod scaled_tests {
    use super::*;

    #[test]
    fn a_cost_model_scales_to_the_records_held_rounded_half_up() {
        assert_eq!(scaled_cost(Yen(1_000), 3, 2), Some(Yen(1_500)));
        assert_eq!(scaled_cost(Yen(5), 1, 2), Some(Yen(3)));
        assert_eq!(scaled_cost(Yen(5), 1, 0), None);
        assert_eq!(scaled_cost(Yen(i64::MAX), i64::MAX, 1), None);
    }
}
