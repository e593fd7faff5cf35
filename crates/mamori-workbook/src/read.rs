//! Reading a file into raw cells: XLSX through calamine, CSV in UTF-8 (with or without BOM),
//! UTF-16 with BOM or Shift_JIS (what Excel in Japan saves), and finding the header row.

use crate::WorkbookError;
use crate::codes::{column_letter, fold};
use crate::layout::Field;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use std::io::Cursor;

/// The most data rows an import reads; a bigger file is refused before parsing.
pub const MAX_ROWS: usize = 50_000;
/// How many rows from the top may hold titles and notes before the header row.
const HEADER_SEARCH_ROWS: usize = 50;
/// Known headings a row must hold to count as the header row.
const MIN_HEADER_SCORE: usize = 2;
/// Known headings a neighbouring row must hold to be a second header row (IPA's sheet has a
/// group row, 個人情報の種類 / 評価値, above the headings).
const MIN_SECOND_HEADER_SCORE: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Csv,
}

impl FileKind {
    /// By file name extension (`.xlsx`, `.xlsm`, `.csv`, `.txt`, `.tsv`).
    pub fn from_file_name(name: &str) -> Option<FileKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(FileKind::Xlsx),
            "csv" | "txt" | "tsv" => Some(FileKind::Csv),
            _ => None,
        }
    }
}

/// One cell as the file has it, trimmed. CSV cells are all text.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formats as a date (time of day dropped).
    Date {
        year: u16,
        month: u8,
        day: u8,
    },
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as a person would read it: whole numbers without ".0", dates as YYYY-MM-DD.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Date { year, month, day } => format!("{year:04}-{month:02}-{day:02}"),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// The 1-based row number the spreadsheet shows (for CSV: the record's number).
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl TableRow {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Empty)
    }
}

/// The raw cells of one sheet, split at the header row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet read (XLSX only).
    pub sheet: Option<String>,
    /// 1-based number of the (last) header row.
    pub header_row: usize,
    /// Column headings as the file writes them ("" where a column has none). With two header
    /// rows, a column takes the lower row's heading, or the upper row's where the lower is empty.
    pub headings: Vec<String>,
    /// The rows below the header, blank ones included.
    pub rows: Vec<TableRow>,
}

impl Table {
    /// How a problem names a column: its heading, or its letter when it has none.
    pub fn column_name(&self, column: usize) -> String {
        match self.headings.get(column).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => h.to_owned(),
            _ => column_letter(column),
        }
    }

    /// Columns with a heading or any data.
    pub fn width(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.cells.len())
            .chain([self.headings.len()])
            .max()
            .unwrap_or(0)
    }
}

/// Reads the first relevant sheet (for XLSX the one named 情報資産管理台帳 or "Asset register",
/// else the first) and finds its header row: the row among the first 50 whose cells name the most
/// register fields, Japanese or English, full- or half-width.
pub fn read_table(bytes: &[u8], kind: FileKind) -> Result<Table, WorkbookError> {
    let (sheet, rows) = match kind {
        FileKind::Xlsx => read_xlsx(bytes)?,
        FileKind::Csv => (None, read_csv(bytes)?),
    };
    split_header(sheet, rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<(Option<String>, Vec<TableRow>), WorkbookError> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| WorkbookError::Xlsx(e.to_string()))?;
    let names = workbook.sheet_names();
    let is_register = |n: &str| {
        let f = fold(n);
        f == fold("情報資産管理台帳") || f == fold("Asset register")
    };
    let name = names
        .iter()
        .find(|n| is_register(n))
        .or_else(|| {
            names
                .iter()
                .find(|n| n.contains("情報資産管理台帳") && !n.contains("記入例"))
        })
        .or_else(|| names.first())
        .cloned()
        .ok_or(WorkbookError::Empty)?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| WorkbookError::Xlsx(e.to_string()))?;
    Ok((Some(name), rows_of_range(&range)?))
}

/// A sheet's cells as rows, numbered as the spreadsheet shows them.
pub(crate) fn rows_of_range(range: &calamine::Range<Data>) -> Result<Vec<TableRow>, WorkbookError> {
    if range.height() > MAX_ROWS + HEADER_SEARCH_ROWS {
        return Err(WorkbookError::TooManyRows);
    }
    let Some((first_row, first_col)) = range.start() else {
        return Err(WorkbookError::Empty);
    };
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut out = vec![Cell::Empty; first_col as usize];
            out.extend(cells.iter().map(cell_from_xlsx));
            trim_row(&mut out);
            TableRow {
                number: first_row as usize + i + 1,
                cells: out,
            }
        })
        .collect())
}

