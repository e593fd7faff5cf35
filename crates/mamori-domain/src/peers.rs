//! Peer comparison (diagnostics.md §9): a company's score beside comparable companies' scores —
//! mean, spread, percentile rank, deviation value (偏差値) and a histogram with the company marked.
//!
//! [`compare`] makes two passes over the records, sorts nothing and allocates only the histogram,
//! so 100,000 companies take well under a millisecond in a release build.

use serde::{Deserialize, Serialize};

/// The smallest group ever shown (§9): with fewer, a mean and a histogram bar come close to
/// revealing one company's answers.
pub const MIN_GROUP: usize = 5;

/// Employee band of the company profile (§10). Groups are formed on bands, not head counts: the
/// exact number is optional, and companies of a similar size face similar threats and budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EmployeeBand {
    #[serde(rename = "1-9")]
    From1To9,
    #[serde(rename = "10-49")]
    From10To49,
    #[serde(rename = "50-99")]
    From50To99,
    #[serde(rename = "100-299")]
    From100To299,
    #[serde(rename = "300+")]
    From300,
}

impl EmployeeBand {
    /// All bands, smallest first.
    pub const ALL: [EmployeeBand; 5] = [
        EmployeeBand::From1To9,
        EmployeeBand::From10To49,
        EmployeeBand::From50To99,
        EmployeeBand::From100To299,
        EmployeeBand::From300,
    ];

    /// The band for its code (`"1-9"`, `"10-49"`, `"50-99"`, `"100-299"`, `"300+"`), matched exactly.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|band| band.code() == code)
    }

    /// The code used in profiles, exports and reports.
    pub fn code(self) -> &'static str {
        match self {
            EmployeeBand::From1To9 => "1-9",
            EmployeeBand::From10To49 => "10-49",
            EmployeeBand::From50To99 => "50-99",
            EmployeeBand::From100To299 => "100-299",
            EmployeeBand::From300 => "300+",
        }
    }

    /// The band for an exact head count. Zero (an owner without employees) goes to `1-9`: such a
    /// business is best compared with the smallest companies rather than left out.
    pub fn from_count(employees: u32) -> Self {
        match employees {
            0..=9 => EmployeeBand::From1To9,
            10..=49 => EmployeeBand::From10To49,
            50..=99 => EmployeeBand::From50To99,
            100..=299 => EmployeeBand::From100To299,
            _ => EmployeeBand::From300,
        }
    }
}

/// Japan Standard Industrial Classification major group (大分類, §10), `'A'..='T'`. The field is
/// private so that every value is a valid group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Industry(char);

impl Industry {
    /// `None` outside `'A'..='T'` (upper case, as JSIC writes them).
    pub fn new(code: char) -> Option<Self> {
        ('A'..='T').contains(&code).then_some(Industry(code))
    }

    pub fn code(self) -> char {
        self.0
    }

    /// Manufacturing (製造業) is group E; §10 derives the manufacturing / non-manufacturing flag
    /// from it because programmes treat the two differently.
    pub fn is_manufacturing(self) -> bool {
        self.0 == 'E'
    }
}

/// One company's latest result for one diagnostic; the caller passes one record per company.
/// `score` is in the diagnostic's own integer unit (a self-check total, tenths of an average…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerRecord {
    pub company: u64,
    pub industry: Industry,
    pub employees: EmployeeBand,
    pub score: i64,
    /// The company allows anonymous use of its results in others' comparisons.
    pub anonymous_ok: bool,
}

/// The company being compared, its score in the same unit as the records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerSubject {
    pub company: u64,
    pub industry: Industry,
    pub employees: EmployeeBand,
    pub score: i64,
}

/// The group compared with, narrowest first. When the closest group is too small it is widened
/// rather than dropped: a coarser benchmark still helps a company in a small industry, none does
/// not. The scope is reported so the reader knows how close the comparison is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerScope {
    IndustryAndSize,
    Size,
    All,
}

impl PeerScope {
    const WIDENING: [PeerScope; 3] = [PeerScope::IndustryAndSize, PeerScope::Size, PeerScope::All];

    /// Whether `record` counts in this scope. A peer has consented and is not the subject: a
    /// company inside its own group would pull the mean towards itself and could reach the
    /// minimum size thanks to its own record.
    fn includes(self, record: &PeerRecord, subject: &PeerSubject) -> bool {
        let peer = record.anonymous_ok && record.company != subject.company;
        let size = record.employees == subject.employees;
        let industry_and_size = size && record.industry == subject.industry;
        peer && [industry_and_size, size, true][self as usize] // in declaration order
    }
}

