//! Fresh databases for tests: every test gets its own SQLite file or PostgreSQL database.
//!
//! PostgreSQL is found at `MAMORI_TEST_POSTGRES_URL` (default: the local server, user postgres).
//! When it cannot be reached the test prints that it was skipped, unless
//! `MAMORI_REQUIRE_POSTGRES=1` (set by `scripts/test`, so CI never skips silently): then it fails.

use std::sync::atomic::{AtomicU32, Ordering};

use sqlx::{Connection, Executor};

use crate::{Backend, Store, sqlite_url};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDatabase {
    pub url: String,
    pub backend: Backend,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<(String, String)>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn admin_url() -> String {
    std::env::var("MAMORI_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned())
}

impl TestDatabase {
    /// A fresh, empty (not yet migrated) database, or `None` when PostgreSQL is unreachable and
    /// not required.
    pub async fn new(backend: Backend) -> Option<TestDatabase> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = sqlite_url(&dir.path().join("mamori.db"));
                Some(TestDatabase {
                    url,
                    backend,
                    _dir: Some(dir),
                    pg_name: None,
                })
            }
            Backend::Postgres => {
                sqlx::any::install_default_drivers();
                let admin = admin_url();
                let mut conn = match sqlx::AnyConnection::connect(&admin).await {
                    Ok(c) => c,
                    Err(e) => {
                        if std::env::var("MAMORI_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                            panic!(
                                "PostgreSQL is required (MAMORI_REQUIRE_POSTGRES=1) but {admin} is unreachable: {e}"
                            );
                        }
                        eprintln!(
                            "SKIPPED: PostgreSQL at {admin} is unreachable ({e}); this test ran on SQLite only"
                        );
                        return None;
                    }
                };
                let name = format!(
                    "mamori_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    rand::random::<u32>()
                );
                conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .expect("create the test database");
                let _ = conn.close().await;
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                Some(TestDatabase {
                    url: format!("{base}/{name}"),
                    backend,
                    _dir: None,
                    pg_name: Some((admin.clone(), name)),
                })
            }
        }
    }

    pub async fn open(&self) -> Store {
        Store::open(&self.url)
            .await
            .expect("open the test database")
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin, name)) = self.pg_name.take() else {
            return;
        };
        // Drop runs outside any runtime we may block; a short-lived thread with its own does it.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin).await {
                    let _ = conn
                        .execute(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .await;
                    let _ = conn.close().await;
                }
            });
        })
        .join();
    }
}

/// Runs each listed test on SQLite and on PostgreSQL, each with a fresh migrated store (the
/// PostgreSQL half is skipped with a message when the server is unreachable and not required).
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($store:ident: Store) $body:block)*) => {
        mod sqlite {
            use super::*;
            $(#[tokio::test]
            async fn $name() {
                let db = $crate::testing::TestDatabase::new($crate::Backend::Sqlite).await.expect("sqlite");
                super::$name(db.open().await).await;
            })*
        }
        mod postgres {
            use super::*;
            $(#[tokio::test]
            async fn $name() {
                let Some(db) = $crate::testing::TestDatabase::new($crate::Backend::Postgres).await else { return };
                super::$name(db.open().await).await;
            })*
        }
        $(async fn $name($store: $crate::Store) $body)*
    };
}

/// A user named after the part of `email` before `@`, with a stand-in password hash.
pub async fn person(store: &Store, email: &str) -> crate::User {
    store
        .create_user(
            email,
            email.split('@').next().unwrap_or(email),
            Some("hash"),
            false,
        )
        .await
        .expect("a test user")
}
