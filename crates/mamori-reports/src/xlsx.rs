//! A report's tables as one XLSX workbook: a summary sheet with what the report is and its
//! headline figures, then one worksheet per table, named after the heading it stands under, so
//! the file reads on its own when it is passed on.

use crate::Error;
use crate::model::{Block, Report, Table};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::HashSet;

/// A font every Japanese Windows and Mac has; the IPA sheets people know use the same.
const FONT: &str = "Meiryo";
/// Excel's limit on a worksheet's name.
const SHEET_NAME_MAX: usize = 31;

fn fail(e: XlsxError) -> Error {
    Error::Xlsx(e.to_string())
}

struct Formats {
    title: Format,
    label: Format,
    header: Format,
    text: Format,
    number: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_charset(128);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top);
        Formats {
            title: base.clone().set_bold().set_font_size(14),
            label: base.set_bold(),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell.clone().set_text_wrap(),
            number: cell.set_align(FormatAlign::Right),
        }
    }
}

/// Writes the report's tables as an XLSX workbook.
pub fn xlsx(report: &Report) -> Result<Vec<u8>, Error> {
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let default = Format::new()
        .set_font_name(FONT)
        .set_font_size(10)
        .set_font_charset(128);
    workbook
        .set_default_format(&default, 20, 64)
        .map_err(fail)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_author("Mamori")
            .set_company(&report.company),
    );
    let mut names = HashSet::new();
    let summary = crate::sheet::l(report.lang, "概要", "Summary");
    names.insert(summary.to_owned());
    summary_sheet(
        workbook.add_worksheet().set_name(summary).map_err(fail)?,
        report,
        &formats,
    )?;
    for (heading, table) in tables_under_headings(report) {
        let name = sheet_name(heading.unwrap_or(&table.name), &table.name, &mut names);
        let sheet = workbook.add_worksheet().set_name(&name).map_err(fail)?;
        table_sheet(sheet, table, &formats)?;
    }
    workbook.save_to_buffer().map_err(fail)
}

/// Each table with the last heading before it.
fn tables_under_headings(report: &Report) -> Vec<(Option<&str>, &Table)> {
    let mut heading = None;
    let mut out = Vec::new();
    for block in &report.blocks {
        match block {
            Block::Heading { text, .. } => heading = Some(text.as_str()),
            Block::Table(t) => out.push((heading, t)),
            _ => {}
        }
    }
    out
}

/// A worksheet name Excel accepts: none of `[]:*?/\`, at most 31 characters, unique in the
/// workbook (a second table under the same heading gets its short name added).
fn sheet_name(wanted: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| if "[]:*?/\\".contains(c) { '・' } else { c })
            .collect::<String>()
            .trim_matches('\'')
            .chars()
            .take(SHEET_NAME_MAX)
            .collect()
    };
    let mut name = clean(wanted);
    if name.is_empty() || taken.contains(&name) {
        name = clean(&format!("{} {fallback}", clean(wanted)));
    }
    let base = name.clone();
    let mut n = 2;
    while taken.contains(&name) {
        let suffix = format!(" ({n})");
        name = base
            .chars()
            .take(SHEET_NAME_MAX - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    taken.insert(name.clone());
    name
}

fn summary_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), Error> {
    sheet.set_column_width(0, 24).map_err(fail)?;
    sheet.set_column_width(1, 40).map_err(fail)?;
    sheet.set_column_width(2, 40).map_err(fail)?;
    sheet
        .write_string_with_format(0, 0, &report.title, &f.title)
        .map_err(fail)?;
    let mut row = 1;
    if let Some(subtitle) = &report.subtitle {
        sheet.write_string(row, 0, subtitle).map_err(fail)?;
        row += 1;
    }
    row += 1;
    for (label, value) in report.meta() {
        sheet
            .write_string_with_format(row, 0, label, &f.label)
            .map_err(fail)?;
        sheet.write_string(row, 1, &value).map_err(fail)?;
        row += 1;
    }
    for block in &report.blocks {
        if let Block::Figures(figures) = block {
            row += 1;
            for figure in figures {
                sheet
                    .write_string_with_format(row, 0, &figure.label, &f.label)
                    .map_err(fail)?;
                write_cell(sheet, row, 1, &figure.value, None)?;
                if let Some(note) = &figure.note {
                    sheet.write_string(row, 2, note).map_err(fail)?;
                }
                row += 1;
            }
        }
    }
    Ok(())
}

fn table_sheet(sheet: &mut Worksheet, table: &Table, f: &Formats) -> Result<(), Error> {
    for (c, text) in table.header.iter().enumerate() {
        let col = u16::try_from(c).map_err(|e| Error::Xlsx(e.to_string()))?;
        sheet
            .write_string_with_format(0, col, text, &f.header)
            .map_err(fail)?;
        sheet
            .set_column_width(col, column_width(table, c))
            .map_err(fail)?;
    }
    for (r, cells) in table.rows.iter().enumerate() {
        let row = u32::try_from(r + 1).map_err(|e| Error::Xlsx(e.to_string()))?;
        for (c, text) in cells.iter().enumerate() {
            let col = u16::try_from(c).map_err(|e| Error::Xlsx(e.to_string()))?;
            write_cell(sheet, row, col, text, Some(f))?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(fail)?;
    let last_col = u16::try_from(table.header.len().saturating_sub(1)).unwrap_or(0);
    let last_row = u32::try_from(table.rows.len()).unwrap_or(0);
    if !table.header.is_empty() {
        sheet.autofilter(0, 0, last_row, last_col).map_err(fail)?;
    }
    Ok(())
}

/// Wide enough for the longest line of the column (a CJK character counts two), between 8
/// and 60, where long text wraps.
fn column_width(table: &Table, c: usize) -> f64 {
    let width = |s: &str| -> usize {
        s.lines()
            .map(|l| l.chars().map(|ch| if ch.is_ascii() { 1 } else { 2 }).sum())
            .max()
            .unwrap_or(0)
    };
    let longest = std::iter::once(table.header.get(c).map_or(0, |h| width(h)))
        .chain(table.rows.iter().map(|r| r.get(c).map_or(0, |s| width(s))))
        .max()
        .unwrap_or(0);
    (longest + 2).clamp(8, 60) as f64
}

/// A plain number goes in as a number, so it sums and sorts in Excel; anything else (a grade,
/// "80%", "—") as the text the report shows.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    formats: Option<&Formats>,
) -> Result<(), Error> {
    let number = text
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && !text.starts_with('+') && !text.contains(['e', 'E']));
    match (number, formats) {
        (Some(n), Some(f)) => sheet.write_number_with_format(row, col, n, &f.number),
        (Some(n), None) => sheet.write_number(row, col, n),
        (None, Some(f)) => sheet.write_string_with_format(row, col, text, &f.text),
        (None, None) => sheet.write_string(row, col, text),
    }
    .map_err(fail)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_what_excel_accepts_and_never_repeat() {
        let mut taken = HashSet::new();
        assert_eq!(
            sheet_name("分野別の状況", "groups", &mut taken),
            "分野別の状況"
        );
        assert_eq!(
            sheet_name("分野別の状況", "groups", &mut taken),
            "分野別の状況 groups"
        );
        assert_eq!(
            sheet_name("分野別の状況", "groups", &mut taken),
            "分野別の状況 groups (2)"
        );
        assert_eq!(sheet_name("a/b:c", "t", &mut taken), "a・b・c");
        let long = "あ".repeat(40);
        let name = sheet_name(&long, "t", &mut taken);
        assert_eq!(name.chars().count(), SHEET_NAME_MAX);
    }
}
