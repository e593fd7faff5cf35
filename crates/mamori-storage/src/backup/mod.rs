//! Backup and restore in a portable form: JSON Lines, one header line then one line per row,
//! every value an integer, a string or null. The same file restores into SQLite or PostgreSQL.
//!
//! A backup reads every table inside one read transaction, so it is a consistent snapshot while
//! the server keeps running. A restore checks the whole file before it writes anything and then
//! writes in one transaction: it either restores everything or changes nothing.
//!
//! Password links travel (hashed, as stored) so an invitation still works after a restore.
//! Sessions and sign-in failure counts are not kept ([`NOT_RESTORED`]): a restored system makes
//! everyone sign in again, and the operator is told so.

mod problem;
mod tables;

use std::io::{BufRead, Write};

use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;

use crate::migrate::latest_version;
use crate::{Backend, Result, Store, StoreError, Timestamp};
pub use problem::BackupProblem;
use tables::Kind::{Int, Text};
use tables::TABLES;

/// Tables emptied by a replacing restore but never backed up.
const EPHEMERAL: &[&str] = &["sessions", "login_failures"];

/// What a backup deliberately leaves out, for the restore's summary.
pub const NOT_RESTORED: &[&str] = EPHEMERAL;

/// Every table a backup carries, in the order it writes them.
pub fn backed_up_tables() -> Vec<&'static str> {
    TABLES.iter().map(|t| t.name).collect()
}

impl Store {
    /// The tables of the schema as the database lists them (the migration bookkeeping aside).
    pub async fn schema_tables(&self) -> Result<Vec<String>> {
        let sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name <> 'schema_migrations' ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' \
                 ORDER BY table_name"
            }
        };
        let rows = sqlx::query(sql).fetch_all(&self.read).await?;
        rows.iter()
            .map(|r| Ok(r.try_get::<String, _>("name")?))
            .collect()
    }
}

const FORMAT: &str = "mamori-backup";
const FORMAT_VERSION: i64 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: String,
    format_version: i64,
    schema_version: i64,
    created_at: Timestamp,
    source: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Line {
    table: String,
    row: Vec<Value>,
}

/// What a backup or restore did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, u64)>);

impl Counts {
    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, n)| n).sum()
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(t, n)| format!("{t} {n}")).collect();
        f.write_str(&parts.join(", "))
    }
}

impl Store {
    /// Writes a consistent snapshot of every table to `out`.
    pub async fn backup<W: Write>(&self, out: &mut W) -> Result<Counts> {
        let io = |e: std::io::Error| StoreError::Backup(BackupProblem::Write(e.to_string()));
        let mut tx = self.read.begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let schema_version: i64 =
            sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
        let header = Header {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            schema_version,
            created_at: Timestamp::now(),
            source: self.backend().name().into(),
        };
        serde_json::to_writer(&mut *out, &header)
            .map_err(|e| StoreError::Backup(BackupProblem::Write(e.to_string())))?;
        out.write_all(b"\n").map_err(io)?;
        let mut counts = Counts::default();
        for table in TABLES {
            let columns: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
            let order = match table.name {
                // Keyed by more than their first column.
                "risk_threats" => "org_id, medium, threat_kind",
                "risk_countermeasures" => "org_id, item_id",
                _ if table.serial => "id",
                _ => columns[0],
            };
            let query = sql!(
                "SELECT {} FROM {} ORDER BY {order}",
                columns.join(", "),
                table.name
            );
            let mut rows = sqlx::query(query).fetch(&mut *tx);
            let mut n = 0u64;
            while let Some(row) = rows.try_next().await? {
                let mut values = Vec::with_capacity(columns.len());
                for (i, (_, kind)) in table.columns.iter().enumerate() {
                    values.push(match kind {
                        Int => row
                            .try_get::<Option<i64>, _>(i)?
                            .map_or(Value::Null, Value::from),
                        Text => row
                            .try_get::<Option<String>, _>(i)?
                            .map_or(Value::Null, Value::from),
                    });
                }
                let line = Line {
                    table: table.name.into(),
                    row: values,
                };
                serde_json::to_writer(&mut *out, &line)
                    .map_err(|e| StoreError::Backup(BackupProblem::Write(e.to_string())))?;
                out.write_all(b"\n").map_err(io)?;
                n += 1;
            }
            counts.0.push((table.name, n));
        }
        drop(tx);
        out.flush().map_err(io)?;
        Ok(counts)
    }

