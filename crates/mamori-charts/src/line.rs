//! The line chart for history over time: evenly spaced points (one per x label, oldest first),
//! horizontal guides for thresholds such as grade band limits.
//!
//! Layout: 640 wide, plot 220 high from y = 20; points are spaced evenly with 18 units of
//! padding inside the plot (a single point sits in the middle). A missing value breaks the line;
//! a point with no neighbour shows as its marker alone. When x labels would collide, only every
//! k-th is printed, counting back from the newest, which is always labelled.

use std::fmt::Write;

use crate::scale::{Scale, value_at};
use crate::style::{AXIS, GRID, LegendEntry, MUTED, Swatch, draw_order, legend, styles};
use crate::svg::{Frame, Label, Svg, clean_id, num};
use crate::text::{width, wrap};
use crate::{Series, SeriesKind};

/// A line chart over time.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub id: String,
    pub title: String,
    pub description: String,
    /// One label per time point, oldest first (e.g. "2026/04").
    pub x_labels: Vec<String>,
    pub min: f64,
    pub max: f64,
    /// Values with a grid line and a label on the left.
    pub ticks: Vec<f64>,
    pub series: Vec<Series>,
    /// Labelled horizontal lines (thresholds); guides outside `min..=max` are left out.
    pub guides: Vec<Guide>,
    /// Shown instead of the chart when there are no time points or no values.
    pub empty_text: String,
}

/// A labelled horizontal line across the plot.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    pub value: f64,
    pub label: String,
}

const WIDTH: f64 = 640.0;
const TOP: f64 = 20.0;
const PLOT_HEIGHT: f64 = 220.0;
const PAD: f64 = 18.0;
const X_LABEL_SIZE: f64 = 11.0;
const TICK_SIZE: f64 = 10.0;
const GUIDE_SIZE: f64 = 10.0;
const GUIDE: &str = "#767676";

/// Renders a line chart as a complete `<svg>` element.
pub fn line(chart: &Line) -> String {
    let frame = Frame {
        id: &chart.id,
        kind: "line",
        title: &chart.title,
        description: &chart.description,
        width: WIDTH,
        height: 0.0,
    };
    let n = chart.x_labels.len();
    if !chart
        .series
        .iter()
        .any(|s| (0..n).any(|i| value_at(&s.values, i).is_some()))
    {
        return frame.empty(&chart.empty_text);
    }
    let id = clean_id(&chart.id);
    let scale = Scale::new(chart.min, chart.max);
    let styles = styles(&chart.series);
    let ticks = scale.ticks(&chart.ticks);

    let tick_w = ticks
        .iter()
        .map(|t| width(&num(*t), TICK_SIZE))
        .fold(0.0, f64::max);
    let x0 = (tick_w + 14.0).max(28.0);
    let x1 = WIDTH - 16.0;
    let bottom = TOP + PLOT_HEIGHT;
    let step = if n > 1 {
        (x1 - x0 - 2.0 * PAD) / (n - 1) as f64
    } else {
        x1 - x0
    };
    let x_at = |i: usize| {
        if n > 1 {
            x0 + PAD + step * i as f64
        } else {
            (x0 + x1) / 2.0
        }
    };
    let y_of = |v: f64| bottom - scale.frac(v) * PLOT_HEIGHT;

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
    svg.el("g").attr("class", "axis").open();
    svg.el("line")
        .num("x1", x0)
        .num("y1", bottom)
        .num("x2", x1)
        .num("y2", bottom)
        .attr("stroke", AXIS)
        .close();
    for i in 0..n {
        let x = x_at(i);
        svg.el("line")
            .num("x1", x)
            .num("y1", bottom)
            .num("x2", x)
            .num("y2", bottom + 4.0)
            .attr("stroke", AXIS)
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
        svg.label(&l, &wrap(&num(*t), f64::INFINITY, TICK_SIZE, 1));
    }
    svg.end("g");

    let guides: Vec<&Guide> = chart
        .guides
        .iter()
        .filter(|g| g.value.is_finite() && g.value >= scale.min && g.value <= scale.max)
        .collect();
    if !guides.is_empty() {
        svg.el("g").attr("class", "guides").open();
        for g in guides {
            let y = y_of(g.value);
            svg.el("line")
                .attr("class", "guide")
                .num("x1", x0)
                .num("y1", y)
                .num("x2", x1)
                .num("y2", y)
                .attr("stroke", GUIDE)
                .num("stroke-width", 1.2)
                .close();
            let mut l = Label::new(x1 - 2.0, y - 4.0, GUIDE_SIZE, "end", "guide-label");
            l.fill = MUTED;
            l.halo = true;
            svg.label(&l, &wrap(&g.label, (x1 - x0) / 2.0, GUIDE_SIZE, 1));
        }
        svg.end("g");
    }

    // Thin the x labels so neighbours never touch; the newest point always keeps its label.
    let widest = chart
        .x_labels
        .iter()
        .map(|l| width(l, X_LABEL_SIZE))
        .fold(0.0, f64::max)
        + 12.0;
    let every = if n > 1 {
        ((widest / step).ceil() as usize).max(1)
    } else {
        1
    };
    let room = (every as f64 * step - 8.0).max(step.min(x1 - x0));
    svg.el("g").attr("class", "x-labels").open();
    for (i, label) in chart.x_labels.iter().enumerate() {
        if (n - 1 - i) % every != 0 {
            continue;
        }
        let text = wrap(label, room, X_LABEL_SIZE, 1);
        let half = width(&text.lines.concat(), X_LABEL_SIZE) / 2.0;
        let x = x_at(i).clamp(half + 2.0, (WIDTH - half - 2.0).max(half + 2.0));
        svg.label(
            &Label::new(x, bottom + 17.0, X_LABEL_SIZE, "middle", "x-label"),
            &text,
        );
    }
    svg.end("g");

    for style in draw_order(&styles) {
        let values = &chart.series[style.index].values;
        let pts: Vec<Option<(f64, f64)>> = (0..n)
            .map(|i| value_at(values, i).map(|v| (x_at(i), y_of(v))))
            .collect();
        svg.el("g").attr("class", &style.class).open();
        let d = path(&pts);
        if !d.is_empty() {
            style
                .stroke(svg.el("path").attr("d", &d).attr("fill", "none"))
                .close();
        }
        let r = if style.kind == SeriesKind::Current {
            4.0
        } else {
            3.5
        };
        for (x, y) in pts.iter().flatten() {
            style.marker(&mut svg, *x, *y, r);
        }
        svg.end("g");
    }

    let mut height = bottom + 28.0;
    if chart.series.len() > 1 {
        let entries: Vec<LegendEntry<'_>> = chart
            .series
            .iter()
            .zip(&styles)
            .map(|(s, style)| LegendEntry {
                name: &s.name,
                swatch: Swatch::Line(style),
            })
            .collect();
        height += legend(&mut svg, &id, &entries, height - 6.0, WIDTH) - 6.0;
    }
    Frame { height, ..frame }.finish(svg)
}

/// One sub-path per stretch of at least two consecutive points.
fn path(pts: &[Option<(f64, f64)>]) -> String {
    let mut d = String::new();
    for (i, p) in pts.iter().enumerate() {
        let Some((x, y)) = p else { continue };
        let prev = i > 0 && pts[i - 1].is_some();
        let next = pts.get(i + 1).is_some_and(Option::is_some);
        if prev {
            let _ = write!(d, "L{} {}", num(*x), num(*y));
        } else if next {
            let _ = write!(d, "M{} {}", num(*x), num(*y));
        }
    }
    d
}
