//! The improvement list (改善リスト, diagnostics.md §9): every item not fully done becomes a
//! proposed action, in the order a company should take them.

use crate::answers::{Answer, Submission};
use crate::catalog::{Catalog, OptionValue, ScoringRule};
use crate::scoring::max_points;
use crate::text::{Lang, Text};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// The respondent did not know: find out first (the guideline asks for this before anything).
    FindOut,
    Improve,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProposedAction<'c> {
    /// 1 is the first thing to do.
    pub priority: u32,
    pub kind: ActionKind,
    pub item: &'c str,
    pub group: &'c str,
    /// The answer given, for single-choice items.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<&'c OptionValue>,
    /// How far the answer is from done, in thousandths (1000 = nothing done).
    pub distance: u32,
    pub text: &'c Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk: Option<&'c Text>,
    pub countermeasures: &'c [Text],
}

impl ProposedAction<'_> {
    /// The title of the action list entry taken from this proposal: the item's instruction
    /// (`Item::action_title`), marked as to be found out first when the answer was "unknown".
    pub fn action_title(&self, catalog: &Catalog, lang: Lang) -> String {
        match catalog.item_position(self.item) {
            Some(i) => catalog.items[i].action_title(lang, self.kind == ActionKind::FindOut),
            None => self.text.get(lang).to_owned(),
        }
    }
}

/// Proposed actions in priority order (our rule): "find out" items first, then items that put a
/// Five Principle into practice, then by category priority (cheapest, least specialist first),
/// then the furthest from done, then catalog order.
pub fn improvement_list<'c>(
    catalog: &'c Catalog,
    submission: &Submission,
) -> Vec<ProposedAction<'c>> {
    if matches!(catalog.scoring, ScoringRule::Classify { .. }) {
        // A classification describes a stance; it has no items to complete.
        return Vec::new();
    }
    let group_rank: Vec<usize> = {
        let order = catalog.group_priority();
        let mut rank = vec![usize::MAX; catalog.groups.len()];
        for (r, g) in order.into_iter().enumerate() {
            rank[g] = r;
        }
        rank
    };
    let mut actions: Vec<(usize, ProposedAction<'c>)> = Vec::new();
    for (i, item) in catalog.items.iter().enumerate() {
        let Some((kind, answer, distance)) = gap(catalog, submission, i) else {
            continue;
        };
        actions.push((
            i,
            ProposedAction {
                priority: 0,
                kind,
                item: &item.id,
                group: &item.group,
                answer,
                distance,
                text: &item.text,
                risk: item.risk.as_ref(),
                countermeasures: &item.countermeasures,
            },
        ));
    }
    actions.sort_by_key(|(i, a)| {
        let principle = catalog.items[*i].principle.is_none();
        (
            a.kind,
            principle,
            group_rank[catalog.group_of(*i)],
            std::cmp::Reverse(a.distance),
            *i,
        )
    });
    actions
        .into_iter()
        .enumerate()
        .map(|(n, (_, mut a))| {
            a.priority = n as u32 + 1;
            a
        })
        .collect()
}

/// Why item `i` is not done, its answer, and how far from done it is; `None` when done or when
/// the item does not apply.
fn gap<'c>(
    catalog: &'c Catalog,
    submission: &Submission,
    i: usize,
) -> Option<(ActionKind, Option<&'c OptionValue>, u32)> {
    match &submission.answers.answers()[i] {
        Answer::Choice(_) => {
            let chosen = submission.answers.choice(catalog, i)?;
            if !chosen.applicable {
                return None;
            }
            if chosen.unknown {
                return Some((ActionKind::FindOut, Some(&chosen.value), 1000));
            }
            let options = catalog.options_of(i);
            let best = match catalog.scoring {
                // A tier item is done when it reaches its category's target (or the top tier).
                ScoringRule::Tiers {} => {
                    submission.targets[catalog.group_of(i)].map_or(max_points(options), i64::from)
                }
                _ => max_points(options),
            };
            if chosen.points >= best {
                return None;
            }
            let worst = options
                .iter()
                .filter(|o| o.applicable && !o.unknown)
                .map(|o| o.points)
                .min()
                .unwrap_or(0);
            let span = (best - worst).max(1);
            let distance = ((best - chosen.points) * 1000 / span).clamp(0, 1000) as u32;
            Some((ActionKind::Improve, Some(&chosen.value), distance))
        }
        Answer::Viewpoints(chosen) => {
            let viewpoints = &catalog.scale.viewpoints;
            let unknown = viewpoints
                .iter()
                .zip(chosen.iter())
                .any(|(v, &o)| v.options[usize::from(o)].unknown);
            let unmet = viewpoints
                .iter()
                .zip(chosen.iter())
                .filter(|(v, o)| v.options[usize::from(**o)].points < max_points(&v.options))
                .count() as u32;
            if unknown {
                Some((ActionKind::FindOut, None, 1000))
            } else if unmet > 0 {
                Some((
                    ActionKind::Improve,
                    None,
                    unmet * 1000 / viewpoints.len() as u32,
                ))
            } else {
                None
            }
        }
    }
}
