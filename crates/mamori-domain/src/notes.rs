//! The consultant's notes on a secondary-diagnosis item (diagnostics.md §4): observations
//! (傾向と対策) and an improvement proposal (改善提案). They travel inside the item's answer object
//! of the answer file (interfaces.md: optional `"observation"` and `"proposal"`). They never change
//! a grade, so they are parsed beside the answers, not as part of them.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::catalog::Catalog;
use crate::problem::{InputProblem, ProblemKind, Subject};
use crate::raw::RawValue;

/// Each note is at most this many characters (Unicode scalar values), as the answer file's
/// contract says.
pub const NOTE_MAX_CHARS: usize = 2_000;

/// The keys an item's answer object may carry besides its viewpoints.
pub const NOTE_KEYS: [&str; 2] = ["observation", "proposal"];

/// One item's notes; an empty text is no note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ItemNote {
    pub item: String,
    pub observation: String,
    pub proposal: String,
}

impl ItemNote {
    pub fn is_empty(&self) -> bool {
        self.observation.is_empty() && self.proposal.is_empty()
    }
}

impl Catalog {
    /// Only the secondary diagnosis, which a consultant grades from four viewpoints on site,
    /// comes with the consultant's words per item; every other questionnaire is answered by the
    /// company itself, so a note there would be a key the file's reader does not expect.
    pub fn takes_notes(&self) -> bool {
        self.uses_viewpoints()
    }
}

/// Reads the note keys of one item's object (`fields`), listing what is wrong. `None` when the
/// object carries none of them. A note is trimmed; `null` is the same as no note.
pub(crate) fn note_of(
    item: &str,
    fields: &BTreeMap<String, RawValue>,
    path: &str,
    problems: &mut Vec<InputProblem>,
) -> Option<ItemNote> {
    if !NOTE_KEYS.iter().any(|k| fields.contains_key(*k)) {
        return None;
    }
    let mut text = |key: &str| -> String {
        match fields.get(key) {
            None | Some(RawValue::Null) => String::new(),
            Some(RawValue::Text(s)) => {
                let s = s.trim();
                if s.chars().count() > NOTE_MAX_CHARS {
                    problems.push(InputProblem::new(
                        format!("{path}.{key}"),
                        Some(Subject::item(item)),
                        ProblemKind::TooLong {
                            max: NOTE_MAX_CHARS,
                        },
                    ));
                }
                s.to_owned()
            }
            Some(_) => {
                problems.push(InputProblem::new(
                    format!("{path}.{key}"),
                    Some(Subject::item(item)),
                    ProblemKind::NotText,
                ));
                String::new()
            }
        }
    };
    let observation = text("observation");
    let proposal = text("proposal");
    Some(ItemNote {
        item: item.to_owned(),
        observation,
        proposal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::parse_submission;

    fn raw(v: serde_json::Value) -> RawValue {
        serde_json::from_value(v).unwrap()
    }

    fn rules() -> &'static Catalog {
        builtin().get("employee-rules").unwrap()
    }

    fn answered(extra: serde_json::Value) -> serde_json::Value {
        let mut answers = serde_json::Map::new();
        for n in 0..10 {
            answers.insert(
                format!("R{n}"),
                serde_json::json!({"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"}),
            );
        }
        if let serde_json::Value::Object(more) = extra {
            for (k, v) in more {
                let slot = answers[&k].as_object_mut().unwrap();
                slot.extend(v.as_object().unwrap().clone());
            }
        }
        serde_json::json!({"catalog": "employee-rules", "answers": answers})
    }

    #[test]
    fn an_answer_file_may_carry_an_observation_and_a_proposal_per_item() {
        let doc = answered(serde_json::json!({
            "R3": {"observation": " 使い回しが多い ", "proposal": "管理ツールを導入する"}
        }));
        let s = parse_submission(rules(), &raw(doc)).unwrap();
        assert_eq!(
            s.notes,
            vec![ItemNote {
                item: "R3".into(),
                observation: "使い回しが多い".into(),
                proposal: "管理ツールを導入する".into(),
            }]
        );
    }

    #[test]
    fn a_note_that_is_too_long_or_not_text_is_named_with_its_item() {
        let doc = answered(serde_json::json!({
            "R1": {"observation": "あ".repeat(NOTE_MAX_CHARS + 1), "proposal": 3}
        }));
        let found = parse_submission(rules(), &raw(doc)).unwrap_err();
        let paths: Vec<_> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["answers.R1.observation", "answers.R1.proposal"]);
        assert!(matches!(found[0].kind, ProblemKind::TooLong { max: 2_000 }));
        let exactly = answered(serde_json::json!({
            "R1": {"observation": "あ".repeat(NOTE_MAX_CHARS)}
        }));
        assert!(parse_submission(rules(), &raw(exactly)).is_ok());
    }
}
