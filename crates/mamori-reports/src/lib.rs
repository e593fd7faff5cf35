//! Mamori's report pipeline: a report is described once as a small document model ([`Report`])
//! and written as PDF (Typst as a library), DOCX (docx-rs), Markdown, print HTML, and its tables
//! as CSV and XLSX (rust_xlsxwriter).
//!
//! Pure: data in, bytes out. No file system, no clock, no async, no web or database types; the
//! only data it reads is what is compiled in (the Japanese font). The caller passes the date, so
//! the same input gives the same document.
//!
//! The sheets built on the model (`sheet`) take the domain's types, so the command line and the
//! web pages hand over the same sheet.

mod csv_out;
mod date;
mod docx;
mod font;
mod html;
mod markdown;
mod model;
mod pdf;
mod png;
pub mod sheet;
mod typst_markup;
mod xlsx;

pub use csv_out::{Bom, table_csv};
pub use date::long_date;
pub use docx::docx;
pub use html::html;
pub use markdown::markdown;
pub use model::{Block, Chart, Figure, Report, Table};
pub use pdf::pdf;
pub use typst_markup::typst_string;
pub use xlsx::xlsx;

/// Why a report could not be written. Every case is a fault of the program or its assets, not
/// of the reader's data: any text is escaped, so no company name can break a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Typst refused the generated markup (the messages are Typst's).
    #[error("typesetting failed: {}", .0.join("; "))]
    Typeset(Vec<String>),
    /// Typst laid the document out but could not write it as PDF.
    #[error("PDF export failed: {}", .0.join("; "))]
    PdfExport(Vec<String>),
    /// A chart's SVG could not be read or drawn as an image.
    #[error("chart {index} could not be drawn: {reason}")]
    Chart { index: usize, reason: String },
    /// docx-rs could not pack the document.
    #[error("DOCX packing failed: {0}")]
    Docx(String),
    /// The CSV writer failed (it writes to memory, so only on a bug).
    #[error("CSV writing failed: {0}")]
    Csv(String),
    /// The XLSX writer failed (also in memory, so only on a bug).
    #[error("XLSX writing failed: {0}")]
    Xlsx(String),
}
