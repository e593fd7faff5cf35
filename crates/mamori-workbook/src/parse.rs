//! Table → register rows, listing every problem with its spreadsheet row, column and reason in
//! both languages. Nothing is stored here: the caller shows the preview and stores the rows only
//! when the user confirms a preview without problems, all or nothing.

use crate::codes::{Code, Codes, PERSONAL, flag_value, half_width};
use crate::layout::Field;
use crate::mapping::ColumnMapping;
use crate::read::{Cell, Table, TableRow, format_number};
use crate::{Lang, RegisterRow};

/// One thing wrong with the file, where the user can find it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based spreadsheet row (the header row for a missing column).
    pub row: usize,
    /// The column's heading as the file writes it, or its letter when it has none; for a
    /// missing column the heading the register expects.
    pub column: String,
    /// 0-based column index, `None` for a missing column.
    pub column_index: Option<usize>,
    pub reason_ja: String,
    pub reason_en: String,
}

impl RowProblem {
    pub fn reason(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.reason_ja,
            Lang::En => &self.reason_en,
        }
    }
}

/// What an import would do: the rows that parsed cleanly, and every problem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub rows: Vec<RegisterRow>,
    /// The spreadsheet row of each entry of `rows`.
    pub source_rows: Vec<usize>,
    pub problems: Vec<RowProblem>,
    /// Rows below the header with nothing in any mapped column (skipped).
    pub blank_rows: usize,
}

impl ImportPreview {
    /// True when the import may be confirmed: at least one row and no problem at all.
    pub fn is_importable(&self) -> bool {
        self.problems.is_empty() && !self.rows.is_empty()
    }
}

/// Parses every non-blank row below the header through `mapping`. Blank rows are skipped, and
/// only mapped columns are read, so computed columns and notes beside the data are ignored.
pub fn parse_rows(table: &Table, mapping: &ColumnMapping) -> ImportPreview {
    let mut preview = ImportPreview::default();
    let missing = mapping.missing_required();
    if !missing.is_empty() {
        preview.problems = missing
            .into_iter()
            .map(|f| RowProblem {
                row: table.header_row,
                column: f.heading(Lang::Ja).to_owned(),
                column_index: None,
                reason_ja: format!(
                    "「{}」の列が見つかりません。列の対応で選んでください。",
                    f.heading(Lang::Ja)
                ),
                reason_en: format!(
                    "No column holds \"{}\"; choose it in the column mapping.",
                    f.heading(Lang::En)
                ),
            })
            .collect();
        return preview;
    }
    let mapped: Vec<usize> = mapping.iter().map(|(_, c)| c).collect();
    for row in &table.rows {
        if mapped.iter().all(|&c| row.cell(c).is_empty()) {
            preview.blank_rows += 1;
            continue;
        }
        let before = preview.problems.len();
        let mut p = RowParser {
            table,
            mapping,
            row,
            problems: &mut preview.problems,
        };
        let parsed = p.parse();
        // A row's problems read left to right, as the user finds them in the sheet.
        preview.problems[before..].sort_by_key(|x| x.column_index);
        if preview.problems.len() == before {
            preview.rows.push(parsed);
            preview.source_rows.push(row.number);
        }
    }
    preview
}

struct RowParser<'a> {
    table: &'a Table,
    mapping: &'a ColumnMapping,
    row: &'a TableRow,
    problems: &'a mut Vec<RowProblem>,
}

