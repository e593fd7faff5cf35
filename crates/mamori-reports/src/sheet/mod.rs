//! The individual result sheet (診断結果, documents.md §3): what a consultant hands a company
//! after one diagnosis, built from the same scored result `mamori assess --format json` prints.
//! Two or three A4 pages: the overall result, the result by category with a radar, the first
//! three things to do, the items not done with their risk and a low-cost countermeasure, and
//! SECURITY ACTION readiness where the questionnaire decides it. The secondary diagnosis adds
//! each item's grade with the consultant's observations and improvement proposal.
//!
//! The risk analysis result sheet, built from the domain's risk analysis, is [`risk`].

pub mod history;
mod notes;
mod overall;
pub mod risk;
mod standing;

pub use standing::Standing;

use crate::model::{Block, Chart, Report, Table};
use mamori_charts::{Radar, Series, SeriesKind, radar};
use mamori_domain::catalog::ScoringRule;
use mamori_domain::improvement::{ActionKind, ProposedAction, improvement_list};
use mamori_domain::peers::PeerFigures;
use mamori_domain::scoring::{Outcome, max_points};
use mamori_domain::{Catalog, ItemNote, Lang, Score, Submission};
use time::Date;

/// Everything a result sheet is made from. The caller scores; the sheet only lays out.
pub struct SheetInput<'a> {
    pub catalog: &'a Catalog,
    pub submission: &'a Submission,
    pub score: &'a Score<'a>,
    /// The company's name as given; `None` prints a neutral placeholder.
    pub company: Option<&'a str>,
    pub date: Date,
    pub lang: Lang,
    /// The peer comparison, when the peer group is large enough (the command line has none).
    pub peers: Option<&'a PeerFigures>,
    /// SECURITY ACTION readiness and the maturity level by the company's records, when known.
    pub standing: Option<Standing<'a>>,
    /// The consultant's observations (傾向と対策) and improvement proposal (改善提案) per item,
    /// for a catalog that [takes notes](Catalog::takes_notes) (`employee-rules`); in any order,
    /// items without one left out. Empty: none written (every item still gets its grade row).
    /// The command line passes the answer file's (`&submission.notes`), the web the stored
    /// ones (`&assessment.notes`).
    pub notes: &'a [ItemNote],
}

/// Picks the words for the reader's language.
pub(crate) fn l<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The company as given, or a neutral placeholder, so no sheet prints an empty name line.
pub(crate) fn company_name(company: Option<&str>, lang: Lang) -> String {
    company
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map_or_else(
            || l(lang, "（企業名の記入なし）", "(no company name given)").to_owned(),
            str::to_owned,
        )
}

/// Builds the result sheet's document; any format is then written from it.
pub fn result_sheet(input: &SheetInput) -> Report {
    let SheetInput { catalog, lang, .. } = *input;
    let company = company_name(input.company, lang);
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: l(lang, "総合評価", "Overall result").to_owned(),
    }];
    blocks.extend(overall::blocks(catalog, input.score, lang));
    let by_group = by_group(catalog, input.score);
    if !by_group.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: l(lang, "分野別の状況", "By category").to_owned(),
        });
        blocks.extend(group_blocks(catalog, &by_group, lang));
    }
    blocks.extend(notes::blocks(catalog, input.score, input.notes, lang));
    if let Some(peers) = input.peers {
        blocks.extend(standing::peer_blocks(catalog, peers, lang));
    }
    let actions = improvement_list(catalog, input.submission);
    if !actions.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: l(lang, "まず取り組むこと", "What to do first").to_owned(),
        });
        blocks.push(Block::Steps(
            actions
                .iter()
                .take(3)
                .map(|a| first_step(catalog, a, lang))
                .collect(),
        ));
    }
    if let Some(standing) = &input.standing {
        let date = crate::long_date(input.date, lang);
        blocks.extend(standing::standing_blocks(standing, &date, lang));
    }
    if !actions.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: l(
                lang,
                "未実施の項目とリスク",
                "Items not done and their risks",
            )
            .to_owned(),
        });
        blocks.push(Block::Paragraph(
            l(
                lang,
                "十分にできていない項目を、取り組む順に並べています。「低コストでできる対策」は、費用をかけずに始められる例です。",
                "The items not fully in place, in the order to take them. The low-cost countermeasures are examples that can be started without spending money.",
            )
            .to_owned(),
        ));
        blocks.push(Block::Table(gap_table(
            catalog,
            input.score,
            &actions,
            lang,
        )));
    }
    blocks.push(Block::Paragraph(
        l(
            lang,
            "この診断結果は、回答をもとに Mamori が自動で作成しました。",
            "Mamori produced this result sheet from the answers given.",
        )
        .to_owned(),
    ));
    Report {
        lang,
        title: l(lang, "診断結果", "Diagnosis result").to_owned(),
        subtitle: Some(format!(
            "{}{}",
            catalog.title.get(lang),
            match lang {
                Lang::Ja => format!("（{} 版 {}）", catalog.id, catalog.version),
                Lang::En => format!(" ({} version {})", catalog.id, catalog.version),
            }
        )),
        company,
        date: input.date,
        blocks,
    }
}

