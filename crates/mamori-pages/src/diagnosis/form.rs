//! The questionnaire as a form: a catalog and one answer set become sections of radio groups,
//! and a posted form becomes changes to that answer set. Field names are stable and readable:
//! `a:{item}` for an answer, `a:{item}:{viewpoint}` for one viewpoint of an item, `t:{group}` for
//! a target tier, `n:{item}:observation` and `n:{item}:proposal` for the consultant's notes
//! (secondary diagnosis; checked by `mamori_app::notes`, not here).

use mamori_domain::catalog::{AnswerOption, OptionValue, ScoringRule};
use mamori_domain::{Catalog, ItemNote, Lang, NOTE_MAX_CHARS};
use serde_json::{Map, Value};

use mamori_http::FieldProblem;

/// A page of the questionnaire: a top-level group (a part, a category or a CSF function).
pub struct PartLink {
    pub index: usize,
    pub title: String,
    pub answered: usize,
    pub total: usize,
    pub current: bool,
}

pub struct Section {
    pub title: String,
    pub summary: Option<String>,
    /// What each tier means for this category (CSF), tier 1 first.
    pub tiers: Vec<String>,
    /// The target tier selector (CSF), with the chosen tier.
    pub target: Option<TargetField>,
    pub items: Vec<ItemView>,
}

pub struct TargetField {
    pub name: String,
    pub choices: Vec<Choice>,
}

pub struct ItemView {
    pub id: String,
    pub anchor: String,
    pub text: String,
    pub help: Option<String>,
    pub risk: Option<String>,
    pub countermeasures: Vec<String>,
    pub owner: Option<String>,
    pub questions: Vec<Question>,
    pub answered: bool,
    /// The answer is still the one taken from another diagnostic's result.
    pub prefilled: bool,
    /// The consultant's two texts, where the catalog takes notes.
    pub notes: Vec<NoteField>,
}

/// One text area of an item's notes.
pub struct NoteField {
    pub name: String,
    pub input_id: String,
    /// 傾向と対策 or 改善提案 (a key of the word table).
    pub label: &'static str,
    pub value: String,
    pub max: usize,
}

/// The note text areas of one item, filled with what it has.
pub fn note_fields(catalog: &Catalog, item: &str, notes: &[ItemNote]) -> Vec<NoteField> {
    if !catalog.takes_notes() {
        return Vec::new();
    }
    let note = notes.iter().find(|n| n.item == item);
    mamori_app::notes::KINDS
        .iter()
        .map(|&(kind, label, _)| {
            let name = format!("n:{item}:{kind}");
            NoteField {
                input_id: field_id(&name),
                value: note
                    .map(|n| match kind {
                        "observation" => n.observation.clone(),
                        _ => n.proposal.clone(),
                    })
                    .unwrap_or_default(),
                name,
                label,
                max: NOTE_MAX_CHARS,
            }
        })
        .collect()
}

/// The notes to show: the stored ones with what was just posted over them (a form sent back with
/// a problem keeps the person's text).
pub fn notes_shown(stored: &[ItemNote], fields: &[(String, String)]) -> Vec<ItemNote> {
    let mut notes = stored.to_vec();
    for (name, value) in fields {
        let Some((item, kind)) = name.strip_prefix("n:").and_then(|r| r.split_once(':')) else {
            continue;
        };
        let at = match notes.iter().position(|n| n.item == item) {
            Some(at) => at,
            None => {
                notes.push(ItemNote {
                    item: item.to_owned(),
                    ..ItemNote::default()
                });
                notes.len() - 1
            }
        };
        match kind {
            "observation" => notes[at].observation.clone_from(value),
            "proposal" => notes[at].proposal.clone_from(value),
            _ => {}
        }
    }
    notes
}

/// One radio group: the item itself, or one viewpoint of it.
pub struct Question {
    pub name: String,
    /// The viewpoint's question; None when the item has a single answer.
    pub legend: Option<String>,
    pub choices: Vec<Choice>,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub input_id: String,
    pub checked: bool,
}

/// Pages of a catalog: its top-level groups in catalog order.
pub fn parts(catalog: &Catalog) -> Vec<usize> {
    catalog.top_groups().collect()
}

