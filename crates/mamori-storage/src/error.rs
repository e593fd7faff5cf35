use thiserror::Error;

/// Storage failures. `NotFound` and `Conflict` are expected outcomes the web layer maps to 404 and
/// 409; `Database` is everything else and never reaches a client as text.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("not allowed for this role")]
    Forbidden,
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("the database schema is newer than this program (version {found}, known {known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("backup: {0}")]
    Backup(crate::backup::BackupProblem),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// True when the database refused the change because of a unique key.
    pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
        matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
    }
}