/// How a questionnaire's category figures are drawn: the radar's range, rings and unit.
struct Scale {
    max: f64,
    ticks: Vec<f64>,
    percent: bool,
    what_ja: &'static str,
    what_en: &'static str,
}

fn scale(catalog: &Catalog) -> Scale {
    let (max, ticks, percent, what_ja, what_en) = match catalog.scoring {
        ScoringRule::AverageGrade { .. } => (
            5.0,
            vec![1.0, 2.0, 3.0, 4.0, 5.0],
            false,
            "分野ごとの平均点（5点満点）",
            "Average per category (out of 5)",
        ),
        ScoringRule::ViewpointGrade { .. } => (
            4.0,
            vec![1.0, 2.0, 3.0, 4.0],
            false,
            "項目ごとの評価（A=4、B=3、C=2、D=1）",
            "Grade per item (A=4, B=3, C=2, D=1)",
        ),
        ScoringRule::Tiers {} => (
            4.0,
            vec![1.0, 2.0, 3.0, 4.0],
            false,
            "機能ごとのティア（4が最高）",
            "Tier per function (4 is the highest)",
        ),
        ScoringRule::SumBands { .. } => (
            100.0,
            vec![25.0, 50.0, 75.0, 100.0],
            true,
            "パートごとの得点率（満点に対する割合）",
            "Score per part (share of the maximum)",
        ),
        _ => (
            100.0,
            vec![25.0, 50.0, 75.0, 100.0],
            true,
            "グループごとの実施率",
            "Share in place per group",
        ),
    };
    Scale {
        max,
        ticks,
        percent,
        what_ja,
        what_en,
    }
}

fn grade_points(grade: &str) -> Option<f64> {
    match grade {
        "A" => Some(4.0),
        "B" => Some(3.0),
        "C" => Some(2.0),
        "D" => Some(1.0),
        _ => None,
    }
}

/// One figure per chart axis, with what the table prints for it: parts as a share of their
/// maximum, category averages, group percentages, function tiers, item grades.
fn by_group(catalog: &Catalog, score: &Score) -> Vec<(String, Option<f64>, String)> {
    let title = |id: &str| id.to_owned();
    match &score.outcome {
        Outcome::SumBands(r) => r
            .parts
            .iter()
            .map(|p| {
                let max: i64 = catalog.group_position(p.id).map_or(0, |g| {
                    catalog
                        .items_of(g)
                        .iter()
                        .map(|&i| max_points(catalog.options_of(i)))
                        .sum()
                });
                let share = (max > 0).then(|| (p.total.max(0) as f64 * 100.0 / max as f64).round());
                (title(p.id), share, format!("{} / {max}", p.total))
            })
            .collect(),
        Outcome::AverageGrade(r) => r
            .categories
            .iter()
            .map(|c| {
                let shown = match c.graded.average {
                    Some(a) => format!("{} ({a})", c.graded.grade),
                    None => c.graded.grade.to_owned(),
                };
                (title(c.id), c.graded.average.map(|a| a.as_f64()), shown)
            })
            .collect(),
        Outcome::ViewpointGrade(r) => r
            .items
            .iter()
            .map(|i| (title(i.id), grade_points(i.grade), i.grade.to_owned()))
            .collect(),
        Outcome::Percent(r) => r
            .groups
            .iter()
            .map(|g| {
                let shown = g
                    .percent
                    .map_or_else(|| "—".to_owned(), |p| format!("{p}%"));
                (title(g.id), g.percent.map(|p| p as f64), shown)
            })
            .collect(),
        Outcome::Tiers(r) => r
            .functions
            .iter()
            .map(|f| {
                let shown = f.tier.map_or_else(|| "—".to_owned(), |t| t.to_string());
                (title(f.id), f.tier.map(|t| t.as_f64()), shown)
            })
            .collect(),
        Outcome::YesCount(_) | Outcome::Tally(_) | Outcome::Classify(_) => Vec::new(),
    }
}

fn axis_label(catalog: &Catalog, id: &str, lang: Lang) -> String {
    match catalog.group_position(id) {
        Some(g) => catalog.groups[g].title.get(lang).to_owned(),
        None => catalog.item_position(id).map_or_else(
            || id.to_owned(),
            |i| format!("{id} {}", catalog.items[i].short_title().get(lang)),
        ),
    }
}

