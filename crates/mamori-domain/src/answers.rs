//! Answer documents parsed once into typed answers, with every problem listed.

use crate::catalog::{AnswerOption, Catalog, OptionValue, ScoringRule};
use crate::notes::{ItemNote, NOTE_KEYS, note_of};
use crate::problem::{InputProblem, ProblemKind, Subject};
use crate::raw::RawValue;
use std::collections::HashSet;

/// One item's answer, as positions into the item's options (or each viewpoint's options).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Choice(u8),
    Viewpoints(Box<[u8]>),
}

/// A complete answer set: one answer per catalog item, in catalog order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerSet(pub(crate) Vec<Answer>);

impl AnswerSet {
    pub fn answers(&self) -> &[Answer] {
        &self.0
    }

    /// The chosen option of a single-choice item.
    pub fn choice<'c>(&self, catalog: &'c Catalog, item: usize) -> Option<&'c AnswerOption> {
        match &self.0[item] {
            Answer::Choice(o) => catalog.options_of(item).get(usize::from(*o)),
            Answer::Viewpoints(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respondent {
    pub name: String,
    pub answers: AnswerSet,
}

/// A parsed answer document: what the engine scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// The answers scored: the single set, or the consolidation of the respondents' sets.
    pub answers: AnswerSet,
    /// Empty unless several respondents answered.
    pub respondents: Vec<Respondent>,
    /// Target tier per group position (tier catalogs only).
    pub targets: Vec<Option<u8>>,
    /// The consultant's notes given with the answers, in catalog order (catalogs that
    /// [take notes](Catalog::takes_notes) only); they play no part in the score.
    pub notes: Vec<ItemNote>,
}

impl Submission {
    pub fn single(catalog: &Catalog, answers: AnswerSet) -> Submission {
        Submission {
            answers,
            respondents: Vec::new(),
            targets: vec![None; catalog.groups.len()],
            notes: Vec::new(),
        }
    }
}

/// Parses an answer document for `catalog`, listing every problem.
pub fn parse_submission(
    catalog: &Catalog,
    doc: &RawValue,
) -> Result<Submission, Vec<InputProblem>> {
    let mut problems = Vec::new();
    let Some(fields) = doc.as_object() else {
        return Err(vec![InputProblem::new(
            "(document)",
            None,
            ProblemKind::NotAnObject,
        )]);
    };
    for key in fields.keys() {
        if !matches!(
            key.as_str(),
            "catalog" | "answers" | "respondents" | "targets"
        ) {
            problems.push(InputProblem::new(
                key.clone(),
                None,
                ProblemKind::UnknownField {
                    allowed: "catalog, answers, respondents, targets".into(),
                },
            ));
        }
    }
    if let Some(given) = fields.get("catalog") {
        match given.as_str() {
            Some(id) if id == catalog.id => {}
            Some(id) => problems.push(InputProblem::new(
                "catalog",
                None,
                ProblemKind::WrongCatalog {
                    expected: catalog.id.clone(),
                    got: id.to_owned(),
                },
            )),
            None => problems.push(InputProblem::new(
                "catalog",
                None,
                ProblemKind::InvalidValue {
                    got: given.to_string(),
                    allowed: vec![format!("\"{}\"", catalog.id)],
                },
            )),
        }
    }
    let consolidates = matches!(
        catalog.scoring,
        ScoringRule::SumBands {
            consolidation: Some(_),
            ..
        }
    );
    let mut answers = None;
    let mut respondents = Vec::new();
    let mut notes = Vec::new();
    match (fields.get("answers"), fields.get("respondents")) {
        (Some(_), Some(_)) => problems.push(InputProblem::new(
            "respondents",
            None,
            ProblemKind::AnswersAndRespondents,
        )),
        (None, None) => problems.push(InputProblem::new(
            "answers",
            None,
            ProblemKind::MissingField,
        )),
        (Some(map), None) => {
            answers = parse_answer_map(catalog, map, "answers", &mut notes, &mut problems)
        }
        (None, Some(_)) if !consolidates => problems.push(InputProblem::new(
            "respondents",
            None,
            ProblemKind::RespondentsNotAllowed,
        )),
        (None, Some(list)) => {
            respondents = parse_respondents(catalog, list, &mut problems);
            answers = consolidate(catalog, &respondents);
        }
    }
    let targets = parse_targets(catalog, fields.get("targets"), &mut problems);
    match answers {
        Some(answers) if problems.is_empty() => Ok(Submission {
            answers,
            respondents,
            targets,
            notes,
        }),
        _ => Err(problems),
    }
}

fn parse_respondents(
    catalog: &Catalog,
    list: &RawValue,
    problems: &mut Vec<InputProblem>,
) -> Vec<Respondent> {
    let RawValue::List(entries) = list else {
        problems.push(InputProblem::new(
            "respondents",
            None,
            ProblemKind::InvalidValue {
                got: list.to_string(),
                allowed: vec!["[{\"name\": …, \"answers\": {…}}]".to_owned()],
            },
        ));
        return Vec::new();
    };
    if entries.is_empty() {
        problems.push(InputProblem::new(
            "respondents",
            None,
            ProblemKind::NoRespondents,
        ));
    }
    let mut names = HashSet::new();
    let mut respondents = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let at = format!("respondents[{n}]");
        let Some(fields) = entry.as_object() else {
            problems.push(InputProblem::new(at, None, ProblemKind::NotAnObject));
            continue;
        };
        for key in fields
            .keys()
            .filter(|k| !matches!(k.as_str(), "name" | "answers"))
        {
            problems.push(InputProblem::new(
                format!("{at}.{key}"),
                None,
                ProblemKind::UnknownField {
                    allowed: "name, answers".into(),
                },
            ));
        }
        let name = fields
            .get("name")
            .and_then(RawValue::as_str)
            .map(str::trim)
            .unwrap_or("");
        if name.is_empty() {
            problems.push(InputProblem::new(
                format!("{at}.name"),
                None,
                ProblemKind::EmptyText,
            ));
        } else if !names.insert(name.to_owned()) {
            problems.push(InputProblem::new(
                format!("{at}.name"),
                None,
                ProblemKind::DuplicateName,
            ));
        }
        let answers = match fields.get("answers") {
            // Respondents answer company questionnaires only, which take no notes.
            Some(map) => parse_answer_map(
                catalog,
                map,
                &format!("{at}.answers"),
                &mut Vec::new(),
                problems,
            ),
            None => {
                problems.push(InputProblem::new(
                    format!("{at}.answers"),
                    None,
                    ProblemKind::MissingField,
                ));
                None
            }
        };
        if let Some(answers) = answers {
            respondents.push(Respondent {
                name: name.to_owned(),
                answers,
            });
        }
    }
    respondents
}