/// Bins `[min, min+width-1]`, `[min+width, …]`, …, the last one cut at `max` (inclusive). Scores
/// outside are clamped into the first or last bin so every peer is drawn. A spec with `width <= 0`
/// or `max < min` has no bins; a usable spec has a handful of bins, not millions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistogramSpec {
    pub min: i64,
    pub max: i64,
    pub width: i64,
}

impl HistogramSpec {
    /// Index of the bin holding `score`, clamped; meaningless (but no panic) for an unusable spec.
    fn bin_of(&self, score: i64) -> usize {
        let offset = i128::from(score.max(self.min).min(self.max)) - i128::from(self.min);
        (offset / i128::from(self.width.max(1))) as usize
    }

    fn empty_bins(&self) -> Vec<Bin> {
        let (min, max, width) = (
            i128::from(self.min),
            i128::from(self.max),
            i128::from(self.width),
        );
        let usable = width > 0 && max >= min;
        let count = if usable { (max - min) / width + 1 } else { 0 };
        let bound = |at: i128| at.min(max) as i64; // within [min, max], so the cast is lossless
        (0..count)
            .map(|i| Bin {
                from: bound(min + i * width),
                to: bound(min + i * width + width - 1),
                count: 0,
                contains_subject: false,
            })
            .collect()
    }
}

/// One histogram bar: the peers with a score in `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bin {
    pub from: i64,
    pub to: i64,
    pub count: u32,
    /// The company's own score falls here (it is not part of `count`).
    pub contains_subject: bool,
}

/// The comparison shown beside a company's result; every figure is over the peers only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeerComparison {
    pub scope: PeerScope,
    /// Number of peers, at least [`MIN_GROUP`].
    pub count: usize,
    pub mean: f64,
    /// Population standard deviation, see [`Stats::std_dev`].
    pub std_dev: f64,
    /// Percentile rank of the company's score among the peers, 0-100, ties counting half.
    pub percentile: f64,
    /// 偏差値: 50 at the mean, ±10 per standard deviation.
    pub deviation_value: f64,
    pub histogram: Vec<Bin>,
}

/// A company's comparison in the figures people read (totals, percentages, averages), with
/// the peers' means by area: what a result page or a result sheet prints.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerFigures {
    pub comparison: PeerComparison,
    /// Compared integers per figure people read (1, or 10 for averages and tiers).
    pub unit: i64,
    /// The company's own figure.
    pub company: f64,
    /// The catalog's top band or grade.
    pub desired: Option<f64>,
    /// By area: (area id, the company's figure, the same peers' mean).
    pub areas: Vec<(String, Option<f64>, Option<f64>)>,
}

impl PeerFigures {
    pub fn mean(&self) -> f64 {
        self.comparison.mean / self.unit as f64
    }

    /// "Top N %" as people say it.
    pub fn top_percent(&self) -> f64 {
        (100.0 - self.comparison.percentile).clamp(0.0, 100.0)
    }

    /// A histogram bin's bounds in the figures people read.
    pub fn bin_bounds(&self, bin: &Bin) -> (f64, f64) {
        let u = self.unit as f64;
        (bin.from as f64 / u, bin.to as f64 / u)
    }
}

/// A compared figure as the result page and the result sheet print it: a percentage without
/// decimals, any other figure (a total, an average, a tier) to one decimal.
pub fn show_figure(v: f64, catalog: &crate::Catalog) -> String {
    match catalog.scoring {
        crate::catalog::ScoringRule::Percent {} => format!("{v:.0}%"),
        _ => format!("{v:.1}"),
    }
}

/// Count, mean and spread of a set of scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stats {
    pub count: usize,
    pub mean: f64,
    /// Population standard deviation (divided by n, not n − 1): the group is the whole population
    /// compared with, not a sample estimating another, and 偏差値 is defined on it.
    pub std_dev: f64,
}

/// Count, mean and population standard deviation in one pass; `None` for no scores. The sum is
/// exact in i128, so the mean is rounded once; the spread uses Welford's update, which stays
/// accurate where a naive sum of squares cancels out, and is exactly 0 when all scores are equal.
pub fn stats(scores: impl IntoIterator<Item = i64>) -> Option<Stats> {
    let (mut count, mut sum, mut running_mean, mut m2) = (0usize, 0i128, 0f64, 0f64);
    for score in scores {
        count += 1;
        sum += i128::from(score);
        let delta = score as f64 - running_mean;
        running_mean += delta / count as f64;
        m2 += delta * (score as f64 - running_mean);
    }
    let (n, std_dev) = (count as f64, (m2 / count as f64).max(0.0).sqrt());
    (count > 0).then_some(Stats {
        count,
        mean: sum as f64 / n,
        std_dev,
    })
}

