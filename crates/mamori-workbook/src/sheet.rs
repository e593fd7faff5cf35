//! Plain one-sheet registers (devices, applications, certificates, …): a header row and one row
//! an entry, written so the same file reads back in. Which heading means which field is the
//! caller's (the register's field list); this module only reads and writes cells.

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
};
use std::io::Cursor;

use crate::read::{Table, TableRow};
use crate::{FileKind, WorkbookError};

const FONT: &str = "Meiryo";

/// What one column of the sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    /// `YYYY-MM-DD` texts become date cells, so Excel sorts and filters them as days.
    Date,
}

/// Writes `rows` under `headings` on one sheet named `title`, with the header frozen and
/// filters on. `widths` are in characters (one per column).
pub fn export_sheet(
    title: &str,
    headings: &[(&str, ColumnKind, u16)],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, WorkbookError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&DocProperties::new().set_title(title).set_author("Mamori"));
    let base = Format::new().set_font_name(FONT).set_font_charset(128);
    let cell = base
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let header = cell
        .clone()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xDDEBF7));
    let text = cell.clone().set_text_wrap();
    let date = cell
        .set_align(FormatAlign::Center)
        .set_num_format("yyyy/m/d");
    // Excel allows 31 characters and no []:*?/\ in a sheet name.
    let name: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let sheet = workbook.add_worksheet().set_name(&name)?;
    for (c, (heading, _, width)) in headings.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, *heading, &header)?;
        sheet.set_column_width(c, f64::from(*width))?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let kind = headings.get(c).map_or(ColumnKind::Text, |h| h.1);
            let c = c as u16;
            match (kind, day(value)) {
                (ColumnKind::Date, Some((y, m, d))) => {
                    let when = ExcelDateTime::from_ymd(y, m, d)?;
                    sheet.write_datetime_with_format(r, c, &when, &date)?;
                }
                _ => {
                    sheet.write_string_with_format(r, c, value, &text)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    if !headings.is_empty() {
        let last_row = rows.len() as u32;
        sheet.autofilter(0, 0, last_row.max(1), headings.len() as u16 - 1)?;
    }
    Ok(workbook.save_to_buffer()?)
}

fn day(s: &str) -> Option<(u16, u8, u8)> {
    crate::parse::parse_date(s)
}

/// Reads a register file: for XLSX the sheet named `sheet` if there is one, else the first; the
/// header row is the row among the first 50 with the most cells `is_heading` knows (the first
/// filled row when none knows two).
pub fn read_sheet(
    bytes: &[u8],
    kind: FileKind,
    sheet: &str,
    is_heading: &dyn Fn(&str) -> bool,
) -> Result<Table, WorkbookError> {
    let (name, rows) = match kind {
        FileKind::Xlsx => {
            let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|e: calamine::XlsxError| WorkbookError::Xlsx(e.to_string()))?;
            let names = workbook.sheet_names();
            let name = names
                .iter()
                .find(|n| crate::codes::fold(n) == crate::codes::fold(sheet))
                .or_else(|| names.first())
                .cloned()
                .ok_or(WorkbookError::Empty)?;
            let range = workbook
                .worksheet_range(&name)
                .map_err(|e| WorkbookError::Xlsx(e.to_string()))?;
            (Some(name), crate::read::rows_of_range(&range)?)
        }
        FileKind::Csv => (None, crate::read::read_csv(bytes)?),
    };
    crate::read::split_header_by(name, rows, &|row: &TableRow| {
        row.cells
            .iter()
            .filter(|c| matches!(c, crate::Cell::Text(t) if is_heading(t)))
            .count()
    })
}