/// The leaf groups under a part (the part itself when it holds items).
fn sections_of(catalog: &Catalog, part: usize) -> Vec<usize> {
    if catalog.is_leaf(part) {
        vec![part]
    } else {
        catalog
            .children_of(part)
            .iter()
            .flat_map(|&c| sections_of(catalog, c))
            .collect()
    }
}

/// Items of a part in catalog order.
pub fn items_of_part(catalog: &Catalog, part: usize) -> Vec<usize> {
    sections_of(catalog, part)
        .into_iter()
        .flat_map(|g| catalog.items_of(g).iter().copied())
        .collect()
}

fn field_id(name: &str) -> String {
    // Ids such as "ID.AM-1" stay readable; anything else becomes '-'.
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn answer_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether an item has a complete answer in `answers` (every viewpoint for viewpoint scales).
pub fn is_answered(catalog: &Catalog, item: usize, answers: &Map<String, Value>) -> bool {
    let Some(v) = answers.get(&catalog.items[item].id) else {
        return false;
    };
    if catalog.uses_viewpoints() {
        catalog
            .scale
            .viewpoints
            .iter()
            .all(|vp| v.get(&vp.id).and_then(answer_text).is_some())
    } else {
        answer_text(v).is_some()
    }
}

fn choices(options: &[AnswerOption], name: &str, chosen: Option<&str>, lang: Lang) -> Vec<Choice> {
    options
        .iter()
        .map(|o| {
            let value = o.value.to_string();
            Choice {
                input_id: format!("{}-{}", field_id(name), field_id(&value)),
                checked: chosen == Some(value.as_str()),
                label: o.label.get(lang).to_owned(),
                value,
            }
        })
        .collect()
}

/// Whether the catalog asks for target tiers (the CSF self-assessment).
pub fn has_targets(catalog: &Catalog) -> bool {
    matches!(catalog.scoring, ScoringRule::Tiers {})
}

pub fn part_links(
    catalog: &Catalog,
    answers: &Map<String, Value>,
    current: usize,
    lang: Lang,
) -> Vec<PartLink> {
    parts(catalog)
        .into_iter()
        .enumerate()
        .map(|(index, g)| {
            let items = items_of_part(catalog, g);
            PartLink {
                index,
                title: catalog.groups[g].title.get(lang).to_owned(),
                answered: items
                    .iter()
                    .filter(|&&i| is_answered(catalog, i, answers))
                    .count(),
                total: items.len(),
                current: index == current,
            }
        })
        .collect()
}

/// The sections of one part with the answers filled in.
pub fn sections(
    catalog: &Catalog,
    part: usize,
    answers: &Map<String, Value>,
    targets: Option<&Value>,
    notes: &[ItemNote],
    lang: Lang,
) -> Vec<Section> {
    sections_of(catalog, part)
        .into_iter()
        .map(|g| {
            let group = &catalog.groups[g];
            let target = has_targets(catalog).then(|| {
                let name = format!("t:{}", group.id);
                let chosen = targets.and_then(|t| t.get(&group.id)).and_then(answer_text);
                let tiers: Vec<AnswerOption> = (1..=4)
                    .map(|n| AnswerOption {
                        value: OptionValue::Int(n),
                        points: n,
                        label: mamori_domain::Text::new(format!("ティア{n}"), format!("Tier {n}")),
                        unknown: false,
                        applicable: true,
                    })
                    .collect();
                TargetField {
                    choices: choices(&tiers, &name, chosen.as_deref(), lang),
                    name,
                }
            });
            Section {
                title: group.title.get(lang).to_owned(),
                summary: group.summary.as_ref().map(|s| s.get(lang).to_owned()),
                tiers: group.tiers.iter().map(|t| t.get(lang).to_owned()).collect(),
                target,
                items: catalog
                    .items_of(g)
                    .iter()
                    .map(|&i| item_view(catalog, i, answers, notes, lang))
                    .collect(),
            }
        })
        .collect()
}

fn item_view(
    catalog: &Catalog,
    i: usize,
    answers: &Map<String, Value>,
    notes: &[ItemNote],
    lang: Lang,
) -> ItemView {
    let item = &catalog.items[i];
    let given = answers.get(&item.id);
    let questions = if catalog.uses_viewpoints() {
        catalog
            .scale
            .viewpoints
            .iter()
            .map(|vp| {
                let name = format!("a:{}:{}", item.id, vp.id);
                let chosen = given.and_then(|v| v.get(&vp.id)).and_then(answer_text);
                Question {
                    choices: choices(&vp.options, &name, chosen.as_deref(), lang),
                    legend: Some(format!(
                        "{}{}{}",
                        vp.label.get(lang),
                        // A full-width colon on a Japanese page, a plain one on an English page.
                        if lang == Lang::En { ": " } else { "：" },
                        vp.question.get(lang)
                    )),
                    name,
                }
            })
            .collect()
    } else {
        let name = format!("a:{}", item.id);
        let chosen = given.and_then(answer_text);
        vec![Question {
            choices: choices(catalog.options_of(i), &name, chosen.as_deref(), lang),
            legend: None,
            name,
        }]
    };
    ItemView {
        id: item.id.clone(),
        anchor: format!("item-{}", field_id(&item.id)),
        text: item.text.get(lang).to_owned(),
        help: item.help.as_ref().map(|t| t.get(lang).to_owned()),
        risk: item.risk.as_ref().map(|t| t.get(lang).to_owned()),
        countermeasures: item
            .countermeasures
            .iter()
            .map(|t| t.get(lang).to_owned())
            .collect(),
        owner: item.owner.as_ref().map(|t| t.get(lang).to_owned()),
        answered: is_answered(catalog, i, answers),
        prefilled: false,
        notes: note_fields(catalog, &item.id, notes),
        questions,
    }
}

/// The JSON value of the option whose text form was posted.
fn option_value(options: &[AnswerOption], posted: &str) -> Option<Value> {
    options
        .iter()
        .find(|o| o.value.to_string() == posted)
        .map(|o| serde_json::to_value(&o.value).unwrap_or(Value::Null))
}

/// Applies posted fields to an answer set and targets. Fields this form does not own (`csrf`,
/// `part`, `go`, `set`) are ignored; any other unknown field or value is a problem, named.
pub fn apply(
    catalog: &Catalog,
    fields: &[(String, String)],
    answers: &mut Map<String, Value>,
    targets: &mut Map<String, Value>,
) -> Result<(), Vec<FieldProblem>> {
    let mut problems = Vec::new();
    for (name, posted) in fields {
        if let Some(rest) = name.strip_prefix("a:") {
            let (item_id, viewpoint) = match rest.split_once(':') {
                Some((i, v)) => (i, Some(v)),
                None => (rest, None),
            };
            let Some(i) = catalog.item_position(item_id) else {
                let title = catalog.title.get(Lang::Ja);
                let title_en = catalog.title.get(Lang::En);
                problems.push(
                    FieldProblem::new(
                        name,
                        format!("設問「{item_id}」は「{title}」にはありません。"),
                    )
                    .en(format!("Question “{item_id}” is not part of “{title_en}”.")),
                );
                continue;
            };
            match (viewpoint, catalog.uses_viewpoints()) {
                (None, false) => match option_value(catalog.options_of(i), posted) {
                    Some(v) => {
                        answers.insert(item_id.to_owned(), v);
                    }
                    None => problems.push(
                        FieldProblem::new(name, format!("設問 {item_id}: 選択肢にない回答です。"))
                            .en(format!(
                                "Question {item_id}: this answer is not one of the choices."
                            )),
                    ),
                },
                (Some(vp_id), true) => {
                    let vp = catalog.scale.viewpoints.iter().find(|vp| vp.id == vp_id);
                    match vp.and_then(|vp| option_value(&vp.options, posted)) {
                        Some(v) => {
                            let entry = answers
                                .entry(item_id.to_owned())
                                .or_insert_with(|| Value::Object(Map::new()));
                            if !entry.is_object() {
                                *entry = Value::Object(Map::new());
                            }
                            if let Value::Object(m) = entry {
                                m.insert(vp_id.to_owned(), v);
                            }
                        }
                        None => problems.push(
                            FieldProblem::new(
                                name,
                                format!("設問 {item_id}: 観点または回答が正しくありません。"),
                            )
                            .en(format!(
                                "Question {item_id}: the viewpoint or the answer is not valid."
                            )),
                        ),
                    }
                }
                _ => problems.push(
                    FieldProblem::new(
                        name,
                        format!("設問 {item_id}: 回答の形が正しくありません。"),
                    )
                    .en(format!(
                        "Question {item_id}: the answer has the wrong form."
                    )),
                ),
            }
        } else if let Some(group_id) = name.strip_prefix("t:") {
            if !has_targets(catalog) || catalog.group_position(group_id).is_none() {
                problems.push(
                    FieldProblem::new(name, "目標を設定できる分類ではありません。")
                        .en("A target cannot be set for this category."),
                );
                continue;
            }
            match posted.as_str() {
                "" => {
                    targets.remove(group_id);
                }
                t @ ("1" | "2" | "3" | "4") => {
                    targets.insert(
                        group_id.to_owned(),
                        Value::from(t.parse::<i64>().unwrap_or(1)),
                    );
                }
                _ => problems.push(
                    FieldProblem::new(name, "目標のティアは1〜4から選んでください。")
                        .en("Choose a target tier from 1 to 4."),
                ),
            }
        } else if !matches!(name.as_str(), "csrf" | "part" | "go" | "set")
            && !name.starts_with("n:")
        {
            problems.push(
                FieldProblem::new(name, "この項目は受け付けていません。")
                    .en("This field is not accepted."),
            );
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_the_diagnosis_does_not_have_is_named_with_the_diagnosis() {
        let catalog = mamori_domain::builtin().get("five-principles").unwrap();
        let posted = vec![("a:99".to_owned(), "yes".to_owned())];
        let problems = apply(catalog, &posted, &mut Map::new(), &mut Map::new()).unwrap_err();
        assert_eq!(
            problems[0].message,
            format!(
                "設問「99」は「{}」にはありません。",
                catalog.title.get(Lang::Ja)
            )
        );
    }
    use mamori_domain::builtin;
    use serde_json::json;

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn posted_choices_become_the_values_of_the_answer_file() {
        let c = builtin().get("primary-checklist").unwrap();
        let mut answers = Map::new();
        let mut targets = Map::new();
        apply(
            c,
            &posted(&[("csrf", "x"), ("a:M1", "5"), ("a:E2", "0")]),
            &mut answers,
            &mut targets,
        )
        .unwrap();
        assert_eq!(Value::Object(answers), json!({"M1": 5, "E2": 0}));
    }

    #[test]
    fn viewpoints_are_gathered_into_one_object_per_item() {
        let c = builtin().get("employee-rules").unwrap();
        let mut answers = Map::new();
        let mut targets = Map::new();
        apply(
            c,
            &posted(&[("a:R1:rule", "yes"), ("a:R1:adoption", "unknown")]),
            &mut answers,
            &mut targets,
        )
        .unwrap();
        assert_eq!(
            Value::Object(answers.clone()),
            json!({"R1": {"rule": "yes", "adoption": "unknown"}})
        );
        assert!(
            !is_answered(c, c.item_position("R1").unwrap(), &answers),
            "two viewpoints are still open"
        );
    }

    #[test]
    fn a_tampered_value_or_item_is_named_and_nothing_is_applied_silently() {
        let c = builtin().get("self-check-25").unwrap();
        let mut answers = Map::new();
        let mut targets = Map::new();
        let problems = apply(
            c,
            &posted(&[("a:1", "maybe"), ("a:99", "done"), ("x", "1")]),
            &mut answers,
            &mut targets,
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["a:1", "a:99", "x"]);
    }

    #[test]
    fn csf_targets_are_set_and_cleared_per_category() {
        let c = builtin().get("nist-csf-tiers").unwrap();
        let mut answers = Map::new();
        let mut targets = Map::new();
        apply(
            c,
            &posted(&[("t:ID.AM", "3"), ("t:PR.AC", "2")]),
            &mut answers,
            &mut targets,
        )
        .unwrap();
        apply(c, &posted(&[("t:PR.AC", "")]), &mut answers, &mut targets).unwrap();
        assert_eq!(Value::Object(targets), json!({"ID.AM": 3}));
    }

    #[test]
    fn every_catalog_splits_into_parts_that_hold_every_item_once() {
        for c in builtin().latest() {
            let mut seen: Vec<usize> = parts(c)
                .into_iter()
                .flat_map(|p| items_of_part(c, p))
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..c.items.len()).collect::<Vec<_>>(), "{}", c.id);
        }
    }
}
