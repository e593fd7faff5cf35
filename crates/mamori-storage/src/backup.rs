//! Backup and restore in a portable form: JSON Lines, one header line then one line per row,
//! every value an integer, a string or null. The same file restores into SQLite or PostgreSQL.
//!
//! A backup reads every table inside one read transaction, so it is a consistent snapshot while
//! the server keeps running. A restore checks the whole file before it writes anything and then
//! writes in one transaction: it either restores everything or changes nothing.
//!
//! Sessions, one-time links and sign-in failures are not kept: they are short-lived, and a
//! restored system should make everyone sign in again.

use std::io::{BufRead, Write};

use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;

use crate::migrate::latest_version;
use crate::{Backend, Result, Store, StoreError, Timestamp};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
}
use Kind::{Int, Text};

struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
    /// Has a generated `id` whose sequence must move past restored ids (PostgreSQL).
    serial: bool,
}

/// In an order that satisfies the foreign keys.
const TABLES: &[Table] = &[
    Table {
        name: "organisations",
        columns: &[
            ("id", Int),
            ("kind", Text),
            ("name", Text),
            ("created_at", Int),
        ],
        serial: true,
    },
    Table {
        name: "users",
        columns: &[
            ("id", Int),
            ("email", Text),
            ("name", Text),
            ("password_hash", Text),
            ("site_admin", Int),
            ("created_at", Int),
        ],
        serial: true,
    },
    Table {
        name: "memberships",
        columns: &[
            ("org_id", Int),
            ("user_id", Int),
            ("role", Text),
            ("created_at", Int),
        ],
        serial: false,
    },
    Table {
        name: "company_profiles",
        columns: &[
            ("org_id", Int),
            ("industry", Text),
            ("employee_band", Text),
            ("employees", Int),
            ("prefecture", Text),
            ("city", Text),
            ("capital_yen", Int),
            ("parent_company", Text),
            ("supply_chain", Text),
            ("updated_at", Int),
            ("share_anonymously", Int),
        ],
        serial: false,
    },
    Table {
        name: "consents",
        columns: &[
            ("company_id", Int),
            ("support_id", Int),
            ("granted_by", Int),
            ("granted_at", Int),
        ],
        serial: false,
    },
    Table {
        name: "assessments",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("catalog_id", Text),
            ("catalog_version", Text),
            ("status", Text),
            ("targets", Text),
            ("result", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("submitted_by", Int),
            ("submitted_at", Int),
            ("revision", Int),
        ],
        serial: true,
    },
    Table {
        name: "actions",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("title", Text),
            ("source", Text),
            ("assessment_id", Int),
            ("catalog_id", Text),
            ("item_id", Text),
            ("priority", Int),
            ("owner", Text),
            ("due_date", Text),
            ("status", Text),
            ("cost_yen", Int),
            ("note", Text),
            ("created_by", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("completed_at", Int),
        ],
        serial: true,
    },
    Table {
        name: "answer_sets",
        columns: &[
            ("assessment_id", Int),
            ("position", Int),
            ("name", Text),
            ("answers", Text),
            ("updated_by", Int),
            ("updated_at", Int),
        ],
        serial: false,
    },
    Table {
        name: "csf_snapshots",
        columns: &[
            ("org_id", Int),
            ("cycle", Int),
            ("stage", Text),
            ("assessment_id", Int),
            ("set_by", Int),
            ("set_at", Int),
        ],
        serial: false,
    },
    Table {
        name: "risk_assets",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("business_category", Text),
            ("name", Text),
            ("note", Text),
            ("users", Text),
            ("owner_department", Text),
            ("medium", Text),
            ("personal", Text),
            ("persons", Int),
            ("classification", Text),
            ("risk_owner", Text),
            ("c", Int),
            ("i", Int),
            ("a", Int),
            ("retention", Text),
            ("registered", Text),
            ("lifecycle", Text),
            ("position", Int),
            ("created_by", Int),
            ("created_at", Int),
            ("updated_at", Int),
        ],
        serial: true,
    },
    Table {
        name: "risk_threats",
        columns: &[
            ("org_id", Int),
            ("medium", Text),
            ("threat_kind", Text),
            ("frequency", Int),
        ],
        serial: false,
    },
    Table {
        name: "risk_countermeasures",
        columns: &[
            ("org_id", Int),
            ("item_id", Text),
            ("answer", Int),
            ("note", Text),
        ],
        serial: false,
    },
    Table {
        name: "risk_treatments",
        columns: &[
            ("asset_id", Int),
            ("org_id", Int),
            ("option", Text),
            ("planned", Text),
            ("action_id", Int),
            ("owner", Text),
            ("due_date", Text),
            ("residual_risk", Int),
            ("approved_by", Text),
            ("approved_on", Text),
            ("updated_at", Int),
        ],
        serial: false,
    },
    Table {
        name: "risk_settings",
        columns: &[
            ("org_id", Int),
            ("acceptance_threshold", Int),
            ("compensation_per_person", Int),
            ("incident_cost_template", Text),
            ("updated_at", Int),
        ],
        serial: false,
    },
    Table {
        name: "risk_asset_history",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("asset_id", Int),
            ("actor_id", Int),
            ("actor", Text),
            ("at", Int),
            ("change", Text),
        ],
        serial: true,
    },
    Table {
        name: "risk_snapshots",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("title", Text),
            ("closed_at", Int),
            ("closed_by", Int),
            ("data", Text),
        ],
        serial: true,
    },
    Table {
        name: "api_tokens",
        columns: &[
            ("id", Int),
            ("user_id", Int),
            ("name", Text),
            ("token_hash", Text),
            ("created_at", Int),
            ("last_used_at", Int),
        ],
        serial: true,
    },
    Table {
        name: "audit_events",
        columns: &[
            ("id", Int),
            ("org_id", Int),
            ("actor_id", Int),
            ("actor", Text),
            ("action", Text),
            ("object_type", Text),
            ("object_id", Text),
            ("detail", Text),
            ("at", Int),
        ],
        serial: true,
    },
];