/// Our rule (diagnostics.md §2): each item takes the answer with the lowest points.
pub fn consolidate(catalog: &Catalog, respondents: &[Respondent]) -> Option<AnswerSet> {
    let first = respondents.first()?;
    let mut merged = first.answers.clone();
    for r in &respondents[1..] {
        for (item, slot) in merged.0.iter_mut().enumerate() {
            if let (Answer::Choice(mine), Answer::Choice(theirs)) = (&*slot, &r.answers.0[item]) {
                let options = catalog.options_of(item);
                if options[usize::from(*theirs)].points < options[usize::from(*mine)].points {
                    *slot = Answer::Choice(*theirs);
                }
            }
        }
    }
    Some(merged)
}

fn allowed_values(options: &[AnswerOption]) -> Vec<String> {
    options
        .iter()
        .map(|o| match &o.value {
            OptionValue::Int(n) => n.to_string(),
            OptionValue::Text(s) => format!("\"{s}\""),
        })
        .collect()
}

fn find_option(options: &[AnswerOption], value: &RawValue) -> Option<u8> {
    let pos = options.iter().position(|o| match (&o.value, value) {
        (OptionValue::Int(a), RawValue::Int(b)) => a == b,
        (OptionValue::Text(a), RawValue::Text(b)) => a == b,
        _ => false,
    })?;
    u8::try_from(pos).ok()
}

