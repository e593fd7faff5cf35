use crate::common::{Value::*, import, xlsx_at};
use mamori_workbook::{Field, FileKind, guess_mapping, parse_rows, read_table};

#[test]
fn the_header_row_is_found_below_a_title_and_notes() {
    let csv = "情報資産管理台帳（2024年度）,,,,,,\n\
               作成: 総務部,,,,,,\n\
               ,,,,,,\n\
               業務 分類,情報資産名称,媒体／保存先,機密性（C）,完全性 (I),可用性【A】,登録日 ※西暦\n\
               人事,社員名簿,書類,2,2,2,2024-04-01\n";
    let table = read_table(csv.as_bytes(), FileKind::Csv).unwrap();
    assert_eq!(table.header_row, 4);
    let mapping = guess_mapping(&table);
    let expected = [
        (Field::BusinessCategory, 0),
        (Field::Name, 1),
        (Field::Medium, 2),
        (Field::C, 3),
        (Field::I, 4),
        (Field::A, 5),
        (Field::Registered, 6),
    ];
    assert_eq!(mapping.iter().collect::<Vec<_>>(), expected);
    let preview = parse_rows(&table, &mapping);
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.source_rows, vec![5]);
    assert_eq!(preview.rows[0].registered.as_deref(), Some("2024-04-01"));
}

#[test]
fn english_and_full_width_headings_are_recognised() {
    let csv = "Information asset,Medium / location,Ｃｏｎｆｉｄｅｎｔｉａｌｉｔｙ,Integrity,Availability,Personal information,My Number,Number of persons,Classification,Lifecycle stage\n\
               Customer list,Cloud,2,1,1,yes,,1200,Internal only,Use\n";
    let preview = import(csv.as_bytes(), FileKind::Csv);
    assert_eq!(preview.problems, vec![]);
    let r = &preview.rows[0];
    assert_eq!(r.medium, "external_server");
    assert_eq!(r.personal, vec!["personal"]);
    assert_eq!(r.persons, Some(1200));
    assert_eq!(r.classification.as_deref(), Some("internal"));
    assert_eq!(r.lifecycle.as_deref(), Some("use"));
}

#[test]
fn a_sheet_that_starts_lower_and_further_right_reports_the_rows_excel_shows() {
    // Headings on row 6 from column C, IPA's two header rows (a group row above).
    let rows = vec![
        vec![
            S("業務分類"),
            S("情報資産名称"),
            S("媒体・保存先"),
            S("個人情報の種類"),
            S(""),
            S(""),
            S("評価値"),
        ],
        vec![
            S(""),
            S(""),
            S(""),
            S("個人情報"),
            S("要配慮個人情報"),
            S("特定個人情報"),
            S("機密性"),
            S("完全性"),
            S("可用性"),
            S("重要度"),
        ],
        vec![
            S("人事"),
            S("社員名簿"),
            S("事務所PC"),
            S("有"),
            S(""),
            S(""),
            N(2.0),
            N(0.0),
            N(0.0),
            N(2.0),
        ],
        vec![
            S("人事"),
            S("健康診断の結果"),
            S("書類"),
            S(""),
            S("○"),
            S(""),
            N(2.0),
            N(5.0),
            N(1.0),
            N(2.0),
        ],
        // Below the data: a template row with only the computed 重要度 and a note far right.
        vec![
            S(""),
            S(""),
            S(""),
            S(""),
            S(""),
            S(""),
            S(""),
            S(""),
            S(""),
            N(0.0),
            S(""),
            S("記入例は削除してください"),
        ],
    ];
    let table = read_table(&xlsx_at(&rows, 4, 2), FileKind::Xlsx).unwrap();
    assert_eq!(table.header_row, 6);
    assert_eq!(
        table.headings[2], "業務分類",
        "the upper row names columns the lower leaves empty"
    );
    assert_eq!(table.headings[5], "個人情報");
    let preview = parse_rows(&table, &guess_mapping(&table));
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(preview.rows[0].personal, vec!["personal"]);
    assert_eq!(
        preview.blank_rows, 1,
        "computed columns and notes do not make a row"
    );
    let p = &preview.problems;
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(
        (p[0].row, p[0].column.as_str(), p[0].column_index),
        (8, "完全性", Some(9))
    );
}

#[test]
fn the_user_can_map_a_column_the_guess_missed() {
    let csv = "資料名,保管場所,機密性,完全性,可用性,メモ\n見積書,書類,1,1,0,取引先別\n";
    let table = read_table(csv.as_bytes(), FileKind::Csv).unwrap();
    let mut mapping = guess_mapping(&table);
    assert_eq!(mapping.get(Field::Name), None);
    assert_eq!(
        mapping.get(Field::Medium),
        Some(1),
        "保管場所 is a known variant"
    );
    assert_eq!(mapping.missing_required(), vec![Field::Name]);
    mapping.set(Field::parse("name").unwrap(), Some(0));
    mapping.set(Field::Note, Some(5));
    let preview = parse_rows(&table, &mapping);
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.rows[0].name, "見積書");
    assert_eq!(preview.rows[0].note, "取引先別");
    // Moving a field onto a column takes the column from the field that had it.
    mapping.set(Field::RiskOwner, Some(5));
    assert_eq!(
        (mapping.get(Field::Note), mapping.field_of(5)),
        (None, Some(Field::RiskOwner))
    );
}
