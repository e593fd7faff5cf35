use crate::common::{import, sample_results, sample_rows};
use mamori_workbook::{FileKind, Lang, WorkbookError, export_xlsx, read_table};

#[test]
fn an_exported_register_imports_back_to_exactly_the_same_rows() {
    let rows = sample_rows();
    let results = sample_results(&rows);
    for lang in [Lang::Ja, Lang::En] {
        for with_results in [false, true] {
            let bytes = export_xlsx(&rows, with_results.then_some(&results[..]), lang).unwrap();
            let preview = import(&bytes, FileKind::Xlsx);
            assert_eq!(preview.problems, vec![], "{lang:?}, results {with_results}");
            assert_eq!(preview.rows, rows, "{lang:?}, results {with_results}");
            assert_eq!(preview.blank_rows, 0);
            assert_eq!(
                preview.source_rows.first(),
                Some(&4),
                "data starts on row 4"
            );
            assert!(preview.is_importable());
        }
    }
}

#[test]
fn an_empty_register_exports_a_sheet_that_imports_as_no_rows() {
    let bytes = export_xlsx(&[], None, Lang::Ja).unwrap();
    let table = read_table(&bytes, FileKind::Xlsx).unwrap();
    assert_eq!(table.sheet.as_deref(), Some("情報資産管理台帳"));
    assert_eq!(table.header_row, 3);
    let preview = import(&bytes, FileKind::Xlsx);
    assert!(preview.rows.is_empty() && preview.problems.is_empty());
    assert!(!preview.is_importable(), "an import needs at least one row");
}

#[test]
fn results_that_do_not_match_the_rows_are_refused() {
    let rows = sample_rows();
    let results = sample_results(&rows[..2]);
    let err = export_xlsx(&rows, Some(&results), Lang::Ja).unwrap_err();
    assert!(matches!(
        err,
        WorkbookError::ResultsMismatch {
            rows: _,
            results: 2
        }
    ));
    assert!(err.message(Lang::Ja).contains("一致しません"));
}
