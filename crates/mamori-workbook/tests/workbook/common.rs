//! Sample registers and helpers shared by the tests.

use mamori_workbook::{
    FileKind, ImportPreview, MEDIA, RegisterRow, RowResult, guess_mapping, parse_rows, read_table,
};

fn row(category: &str, name: &str, medium: &str, cia: [u8; 3]) -> RegisterRow {
    RegisterRow {
        business_category: category.to_owned(),
        name: name.to_owned(),
        medium: medium.to_owned(),
        c: cia[0],
        i: cia[1],
        a: cia[2],
        ..RegisterRow::default()
    }
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

/// Rows in the manner of IPA's example sheet, plus every medium, every personal-information kind,
/// every classification and lifecycle stage, empty optionals and awkward text.
pub fn sample_rows() -> Vec<RegisterRow> {
    let mut rows = vec![
        RegisterRow {
            note: "社員の基本情報".into(),
            users: "人事部".into(),
            owner_department: "人事部".into(),
            personal: vec!["personal".into()],
            persons: Some(35),
            classification: some("secret"),
            risk_owner: some("人事部長"),
            registered: some("2016-07-01"),
            lifecycle: some("store"),
            ..row("人事", "社員名簿", "office_pc", [2, 0, 0])
        },
        RegisterRow {
            note: "雇入時・定期健康診断".into(),
            users: "人事部".into(),
            owner_department: "人事部".into(),
            personal: vec!["personal".into(), "sensitive".into()],
            retention: some("5年"),
            registered: some("2016-07-01"),
            ..row("人事", "健康診断の結果", "paper", [2, 2, 1])
        },
        RegisterRow {
            note: "税務署提出用の源泉徴収票".into(),
            users: "給与計算担当".into(),
            owner_department: "人事部".into(),
            personal: vec!["personal".into(), "sensitive".into(), "my_number".into()],
            persons: Some(0),
            retention: some("7年"),
            classification: some("top_secret"),
            lifecycle: some("create"),
            ..row("経理", "給与システムデータ", "internal_server", [2, 2, 1])
        },
        RegisterRow {
            note: "Gmail に転送, \"重要\"\n二行目もある".into(),
            users: "担当者".into(),
            owner_department: "総務部".into(),
            personal: vec!["my_number".into()],
            persons: Some(20_000),
            classification: some("internal"),
            retention: some("2030-03-31"),
            registered: some("2024-02-29"),
            lifecycle: some("share"),
            ..row("共通", "電子メールデータ", "external_server", [2, 2, 2])
        },
        RegisterRow {
            note: "=SUM(A1:A2) は数式ではなく文字".into(),
            classification: some("public"),
            lifecycle: some("dispose"),
            ..row("営業", "製品カタログ", "removable", [0, 1, 1])
        },
        RegisterRow {
            note: "123".into(),
            users: "全社".into(),
            lifecycle: some("use"),
            risk_owner: some("Sato (CISO)"),
            ..row("2024", "Customer list 顧客一覧", "mobile", [1, 0, 2])
        },
        RegisterRow {
            lifecycle: some("archive"),
            ..row("", "発注伝票", "internal_server", [1, 0, 0])
        },
    ];
    // Every medium at least once more, nothing optional set.
    for (k, m) in MEDIA.iter().enumerate() {
        rows.push(row("調達", &format!("委託先リスト {k}"), m.code, [0, 0, 0]));
    }
    rows
}

pub fn sample_results(rows: &[RegisterRow]) -> Vec<RowResult> {
    rows.iter()
        .enumerate()
        .map(|(k, r)| {
            let importance = r.importance();
            let likelihood = 1 + (k % 3) as u8;
            let risk_value = importance * likelihood;
            RowResult {
                importance,
                threat: (k % 4 != 0).then_some(3),
                vulnerability: Some(2),
                likelihood,
                risk_value,
                level: match risk_value {
                    4.. => "high",
                    1..=3 => "medium",
                    _ => "low",
                }
                .into(),
            }
        })
        .collect()
}

/// `rows` of one template, n of them, with varied values (for the large import).
pub fn many_rows(n: usize) -> Vec<RegisterRow> {
    let base = sample_rows();
    (0..n)
        .map(|k| {
            let mut r = base[k % base.len()].clone();
            r.name = format!("{} {k}", r.name);
            r
        })
        .collect()
}

/// Reads, guesses the mapping and parses, as the import preview does.
pub fn import(bytes: &[u8], kind: FileKind) -> ImportPreview {
    let table = read_table(bytes, kind).expect("the file is readable");
    let mapping = guess_mapping(&table);
    parse_rows(&table, &mapping)
}

/// Builds an XLSX file from rows of strings and numbers, for hand-made imports.
pub fn xlsx(rows: &[Vec<Value>]) -> Vec<u8> {
    xlsx_at(rows, 0, 0)
}

pub fn xlsx_at(rows: &[Vec<Value>], first_row: u32, first_col: u16) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            let (r, c) = (first_row + r as u32, first_col + c as u16);
            match v {
                Value::S("") => {}
                Value::S(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                Value::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

#[derive(Debug, Clone, Copy)]
pub enum Value {
    S(&'static str),
    N(f64),
}
