use crate::common::{import, many_rows, sample_results};
use mamori_workbook::{FileKind, Lang, export_xlsx};
use std::time::Instant;

#[test]
fn an_import_of_ten_thousand_rows_works() {
    let rows = many_rows(10_000);
    let results = sample_results(&rows);
    let started = Instant::now();
    let bytes = export_xlsx(&rows, Some(&results), Lang::Ja).unwrap();
    let exported = started.elapsed();
    let started = Instant::now();
    let preview = import(&bytes, FileKind::Xlsx);
    let imported = started.elapsed();
    println!(
        "10,000 rows: export {exported:?} ({} KiB), read and parse {imported:?} (debug build; see benches/import.rs)",
        bytes.len() / 1024
    );
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.rows.len(), 10_000);
    assert_eq!(preview.rows, rows);
    assert_eq!(preview.source_rows.last(), Some(&10_003));
}
