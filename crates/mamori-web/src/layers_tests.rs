//! The direction of dependencies, read from the crates' manifests: each layer names only the
//! layers below it. Cargo refuses a cycle between crates, so these checks keep the crate graph
//! itself from drifting (a page crate that starts depending on the API would still compile).

use std::path::Path;

/// The crates a workspace crate's manifest depends on (normal dependencies only).
fn dependencies(krate: &str) -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("read a manifest");
    let mut in_deps = false;
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && !line.is_empty() && !line.starts_with('#') {
            let name = line
                .split(['.', '=', ' '])
                .next()
                .expect("a dependency line names a crate");
            found.push(name.to_owned());
        }
    }
    found
}

fn refuses(krate: &str, forbidden: &[&str]) {
    let deps = dependencies(krate);
    let wrong: Vec<_> = forbidden
        .iter()
        .filter(|f| deps.iter().any(|d| d == *f))
        .collect();
    assert!(wrong.is_empty(), "{krate} depends on {wrong:?}");
}

#[test]
fn pages_and_the_api_never_depend_on_each_other() {
    refuses("mamori-pages", &["mamori-api", "mamori-web"]);
    refuses("mamori-api", &["mamori-pages", "mamori-web"]);
}

#[test]
fn the_http_kernel_knows_neither_pages_nor_the_api_nor_templates() {
    refuses(
        "mamori-http",
        &["mamori-pages", "mamori-api", "mamori-web", "askama"],
    );
}

#[test]
fn the_use_case_crate_knows_no_http_templates_or_sql() {
    refuses(
        "mamori-app",
        &[
            "axum",
            "tower",
            "tower-http",
            "askama",
            "sqlx",
            "reqwest",
            "mamori-http",
            "mamori-pages",
            "mamori-api",
            "mamori-web",
        ],
    );
}

/// The risk views (`mamori_app::risk::views`) are both what the API sends and what a closed
/// analysis keeps, so they describe themselves for the OpenAPI document; that description is
/// an optional feature only the API turns on, never a part of the use cases.
#[test]
fn the_use_case_crate_describes_its_views_for_openapi_only_as_an_option() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("../mamori-app/Cargo.toml");
    let text = std::fs::read_to_string(manifest).expect("read mamori-app's manifest");
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("utoipa"))
        .expect("mamori-app names utoipa");
    assert!(line.contains("optional = true"), "{line}");
    assert!(text.contains("openapi = [\"dep:utoipa\"]"));
}

#[test]
fn the_domain_does_no_io_and_knows_no_layer_above_it() {
    refuses(
        "mamori-domain",
        &[
            "tokio",
            "sqlx",
            "axum",
            "mamori-storage",
            "mamori-app",
            "mamori-http",
        ],
    );
}

#[test]
fn the_manifest_reader_sees_the_dependencies_it_checks() {
    // A reader that found nothing would make every check above pass.
    let deps = dependencies("mamori-pages");
    assert!(deps.iter().any(|d| d == "mamori-http"), "{deps:?}");
    assert!(deps.iter().any(|d| d == "askama"), "{deps:?}");
}
