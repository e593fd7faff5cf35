//! The one scoring engine. Each catalog names a rule; this module implements each rule once.

mod outcome;

pub use outcome::*;

use crate::answers::{Answer, AnswerSet, Submission};
use crate::catalog::{AnswerOption, Band, Catalog, Class, Grade, OptionValue, Rung, ScoringRule};
use crate::decimal::{Ratio, Tenths};

/// Scores a parsed submission against the catalog it was parsed for.
pub fn score<'c>(catalog: &'c Catalog, submission: &Submission) -> Score<'c> {
    let answers = &submission.answers;
    let outcome = match &catalog.scoring {
        ScoringRule::YesCount { count, ready_flag } => {
            let yes_count = count_answers(catalog, answers, count);
            Outcome::YesCount(YesCount {
                yes_count,
                ready: yes_count as usize == catalog.items.len(),
                ready_flag,
            })
        }
        ScoringRule::SumBands { bands, .. } => {
            let total = sum_points(catalog, answers, 0..catalog.items.len());
            Outcome::SumBands(SumBands {
                total,
                max: (0..catalog.items.len())
                    .map(|i| max_points(catalog.options_of(i)))
                    .sum(),
                band: band_for(bands, total).map_or("", |b| b.id.as_str()),
                parts: catalog
                    .leaf_groups()
                    .map(|g| GroupTotal {
                        id: &catalog.groups[g].id,
                        total: sum_points(catalog, answers, catalog.items_of(g).iter().copied()),
                    })
                    .collect(),
                unknown: (0..catalog.items.len())
                    .filter(|&i| answers.choice(catalog, i).is_some_and(|o| o.unknown))
                    .map(|i| catalog.items[i].id.as_str())
                    .collect(),
                items: (0..catalog.items.len())
                    .filter_map(|i| {
                        let o = answers.choice(catalog, i)?;
                        Some(ItemPoints {
                            id: &catalog.items[i].id,
                            answer: &o.value,
                            points: o.points,
                        })
                    })
                    .collect(),
                respondents: submission
                    .respondents
                    .iter()
                    .map(|r| RespondentTotal {
                        name: r.name.clone(),
                        total: sum_points(catalog, &r.answers, 0..catalog.items.len()),
                    })
                    .collect(),
            })
        }
        ScoringRule::AverageGrade { grades } => {
            let graded = |items: &mut dyn Iterator<Item = usize>| {
                let (sum, count) = applicable_sum(catalog, answers, items);
                grade_of(Ratio::new(sum, count).map(Ratio::round_tenths), grades)
            };
            Outcome::AverageGrade(AverageGrade {
                overall: graded(&mut (0..catalog.items.len())),
                categories: catalog
                    .leaf_groups()
                    .map(|g| GroupGrade {
                        id: &catalog.groups[g].id,
                        graded: graded(&mut catalog.items_of(g).iter().copied()),
                    })
                    .collect(),
            })
        }
        ScoringRule::ViewpointGrade {
            ladder,
            otherwise,
            rank_up,
            grades,
        } => Outcome::ViewpointGrade(viewpoint_grades(
            catalog,
            answers,
            ladder,
            otherwise,
            rank_up.as_deref(),
            grades,
        )),
        ScoringRule::Percent {} => {
            let percent = |items: &mut dyn Iterator<Item = usize>| {
                let (mut got, mut max) = (0, 0);
                for i in items {
                    if let Some(o) = answers.choice(catalog, i).filter(|o| o.applicable) {
                        got += o.points;
                        max += max_points(catalog.options_of(i));
                    }
                }
                Ratio::new(100 * got, max).map(Ratio::round_integer)
            };
            Outcome::Percent(Percent {
                overall_percent: percent(&mut (0..catalog.items.len())),
                groups: catalog
                    .leaf_groups()
                    .map(|g| GroupPercent {
                        id: &catalog.groups[g].id,
                        percent: percent(&mut catalog.items_of(g).iter().copied()),
                    })
                    .collect(),
            })
        }
        ScoringRule::Tiers {} => Outcome::Tiers(tiers(catalog, answers, &submission.targets)),
        ScoringRule::Tally { missing } => {
            let mut counts: Vec<(&OptionValue, u32)> = Vec::new();
            for i in 0..catalog.items.len() {
                for o in catalog.options_of(i) {
                    if !counts.iter().any(|(v, _)| *v == &o.value) {
                        counts.push((&o.value, 0));
                    }
                }
            }
            for i in 0..catalog.items.len() {
                if let Some(o) = answers.choice(catalog, i)
                    && let Some(slot) = counts.iter_mut().find(|(v, _)| *v == &o.value)
                {
                    slot.1 += 1;
                }
            }
            Outcome::Tally(Tally {
                counts: Counts(counts),
                missing: (0..catalog.items.len())
                    .filter(|&i| {
                        answers
                            .choice(catalog, i)
                            .is_some_and(|o| &o.value == missing)
                    })
                    .map(|i| catalog.items[i].id.as_str())
                    .collect(),
            })
        }
        ScoringRule::Classify { classes } => {
            let choice: Vec<usize> = answers
                .answers()
                .iter()
                .map(|a| match a {
                    Answer::Choice(o) => usize::from(*o),
                    Answer::Viewpoints(_) => 0,
                })
                .collect();
            let class = classify_choice(catalog, classes, &choice)
                .expect("validation proves every combination is classified");
            Outcome::Classify(Classify {
                class: &class.id,
                number: class.number,
            })
        }
    };
    Score {
        catalog: &catalog.id,
        catalog_version: &catalog.version,
        outcome,
    }
}

/// The first band whose minimum the total reaches; validation makes the last band catch the rest.
pub fn band_for(bands: &[Band], total: i64) -> Option<&Band> {
    bands.iter().find(|b| b.min.is_none_or(|m| total >= m))
}

