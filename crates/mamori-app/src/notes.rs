//! The consultant's notes on a secondary diagnosis (傾向と対策 and 改善提案 per item). They are
//! written on the questionnaire with the answers, or later on the result page and through the
//! API: notes change no answer and no figure, and a consultant often writes them after scoring,
//! so they stay editable on a submitted assessment (the answers and the result do not).

use mamori_domain::{Catalog, ItemNote, Lang, NOTE_MAX_CHARS};
use mamori_storage::{Access, Assessment, AssessmentId, Store};
use serde_json::Value;

use crate::answers::catalog_of;
use crate::fields::{Check, Checked};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// The two notes of an item, as form fields and JSON keys name them, with their labels.
pub const KINDS: [(&str, &str, &str); 2] = [
    ("observation", "傾向と対策", "observations"),
    ("proposal", "改善提案", "improvement proposal"),
];

/// Checked notes of some items: each replaces what its item had (an empty text clears it); items
/// not given keep theirs. Made only by its parsers, so nothing unchecked is stored.
#[derive(Debug, Clone, Default)]
pub struct NoteChanges(Vec<ItemNote>);

impl NoteChanges {
    pub fn notes(&self) -> &[ItemNote] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Form fields `n:{item}:observation` and `n:{item}:proposal`; other fields are not ours and
    /// are left alone. Problems name the form field.
    pub fn of_fields(
        catalog: &Catalog,
        fields: &[(String, String)],
    ) -> Result<NoteChanges, Vec<FieldProblem>> {
        let mut reading = Reading::new(catalog);
        for (name, value) in fields {
            let Some(rest) = name.strip_prefix("n:") else {
                continue;
            };
            match rest.split_once(':') {
                Some((item, kind)) if reading.item(name, item) => {
                    reading.text(name, item, kind, Some(value));
                }
                Some(_) => {}
                None => refuse(&mut reading.check, name),
            }
        }
        reading.finish()
    }

    /// A JSON notes document, `{"R0": {"observation": "…", "proposal": "…"}}`: each item given
    /// replaces both its texts (one left out or `null` is cleared). Problems name the place in
    /// the document (`R0.proposal`), in document order.
    pub fn of_json(catalog: &Catalog, doc: &Value) -> Result<NoteChanges, Vec<FieldProblem>> {
        let mut reading = Reading::new(catalog);
        let Value::Object(items) = doc else {
            reading.check.problem(
                "(body)",
                "傾向と対策・改善提案は、設問IDごとのJSONオブジェクト（{\"R0\": {…}}）で送ってください。",
                "Send the notes as a JSON object by item id ({\"R0\": {…}}).",
            );
            return reading.finish();
        };
        for (item, value) in items {
            if !reading.item(item, item) {
                continue;
            }
            let Value::Object(kinds) = value else {
                reading.check.problem(
                    item,
                    format!(
                        "設問 {item} の傾向と対策・改善提案はJSONオブジェクトで送ってください。"
                    ),
                    format!("Send the notes of item {item} as a JSON object."),
                );
                continue;
            };
            // Both texts of every item given, so one left out is cleared like `null`.
            for (kind, _, _) in KINDS {
                reading.text(&format!("{item}.{kind}"), item, kind, Some(""));
            }
            for (kind, text) in kinds {
                let text = match text {
                    Value::String(s) => Some(s.as_str()),
                    Value::Null => Some(""),
                    _ => None,
                };
                reading.text(&format!("{item}.{kind}"), item, kind, text);
            }
        }
        reading.finish()
    }
}

/// The one check both sources go through, item by item and text by text.
struct Reading<'c> {
    catalog: &'c Catalog,
    check: Check,
    notes: Vec<ItemNote>,
}

