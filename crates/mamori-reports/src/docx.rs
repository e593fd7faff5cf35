//! The report as a Word document: A4 with page numbers, real heading styles (`Heading1`,
//! `Heading2`, named as Word's built-in ones so Word and LibreOffice list them in the navigation
//! pane), real tables whose header row repeats on every page, and the charts as PNG at three
//! times their size.

use crate::Error;
use crate::model::{Block, Figure, Report, Table};
use crate::png::chart_png;
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Shading, SpecialIndentType, Style, StyleType, TableCell, TableRow, WidthType,
};

/// Twentieths of a point per millimetre (Word's page units).
const TWIPS_PER_MM: f32 = 56.69;
/// English Metric Units per millimetre (Word's picture units).
const EMU_PER_MM: f32 = 36_000.0;
const A4: (u32, u32) = (11_906, 16_838);
const MARGIN_MM: f32 = 18.0;
const TEXT_WIDTH_MM: f32 = 210.0 - 2.0 * MARGIN_MM;
const ACCENT: &str = "1A3A5C";
// Word has no IPAex Gothic; Yu Gothic is on every Windows and macOS Office, and LibreOffice
// substitutes the Japanese font it has.
const JA_FONT: &str = "Yu Gothic";

fn twips(mm: f32) -> i32 {
    // Page geometry stays far below i32::MAX.
    (mm * TWIPS_PER_MM).round() as i32
}

fn styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, level: usize, half_points: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(level)
            .size(half_points)
            .bold()
            .color(ACCENT)
            .line_spacing(LineSpacing::new().before(280).after(120))
    };
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .q_format(true)
            .size(36)
            .color(ACCENT),
    )
    .add_style(heading("Heading1", "heading 1", 0, 26))
    .add_style(heading("Heading2", "heading 2", 1, 22))
}

fn run(text: &str) -> Run {
    // A line break in user text is a real break, not a lost character.
    let mut r = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(run(text))
}

fn figures(figures: &[Figure]) -> docx_rs::Table {
    let cells = figures
        .iter()
        .map(|f| {
            let mut cell = TableCell::new()
                .shading(Shading::new().fill("F1F1F1"))
                .add_paragraph(Paragraph::new().add_run(run(&f.label).size(16).color("444444")))
                .add_paragraph(Paragraph::new().add_run(run(&f.value).size(40).color(ACCENT)));
            if let Some(note) = &f.note {
                cell = cell.add_paragraph(Paragraph::new().add_run(run(note).size(16)));
            }
            cell
        })
        .collect();
    docx_rs::Table::new(vec![TableRow::new(cells)]).width(5000, WidthType::Pct)
}

fn table(t: &Table) -> docx_rs::Table {
    let columns = t.header.len().max(1);
    let total: u32 = if t.widths.len() == columns {
        t.widths.iter().map(|w| u32::from(*w).max(1)).sum()
    } else {
        u32::try_from(columns).unwrap_or(1)
    };
    let grid: Vec<usize> = (0..columns)
        .map(|i| {
            let share = t.widths.get(i).map_or(1, |w| u32::from(*w).max(1));
            let width = twips(TEXT_WIDTH_MM) as f32 * share as f32 / total as f32;
            width.round() as usize
        })
        .collect();
    let header = TableRow::new(
        t.header
            .iter()
            .map(|h| {
                TableCell::new()
                    .shading(Shading::new().fill(ACCENT))
                    .add_paragraph(Paragraph::new().add_run(run(h).bold().color("FFFFFF")))
            })
            .collect(),
    )
    // Marks the header row; `docx()` turns the mark into <w:tblHeader/> (see there).
    .cant_split();
    let mut rows = vec![header];
    for row in &t.rows {
        rows.push(TableRow::new(
            (0..columns)
                .map(|i| {
                    TableCell::new().add_paragraph(paragraph(row.get(i).map_or("", String::as_str)))
                })
                .collect(),
        ));
    }
    docx_rs::Table::new(rows)
        .set_grid(grid)
        .width(5000, WidthType::Pct)
}

/// Writes the report as DOCX.
pub fn docx(report: &Report) -> Result<Vec<u8>, Error> {
    let fonts = RunFonts::new()
        .ascii(JA_FONT)
        .hi_ansi(JA_FONT)
        .east_asia(JA_FONT);
    let margin = twips(MARGIN_MM);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_page_num(PageNum::new()),
    );
    let mut doc = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(margin)
                .bottom(twips(20.0))
                .left(margin)
                .right(margin)
                .header(twips(10.0))
                .footer(twips(10.0)),
        )
        .default_fonts(fonts)
        .default_size(19)
        .footer(footer);
    doc = doc.add_paragraph(paragraph(&report.title).style("Title"));
    if let Some(sub) = &report.subtitle {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(sub).size(22)));
    }
    for (label, value) in report.meta() {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{label}: ")).color("555555"))
                .add_run(run(&value)),
        );
    }
    let mut chart = 0;
    for block in &report.blocks {
        doc = match block {
            Block::Heading { level, text } => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                doc.add_paragraph(paragraph(text).style(style).keep_next(true))
            }
            Block::Paragraph(p) => doc.add_paragraph(paragraph(p)),
            Block::Figures(f) => doc.add_table(figures(f)),
            Block::Table(t) => doc.add_table(table(t)),
            Block::Bullets(items) => items
                .iter()
                .fold(doc, |d, item| d.add_paragraph(list_item("・", item))),
            Block::Steps(items) => items.iter().enumerate().fold(doc, |d, (i, item)| {
                d.add_paragraph(list_item(&format!("{}. ", i + 1), item))
            }),
            Block::Chart(c) => {
                let png = chart_png(&c.svg, chart)?;
                chart += 1;
                let width_mm = TEXT_WIDTH_MM * f32::from(c.width_percent.clamp(1, 100)) / 100.0;
                let height_mm = width_mm * png.height / png.width.max(1.0);
                let (px_w, px_h) = (
                    (png.width * crate::png::SCALE).round() as u32,
                    (png.height * crate::png::SCALE).round() as u32,
                );
                let pic = Pic::new_with_dimensions(png.bytes, px_w, px_h).size(
                    (width_mm * EMU_PER_MM).round() as u32,
                    (height_mm * EMU_PER_MM).round() as u32,
                );
                doc.add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(Run::new().add_image(pic)),
                )
            }
            Block::PageBreak => doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_break(docx_rs::BreakType::Page)),
            ),
        };
    }
    let mut xml = doc.build();
    // docx-rs cannot mark a repeating header row, so header rows carry `cantSplit` (no other
    // row does) and gain <w:tblHeader/> beside it here. Then every other row is kept whole on
    // its page too: a risk or a countermeasure cut in half across two pages reads badly.
    xml.document = String::from_utf8_lossy(&xml.document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .replace("<w:trPr />", "<w:trPr><w:cantSplit /></w:trPr>")
        .into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| Error::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

fn list_item(marker: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None)
        .add_run(Run::new().add_text(marker))
        .add_run(run(text))
}
