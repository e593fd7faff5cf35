//! Mamori's domain: catalogs as data, one scoring engine, the risk model and the results derived
//! from them. Pure functions over values: no IO, no async, no web or database types, so every
//! other layer (CLI, web, reports) gets the same figures from the same code.

pub mod answers;
pub mod catalog;
pub mod decimal;
pub mod improvement;
pub mod journey;
pub mod notes;
pub mod operations;
pub mod peers;
pub mod problem;
pub mod raw;
pub mod risk;
pub mod scoring;
pub mod text;

pub use answers::{Answer, AnswerSet, Submission, parse_submission};
pub use catalog::{Catalog, CatalogSet, builtin};
pub use notes::{ItemNote, NOTE_MAX_CHARS};
pub use problem::{InputProblem, ProblemKind, Subject};
pub use raw::RawValue;
pub use scoring::{Score, score};
pub use text::{Lang, Text};
