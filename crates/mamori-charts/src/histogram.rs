//! The histogram of a peer group: one column per bin, the company's bin highlighted and
//! pointed at with a short caller-given text ("貴社", "You").
//!
//! Layout: 560 wide, plot 180 high from y = 46 (room above the tallest column for the marker);
//! the count axis runs from 0 to a round number in steps of 1, 2 or 5 × 10ⁿ. Bin labels wrap to
//! two lines within their column; when that would cut one, only every k-th label is printed,
//! on one line each.

use crate::style::{AXIS, GRID, INK, MUTED, TARGET_MARK};
use crate::svg::{Frame, Label, Svg, num};
use crate::text::{Wrapped, first_baseline, width, wrap};

/// A histogram of counts per bin.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Bins left to right, e.g. score ranges.
    pub bins: Vec<Bin>,
    /// The bin holding the company, if any (an index past the end is ignored).
    pub marked: Option<usize>,
    /// The text over the marked bin.
    pub marker_label: String,
    /// Shown instead of the chart when there are no bins or every count is zero.
    pub empty_text: String,
}

/// One column of a histogram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    pub label: String,
    pub count: u32,
}

const WIDTH: f64 = 560.0;
const TOP: f64 = 46.0;
const PLOT_HEIGHT: f64 = 180.0;
const BIN_LABEL_SIZE: f64 = 10.0;
const COUNT_SIZE: f64 = 10.0;
const TICK_SIZE: f64 = 10.0;
const MARKER_SIZE: f64 = 12.0;
const BIN_FILL: &str = "#a6a6a6";
const MARKED_FILL: &str = "#0072B2";

/// Renders a histogram as a complete `<svg>` element.
pub fn histogram(chart: &Histogram) -> String {
    let frame = Frame {
        id: &chart.id,
        kind: "histogram",
        title: &chart.title,
        description: &chart.description,
        width: WIDTH,
        height: 0.0,
    };
    let n = chart.bins.len();
    let most = chart
        .bins
        .iter()
        .map(|b| u64::from(b.count))
        .max()
        .unwrap_or(0);
    if most == 0 {
        return frame.empty(&chart.empty_text);
    }
    let step = nice_step(most);
    let top_count = most.div_ceil(step) * step;
    let ticks: Vec<u64> = (0..=top_count / step).map(|k| k * step).collect();

    let tick_w = ticks
        .iter()
        .map(|t| width(&t.to_string(), TICK_SIZE))
        .fold(0.0, f64::max);
    let x0 = (tick_w + 14.0).max(28.0);
    let x1 = WIDTH - 12.0;
    let bin_w = (x1 - x0) / n as f64;
    let bottom = TOP + PLOT_HEIGHT;
    let y_of = |c: u64| bottom - c as f64 / top_count as f64 * PLOT_HEIGHT;
    let centre = |i: usize| x0 + bin_w * (i as f64 + 0.5);
    let marked = chart.marked.filter(|m| *m < n);

    let mut svg = Svg::default();
    svg.el("g").attr("class", "grid").open();
    for t in &ticks {
        let y = y_of(*t);
        svg.el("line")
            .num("x1", x0)
            .num("y1", y)
            .num("x2", x1)
            .num("y2", y)
            .attr("stroke", GRID)
            .close();
    }
    svg.end("g");
    svg.el("g").attr("class", "ticks").open();
    for t in &ticks {
        let mut l = Label::new(
            x0 - 6.0,
            y_of(*t) + 0.35 * TICK_SIZE,
            TICK_SIZE,
            "end",
            "tick-label",
        );
        l.fill = MUTED;
        svg.label(&l, &wrap(&t.to_string(), f64::INFINITY, TICK_SIZE, 1));
    }
    svg.end("g");

    svg.el("g").attr("class", "bins").open();
    for (i, bin) in chart.bins.iter().enumerate() {
        let is_marked = marked == Some(i);
        let top = y_of(u64::from(bin.count));
        let el = svg
            .el("rect")
            .attr("class", if is_marked { "bin bin-marked" } else { "bin" })
            .num("x", x0 + bin_w * i as f64 + bin_w * 0.1)
            .num("y", top)
            .num("width", bin_w * 0.8)
            .num("height", bottom - top);
        if is_marked {
            el.attr("fill", MARKED_FILL)
                .attr("stroke", TARGET_MARK)
                .num("stroke-width", 1.5)
                .close();
        } else {
            el.attr("fill", BIN_FILL).close();
        }
        let count = bin.count.to_string();
        if bin.count > 0 && width(&count, COUNT_SIZE) <= bin_w {
            let mut l = Label::new(centre(i), top - 4.0, COUNT_SIZE, "middle", "count-label");
            l.fill = if is_marked { INK } else { MUTED };
            l.bold = is_marked;
            svg.label(&l, &wrap(&count, f64::INFINITY, COUNT_SIZE, 1));
        }
    }
    svg.end("g");
    svg.el("line")
        .attr("class", "axis")
        .num("x1", x0)
        .num("y1", bottom)
        .num("x2", x1)
        .num("y2", bottom)
        .attr("stroke", AXIS)
        .close();

    let labels = bin_labels(chart, bin_w);
    let lines = labels
        .iter()
        .flatten()
        .map(|w| w.lines.len())
        .max()
        .unwrap_or(1);
    svg.el("g").attr("class", "bin-labels").open();
    for (i, text) in labels.iter().enumerate() {
        let Some(text) = text else { continue };
        let l = Label::new(
            centre(i),
            bottom + 15.0,
            BIN_LABEL_SIZE,
            "middle",
            "bin-label",
        );
        svg.label(&l, text);
    }
    svg.end("g");

    if let Some(m) = marked {
        marker(
            &mut svg,
            chart,
            m,
            MarkerGeometry {
                x0,
                bin_w,
                y_of: &y_of,
            },
        );
    }

    let height = bottom + 12.0 + lines as f64 * BIN_LABEL_SIZE * 1.25;
    Frame { height, ..frame }.finish(svg)
}

