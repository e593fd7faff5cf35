//! A report's tables as CSV (RFC 4180), optionally with the UTF-8 byte order mark that makes
//! Excel read the file as UTF-8 instead of Shift_JIS.

use crate::Error;
use crate::model::Table;

/// Whether the file starts with a UTF-8 byte order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    /// For Excel, which otherwise reads Japanese text as mojibake.
    Excel,
    /// Plain UTF-8, for programs.
    None,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// One table as CSV: the header row, then the rows; line ends are CRLF as Excel writes them.
pub fn table_csv(table: &Table, bom: Bom) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    if bom == Bom::Excel {
        out.extend_from_slice(UTF8_BOM);
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(out);
    let fail = |e: csv::Error| Error::Csv(e.to_string());
    writer.write_record(&table.header).map_err(fail)?;
    for row in &table.rows {
        writer.write_record(row).map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Csv(e.error().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "items".to_owned(),
            header: vec!["項目".to_owned(), "状況".to_owned()],
            rows: vec![vec![
                "パスワード, 共有".to_owned(),
                "未実施\n要確認".to_owned(),
            ]],
            widths: Vec::new(),
        }
    }

    #[test]
    fn the_excel_variant_starts_with_the_utf8_byte_order_mark() {
        let bytes = table_csv(&table(), Bom::Excel).expect("csv");
        assert!(bytes.starts_with(UTF8_BOM));
        let plain = table_csv(&table(), Bom::None).expect("csv");
        assert!(!plain.starts_with(UTF8_BOM));
        assert_eq!(&bytes[3..], plain.as_slice());
    }

    #[test]
    fn cells_with_commas_and_line_breaks_are_quoted_and_read_back_equal() {
        let bytes = table_csv(&table(), Bom::None).expect("csv");
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(text.starts_with("項目,状況\r\n"));
        assert!(text.contains("\"パスワード, 共有\",\"未実施\n要確認\""));
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows, table().rows);
    }
}