/// The highest points an item can score among its applicable options.
pub fn max_points(options: &[AnswerOption]) -> i64 {
    options
        .iter()
        .filter(|o| o.applicable)
        .map(|o| o.points)
        .max()
        .unwrap_or(0)
}

fn count_answers(catalog: &Catalog, answers: &AnswerSet, value: &OptionValue) -> u32 {
    (0..catalog.items.len())
        .filter(|&i| {
            answers
                .choice(catalog, i)
                .is_some_and(|o| &o.value == value)
        })
        .count() as u32
}

fn sum_points(catalog: &Catalog, answers: &AnswerSet, items: impl Iterator<Item = usize>) -> i64 {
    items
        .filter_map(|i| answers.choice(catalog, i))
        .map(|o| o.points)
        .sum()
}

/// Sum and count over applicable answers: "not applicable" leaves the average entirely.
fn applicable_sum(
    catalog: &Catalog,
    answers: &AnswerSet,
    items: &mut dyn Iterator<Item = usize>,
) -> (i64, i64) {
    items
        .filter_map(|i| answers.choice(catalog, i))
        .filter(|o| o.applicable)
        .fold((0, 0), |(s, n), o| (s + o.points, n + 1))
}

/// The first grade whose minimum the value reaches; the last grade catches the rest.
fn grade_of<'c>(value: Option<Tenths>, grades: &'c [Grade]) -> Graded<'c> {
    let Some(value) = value else {
        return Graded {
            average: None,
            grade: "NA",
        };
    };
    let grade = grades
        .iter()
        .find(|g| g.min.is_none_or(|m| value >= m))
        .or(grades.last())
        .map_or("NA", |g| g.id.as_str());
    Graded {
        average: Some(value),
        grade,
    }
}

fn viewpoint_grades<'c>(
    catalog: &'c Catalog,
    answers: &AnswerSet,
    ladder: &'c [Rung],
    otherwise: &'c str,
    rank_up: Option<&str>,
    grades: &'c [Grade],
) -> ViewpointGrade<'c> {
    let viewpoints = &catalog.scale.viewpoints;
    let position = |id: &str| viewpoints.iter().position(|v| v.id == id);
    let rank_of = |grade: &str| {
        grades
            .iter()
            .position(|g| g.id == grade)
            .unwrap_or(grades.len() - 1)
    };
    let mut items = Vec::with_capacity(catalog.items.len());
    let mut points = 0;
    for (i, item) in catalog.items.iter().enumerate() {
        let Answer::Viewpoints(chosen) = &answers.answers()[i] else {
            continue;
        };
        // A viewpoint is satisfied by its best answer ("yes"); "unknown" adoption is not adoption.
        let satisfied = |id: &str| {
            position(id).is_some_and(|v| {
                let options = &viewpoints[v].options;
                options[usize::from(chosen[v])].points == max_points(options)
            })
        };
        let base = ladder
            .iter()
            .find(|r| {
                if r.all.is_empty() {
                    r.any.iter().any(|v| satisfied(v))
                } else {
                    r.all.iter().all(|v| satisfied(v))
                }
            })
            .map_or(otherwise, |r| r.grade.as_str());
        let mut rank = rank_of(base);
        if rank_up.is_some_and(satisfied) {
            rank = rank.saturating_sub(1);
        }
        let grade = &grades[rank];
        points += grade.points.unwrap_or(0);
        items.push(ItemGrade {
            id: &item.id,
            grade: &grade.id,
            base_grade: &grades[rank_of(base)].id,
        });
    }
    let average = Ratio::new(points, items.len() as i64).map(Ratio::round_tenths);
    ViewpointGrade {
        items,
        overall: grade_of(average, grades),
    }
}

fn tiers<'c>(catalog: &'c Catalog, answers: &AnswerSet, targets: &[Option<u8>]) -> Tiers<'c> {
    // Exact category means, kept so function means are taken over exact values (diagnostics.md §6).
    let mut exact: Vec<Option<Ratio>> = vec![None; catalog.groups.len()];
    let mut categories = Vec::new();
    for g in catalog.leaf_groups() {
        let (sum, count) =
            applicable_sum(catalog, answers, &mut catalog.items_of(g).iter().copied());
        exact[g] = Ratio::new(sum, count);
        let tier = exact[g].map(Ratio::round_tenths);
        let target = targets.get(g).copied().flatten();
        let gap = match (tier, target) {
            (Some(t), Some(goal)) => Some(Tenths((i64::from(goal) * 10 - t.0).max(0))),
            _ => None,
        };
        categories.push(CategoryTier {
            id: &catalog.groups[g].id,
            tier,
            target,
            gap,
        });
    }
    let functions = (0..catalog.groups.len())
        .filter(|&g| !catalog.is_leaf(g))
        .map(|g| {
            let means: Vec<Ratio> = catalog
                .children_of(g)
                .iter()
                .filter_map(|&c| exact[c])
                .collect();
            FunctionTier {
                id: &catalog.groups[g].id,
                tier: Ratio::mean(&means).map(Ratio::round_tenths),
            }
        })
        .collect();
    Tiers {
        categories,
        functions,
    }
}

/// The first class whose conditions the chosen options (one position per item) meet.
pub(crate) fn classify_choice<'c>(
    catalog: &Catalog,
    classes: &'c [Class],
    choice: &[usize],
) -> Option<&'c Class> {
    classes.iter().find(|class| {
        class.when.iter().all(|(item, values)| {
            catalog.item_position(item).is_some_and(|i| {
                let chosen = &catalog.options_of(i)[choice[i]].value;
                values.contains(chosen)
            })
        })
    })
}
