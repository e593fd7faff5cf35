//! Mamori's use cases: one function per thing a person does, between the web (and the command
//! line) above and the store and the domain below.
//!
//! A use case takes input parsed once into types that carry their limits (an [`assets::AssetDraft`]
//! is the same whether the form, the API or an imported row gave it), asks [`guard`] whether the
//! person may do it, and calls the store (which writes the audit entry in the same transaction)
//! and the domain. Nothing here knows HTTP: pages and the API are adapters that extract, call one
//! use case and render.

pub mod accounts;
pub mod actions;
pub mod answers;
pub mod assets;
pub mod company;
pub mod consents;
pub mod csf;
mod error;
pub mod fields;
pub mod figures;
pub mod guard;
pub mod labels;
pub mod members;
pub mod notes;
pub mod operations;
pub mod passwords;
pub mod peers;
mod problem;
pub mod reports;
pub mod risk;
pub mod risk_data;
pub mod standing;

pub use error::Error;

/// Runs CPU-heavy work (reading or writing a workbook, later rendering a PDF) on the blocking
/// pool, so the async workers keep answering other requests meanwhile.
pub async fn off_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(Error::internal)
}
pub use problem::FieldProblem;
