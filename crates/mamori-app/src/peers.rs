//! Peer comparison of one result (diagnostics.md §9): which group the company is compared with,
//! the group's figures, and the peers' means by area. The result page and the result sheet both
//! read it here and only put it in words, so the two never disagree. The group and the privacy
//! rule (never fewer than five other companies) are the domain's.

use mamori_domain::Catalog;
use mamori_domain::catalog::ScoringRule;
use mamori_domain::peers::{
    CatalogScale, EmployeeBand, Industry, PeerFigures, PeerRecord, PeerSubject, compare,
};
use mamori_storage::{Access, OrgKind, PeerResult, Store};
use serde_json::Value;

use crate::{Error, figures};

/// Why there is a comparison or not.
#[derive(Debug, Clone, PartialEq)]
pub enum Peers {
    /// The questionnaire or the organisation has no comparison at all (a classification, a
    /// support organisation).
    NotApplicable,
    /// The company's profile lacks its industry or its size.
    NeedsProfile,
    /// Fewer than five comparable companies.
    TooFew,
    Compared(PeerFigures),
}

/// A result's score in the integer unit the domain compares: totals and percentages as they
/// are, averages and tiers in tenths.
fn score_of(catalog: &Catalog, result: &Value) -> Option<i64> {
    let v = figures::overall(catalog, result)?;
    Some(match catalog.scoring {
        ScoringRule::SumBands { .. } | ScoringRule::Percent {} => v.round() as i64,
        ScoringRule::YesCount { .. } => result.get("yes_count")?.as_i64()?,
        _ => (v * 10.0).round() as i64,
    })
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

/// Compares `result` (a result of `catalog` of the company `access` reaches) with its peers.
/// Two queries: the profile and the peers' latest results.
pub async fn compare_result(
    store: &Store,
    access: &Access,
    catalog: &Catalog,
    result: &Value,
) -> Result<Peers, Error> {
    if access.org.kind != OrgKind::Company
        || matches!(catalog.scoring, ScoringRule::Classify { .. })
    {
        return Ok(Peers::NotApplicable);
    }
    let profile = store.profile(&access.scope).await?;
    let (Some(industry), Some(band)) = (
        profile.industry.and_then(Industry::new),
        profile
            .employee_band
            .and_then(|b| EmployeeBand::parse(b.as_str())),
    ) else {
        return Ok(Peers::NeedsProfile);
    };
    let Some(score) = score_of(catalog, result) else {
        return Ok(Peers::NotApplicable);
    };
    let peers = store.peer_results(&access.scope, &catalog.id).await?;
    let subject = PeerSubject {
        company: u64::try_from(access.scope.org().0).unwrap_or_default(),
        industry,
        employees: band,
        score,
    };
    let records: Vec<PeerRecord> = peers
        .iter()
        .filter_map(|p| record(p, score_of(catalog, &p.result)?))
        .collect();
    let scale = CatalogScale::of(catalog);
    let spec = scale.bins;
    let Some(comparison) = compare(&records, &subject, &spec) else {
        return Ok(Peers::TooFew);
    };
    // Peer means by area, each over the same group (membership does not depend on the score).
    let mine = figures::by_group(catalog, result);
    // Each peer's figures by area, read from its result once (not once per area).
    let peer_groups: Vec<Vec<(String, Option<f64>)>> = peers
        .iter()
        .map(|p| figures::by_group(catalog, &p.result))
        .collect();
    let areas = mine
        .iter()
        .map(|(gid, value)| {
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
                .filter(|c| c.scope == comparison.scope)
                .map(|c| c.mean / 10.0);
            (gid.clone(), *value, mean)
        })
        .collect();
    Ok(Peers::Compared(PeerFigures {
        unit: scale.unit,
        company: score as f64 / scale.unit as f64,
        desired: scale.desired,
        comparison,
        areas,
    }))
}
