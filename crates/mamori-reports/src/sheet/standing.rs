//! What the result sheet says beyond the one result, when the caller knows it: how the company
//! compares with similar companies, and where it stands for SECURITY ACTION and the maturity
//! level by everything Mamori has on record (the company home's verdicts, not this sheet's).

use super::l;
use crate::model::{Block, Chart, Figure, Table};
use mamori_charts::{Bin, Histogram, histogram};
use mamori_domain::journey::{Maturity, SecurityAction, Star};
use mamori_domain::peers::{PeerFigures, PeerScope, show_figure as show};
use mamori_domain::{Catalog, Lang};

/// The company's standing as of the sheet's date.
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    pub security_action: &'a SecurityAction,
    pub maturity: &'a Maturity,
}

fn show_area(v: Option<f64>, percent: bool) -> String {
    match v {
        None => "—".to_owned(),
        Some(v) if percent => format!("{}%", v.round() as i64),
        Some(v) => format!("{v:.1}"),
    }
}

fn scope_words(scope: PeerScope, lang: Lang) -> &'static str {
    match scope {
        PeerScope::IndustryAndSize => l(
            lang,
            "同じ業種・同じ規模の企業",
            "companies of the same industry and size",
        ),
        PeerScope::Size => l(lang, "同じ規模の企業", "companies of the same size"),
        PeerScope::All => l(lang, "すべての企業", "all companies"),
    }
}

pub(super) fn peer_blocks(catalog: &Catalog, peers: &PeerFigures, lang: Lang) -> Vec<Block> {
    let cmp = &peers.comparison;
    let group = scope_words(cmp.scope, lang);
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: l(
                lang,
                "同じような企業との比較",
                "Compared with similar companies",
            )
            .to_owned(),
        },
        Block::Paragraph(match lang {
            Lang::Ja => format!(
                "比較対象は{group}（{}社）です。個々の企業の回答が推測されないよう、5社以上のときだけ比べています。",
                cmp.count
            ),
            Lang::En => format!(
                "Compared with {group} ({} companies). Comparisons are shown only with five or more companies, so no single company's answers can be inferred.",
                cmp.count
            ),
        }),
        Block::Figures(vec![
            Figure {
                label: l(lang, "自社", "This company").to_owned(),
                value: show(peers.company, catalog),
                note: None,
            },
            Figure {
                label: l(lang, "比較対象の平均", "Peer average").to_owned(),
                value: show(peers.mean(), catalog),
                note: peers.desired.map(|d| match lang {
                    Lang::Ja => format!("目指す水準 {}", show(d, catalog)),
                    Lang::En => format!("aim for {}", show(d, catalog)),
                }),
            },
            Figure {
                label: l(lang, "順位", "Rank").to_owned(),
                value: match lang {
                    Lang::Ja => format!("上位 {:.0}%", peers.top_percent()),
                    Lang::En => format!("top {:.0}%", peers.top_percent()),
                },
                note: Some(match lang {
                    Lang::Ja => format!("偏差値 {:.1}", cmp.deviation_value),
                    Lang::En => format!("standard score {:.1}", cmp.deviation_value),
                }),
            },
        ]),
    ];
    let label = |b: &mamori_domain::peers::Bin| {
        let (from, to) = peers.bin_bounds(b);
        if (to - from).abs() < f64::EPSILON {
            show(from, catalog)
        } else {
            format!("{}–{}", show(from, catalog), show(to, catalog))
        }
    };
    let described = cmp
        .histogram
        .iter()
        .map(|b| match lang {
            Lang::Ja => format!("{} {}社", label(b), b.count),
            Lang::En => format!("{} {}", label(b), b.count),
        })
        .collect::<Vec<_>>()
        .join(l(lang, "、", ", "));
    let svg = histogram(&Histogram {
        id: format!("sheet-peers-{}", catalog.id),
        title: l(lang, "比較対象の企業の分布", "How the peers are spread").to_owned(),
        description: described.clone(),
        bins: cmp
            .histogram
            .iter()
            .map(|b| Bin {
                label: label(b),
                count: b.count,
            })
            .collect(),
        marked: cmp.histogram.iter().position(|b| b.contains_subject),
        marker_label: l(lang, "自社", "This company").to_owned(),
        empty_text: l(lang, "表示できる結果がありません", "No result to show").to_owned(),
    });
    blocks.push(Block::Chart(Chart {
        svg,
        alt: described,
        width_percent: 80,
    }));
    if peers.areas.iter().any(|(_, _, mean)| mean.is_some()) {
        let percent = super::scale(catalog).percent;
        blocks.push(Block::Table(Table {
            name: "peers-by-category".to_owned(),
            header: vec![
                l(lang, "分野", "Category").to_owned(),
                l(lang, "自社", "This company").to_owned(),
                l(lang, "比較対象の平均", "Peer average").to_owned(),
            ],
            rows: peers
                .areas
                .iter()
                .map(|(id, mine, mean)| {
                    vec![
                        super::axis_label(catalog, id, lang),
                        show_area(*mine, percent),
                        show_area(*mean, percent),
                    ]
                })
                .collect(),
            widths: vec![3, 1, 1],
        }));
    }
    blocks
}