/// Tables emptied by a replacing restore but never backed up.
const EPHEMERAL: &[&str] = &["sessions", "password_links", "login_failures"];

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
        let io = |e: std::io::Error| StoreError::Backup(format!("cannot write the backup: {e}"));
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
        serde_json::to_writer(&mut *out, &header).map_err(|e| StoreError::Backup(e.to_string()))?;
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
                    .map_err(|e| StoreError::Backup(e.to_string()))?;
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
                    return Err(StoreError::Backup(
                        "the target database already holds data; restore into an empty database \
                         or pass --replace"
                            .into(),
                    ));
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
        Ok(counts)
    }
}

/// Reads and checks the whole file: header, known tables, right number and types of values.
fn parse<R: BufRead>(input: R) -> Result<Vec<Vec<Vec<Value>>>> {
    let bad = |line: usize, what: String| StoreError::Backup(format!("line {line}: {what}"));
    let mut lines = input.lines();
    let first = lines
        .next()
        .ok_or_else(|| StoreError::Backup("the file is empty".into()))?
        .map_err(|e| StoreError::Backup(format!("cannot read the file: {e}")))?;
    let header: Header = serde_json::from_str(&first)
        .map_err(|_| bad(1, "this is not a Mamori backup (no header)".into()))?;
    if header.format != FORMAT || header.format_version != FORMAT_VERSION {
        return Err(bad(
            1,
            format!(
                "unknown backup format {} version {}",
                header.format, header.format_version
            ),
        ));
    }
    if header.schema_version != latest_version() {
        return Err(bad(
            1,
            format!(
                "the backup has schema version {}, this program writes {}; restore it with the \
                 Mamori version that made it",
                header.schema_version,
                latest_version()
            ),
        ));
    }
    let mut tables: Vec<Vec<Vec<Value>>> = TABLES.iter().map(|_| Vec::new()).collect();
    for (n, line) in lines.enumerate() {
        let number = n + 2;
        let line = line.map_err(|e| bad(number, format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line =
            serde_json::from_str(&line).map_err(|e| bad(number, format!("not a row: {e}")))?;
        let index = TABLES
            .iter()
            .position(|t| t.name == parsed.table)
            .ok_or_else(|| bad(number, format!("unknown table {:?}", parsed.table)))?;
        let table = &TABLES[index];
        if parsed.row.len() != table.columns.len() {
            return Err(bad(
                number,
                format!(
                    "{} values for {}, expected {}",
                    parsed.row.len(),
                    table.name,
                    table.columns.len()
                ),
            ));
        }
        for ((column, kind), value) in table.columns.iter().zip(&parsed.row) {
            let fits = match kind {
                _ if value.is_null() => true,
                Int => value.is_i64(),
                Text => value.is_string(),
            };
            if !fits {
                return Err(bad(
                    number,
                    format!("{}.{column} has the wrong type", table.name),
                ));
            }
        }
        tables[index].push(parsed.row);
    }
    Ok(tables)
}
