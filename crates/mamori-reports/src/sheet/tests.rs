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
        notes: &submission.notes,
        peers: None,
        standing: None,
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

fn sheet_with_standing(lang: Lang) -> Report {
    use mamori_domain::journey::{Condition, Maturity, Missing, SecurityAction, Star};
    use mamori_domain::peers::{Bin, PeerComparison, PeerFigures, PeerScope};
    let catalog = builtin().get("self-check-25").expect("catalog");
    let doc: RawValue = serde_json::from_str(SELF_CHECK).expect("json");
    let submission = parse_submission(catalog, &doc).expect("valid answers");
    let result = score(catalog, &submission);
    let peers = PeerFigures {
        comparison: PeerComparison {
            scope: PeerScope::Size,
            count: 12,
            mean: 61.5,
            std_dev: 10.0,
            percentile: 80.0,
            deviation_value: 58.4,
            histogram: vec![
                Bin {
                    from: 0,
                    to: 49,
                    count: 3,
                    contains_subject: false,
                },
                Bin {
                    from: 50,
                    to: 79,
                    count: 7,
                    contains_subject: true,
                },
                Bin {
                    from: 80,
                    to: 100,
                    count: 2,
                    contains_subject: false,
                },
            ],
        },
        unit: 1,
        company: 70.0,
        desired: Some(80.0),
        areas: vec![("basic".to_owned(), Some(75.0), Some(60.0))],
    };
    let sa = SecurityAction {
        one_star: Star {
            ready: true,
            missing: Vec::new(),
        },
        two_stars: Star {
            ready: false,
            missing: vec![Missing::PolicyMissing],
        },
    };
    let maturity = Maturity {
        level: 2,
        next_level: Some(3),
        unmet: vec![Condition::PolicyApproved, Condition::RolesAssigned],
    };
    result_sheet(&SheetInput {
        catalog,
        submission: &submission,
        score: &result,
        company: Some("守り商事"),
        date: date!(2026 - 12 - 07),
        lang,
        notes: &[],
        peers: Some(&peers),
        standing: Some(Standing {
            security_action: &sa,
            maturity: &maturity,
        }),
    })
}

#[test]
fn the_sheet_compares_with_peers_and_says_the_stars_and_maturity_the_records_give() {
    let report = sheet_with_standing(Lang::Ja);
    assert_eq!(
        headings(&report),
        [
            "総合評価",
            "分野別の状況",
            "同じような企業との比較",
            "まず取り組むこと",
            "SECURITY ACTION と成熟度レベル",
            "未実施の項目とリスク"
        ]
    );
    let md = markdown(&report);
    for words in [
        "同じ規模の企業（12社）",
        "比較対象の平均**: 61\\.5",
        "上位 20%",
        "偏差値 58\\.4",
        "★ 一つ星**: 宣言できます",
        "★★ 二つ星**: まだです",
        "成熟度レベル**: 2 / 5",
        "レベル3に上がるために必要なこと",
        "2026年12月7日の時点",
    ] {
        assert!(md.contains(words), "{words}:\n{md}");
    }
    let by_area = report
        .tables()
        .find(|t| t.name == "peers-by-category")
        .expect("peer table");
    assert_eq!(by_area.rows[0][1..], ["75%", "60%"]);
    assert!(pdf(&report).is_ok());
    let en = markdown(&sheet_with_standing(Lang::En));
    assert!(
        en.contains("companies of the same size \\(12 companies\\)"),
        "{en}"
    );
    assert!(en.contains("To reach level 3"), "{en}");
}

/// Every item answered the same way, R3 and R7 with the consultant's notes as the answer file
/// carries them.
const RULES: &str = r#"{"catalog": "employee-rules", "answers": {
  "R0": {"rule": "yes", "adoption": "yes", "managed": "yes", "technical": "no"},
  "R1": {"rule": "yes", "adoption": "unknown", "managed": "no", "technical": "yes"},
  "R2": {"rule": "no", "adoption": "no", "managed": "no", "technical": "no"},
  "R3": {"rule": "yes", "adoption": "no", "managed": "no", "technical": "no",
         "observation": "同じパスワードを\n使い回している", "proposal": "パスワード管理ツールを導入する"},
  "R4": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"},
  "R5": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"},
  "R6": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"},
  "R7": {"rule": "no", "adoption": "yes", "managed": "no", "technical": "no",
         "proposal": "入退室の記録を付ける"},
  "R8": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"},
  "R9": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"}}}"#;

#[test]
fn the_secondary_diagnosis_sheet_prints_each_items_grade_with_the_consultants_notes() {
    let report = sheet("employee-rules", RULES, Some("株式会社まもり"), Lang::Ja);
    // Items answered from four viewpoints have no one answer: the table gives their grade.
    let not_done = report
        .tables()
        .find(|t| t.name == "items-not-done")
        .expect("items not done");
    assert!(
        not_done.rows.iter().all(|r| r[2].starts_with("評価 ")),
        "{:?}",
        not_done.rows
    );
    assert!(headings(&report).contains(&"項目ごとの評価と所見"));
    let table = report
        .tables()
        .find(|t| t.name == "item-notes")
        .expect("notes table");
    assert_eq!(table.header, ["項目", "評価", "傾向と対策", "改善提案"]);
    assert_eq!(table.rows.len(), 10, "every item, with or without notes");
    let r3 = &table.rows[3];
    assert!(r3[0].starts_with("R3 "), "{r3:?}");
    assert_eq!(r3[1], "C", "a rule that is not followed");
    assert_eq!(r3[2], "同じパスワードを\n使い回している");
    assert_eq!(r3[3], "パスワード管理ツールを導入する");
    assert_eq!(table.rows[7][2], "—", "no observation written");
    assert_eq!(table.rows[7][3], "入退室の記録を付ける");
    assert_eq!(table.rows[0][1..], ["A", "—", "—"]);
    let md = markdown(&report);
    assert!(md.contains("パスワード管理ツールを導入する"), "{md}");
    let docx = crate::docx(&report).expect("the DOCX is written");
    assert!(docx.starts_with(b"PK"));
}

#[test]
fn notes_given_by_the_caller_are_printed_and_other_questionnaires_have_no_notes_section() {
    let catalog = builtin().get("employee-rules").expect("catalog");
    let doc: RawValue = serde_json::from_str(RULES).expect("json");
    let submission = parse_submission(catalog, &doc).expect("valid answers");
    let result = score(catalog, &submission);
    let stored = [ItemNote {
        item: "R9".into(),
        observation: "退職者の誓約書がない".into(),
        proposal: String::new(),
    }];
    let report = result_sheet(&SheetInput {
        catalog,
        submission: &submission,
        score: &result,
        company: None,
        date: date!(2026 - 12 - 07),
        lang: Lang::En,
        notes: &stored,
        peers: None,
        standing: None,
    });
    let table = report
        .tables()
        .find(|t| t.name == "item-notes")
        .expect("table");
    assert_eq!(table.header[2], "Observations");
    assert_eq!(table.rows[9][2], "退職者の誓約書がない");
    assert_eq!(
        table.rows[3][2], "—",
        "only the notes passed in are printed"
    );
    let self_check = sheet("self-check-25", SELF_CHECK, None, Lang::Ja);
    assert!(self_check.tables().all(|t| t.name != "item-notes"));
}