/// 偏差値 of `x`: `(x − mean) / sd × 10 + 50`. When all scores are equal there is no spread to
/// measure against, and 50 ("average") is the honest answer rather than a division by zero.
pub fn deviation_value(x: i64, stats: &Stats) -> f64 {
    if stats.std_dev > 0.0 {
        (x as f64 - stats.mean) / stats.std_dev * 10.0 + 50.0
    } else {
        50.0
    }
}

/// `value` only when it describes at least [`MIN_GROUP`] companies: cohort reports wrap every
/// figure in this, so the privacy rule lives in one place.
pub fn suppressed<T>(count: usize, value: T) -> Option<T> {
    (count >= MIN_GROUP).then_some(value)
}

/// Compares `subject` with its peers in `records` (§9). `None` when even all consenting other
/// companies number fewer than [`MIN_GROUP`]: then nothing may be shown.
pub fn compare(
    records: &[PeerRecord],
    subject: &PeerSubject,
    bins: &HistogramSpec,
) -> Option<PeerComparison> {
    // Pass 1: the sizes of all three scopes at once; take the narrowest one big enough.
    let mut sizes = [0usize; 3];
    for record in records {
        for scope in PeerScope::WIDENING {
            sizes[scope as usize] += usize::from(scope.includes(record, subject));
        }
    }
    let fits = |scope: &PeerScope| sizes[*scope as usize] >= MIN_GROUP;
    let scope = PeerScope::WIDENING.into_iter().find(fits)?;
    // Pass 2: statistics, rank and histogram over that scope.
    let (mut below, mut equal, mut histogram) = (0usize, 0usize, bins.empty_bins());
    let peers = records.iter().filter(|r| scope.includes(r, subject));
    let stats = stats(peers.map(|r| r.score).inspect(|&score| {
        below += usize::from(score < subject.score);
        equal += usize::from(score == subject.score);
        if let Some(bin) = histogram.get_mut(bins.bin_of(score)) {
            bin.count = bin.count.saturating_add(1);
        }
    }))?;
    if let Some(bin) = histogram.get_mut(bins.bin_of(subject.score)) {
        bin.contains_subject = true;
    }
    let percentile = (below as f64 + 0.5 * equal as f64) / stats.count as f64 * 100.0;
    Some(PeerComparison {
        scope,
        count: stats.count,
        mean: stats.mean,
        std_dev: stats.std_dev,
        percentile,
        deviation_value: deviation_value(subject.score, &stats),
        histogram,
    })
}

/// How a catalog's results are compared (our rule, docs/architecture.md): the unit of the
/// integers compared, the histogram's bins and the level a company should aim for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CatalogScale {
    /// Compared integers per figure people read: 1 for totals, percentages and yes counts; 10
    /// for averages and tiers, compared in tenths.
    pub unit: i64,
    pub bins: HistogramSpec,
    /// The top band or grade of the catalog, in the figures people read.
    pub desired: Option<f64>,
}

