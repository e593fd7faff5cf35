//! A diagnostic's history (診断の推移): every submitted result of one questionnaire over time,
//! as a line of the overall figure and a table with one row per submission. The caller reads
//! the stored results and hands over the figures as the history page shows them, so the page,
//! the API and this sheet print the same numbers.

use super::{company_name, l};
use crate::model::{Block, Chart, Report, Table};
use mamori_charts::{Guide, Line, Series, SeriesKind, line};
use mamori_domain::catalog::ScoringRule;
use mamori_domain::{Catalog, Lang};
use time::Date;

/// One submitted result.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// The day it was submitted, in Japan.
    pub submitted: Date,
    /// How it came out, in one line ("総合評価 B", "72 / 100 点").
    pub headline: String,
    /// The one figure the line draws, on the questionnaire's scale; `None` leaves a gap.
    pub overall: Option<f64>,
    /// One printed figure per column of [`HistoryInput::columns`].
    pub values: Vec<String>,
}

pub struct HistoryInput<'a> {
    pub catalog: &'a Catalog,
    /// The per-group columns (group titles), in the order of each entry's `values`.
    pub columns: Vec<String>,
    /// Oldest first.
    pub entries: Vec<HistoryEntry>,
    pub company: Option<&'a str>,
    pub date: Date,
    pub lang: Lang,
}

/// Builds the history's document; any format is then written from it.
pub fn history_sheet(input: &HistoryInput) -> Report {
    let HistoryInput { catalog, lang, .. } = *input;
    let mut blocks = Vec::new();
    if input.entries.is_empty() {
        blocks.push(Block::Paragraph(
            l(
                lang,
                "この診断はまだ一度も提出されていません。回答を提出すると、ここに結果の推移が載ります。",
                "This questionnaire has not been submitted yet. Once it is, its results over time appear here.",
            )
            .to_owned(),
        ));
    } else {
        if input.entries.iter().any(|e| e.overall.is_some()) {
            blocks.push(Block::Heading {
                level: 1,
                text: l(lang, "これまでの推移", "Over time").to_owned(),
            });
            blocks.push(chart(input));
        }
        blocks.push(Block::Heading {
            level: 1,
            text: l(lang, "提出ごとの結果", "Each submission").to_owned(),
        });
        blocks.push(Block::Table(table(input)));
    }
    Report {
        lang,
        title: l(lang, "診断結果の推移", "Diagnosis results over time").to_owned(),
        subtitle: Some(catalog.title.get(lang).to_owned()),
        company: company_name(input.company, lang),
        date: input.date,
        blocks,
    }
}

/// The overall figure's range, grid and unit. The self-check's total runs from -25, but its
/// line starts at 0 like the paper form, with the bands' lower bounds as guides.
fn axis(catalog: &Catalog, lang: Lang) -> (f64, Vec<f64>, &'static str, Vec<Guide>) {
    let points = l(lang, "点", " points");
    match &catalog.scoring {
        ScoringRule::SumBands { bands, .. } => (
            100.0,
            vec![25.0, 50.0, 75.0, 100.0],
            points,
            bands
                .iter()
                .filter_map(|b| {
                    let min = b.min?;
                    Some(Guide {
                        value: min as f64,
                        label: format!("{min}{points}"),
                    })
                })
                .collect(),
        ),
        ScoringRule::AverageGrade { .. } => (5.0, vec![1.0, 2.0, 3.0, 4.0, 5.0], "", Vec::new()),
        ScoringRule::ViewpointGrade { .. } | ScoringRule::Tiers {} => {
            (4.0, vec![1.0, 2.0, 3.0, 4.0], "", Vec::new())
        }
        _ => (100.0, vec![25.0, 50.0, 75.0, 100.0], "%", Vec::new()),
    }
}

fn chart(input: &HistoryInput) -> Block {
    let points: Vec<(String, Option<f64>)> = input
        .entries
        .iter()
        .map(|e| {
            let d = e.submitted;
            (
                format!("{}/{:02}/{:02}", d.year(), u8::from(d.month()), d.day()),
                e.overall,
            )
        })
        .collect();
    let (svg, alt) = history_line(input.catalog, &points, input.lang);
    Block::Chart(Chart {
        svg,
        alt,
        width_percent: 90,
    })
}

