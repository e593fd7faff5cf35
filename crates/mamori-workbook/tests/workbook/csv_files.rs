use crate::common::import;
use mamori_workbook::{Cell, FileKind, Lang, read_table};

const CSV: &str = "業務分類,情報資産名称,備考,利用者範囲,管理部署,媒体・保存先,個人情報,要配慮個人情報,特定個人情報,機密性,完全性,可用性,重要度,保存期限,登録日\n\
人事,社員名簿,社員基本情報,人事部,人事部,事務所PC,有,,,2,0,0,2,,2016/7/1\n\
経理,給与システムデータ,\"源泉徴収票, 税務署提出用\",給与計算担当,人事部,事務所ＰＣ,,,有,２,２,１,2,7年,2016/07/01\n\
,,,,,,,,,,,,,,\n\
経理,当社宛請求書,,総務部,総務部,書類,,,,1,1,1,1,,\n";

fn check(bytes: &[u8]) {
    let preview = import(bytes, FileKind::Csv);
    assert_eq!(preview.problems, vec![]);
    assert_eq!(preview.source_rows, vec![2, 3, 5]);
    assert_eq!(preview.blank_rows, 1);
    let r = &preview.rows;
    assert_eq!(r[0].name, "社員名簿");
    assert_eq!(r[0].medium, "office_pc");
    assert_eq!(r[0].personal, vec!["personal"]);
    assert_eq!((r[0].c, r[0].i, r[0].a), (2, 0, 0));
    assert_eq!(r[0].registered.as_deref(), Some("2016-07-01"));
    assert_eq!(r[1].note, "源泉徴収票, 税務署提出用");
    assert_eq!(r[1].medium, "office_pc", "full-width letters are read");
    assert_eq!(r[1].personal, vec!["my_number"]);
    assert_eq!(
        (r[1].c, r[1].i, r[1].a),
        (2, 2, 1),
        "full-width digits are read"
    );
    assert_eq!(r[1].retention.as_deref(), Some("7年"));
    assert_eq!(r[2].medium, "paper");
    assert_eq!(r[2].registered, None);
}

#[test]
fn a_utf8_csv_is_read_with_and_without_a_byte_order_mark() {
    check(CSV.as_bytes());
    let mut with_bom = vec![0xEF, 0xBB, 0xBF];
    with_bom.extend_from_slice(CSV.as_bytes());
    check(&with_bom);
}

#[test]
fn a_shift_jis_csv_as_excel_in_japan_saves_it_is_read() {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(CSV);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    check(&bytes);
}

#[test]
fn a_utf16_tab_separated_file_is_read() {
    let text = CSV.replace(',', "\t").replace(
        "\"源泉徴収票\t 税務署提出用\"",
        "\"源泉徴収票, 税務署提出用\"",
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    check(&bytes);
}

#[test]
fn csv_cells_are_trimmed_text() {
    let table = read_table(
        "情報資産名称,機密性\n  社員名簿　, 2 \n".as_bytes(),
        FileKind::Csv,
    )
    .unwrap();
    assert_eq!(
        table.rows[0].cells,
        vec![Cell::Text("社員名簿".into()), Cell::Text("2".into())]
    );
}

#[test]
fn a_file_that_is_neither_utf8_nor_shift_jis_is_refused_with_the_encodings_that_work() {
    let err = read_table(&[0x82, 0xA0, 0xFF, 0xFF, 0x0A], FileKind::Csv).unwrap_err();
    let ja = err.message(Lang::Ja);
    assert!(ja.contains("UTF-8・UTF-16・Shift_JIS"), "{ja}");
    assert!(!ja.contains("EUC-JP"), "{ja}");
}

#[test]
fn an_euc_jp_csv_is_refused_naming_its_encoding_and_how_to_save_one_that_works() {
    let (bytes, _, unmappable) = encoding_rs::EUC_JP.encode(CSV);
    assert!(!unmappable);
    let err = read_table(&bytes, FileKind::Csv).unwrap_err();
    let ja = err.message(Lang::Ja);
    assert!(ja.contains("EUC-JP のようです"), "{ja}");
    assert!(ja.contains("UTF-8・UTF-16・Shift_JIS"), "{ja}");
    assert!(ja.contains("「CSV UTF-8 (コンマ区切り) (*.csv)」"), "{ja}");
    let en = err.message(Lang::En);
    assert!(en.contains("looks like EUC-JP"), "{en}");
    assert!(en.contains("UTF-8, UTF-16 or Shift_JIS"), "{en}");
    assert!(en.contains("CSV UTF-8 (Comma delimited)"), "{en}");
}

#[test]
fn a_utf16_file_with_broken_text_is_refused_with_the_encodings_that_work() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend([0x00, 0xD8, 0x41, 0x00]);
    let err = read_table(&bytes, FileKind::Csv).unwrap_err();
    assert!(err.message(Lang::Ja).contains("UTF-8・UTF-16・Shift_JIS"));
}
