//! The information-asset register (情報資産管理台帳, risk.md §1) as spreadsheet files.
//!
//! - [`export_xlsx`] writes the register laid out like IPA's risk analysis sheet (same column
//!   order and headings, C/I/A as numbers 0-2, 有 in the personal-information columns), with the
//!   risk results when the caller gives them, a results sheet and a code-table sheet.
//! - [`read_table`] reads an XLSX or CSV file (UTF-8, UTF-16 or Shift_JIS) into raw cells and finds the
//!   header row; [`guess_mapping`] maps columns to fields by heading, and the caller may change
//!   the mapping (the import preview); [`parse_rows`] turns the table into rows and lists every
//!   problem with its spreadsheet row, column and reason.
//!
//! Bytes in, bytes out: no file system, no database. Storing is the caller's business, and only
//! after the user confirmed a preview without problems.

mod codes;
mod export;
mod layout;
mod mapping;
mod parse;
mod read;
mod sheet;
mod side_sheets;

pub use codes::{
    CLASSIFICATION, Code, Codes, LEVELS, LIFECYCLE, MEDIA, PERSONAL, column_letter, fold,
    fold_heading,
};
pub use export::export_xlsx;
pub use layout::Field;
pub use mapping::{ColumnMapping, guess_mapping};
pub use parse::{ImportPreview, RowProblem, parse_rows};
pub use read::{Cell, FileKind, MAX_ROWS, Table, TableRow, read_table};
pub use sheet::{ColumnKind, export_sheet, read_sheet};

pub use mamori_domain::Lang;

/// One row of the register: one asset on one medium (risk.md §1). Importance is not stored; the
/// export computes it. Optional texts are `None`, never `Some("")`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisterRow {
    /// 業務分類
    pub business_category: String,
    /// 情報資産名称 (required)
    pub name: String,
    /// 備考
    pub note: String,
    /// 利用者範囲
    pub users: String,
    /// 管理部署
    pub owner_department: String,
    /// 媒体・保存先: a code of [`MEDIA`] ("office_pc"), as the risk catalog and storage use them.
    pub medium: String,
    /// 個人情報の種類: codes of [`PERSONAL`], in that table's order.
    pub personal: Vec<String>,
    /// Number of people whose data the asset holds.
    pub persons: Option<u64>,
    /// 情報管理区分: a code of [`CLASSIFICATION`].
    pub classification: Option<String>,
    /// リスク所有者
    pub risk_owner: Option<String>,
    /// 機密性 0-2
    pub c: u8,
    /// 完全性 0-2
    pub i: u8,
    /// 可用性 0-2
    pub a: u8,
    /// 保存期限: a date or a period as written ("5年").
    pub retention: Option<String>,
    /// 登録日, `YYYY-MM-DD`.
    pub registered: Option<String>,
    /// Lifecycle stage: a code of [`LIFECYCLE`].
    pub lifecycle: Option<String>,
}

impl RegisterRow {
    /// 重要度 = max(C, I, A), and 2 when the asset holds personal information (our rule,
    /// `mamori_domain::risk::importance`).
    pub fn importance(&self) -> u8 {
        use mamori_domain::risk::{PersonalData, Rating, importance};
        let personal: Vec<PersonalData> = self
            .personal
            .iter()
            .filter_map(|p| PersonalData::parse(p))
            .collect();
        match (
            Rating::new(self.c.into()),
            Rating::new(self.i.into()),
            Rating::new(self.a.into()),
        ) {
            (Some(c), Some(i), Some(a)) => importance(c, i, a, &personal).importance.get(),
            _ => self.c.max(self.i).max(self.a),
        }
    }
}

/// The risk figures of one row, as the domain computed them (`mamori_domain::risk::evaluate`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowResult {
    /// 重要度 0-2
    pub importance: u8,
    /// 脅威の発生頻度 1-3, when the medium's threats were rated.
    pub threat: Option<u8>,
    /// 脆弱性 1-3, when the countermeasure checklist was answered.
    pub vulnerability: Option<u8>,
    /// 被害発生可能性 1-3
    pub likelihood: u8,
    /// リスク値 0-6
    pub risk_value: u8,
    /// "high", "medium" or "low" (interfaces.md); another text is written as it is.
    pub level: String,
}

/// Why a file could not be written or read at all. Problems with single rows are not errors:
/// they are [`RowProblem`]s in the preview.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("the workbook could not be written: {0}")]
    Write(String),
    #[error("the results do not match the rows: {rows} rows, {results} results")]
    ResultsMismatch { rows: usize, results: usize },
    #[error("the file is not a readable XLSX workbook: {0}")]
    Xlsx(String),
    #[error("the file is not a readable CSV file: {0}")]
    Csv(String),
    /// The text is in none of the encodings a CSV file is read in (UTF-8, UTF-16 with its byte
    /// order mark, Shift_JIS); `euc_jp` when it reads as EUC-JP.
    #[error("the text of the CSV file is not UTF-8, UTF-16 or Shift_JIS")]
    Encoding { euc_jp: bool },
    #[error("the file holds no data")]
    Empty,
    #[error("the file has more than {MAX_ROWS} rows")]
    TooManyRows,
}

impl WorkbookError {
    /// A sentence for the person who uploaded the file.
    pub fn message(&self, lang: Lang) -> String {
        match (lang, self) {
            (_, WorkbookError::Encoding { euc_jp }) => encoding_message(lang, *euc_jp),
            (Lang::En, e) => {
                let mut s = e.to_string();
                if let Some(first) = s.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                s + "."
            }
            (Lang::Ja, WorkbookError::Write(_)) => "Excel ファイルを作成できませんでした。".into(),
            (Lang::Ja, WorkbookError::ResultsMismatch { .. }) => {
                "リスク評価の結果と台帳の行数が一致しません。".into()
            }
            (Lang::Ja, WorkbookError::Xlsx(_)) => {
                "Excel ファイル（.xlsx）として読み込めませんでした。".into()
            }
            (Lang::Ja, WorkbookError::Csv(_)) => "CSV ファイルとして読み込めませんでした。".into(),
            (Lang::Ja, WorkbookError::Empty) => "ファイルにデータがありません。".into(),
            (Lang::Ja, WorkbookError::TooManyRows) => {
                format!("行数が多すぎます（{MAX_ROWS} 行まで）。ファイルを分けてください。")
            }
        }
    }
}

/// Which encodings work and how to get one from Excel (what people in Japan save CSV with).
fn encoding_message(lang: Lang, euc_jp: bool) -> String {
    match lang {
        Lang::Ja => format!(
            "ファイルの文字コードを読み取れませんでした{}。取り込める CSV の文字コードは UTF-8・UTF-16・Shift_JIS です。\
             Excel でファイルを開き、「名前を付けて保存」で「CSV UTF-8 (コンマ区切り) (*.csv)」を選んで保存し直してから、もう一度選んでください。",
            if euc_jp {
                "（EUC-JP のようです）"
            } else {
                ""
            }
        ),
        Lang::En => format!(
            "The character encoding of the file could not be read{}. CSV files can be imported in UTF-8, UTF-16 or Shift_JIS. \
             Open the file in Excel, choose Save As, pick \"CSV UTF-8 (Comma delimited) (*.csv)\", save it and choose it again.",
            if euc_jp {
                " (it looks like EUC-JP)"
            } else {
                ""
            }
        ),
    }
}