/// The line of a questionnaire's overall figure over time, as the history page and this sheet
/// draw it: one point per submission, oldest first, labelled by its day ("2026/04/01"). Returns
/// the SVG and the same figures as text.
pub fn history_line(
    catalog: &Catalog,
    points: &[(String, Option<f64>)],
    lang: Lang,
) -> (String, String) {
    let (max, ticks, unit, guides) = axis(catalog, lang);
    let description = points
        .iter()
        .map(|(d, v)| match v {
            Some(v) => format!("{d} {}{unit}", (v * 10.0).round() / 10.0),
            None => format!("{d} —"),
        })
        .collect::<Vec<_>>()
        .join(l(lang, "、", ", "));
    let svg = line(&Line {
        id: format!("history-{}", catalog.id),
        title: format!(
            "{}: {}",
            catalog.title.get(lang),
            l(lang, "これまでの推移", "History")
        ),
        description: description.clone(),
        x_labels: points.iter().map(|(d, _)| d.clone()).collect(),
        min: 0.0,
        max,
        ticks,
        series: vec![Series {
            name: l(lang, "総合", "Overall").to_owned(),
            values: points.iter().map(|(_, v)| *v).collect(),
            kind: SeriesKind::Current,
        }],
        guides,
        empty_text: l(
            lang,
            "まだ提出した結果がありません。",
            "No result has been submitted yet.",
        )
        .to_owned(),
    });
    (svg, description)
}

/// Newest first, as the history page lists them.
fn table(input: &HistoryInput) -> Table {
    let lang = input.lang;
    let mut header = vec![
        l(lang, "提出日", "Submitted").to_owned(),
        l(lang, "結果", "Result").to_owned(),
    ];
    header.extend(input.columns.iter().cloned());
    let rows = input
        .entries
        .iter()
        .rev()
        .map(|e| {
            let mut row = vec![crate::long_date(e.submitted, lang), e.headline.clone()];
            row.extend(e.values.iter().cloned());
            row.resize(header.len(), "—".to_owned());
            row
        })
        .collect();
    let mut widths = vec![3, 3];
    widths.extend(input.columns.iter().map(|_| 2));
    Table {
        name: "history".to_owned(),
        header,
        rows,
        widths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{markdown, pdf};
    use mamori_domain::builtin;
    use time::macros::date;

    fn entry(
        submitted: Date,
        headline: &str,
        overall: Option<f64>,
        values: &[&str],
    ) -> HistoryEntry {
        HistoryEntry {
            submitted,
            headline: headline.to_owned(),
            overall,
            values: values.iter().map(|v| (*v).to_owned()).collect(),
        }
    }

    fn input(entries: Vec<HistoryEntry>, lang: Lang) -> HistoryInput<'static> {
        HistoryInput {
            catalog: builtin().get("self-check-25").expect("catalog"),
            columns: vec!["基本的対策".to_owned(), "従業員としての対策".to_owned()],
            entries,
            company: Some("守り商事株式会社"),
            date: date!(2026 - 12 - 07),
            lang,
        }
    }

    #[test]
    fn the_history_lists_every_submission_newest_first_with_its_figures() {
        let report = history_sheet(&input(
            vec![
                entry(
                    date!(2026 - 04 - 01),
                    "52 / 100 点",
                    Some(52.0),
                    &["60%", "40%"],
                ),
                entry(
                    date!(2026 - 10 - 01),
                    "71 / 100 点",
                    Some(71.0),
                    &["80%", "65%"],
                ),
            ],
            Lang::Ja,
        ));
        assert_eq!(report.title, "診断結果の推移");
        let table = report.tables().next().expect("table");
        assert_eq!(
            table.header,
            ["提出日", "結果", "基本的対策", "従業員としての対策"]
        );
        assert_eq!(
            table.rows[0],
            ["2026年10月1日", "71 / 100 点", "80%", "65%"]
        );
        assert_eq!(table.rows[1], ["2026年4月1日", "52 / 100 点", "60%", "40%"]);
        let chart = report
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Chart(c) => Some(c),
                _ => None,
            })
            .expect("chart");
        assert!(chart.alt.contains("2026/04/01 52点"), "{}", chart.alt);
        let md = markdown(&report);
        assert!(md.contains("守り商事株式会社"), "{md}");
        assert!(pdf(&report).is_ok());
    }

    #[test]
    fn a_questionnaire_never_submitted_says_so_instead_of_an_empty_table() {
        let report = history_sheet(&input(Vec::new(), Lang::En));
        assert_eq!(report.tables().count(), 0);
        assert!(
            matches!(&report.blocks[0], Block::Paragraph(p) if p.contains("not been submitted"))
        );
    }
}
