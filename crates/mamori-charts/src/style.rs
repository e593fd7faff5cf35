//! How series look, and the legend, shared by every chart type.
//!
//! Colours are the Okabe–Ito palette (distinguishable with the common colour-vision
//! deficiencies), and every series kind also differs in dash pattern, marker shape or fill
//! texture, so a greyscale print still tells them apart. Each element carries classes
//! (`series-0`, `series-current`) for the page's CSS and inline presentation attributes for
//! standalone use (PDF), which CSS overrides when present.

use crate::svg::{El, Label, Svg};
use crate::text::{width, wrap};
use crate::{HeatLevel, Series, SeriesKind};

pub(crate) const INK: &str = "#333333";
pub(crate) const MUTED: &str = "#595959";
pub(crate) const GRID: &str = "#d9d9d9";
pub(crate) const AXIS: &str = "#8c8c8c";
pub(crate) const TARGET_MARK: &str = "#1a1a1a";

/// Heat map cells: tints of Okabe–Ito vermillion and orange and a pale blue, chosen so their
/// lightness alone (about 30 %, 62 % and 88 % relative luminance) tells the classes apart in
/// greyscale and with any colour-vision deficiency, and dark text stays readable on each.
pub(crate) fn heat_fill(level: HeatLevel) -> &'static str {
    match level {
        HeatLevel::High => "#E07B39",
        HeatLevel::Medium => "#F5C77E",
        HeatLevel::Low => "#EAF2F8",
    }
}

/// Colours for a second series of the same kind, so two peer groups do not look alike.
const EXTRA: [&str; 4] = ["#CC79A7", "#56B4E9", "#E69F00", "#000000"];
const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Marker {
    Circle,
    Square,
    Triangle,
    Diamond,
}

pub(crate) struct SeriesStyle {
    pub index: usize,
    pub kind: SeriesKind,
    pub color: &'static str,
    pub dash: Option<&'static str>,
    pub width: f64,
    pub marker: Marker,
    pub class: String,
}

impl SeriesKind {
    fn slug(self) -> &'static str {
        match self {
            SeriesKind::Current => "current",
            SeriesKind::Previous => "previous",
            SeriesKind::Peer => "peer",
            SeriesKind::Target => "target",
        }
    }

    /// Drawing order: the current state is painted last, on top of what it is compared with.
    fn layer(self) -> u8 {
        match self {
            SeriesKind::Target => 0,
            SeriesKind::Peer => 1,
            SeriesKind::Previous => 2,
            SeriesKind::Current => 3,
        }
    }
}

pub(crate) fn styles(series: &[Series]) -> Vec<SeriesStyle> {
    let mut seen = [0usize; 4];
    let mut extra = 0;
    series
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let (base, dash, width, marker) = match s.kind {
                SeriesKind::Current => ("#0072B2", None, 2.5, Marker::Circle),
                SeriesKind::Previous => ("#D55E00", Some("6 4"), 2.0, Marker::Square),
                SeriesKind::Peer => ("#009E73", Some("1.5 3.5"), 2.0, Marker::Triangle),
                SeriesKind::Target => ("#404040", Some("8 3 2 3"), 1.25, Marker::Diamond),
            };
            let slot = &mut seen[s.kind.layer() as usize];
            let (color, marker) = if *slot == 0 {
                (base, marker)
            } else {
                extra += 1;
                let m = MARKERS.iter().position(|m| *m == marker).unwrap_or(0) + *slot;
                (EXTRA[(extra - 1) % EXTRA.len()], MARKERS[m % MARKERS.len()])
            };
            *slot += 1;
            SeriesStyle {
                index,
                kind: s.kind,
                color,
                dash,
                width,
                marker,
                class: format!("series series-{index} series-{}", s.kind.slug()),
            }
        })
        .collect()
}

pub(crate) fn draw_order(styles: &[SeriesStyle]) -> Vec<&SeriesStyle> {
    let mut order: Vec<&SeriesStyle> = styles.iter().collect();
    order.sort_by_key(|s| s.kind.layer());
    order
}