fn star_figure(label: &str, star: &Star, lang: Lang) -> Figure {
    Figure {
        label: label.to_owned(),
        value: if star.ready {
            l(lang, "宣言できます", "Ready")
        } else {
            l(lang, "まだです", "Not yet")
        }
        .to_owned(),
        note: None,
    }
}

pub(super) fn standing_blocks(standing: &Standing, date: &str, lang: Lang) -> Vec<Block> {
    let Standing {
        security_action: sa,
        maturity,
    } = *standing;
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: l(
                lang,
                "SECURITY ACTION と成熟度レベル",
                "SECURITY ACTION and maturity level",
            )
            .to_owned(),
        },
        Block::Paragraph(match lang {
            Lang::Ja => format!(
                "{date}の時点で Mamori に記録されている診断・対策・リスク分析などから判定しています。"
            ),
            Lang::En => format!(
                "Judged from the diagnoses, actions, risk analysis and other records Mamori holds as of {date}."
            ),
        }),
        Block::Figures(vec![
            star_figure(l(lang, "★ 一つ星", "★ One star"), &sa.one_star, lang),
            star_figure(l(lang, "★★ 二つ星", "★★ Two stars"), &sa.two_stars, lang),
            Figure {
                label: l(lang, "成熟度レベル", "Maturity level").to_owned(),
                value: format!("{} / 5", maturity.level),
                note: None,
            },
        ]),
    ];
    for (star, ja, en) in [
        (
            &sa.one_star,
            "★ 一つ星の宣言に必要なこと",
            "Still needed for one star",
        ),
        (
            &sa.two_stars,
            "★★ 二つ星の宣言に必要なこと",
            "Still needed for two stars",
        ),
    ] {
        if !star.missing.is_empty() {
            blocks.push(Block::Heading {
                level: 2,
                text: l(lang, ja, en).to_owned(),
            });
            blocks.push(Block::Bullets(
                star.missing.iter().map(|m| m.text(lang)).collect(),
            ));
        }
    }
    match maturity.next_level {
        Some(next) => {
            blocks.push(Block::Heading {
                level: 2,
                text: match lang {
                    Lang::Ja => format!("レベル{next}に上がるために必要なこと"),
                    Lang::En => format!("To reach level {next}"),
                },
            });
            blocks.push(Block::Bullets(
                maturity.unmet.iter().map(|c| c.text(lang)).collect(),
            ));
        }
        None => blocks.push(Block::Paragraph(
            l(
                lang,
                "最高のレベルです。継続的な改善を続けましょう。",
                "This is the highest level. Keep improving continuously.",
            )
            .to_owned(),
        )),
    }
    blocks
}