impl CatalogScale {
    pub fn of(catalog: &crate::Catalog) -> CatalogScale {
        use crate::catalog::ScoringRule;
        let items = i64::try_from(catalog.items.len()).unwrap_or(i64::MAX);
        let unit = match catalog.scoring {
            ScoringRule::SumBands { .. }
            | ScoringRule::Percent {}
            | ScoringRule::YesCount { .. } => 1,
            _ => 10,
        };
        let bins = match catalog.scoring {
            ScoringRule::SumBands { .. } | ScoringRule::Percent {} => HistogramSpec {
                min: 0,
                max: 100,
                width: 10,
            },
            ScoringRule::YesCount { .. } => HistogramSpec {
                min: 0,
                max: items,
                width: 1,
            },
            ScoringRule::AverageGrade { .. } => HistogramSpec {
                min: 10,
                max: 50,
                width: 5,
            },
            _ => HistogramSpec {
                min: 10,
                max: 40,
                width: 5,
            },
        };
        let desired = match &catalog.scoring {
            ScoringRule::SumBands { bands, .. } => {
                bands.iter().filter_map(|b| b.min).max().map(|m| m as f64)
            }
            ScoringRule::AverageGrade { grades } | ScoringRule::ViewpointGrade { grades, .. } => {
                grades
                    .iter()
                    .filter_map(|g| g.min.map(|t| t.0 as f64 / 10.0))
                    .reduce(f64::max)
            }
            ScoringRule::Percent {} => Some(100.0),
            ScoringRule::YesCount { .. } => Some(items as f64),
            ScoringRule::Tiers {} => Some(4.0),
            _ => None,
        };
        CatalogScale {
            unit,
            bins,
            desired,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EmployeeBand::*;
    use super::*;
    use PeerScope::{All, IndustryAndSize, Size};

    const SPEC: HistogramSpec = spec(0, 99, 20);
    const fn spec(min: i64, max: i64, width: i64) -> HistogramSpec {
        HistogramSpec { min, max, width }
    }

    fn rec(company: u64, industry: char, employees: EmployeeBand, score: i64) -> PeerRecord {
        let (industry, anonymous_ok) = (Industry(industry), true);
        PeerRecord {
            company,
            industry,
            employees,
            score,
            anonymous_ok,
        }
    }

    fn subject(score: i64) -> PeerSubject {
        PeerSubject {
            company: 0,
            industry: Industry('E'),
            employees: From10To49,
            score,
        }
    }

    /// `n` consenting companies numbered from `from`, all scoring 50.
    fn others(from: u64, n: u64, ind: char, band: EmployeeBand) -> Vec<PeerRecord> {
        (from..from + n).map(|c| rec(c, ind, band, 50)).collect()
    }

    fn scored(scores: &[i64]) -> Vec<PeerRecord> {
        let record = |(c, &s)| rec(c, 'E', From10To49, s);
        (1..).zip(scores).map(record).collect()
    }

    fn scope_of(records: &[PeerRecord]) -> Option<(PeerScope, usize)> {
        compare(records, &subject(50), &SPEC).map(|c| (c.scope, c.count))
    }

    fn bars(c: &PeerComparison) -> Vec<(i64, i64, u32, bool)> {
        let bar = |b: &Bin| (b.from, b.to, b.count, b.contains_subject);
        c.histogram.iter().map(bar).collect()
    }

    #[test]
    fn bands_and_industries_are_read_from_their_codes_and_head_counts() {
        let codes = ["1-9", "10-49", "50-99", "100-299", "300+"];
        assert_eq!(EmployeeBand::ALL.map(EmployeeBand::code), codes);
        assert_eq!(codes.map(EmployeeBand::parse), EmployeeBand::ALL.map(Some));
        assert_eq!(["1-10", "300", " 1-9"].map(EmployeeBand::parse), [None; 3]);
        let json = serde_json::to_string(&EmployeeBand::ALL).unwrap();
        assert_eq!(json, r#"["1-9","10-49","50-99","100-299","300+"]"#);
        let back: [EmployeeBand; 5] = serde_json::from_str(&json).unwrap();
        assert_eq!(back, EmployeeBand::ALL);
        let heads = [0, 9, 10, 49, 50, 99, 100, 299, 300, u32::MAX];
        let bands = heads.map(|n| EmployeeBand::from_count(n) as usize);
        assert_eq!(bands, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
        let valid = ('A'..='Z').filter_map(Industry::new).map(Industry::code);
        assert_eq!(valid.collect::<String>(), "ABCDEFGHIJKLMNOPQRST");
        assert_eq!(Industry::new('e'), None);
        let made = ('A'..='T').filter(|&c| Industry(c).is_manufacturing());
        assert_eq!(made.collect::<String>(), "E");
    }

    #[test]
    fn a_group_of_four_others_is_widened_to_the_employee_band_and_a_band_of_four_to_all() {
        let mut records = others(1, 5, 'E', From10To49);
        records.extend(others(10, 3, 'E', From300));
        assert_eq!(scope_of(&records), Some((IndustryAndSize, 5)));
        records[0].industry = Industry('G');
        assert_eq!(scope_of(&records), Some((Size, 5)));
        records[1].employees = From300;
        assert_eq!(scope_of(&records), Some((All, 8)));
    }

    #[test]
    fn four_others_in_total_are_suppressed_and_five_are_shown() {
        assert_eq!(scope_of(&others(1, 4, 'A', From300)), None);
        assert_eq!(scope_of(&others(1, 5, 'A', From300)), Some((All, 5)));
        assert_eq!((suppressed(4, 'x'), suppressed(5, 'x')), (None, Some('x')));
    }

    #[test]
    fn companies_without_consent_are_not_counted() {
        let mut records = others(1, 5, 'E', From10To49);
        records.push(rec(9, 'E', From10To49, 1000));
        records[5].anonymous_ok = false;
        let c = compare(&records, &subject(50), &SPEC).unwrap();
        assert_eq!((c.count, c.mean), (5, 50.0));
        records[0].anonymous_ok = false;
        assert_eq!(scope_of(&records), None);
    }

    #[test]
    fn the_subject_is_never_counted_in_its_own_group() {
        let mut records = others(1, 4, 'E', From10To49);
        records.push(rec(0, 'E', From10To49, 1000));
        assert_eq!(scope_of(&records), None);
        records.extend(others(20, 1, 'B', From1To9));
        let c = compare(&records, &subject(50), &SPEC).unwrap();
        assert_eq!((c.scope, c.count, c.mean), (All, 5, 50.0));
    }

    #[test]
    fn statistics_on_a_small_set_match_hand_computation() {
        let records = scored(&[40, 50, 60, 70, 80]);
        let c = compare(&records, &subject(70), &SPEC).unwrap();
        let sd = 200f64.sqrt(); // 14.1421356…
        assert!((c.mean - 60.0).abs() + (c.std_dev - sd).abs() < 1e-9);
        assert!((c.percentile - 70.0).abs() < 1e-9); // (3 below + ½ × 1 equal) / 5
        assert!((c.deviation_value - 57.0710678).abs() < 1e-7);
        let s = stats([40, 50, 60, 70, 80]).unwrap();
        assert!((deviation_value(40, &s) - (50.0 - 200.0 / sd)).abs() < 1e-9);
    }

    #[test]
    fn equal_scores_have_no_spread_and_a_deviation_value_of_fifty() {
        assert_eq!(stats([]), None);
        let s = stats([7, 7, 7]).unwrap();
        assert_eq!((s.count, s.mean, s.std_dev), (3, 7.0, 0.0));
        assert_eq!([7, 99].map(|x| deviation_value(x, &s)), [50.0; 2]);
        let c = compare(&others(1, 5, 'E', From10To49), &subject(80), &SPEC).unwrap();
        assert_eq!((c.std_dev, c.deviation_value), (0.0, 50.0));
    }

    #[test]
    fn the_histogram_counts_peers_per_bin_and_marks_the_subjects_bin() {
        let records = scored(&[40, 50, 60, 70, 80]);
        let c = compare(&records, &subject(70), &SPEC).unwrap();
        let low = [(0, 19, 0, false), (20, 39, 0, false), (40, 59, 2, false)];
        assert_eq!(bars(&c)[..3], low);
        assert_eq!(bars(&c)[3..], [(60, 79, 2, true), (80, 99, 1, false)]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["scope"], "industry_and_size");
        assert_eq!(json["histogram"][3]["contains_subject"], true);
    }

    #[test]
    fn the_last_bin_is_cut_at_max_and_outside_scores_are_clamped() {
        let (records, spec) = (scored(&[-5, 0, 95, 100, 150]), spec(0, 100, 30));
        let c = compare(&records, &subject(120), &spec).unwrap();
        let low = [(0, 29, 2, false), (30, 59, 0, false), (60, 89, 0, false)];
        assert_eq!(bars(&c)[..3], low);
        assert_eq!(bars(&c)[3..], [(90, 100, 3, true)]);
        assert_eq!(c.mean, 68.0, "clamping is for drawing only");
        let c = compare(&records, &subject(-40), &spec).unwrap();
        assert!(c.histogram[0].contains_subject);
    }

    #[test]
    fn an_unusable_histogram_spec_gives_no_bins_and_extreme_ones_do_not_overflow() {
        for spec in [spec(0, 99, 0), spec(0, 99, -5), spec(10, 0, 5)] {
            let c = compare(&others(1, 5, 'E', From10To49), &subject(50), &spec).unwrap();
            assert_eq!((c.histogram.len(), c.count), (0, 5));
        }
        let records = scored(&[i64::MIN, -1, 0, 1, i64::MAX]);
        let full = spec(i64::MIN, i64::MAX, i64::MAX);
        let c = compare(&records, &subject(0), &full).unwrap();
        assert_eq!(bars(&c).iter().map(|b| b.2).collect::<Vec<_>>(), [1, 3, 1]);
    }
}
