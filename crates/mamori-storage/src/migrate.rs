//! Embedded migrations. sqlx's migrator would need its macros and checksums per backend; ours is a
//! numbered list per backend applied in one transaction each, recorded in `schema_migrations`.

use sqlx::Row;

use crate::store::Timestamp;
use crate::{Backend, Result, Store, StoreError};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "platform",
        sqlite: include_str!("../migrations/sqlite/0001_platform.sql"),
        postgres: include_str!("../migrations/postgres/0001_platform.sql"),
    },
    Migration {
        version: 2,
        name: "actions",
        sqlite: include_str!("../migrations/sqlite/0002_actions.sql"),
        postgres: include_str!("../migrations/postgres/0002_actions.sql"),
    },
    Migration {
        version: 3,
        name: "profiles_and_peers",
        sqlite: include_str!("../migrations/sqlite/0003_profiles_and_peers.sql"),
        postgres: include_str!("../migrations/postgres/0003_profiles_and_peers.sql"),
    },
    Migration {
        version: 4,
        name: "risk",
        sqlite: include_str!("../migrations/sqlite/0004_risk.sql"),
        postgres: include_str!("../migrations/postgres/0004_risk.sql"),
    },
    Migration {
        version: 5,
        name: "support_codes",
        sqlite: include_str!("../migrations/sqlite/0005_support_codes.sql"),
        postgres: include_str!("../migrations/postgres/0005_support_codes.sql"),
    },
    Migration {
        version: 6,
        name: "csf_cycles",
        sqlite: include_str!("../migrations/sqlite/0006_csf_cycles.sql"),
        postgres: include_str!("../migrations/postgres/0006_csf_cycles.sql"),
    },
    Migration {
        version: 7,
        name: "assessment_notes",
        sqlite: include_str!("../migrations/sqlite/0007_assessment_notes.sql"),
        postgres: include_str!("../migrations/postgres/0007_assessment_notes.sql"),
    },
    Migration {
        version: 8,
        name: "security_roles",
        sqlite: include_str!("../migrations/sqlite/0008_security_roles.sql"),
        postgres: include_str!("../migrations/postgres/0008_security_roles.sql"),
    },
    Migration {
        version: 9,
        name: "incidents",
        sqlite: include_str!("../migrations/sqlite/0009_incidents.sql"),
        postgres: include_str!("../migrations/postgres/0009_incidents.sql"),
    },
    Migration {
        version: 10,
        name: "contacts",
        sqlite: include_str!("../migrations/sqlite/0010_contacts.sql"),
        postgres: include_str!("../migrations/postgres/0010_contacts.sql"),
    },
    Migration {
        version: 11,
        name: "disclosure_plan",
        sqlite: include_str!("../migrations/sqlite/0011_disclosure_plan.sql"),
        postgres: include_str!("../migrations/postgres/0011_disclosure_plan.sql"),
    },
    Migration {
        version: 12,
        name: "activities",
        sqlite: include_str!("../migrations/sqlite/0012_activities.sql"),
        postgres: include_str!("../migrations/postgres/0012_activities.sql"),
    },
    Migration {
        version: 13,
        name: "registers",
        sqlite: include_str!("../migrations/sqlite/0013_registers.sql"),
        postgres: include_str!("../migrations/postgres/0013_registers.sql"),
    },
    Migration {
        version: 14,
        name: "calendar_and_digest",
        sqlite: include_str!("../migrations/sqlite/0014_calendar_and_digest.sql"),
        postgres: include_str!("../migrations/postgres/0014_calendar_and_digest.sql"),
    },
    Migration {
        version: 15,
        name: "annual_plan",
        sqlite: include_str!("../migrations/sqlite/0015_annual_plan.sql"),
        postgres: include_str!("../migrations/postgres/0015_annual_plan.sql"),
    },
    Migration {
        version: 16,
        name: "education",
        sqlite: include_str!("../migrations/sqlite/0016_education.sql"),
        postgres: include_str!("../migrations/postgres/0016_education.sql"),
    },
];

/// The schema version this program writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub async fn run(store: &Store) -> Result<()> {
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (\
         version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )
    .execute(&store.write)
    .await?;
    let applied = current_version(store).await?;
    if applied > latest_version() {
        return Err(StoreError::SchemaTooNew {
            found: applied,
            known: latest_version(),
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > applied) {
        let mut tx = store.write.begin().await?;
        if store.backend() == Backend::Postgres {
            // Two servers starting at once must not both migrate.
            sqlx::query("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
            let again: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            if again >= m.version {
                continue;
            }
        }
        let sql = match store.backend() {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(Timestamp::now().0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
    }
    Ok(())
}

pub async fn current_version(store: &Store) -> Result<i64> {
    Ok(
        sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .fetch_one(&store.read)
            .await?
            .try_get(0)?,
    )
}
