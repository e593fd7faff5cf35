//! Helpers shared by the domain's integration tests.
#![allow(dead_code)]

use mamori_domain::{Catalog, RawValue, Submission, builtin, parse_submission};
use serde_json::{Value, json};

pub fn catalog(id: &str) -> &'static Catalog {
    builtin().get(id).unwrap_or_else(|| panic!("catalog {id}"))
}

pub fn submission(id: &str, doc: Value) -> Submission {
    let raw: RawValue = serde_json::from_value(doc).expect("raw value");
    match parse_submission(catalog(id), &raw) {
        Ok(s) => s,
        Err(problems) => panic!("{problems:#?}"),
    }
}

/// Scores an answer document and returns the result as JSON, as programs see it.
pub fn score_json(id: &str, doc: Value) -> Value {
    let c = catalog(id);
    let s = submission(id, doc);
    serde_json::to_value(mamori_domain::score(c, &s)).unwrap()
}

/// Answers every item of a catalog with the values given in order (cycled if shorter).
pub fn answers(id: &str, values: &[Value]) -> Value {
    let map: serde_json::Map<String, Value> = catalog(id)
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), values[i % values.len()].clone()))
        .collect();
    json!({ "catalog": id, "answers": map })
}

/// Self-check answers with the given counts of done/partial/not_done/unknown (in item order).
pub fn self_check(done: usize, partial: usize, unknown: usize) -> Value {
    let mut values = Vec::new();
    values.extend(std::iter::repeat_n(json!("done"), done));
    values.extend(std::iter::repeat_n(json!("partial"), partial));
    values.extend(std::iter::repeat_n(json!("unknown"), unknown));
    values.extend(std::iter::repeat_n(
        json!("not_done"),
        25 - done - partial - unknown,
    ));
    answers("self-check-25", &values)
}
