use crate::common::{Value::*, import, xlsx};
use mamori_workbook::{FileKind, RowProblem};

const HEAD: [&str; 15] = [
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
    "保存期限",
    "登録日",
    "人数",
];

fn problem<'a>(problems: &'a [RowProblem], row: usize, column: &str) -> &'a RowProblem {
    problems
        .iter()
        .find(|p| p.row == row && p.column == column)
        .unwrap_or_else(|| panic!("no problem at row {row}, column {column}: {problems:#?}"))
}

#[test]
fn every_bad_row_is_named_with_its_row_number_column_and_reason() {
    let mut rows = vec![HEAD.iter().map(|h| S(h)).collect::<Vec<_>>()];
    let good = |name: &'static str| {
        vec![
            S("人事"),
            S(name),
            S(""),
            S(""),
            S(""),
            S("書類"),
            S(""),
            S(""),
            S(""),
            N(1.0),
            N(1.0),
            N(1.0),
            S(""),
            S("2024/4/1"),
            S(""),
        ]
    };
    let bad = |f: &dyn Fn(&mut Vec<crate::common::Value>)| {
        let mut r = good("台帳");
        f(&mut r);
        r
    };
    rows.push(bad(&|r| r[5] = S("金庫"))); // row 2: unknown medium
    rows.push(bad(&|r| r[1] = S(""))); // row 3: missing name
    rows.push(bad(&|r| r[9] = N(3.0))); // row 4: C=3
    rows.push(bad(&|r| r[10] = S("高"))); // row 5: text in a numeric cell
    rows.push(bad(&|r| r[6] = S("多分"))); // row 6: unknown flag
    rows.push(bad(&|r| r[13] = S("来年"))); // row 7: not a date
    rows.push(bad(&|r| r[14] = S("多数"))); // row 8: text for the number of persons
    rows.push(bad(&|r| {
        // row 9: four problems in one row, all listed
        r[1] = S("");
        r[5] = S("倉庫");
        r[9] = S("3");
        r[11] = N(1.5);
    }));
    rows.push(vec![]); // row 10: blank, skipped
    rows.push(good("正しい行")); // row 11
    rows.push(bad(&|r| r[9] = S(""))); // row 12: missing rating
    let preview = import(&xlsx(&rows), FileKind::Xlsx);
    let p = &preview.problems;

    assert!(problem(p, 2, "媒体・保存先").reason_ja.contains("「金庫」"));
    assert!(
        problem(p, 2, "媒体・保存先")
            .reason_en
            .contains("\"金庫\" is not a known medium")
    );
    assert!(
        problem(p, 3, "情報資産名称")
            .reason_ja
            .contains("入力されていません")
    );
    let c3 = problem(p, 4, "機密性");
    assert!(
        c3.reason_ja.contains("0、1、2") && c3.reason_ja.contains("3 と書かれています"),
        "{c3:?}"
    );
    assert_eq!(
        c3.reason_en,
        "Confidentiality must be 0, 1 or 2 (it says 3)."
    );
    assert_eq!(c3.column_index, Some(9));
    assert!(
        problem(p, 5, "完全性")
            .reason_ja
            .contains("「高」は数値ではありません")
    );
    assert!(problem(p, 6, "個人情報").reason_ja.contains("「多分」"));
    assert!(problem(p, 7, "登録日").reason_en.contains("not a date"));
    assert!(problem(p, 8, "人数").reason_ja.contains("「多数」"));
    let row9: Vec<&str> = p
        .iter()
        .filter(|x| x.row == 9)
        .map(|x| x.column.as_str())
        .collect();
    assert_eq!(
        row9,
        ["情報資産名称", "媒体・保存先", "機密性", "可用性"],
        "left to right"
    );
    assert!(problem(p, 9, "可用性").reason_en.contains("it says 1.5"));
    assert!(
        problem(p, 12, "機密性")
            .reason_ja
            .contains("入力されていません")
    );
    assert_eq!(p.len(), 12, "{p:#?}");
    assert!(p.iter().all(|x| x.row != 10 && x.row != 11));

    assert_eq!(preview.blank_rows, 1);
    assert_eq!(preview.source_rows, vec![11], "only the good row parses");
    assert_eq!(preview.rows[0].name, "正しい行");
    assert_eq!(preview.rows[0].registered.as_deref(), Some("2024-04-01"));
    assert!(
        !preview.is_importable(),
        "nothing is imported while a problem remains"
    );
}

#[test]
fn unknown_kinds_in_a_personal_information_list_are_named() {
    let csv = "情報資産名称,媒体,個人情報の種類,機密性,完全性,可用性\n\
               顧客台帳,社内サーバー,\"個人情報、マイナンバー\",2,2,2\n\
               取引先一覧,社内サーバー,個人情報・顧客情報,1,1,1\n\
               掲示物,書類,なし,0,0,0\n\
               健康診断,書類,\"Sensitive personal information; My Number information\",2,2,1\n";
    let preview = import(csv.as_bytes(), FileKind::Csv);
    assert_eq!(preview.problems.len(), 1, "{:#?}", preview.problems);
    let p = &preview.problems[0];
    assert_eq!((p.row, p.column.as_str()), (3, "個人情報の種類"));
    assert!(p.reason_ja.contains("「顧客情報」"));
    assert_eq!(preview.rows[0].personal, vec!["personal", "my_number"]);
    assert!(preview.rows[1].personal.is_empty());
    assert_eq!(preview.rows[2].personal, vec!["sensitive", "my_number"]);
}

#[test]
fn a_file_without_a_required_column_says_which_column_is_missing() {
    let csv = "資料名,媒体・保存先,機密性,完全性,可用性\n社員名簿,書類,2,2,2\n";
    let preview = import(csv.as_bytes(), FileKind::Csv);
    assert_eq!(preview.problems.len(), 1);
    let p = &preview.problems[0];
    assert_eq!(
        (p.row, p.column.as_str(), p.column_index),
        (1, "情報資産名称", None)
    );
    assert!(p.reason_en.contains("choose it in the column mapping"));
    assert!(preview.rows.is_empty());
}
