//! A heat map (risk matrix): rows × columns of cells, each showing a count and coloured by a
//! class the caller decides ("importance × likelihood", the cell's risk level). The caller
//! decides the classes because the rule that maps a cell to a class (risk value 4-6 is high) is
//! the domain's, not the chart's.
//!
//! Layout: 560 wide; the row labels take the longest label's estimated width, at most a third
//! of the chart (two lines, then "…"), with the row title over them; the column title runs over
//! the columns and the column labels under it; cells share the remaining width equally and are
//! at least 60 high. A count of zero is printed smaller, so the occupied cells stand out; every
//! class also differs in lightness, so the map reads in greyscale, and an optional note in each
//! cell can name the class in words for readers who cannot tell the colours apart.

use crate::style::{INK, LegendEntry, Swatch, heat_fill, legend};
use crate::svg::{Frame, Label, Svg, clean_id};
use crate::text::{Wrapped, first_baseline, width, wrap};

/// A heat map of counts.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    pub id: String,
    pub title: String,
    pub description: String,
    /// What the rows measure, printed over the row labels ("重要度").
    pub row_title: String,
    /// What the columns measure, printed over the column labels ("被害発生可能性").
    pub column_title: String,
    /// Row labels, top to bottom: a risk matrix puts the highest value on top.
    pub rows: Vec<String>,
    /// Column labels, left to right.
    pub columns: Vec<String>,
    /// `cells[row][column]`. A row shorter than `columns` leaves the rest of it blank; cells
    /// past the last column or row are ignored.
    pub cells: Vec<Vec<HeatCell>>,
    /// The legend's entries, in order; no legend when empty.
    pub legend: Vec<(HeatLevel, String)>,
    /// Shown instead of the chart when there are no rows or no columns.
    pub empty_text: String,
}

/// One cell: how many things fall in it and its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatCell {
    pub count: u32,
    pub level: HeatLevel,
    /// Small text under the count (e.g. "リスク値 4・大"); nothing when empty.
    pub note: String,
}

/// The class of a cell, drawn in the crate's palette (`style::heat_fill`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeatLevel {
    High,
    Medium,
    Low,
}

impl HeatLevel {
    pub(crate) fn slug(self) -> &'static str {
        match self {
            HeatLevel::High => "high",
            HeatLevel::Medium => "medium",
            HeatLevel::Low => "low",
        }
    }
}

const WIDTH: f64 = 560.0;
const TOP: f64 = 8.0;
const TITLE_SIZE: f64 = 12.0;
const LABEL_SIZE: f64 = 12.0;
const COUNT_SIZE: f64 = 22.0;
const ZERO_SIZE: f64 = 15.0;
const NOTE_SIZE: f64 = 10.0;
const MIN_CELL_HEIGHT: f64 = 60.0;
/// The white gap between cells, half on each side.
const GAP: f64 = 3.0;

