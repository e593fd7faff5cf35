//! Peer comparison beside a result (diagnostics.md §9): the company's score, the peer group's
//! mean and a desired level, the percentile and 偏差値, a histogram of peer scores with the
//! company marked, and a radar of the company against the peer means by category. The group
//! and the privacy rule (never fewer than five other companies) are the domain's.

use mamori_domain::Catalog;
use mamori_domain::Lang;
use mamori_domain::catalog::ScoringRule;
use mamori_domain::peers::{
    CatalogScale, EmployeeBand, Industry, PeerRecord, PeerScope, PeerSubject, compare,
};
use mamori_storage::PeerResult;
use serde_json::Value;

use super::figures::{self, Scale};
use crate::org::OrgNav;
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

/// A result's score in the integer unit the domain compares: totals and percentages as they are,
/// averages and tiers in tenths.
fn score_of(catalog: &Catalog, result: &Value) -> Option<i64> {
    let v = figures::overall(catalog, result)?;
    Some(match catalog.scoring {
        ScoringRule::SumBands { .. } | ScoringRule::Percent {} => v.round() as i64,
        ScoringRule::YesCount { .. } => result.get("yes_count")?.as_i64()?,
        _ => (v * 10.0).round() as i64,
    })
}

fn show(v: f64, catalog: &Catalog) -> String {
    match catalog.scoring {
        ScoringRule::SumBands { .. } | ScoringRule::YesCount { .. } => format!("{v:.1}"),
        ScoringRule::Percent {} => format!("{v:.0}%"),
        _ => format!("{v:.1}"),
    }
}

fn scope_label(scope: PeerScope, lang: Lang) -> &'static str {
    match scope {
        PeerScope::IndustryAndSize => tr(lang, "同じ業種・同じ規模の企業"),
        PeerScope::Size => tr(lang, "同じ規模の企業"),
        PeerScope::All => tr(lang, "すべての企業"),
    }
}

fn record(p: &PeerResult, score: i64) -> Option<PeerRecord> {
    Some(PeerRecord {
        company: u64::try_from(p.company).ok()?,
        industry: Industry::new(p.industry.as_deref()?.chars().next()?)?,
        employees: EmployeeBand::parse(p.employee_band.as_deref()?)?,
        score,
        anonymous_ok: true,
    })
}

pub async fn panel(
    state: &AppState,
    access: &OrgAccess,
    catalog: &Catalog,
    result: &Value,
    id: i64,
    lang: Lang,
) -> Result<PeerPanel, AppError> {
    let none = |note| {
        Ok(PeerPanel {
            note: Some(note),
            view: None,
        })
    };
    if !OrgNav::new(access, "").is_company
        || matches!(catalog.scoring, ScoringRule::Classify { .. })
    {
        return Ok(PeerPanel {
            note: None,
            view: None,
        });
    }
    let profile = state.store().profile(access.scope()).await?;
    let (Some(industry), Some(band)) = (
        profile.industry.and_then(Industry::new),
        profile
            .employee_band
            .and_then(|b| EmployeeBand::parse(b.as_str())),
    ) else {
        return none(tr(
            lang,
            "企業情報に業種と従業員規模を登録すると、同じような企業と比べられます。",
        ));
    };
    let Some(score) = score_of(catalog, result) else {
        return Ok(PeerPanel {
            note: None,
            view: None,
        });
    };
    let peers = state
        .store()
        .peer_results(access.scope(), &catalog.id)
        .await?;
    let company = u64::try_from(access.scope().org().0).unwrap_or_default();
    let subject = PeerSubject {
        company,
        industry,
        employees: band,
        score,
    };
    let records: Vec<PeerRecord> = peers
        .iter()
        .filter_map(|p| record(p, score_of(catalog, &p.result)?))
        .collect();
    let catalog_scale = CatalogScale::of(catalog);
    let spec = catalog_scale.bins;
    let Some(cmp) = compare(&records, &subject, &spec) else {
        return none(tr(
            lang,
            "比べられる企業がまだ5社に満たないため、比較は表示していません（個々の企業の回答が推測されないようにするためです）。",
        ));
    };
    let u = catalog_scale.unit as f64;
    let scale: Scale = figures::scale(catalog);
    // Peer means by area, each over the same group (membership does not depend on the score).
    let mine = figures::by_group(catalog, result);
    // Each peer's figures by area, read from its result once (not once per area).
    let peer_groups: Vec<Vec<(String, Option<f64>)>> = peers
        .iter()
        .map(|p| figures::by_group(catalog, &p.result))
        .collect();
    let mut areas = Vec::new();
    let mut peer_means = Vec::new();
    for (gid, value) in &mine {
        let group_records: Vec<PeerRecord> = peers
            .iter()
            .zip(&peer_groups)
            .filter_map(|(p, groups)| {
                let v = groups.iter().find(|(g, _)| g == gid)?.1?;
                record(p, (v * 10.0).round() as i64)
            })
            .collect();
        let subject = PeerSubject {
            score: value.map_or(0, |v| (v * 10.0).round() as i64),
            ..subject
        };
        let mean = compare(&group_records, &subject, &spec)
            .filter(|c| c.scope == cmp.scope)
            .map(|c| c.mean / 10.0);
        areas.push((
            figures::axis_label(catalog, gid, lang),
            figures::show(*value, &scale),
            figures::show(mean, &scale),
        ));
        peer_means.push(mean);
    }
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
                    values: mine.iter().map(|(_, v)| *v).collect(),
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
        let (from, to) = (b.from as f64 / u, b.to as f64 / u);
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
            company: show(score as f64 / u, catalog),
            mean: show(cmp.mean / u, catalog),
            desired: catalog_scale
                .desired
                .map_or_else(|| "—".to_owned(), |d| show(d, catalog)),
            top_percent: format!("{:.0}", (100.0 - cmp.percentile).clamp(0.0, 100.0)),
            deviation: format!("{:.1}", cmp.deviation_value),
            histogram,
            radar,
            areas,
        }),
    })
}