    /// Restores a backup. Into an empty database unless `replace`, which first removes all data.
    pub async fn restore<R: BufRead>(&self, input: R, replace: bool) -> Result<Counts> {
        let parsed = parse(input)?;
        let mut tx = self.write.begin().await?;
        if replace {
            for name in EPHEMERAL
                .iter()
                .copied()
                .chain(TABLES.iter().rev().map(|t| t.name))
            {
                sqlx::query(sql!("DELETE FROM {name}"))
                    .execute(&mut *tx)
                    .await?;
            }
        } else {
            for name in ["users", "organisations"] {
                let n: i64 = sqlx::query(sql!("SELECT COUNT(*) FROM {name}"))
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get(0)?;
                if n > 0 {
                    return Err(StoreError::Backup(BackupProblem::TargetNotEmpty));
                }
            }
        }
        let mut counts = Counts::default();
        for (table, rows) in TABLES.iter().zip(&parsed) {
            // Batched so a large restore is a few thousand statements, not a million.
            let width = table.columns.len();
            for chunk in rows.chunks(200) {
                let mut text = format!(
                    "INSERT INTO {} ({}) VALUES ",
                    table.name,
                    table
                        .columns
                        .iter()
                        .map(|c| c.0)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                for r in 0..chunk.len() {
                    if r > 0 {
                        text.push_str(", ");
                    }
                    text.push('(');
                    for c in 0..width {
                        if c > 0 {
                            text.push_str(", ");
                        }
                        text.push_str(&format!("${}", r * width + c + 1));
                    }
                    text.push(')');
                }
                let mut query = sqlx::query(sqlx::AssertSqlSafe(text));
                for row in chunk {
                    for ((_, kind), value) in table.columns.iter().zip(row) {
                        query = match kind {
                            Int => query.bind(value.as_i64()),
                            Text => query.bind(value.as_str().map(str::to_owned)),
                        };
                    }
                }
                query.execute(&mut *tx).await?;
            }
            if table.serial && self.backend() == Backend::Postgres {
                sqlx::query(sql!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 1), \
                     MAX(id) IS NOT NULL) FROM {0}",
                    table.name
                ))
                .execute(&mut *tx)
                .await?;
            }
            counts.0.push((table.name, rows.len() as u64));
        }
        tx.commit().await?;
        self.access_cache.forget_all();
        Ok(counts)
    }
}

/// Reads and checks the whole file: header, known tables, right number and types of values.
fn parse<R: BufRead>(input: R) -> Result<Vec<Vec<Vec<Value>>>> {
    let bad = |p: BackupProblem| StoreError::Backup(p);
    let mut lines = input.lines();
    let first = lines
        .next()
        .ok_or(bad(BackupProblem::Empty))?
        .map_err(|e| {
            bad(BackupProblem::Unreadable {
                line: 1,
                detail: e.to_string(),
            })
        })?;
    let header = header(&first).map_err(bad)?;
    if header.format != FORMAT || header.format_version != FORMAT_VERSION {
        return Err(bad(BackupProblem::UnknownFormat {
            format: header.format,
            version: header.format_version,
        }));
    }
    if header.schema_version != latest_version() {
        return Err(bad(BackupProblem::SchemaMismatch {
            found: header.schema_version,
            expected: latest_version(),
        }));
    }
    let mut tables: Vec<Vec<Vec<Value>>> = TABLES.iter().map(|_| Vec::new()).collect();
    for (n, line) in lines.enumerate() {
        let line_no = n + 2;
        let line = line.map_err(|e| {
            bad(BackupProblem::Unreadable {
                line: line_no,
                detail: e.to_string(),
            })
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line)
            .map_err(|_| bad(BackupProblem::NotARow { line: line_no }))?;
        let index = TABLES
            .iter()
            .position(|t| t.name == parsed.table)
            .ok_or_else(|| {
                bad(BackupProblem::UnknownTable {
                    line: line_no,
                    table: parsed.table.clone(),
                })
            })?;
        let table = &TABLES[index];
        if parsed.row.len() != table.columns.len() {
            return Err(bad(BackupProblem::WrongWidth {
                line: line_no,
                table: table.name,
                found: parsed.row.len(),
                expected: table.columns.len(),
            }));
        }
        for ((column, kind), value) in table.columns.iter().zip(&parsed.row) {
            let fits = match kind {
                _ if value.is_null() => true,
                Int => value.is_i64(),
                Text => value.is_string(),
            };
            if !fits {
                return Err(bad(BackupProblem::WrongType {
                    line: line_no,
                    table: table.name,
                    column,
                }));
            }
        }
        tables[index].push(parsed.row);
    }
    Ok(tables)
}

/// The header line, naming every field that is missing or of the wrong kind.
fn header(line: &str) -> std::result::Result<Header, BackupProblem> {
    const FIELDS: [&str; 5] = [
        "format",
        "format_version",
        "schema_version",
        "created_at",
        "source",
    ];
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(line) else {
        return Err(BackupProblem::NotABackup);
    };
    let present = |f: &&str| fields.contains_key(*f);
    // A file with none of the header's fields is some other file (or a backup's row line).
    if !FIELDS.iter().any(present) {
        return Err(BackupProblem::NotABackup);
    }
    let missing: Vec<&'static str> = FIELDS.iter().filter(|f| !present(f)).copied().collect();
    if !missing.is_empty() {
        return Err(BackupProblem::MissingHeaderFields(missing));
    }
    let text = |f: &'static str| {
        fields[f]
            .as_str()
            .map(str::to_owned)
            .ok_or(BackupProblem::BadHeaderField(f))
    };
    let int = |f: &'static str| fields[f].as_i64().ok_or(BackupProblem::BadHeaderField(f));
    Ok(Header {
        format: text("format")?,
        format_version: int("format_version")?,
        schema_version: int("schema_version")?,
        created_at: Timestamp(int("created_at")?),
        source: text("source")?,
    })
}
