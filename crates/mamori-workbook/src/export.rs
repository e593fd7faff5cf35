//! The register as an XLSX workbook laid out like IPA's 情報資産管理台帳 (see `layout`), a
//! results sheet when results are given, and a code-table sheet so the file explains itself.

use crate::codes::{CLASSIFICATION, Code, LEVELS, LIFECYCLE, MEDIA, PERSONAL, by_code, flag_yes};
use crate::layout::{
    COLUMNS, Column, FIRST_DATA_ROW, Field, GROUP_ROW, GROUPS, HEADING_ROW, TITLE_ROW,
    export_column,
};
use crate::parse::parse_date;
use crate::{Lang, RegisterRow, RowResult, WorkbookError};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// Rows below the data that keep the drop-down lists, for rows the user adds in Excel.
const SPARE_ROWS: u32 = 500;
const FONT: &str = "Meiryo";

impl From<XlsxError> for WorkbookError {
    fn from(e: XlsxError) -> Self {
        WorkbookError::Write(e.to_string())
    }
}

pub(crate) fn t(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

pub(crate) struct Formats {
    pub(crate) title: Format,
    pub(crate) header: Format,
    pub(crate) text: Format,
    pub(crate) number: Format,
    pub(crate) date: Format,
    pub(crate) computed: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_charset(128);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base.set_bold().set_font_size(14),
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell.clone().set_text_wrap(),
            number: cell.clone().set_align(FormatAlign::Center),
            date: cell
                .clone()
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy/m/d"),
            computed: cell
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xF2F2F2)),
        }
    }
}

/// Writes the register. `results`, when given, has one entry per row, in the same order.
pub fn export_xlsx(
    rows: &[RegisterRow],
    results: Option<&[RowResult]>,
    lang: Lang,
) -> Result<Vec<u8>, WorkbookError> {
    if let Some(results) = results
        && results.len() != rows.len()
    {
        return Err(WorkbookError::ResultsMismatch {
            rows: rows.len(),
            results: results.len(),
        });
    }
    let formats = Formats::new();
    let mut workbook = Workbook::new();
    let default = Format::new()
        .set_font_name(FONT)
        .set_font_size(10)
        .set_font_charset(128);
    workbook.set_default_format(&default, 22, 64)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(t(lang, "情報資産管理台帳", "Information asset register"))
            .set_author("Mamori"),
    );
    register_sheet(workbook.add_worksheet(), rows, results, lang, &formats)?;
    if let Some(results) = results {
        crate::side_sheets::results_sheet(workbook.add_worksheet(), rows, results, lang, &formats)?;
    }
    crate::side_sheets::codes_sheet(workbook.add_worksheet(), lang, &formats)?;
    Ok(workbook.save_to_buffer()?)
}

pub(crate) fn label(table: &'static [Code], code: &str, lang: Lang) -> String {
    by_code(table, code).map_or_else(|| code.to_owned(), |c| c.label(lang).to_owned())
}

pub(crate) fn level_label(level: &str, lang: Lang) -> (String, String) {
    LEVELS
        .iter()
        .find(|l| l.0 == level)
        .map_or((level.to_owned(), String::new()), |l| match lang {
            Lang::Ja => (l.1.to_owned(), l.3.to_owned()),
            Lang::En => (l.2.to_owned(), l.4.to_owned()),
        })
}

