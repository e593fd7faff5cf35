//! The catalogs shipped inside the binary, parsed once per process.

use super::{Catalog, CatalogProblem};
use std::collections::HashSet;
use std::sync::LazyLock;

include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));

/// A set of validated catalogs, possibly several versions of one id.
#[derive(Debug)]
pub struct CatalogSet {
    catalogs: Vec<Catalog>,
}

impl CatalogSet {
    /// Parses catalog files and checks them together (unique id and version, prefill links).
    pub fn from_sources<'a>(
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<CatalogProblem>> {
        let mut catalogs = Vec::new();
        let mut problems = Vec::new();
        for (name, text) in sources {
            match Catalog::from_toml(text) {
                Ok(c) => catalogs.push(c),
                Err(errs) => problems.extend(errs.into_iter().map(|mut p| {
                    if p.catalog == "?" {
                        p.catalog = name.to_owned();
                    }
                    p
                })),
            }
        }
        let set = CatalogSet { catalogs };
        problems.extend(set.cross_check());
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(problems)
        }
    }

    fn cross_check(&self) -> Vec<CatalogProblem> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for c in &self.catalogs {
            if !seen.insert((&c.id, &c.version)) {
                problems.push(CatalogProblem::new(
                    &c.id,
                    format!("version {} appears twice", c.version),
                ));
            }
            for item in &c.items {
                let Some(prefill) = &item.prefill else {
                    continue;
                };
                let Some(other) = self.get(&prefill.catalog) else {
                    problems.push(CatalogProblem::new(
                        &c.id,
                        format!(
                            "item {}: prefill catalog {} does not exist",
                            item.id, prefill.catalog
                        ),
                    ));
                    continue;
                };
                let Some(pos) = other.item_position(&prefill.item) else {
                    problems.push(CatalogProblem::new(
                        &c.id,
                        format!(
                            "item {}: prefill item {} is not in {}",
                            item.id, prefill.item, other.id
                        ),
                    ));
                    continue;
                };
                for from in prefill.map.keys() {
                    if !other
                        .options_of(pos)
                        .iter()
                        .any(|o| &o.value.to_string() == from)
                    {
                        problems.push(CatalogProblem::new(
                            &c.id,
                            format!(
                                "item {}: prefill from {from}, which {} does not offer",
                                item.id, other.id
                            ),
                        ));
                    }
                }
            }
        }
        problems
    }

    /// The newest version of a catalog.
    pub fn get(&self, id: &str) -> Option<&Catalog> {
        self.catalogs
            .iter()
            .filter(|c| c.id == id)
            .max_by(|a, b| version_key(&a.version).cmp(&version_key(&b.version)))
    }

    /// A pinned version, as stored with a completed assessment.
    pub fn get_version(&self, id: &str, version: &str) -> Option<&Catalog> {
        self.catalogs
            .iter()
            .find(|c| c.id == id && c.version == version)
    }

    /// The newest version of each catalog, in a stable order (the guideline's journey first).
    pub fn latest(&self) -> Vec<&Catalog> {
        let mut ids: Vec<&str> = self.catalogs.iter().map(|c| c.id.as_str()).collect();
        ids.sort_by_key(|id| (journey_rank(id), *id));
        ids.dedup();
        ids.into_iter().filter_map(|id| self.get(id)).collect()
    }
}

fn version_key(version: &str) -> (u32, u32) {
    let (y, n) = version.split_once('.').unwrap_or((version, "0"));
    (y.parse().unwrap_or(0), n.parse().unwrap_or(0))
}

/// Order in which a company meets the catalogs (IPA steps 1-4, then programme and executive ones).
fn journey_rank(id: &str) -> usize {
    const ORDER: &[&str] = &[
        "five-principles",
        "self-check-25",
        "primary-checklist",
        "employee-rules",
        "cloud-services",
        "nist-csf-tiers",
        "management-guideline-10",
        "ipa-seven-actions",
        "it-stance",
    ];
    ORDER.iter().position(|&o| o == id).unwrap_or(ORDER.len())
}

static BUILTIN: LazyLock<CatalogSet> =
    LazyLock::new(|| match CatalogSet::from_sources(FILES.iter().copied()) {
        Ok(set) => set,
        // The test suite loads every embedded catalog, so a broken file never reaches a release.
        Err(problems) => panic!(
            "embedded catalogs are invalid:\n{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    });

/// The catalogs embedded in this build.
pub fn builtin() -> &'static CatalogSet {
    &BUILTIN
}
