//! Report downloads as the pages and the API both offer them: one query (`format`, `bom`,
//! `table`, `lang`) read in one place, and one way of sending the file.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use mamori_app::reports::{Download, Format, Request};
use mamori_domain::Lang;
use serde::Deserialize;

use crate::AppError;

/// What a report download asks for.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `pdf` (when absent), `docx`, `xlsx` or `csv`.
    pub format: Option<String>,
    /// For CSV: `true` starts the file with the UTF-8 byte order mark, so Excel reads the
    /// Japanese text correctly.
    pub bom: Option<String>,
    /// For CSV: the name of the report's table to write (the first when absent).
    pub table: Option<String>,
    /// `ja` (when absent) or `en`: the report's language.
    pub lang: Option<String>,
}

impl ReportQuery {
    /// The use case's request; `lang` is the page's language, which `lang=` overrides.
    pub fn request(&self, lang: Lang) -> Result<Request, AppError> {
        let mut problems = Vec::new();
        let bom = match self.bom.as_deref().map(str::trim) {
            None | Some("" | "0" | "false" | "off" | "no") => false,
            Some("1" | "true" | "on" | "yes") => true,
            Some(_) => {
                problems.push(
                    crate::FieldProblem::new("bom", "bom は true か false で指定してください")
                        .en("bom must be true or false"),
                );
                false
            }
        };
        let lang = match self.lang.as_deref().map(str::trim) {
            None | Some("") => lang,
            Some("ja") => Lang::Ja,
            Some("en") => Lang::En,
            Some(_) => {
                problems.push(
                    crate::FieldProblem::new("lang", "lang は ja か en で指定してください")
                        .en("lang must be ja or en"),
                );
                lang
            }
        };
        let format = match Format::parse(self.format.as_deref(), bom) {
            Ok(f) => Some(f),
            Err(mamori_app::Error::Invalid(p)) => {
                problems.extend(p);
                None
            }
            Err(e) => return Err(e.into()),
        };
        match format {
            Some(format) if problems.is_empty() => Ok(Request {
                format,
                table: self.table.clone(),
                lang,
                date: mamori_app::standing::today_in_japan(),
            }),
            _ => Err(AppError::Invalid(problems)),
        }
    }
}

/// The file as an attachment. Reports hold a company's own figures: no cache keeps them.
pub fn attachment(d: Download) -> Response {
    (
        [
            (header::CONTENT_TYPE, d.content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", d.file_name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        d.bytes,
    )
        .into_response()
}