fn register_sheet(
    sheet: &mut Worksheet,
    rows: &[RegisterRow],
    results: Option<&[RowResult]>,
    lang: Lang,
    f: &Formats,
) -> Result<(), WorkbookError> {
    sheet.set_name(t(lang, "情報資産管理台帳", "Asset register"))?;
    sheet.write_string_with_format(
        TITLE_ROW,
        0,
        t(lang, "情報資産管理台帳", "Information asset register"),
        &f.title,
    )?;
    sheet.set_row_height(TITLE_ROW, 24)?;
    for (first, last, ja, en) in GROUPS {
        sheet.merge_range(
            GROUP_ROW,
            first,
            GROUP_ROW,
            last,
            t(lang, ja, en),
            &f.header,
        )?;
    }
    for (c, column) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, column.width())?;
        if *column == Column::RiskLevel {
            continue;
        }
        if *column == Column::RiskValue {
            sheet.merge_range(
                HEADING_ROW,
                c,
                HEADING_ROW,
                c + 1,
                column.heading(lang),
                &f.header,
            )?;
        } else if GROUPS.iter().any(|g| (g.0..=g.1).contains(&c)) {
            sheet.write_string_with_format(HEADING_ROW, c, column.heading(lang), &f.header)?;
        } else {
            sheet.merge_range(
                GROUP_ROW,
                c,
                HEADING_ROW,
                c,
                column.heading(lang),
                &f.header,
            )?;
        }
    }
    sheet.set_row_height(HEADING_ROW, 45)?;
    for (i, row) in rows.iter().enumerate() {
        let result = results.map(|r| &r[i]);
        write_row(sheet, FIRST_DATA_ROW + i as u32, row, result, lang, f)?;
    }
    sheet.set_freeze_panes(FIRST_DATA_ROW, 2)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(GROUP_ROW, HEADING_ROW)?;
    validations(sheet, FIRST_DATA_ROW + rows.len() as u32 + SPARE_ROWS, lang)?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &RegisterRow,
    result: Option<&RowResult>,
    lang: Lang,
    f: &Formats,
) -> Result<(), WorkbookError> {
    let n = r + 1;
    for (c, column) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        let text = |s: &str| -> Option<String> { (!s.is_empty()).then(|| s.to_owned()) };
        let number = |v: Option<u8>| v.map(f64::from);
        let (value, fmt): (Option<String>, &Format) = match column {
            Column::Input(field) => match field {
                Field::BusinessCategory => (text(&row.business_category), &f.text),
                Field::Name => (text(&row.name), &f.text),
                Field::Note => (text(&row.note), &f.text),
                Field::Users => (text(&row.users), &f.text),
                Field::OwnerDepartment => (text(&row.owner_department), &f.text),
                Field::Medium => (text(&label(MEDIA, &row.medium, lang)), &f.text),
                Field::Personal | Field::Sensitive | Field::MyNumber => {
                    let k = [Field::Personal, Field::Sensitive, Field::MyNumber]
                        .iter()
                        .position(|x| x == field)
                        .unwrap_or(0);
                    let on = row.personal.iter().any(|p| p == PERSONAL[k].code);
                    (on.then(|| flag_yes(lang).to_owned()), &f.number)
                }
                Field::PersonalKinds => (None, &f.text),
                Field::C | Field::I | Field::A => {
                    let v = match field {
                        Field::C => row.c,
                        Field::I => row.i,
                        _ => row.a,
                    };
                    sheet.write_number_with_format(r, c, v, &f.number)?;
                    continue;
                }
                Field::Retention => (row.retention.clone(), &f.text),
                Field::Registered => {
                    let date = row.registered.as_deref().and_then(parse_date);
                    if let Some((y, m, d)) = date {
                        sheet.write_datetime_with_format(
                            r,
                            c,
                            ExcelDateTime::from_ymd(y, m, d)?,
                            &f.date,
                        )?;
                        continue;
                    }
                    (row.registered.clone(), &f.text)
                }
                Field::Persons => {
                    if let Some(p) = row.persons {
                        sheet.write_number_with_format(r, c, p as f64, &f.number)?;
                        continue;
                    }
                    (None, &f.number)
                }
                Field::Classification => (
                    row.classification
                        .as_deref()
                        .map(|x| label(CLASSIFICATION, x, lang)),
                    &f.text,
                ),
                Field::RiskOwner => (row.risk_owner.clone(), &f.text),
                Field::Lifecycle => (
                    row.lifecycle.as_deref().map(|x| label(LIFECYCLE, x, lang)),
                    &f.text,
                ),
            },
            Column::Importance => {
                let flags = format!("G{n}:I{n}");
                let formula = Formula::new(format!(
                    "=IF(COUNTIF({flags},\"{}\")+COUNTIF({flags},\"{}\")>0,2,MAX(J{n}:L{n}))",
                    flag_yes(Lang::Ja),
                    flag_yes(Lang::En)
                ))
                .set_result(row.importance().to_string());
                sheet.write_formula_with_format(r, c, formula, &f.computed)?;
                continue;
            }
            Column::Threat | Column::Vulnerability | Column::Likelihood | Column::RiskValue => {
                let v = result.and_then(|res| match column {
                    Column::Threat => number(res.threat),
                    Column::Vulnerability => number(res.vulnerability),
                    Column::Likelihood => number(Some(res.likelihood)),
                    _ => number(Some(res.risk_value)),
                });
                if let Some(v) = v {
                    sheet.write_number_with_format(r, c, v, &f.computed)?;
                    continue;
                }
                (None, &f.computed)
            }
            Column::RiskLevel => (
                result.map(|res| level_label(&res.level, lang).0),
                &f.computed,
            ),
        };
        match value {
            Some(v) => sheet.write_string_with_format(r, c, v, fmt)?,
            None => sheet.write_blank(r, c, fmt)?,
        };
    }
    Ok(())
}