fn cell_from_xlsx(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::String(s) => text_cell(s),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Cell::Date { year, month, day }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => crate::parse::parse_date(s.get(..10).unwrap_or(s)).map_or_else(
            || text_cell(s),
            |(year, month, day)| Cell::Date { year, month, day },
        ),
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

fn text_cell(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t.to_owned())
    }
}

fn trim_row(cells: &mut Vec<Cell>) {
    while cells.last().is_some_and(Cell::is_empty) {
        cells.pop();
    }
}

/// Decodes a CSV file: a BOM decides, else UTF-8 when the bytes are valid UTF-8, else Shift_JIS.
/// Other encodings are refused with the ones that work; EUC-JP (older Unix and web systems) is
/// named when the bytes read as it, so the person knows what to convert from.
fn decode(bytes: &[u8]) -> Result<String, WorkbookError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(WorkbookError::Encoding { euc_jp: false })
        } else {
            Ok(text.into_owned())
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(bytes);
    if had_errors {
        let (_, not_euc_jp) = encoding_rs::EUC_JP.decode_without_bom_handling(bytes);
        return Err(WorkbookError::Encoding {
            euc_jp: !not_euc_jp,
        });
    }
    Ok(text.into_owned())
}

pub(crate) fn read_csv(bytes: &[u8]) -> Result<Vec<TableRow>, WorkbookError> {
    let text = decode(bytes)?;
    // Excel's "Unicode text" is tab-separated; count separators in the first lines.
    let head: String = text.lines().take(5).collect();
    let delimiter = if head.matches('\t').count() > head.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i > MAX_ROWS + HEADER_SEARCH_ROWS {
            return Err(WorkbookError::TooManyRows);
        }
        let record = record.map_err(|e| WorkbookError::Csv(e.to_string()))?;
        let mut cells: Vec<Cell> = record.iter().map(text_cell).collect();
        trim_row(&mut cells);
        rows.push(TableRow {
            number: i + 1,
            cells,
        });
    }
    Ok(rows)
}

/// How many distinct register headings a row holds.
fn header_score(row: &TableRow) -> usize {
    let mut fields: Vec<Option<Field>> = Vec::new();
    let mut computed = 0;
    for cell in &row.cells {
        let Cell::Text(text) = cell else { continue };
        match Field::for_heading(text) {
            Some(f) if !fields.contains(&Some(f)) => fields.push(Some(f)),
            Some(_) => {}
            None if Field::is_known_heading(text) => computed += 1,
            None => {}
        }
    }
    fields.len() + computed
}

fn split_header(sheet: Option<String>, rows: Vec<TableRow>) -> Result<Table, WorkbookError> {
    split_header_by(sheet, rows, &header_score)
}

/// Splits the rows at the header row: the row among the first 50 that `score` rates highest.
pub(crate) fn split_header_by(
    sheet: Option<String>,
    mut rows: Vec<TableRow>,
    score: &dyn Fn(&TableRow) -> usize,
) -> Result<Table, WorkbookError> {
    let first_filled = rows
        .iter()
        .position(|r| !r.cells.is_empty())
        .ok_or(WorkbookError::Empty)?;
    let scores: Vec<usize> = rows.iter().take(HEADER_SEARCH_ROWS).map(score).collect();
    let (best, best_score) =
        scores.iter().enumerate().fold(
            (first_filled, 0),
            |acc, (i, &s)| if s > acc.1 { (i, s) } else { acc },
        );
    let (top, bottom) = if best_score < MIN_HEADER_SCORE {
        (first_filled, first_filled)
    } else if scores
        .get(best + 1)
        .is_some_and(|&s| s >= MIN_SECOND_HEADER_SCORE)
    {
        (best, best + 1)
    } else if best > 0 && scores[best - 1] >= MIN_SECOND_HEADER_SCORE {
        (best - 1, best)
    } else {
        (best, best)
    };
    let width = rows[top].cells.len().max(rows[bottom].cells.len());
    let headings = (0..width)
        .map(|c| {
            let lower = rows[bottom].cell(c).display();
            if lower.is_empty() {
                rows[top].cell(c).display()
            } else {
                lower
            }
        })
        .collect();
    let header_row = rows[bottom].number;
    let data = rows.split_off(bottom + 1);
    if data.len() > MAX_ROWS {
        return Err(WorkbookError::TooManyRows);
    }
    Ok(Table {
        sheet,
        header_row,
        headings,
        rows: data,
    })
}
