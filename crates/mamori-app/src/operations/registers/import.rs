//! A register from an XLSX or CSV file: each heading is matched to a field of the register
//! (its name or a usual alternative, full- or half-width), every row goes through the one
//! parser, and nothing is stored unless every row is good (operations.md §4, the asset
//! register's rule).

use mamori_domain::Lang;
use mamori_domain::operations::registers::{FieldSpec, MAX_ENTRIES, RegisterKind};
use mamori_storage::{Access, Store};
use mamori_workbook::{FileKind, Table, fold_heading, read_sheet};

use super::{RegisterDraft, RegisterInput};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// What is wrong with one cell of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row number the spreadsheet shows.
    pub row: usize,
    /// The column's heading as the file writes it.
    pub column: String,
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

/// The file read and every row checked; nothing stored.
#[derive(Debug, Clone)]
pub struct ImportCheck {
    /// The fields found, with the heading each was read from.
    pub mapped: Vec<(&'static FieldSpec, String)>,
    /// Headings no field answers to (their cells are not imported).
    pub ignored: Vec<String>,
    pub rows: Vec<RegisterDraft>,
    pub problems: Vec<RowProblem>,
}

impl ImportCheck {
    /// Every row is good and there is at least one.
    pub fn is_importable(&self) -> bool {
        self.problems.is_empty() && !self.rows.is_empty()
    }
}

fn matches(spec: &FieldSpec, heading: &str) -> bool {
    let h = fold_heading(heading);
    !h.is_empty()
        && std::iter::once(spec.ja)
            .chain(std::iter::once(spec.en))
            .chain(spec.aliases.iter().copied())
            .any(|name| fold_heading(name) == h)
}

/// Reads and checks a file for `kind`. A file that cannot be read at all is a problem of the
/// field `file`.
pub fn check_file(
    kind: RegisterKind,
    bytes: &[u8],
    file_kind: FileKind,
) -> Result<ImportCheck, Vec<FieldProblem>> {
    let known = |h: &str| kind.fields().iter().any(|f| matches(f, h));
    let table = read_sheet(bytes, file_kind, kind.title(Lang::Ja), &known).map_err(|e| {
        vec![FieldProblem::new("file", e.message(Lang::Ja)).en(e.message(Lang::En))]
    })?;
    check_table(kind, &table)
}

fn check_table(kind: RegisterKind, table: &Table) -> Result<ImportCheck, Vec<FieldProblem>> {
    let mut columns: Vec<(usize, &'static FieldSpec)> = Vec::new();
    let mut mapped = Vec::new();
    let mut ignored = Vec::new();
    for (i, heading) in table.headings.iter().enumerate() {
        let field = kind
            .fields()
            .iter()
            .find(|f| matches(f, heading) && !columns.iter().any(|(_, g)| g.key == f.key));
        match field {
            Some(f) => {
                columns.push((i, f));
                mapped.push((f, heading.clone()));
            }
            None if !heading.trim().is_empty() => ignored.push(heading.clone()),
            None => {}
        }
    }
    let name = &kind.fields()[0];
    if !columns.iter().any(|(_, f)| f.key == name.key) {
        return Err(vec![
            FieldProblem::new(
                "file",
                format!(
                    "「{}」の列が見つかりません。1行目（見出し）に「{}」と書いた列を用意してください。",
                    name.ja, name.ja
                ),
            )
            .en(format!(
                "No “{}” column was found. Put a column headed “{}” in the header row.",
                name.en, name.en
            )),
        ]);
    }
    let data: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
        .collect();
    if data.len() > MAX_ENTRIES {
        return Err(vec![
            FieldProblem::new(
                "file",
                format!("1つの台帳に取り込めるのは{MAX_ENTRIES}行までです。"),
            )
            .en(format!("A register takes at most {MAX_ENTRIES} rows.")),
        ]);
    }
    let mut rows = Vec::with_capacity(data.len());
    let mut problems = Vec::new();
    for row in data {
        let input = RegisterInput {
            values: columns
                .iter()
                .map(|(i, f)| (f.key.to_owned(), row.cell(*i).display()))
                .collect(),
            assets: Vec::new(),
        };
        match RegisterDraft::parse(kind, &input) {
            Ok(d) => rows.push(d),
            Err(found) => {
                for p in found {
                    let column = columns
                        .iter()
                        .find(|(_, f)| f.key == p.field)
                        .map_or_else(|| p.field.clone(), |(i, _)| table.column_name(*i));
                    problems.push(RowProblem {
                        row: row.number,
                        column,
                        reason_en: p.message_en.clone().unwrap_or_else(|| p.message.clone()),
                        reason_ja: p.message,
                    });
                }
            }
        }
    }
    Ok(ImportCheck {
        mapped,
        ignored,
        rows,
        problems,
    })
}

/// Stores the checked rows, all or nothing: added to the register, or replacing it.
pub async fn import(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    rows: &[RegisterDraft],
    replace: bool,
) -> Result<(u64, u64), Error> {
    let scope = require(access, Need::EditCompany)?;
    let fields: Vec<_> = rows.iter().map(|r| r.fields().clone()).collect();
    Ok(store
        .import_register_entries(scope, kind, &fields, replace)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_with_usual_headings_is_read_and_its_bad_rows_are_named_by_row_and_column() {
        let csv = "機器管理表\n\
                   名称,ＯＳバージョン,EOSL,色\n\
                   営業用PC-01,Windows 11,2027/10/14,黒\n\
                   ,,,\n\
                   ファイルサーバー,Ubuntu 22.04,2027-02-30,白\n";
        let check = check_file(RegisterKind::Devices, csv.as_bytes(), FileKind::Csv).unwrap();
        assert_eq!(
            check.mapped.iter().map(|(f, _)| f.key).collect::<Vec<_>>(),
            ["name", "os", "eosl_on"]
        );
        assert_eq!(check.ignored, ["色"]);
        assert_eq!(check.rows.len(), 1);
        assert_eq!(check.rows[0].fields().value("eosl_on"), Some("2027-10-14"));
        assert_eq!(check.problems.len(), 1);
        assert_eq!(check.problems[0].row, 5);
        assert_eq!(check.problems[0].column, "EOSL");
        assert!(!check.is_importable());
    }

    #[test]
    fn a_file_without_a_name_column_is_refused_as_a_whole() {
        let csv = "OS,EOSL\nWindows 11,2027-10-14\n";
        let p = check_file(RegisterKind::Devices, csv.as_bytes(), FileKind::Csv).unwrap_err();
        assert_eq!(p[0].field, "file");
        assert!(p[0].message.contains("機器名"), "{}", p[0].message);
    }
}
