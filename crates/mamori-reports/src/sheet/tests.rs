use super::*;
use crate::{Bom, markdown, pdf, table_csv};
use mamori_domain::{RawValue, builtin, parse_submission, score};
use time::macros::date;

fn sheet(catalog_id: &str, answers: &str, company: Option<&str>, lang: Lang) -> Report {
    let catalog = builtin().get(catalog_id).expect("catalog");
    let doc: RawValue = serde_json::from_str(answers).expect("json");
    let submission = parse_submission(catalog, &doc).expect("valid answers");
    let result = score(catalog, &submission);
    result_sheet(&SheetInput {
        catalog,
        submission: &submission,
        score: &result,
        company,
        date: date!(2026 - 12 - 07),
        lang,
    })
}

const SELF_CHECK: &str = r#"{"catalog": "self-check-25", "answers": {"1": "done", "2": "done",
  "3": "partial", "4": "done", "5": "done", "6": "done", "7": "done", "8": "not_done", "9": "done",
  "10": "done", "11": "partial", "12": "done", "13": "done", "14": "done", "15": "done",
  "16": "done", "17": "done", "18": "done", "19": "done", "20": "done", "21": "unknown",
  "22": "done", "23": "done", "24": "not_done", "25": "done"}}"#;

fn headings(report: &Report) -> Vec<&str> {
    report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_self_check_sheet_has_the_sections_a_consultant_hands_over_in_japanese() {
    let report = sheet(
        "self-check-25",
        SELF_CHECK,
        Some("株式会社まもり"),
        Lang::Ja,
    );
    assert_eq!(report.title, "診断結果");
    assert_eq!(report.company, "株式会社まもり");
    assert_eq!(
        headings(&report),
        [
            "総合評価",
            "分野別の状況",
            "まず取り組むこと",
            "未実施の項目とリスク"
        ]
    );
    let md = markdown(&report);
    assert!(md.contains("- **合計点**: 83（100点満点）"), "{md}");
    assert!(md.contains("- **判定**: 一部不十分"), "{md}");
    assert!(md.contains("- 作成日: 2026年12月7日"), "{md}");
    assert!(report.blocks.iter().any(|b| matches!(b, Block::Chart(_))));
}

#[test]
fn the_items_not_done_come_with_their_risk_and_a_low_cost_countermeasure() {
    let report = sheet("self-check-25", SELF_CHECK, None, Lang::Ja);
    let table = report
        .tables()
        .find(|t| t.name == "items-not-done")
        .expect("items table");
    assert_eq!(table.header[3], "放置した場合のリスク");
    assert_eq!(table.header[4], "低コストでできる対策");
    // 3 and 11 partial, 8 and 24 not done, 21 unknown (found out first).
    assert_eq!(table.rows.len(), 5);
    assert!(table.rows[0][2].contains("まず確認"), "{:?}", table.rows[0]);
    assert!(
        table.rows.iter().all(|r| r[3] != "—" && r[4] != "—"),
        "{:?}",
        table.rows
    );
    assert_eq!(report.company, "（企業名の記入なし）");
}

#[test]
fn the_english_sheet_is_english_throughout() {
    let report = sheet("self-check-25", SELF_CHECK, Some("Mamori Ltd."), Lang::En);
    assert_eq!(
        headings(&report),
        [
            "Overall result",
            "By category",
            "What to do first",
            "Items not done and their risks"
        ]
    );
    let md = markdown(&report);
    assert!(md.contains("- Date: 7 December 2026"), "{md}");
    let japanese = md
        .chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    assert!(!japanese, "{md}");
}

#[test]
fn the_five_principles_sheet_says_whether_one_star_can_be_declared() {
    let answers = r#"{"catalog": "five-principles", "answers": {"1": "yes", "2": "yes", "3": "no", "4": "yes", "5": "yes"}}"#;
    let report = sheet("five-principles", answers, None, Lang::Ja);
    let md = markdown(&report);
    assert!(md.contains("- **実施している項目**: 4 / 5"), "{md}");
    assert!(md.contains("SECURITY ACTION ★一つ星**: まだです"), "{md}");
}

#[test]
fn the_primary_checklist_sheet_gives_the_grade_with_its_average() {
    let answers = r#"{"catalog": "primary-checklist", "answers": {"M1": 4, "M2": 3, "M3": 5,
      "M4": 2, "O1": 3, "O2": 2, "O3": 4, "O4": 3, "O5": 0, "O6": 0, "O7": 2, "S1": 3, "S2": 2,
      "S3": 4, "S4": 1, "S5": 3, "E1": 5, "E2": 4, "E3": 3, "E4": 2, "E5": 5, "E6": 4, "E7": 3,
      "E8": 2, "E9": 3}}"#;
    let report = sheet("primary-checklist", answers, None, Lang::Ja);
    let md = markdown(&report);
    assert!(md.contains("- **総合評価**: "), "{md}");
    assert!(md.contains("平均 "), "{md}");
    let by_category = report
        .tables()
        .find(|t| t.name == "by-category")
        .expect("table");
    assert_eq!(by_category.rows.len(), 4);
}

#[test]
fn every_table_of_the_sheet_exports_as_csv_for_excel() {
    let report = sheet("self-check-25", SELF_CHECK, None, Lang::Ja);
    for table in report.tables() {
        let bytes = table_csv(table, Bom::Excel).expect("csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    }
}

#[test]
fn a_company_name_full_of_typst_markup_typesets_as_plain_text() {
    let name =
        r#"#set page(width: 1cm) *太字* _斜体_ $x$ [リンク] <ラベル> @参照 `コード` \ " 株式会社"#;
    let report = sheet("self-check-25", SELF_CHECK, Some(name), Lang::Ja);
    let bytes = pdf(&report).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"));
}
