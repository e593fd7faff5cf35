//! NIST CSF improvement cycles (diagnostics.md §6): a company keeps the profile at planning and
//! the profile at evaluation of each cycle, and a cycle whose evaluation shows growth counts
//! towards maturity level 5 (our rule, docs/architecture.md).

/// One profile of a cycle: when the assessment was submitted and its mean function tier.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CsfProfile {
    /// Milliseconds since the Unix epoch (the store's timestamps): only compared.
    pub submitted_at: i64,
    /// The mean of the functions' tiers; `None` when the result has none.
    pub mean_tier: Option<f64>,
}

/// One improvement cycle, planning first.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CsfCycle {
    pub planning: Option<CsfProfile>,
    pub evaluation: Option<CsfProfile>,
}

impl CsfCycle {
    /// The evaluation's mean tier minus the planning's, when both are there.
    pub fn growth(&self) -> Option<f64> {
        let (p, e) = (self.planning?, self.evaluation?);
        Some(e.mean_tier? - p.mean_tier?)
    }

    /// The cycle showed growth: its evaluation was submitted after its planning and its mean
    /// function tier is higher.
    pub fn grew(&self) -> bool {
        match (self.planning, self.evaluation, self.growth()) {
            (Some(p), Some(e), Some(g)) => e.submitted_at > p.submitted_at && g > 0.0,
            _ => false,
        }
    }
}

/// How many of the cycles showed growth.
pub fn growth_cycles(cycles: &[CsfCycle]) -> u32 {
    let grown = cycles.iter().filter(|c| c.grew()).count();
    u32::try_from(grown).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(submitted_at: i64, tier: f64) -> Option<CsfProfile> {
        Some(CsfProfile {
            submitted_at,
            mean_tier: Some(tier),
        })
    }

    #[test]
    fn every_cycle_that_grew_counts() {
        let cycles = [
            CsfCycle {
                planning: at(1, 1.0),
                evaluation: at(2, 2.0),
            },
            CsfCycle {
                planning: at(3, 2.0),
                evaluation: at(4, 2.5),
            },
        ];
        assert_eq!(growth_cycles(&cycles), 2);
        assert_eq!(cycles[1].growth(), Some(0.5));
    }

    #[test]
    fn a_cycle_without_growth_or_out_of_order_or_unfinished_does_not_count() {
        let cycles = [
            CsfCycle {
                planning: at(1, 2.0),
                evaluation: at(2, 2.0),
            },
            CsfCycle {
                planning: at(5, 1.0),
                evaluation: at(4, 3.0),
            },
            CsfCycle {
                planning: at(6, 1.0),
                evaluation: None,
            },
        ];
        assert_eq!(growth_cycles(&cycles), 0);
    }
}
