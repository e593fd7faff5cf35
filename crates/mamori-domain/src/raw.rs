//! A format-neutral value tree for input documents (JSON from files and the API, later forms and
//! spreadsheets), so the domain can list every problem itself instead of stopping at the first
//! one a deserializer meets.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum RawValue {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<RawValue>),
    Object(BTreeMap<String, RawValue>),
}

impl RawValue {
    pub fn as_object(&self) -> Option<&BTreeMap<String, RawValue>> {
        match self {
            RawValue::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            RawValue::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            RawValue::Int(n) => Some(*n),
            _ => None,
        }
    }
}

impl fmt::Display for RawValue {
    /// Shown inside error messages, so long values are cut.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawValue::Null => f.write_str("null"),
            RawValue::Bool(b) => write!(f, "{b}"),
            RawValue::Int(n) => write!(f, "{n}"),
            RawValue::Float(x) => write!(f, "{x}"),
            RawValue::Text(s) => {
                let cut: String = s.chars().take(40).collect();
                let more = if cut.len() < s.len() { "…" } else { "" };
                write!(f, "\"{cut}{more}\"")
            }
            RawValue::List(_) => f.write_str("[…]"),
            RawValue::Object(_) => f.write_str("{…}"),
        }
    }
}
