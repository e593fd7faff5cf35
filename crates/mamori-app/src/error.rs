//! The use cases' one error type. The web layer maps it to HTTP in one place; the binary to
//! exit statuses.

use mamori_storage::StoreError;

use crate::FieldProblem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not there, or not the asker's to see: the two are never told apart.
    #[error("not found")]
    NotFound,
    /// The asker may see this but not do that (a viewer writing, a member administering).
    #[error("forbidden")]
    Forbidden,
    /// A rule that depends on the stored state (`email`, `stale_revision`, …).
    #[error("conflict {0}")]
    Conflict(&'static str),
    /// Too many wrong passwords from this address or for this e-mail: try again later.
    #[error("too many attempts")]
    TooManyAttempts,
    /// Every problem with the input, each naming its field.
    #[error("invalid input")]
    Invalid(Vec<FieldProblem>),
    /// Anything else: logged with its source, never shown to the person.
    #[error("internal: {0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    pub fn internal(e: impl std::fmt::Display) -> Error {
        Error::Internal(e.to_string().into())
    }

    /// One problem with `field`, in Japanese and English.
    pub fn invalid(field: &str, ja: impl Into<String>, en: impl Into<String>) -> Error {
        Error::Invalid(vec![FieldProblem::new(field, ja).en(en)])
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Forbidden => Error::Forbidden,
            StoreError::Conflict(code) => Error::Conflict(code),
            other => Error::Internal(Box::new(other)),
        }
    }
}

impl From<Vec<FieldProblem>> for Error {
    fn from(problems: Vec<FieldProblem>) -> Error {
        Error::Invalid(problems)
    }
}