fn group_blocks(
    catalog: &Catalog,
    figures: &[(String, Option<f64>, String)],
    lang: Lang,
) -> Vec<Block> {
    let scale = scale(catalog);
    let axes: Vec<String> = figures
        .iter()
        .map(|(id, _, _)| axis_label(catalog, id, lang))
        .collect();
    let what = l(lang, scale.what_ja, scale.what_en);
    let described: Vec<String> = axes
        .iter()
        .zip(figures)
        .map(|(a, (_, _, shown))| format!("{a} {shown}"))
        .collect();
    let svg = radar(&Radar {
        id: format!("sheet-{}", catalog.id),
        title: format!("{}: {what}", catalog.title.get(lang)),
        description: described.join(l(lang, "、", ", ")),
        axes: axes.clone(),
        min: 0.0,
        max: scale.max,
        ticks: scale.ticks.clone(),
        series: vec![Series {
            name: l(lang, "今回", "This result").to_owned(),
            values: figures.iter().map(|(_, v, _)| *v).collect(),
            kind: SeriesKind::Current,
        }],
        empty_text: l(lang, "表示できる結果がありません", "No result to show").to_owned(),
    });
    let value_header = if scale.percent {
        l(lang, "点数（得点率）", "Score (share)")
    } else {
        l(lang, "評価", "Result")
    };
    let rows = axes
        .iter()
        .zip(figures)
        .map(|(a, (_, v, shown))| {
            let cell = match (scale.percent, v) {
                (true, Some(v)) if !shown.ends_with('%') => match lang {
                    Lang::Ja => format!("{shown}（{v}%）"),
                    Lang::En => format!("{shown} ({v}%)"),
                },
                _ => shown.clone(),
            };
            vec![a.clone(), cell]
        })
        .collect();
    vec![
        Block::Paragraph(what.to_owned()),
        Block::Chart(Chart {
            svg,
            alt: described.join(l(lang, "、", ", ")),
            width_percent: if axes.len() < 3 { 90 } else { 72 },
        }),
        Block::Table(Table {
            name: "by-category".to_owned(),
            header: vec![
                l(lang, "分野", "Category").to_owned(),
                value_header.to_owned(),
            ],
            rows,
            widths: vec![3, 1],
        }),
    ]
}

fn first_step(catalog: &Catalog, a: &ProposedAction, lang: Lang) -> String {
    let mut text = a.action_title(catalog, lang);
    // An item without its own instruction is titled by its first countermeasure: say it once.
    let same = |step: &str| text.contains(step.trim_end_matches(['。', '.']));
    if let Some(step) = a.countermeasures.first().filter(|s| !same(s.get(lang))) {
        text.push_str(l(lang, "（手軽な対策: ", " (a low-cost step: "));
        text.push_str(step.get(lang));
        text.push_str(l(lang, "）", ")"));
    }
    text
}

/// The answer given, in the catalog's words; an item answered from several viewpoints (the
/// secondary diagnosis) has no one answer, so its grade stands in for it.
fn answer_label(catalog: &Catalog, score: &Score, a: &ProposedAction, lang: Lang) -> String {
    let Some(answer) = a.answer else {
        let grade = match &score.outcome {
            Outcome::ViewpointGrade(r) => r.items.iter().find(|i| i.id == a.item),
            _ => None,
        };
        return grade.map_or_else(
            || "—".to_owned(),
            |g| match lang {
                Lang::Ja => format!("評価 {}", g.grade),
                Lang::En => format!("Grade {}", g.grade),
            },
        );
    };
    catalog
        .item_position(a.item)
        .and_then(|i| {
            catalog
                .options_of(i)
                .iter()
                .find(|o| &o.value == answer)
                .map(|o| o.label.get(lang).to_owned())
        })
        .unwrap_or_else(|| answer.to_string())
}

fn gap_table(catalog: &Catalog, score: &Score, actions: &[ProposedAction], lang: Lang) -> Table {
    let rows = actions
        .iter()
        .map(|a| {
            let item = catalog.item_position(a.item).map_or_else(
                || a.item.to_owned(),
                |i| format!("{} {}", a.item, catalog.items[i].short_title().get(lang)),
            );
            let answer = match a.kind {
                ActionKind::FindOut => format!(
                    "{}{}",
                    answer_label(catalog, score, a, lang),
                    l(lang, "（まず確認）", " (find out first)")
                ),
                ActionKind::Improve => answer_label(catalog, score, a, lang),
            };
            vec![
                a.priority.to_string(),
                item,
                answer,
                a.risk
                    .map_or_else(|| "—".to_owned(), |r| r.get(lang).to_owned()),
                a.countermeasures
                    .first()
                    .map_or_else(|| "—".to_owned(), |c| c.get(lang).to_owned()),
            ]
        })
        .collect();
    Table {
        name: "items-not-done".to_owned(),
        header: vec![
            l(lang, "順", "No.").to_owned(),
            l(lang, "項目", "Item").to_owned(),
            l(lang, "回答", "Answer").to_owned(),
            l(lang, "放置した場合のリスク", "Risk if left").to_owned(),
            l(lang, "低コストでできる対策", "Low-cost countermeasure").to_owned(),
        ],
        rows,
        widths: vec![2, 8, 5, 10, 10],
    }
}

#[cfg(test)]
mod risk_tests;
#[cfg(test)]
mod tests;
