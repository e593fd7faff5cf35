//! The radar chart: one spoke per axis, the first pointing straight up, the rest clockwise.
//!
//! Geometry is fixed so charts on different pages compare at a glance: 560 wide, centre
//! (280, 190), radius 140 (the height below the lowest label varies); axis labels sit 12 units outside the rim, wrapped to two lines; the
//! legend (more than one series) goes below. A series missing a value is drawn as open lines
//! between the axes it has, never through the centre, since a missing answer is not a zero.
//!
//! A radar needs at least three axes to enclose an area; with fewer, [`radar`] draws the same
//! data as a horizontal bar chart ([`crate::bars`], class `chart-bars`).

use std::f64::consts::{FRAC_PI_2, TAU};

use crate::bars::{Bars, bars};
use crate::scale::{Scale, value_at};
use crate::style::{AXIS, GRID, LegendEntry, MUTED, Swatch, draw_order, legend, styles};
use crate::svg::{Frame, Label, Svg, clean_id, num, points};
use crate::text::{first_baseline, wrap};
use crate::{Series, SeriesKind};

/// A radar (spider) chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Radar {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Axis names, clockwise from the top.
    pub axes: Vec<String>,
    pub min: f64,
    pub max: f64,
    /// Values with a ring and a label (on the upward spoke); the rim at `max` is always drawn.
    pub ticks: Vec<f64>,
    pub series: Vec<Series>,
    /// Shown instead of the chart when there are no axes or no values.
    pub empty_text: String,
}

const WIDTH: f64 = 560.0;
const CX: f64 = 280.0;
const CY: f64 = 190.0;
const R: f64 = 140.0;
const PLOT_HEIGHT: f64 = 380.0;
const LABEL_SIZE: f64 = 13.0;
const TICK_SIZE: f64 = 10.0;

