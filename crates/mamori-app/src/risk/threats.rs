//! Threat ratings (脅威の状況, risk.md §2): how often each threat the catalog asks for a medium
//! happens, 1-3. One parser for the rating page and the JSON API; saving replaces every rating.

use std::collections::HashSet;

use mamori_domain::risk::builtin_catalog;
use mamori_domain::text::Text;
use mamori_storage::{Access, Store, ThreatKind, ThreatRating};

use crate::fields::Check;
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// One rating as given. `None` is a field left out, read as empty.
#[derive(Debug, Clone, Default)]
pub struct ThreatFields {
    /// A medium's code, or its Japanese or English name.
    pub medium: Option<String>,
    /// A threat kind the catalog asks for that medium, by code or name.
    pub kind: Option<String>,
    pub frequency: Option<String>,
}

/// Ratings that passed every check. Only [`ThreatSheet::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreatSheet(Vec<ThreatRating>);

impl ThreatSheet {
    /// Every rating checked, or every problem at its place in the list (`[2].frequency`).
    pub fn parse(input: &[ThreatFields]) -> Result<ThreatSheet, Vec<FieldProblem>> {
        let catalog = builtin_catalog();
        let media: Vec<(&str, &Text)> = catalog
            .media
            .iter()
            .map(|m| (m.code.as_str(), &m.name))
            .collect();
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut c = Check::new();
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (n, t) in input.iter().enumerate() {
            c.at(format!("[{n}]."));
            let medium_text = text(&t.medium);
            let medium = c
                .code("medium", ("媒体・保存先", "medium"), &medium_text, &media)
                .given();
            let asked: Vec<(&str, &Text)> = medium
                .and_then(|m| catalog.medium_position(m))
                .map(|m| {
                    catalog
                        .threats_of(m)
                        .iter()
                        .map(|&k| (catalog.threats[k].code.as_str(), &catalog.threats[k].name))
                        .collect()
                })
                .unwrap_or_default();
            let kind_text = text(&t.kind);
            let kind = if medium.is_some() {
                c.code("kind", ("脅威の種類", "threat kind"), &kind_text, &asked)
                    .given()
            } else {
                None
            };
            let frequency = c.required_integer(
                "frequency",
                ("脅威の発生頻度", "threat frequency"),
                &text(&t.frequency),
                1..=3,
            );
            if medium.is_some() && kind.is_none() && kind_text.trim().is_empty() {
                c.problem(
                    "kind",
                    "脅威の種類を選んでください。",
                    "Choose the threat kind.",
                );
            }
            if medium.is_none() && medium_text.trim().is_empty() {
                c.problem(
                    "medium",
                    "媒体・保存先を選んでください。",
                    "Choose the medium.",
                );
            }
            let (Some(medium), Some(kind), Some(frequency)) = (medium, kind, frequency) else {
                continue;
            };
            if !seen.insert((medium, kind)) {
                c.problem(
                    "kind",
                    "同じ媒体の同じ脅威が二度あります。",
                    "The same threat of the same medium is given twice.",
                );
                continue;
            }
            out.extend(ThreatKind::parse(kind).map(|kind| ThreatRating {
                medium: medium.to_owned(),
                kind,
                frequency,
            }));
        }
        c.finish(Some(out)).map(ThreatSheet)
    }

    pub fn ratings(&self) -> &[ThreatRating] {
        &self.0
    }
}

/// The ratings as stored.
pub async fn list(store: &Store, access: &Access) -> Result<Vec<ThreatRating>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.risk_threats(scope).await?)
}

/// Replaces every rating; returns them as stored.
pub async fn save(
    store: &Store,
    access: &Access,
    sheet: &ThreatSheet,
) -> Result<Vec<ThreatRating>, Error> {
    let scope = require(access, Need::EditCompany)?;
    store.set_risk_threats(scope, sheet.ratings()).await?;
    Ok(store.risk_threats(scope).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(medium: &str, kind: &str, frequency: &str) -> ThreatFields {
        ThreatFields {
            medium: Some(medium.to_owned()),
            kind: Some(kind.to_owned()),
            frequency: Some(frequency.to_owned()),
        }
    }

    fn fields(r: Result<ThreatSheet, Vec<FieldProblem>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_frequency_is_1_to_3_of_a_threat_the_catalog_asks_for_the_medium() {
        let sheet = ThreatSheet::parse(&[
            rating("paper", "leak", "1"),
            rating("office_pc", "leak", "3"),
        ])
        .unwrap();
        assert_eq!(sheet.ratings().len(), 2);
        assert_eq!(
            fields(ThreatSheet::parse(&[rating("paper", "leak", "0")])),
            ["[0].frequency"]
        );
        assert_eq!(
            fields(ThreatSheet::parse(&[rating("paper", "leak", "4")])),
            ["[0].frequency"]
        );
        assert_eq!(
            fields(ThreatSheet::parse(&[rating("moon", "leak", "2")])),
            ["[0].medium"]
        );
        assert_eq!(
            fields(ThreatSheet::parse(&[rating("paper", "", "2")])),
            ["[0].kind"]
        );
    }

    #[test]
    fn the_same_threat_of_the_same_medium_twice_is_refused_at_the_second() {
        let r = ThreatSheet::parse(&[rating("paper", "leak", "1"), rating("paper", "leak", "2")]);
        assert_eq!(fields(r), ["[1].kind"]);
    }

    #[test]
    fn an_empty_medium_is_a_problem_rather_than_a_rating_left_out() {
        assert_eq!(
            fields(ThreatSheet::parse(&[rating("", "leak", "2")])),
            ["[0].medium"]
        );
    }
}
