//! The sheets beside the register: the risk results (リスク値, レベル, 対応) and the code tables
//! that make the file explain itself.

use crate::codes::{CLASSIFICATION, Code, LIFECYCLE, MEDIA, PERSONAL};
use crate::export::{Formats, label, level_label, t};
use crate::layout::FIRST_DATA_ROW;
use crate::{Lang, RegisterRow, RowResult, WorkbookError};
use rust_xlsxwriter::{Worksheet, XlsxError};

fn header_row(
    sheet: &mut Worksheet,
    r: u32,
    headings: &[&str],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, h) in headings.iter().enumerate() {
        sheet.write_string_with_format(r, c as u16, *h, &f.header)?;
    }
    Ok(())
}

/// One row per register row: where it is, what it is, and its risk (リスク値, レベル, 対応).
pub(crate) fn results_sheet(
    sheet: &mut Worksheet,
    rows: &[RegisterRow],
    results: &[RowResult],
    lang: Lang,
    f: &Formats,
) -> Result<(), WorkbookError> {
    sheet.set_name(t(lang, "リスク評価結果", "Risk results"))?;
    sheet.write_string_with_format(0, 0, t(lang, "リスク評価結果", "Risk results"), &f.title)?;
    let headings: Vec<&str> = [
        ("台帳の行", "Register row"),
        ("業務分類", "Business category"),
        ("情報資産名称", "Information asset"),
        ("媒体・保存先", "Medium / location"),
        ("重要度", "Importance"),
        ("脅威の発生頻度", "Threat frequency"),
        ("脆弱性", "Vulnerability"),
        ("被害発生可能性", "Likelihood of damage"),
        ("リスク値", "Risk value"),
        ("レベル", "Level"),
        ("対応", "Action"),
    ]
    .iter()
    .map(|(ja, en)| t(lang, ja, en))
    .collect();
    header_row(sheet, 1, &headings, f)?;
    for (c, w) in [8, 12, 28, 14, 8, 10, 8, 10, 8, 10, 22]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, w)?;
    }
    for (i, (row, res)) in rows.iter().zip(results).enumerate() {
        let r = 2 + i as u32;
        let register_row = FIRST_DATA_ROW + i as u32 + 1;
        sheet.write_number_with_format(r, 0, register_row, &f.number)?;
        sheet.write_string_with_format(r, 1, &row.business_category, &f.text)?;
        sheet.write_string_with_format(r, 2, &row.name, &f.text)?;
        sheet.write_string_with_format(r, 3, label(MEDIA, &row.medium, lang), &f.text)?;
        let numbers = [
            Some(res.importance),
            res.threat,
            res.vulnerability,
            Some(res.likelihood),
            Some(res.risk_value),
        ];
        for (k, v) in numbers.into_iter().enumerate() {
            match v {
                Some(v) => sheet.write_number_with_format(r, 4 + k as u16, v, &f.number)?,
                None => sheet.write_blank(r, 4 + k as u16, &f.number)?,
            };
        }
        let (level, action) = level_label(&res.level, lang);
        sheet.write_string_with_format(r, 9, level, &f.number)?;
        sheet.write_string_with_format(r, 10, action, &f.text)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    Ok(())
}

type Entry = (String, &'static str, &'static str);

fn coded(table: &'static [Code]) -> Vec<Entry> {
    table
        .iter()
        .map(|c| (c.code.to_owned(), c.ja, c.en))
        .collect()
}

fn scale(entries: &[(u8, &'static str, &'static str)]) -> Vec<Entry> {
    entries
        .iter()
        .map(|(n, ja, en)| (n.to_string(), *ja, *en))
        .collect()
}