impl<'c> Reading<'c> {
    fn new(catalog: &'c Catalog) -> Reading<'c> {
        Reading {
            catalog,
            check: Check::new(),
            notes: Vec::new(),
        }
    }

    /// Whether notes may be written on `item`; a problem at `field` otherwise.
    fn item(&mut self, field: &str, item: &str) -> bool {
        let c = self.catalog;
        if !c.takes_notes() {
            self.check.problem(
                field,
                format!(
                    "「{}」には傾向と対策・改善提案を書けません（二次診断だけです）。",
                    c.title.get(Lang::Ja)
                ),
                format!(
                    "“{}” takes no observations or proposals (only the secondary diagnosis does).",
                    c.title.get(Lang::En)
                ),
            );
            return false;
        }
        if c.item_position(item).is_none() {
            self.check.problem(
                field,
                format!("設問「{item}」はこの診断にありません。"),
                format!("There is no item “{item}” in this diagnosis."),
            );
            return false;
        }
        true
    }

    /// One text of an item; `None` when what was sent is not text at all.
    fn text(&mut self, field: &str, item: &str, kind: &str, text: Option<&str>) {
        let Some(&(_, ja, en)) = KINDS.iter().find(|(k, _, _)| *k == kind) else {
            refuse(&mut self.check, field);
            return;
        };
        let Some(text) = text else {
            self.check.problem(
                field,
                format!("設問 {item} の{ja}は文字列で送ってください。"),
                format!("Send the {en} of item {item} as text."),
            );
            return;
        };
        let (label, label_en) = (
            format!("設問 {item} の{ja}"),
            format!("{en} of item {item}"),
        );
        let text = match self.check.text(
            field,
            (label.as_str(), label_en.as_str()),
            text,
            NOTE_MAX_CHARS,
            true,
        ) {
            Checked::Given(t) => t,
            Checked::Empty => String::new(),
            Checked::Wrong => return,
        };
        let at = match self.notes.iter().position(|n| n.item == item) {
            Some(at) => at,
            None => {
                self.notes.push(ItemNote {
                    item: item.to_owned(),
                    ..ItemNote::default()
                });
                self.notes.len() - 1
            }
        };
        if kind == "observation" {
            self.notes[at].observation = text;
        } else {
            self.notes[at].proposal = text;
        }
    }

    fn finish(self) -> Result<NoteChanges, Vec<FieldProblem>> {
        self.check.finish(Some(self.notes)).map(NoteChanges)
    }
}

fn refuse(check: &mut Check, field: &str) {
    check.problem(
        field,
        "この項目は受け付けていません（observation か proposal です）。",
        "This field is not accepted (observation or proposal).",
    );
}

/// Saves notes on a draft or a submitted assessment (editors: consultants and the company's
/// own editors). Each item given replaces what it had; others keep theirs.
pub async fn save(
    store: &Store,
    access: &Access,
    id: AssessmentId,
    changes: &NoteChanges,
) -> Result<(), Error> {
    let scope = require(access, Need::Edit)?;
    Ok(store.save_notes(scope, id, &changes.0).await?)
}

/// Checks a notes document against the assessment's catalog and saves it: the API's write.
pub async fn save_json(
    store: &Store,
    access: &Access,
    current: &Assessment,
    doc: &Value,
) -> Result<(), Error> {
    require(access, Need::Edit)?;
    let catalog = catalog_of(current)?;
    let changes = NoteChanges::of_json(catalog, doc).map_err(Error::Invalid)?;
    save(store, access, current.summary.id, &changes).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> &'static Catalog {
        mamori_domain::builtin().get("employee-rules").unwrap()
    }

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn form_fields_become_notes_per_item_and_other_fields_are_left_alone() {
        let changes = NoteChanges::of_fields(
            rules(),
            &posted(&[
                ("csrf", "x"),
                ("a:R1:rule", "yes"),
                ("n:R1:observation", " 更新が手作業 "),
                ("n:R1:proposal", ""),
            ]),
        )
        .unwrap();
        assert_eq!(
            changes.notes(),
            [ItemNote {
                item: "R1".into(),
                observation: "更新が手作業".into(),
                proposal: String::new(),
            }]
        );
    }

    #[test]
    fn every_wrong_note_is_named_with_its_item_and_field() {
        let long = "あ".repeat(NOTE_MAX_CHARS + 1);
        let problems = NoteChanges::of_fields(
            rules(),
            &posted(&[
                ("n:R2:observation", &long),
                ("n:R77:proposal", "x"),
                ("n:R3:colour", "x"),
            ]),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["n:R2:observation", "n:R77:proposal", "n:R3:colour"]
        );
        assert_eq!(
            problems[0].message,
            "設問 R2 の傾向と対策は2000文字以内にしてください。"
        );
    }

    #[test]
    fn a_questionnaire_the_company_answers_itself_takes_no_notes() {
        let five = mamori_domain::builtin().get("five-principles").unwrap();
        let problems = NoteChanges::of_json(five, &json!({"1": {"observation": "x"}})).unwrap_err();
        assert_eq!(problems[0].field, "1");
        assert!(problems[0].message.contains("二次診断"));
        assert!(NoteChanges::of_fields(five, &posted(&[("a:1", "yes")])).is_ok());
    }

    #[test]
    fn a_json_item_replaces_both_texts_and_every_wrong_value_is_named_in_order() {
        let doc = json!({"R4": {"proposal": null}, "R5": {"observation": "公衆無線LAN"}});
        let changes = NoteChanges::of_json(rules(), &doc).unwrap();
        assert_eq!(
            changes.notes(),
            [
                ItemNote {
                    item: "R4".into(),
                    ..ItemNote::default()
                },
                ItemNote {
                    item: "R5".into(),
                    observation: "公衆無線LAN".into(),
                    proposal: String::new(),
                },
            ]
        );
        let wrong =
            NoteChanges::of_json(rules(), &json!({"R4": {"proposal": 3}, "R6": "x"})).unwrap_err();
        let fields: Vec<&str> = wrong.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["R4.proposal", "R6"]);
    }
}
