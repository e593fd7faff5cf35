//! Exact arithmetic for averages and percentages.
//!
//! Grades sit on one-decimal boundaries (2.45 rounds to 2.5, grade C; 2.44 to 2.4, grade D), so a
//! binary float that stores 2.45 as 2.4499… would give the wrong grade. Every mean is therefore kept
//! as a fraction of integers and rounded half up by integer division.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An exact fraction `num / den` with `den > 0`, kept in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Ratio {
    /// `None` when `den` is zero: an average over nothing does not exist.
    pub fn new(num: i64, den: i64) -> Option<Self> {
        Self::from_i128(num.into(), den.into())
    }

    fn from_i128(num: i128, den: i128) -> Option<Self> {
        if den == 0 {
            return None;
        }
        let sign = if den < 0 { -1 } else { 1 };
        let g = gcd(num, den).max(1);
        Some(Ratio {
            num: sign * num / g,
            den: sign * den / g,
        })
    }

    pub fn integer(n: i64) -> Self {
        Ratio {
            num: n.into(),
            den: 1,
        }
    }

    /// The mean of exact fractions, itself exact; `None` for an empty list.
    pub fn mean(values: &[Ratio]) -> Option<Self> {
        let count = i128::try_from(values.len()).ok()?;
        let sum = values
            .iter()
            .try_fold(Ratio::integer(0), |acc, v| acc.checked_add(*v))?;
        Self::from_i128(sum.num, sum.den.checked_mul(count)?)
    }

    fn checked_add(self, other: Ratio) -> Option<Ratio> {
        let num = self
            .num
            .checked_mul(other.den)?
            .checked_add(other.num.checked_mul(self.den)?)?;
        Self::from_i128(num, self.den.checked_mul(other.den)?)
    }

    /// Rounded half up to one decimal: `floor((20·num + den) / (2·den))` tenths.
    pub fn round_tenths(self) -> Tenths {
        let tenths = (20 * self.num + self.den).div_euclid(2 * self.den);
        Tenths(tenths as i64)
    }

    /// Rounded half up to an integer.
    pub fn round_integer(self) -> i64 {
        (2 * self.num + self.den).div_euclid(2 * self.den) as i64
    }
}

/// A number with exactly one decimal, stored as a count of tenths (`45` is 4.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tenths(pub i64);

impl Tenths {
    pub fn from_integer(n: i64) -> Self {
        Tenths(n * 10)
    }

    pub fn as_f64(self) -> f64 {
        // Exact to the nearest double, and serialises as the shortest form ("2.3", "4.5").
        self.0 as f64 / 10.0
    }

    /// Reads a catalog threshold such as `4.5`; `None` unless it is a whole number of tenths.
    pub fn from_f64(value: f64) -> Option<Self> {
        let scaled = value * 10.0;
        let rounded = scaled.round();
        ((scaled - rounded).abs() < 1e-9 && rounded.abs() < 1e15).then_some(Tenths(rounded as i64))
    }
}

impl fmt::Display for Tenths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{}", abs / 10, abs % 10)
    }
}

impl Serialize for Tenths {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Tenths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(deserializer)?;
        Tenths::from_f64(value).ok_or_else(|| {
            serde::de::Error::custom(format!("{value} is not a number with at most one decimal"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(num: i64, den: i64) -> String {
        Ratio::new(num, den).unwrap().round_tenths().to_string()
    }

    #[test]
    fn halves_round_up_at_every_grade_edge() {
        assert_eq!(round(245, 100), "2.5");
        assert_eq!(round(345, 100), "3.5");
        assert_eq!(round(445, 100), "4.5");
        assert_eq!(round(244, 100), "2.4");
        assert_eq!(round(449, 100), "4.5");
        assert_eq!(round(4449, 1000), "4.4");
    }

    #[test]
    fn rounding_matches_the_spec_formula() {
        for n in 1..=40_i64 {
            for s in 0..=5 * n {
                let spec = (20 * s + n).div_euclid(2 * n);
                assert_eq!(Ratio::new(s, n).unwrap().round_tenths(), Tenths(spec));
            }
        }
    }

    #[test]
    fn negative_fractions_round_half_towards_positive_infinity() {
        assert_eq!(round(-25, 100), "-0.2");
        assert_eq!(round(-26, 100), "-0.3");
    }

    #[test]
    fn mean_of_fractions_is_exact() {
        // 1/3 + 2/3 + 3/2 over 3 = 2.5/3 = 0.8333…
        let mean = Ratio::mean(&[
            Ratio::new(1, 3).unwrap(),
            Ratio::new(2, 3).unwrap(),
            Ratio::new(3, 2).unwrap(),
        ])
        .unwrap();
        assert_eq!(mean, Ratio::new(5, 6).unwrap());
        assert_eq!(mean.round_tenths().to_string(), "0.8");
        assert!(Ratio::mean(&[]).is_none());
    }

    #[test]
    fn percentages_round_half_up_to_integers() {
        assert_eq!(Ratio::new(1, 8).unwrap().round_integer(), 0);
        assert_eq!(Ratio::new(-7, 8).unwrap().round_integer(), -1);
        assert_eq!(Ratio::new(5, 10).unwrap().round_integer(), 1);
        assert_eq!(Ratio::new(145, 2).unwrap().round_integer(), 73);
        assert_eq!(Ratio::new(144, 2).unwrap().round_integer(), 72);
    }

    #[test]
    fn tenths_print_with_one_decimal_and_read_back_from_catalog_floats() {
        assert_eq!(Tenths(45).to_string(), "4.5");
        assert_eq!(Tenths(40).to_string(), "4.0");
        assert_eq!(Tenths::from_f64(4.5), Some(Tenths(45)));
        assert_eq!(Tenths::from_f64(1.0), Some(Tenths(10)));
        assert_eq!(Tenths::from_f64(4.45), None);
        assert_eq!(serde_json::to_string(&Tenths(23)).unwrap(), "2.3");
    }
}
