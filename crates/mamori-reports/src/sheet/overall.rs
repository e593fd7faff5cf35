//! The sheet's first section: the headline figures of each kind of questionnaire, what they mean,
//! and SECURITY ACTION readiness where the questionnaire decides it.

use super::l;
use crate::model::{Block, Figure, Table};
use mamori_domain::catalog::ScoringRule;
use mamori_domain::decimal::Tenths;
use mamori_domain::scoring::{Graded, Outcome, band_for};
use mamori_domain::{Catalog, Lang, Score};

fn figure(label: &str, value: String, note: Option<String>) -> Figure {
    Figure {
        label: label.to_owned(),
        value,
        note,
    }
}

/// The self-check's bands (the result JSON's `band`) in words a reader knows.
fn band_name(id: &str, lang: Lang) -> String {
    match id {
        "excellent" => l(lang, "達成", "Achieved"),
        "partial" => l(lang, "一部不十分", "Partly insufficient"),
        "insufficient" => l(lang, "不十分", "Insufficient"),
        "critical" => l(lang, "危険", "Critical"),
        other => other,
    }
    .to_owned()
}

fn average_note(average: Option<Tenths>, out_of: &str, lang: Lang) -> Option<String> {
    average.map(|a| match lang {
        Lang::Ja => format!("平均 {a}（{out_of}点満点）"),
        Lang::En => format!("average {a} (out of {out_of})"),
    })
}

fn graded(catalog: &Catalog, overall: &Graded, out_of: &str, lang: Lang) -> Vec<Block> {
    let mut blocks = vec![Block::Figures(vec![figure(
        l(lang, "総合評価", "Overall grade"),
        overall.grade.to_owned(),
        average_note(overall.average, out_of, lang),
    )])];
    let grades = match &catalog.scoring {
        ScoringRule::AverageGrade { grades } | ScoringRule::ViewpointGrade { grades, .. } => {
            grades.as_slice()
        }
        _ => &[],
    };
    if let Some(g) = grades.iter().find(|g| g.id == overall.grade) {
        blocks.push(Block::Paragraph(g.meaning.get(lang).to_owned()));
    }
    blocks
}

pub fn blocks(catalog: &Catalog, score: &Score, lang: Lang) -> Vec<Block> {
    match &score.outcome {
        Outcome::YesCount(r) => {
            let n = catalog.items.len();
            let mut blocks = vec![Block::Figures(vec![
                figure(
                    l(lang, "実施している項目", "Measures in place"),
                    format!("{} / {n}", r.yes_count),
                    None,
                ),
                figure(
                    l(lang, "SECURITY ACTION ★一つ星", "SECURITY ACTION one star"),
                    l(lang, "宣言できます", "Ready").to_owned(),
                    None,
                ),
            ])];
            if let Block::Figures(f) = &mut blocks[0]
                && !r.ready
            {
                f[1].value = l(lang, "まだです", "Not yet").to_owned();
            }
            blocks.push(Block::Heading {
                level: 2,
                text: "SECURITY ACTION".to_owned(),
            });
            blocks.push(Block::Paragraph(
                if r.ready {
                    l(
                        lang,
                        "5か条をすべて実施しているので、SECURITY ACTION の一つ星（★）を宣言できます。",
                        "All five principles are in place, so the company can declare SECURITY ACTION one star.",
                    )
                } else {
                    l(
                        lang,
                        "SECURITY ACTION の一つ星（★）を宣言するには、5か条のすべてを実施する必要があります。下の「未実施の項目とリスク」から取り組んでください。",
                        "To declare SECURITY ACTION one star, all five principles must be in place. Start with the items listed under \"Items not done and their risks\".",
                    )
                }
                .to_owned(),
            ));
            blocks
        }
        Outcome::SumBands(r) => {
            let band = match &catalog.scoring {
                ScoringRule::SumBands { bands, .. } => band_for(bands, r.total),
                _ => None,
            };
            let mut blocks = vec![Block::Figures(vec![
                figure(
                    l(lang, "合計点", "Total score"),
                    r.total.to_string(),
                    Some(match lang {
                        Lang::Ja => format!("{}点満点", r.max),
                        Lang::En => format!("out of {}", r.max),
                    }),
                ),
                figure(l(lang, "判定", "Result"), band_name(r.band, lang), None),
                figure(
                    l(lang, "「わからない」の項目", "Answered \"don't know\""),
                    r.unknown.len().to_string(),
                    None,
                ),
            ])];
            if let Some(band) = band {
                blocks.push(Block::Paragraph(format!(
                    "{}{}{}",
                    band.situation.get(lang),
                    l(lang, "", " "),
                    band.next_step.get(lang)
                )));
            }
            if !r.respondents.is_empty() {
                blocks.push(Block::Paragraph(
                    l(
                        lang,
                        "複数の回答者の回答を、項目ごとに最も低い回答でまとめています。",
                        "Several respondents answered; each item takes the lowest answer given.",
                    )
                    .to_owned(),
                ));
                blocks.push(Block::Table(Table {
                    name: "respondents".to_owned(),
                    header: vec![
                        l(lang, "回答者", "Respondent").to_owned(),
                        l(lang, "合計点", "Total").to_owned(),
                    ],
                    rows: r
                        .respondents
                        .iter()
                        .map(|x| vec![x.name.clone(), x.total.to_string()])
                        .collect(),
                    widths: vec![3, 1],
                }));
            }
            blocks
        }
        Outcome::AverageGrade(r) => graded(catalog, &r.overall, "5", lang),
        Outcome::ViewpointGrade(r) => graded(catalog, &r.overall, "4", lang),
        Outcome::Percent(r) => vec![Block::Figures(vec![figure(
            l(lang, "全体の達成率", "Overall"),
            r.overall_percent.map_or_else(
                || l(lang, "該当なし", "n/a").to_owned(),
                |p| format!("{p}%"),
            ),
            None,
        )])],
        Outcome::Tiers(r) => {
            let tiers: Vec<Tenths> = r.functions.iter().filter_map(|f| f.tier).collect();
            let figures = r
                .functions
                .iter()
                .map(|f| {
                    figure(
                        f.id,
                        f.tier.map_or_else(|| "—".to_owned(), |t| t.to_string()),
                        Some(l(lang, "ティア", "tier").to_owned()),
                    )
                })
                .collect();
            let mut blocks = vec![Block::Figures(figures)];
            if tiers.is_empty() {
                blocks.push(Block::Paragraph(
                    l(
                        lang,
                        "評価できる回答がありません。",
                        "No answer could be rated.",
                    )
                    .to_owned(),
                ));
            }
            blocks
        }
        Outcome::Tally(r) => {
            let figures = r
                .counts
                .0
                .iter()
                .map(|(value, n)| {
                    let label = catalog
                        .scale
                        .options
                        .iter()
                        .find(|o| &o.value == *value)
                        .map_or_else(|| value.to_string(), |o| o.label.get(lang).to_owned());
                    figure(&label, n.to_string(), None)
                })
                .collect();
            vec![Block::Figures(figures)]
        }
        Outcome::Classify(r) => {
            let class = match &catalog.scoring {
                ScoringRule::Classify { classes } => classes.iter().find(|k| k.id == r.class),
                _ => None,
            };
            match class {
                Some(class) => vec![
                    Block::Figures(vec![figure(
                        l(lang, "分類", "Type"),
                        format!("{} {}", class.number, class.label.get(lang)),
                        None,
                    )]),
                    Block::Paragraph(class.description.get(lang).to_owned()),
                ],
                None => Vec::new(),
            }
        }
    }
}
