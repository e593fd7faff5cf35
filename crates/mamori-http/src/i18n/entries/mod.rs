//! English for the Japanese texts of the pages (see `i18n`). Keys are the Japanese exactly as
//! written in the templates and the code; keep the English plain and short, as the Japanese is.
//!
//! The table is kept in files by the part of the product the texts belong to.

mod diagnosis;
mod operations;
mod platform;
mod risk;

/// Every (Japanese, English) pair.
pub(super) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    [
        platform::ENTRIES,
        diagnosis::ENTRIES,
        risk::ENTRIES,
        operations::ENTRIES,
    ]
    .into_iter()
    .flatten()
    .copied()
}
