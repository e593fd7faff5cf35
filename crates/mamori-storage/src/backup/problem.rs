//! What can be wrong with a backup file or a restore, worded for the operator in either language.

use mamori_domain::Lang;

/// Why a backup or restore stopped. Nothing has been written when a restore reports one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupProblem {
    /// The file has no lines at all.
    Empty,
    /// A line could not be read as text (not UTF-8, or the read failed).
    Unreadable {
        line: usize,
        detail: String,
    },
    /// The first line is not a header of any kind: some other file was given.
    NotABackup,
    /// The first line is a Mamori header without some of its fields.
    MissingHeaderFields(Vec<&'static str>),
    /// A header field holds the wrong kind of value.
    BadHeaderField(&'static str),
    /// Another format, or a format version this program does not read.
    UnknownFormat {
        format: String,
        version: i64,
    },
    /// Made by a Mamori with another database schema.
    SchemaMismatch {
        found: i64,
        expected: i64,
    },
    /// A line after the header is not `{"table": …, "row": […]}`.
    NotARow {
        line: usize,
    },
    UnknownTable {
        line: usize,
        table: String,
    },
    WrongWidth {
        line: usize,
        table: &'static str,
        found: usize,
        expected: usize,
    },
    WrongType {
        line: usize,
        table: &'static str,
        column: &'static str,
    },
    /// A restore without `--replace` found users or organisations in the target.
    TargetNotEmpty,
    /// Writing the backup failed.
    Write(String),
}

impl BackupProblem {
    pub fn message(&self, lang: Lang) -> String {
        use BackupProblem::*;
        match (self, lang) {
            (Empty, Lang::Ja) => "ファイルが空です。Mamori のバックアップファイルを指定してください。".into(),
            (Empty, Lang::En) => "the file is empty; give a Mamori backup file".into(),
            (Unreadable { line, detail }, Lang::Ja) => {
                format!("{line}行目を読めません（UTF-8 のテキストではないか、読み込みに失敗しました: {detail}）。")
            }
            (Unreadable { line, detail }, Lang::En) => {
                format!("line {line} cannot be read (not UTF-8 text, or the read failed: {detail})")
            }
            (NotABackup, Lang::Ja) => "Mamori のバックアップファイルではありません（1行目に見出しがありません）。`mamori backup` で書き出したファイルを指定してください。".into(),
            (NotABackup, Lang::En) => "this is not a Mamori backup (line 1 is not a backup header); give a file written by `mamori backup`".into(),
            (MissingHeaderFields(fields), Lang::Ja) => format!(
                "1行目の見出しに必要な項目がありません: {}。ファイルが途中で書き換えられたか、壊れています。",
                fields.join("、")
            ),
            (MissingHeaderFields(fields), Lang::En) => format!(
                "the header on line 1 lacks {}; the file was edited or is damaged",
                fields.join(", ")
            ),
            (BadHeaderField(field), Lang::Ja) => {
                format!("1行目の見出しの {field} の値の形式が正しくありません。")
            }
            (BadHeaderField(field), Lang::En) => {
                format!("the header on line 1 has a value of the wrong kind in {field}")
            }
            (UnknownFormat { format, version }, Lang::Ja) => format!(
                "このプログラムでは読めない形式です（{format} 版 {version}）。"
            ),
            (UnknownFormat { format, version }, Lang::En) => {
                format!("unknown backup format {format} version {version}")
            }
            (SchemaMismatch { found, expected }, Lang::Ja) => format!(
                "バックアップのデータベース構成は版 {found}、このプログラムは版 {expected} です。バックアップを作った版の Mamori で復元してください。"
            ),
            (SchemaMismatch { found, expected }, Lang::En) => format!(
                "the backup has schema version {found}, this program writes {expected}; restore it with the Mamori version that made it"
            ),
            (NotARow { line }, Lang::Ja) => format!(
                "{line}行目がデータの行として読めません（{{\"table\": 表の名前, \"row\": [値…]}} の形の JSON ではありません）。"
            ),
            (NotARow { line }, Lang::En) => format!(
                "line {line} is not a row (not JSON of the form {{\"table\": name, \"row\": [values…]}})"
            ),
            (UnknownTable { line, table }, Lang::Ja) => {
                format!("{line}行目: 知らない表 {table:?} の行です。")
            }
            (UnknownTable { line, table }, Lang::En) => {
                format!("line {line}: unknown table {table:?}")
            }
            (WrongWidth { line, table, found, expected }, Lang::Ja) => format!(
                "{line}行目: 表 {table} の行には値が {expected} 個必要ですが、{found} 個あります。"
            ),
            (WrongWidth { line, table, found, expected }, Lang::En) => {
                format!("line {line}: {found} values for {table}, expected {expected}")
            }
            (WrongType { line, table, column }, Lang::Ja) => {
                format!("{line}行目: {table}.{column} の値の形式が正しくありません。")
            }
            (WrongType { line, table, column }, Lang::En) => {
                format!("line {line}: {table}.{column} has the wrong type")
            }
            (TargetNotEmpty, Lang::Ja) => "復元先のデータベースにはすでにデータがあります。空のデータベースに復元するか、--replace を付けて置き換えてください。".into(),
            (TargetNotEmpty, Lang::En) => "the target database already holds data; restore into an empty database or pass --replace".into(),
            (Write(detail), Lang::Ja) => format!("バックアップを書き込めません（{detail}）。"),
            (Write(detail), Lang::En) => format!("cannot write the backup: {detail}"),
        }
    }
}

impl std::fmt::Display for BackupProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
