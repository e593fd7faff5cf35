//! The secondary diagnosis's page of the sheet (documents.md §3): every item with its grade and
//! the consultant's observations and improvement proposal, the part a company reads most
//! closely after an on-site visit.

use super::l;
use crate::model::{Block, Table};
use mamori_domain::scoring::Outcome;
use mamori_domain::{Catalog, ItemNote, Lang, Score};

/// The heading, a sentence on where the texts come from, and the table; nothing for a catalog
/// without notes.
pub(super) fn blocks(
    catalog: &Catalog,
    score: &Score,
    notes: &[ItemNote],
    lang: Lang,
) -> Vec<Block> {
    if !catalog.takes_notes() {
        return Vec::new();
    }
    let grade = |id: &str| match &score.outcome {
        Outcome::ViewpointGrade(r) => {
            r.items.iter().find(|i| i.id == id).map_or("—", |i| i.grade)
        }
        _ => "—",
    };
    let text = |t: &str| {
        if t.trim().is_empty() {
            "—".to_owned()
        } else {
            t.trim().to_owned()
        }
    };
    let rows = catalog
        .items
        .iter()
        .map(|item| {
            let note = notes.iter().find(|n| n.item == item.id);
            vec![
                format!("{} {}", item.id, item.short_title().get(lang)),
                grade(&item.id).to_owned(),
                note.map_or_else(|| "—".to_owned(), |n| text(&n.observation)),
                note.map_or_else(|| "—".to_owned(), |n| text(&n.proposal)),
            ]
        })
        .collect();
    vec![
        Block::Heading {
            level: 1,
            text: l(lang, "項目ごとの評価と所見", "Grade and notes per item").to_owned(),
        },
        Block::Paragraph(
            l(
                lang,
                "評価は規定・浸透状況・管理方法・技術的対策の4つの観点から付けています。傾向と対策、改善提案は診断を担当した専門家の所見です。",
                "Each grade comes from four viewpoints: a written rule, adoption, how adoption is checked, and a technical measure. The observations and improvement proposals are those of the expert who carried out the diagnosis.",
            )
            .to_owned(),
        ),
        Block::Table(Table {
            name: "item-notes".to_owned(),
            header: vec![
                l(lang, "項目", "Item").to_owned(),
                l(lang, "評価", "Grade").to_owned(),
                l(lang, "傾向と対策", "Observations").to_owned(),
                l(lang, "改善提案", "Improvement proposal").to_owned(),
            ],
            rows,
            widths: vec![8, 2, 11, 11],
        }),
    ]
}
