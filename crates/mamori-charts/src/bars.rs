//! Horizontal bars: one row per category, one bar per series, an optional target mark per row
//! ("current tier vs target tier"), the value printed at the bar's end.
//!
//! Layout: 640 wide; the label column takes the longest label's estimated width, at most a
//! third of the chart (longer labels wrap to two lines, then "…"); bars grow from `min` at the
//! left edge of the track, whose right end leaves room for the widest value label.

use crate::Series;
use crate::scale::{Scale, value_at};
use crate::style::{AXIS, GRID, LegendEntry, MUTED, Swatch, legend, patterns, styles, target_mark};
use crate::svg::{Frame, Label, Svg, clean_id, num};
use crate::text::{first_baseline, width, wrap};

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bars {
    pub id: String,
    pub title: String,
    pub description: String,
    /// One row per label, top to bottom.
    pub labels: Vec<String>,
    pub min: f64,
    pub max: f64,
    /// Values with a grid line and a label under the rows.
    pub ticks: Vec<f64>,
    pub series: Vec<Series>,
    /// One optional target per row, drawn as a dark upright mark across the row's bars.
    pub targets: Option<Vec<Option<f64>>>,
    /// The legend's name for the target mark (the mark has no legend entry when empty).
    pub target_label: String,
    /// Shown instead of the chart when no row has a value or a target.
    pub empty_text: String,
}

const WIDTH: f64 = 640.0;
const TOP: f64 = 8.0;
const LABEL_SIZE: f64 = 12.0;
const VALUE_SIZE: f64 = 11.0;
const TICK_SIZE: f64 = 10.0;
const MISSING: &str = "–";

