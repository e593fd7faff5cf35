//! Peer comparison beside a result (diagnostics.md §9): the company's score, the peer group's
//! mean and a desired level, the percentile and 偏差値, a histogram of peer scores with the
//! company marked, and a radar of the company against the peer means by category. The group
//! and the privacy rule (never fewer than five other companies) are the domain's.

use mamori_domain::Catalog;
use mamori_domain::Lang;
use mamori_domain::peers::{PeerScope, show_figure as show};
use serde_json::Value;

use mamori_app::figures::{self, Scale};
use mamori_app::peers::{Peers, compare_result};
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

pub struct PeerView {
    pub scope: &'static str,
    pub count: usize,
    pub company: String,
    pub mean: String,
    pub desired: String,
    pub top_percent: String,
    pub deviation: String,
    pub histogram: String,
    pub radar: String,
    /// (area, company, peer mean)
    pub areas: Vec<(String, String, String)>,
}

/// What the result page shows in the peer section.
pub struct PeerPanel {
    /// Why there is no comparison, when there is none.
    pub note: Option<&'static str>,
    pub view: Option<PeerView>,
}

fn scope_label(scope: PeerScope, lang: Lang) -> &'static str {
    match scope {
        PeerScope::IndustryAndSize => tr(lang, "同じ業種・同じ規模の企業"),
        PeerScope::Size => tr(lang, "同じ規模の企業"),
        PeerScope::All => tr(lang, "すべての企業"),
    }
}

pub async fn panel(
    state: &AppState,
    access: &OrgAccess,
    catalog: &Catalog,
    result: &Value,
    id: i64,
    lang: Lang,
) -> Result<PeerPanel, AppError> {
    let peer = match compare_result(state.store(), &access.access, catalog, result).await? {
        Peers::Compared(f) => f,
        other => {
            return Ok(PeerPanel {
                note: match other {
                    Peers::NeedsProfile => Some(tr(
                        lang,
                        "企業情報に業種と従業員規模を登録すると、同じような企業と比べられます。",
                    )),
                    Peers::TooFew => Some(tr(
                        lang,
                        "比べられる企業がまだ5社に満たないため、比較は表示していません（個々の企業の回答が推測されないようにするためです）。",
                    )),
                    _ => None,
                },
                view: None,
            });
        }
    };
    let cmp = &peer.comparison;
    let scale: Scale = figures::scale(catalog);
    let areas: Vec<(String, String, String)> = peer
        .areas
        .iter()
        .map(|(gid, value, mean)| {
            (
                figures::axis_label(catalog, gid, lang),
                figures::show(*value, &scale),
                figures::show(*mean, &scale),
            )
        })
        .collect();
    let mine: Vec<Option<f64>> = peer.areas.iter().map(|(_, v, _)| *v).collect();
    let peer_means: Vec<Option<f64>> = peer.areas.iter().map(|(_, _, m)| *m).collect();
    let radar = if mine.len() >= 3 {
        mamori_charts::radar(&mamori_charts::Radar {
            id: format!("peers-{id}"),
            title: tr(lang, "分野ごとの比較: 自社と比較対象の平均").to_owned(),
            description: areas
                .iter()
                .map(|(a, c, m)| format!("{a} {c} / {m}"))
                .collect::<Vec<_>>()
                .join(tr(lang, "、")),
            axes: areas.iter().map(|(a, _, _)| a.clone()).collect(),
            min: scale.min,
            max: scale.max,
            ticks: scale.ticks,
            series: vec![
                mamori_charts::Series {
                    name: tr(lang, "自社").to_owned(),
                    values: mine,
                    kind: mamori_charts::SeriesKind::Current,
                },
                mamori_charts::Series {
                    name: tr(lang, "比較対象の平均").to_owned(),
                    values: peer_means,
                    kind: mamori_charts::SeriesKind::Peer,
                },
            ],
            empty_text: tr(lang, "表示できる結果がありません").to_owned(),
        })
    } else {
        String::new()
    };
    let label = |b: &mamori_domain::peers::Bin| {
        let (from, to) = peer.bin_bounds(b);
        if (to - from).abs() < f64::EPSILON {
            show(from, catalog)
        } else {
            format!("{}–{}", show(from, catalog), show(to, catalog))
        }
    };
    let histogram = mamori_charts::histogram(&mamori_charts::Histogram {
        id: format!("peer-histogram-{id}"),
        title: tr(lang, "比較対象の企業の分布").to_owned(),
        description: cmp
            .histogram
            .iter()
            .map(|b| format!("{} {}", label(b), b.count))
            .collect::<Vec<_>>()
            .join(tr(lang, "、")),
        bins: cmp
            .histogram
            .iter()
            .map(|b| mamori_charts::Bin {
                label: label(b),
                count: b.count,
            })
            .collect(),
        marked: cmp.histogram.iter().position(|b| b.contains_subject),
        marker_label: tr(lang, "自社").to_owned(),
        empty_text: tr(lang, "表示できる結果がありません").to_owned(),
    });
    Ok(PeerPanel {
        note: None,
        view: Some(PeerView {
            scope: scope_label(cmp.scope, lang),
            count: cmp.count,
            company: show(peer.company, catalog),
            mean: show(peer.mean(), catalog),
            desired: peer
                .desired
                .map_or_else(|| "—".to_owned(), |d| show(d, catalog)),
            top_percent: format!("{:.0}", peer.top_percent()),
            deviation: format!("{:.1}", cmp.deviation_value),
            histogram,
            radar,
            areas,
        }),
    })
}