fn parse_answer_map(
    catalog: &Catalog,
    map: &RawValue,
    at: &str,
    notes: &mut Vec<ItemNote>,
    problems: &mut Vec<InputProblem>,
) -> Option<AnswerSet> {
    let Some(map) = map.as_object() else {
        problems.push(InputProblem::new(at, None, ProblemKind::NotAnObject));
        return None;
    };
    let before = problems.len();
    for key in map.keys() {
        if catalog.item_position(key).is_none() {
            problems.push(InputProblem::new(
                format!("{at}.{key}"),
                Some(Subject::item(key)),
                ProblemKind::UnknownItem,
            ));
        }
    }
    let mut answers = Vec::with_capacity(catalog.items.len());
    for (i, item) in catalog.items.iter().enumerate() {
        let path = format!("{at}.{}", item.id);
        let Some(value) = map.get(&item.id) else {
            problems.push(InputProblem::new(
                path,
                Some(Subject::item(&item.id)),
                ProblemKind::MissingAnswer,
            ));
            continue;
        };
        if catalog.uses_viewpoints() {
            if let Some(a) = parse_viewpoints(catalog, &item.id, value, &path, notes, problems) {
                answers.push(a);
            }
            continue;
        }
        let options = catalog.options_of(i);
        match find_option(options, value) {
            Some(o) => answers.push(Answer::Choice(o)),
            None => problems.push(InputProblem::new(
                path,
                Some(Subject::item(&item.id)),
                ProblemKind::InvalidValue {
                    got: value.to_string(),
                    allowed: allowed_values(options),
                },
            )),
        }
    }
    (problems.len() == before).then_some(AnswerSet(answers))
}

fn parse_viewpoints(
    catalog: &Catalog,
    item: &str,
    value: &RawValue,
    path: &str,
    notes: &mut Vec<ItemNote>,
    problems: &mut Vec<InputProblem>,
) -> Option<Answer> {
    let Some(fields) = value.as_object() else {
        problems.push(InputProblem::new(
            path,
            Some(Subject::item(item)),
            ProblemKind::NotAnObject,
        ));
        return None;
    };
    let viewpoints = &catalog.scale.viewpoints;
    let before = problems.len();
    let with_notes = catalog.takes_notes();
    let mut allowed: Vec<&str> = viewpoints.iter().map(|v| v.id.as_str()).collect();
    if with_notes {
        allowed.extend(NOTE_KEYS);
    }
    for key in fields.keys().filter(|k| !allowed.contains(&k.as_str())) {
        problems.push(InputProblem::new(
            format!("{path}.{key}"),
            Some(Subject::item(item)),
            ProblemKind::UnknownField {
                allowed: allowed.join(", "),
            },
        ));
    }
    if with_notes {
        notes.extend(note_of(item, fields, path, problems).filter(|n| !n.is_empty()));
    }
    let mut chosen = Vec::with_capacity(viewpoints.len());
    for v in viewpoints {
        let vpath = format!("{path}.{}", v.id);
        match fields.get(&v.id) {
            None => problems.push(InputProblem::new(
                vpath,
                Some(Subject::item(item)),
                ProblemKind::MissingAnswer,
            )),
            Some(raw) => match find_option(&v.options, raw) {
                Some(o) => chosen.push(o),
                None => problems.push(InputProblem::new(
                    vpath,
                    Some(Subject::item(item)),
                    ProblemKind::InvalidValue {
                        got: raw.to_string(),
                        allowed: allowed_values(&v.options),
                    },
                )),
            },
        }
    }
    (problems.len() == before).then(|| Answer::Viewpoints(chosen.into_boxed_slice()))
}

fn parse_targets(
    catalog: &Catalog,
    raw: Option<&RawValue>,
    problems: &mut Vec<InputProblem>,
) -> Vec<Option<u8>> {
    let mut targets = vec![None; catalog.groups.len()];
    let Some(raw) = raw else { return targets };
    if !matches!(catalog.scoring, ScoringRule::Tiers {}) {
        problems.push(InputProblem::new(
            "targets",
            None,
            ProblemKind::TargetsNotAllowed,
        ));
        return targets;
    }
    let Some(map) = raw.as_object() else {
        problems.push(InputProblem::new("targets", None, ProblemKind::NotAnObject));
        return targets;
    };
    for (id, value) in map {
        let path = format!("targets.{id}");
        let group = catalog.group_position(id).filter(|&g| catalog.is_leaf(g));
        let Some(g) = group else {
            problems.push(InputProblem::new(path, None, ProblemKind::UnknownCategory));
            continue;
        };
        match value.as_int().filter(|t| (1..=4).contains(t)) {
            Some(t) => targets[g] = Some(t as u8),
            None => problems.push(InputProblem::new(
                path,
                None,
                ProblemKind::InvalidValue {
                    got: value.to_string(),
                    allowed: (1..=4).map(|n| n.to_string()).collect(),
                },
            )),
        }
    }
    targets
}