struct MarkerGeometry<'a> {
    x0: f64,
    bin_w: f64,
    y_of: &'a dyn Fn(u64) -> f64,
}

/// The pointer over the marked bin and its text. The text rises above any neighbouring count
/// label it would cover, with a leader line down to the pointer.
fn marker(svg: &mut Svg, chart: &Histogram, m: usize, g: MarkerGeometry<'_>) {
    let centre = g.x0 + g.bin_w * (m as f64 + 0.5);
    let tip = (g.y_of)(u64::from(chart.bins[m].count)) - 17.0;
    let d = format!(
        "M{} {}L{} {}L{} {}Z",
        num(centre - 5.0),
        num(tip - 7.0),
        num(centre + 5.0),
        num(tip - 7.0),
        num(centre),
        num(tip)
    );
    svg.el("path")
        .attr("class", "marker-pointer")
        .attr("d", &d)
        .attr("fill", TARGET_MARK)
        .close();

    let text = wrap(&chart.marker_label, 200.0, MARKER_SIZE, 1);
    let half = width(&text.lines.concat(), MARKER_SIZE) / 2.0;
    let x = centre.clamp(half + 2.0, WIDTH - half - 2.0);
    let (left, right) = (x - half, x + half);
    let clear_of_counts = chart
        .bins
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            let from = g.x0 + g.bin_w * *i as f64;
            *i != m && b.count > 0 && from < right && from + g.bin_w > left
        })
        .map(|(_, b)| (g.y_of)(u64::from(b.count)) - 4.0 - COUNT_SIZE - 3.0)
        .fold(f64::INFINITY, f64::min);
    let bottom = (tip - 9.0).min(clear_of_counts);
    if bottom < tip - 9.0 {
        svg.el("line")
            .attr("class", "marker-leader")
            .num("x1", centre)
            .num("y1", bottom)
            .num("x2", centre)
            .num("y2", tip - 7.0)
            .attr("stroke", TARGET_MARK)
            .close();
    }
    let mut l = Label::new(x, 0.0, MARKER_SIZE, "middle", "marker-label");
    l.y = first_baseline(bottom - l.line_height / 2.0, 1, &l);
    l.bold = true;
    l.halo = true;
    svg.label(&l, &text);
}

/// Each bin's label, or `None` where labels are thinned out.
fn bin_labels(chart: &Histogram, bin_w: f64) -> Vec<Option<Wrapped>> {
    let wrapped: Vec<Wrapped> = chart
        .bins
        .iter()
        .map(|b| wrap(&b.label, bin_w - 8.0, BIN_LABEL_SIZE, 2))
        .collect();
    if wrapped.iter().all(|w| !w.truncated) {
        return wrapped.into_iter().map(Some).collect();
    }
    let widest = chart
        .bins
        .iter()
        .map(|b| width(&b.label, BIN_LABEL_SIZE))
        .fold(0.0, f64::max)
        + 8.0;
    let every = ((widest / bin_w).ceil() as usize).max(1);
    chart
        .bins
        .iter()
        .enumerate()
        .map(|(i, b)| {
            (i % every == 0).then(|| wrap(&b.label, every as f64 * bin_w - 8.0, BIN_LABEL_SIZE, 1))
        })
        .collect()
}

/// The smallest of 1, 2, 5, 10, 20, 50, … that covers `most` in at most five steps.
fn nice_step(most: u64) -> u64 {
    let mut magnitude = 1u64;
    loop {
        for m in [1, 2, 5] {
            let step = m * magnitude;
            if most.div_ceil(step) <= 5 {
                return step;
            }
        }
        magnitude *= 10;
    }
}
