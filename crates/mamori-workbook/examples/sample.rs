//! `cargo run -p mamori-workbook --example sample -- DIR` writes `register-ja.xlsx` and
//! `register-en.xlsx` (IPA's example rows with results) into DIR, for opening them in a
//! spreadsheet program.

use mamori_workbook::{Lang, RegisterRow, RowResult, export_xlsx};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let row =
        |category: &str, name: &str, note: &str, medium: &str, personal: &[&str], cia: [u8; 3]| {
            RegisterRow {
                business_category: category.into(),
                name: name.into(),
                note: note.into(),
                users: "総務部".into(),
                owner_department: "総務部".into(),
                medium: medium.into(),
                personal: personal.iter().map(|p| p.to_string()).collect(),
                c: cia[0],
                i: cia[1],
                a: cia[2],
                registered: Some("2016-07-01".into()),
                ..RegisterRow::default()
            }
        };
    let rows = vec![
        row(
            "人事",
            "社員名簿",
            "社員基本情報",
            "office_pc",
            &["personal"],
            [2, 0, 0],
        ),
        row(
            "人事",
            "健康診断の結果",
            "雇入時・定期健康診断",
            "paper",
            &["personal", "sensitive"],
            [2, 2, 1],
        ),
        row(
            "経理",
            "給与システムデータ",
            "源泉徴収票",
            "office_pc",
            &["my_number"],
            [2, 2, 1],
        ),
        row(
            "経理",
            "当社宛請求書",
            "原本（過去3年分）",
            "paper",
            &[],
            [1, 1, 1],
        ),
        row(
            "共通",
            "電子メールデータ",
            "Gmail に転送",
            "external_server",
            &["personal"],
            [2, 2, 2],
        ),
    ];
    let results: Vec<RowResult> = [
        (3, 2, 2, 4, "high"),
        (2, 2, 1, 2, "medium"),
        (3, 2, 2, 4, "high"),
        (2, 2, 1, 1, "medium"),
        (3, 2, 2, 4, "high"),
    ]
    .iter()
    .zip(&rows)
    .map(
        |(&(threat, vulnerability, likelihood, risk_value, level), r)| RowResult {
            importance: r.importance(),
            threat: Some(threat),
            vulnerability: Some(vulnerability),
            likelihood,
            risk_value,
            level: level.into(),
        },
    )
    .collect();
    for lang in [Lang::Ja, Lang::En] {
        let bytes = export_xlsx(&rows, Some(&results), lang).expect("export");
        let path = format!("{dir}/register-{}.xlsx", lang.code());
        std::fs::write(&path, bytes).expect("write");
        println!("{path}");
    }
}