fn list_validation(
    labels: impl Iterator<Item = &'static str>,
    title: &str,
    lang: Lang,
) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&labels.collect::<Vec<_>>())?
        .set_error_title(title)?
        .set_error_message(t(
            lang,
            "一覧から選んでください。",
            "Choose a value from the list.",
        ))
}

/// Drop-down lists for the coded columns, whole numbers for the ratings and the persons.
fn validations(sheet: &mut Worksheet, last: u32, lang: Lang) -> Result<(), WorkbookError> {
    let col = |field| export_column(field).unwrap_or(0);
    let mut add = |field: Field, dv: DataValidation| {
        sheet
            .add_data_validation(FIRST_DATA_ROW, col(field), last, col(field), &dv)
            .map(|_| ())
    };
    let medium = list_validation(
        MEDIA.iter().map(|m| m.label(lang)),
        Field::Medium.heading(lang),
        lang,
    )?;
    add(Field::Medium, medium)?;
    let flag = list_validation(
        [flag_yes(lang)].into_iter(),
        t(lang, "個人情報の種類", "Personal information"),
        lang,
    )?;
    for field in [Field::Personal, Field::Sensitive, Field::MyNumber] {
        add(field, flag.clone())?;
    }
    let rating = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(0, 2))
        .set_input_title(t(lang, "評価値 0〜2", "Rating 0-2"))?
        .set_input_message(t(
            lang,
            "2: 法令で安全管理が必要、守秘義務がある、または事故で顧客や事業に深刻な影響\n1: 事故で事業に大きな影響\n0: 事故が起きても事業にほとんど影響なし",
            "2: legally required protection, a confidentiality duty, or serious harm if it goes wrong\n1: large impact on the business\n0: almost no impact",
        ))?
        .set_error_message(t(lang, "0、1、2 のいずれかです。", "Enter 0, 1 or 2."))?;
    for field in [Field::C, Field::I, Field::A] {
        add(field, rating.clone())?;
    }
    let persons = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_message(t(
            lang,
            "0 以上の整数です。",
            "Enter a whole number, 0 or more.",
        ))?;
    add(Field::Persons, persons)?;
    let classification = list_validation(
        CLASSIFICATION.iter().map(|c| c.label(lang)),
        Field::Classification.heading(lang),
        lang,
    )?;
    add(Field::Classification, classification)?;
    let lifecycle = list_validation(
        LIFECYCLE.iter().map(|c| c.label(lang)),
        Field::Lifecycle.heading(lang),
        lang,
    )?;
    add(Field::Lifecycle, lifecycle)?;
    Ok(())
}
