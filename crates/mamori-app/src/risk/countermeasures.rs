//! The countermeasure checklist (対策状況チェック, risk.md §3): an answer of 1-4 and a note per
//! countermeasure of the catalog. One parser for the checklist page and the JSON API; saving
//! replaces every answer (an item left out is unanswered, which counts as not done).

use std::collections::HashSet;

use mamori_domain::risk::builtin_catalog;
use mamori_storage::{Access, RiskAnswer, Store};

use super::NOTE_MAX;
use crate::fields::{Check, Checked};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// One answer as given. `None` is a field left out, read as empty.
#[derive(Debug, Clone, Default)]
pub struct AnswerFields {
    /// A countermeasure id of the catalog (`4-3`).
    pub item: Option<String>,
    /// 1 done, 2 partly, 3 not done or unknown, 4 not applicable.
    pub answer: Option<String>,
    pub note: Option<String>,
}

/// Answers that passed every check. Only [`Checklist::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist(Vec<RiskAnswer>);

impl Checklist {
    /// Every answer checked, or every problem at its place in the list (`[2].answer`).
    pub fn parse(input: &[AnswerFields]) -> Result<Checklist, Vec<FieldProblem>> {
        let catalog = builtin_catalog();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut c = Check::new();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (n, a) in input.iter().enumerate() {
            c.at(format!("[{n}]."));
            let item = match c.text(
                "item",
                ("対策の番号", "countermeasure id"),
                &text(&a.item),
                20,
                false,
            ) {
                Checked::Given(id) if catalog.countermeasure(&id).is_some() => Some(id),
                Checked::Given(id) => {
                    c.problem(
                        "item",
                        format!("対策状況チェックに「{id}」という対策はありません。"),
                        format!("The countermeasure checklist has no item “{id}”."),
                    );
                    None
                }
                Checked::Empty => {
                    c.problem(
                        "item",
                        "対策の番号を指定してください。",
                        "Give the countermeasure id.",
                    );
                    None
                }
                Checked::Wrong => None,
            };
            let answer = c.required_integer("answer", ("回答", "answer"), &text(&a.answer), 1..=4);
            let note = c.text("note", ("メモ", "note"), &text(&a.note), NOTE_MAX, true);
            let (Some(item), Some(answer), Ok(note)) = (item, answer, note.optional()) else {
                continue;
            };
            if !seen.insert(item.clone()) {
                c.problem(
                    "item",
                    format!("対策「{item}」の回答が二つあります。"),
                    format!("Countermeasure “{item}” is answered twice."),
                );
                continue;
            }
            out.push(RiskAnswer {
                item_id: item,
                answer,
                note,
            });
        }
        c.finish(Some(out)).map(Checklist)
    }

    pub fn answers(&self) -> &[RiskAnswer] {
        &self.0
    }
}

/// The answers as stored.
pub async fn list(store: &Store, access: &Access) -> Result<Vec<RiskAnswer>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_answers(scope).await?)
}

/// Replaces every answer; returns them as stored.
pub async fn save(
    store: &Store,
    access: &Access,
    checklist: &Checklist,
) -> Result<Vec<RiskAnswer>, Error> {
    let scope = require(access, Need::EditCompany)?;
    store.set_risk_answers(scope, checklist.answers()).await?;
    Ok(store.risk_answers(scope).await?)
}

/// Sets the answers given and keeps every other answer and every note as stored (the checklist
/// page sends answers only, never notes).
pub async fn answer(
    store: &Store,
    access: &Access,
    given: &Checklist,
) -> Result<Vec<RiskAnswer>, Error> {
    let scope = require(access, Need::EditCompany)?;
    let mut answers = store.risk_answers(scope).await?;
    for a in given.answers() {
        match answers.iter_mut().find(|b| b.item_id == a.item_id) {
            Some(b) => b.answer = a.answer,
            None => answers.push(a.clone()),
        }
    }
    store.set_risk_answers(scope, &answers).await?;
    Ok(store.risk_answers(scope).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(item: &str, answer: &str, note: &str) -> AnswerFields {
        AnswerFields {
            item: Some(item.to_owned()),
            answer: Some(answer.to_owned()),
            note: Some(note.to_owned()),
        }
    }

    fn fields(r: Result<Checklist, Vec<FieldProblem>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn an_answer_is_1_to_4_for_a_countermeasure_of_the_catalog() {
        let list = Checklist::parse(&[answer("1-1", "1", ""), answer("1-2", "4", "メモ\n二行目")])
            .unwrap();
        assert_eq!(list.answers()[0].note, None);
        assert_eq!(list.answers()[1].note.as_deref(), Some("メモ\n二行目"));
        assert_eq!(
            fields(Checklist::parse(&[answer("1-1", "0", "")])),
            ["[0].answer"]
        );
        assert_eq!(
            fields(Checklist::parse(&[answer("1-1", "5", "")])),
            ["[0].answer"]
        );
        assert_eq!(
            fields(Checklist::parse(&[answer("99-9", "1", "")])),
            ["[0].item"]
        );
        assert_eq!(
            fields(Checklist::parse(&[answer("", "1", "")])),
            ["[0].item"]
        );
    }

    #[test]
    fn a_note_may_have_line_breaks_but_no_other_control_character_and_at_most_2000_characters() {
        assert!(Checklist::parse(&[answer("1-1", "1", &"あ".repeat(NOTE_MAX))]).is_ok());
        assert_eq!(
            fields(Checklist::parse(&[answer(
                "1-1",
                "1",
                &"あ".repeat(NOTE_MAX + 1)
            )])),
            ["[0].note"]
        );
        assert_eq!(
            fields(Checklist::parse(&[answer("1-1", "1", "a\u{7}")])),
            ["[0].note"]
        );
    }

    #[test]
    fn a_countermeasure_answered_twice_is_refused_at_the_second() {
        let r = Checklist::parse(&[answer("1-1", "1", ""), answer("1-1", "2", "")]);
        assert_eq!(fields(r), ["[1].item"]);
    }
}