impl RowParser<'_> {
    fn parse(&mut self) -> RegisterRow {
        let name = self.text(Field::Name);
        if name.is_empty() {
            self.fail(
                Field::Name,
                "情報資産名称が入力されていません。".into(),
                "The information asset has no name.".into(),
            );
        }
        RegisterRow {
            business_category: self.text(Field::BusinessCategory),
            name,
            note: self.text(Field::Note),
            users: self.text(Field::Users),
            owner_department: self.text(Field::OwnerDepartment),
            medium: self.medium(),
            personal: self.personal(),
            persons: self.persons(),
            classification: self.coded(Field::Classification, Codes::Classification),
            risk_owner: self.optional_text(Field::RiskOwner),
            c: self.rating(Field::C),
            i: self.rating(Field::I),
            a: self.rating(Field::A),
            retention: self.optional_text(Field::Retention),
            registered: self.date(Field::Registered),
            lifecycle: self.coded(Field::Lifecycle, Codes::Lifecycle),
        }
    }

    fn cell(&self, field: Field) -> &Cell {
        self.mapping
            .get(field)
            .map_or(&Cell::Empty, |c| self.row.cell(c))
    }

    fn fail(&mut self, field: Field, reason_ja: String, reason_en: String) {
        let index = self.mapping.get(field);
        self.problems.push(RowProblem {
            row: self.row.number,
            column: index.map_or_else(
                || field.heading(Lang::Ja).to_owned(),
                |c| self.table.column_name(c),
            ),
            column_index: index,
            reason_ja,
            reason_en,
        });
    }

    fn text(&self, field: Field) -> String {
        self.cell(field).display()
    }

    fn optional_text(&self, field: Field) -> Option<String> {
        Some(self.text(field)).filter(|s| !s.is_empty())
    }

    fn unknown(&mut self, field: Field, value: &str, table: Codes) {
        let list = |lang| {
            table
                .all()
                .iter()
                .map(|c| c.label(lang))
                .collect::<Vec<_>>()
                .join(match lang {
                    Lang::Ja => "、",
                    Lang::En => ", ",
                })
        };
        self.fail(
            field,
            format!(
                "「{value}」は{}に使えない値です（{}）。",
                field.heading(Lang::Ja),
                list(Lang::Ja)
            ),
            format!(
                "\"{value}\" is not a known {} ({}).",
                field.heading(Lang::En).to_lowercase(),
                list(Lang::En)
            ),
        );
    }

    fn medium(&mut self) -> String {
        let value = self.text(Field::Medium);
        if value.is_empty() {
            self.fail(
                Field::Medium,
                "媒体・保存先が入力されていません。".into(),
                "The medium / location is missing.".into(),
            );
            return String::new();
        }
        match Codes::Media.find(&value) {
            Some(m) => m.code.to_owned(),
            None => {
                self.unknown(Field::Medium, &value, Codes::Media);
                String::new()
            }
        }
    }

    fn coded(&mut self, field: Field, table: Codes) -> Option<String> {
        let value = self.optional_text(field)?;
        match table.find(&value) {
            Some(c) => Some(c.code.to_owned()),
            None => {
                self.unknown(field, &value, table);
                None
            }
        }
    }

    /// The three flag columns of IPA's sheet (有 or blank) and a column listing the kinds.
    fn personal(&mut self) -> Vec<String> {
        let mut set = [false; 3];
        for (k, field) in [Field::Personal, Field::Sensitive, Field::MyNumber]
            .into_iter()
            .enumerate()
        {
            let cell = self.cell(field).clone();
            match flag(&cell, &PERSONAL[k]) {
                Some(on) => set[k] |= on,
                None => {
                    let value = cell.display();
                    self.fail(
                        field,
                        format!(
                            "「{value}」は{}の欄に使えない値です。該当するときは「有」、しないときは空欄にしてください。",
                            field.heading(Lang::Ja)
                        ),
                        format!(
                            "\"{value}\" is not a value for {}: write \"有\" (or yes) when it applies, else leave it blank.",
                            field.heading(Lang::En)
                        ),
                    );
                }
            }
        }
        let kinds = self.text(Field::PersonalKinds);
        let separators = |c: char| {
            matches!(
                c,
                ',' | '、' | '，' | ';' | '；' | '/' | '／' | '・' | '\n' | '\r'
            )
        };
        for token in kinds
            .split(separators)
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if flag_value(token) == Some(false) {
                continue;
            }
            match PERSONAL
                .iter()
                .position(|c| Some(c) == Codes::Personal.find(token))
            {
                Some(k) => set[k] = true,
                None => self.unknown(Field::PersonalKinds, token, Codes::Personal),
            }
        }
        PERSONAL
            .iter()
            .zip(set)
            .filter(|(_, on)| *on)
            .map(|(c, _)| c.code.to_owned())
            .collect()
    }

    fn rating(&mut self, field: Field) -> u8 {
        let (ja, en) = (field.heading(Lang::Ja), field.heading(Lang::En));
        let cell = self.cell(field).clone();
        let number = match &cell {
            Cell::Empty => {
                self.fail(
                    field,
                    format!("{ja}が入力されていません（0、1、2 のいずれか）。"),
                    format!("{en} is missing (0, 1 or 2)."),
                );
                return 0;
            }
            Cell::Number(n) => Some(*n),
            Cell::Text(s) => {
                let s = half_width(s);
                let lead = s.split([':', '：', ' ']).next().unwrap_or_default();
                lead.trim().parse::<i64>().ok().map(|n| n as f64)
            }
            Cell::Date { .. } | Cell::Bool(_) => None,
        };
        match number {
            Some(n) if (0.0..=2.0).contains(&n) && n.fract() == 0.0 => n as u8,
            Some(n) => {
                let n = format_number(n);
                self.fail(
                    field,
                    format!("{ja}は 0、1、2 のいずれかです（{n} と書かれています）。"),
                    format!("{en} must be 0, 1 or 2 (it says {n})."),
                );
                0
            }
            None => {
                let v = cell.display();
                self.fail(
                    field,
                    format!("「{v}」は数値ではありません。{ja}は 0、1、2 のいずれかです。"),
                    format!("\"{v}\" is not a number; {en} must be 0, 1 or 2."),
                );
                0
            }
        }
    }

    fn persons(&mut self) -> Option<u64> {
        let field = Field::Persons;
        let cell = self.cell(field).clone();
        let parsed = match &cell {
            Cell::Empty => return None,
            Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1e15 => Some(*n as u64),
            Cell::Text(s) => {
                let s: String = half_width(s).chars().filter(|c| *c != ',').collect();
                let s = s.trim_end_matches(['人', '名', '件']).trim();
                s.parse::<u64>().ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            let v = cell.display();
            self.fail(
                field,
                format!("「{v}」は人数として読めません。0 以上の整数を入力してください。"),
                format!("\"{v}\" is not a number of persons; enter a whole number, 0 or more."),
            );
        }
        parsed
    }

    fn date(&mut self, field: Field) -> Option<String> {
        let cell = self.cell(field).clone();
        let ymd = match &cell {
            Cell::Empty => return None,
            Cell::Date { year, month, day } => Some((*year, *month, *day)),
            // A date serial without a date format (1954-10-04 to 9999-12-31).
            Cell::Number(n) if (20_000.0..=2_958_465.0).contains(n) => {
                let dt =
                    calamine::ExcelDateTime::new(*n, calamine::ExcelDateTimeType::DateTime, false);
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                Some((y, m, d))
            }
            Cell::Text(s) => parse_date(s),
            _ => None,
        };
        match ymd {
            Some((y, m, d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
            None => {
                let v = cell.display();
                self.fail(
                    field,
                    format!(
                        "「{v}」は{}の日付として読めません（例: 2024-04-01、2024/4/1）。",
                        field.heading(Lang::Ja)
                    ),
                    format!(
                        "\"{v}\" is not a date (for example 2024-04-01 or 2024/4/1) in {}.",
                        field.heading(Lang::En)
                    ),
                );
                None
            }
        }
    }
}

/// A personal-information flag cell: `Some(true)` set, `Some(false)` unset, `None` unreadable.
/// The cell may also name its own kind ("個人情報" in the 個人情報 column).
fn flag(cell: &Cell, own: &Code) -> Option<bool> {
    match cell {
        Cell::Empty => Some(false),
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) if *n == 1.0 => Some(true),
        Cell::Number(n) if *n == 0.0 => Some(false),
        Cell::Text(s) => {
            flag_value(s).or_else(|| (Codes::Personal.find(s) == Some(own)).then_some(true))
        }
        _ => None,
    }
}

/// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D` or `YYYY年M月D日` (full-width digits too), a time after
/// the date ignored; `None` for anything else or a day the calendar does not have.
pub(crate) fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let s = half_width(s);
    let date = s.trim().split([' ', 'T']).next()?;
    let normal: String = date
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches('日')
        .to_owned();
    let mut parts = normal.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let (y, m, d): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (y >= 1900 && (1..=days).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_read_in_the_usual_japanese_spellings() {
        assert_eq!(parse_date("2016/7/1"), Some((2016, 7, 1)));
        assert_eq!(parse_date("2016-07-01"), Some((2016, 7, 1)));
        assert_eq!(parse_date("２０１６年７月１日"), Some((2016, 7, 1)));
        assert_eq!(parse_date("2024-02-29 00:00:00"), Some((2024, 2, 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("来年"), None);
        assert_eq!(parse_date("7/1"), None);
    }
}
