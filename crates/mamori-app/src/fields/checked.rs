//! What a check of an optional field found.

use mamori_storage::Patch;

/// The result of checking a field that may be left empty: empty, a value, or a mistake that the
/// check has already reported with its message (so the caller only has to stop using the field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked<T> {
    Empty,
    Given(T),
    Wrong,
}

/// The check found a mistake and reported it; the value cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused;

impl<T> Checked<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Checked<U> {
        match self {
            Checked::Empty => Checked::Empty,
            Checked::Given(v) => Checked::Given(f(v)),
            Checked::Wrong => Checked::Wrong,
        }
    }

    /// The value when one was given (neither empty nor wrong).
    pub fn given(self) -> Option<T> {
        match self {
            Checked::Given(v) => Some(v),
            Checked::Empty | Checked::Wrong => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Checked::Empty)
    }

    /// The field of a new record: empty or the value, or `Refused` after a mistake.
    pub fn optional(self) -> Result<Option<T>, Refused> {
        match self {
            Checked::Empty => Ok(None),
            Checked::Given(v) => Ok(Some(v)),
            Checked::Wrong => Err(Refused),
        }
    }

    /// The field as a change of a stored record: empty clears it, a value sets it. A mistake
    /// leaves it as it is: the problem was reported, so the whole change is refused anyway.
    pub fn patch(self) -> Patch<T> {
        match self {
            Checked::Empty => Patch::Clear,
            Checked::Given(v) => Patch::Set(v),
            Checked::Wrong => Patch::Keep,
        }
    }
}