/// Renders a horizontal bar chart as a complete `<svg>` element.
pub fn bars(chart: &Bars) -> String {
    let frame = Frame {
        id: &chart.id,
        kind: "bars",
        title: &chart.title,
        description: &chart.description,
        width: WIDTH,
        height: 0.0,
    };
    let rows = chart.labels.len();
    let targets: Vec<Option<f64>> = (0..rows)
        .map(|r| chart.targets.as_deref().and_then(|t| value_at(t, r)))
        .collect();
    let has_values = chart
        .series
        .iter()
        .any(|s| (0..rows).any(|r| value_at(&s.values, r).is_some()));
    if !has_values && targets.iter().all(Option::is_none) {
        return frame.empty(&chart.empty_text);
    }

    let id = clean_id(&chart.id);
    let scale = Scale::new(chart.min, chart.max);
    let styles = styles(&chart.series);
    let k = chart.series.len().max(1);

    let longest = chart
        .labels
        .iter()
        .map(|l| width(l, LABEL_SIZE))
        .fold(0.0, f64::max);
    let label_w = longest.clamp(24.0, WIDTH * 0.34);
    let x0 = 8.0 + label_w + 10.0;
    let value_w = chart
        .series
        .iter()
        .flat_map(|s| (0..rows).filter_map(|r| value_at(&s.values, r)))
        .map(|v| width(&num(v), VALUE_SIZE))
        .fold(width(MISSING, VALUE_SIZE), f64::max);
    let x1 = WIDTH - (value_w + 12.0).max(16.0);
    let x_of = |v: f64| x0 + scale.frac(v) * (x1 - x0);

    let bar_h = if k == 1 { 18.0 } else { 12.0 };
    let block = k as f64 * bar_h + (k - 1) as f64 * 2.0;
    let wrapped: Vec<_> = chart
        .labels
        .iter()
        .map(|l| wrap(l, label_w, LABEL_SIZE, 2))
        .collect();
    let row_h: Vec<f64> = wrapped
        .iter()
        .map(|w| (block + 14.0).max(w.lines.len() as f64 * LABEL_SIZE * 1.25 + 8.0))
        .collect();
    let bottom = TOP + row_h.iter().sum::<f64>();

    let mut svg = Svg::default();
    patterns(&mut svg, &id, &styles);
    let ticks = scale.ticks(&chart.ticks);
    svg.el("g").attr("class", "grid").open();
    for t in &ticks {
        let x = x_of(*t);
        svg.el("line")
            .num("x1", x)
            .num("y1", TOP)
            .num("x2", x)
            .num("y2", bottom)
            .attr("stroke", GRID)
            .close();
    }
    svg.end("g");
    svg.el("line")
        .attr("class", "axis")
        .num("x1", x0)
        .num("y1", TOP)
        .num("x2", x0)
        .num("y2", bottom)
        .attr("stroke", AXIS)
        .close();
    svg.el("g").attr("class", "ticks").open();
    for t in &ticks {
        let mut l = Label::new(x_of(*t), bottom + 14.0, TICK_SIZE, "middle", "tick-label");
        l.fill = MUTED;
        svg.label(&l, &wrap(&num(*t), f64::INFINITY, TICK_SIZE, 1));
    }
    svg.end("g");

    let mut y = TOP;
    for (r, label) in wrapped.iter().enumerate() {
        let cy = y + row_h[r] / 2.0;
        let block_top = cy - block / 2.0;
        svg.el("g").attr("class", "row").open();
        let mut l = Label::new(x0 - 10.0, 0.0, LABEL_SIZE, "end", "axis-label");
        l.y = first_baseline(cy, label.lines.len(), &l);
        svg.label(&l, label);
        for (j, style) in styles.iter().enumerate() {
            let by = block_top + j as f64 * (bar_h + 2.0);
            let baseline = by + bar_h / 2.0 + 0.35 * VALUE_SIZE;
            let Some(v) = value_at(&chart.series[j].values, r) else {
                let mut l = Label::new(
                    x0 + 4.0,
                    baseline,
                    VALUE_SIZE,
                    "start",
                    "value-label value-missing",
                );
                l.fill = MUTED;
                svg.label(&l, &wrap(MISSING, f64::INFINITY, VALUE_SIZE, 1));
                continue;
            };
            let end = x_of(v);
            style
                .bar_paint(
                    svg.el("rect")
                        .attr("class", &style.class)
                        .num("x", x0)
                        .num("y", by)
                        .num("width", end - x0)
                        .num("height", bar_h),
                    &id,
                )
                .close();
            // The bar is clamped to the scale, the printed value is not: it stays the caller's figure.
            let text = num(v);
            let mut lx = end + 4.0;
            // A target just past the bar's end would strike through the value; print it after.
            let text_end = lx + width(&text, VALUE_SIZE) + 2.0;
            if let Some(tx) = targets[r]
                .map(x_of)
                .filter(|tx| *tx >= end - 1.0 && *tx <= text_end)
            {
                lx = tx + 6.0;
            }
            let mut l = Label::new(lx, baseline, VALUE_SIZE, "start", "value-label");
            l.halo = true;
            svg.label(&l, &wrap(&text, f64::INFINITY, VALUE_SIZE, 1));
        }
        if let Some(t) = targets[r] {
            target_mark(&mut svg, x_of(t), block_top - 3.0, block_top + block + 3.0);
        }
        svg.end("g");
        y += row_h[r];
    }

    let show_target = targets.iter().any(Option::is_some) && !chart.target_label.is_empty();
    let mut entries = Vec::new();
    if chart.series.len() > 1 || show_target {
        for (s, style) in chart.series.iter().zip(&styles) {
            entries.push(LegendEntry {
                name: &s.name,
                swatch: Swatch::Bar(style),
            });
        }
    }
    if show_target {
        entries.push(LegendEntry {
            name: &chart.target_label,
            swatch: Swatch::Target,
        });
    }
    let legend_top = bottom + 20.0;
    let height = legend_top + legend(&mut svg, &id, &entries, legend_top, WIDTH).max(4.0);
    Frame { height, ..frame }.finish(svg)
}
