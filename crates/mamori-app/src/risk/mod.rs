//! The risk analysis's records besides the register (risk.md §2-5): threat ratings, the
//! countermeasure checklist, treatment decisions and the settings. Each has one parser, used by
//! its page and by the JSON API alike, and one use case per thing a person does with it.

pub mod countermeasures;
pub mod settings;
pub mod snapshots;
pub mod threats;
pub mod treatments;
pub mod views;

/// The longest one-line text of these records (a person's name, a cost item), in characters.
pub const SHORT_MAX: usize = 100;
/// The longest note or plan, in characters.
pub const NOTE_MAX: usize = 2000;
