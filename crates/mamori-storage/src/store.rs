use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyPool, Executor};

use crate::{Result, StoreError, migrate};

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Milliseconds since the Unix epoch, UTC: how every backend stores a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    pub fn now() -> Timestamp {
        let ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Timestamp(ms)
    }

    pub fn plus(self, d: Duration) -> Timestamp {
        Timestamp(self.0 + d.as_millis() as i64)
    }

    pub fn minus(self, d: Duration) -> Timestamp {
        Timestamp(self.0 - d.as_millis() as i64)
    }
}

/// The database. Reads go to `read`; changes to `write`. On SQLite `write` holds a single
/// connection: SQLite takes one writer at a time anyway, and queueing in the pool is fairer and
/// faster than every writer sleeping in SQLite's busy handler. On PostgreSQL both are one pool.
#[derive(Clone)]
pub struct Store {
    pub(crate) read: AnyPool,
    pub(crate) write: AnyPool,
    backend: Backend,
    pub(crate) access_cache: std::sync::Arc<crate::access_cache::AccessCache>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.backend)
            .finish()
    }
}

/// The SQLite URL for a database file, with the characters URLs reserve escaped.
pub fn sqlite_url(path: &Path) -> String {
    let mut escaped = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' | ' ' => escaped.push_str(&format!("%{:02X}", c as u32)),
            c => escaped.push(c),
        }
    }
    format!("sqlite://{escaped}?mode=rwc")
}

impl Store {
    /// Opens (creating a SQLite file when needed) and migrates the database at `url`.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url, 16).await?;
        migrate::run(&store).await?;
        Ok(store)
    }

    /// Opens a SQLite database file, creating it when missing.
    pub async fn open_sqlite_file(path: &Path) -> Result<Store> {
        Store::open(&sqlite_url(path)).await
    }

    async fn connect(url: &str, max_connections: u32) -> Result<Store> {
        install_default_drivers();
        let backend = Backend::of_url(url).ok_or_else(|| {
            StoreError::Database(sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres://".into(),
            ))
        })?;
        match backend {
            Backend::Sqlite => {
                fn setup(
                    conn: &mut sqlx::AnyConnection,
                    _meta: sqlx::pool::PoolConnectionMetadata,
                ) -> std::pin::Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + '_>>
                {
                    Box::pin(async move {
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                             PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                        Ok(())
                    })
                }
                let write = AnyPoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(Duration::from_secs(30))
                    .test_before_acquire(false)
                    .after_connect(setup)
                    .connect(url)
                    .await?;
                write.execute("PRAGMA journal_mode = WAL;").await?;
                let read = AnyPoolOptions::new()
                    .max_connections(max_connections.clamp(1, 8))
                    .acquire_timeout(Duration::from_secs(30))
                    .test_before_acquire(false)
                    .after_connect(setup)
                    .connect(url)
                    .await?;
                Ok(Store {
                    read,
                    write,
                    backend,
                    access_cache: Default::default(),
                })
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(max_connections)
                    .acquire_timeout(Duration::from_secs(30))
                    .test_before_acquire(false)
                    .connect(url)
                    .await?;
                Ok(Store {
                    read: pool.clone(),
                    write: pool,
                    backend,
                    access_cache: Default::default(),
                })
            }
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers when the database does (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// Closes every connection (graceful shutdown; SQLite checkpoints its WAL).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}
