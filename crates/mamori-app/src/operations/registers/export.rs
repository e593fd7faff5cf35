//! A register as a file: XLSX (dates as date cells, the header frozen) or CSV (with Excel's
//! byte order mark, or plain UTF-8). The columns are the register's fields in order, then what
//! Mamori works out (alerts, the cloud checklist result, the linked assets); an exported file
//! imports back unchanged, the worked-out columns being ignored on the way in.

use mamori_domain::Lang;
use mamori_domain::operations::registers::{FieldKind, RegisterKind};
use mamori_reports::{Bom, Table, table_csv};
use mamori_storage::{Access, Store};
use mamori_workbook::{ColumnKind, export_sheet};

use super::{RegisterView, list};
use crate::Error;

/// The file formats a register is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Csv(Bom),
}

/// A written register file.
#[derive(Debug, Clone)]
pub struct RegisterFile {
    pub bytes: Vec<u8>,
    /// ASCII, for the download's name: `register-devices_20261208.xlsx`.
    pub file_name: String,
    pub content_type: &'static str,
}

/// A column's heading, what it holds and its width in characters.
type Heading = (String, ColumnKind, u16);

/// Headings and rows of the register as a person reads them.
fn rows_of(
    view: &RegisterView,
    lang: Lang,
    names: &[(i64, String)],
) -> (Vec<Heading>, Vec<Vec<String>>) {
    let kind = view.kind;
    let mut headings: Vec<Heading> = kind
        .fields()
        .iter()
        .map(|f| {
            let (column, width) = match f.kind {
                FieldKind::Date => (ColumnKind::Date, 14),
                FieldKind::LongText(_) => (ColumnKind::Text, 40),
                _ => (ColumnKind::Text, 22),
            };
            (f.label(lang).to_owned(), column, width)
        })
        .collect();
    let t = |ja: &str, en: &str| match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => en.to_owned(),
    };
    if kind == RegisterKind::CloudServices {
        headings.push((
            t("チェックリストの結果", "Checklist result"),
            ColumnKind::Text,
            22,
        ));
    }
    headings.push((
        t("関連する情報資産", "Information assets"),
        ColumnKind::Text,
        30,
    ));
    headings.push((t("期限のお知らせ", "Alerts"), ColumnKind::Text, 30));
    let rows = view
        .entries
        .iter()
        .map(|v| {
            let e = &v.entry;
            let mut row: Vec<String> = kind
                .fields()
                .iter()
                .map(|f| {
                    let value = e.fields.value(f.key).unwrap_or("");
                    f.choice(value)
                        .map_or_else(|| value.to_owned(), |c| c.label(lang).to_owned())
                })
                .collect();
            if kind == RegisterKind::CloudServices {
                row.push(
                    view.checklist(e)
                        .map_or(String::new(), |c| match c.percent {
                            Some(p) => format!("{p:.1}%"),
                            None => String::new(),
                        }),
                );
            }
            let sep = match lang {
                Lang::Ja => "、",
                Lang::En => ", ",
            };
            row.push(
                e.fields
                    .assets
                    .iter()
                    .filter_map(|a| {
                        names
                            .iter()
                            .find(|(id, _)| *id == a.0)
                            .map(|(_, n)| n.as_str())
                    })
                    .collect::<Vec<_>>()
                    .join(sep),
            );
            row.push(
                v.alerts
                    .iter()
                    .map(|a| format!("{} {}", a.text(lang), a.on))
                    .collect::<Vec<_>>()
                    .join(sep),
            );
            row
        })
        .collect();
    (headings, rows)
}

/// Writes one register as a file, off the async workers.
pub async fn export(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    format: FileFormat,
    lang: Lang,
) -> Result<RegisterFile, Error> {
    let (view, assets) = tokio::try_join!(
        list(store, access, kind),
        crate::assets::list(store, access),
    )?;
    let names: Vec<(i64, String)> = assets
        .into_iter()
        .map(|a| (a.id.0, a.fields.name))
        .collect();
    let stamp = view.today.to_string().replace('-', "");
    let stem = format!("register-{}_{stamp}", kind.slug());
    crate::off_workers(move || {
        let (headings, rows) = rows_of(&view, lang, &names);
        match format {
            FileFormat::Xlsx => {
                let columns: Vec<(&str, ColumnKind, u16)> =
                    headings.iter().map(|(h, k, w)| (h.as_str(), *k, *w)).collect();
                let bytes = export_sheet(kind.title(lang), &columns, &rows)
                    .map_err(|e| Error::internal(e.to_string()))?;
                Ok(RegisterFile {
                    bytes,
                    file_name: format!("{stem}.xlsx"),
                    content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                })
            }
            FileFormat::Csv(bom) => {
                let table = Table {
                    name: kind.slug().to_owned(),
                    header: headings.into_iter().map(|(h, _, _)| h).collect(),
                    rows,
                    widths: Vec::new(),
                };
                let bytes = table_csv(&table, bom).map_err(|e| Error::internal(e.to_string()))?;
                Ok(RegisterFile {
                    bytes,
                    file_name: format!("{stem}.csv"),
                    content_type: "text/csv; charset=utf-8",
                })
            }
        }
    })
    .await?
}