/// Renders a radar chart as a complete `<svg>` element (a bar chart below three axes).
pub fn radar(chart: &Radar) -> String {
    if chart.axes.len() < 3 {
        return bars(&Bars {
            id: chart.id.clone(),
            title: chart.title.clone(),
            description: chart.description.clone(),
            labels: chart.axes.clone(),
            min: chart.min,
            max: chart.max,
            ticks: chart.ticks.clone(),
            series: chart.series.clone(),
            targets: None,
            target_label: String::new(),
            empty_text: chart.empty_text.clone(),
        });
    }
    let frame = Frame {
        id: &chart.id,
        kind: "radar",
        title: &chart.title,
        description: &chart.description,
        width: WIDTH,
        height: PLOT_HEIGHT,
    };
    let n = chart.axes.len();
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
    let ring = |frac: f64| -> Vec<(f64, f64)> { (0..n).map(|i| vertex(i, n, frac)).collect() };

    let mut svg = Svg::default();
    svg.el("g").attr("class", "grid").open();
    let ticks = scale.ticks(&chart.ticks);
    for t in ticks.iter().filter(|t| **t > scale.min && **t < scale.max) {
        svg.el("polygon")
            .attr("points", &points(&ring(scale.frac(*t))))
            .attr("fill", "none")
            .attr("stroke", GRID)
            .close();
    }
    svg.el("polygon")
        .attr("class", "rim")
        .attr("points", &points(&ring(1.0)))
        .attr("fill", "none")
        .attr("stroke", AXIS)
        .close();
    for i in 0..n {
        let (x, y) = vertex(i, n, 1.0);
        svg.el("line")
            .attr("class", "spoke")
            .num("x1", CX)
            .num("y1", CY)
            .num("x2", x)
            .num("y2", y)
            .attr("stroke", GRID)
            .close();
    }
    svg.end("g");

    for style in draw_order(&styles) {
        let values = &chart.series[style.index].values;
        let pts: Vec<Option<(f64, f64)>> = (0..n)
            .map(|i| value_at(values, i).map(|v| vertex(i, n, scale.frac(v))))
            .collect();
        svg.el("g").attr("class", &style.class).open();
        if pts.iter().all(Option::is_some) {
            let closed: Vec<(f64, f64)> = pts.iter().flatten().copied().collect();
            let el = svg.el("polygon").attr("points", &points(&closed));
            let el = if style.kind == SeriesKind::Current {
                el.attr("fill", style.color).attr("fill-opacity", "0.2")
            } else {
                el.attr("fill", "none")
            };
            style.stroke(el).close();
        } else {
            for run in runs(&pts) {
                style
                    .stroke(
                        svg.el("polyline")
                            .attr("points", &points(&run))
                            .attr("fill", "none"),
                    )
                    .close();
            }
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

    svg.el("g").attr("class", "ticks").open();
    for t in &ticks {
        if *t <= scale.min {
            continue;
        }
        // Midway between the first two spokes: markers sit on spokes, so labels there would
        // hide data points.
        let (ax, ay) = vertex(0, n, scale.frac(*t));
        let (bx, by) = vertex(1, n, scale.frac(*t));
        let (x, y) = ((ax + bx) / 2.0, (ay + by) / 2.0);
        let mut l = Label::new(x, y + 0.35 * TICK_SIZE, TICK_SIZE, "middle", "tick-label");
        l.fill = MUTED;
        l.halo = true;
        svg.label(&l, &wrap(&num(*t), f64::INFINITY, TICK_SIZE, 1));
    }
    svg.end("g");

    svg.el("g").attr("class", "axis-labels").open();
    let mut lowest = (0..n).map(|i| vertex(i, n, 1.0).1).fold(CY, f64::max);
    for (i, name) in chart.axes.iter().enumerate() {
        let a = angle(i, n);
        let (cos, sin) = (a.cos(), a.sin());
        let (ax, ay) = (CX + (R + 12.0) * cos, CY + (R + 12.0) * sin);
        let (anchor, room) = if cos > 0.25 {
            ("start", WIDTH - 6.0 - ax)
        } else if cos < -0.25 {
            ("end", ax - 6.0)
        } else {
            // With many axes the neighbours' labels start close by on either side.
            let neighbours = 2.0 * (R + 12.0) * (TAU / n as f64).sin().abs() - 12.0;
            (
                "middle",
                (2.0 * ax.min(WIDTH - ax) - 12.0).min(neighbours.max(60.0)),
            )
        };
        let text = wrap(name, room.min(150.0), LABEL_SIZE, 2);
        let mut l = Label::new(ax, 0.0, LABEL_SIZE, anchor, "axis-label");
        // Push the block outwards by half its height, so labels above and below the rim never
        // cover it, whatever their number of lines.
        let block = text.lines.len() as f64 * l.line_height;
        l.y = first_baseline(ay + sin * block / 2.0, text.lines.len(), &l);
        lowest = lowest.max(ay + sin * block / 2.0 + block / 2.0);
        svg.label(&l, &text);
    }
    svg.end("g");

    // The centre stays put (charts line up across pages); only the empty space below the
    // lowest label is cut, which depends on the number of axes.
    let mut height = (lowest + 12.0).min(PLOT_HEIGHT);
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
        height += legend(&mut svg, &id, &entries, height - 8.0, WIDTH) - 8.0;
    }
    Frame { height, ..frame }.finish(svg)
}

fn angle(i: usize, n: usize) -> f64 {
    -FRAC_PI_2 + TAU * i as f64 / n as f64
}

/// The point at `frac` (0 = centre, 1 = rim) along spoke `i`.
fn vertex(i: usize, n: usize, frac: f64) -> (f64, f64) {
    let a = angle(i, n);
    (CX + R * frac * a.cos(), CY + R * frac * a.sin())
}

/// The stretches of consecutive present points, going round the circle (so a stretch may wrap
/// past the first axis); single points are left to their markers.
fn runs(pts: &[Option<(f64, f64)>]) -> Vec<Vec<(f64, f64)>> {
    let n = pts.len();
    let Some(gap) = pts.iter().position(Option::is_none) else {
        return vec![pts.iter().flatten().copied().collect()];
    };
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for k in 1..=n {
        match pts[(gap + k) % n] {
            Some(p) => cur.push(p),
            None => {
                if cur.len() > 1 {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() > 1 {
        out.push(cur);
    }
    out
}