impl SeriesStyle {
    pub(crate) fn stroke<'a>(&self, el: El<'a>) -> El<'a> {
        let el = el
            .attr("stroke", self.color)
            .num("stroke-width", self.width)
            .attr("stroke-linejoin", "round")
            .attr("stroke-linecap", "round");
        match self.dash {
            Some(d) => el.attr("stroke-dasharray", d),
            None => el,
        }
    }

    /// Markers sit on every data point, so a series stays recognisable where lines cross.
    pub(crate) fn marker(&self, svg: &mut Svg, x: f64, y: f64, r: f64) {
        let hollow = self.kind == SeriesKind::Target;
        let el = match self.marker {
            Marker::Circle => svg.el("circle").num("cx", x).num("cy", y).num("r", r),
            Marker::Square => {
                let h = r * 0.9;
                svg.el("rect")
                    .num("x", x - h)
                    .num("y", y - h)
                    .num("width", 2.0 * h)
                    .num("height", 2.0 * h)
            }
            Marker::Triangle => {
                let d = format!(
                    "M{} {}L{} {}L{} {}Z",
                    n(x),
                    n(y - 1.2 * r),
                    n(x + 1.1 * r),
                    n(y + 0.8 * r),
                    n(x - 1.1 * r),
                    n(y + 0.8 * r)
                );
                svg.el("path").attr("d", &d)
            }
            Marker::Diamond => {
                let k = r * 1.3;
                let d = format!(
                    "M{} {}L{} {}L{} {}L{} {}Z",
                    n(x),
                    n(y - k),
                    n(x + k),
                    n(y),
                    n(x),
                    n(y + k),
                    n(x - k),
                    n(y)
                );
                svg.el("path").attr("d", &d)
            }
        };
        el.attr("class", "marker")
            .attr("fill", if hollow { "#ffffff" } else { self.color })
            .attr("stroke", if hollow { self.color } else { "#ffffff" })
            .num("stroke-width", if hollow { 1.5 } else { 1.0 })
            .close();
    }

    /// Bars cannot use dashes alone, so kinds differ by fill: solid (current), pale with a
    /// dashed edge (previous), hatched (peer), outline only (target).
    pub(crate) fn bar_paint<'a>(&self, el: El<'a>, chart_id: &str) -> El<'a> {
        match self.kind {
            SeriesKind::Current => el.attr("fill", self.color),
            SeriesKind::Previous => el
                .attr("fill", self.color)
                .attr("fill-opacity", "0.3")
                .attr("stroke", self.color)
                .attr("stroke-width", "1.5")
                .attr("stroke-dasharray", "4 2"),
            SeriesKind::Peer => el
                .attr("fill", &format!("url(#{})", self.pattern_id(chart_id)))
                .attr("stroke", self.color)
                .attr("stroke-width", "1.2"),
            SeriesKind::Target => el
                .attr("fill", "none")
                .attr("stroke", self.color)
                .attr("stroke-width", "1.5"),
        }
    }

    fn pattern_id(&self, chart_id: &str) -> String {
        format!("{chart_id}-hatch-{}", self.index)
    }
}

fn n(v: f64) -> String {
    crate::svg::num(v)
}

/// The hatch patterns bars of peer series are filled with; ids carry the chart id because
/// several charts share one page.
pub(crate) fn patterns(svg: &mut Svg, chart_id: &str, styles: &[SeriesStyle]) {
    let hatched: Vec<&SeriesStyle> = styles
        .iter()
        .filter(|s| s.kind == SeriesKind::Peer)
        .collect();
    if hatched.is_empty() {
        return;
    }
    svg.el("defs").open();
    for s in hatched {
        svg.el("pattern")
            .attr("id", &s.pattern_id(chart_id))
            .attr("patternUnits", "userSpaceOnUse")
            .num("width", 6.0)
            .num("height", 6.0)
            .attr("patternTransform", "rotate(45)")
            .open();
        svg.el("rect")
            .num("width", 6.0)
            .num("height", 6.0)
            .attr("fill", "#ffffff")
            .close();
        svg.el("line")
            .num("x1", 1.5)
            .num("y1", 0.0)
            .num("x2", 1.5)
            .num("y2", 6.0)
            .attr("stroke", s.color)
            .num("stroke-width", 2.5)
            .close();
        svg.end("pattern");
    }
    svg.end("defs");
}

