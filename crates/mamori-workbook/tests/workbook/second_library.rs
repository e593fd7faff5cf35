//! The exported workbook read by calamine on its own (not through our reader), and converted
//! by LibreOffice: the file must open without a repair prompt. LibreOffice is required when
//! `MAMORI_REQUIRE_REPORT_TOOLS=1` (as `scripts/test` sets, after `scripts/report-deps` installed
//! it); elsewhere a machine without it prints "skipped: …".

use crate::common::{sample_results, sample_rows};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use mamori_workbook::{Lang, export_xlsx};
use std::io::Cursor;
use std::path::PathBuf;
use std::process::Command;

const IPA_HEADINGS: [&str; 19] = [
    "業務分類",
    "情報資産名称",
    "備考",
    "利用者範囲",
    "管理部署",
    "媒体・保存先",
    "個人情報",
    "要配慮個人情報",
    "特定個人情報",
    "機密性",
    "完全性",
    "可用性",
    "重要度",
    "保存期限",
    "登録日",
    "脅威の発生頻度",
    "脆弱性",
    "被害発生可能性",
    "リスク値",
];

fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    range
        .get_value((row, col))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[test]
fn calamine_reads_the_exported_workbook_with_ipas_headings_and_values() {
    let rows = sample_rows();
    let results = sample_results(&rows);
    let bytes = export_xlsx(&rows, Some(&results), Lang::Ja).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["情報資産管理台帳", "リスク評価結果", "コード表"]
    );
    let sheet = book.worksheet_range("情報資産管理台帳").unwrap();
    assert_eq!(text(&sheet, 0, 0), "情報資産管理台帳");
    // Row 2: the groups; row 3: the headings; a column outside a group carries its heading on
    // row 2, merged down over row 3.
    assert_eq!(text(&sheet, 1, 6), "個人情報の種類");
    assert_eq!(text(&sheet, 1, 9), "評価値");
    assert_eq!(
        text(&sheet, 1, 15),
        "現状から想定されるリスク（入力不要・自動表示）"
    );
    let headings: Vec<String> = (0..19u32)
        .map(|c| {
            let lower = text(&sheet, 2, c);
            if lower.is_empty() {
                text(&sheet, 1, c)
            } else {
                lower
            }
        })
        .collect();
    assert_eq!(headings, IPA_HEADINGS);
    assert_eq!(
        (20..24u32).map(|c| text(&sheet, 2, c)).collect::<Vec<_>>(),
        ["人数", "情報管理区分", "リスク所有者", "ライフサイクル"]
    );
    book.load_merged_regions().unwrap();
    let merged: Vec<String> = book
        .merged_regions_by_sheet("情報資産管理台帳")
        .iter()
        .map(|(_, _, d)| format!("{:?}-{:?}", d.start, d.end))
        .collect();
    assert!(merged.contains(&"(1, 6)-(1, 8)".to_owned()), "{merged:?}");
    assert!(merged.contains(&"(1, 0)-(2, 0)".to_owned()), "{merged:?}");

    // The first row: 人事 / 社員名簿 / 事務所PC / 有 / 2 0 0 / importance 2 / 2016-07-01.
    let r = 3;
    assert_eq!(text(&sheet, r, 1), "社員名簿");
    assert_eq!(text(&sheet, r, 5), "事務所PC");
    assert_eq!(text(&sheet, r, 6), "有");
    assert_eq!(
        sheet.get_value((r, 7)),
        Some(&Data::Empty),
        "a blank flag cell"
    );
    for (col, v) in [(9, 2.0), (10, 0.0), (11, 0.0), (12, 2.0)] {
        assert_eq!(
            sheet.get_value((r, col)),
            Some(&Data::Float(v)),
            "column {col}"
        );
    }
    match sheet.get_value((r, 14)) {
        Some(Data::DateTime(d)) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            assert_eq!((y, m, day), (2016, 7, 1));
        }
        other => panic!("登録日 is a date cell: {other:?}"),
    }
    assert_eq!(
        sheet.get_value((r, 18)),
        Some(&Data::Float(f64::from(results[0].risk_value)))
    );
    assert_eq!(text(&sheet, r, 19), "リスク中");
    assert_eq!(sheet.get_value((r, 20)), Some(&Data::Float(35.0)));
    assert_eq!(text(&sheet, r, 21), "秘密");
    let formulas = book.worksheet_formula("情報資産管理台帳").unwrap();
    let importance = formulas.get_value((r, 12)).unwrap();
    assert!(importance.contains("MAX(J4:L4)"), "{importance}");

    let res = book.worksheet_range("リスク評価結果").unwrap();
    assert_eq!(text(&res, 1, 8), "リスク値");
    assert_eq!(text(&res, 1, 9), "レベル");
    assert_eq!(
        res.get_value((2, 0)),
        Some(&Data::Float(4.0)),
        "the register row"
    );
    let codes = book.worksheet_range("コード表").unwrap();
    let all: Vec<String> = codes.rows().flatten().map(|d| d.to_string()).collect();
    for code in [
        "office_pc",
        "my_number",
        "top_secret",
        "dispose",
        "可搬電子媒体",
    ] {
        assert!(all.iter().any(|c| c == code), "{code} in the code table");
    }
}

#[test]
fn the_english_workbook_has_english_headings() {
    let bytes = export_xlsx(&sample_rows(), None, Lang::En).unwrap();
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), vec!["Asset register", "Codes"]);
    let sheet = book.worksheet_range("Asset register").unwrap();
    assert_eq!(text(&sheet, 1, 1), "Information asset");
    assert_eq!(text(&sheet, 2, 9), "Confidentiality");
    assert_eq!(text(&sheet, 3, 5), "Office PCs");
    assert_eq!(text(&sheet, 3, 6), "Yes");
}

fn libreoffice() -> Option<PathBuf> {
    ["/usr/bin/libreoffice", "/usr/bin/soffice"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn report_tools_required() -> bool {
    std::env::var("MAMORI_REQUIRE_REPORT_TOOLS").is_ok_and(|v| v == "1")
}

#[test]
fn libreoffice_converts_the_exported_workbook() {
    let Some(office) = libreoffice() else {
        assert!(
            !report_tools_required(),
            "LibreOffice is required (MAMORI_REQUIRE_REPORT_TOOLS=1) but neither /usr/bin/libreoffice nor /usr/bin/soffice exists; run scripts/report-deps"
        );
        println!(
            "skipped: LibreOffice is not installed (/usr/bin/libreoffice, /usr/bin/soffice); run scripts/report-deps"
        );
        return;
    };
    let rows = sample_rows();
    let bytes = export_xlsx(&rows, Some(&sample_results(&rows)), Lang::Ja).unwrap();
    let dir = std::env::temp_dir().join(format!("mamori-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("register.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let status = Command::new(office)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&file)
        .env("HOME", &dir)
        .status()
        .unwrap();
    let pdf = std::fs::metadata(dir.join("register.pdf"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(status.success(), "LibreOffice exited with {status}");
    assert!(pdf.unwrap().len() > 1000, "a PDF was written");
}
