//! Mamori's charts: accessible, self-contained SVG rendered on the server, for the web pages
//! (result, history, peers, NIST CSF gap, risk heat map) and the PDF reports.
//!
//! Plain data in, a `String` out; std only, no IO, deterministic (the same input gives the same
//! bytes). Every chart is one `<svg>` element with
//!
//! - a `viewBox` and `preserveAspectRatio` but no width or height, so it scales to its container;
//! - `role="img"` and `aria-labelledby` pointing at its `<title>` and `<desc>`, which come first;
//! - classes on its parts (`chart chart-radar`, `series series-0 series-current`, `legend`,
//!   `grid`, `axis-label`, …) for the page's CSS, and inline presentation attributes so it also
//!   looks right on its own;
//! - text in the page's font (`font-family="inherit"`; rendered on its own, the renderer's
//!   default font applies, so a PDF renderer should set one).
//!
//! Every visible word comes from the caller (labels, series names, `empty_text`, …), so the web
//! layer decides the language. The crate draws only numbers and the symbols "…" (cut-off
//! label) and "–" (missing bar value). Label widths are estimated (CJK ~1em, other characters
//! ~0.55em); labels wrap to two lines and are then cut with "…", the full text being in the
//! tooltip and in the table the page shows next to the chart.
//!
//! Shared rules: values outside `min..=max` are drawn clamped (printed values stay as given);
//! NaN and infinite values are missing; an unusable range (max ≤ min) becomes `min..min + 1`;
//! ticks outside the range are ignored; a series shorter than the axes is missing the rest, a
//! longer one is cut. A chart with nothing to draw is a small SVG showing `empty_text`. The `id`
//! names the `<title>`/`<desc>` ids and pattern ids (characters other than ASCII letters,
//! digits, `-` and `_` become `-`), so it must be unique on the page.

mod bars;
mod heatmap;
mod histogram;
mod line;
mod radar;
mod scale;
mod style;
mod svg;
mod text;

pub use bars::{Bars, bars};
pub use heatmap::{HeatCell, HeatLevel, HeatMap, heat_map};
pub use histogram::{Bin, Histogram, histogram};
pub use line::{Guide, Line, line};
pub use radar::{Radar, radar};

/// One data series: a value per axis, row or time point (`None` where there is none).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Shown in the legend, which appears when a chart has more than one series.
    pub name: String,
    pub values: Vec<Option<f64>>,
    pub kind: SeriesKind,
}

/// What a series stands for; it decides the look, so "current" reads the same on every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesKind {
    /// The company now: solid, filled on the radar, drawn on top.
    Current,
    /// An earlier assessment: dashed; pale bars with a dashed edge.
    Previous,
    /// A peer group's figure: dotted; hatched bars.
    Peer,
    /// A goal: a thin dash-dot outline; outlined bars.
    Target,
}
