//! The direction of dependencies, checked on the source: pages and the API are adapters over
//! `mamori-app` and never import each other, and the use-case crate knows no HTTP.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read the source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The lines of `file` that name `module` of this crate.
fn naming(file: &Path, module: &str) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("read a source file");
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| {
            l.contains(&format!("crate::{module}"))
                || l.contains(&format!("super::super::{module}"))
        })
        .map(|l| format!("{}: {}", file.display(), l.trim()))
        .collect()
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn pages_never_import_the_api_and_the_api_never_imports_pages() {
    let mut found = Vec::new();
    for f in sources(&src().join("pages")) {
        found.extend(naming(&f, "api"));
    }
    for f in sources(&src().join("api")) {
        found.extend(naming(&f, "pages"));
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Modules outside pages and the API that still name one of them, and why. The list only
/// shrinks: each entry is wiring that a later split of the web crate removes.
const WIRING: &[(&str, &str)] = &[
    (
        "server.rs",
        "assembles the page and API routers into one server",
    ),
    (
        "body_limit.rs",
        "reads both route tables to give each route its body limit",
    ),
    (
        "home_cache.rs",
        "keeps the company home's figures for two seconds",
    ),
    (
        "error.rs",
        "renders the HTML error page with the pages' layout",
    ),
    (
        "audit_text/words.rs",
        "words the audit log with the pages' labels",
    ),
];

#[test]
fn only_the_listed_wiring_outside_pages_and_the_api_names_them() {
    let root = src();
    let mut found = Vec::new();
    for f in sources(&root) {
        let rel = f
            .strip_prefix(&root)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("pages/") || rel.starts_with("api/") || rel == "layers_tests.rs" {
            continue;
        }
        if WIRING.iter().any(|(w, _)| *w == rel) {
            continue;
        }
        found.extend(naming(&f, "pages"));
        found.extend(naming(&f, "api"));
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_use_case_crate_knows_no_http_templates_or_sql() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../mamori-app/Cargo.toml");
    let text = std::fs::read_to_string(manifest).expect("read mamori-app's manifest");
    for forbidden in [
        "axum",
        "tower",
        "askama",
        "utoipa",
        "sqlx",
        "reqwest",
        "mamori-web",
    ] {
        assert!(
            !text.lines().any(|l| l.trim_start().starts_with(forbidden)),
            "mamori-app depends on {forbidden}"
        );
    }
}