/// Renders a heat map as a complete `<svg>` element.
pub fn heat_map(chart: &HeatMap) -> String {
    let frame = Frame {
        id: &chart.id,
        kind: "heat-map",
        title: &chart.title,
        description: &chart.description,
        width: WIDTH,
        height: 0.0,
    };
    if chart.rows.is_empty() || chart.columns.is_empty() {
        return frame.empty(&chart.empty_text);
    }
    let id = clean_id(&chart.id);
    let cols = chart.columns.len();

    let longest = chart
        .rows
        .iter()
        .map(|l| width(l, LABEL_SIZE))
        .fold(width(&chart.row_title, TITLE_SIZE), f64::max);
    let label_w = longest.clamp(24.0, WIDTH * 0.34);
    let x0 = 8.0 + label_w + 10.0;
    let x1 = WIDTH - 8.0;
    let cell_w = (x1 - x0) / cols as f64;

    let column_title = wrap(&chart.column_title, x1 - x0, TITLE_SIZE, 1);
    let column_labels: Vec<Wrapped> = chart
        .columns
        .iter()
        .map(|c| wrap(c, cell_w - 8.0, LABEL_SIZE, 2))
        .collect();
    let row_title = wrap(&chart.row_title, label_w, TITLE_SIZE, 2);
    let row_labels: Vec<Wrapped> = chart
        .rows
        .iter()
        .map(|r| wrap(r, label_w, LABEL_SIZE, 2))
        .collect();

    let title_h = if chart.column_title.is_empty() {
        0.0
    } else {
        TITLE_SIZE * 1.25 + 4.0
    };
    let column_lines = column_labels
        .iter()
        .map(|w| w.lines.len())
        .max()
        .unwrap_or(1);
    // The row title sits level with the column labels, like the corner cell of a table.
    let band_h = (column_lines as f64 * LABEL_SIZE * 1.25)
        .max(row_title.lines.len() as f64 * TITLE_SIZE * 1.25)
        + 6.0;
    let band_top = TOP + title_h;
    let grid_top = band_top + band_h;
    let has_notes = chart.cells.iter().flatten().any(|c| !c.note.is_empty());
    let cell_h = row_labels
        .iter()
        .map(|w| w.lines.len() as f64 * LABEL_SIZE * 1.25 + 12.0)
        .fold(MIN_CELL_HEIGHT, f64::max);

    let mut svg = Svg::default();
    if title_h > 0.0 {
        let mut l = Label::new(
            (x0 + x1) / 2.0,
            TOP + TITLE_SIZE,
            TITLE_SIZE,
            "middle",
            "axis-title column-title",
        );
        l.bold = true;
        svg.label(&l, &column_title);
    }
    let band_mid = band_top + band_h / 2.0;
    {
        let mut l = Label::new(x0 - 10.0, 0.0, TITLE_SIZE, "end", "axis-title row-title");
        l.bold = true;
        l.y = first_baseline(band_mid, row_title.lines.len(), &l);
        svg.label(&l, &row_title);
    }
    svg.el("g").attr("class", "column-labels").open();
    for (c, text) in column_labels.iter().enumerate() {
        let mut l = Label::new(
            x0 + cell_w * (c as f64 + 0.5),
            0.0,
            LABEL_SIZE,
            "middle",
            "axis-label column-label",
        );
        l.y = first_baseline(band_mid, text.lines.len(), &l);
        svg.label(&l, text);
    }
    svg.end("g");

    for (r, label) in row_labels.iter().enumerate() {
        let top = grid_top + cell_h * r as f64;
        let cy = top + cell_h / 2.0;
        svg.el("g").attr("class", "row").open();
        let mut l = Label::new(x0 - 10.0, 0.0, LABEL_SIZE, "end", "axis-label row-label");
        l.y = first_baseline(cy, label.lines.len(), &l);
        svg.label(&l, label);
        let cells = chart.cells.get(r).map_or(&[][..], Vec::as_slice);
        for (c, cell) in cells.iter().take(cols).enumerate() {
            let left = x0 + cell_w * c as f64;
            cell_svg(&mut svg, cell, left, top, cell_w, cell_h, has_notes);
        }
        svg.end("g");
    }
    let grid_bottom = grid_top + cell_h * chart.rows.len() as f64;

    let entries: Vec<LegendEntry> = chart
        .legend
        .iter()
        .map(|(level, name)| LegendEntry {
            name,
            swatch: Swatch::Heat(*level),
        })
        .collect();
    let legend_top = grid_bottom + 4.0;
    let height = legend_top + legend(&mut svg, &id, &entries, legend_top, WIDTH).max(4.0);
    Frame { height, ..frame }.finish(svg)
}

fn cell_svg(svg: &mut Svg, cell: &HeatCell, left: f64, top: f64, w: f64, h: f64, notes: bool) {
    let class = format!("cell cell-{}", cell.level.slug());
    svg.el("g").attr("class", &class).open();
    svg.el("rect")
        .num("x", left + GAP / 2.0)
        .num("y", top + GAP / 2.0)
        .num("width", w - GAP)
        .num("height", h - GAP)
        .num("rx", 3.0)
        .attr("fill", heat_fill(cell.level))
        .close();
    let cx = left + w / 2.0;
    let cy = top + h / 2.0;
    // With a note the count moves up so that both sit centred in the cell together.
    let count_y = if notes {
        cy + 0.35 * COUNT_SIZE - NOTE_SIZE * 0.7
    } else {
        cy + 0.35 * COUNT_SIZE
    };
    // A zero is smaller rather than paler: a pale grey would lose its contrast on the darkest
    // fill, and not every renderer has a bold face to set the others apart.
    let size = if cell.count == 0 {
        ZERO_SIZE
    } else {
        COUNT_SIZE
    };
    let mut l = Label::new(cx, count_y, size, "middle", "count-label");
    l.fill = INK;
    l.bold = cell.count > 0;
    svg.label(
        &l,
        &wrap(&cell.count.to_string(), f64::INFINITY, COUNT_SIZE, 1),
    );
    if !cell.note.is_empty() {
        let mut l = Label::new(
            cx,
            count_y + NOTE_SIZE * 1.6,
            NOTE_SIZE,
            "middle",
            "cell-note",
        );
        l.fill = INK;
        svg.label(&l, &wrap(&cell.note, w - 8.0, NOTE_SIZE, 1));
    }
    svg.end("g");
}