/// The code tables: every coded column's values in both languages, and the meaning of each level.
pub(crate) fn codes_sheet(
    sheet: &mut Worksheet,
    lang: Lang,
    f: &Formats,
) -> Result<(), WorkbookError> {
    sheet.set_name(t(lang, "コード表", "Codes"))?;
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 60)?;
    sheet.set_column_width(2, 60)?;
    let sections: Vec<(&str, Vec<Entry>)> = vec![
        (t(lang, "媒体・保存先", "Medium / location"), coded(MEDIA)),
        (
            t(
                lang,
                "個人情報の種類（該当する欄に「有」）",
                "Personal information kinds (\"有\" or Yes where it applies)",
            ),
            coded(PERSONAL),
        ),
        (
            t(
                lang,
                "機密性・完全性・可用性",
                "Confidentiality, integrity, availability",
            ),
            scale(&[
                (
                    2,
                    "法令で安全管理が求められる（個人情報、マイナンバーなど）、守秘義務の契約がある、または漏えい・改ざん・消失で顧客や事業に深刻な影響が出る",
                    "Protection required by law (personal data, My Number), a confidentiality contract, or serious harm to customers or the business if leaked, altered or lost",
                ),
                (
                    1,
                    "漏えい・改ざん・消失で事業に大きな影響が出る",
                    "Large impact on the business if leaked, altered or lost",
                ),
                (
                    0,
                    "漏えい・改ざん・消失しても事業にほとんど影響がない（公開情報など）",
                    "Almost no impact (public information, for example)",
                ),
            ]),
        ),
        (
            t(
                lang,
                "重要度（機密性・完全性・可用性の最大値。個人情報があれば 2）",
                "Importance (the highest rating; 2 with personal information)",
            ),
            scale(&[
                (
                    2,
                    "事故が起きると事業に深刻な影響がある",
                    "Grave impact on the business",
                ),
                (
                    1,
                    "事故が起きると事業に重大な影響がある",
                    "Serious impact on the business",
                ),
                (
                    0,
                    "事故が起きても事業に影響はない",
                    "No impact on the business",
                ),
            ]),
        ),
        (
            t(lang, "脅威の発生頻度", "Threat frequency"),
            scale(&[
                (
                    3,
                    "通常の状態で発生する（いつ発生してもおかしくない）",
                    "Occurs in normal conditions (could happen any time)",
                ),
                (
                    2,
                    "特定の状況で発生する（年に数回程度）",
                    "Occurs in specific situations (a few times a year)",
                ),
                (1, "通常の状態では発生しない", "Does not normally occur"),
            ]),
        ),
        (
            t(lang, "脆弱性", "Vulnerability"),
            scale(&[
                (3, "対策を実施していない", "No countermeasure in place"),
                (
                    2,
                    "部分的に対策を実施している",
                    "Countermeasures partly in place",
                ),
                (1, "対策を実施している", "Countermeasures in place"),
            ]),
        ),
        (
            t(
                lang,
                "被害発生可能性（脅威×脆弱性）",
                "Likelihood of damage (threat × vulnerability)",
            ),
            scale(&[
                (3, "可能性：高", "High"),
                (2, "可能性：中", "Medium"),
                (1, "可能性：低", "Low"),
            ]),
        ),
        (
            t(
                lang,
                "リスク値（重要度×被害発生可能性）",
                "Risk value (importance × likelihood)",
            ),
            vec![
                (
                    "4-6".to_owned(),
                    "リスク大：重点的に対策を実施",
                    "High: focus countermeasures here",
                ),
                (
                    "1-3".to_owned(),
                    "リスク中：対策を実施",
                    "Medium: implement countermeasures",
                ),
                (
                    "0".to_owned(),
                    "リスク小：現状維持",
                    "Low: keep the current state",
                ),
            ],
        ),
        (
            t(lang, "情報管理区分", "Classification"),
            coded(CLASSIFICATION),
        ),
        (
            t(lang, "ライフサイクル", "Lifecycle stage"),
            coded(LIFECYCLE),
        ),
    ];
    sheet.write_string_with_format(0, 0, t(lang, "コード表", "Codes"), &f.title)?;
    let mut r = 2;
    for (title, entries) in sections {
        sheet.write_string_with_format(r, 0, title, &f.title.clone().set_font_size(11))?;
        header_row(
            sheet,
            r + 1,
            &[t(lang, "コード", "Code"), "日本語", "English"],
            f,
        )?;
        r += 2;
        for (code, ja, en) in entries {
            sheet.write_string_with_format(r, 0, code, &f.number)?;
            sheet.write_string_with_format(r, 1, ja, &f.text)?;
            sheet.write_string_with_format(r, 2, en, &f.text)?;
            r += 1;
        }
        r += 1;
    }
    Ok(())
}
