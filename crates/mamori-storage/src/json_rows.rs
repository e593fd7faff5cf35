//! Lists read as one JSON value. sqlx's SQLite driver runs each connection on its own thread and
//! hands every row to the async side separately; for a list of small rows those hand-offs (a
//! thread wake-up each) were most of an API request's cost (docs/performance.md, "The fixed
//! cost of an API request"). A list query therefore asks the database to build the whole list
//! as one JSON array, which crosses as one value, and its rows are read from that array by the
//! same code that reads a plain row ([`Columns`]).

use serde_json::{Map, Value};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Backend, Result, StoreError};

/// `SELECT` of one column `list`: the JSON array of `columns` of each row of `from` (a `FROM …
/// WHERE …` clause, or a subquery), in `order`. An empty result is `[]`.
pub(crate) fn list_sql(backend: Backend, columns: &str, from: &str, order: &str) -> String {
    let pairs = columns
        .split(',')
        .map(str::trim)
        .map(|c| format!("'{c}', {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    match backend {
        Backend::Sqlite => {
            format!("SELECT json_group_array(json_object({pairs}) ORDER BY {order}) AS list {from}")
        }
        Backend::Postgres => format!(
            "SELECT COALESCE(json_agg(json_build_object({pairs}) ORDER BY {order}), '[]'::json)::text \
             AS list {from}"
        ),
    }
}

/// The rows of a [`list_sql`] result.
pub(crate) fn rows_of(row: &AnyRow) -> Result<Vec<Map<String, Value>>> {
    let text: String = row.try_get("list")?;
    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt(format!("list: {e}")))
}

/// A row's columns by name, whether it came as a database row or inside a JSON list.
pub(crate) trait Columns {
    fn get<T: Column>(&self, name: &str) -> Result<T>;
}

/// A column type both kinds of row can give.
pub(crate) trait Column: Sized {
    fn from_row(row: &AnyRow, name: &str) -> Result<Self>;
    fn from_json(value: Option<&Value>, name: &str) -> Result<Self>;
}

impl Columns for AnyRow {
    fn get<T: Column>(&self, name: &str) -> Result<T> {
        T::from_row(self, name)
    }
}

impl Columns for Map<String, Value> {
    fn get<T: Column>(&self, name: &str) -> Result<T> {
        T::from_json(self.get(name), name)
    }
}

fn corrupt(name: &str, value: Option<&Value>) -> StoreError {
    StoreError::Corrupt(format!("{name}: {value:?}"))
}

impl Column for Option<i64> {
    fn from_row(row: &AnyRow, name: &str) -> Result<Self> {
        Ok(row.try_get(name)?)
    }

    fn from_json(value: Option<&Value>, name: &str) -> Result<Self> {
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(|| corrupt(name, value)),
            Some(_) => Err(corrupt(name, value)),
        }
    }
}

impl Column for i64 {
    fn from_row(row: &AnyRow, name: &str) -> Result<Self> {
        Ok(row.try_get(name)?)
    }

    fn from_json(value: Option<&Value>, name: &str) -> Result<Self> {
        Option::<i64>::from_json(value, name)?.ok_or_else(|| corrupt(name, value))
    }
}

impl Column for Option<String> {
    fn from_row(row: &AnyRow, name: &str) -> Result<Self> {
        Ok(row.try_get(name)?)
    }

    fn from_json(value: Option<&Value>, name: &str) -> Result<Self> {
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(corrupt(name, value)),
        }
    }
}

impl Column for String {
    fn from_row(row: &AnyRow, name: &str) -> Result<Self> {
        Ok(row.try_get(name)?)
    }

    fn from_json(value: Option<&Value>, name: &str) -> Result<Self> {
        Option::<String>::from_json(value, name)?.ok_or_else(|| corrupt(name, value))
    }
}
