//! Mapping values onto a chart's range.

/// The value range of a chart. An unusable range (NaN, max ≤ min) becomes `min..min + 1`, so a
/// caller's mistake draws a flat chart instead of dividing by zero.
#[derive(Clone, Copy)]
pub(crate) struct Scale {
    pub min: f64,
    pub max: f64,
}

impl Scale {
    pub(crate) fn new(min: f64, max: f64) -> Self {
        let min = if min.is_finite() { min } else { 0.0 };
        let max = if max.is_finite() && max > min {
            max
        } else {
            min + 1.0
        };
        Scale { min, max }
    }

    /// Position of `v` between min (0) and max (1); values outside are clamped.
    pub(crate) fn frac(&self, v: f64) -> f64 {
        ((v - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }

    /// Ticks inside the range, ascending, without duplicates.
    pub(crate) fn ticks(&self, ticks: &[f64]) -> Vec<f64> {
        let mut t: Vec<f64> = ticks
            .iter()
            .copied()
            .filter(|t| t.is_finite() && *t >= self.min && *t <= self.max)
            .collect();
        t.sort_by(f64::total_cmp);
        t.dedup();
        t
    }
}

/// A series' value at `i`; NaN, infinities and positions past the end are missing.
pub(crate) fn value_at(values: &[Option<f64>], i: usize) -> Option<f64> {
    values.get(i).copied().flatten().filter(|v| v.is_finite())
}