/// The target marker of the bar chart: a dark upright bar with a notch on top, recognisable in
/// any colour scheme.
pub(crate) fn target_mark(svg: &mut Svg, x: f64, top: f64, bottom: f64) {
    svg.el("line")
        .attr("class", "target-line")
        .num("x1", x)
        .num("y1", top)
        .num("x2", x)
        .num("y2", bottom)
        .attr("stroke", TARGET_MARK)
        .num("stroke-width", 2.5)
        .close();
    let d = format!(
        "M{} {}L{} {}L{} {}Z",
        n(x - 4.0),
        n(top - 5.0),
        n(x + 4.0),
        n(top - 5.0),
        n(x),
        n(top)
    );
    svg.el("path")
        .attr("class", "target-notch")
        .attr("d", &d)
        .attr("fill", TARGET_MARK)
        .close();
}

pub(crate) enum Swatch<'a> {
    Line(&'a SeriesStyle),
    Bar(&'a SeriesStyle),
    Target,
    Heat(HeatLevel),
}

pub(crate) struct LegendEntry<'a> {
    pub name: &'a str,
    pub swatch: Swatch<'a>,
}

const LEGEND_SIZE: f64 = 12.0;
const LEGEND_ROW: f64 = 22.0;
const SWATCH: f64 = 26.0;

/// Lays the entries out in centred rows below `top` and returns the height used.
pub(crate) fn legend(
    svg: &mut Svg,
    chart_id: &str,
    entries: &[LegendEntry<'_>],
    top: f64,
    chart_width: f64,
) -> f64 {
    if entries.is_empty() {
        return 0.0;
    }
    let room = chart_width - 32.0;
    let items: Vec<_> = entries
        .iter()
        .map(|e| {
            let name = wrap(e.name, room - SWATCH - 8.0, LEGEND_SIZE, 1);
            let w = SWATCH + 6.0 + width(&name.lines.concat(), LEGEND_SIZE);
            (e, name, w)
        })
        .collect();
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut row_w = 0.0;
    for (i, (_, _, w)) in items.iter().enumerate() {
        if row_w > 0.0 && row_w + 20.0 + w > room {
            rows.push(Vec::new());
            row_w = 0.0;
        }
        if row_w > 0.0 {
            row_w += 20.0;
        }
        row_w += w;
        rows.last_mut().expect("rows start non-empty").push(i);
    }
    svg.el("g").attr("class", "legend").open();
    for (r, row) in rows.iter().enumerate() {
        let total: f64 =
            row.iter().map(|i| items[*i].2).sum::<f64>() + 20.0 * (row.len() as f64 - 1.0);
        let mut x = (chart_width - total) / 2.0;
        let cy = top + 8.0 + LEGEND_ROW * r as f64 + LEGEND_ROW / 2.0;
        for i in row {
            let (entry, name, w) = &items[*i];
            let class = match &entry.swatch {
                Swatch::Line(s) | Swatch::Bar(s) => {
                    format!("legend-item {}", s.class.trim_start_matches("series "))
                }
                Swatch::Target => "legend-item legend-target".to_owned(),
                Swatch::Heat(level) => format!("legend-item legend-{}", level.slug()),
            };
            svg.el("g").attr("class", &class).open();
            match &entry.swatch {
                Swatch::Line(s) => {
                    s.stroke(
                        svg.el("line")
                            .num("x1", x)
                            .num("y1", cy)
                            .num("x2", x + SWATCH)
                            .num("y2", cy),
                    )
                    .close();
                    s.marker(svg, x + SWATCH / 2.0, cy, 3.5);
                }
                Swatch::Bar(s) => {
                    s.bar_paint(
                        svg.el("rect")
                            .num("x", x + 2.0)
                            .num("y", cy - 6.0)
                            .num("width", SWATCH - 4.0)
                            .num("height", 12.0),
                        chart_id,
                    )
                    .close();
                }
                Swatch::Target => target_mark(svg, x + SWATCH / 2.0, cy - 5.0, cy + 8.0),
                Swatch::Heat(level) => {
                    svg.el("rect")
                        .num("x", x + 2.0)
                        .num("y", cy - 7.0)
                        .num("width", SWATCH - 4.0)
                        .num("height", 14.0)
                        .attr("fill", heat_fill(*level))
                        .attr("stroke", AXIS)
                        .num("stroke-width", 0.75)
                        .close();
                }
            }
            let l = Label::new(
                x + SWATCH + 6.0,
                cy + 0.35 * LEGEND_SIZE,
                LEGEND_SIZE,
                "start",
                "legend-label",
            );
            svg.label(&l, name);
            svg.end("g");
            x += w + 20.0;
        }
    }
    svg.end("g");
    16.0 + LEGEND_ROW * rows.len() as f64
}
