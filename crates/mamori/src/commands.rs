//! The commands: read input, call the domain, hand the result to JSON or text rendering.

use crate::render;
use crate::{CliError, Format};
use anyhow::Context;
use mamori_domain::{InputProblem, Lang, RawValue, builtin, parse_submission, risk, score};
use serde::Serialize;
use std::io::Read;
use std::path::Path;

#[derive(Clone, Copy)]
pub struct Output {
    pub format: Format,
    pub lang: Lang,
}

fn json(value: &impl Serialize) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(value).context("serialising the result")?;
    text.push('\n');
    Ok(text)
}

#[derive(Serialize)]
struct CatalogSummary<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    title_en: &'a str,
    items: usize,
}

pub fn catalog_list(out: Output) -> Result<String, CliError> {
    let catalogs = builtin().latest();
    match out.format {
        Format::Json => json(
            &catalogs
                .iter()
                .map(|c| CatalogSummary {
                    id: &c.id,
                    version: &c.version,
                    title: &c.title.ja,
                    title_en: &c.title.en,
                    items: c.items.len(),
                })
                .collect::<Vec<_>>(),
        ),
        Format::Text => Ok(render::catalog_list(&catalogs, out.lang)),
    }
}

fn unknown_catalog(id: &str, lang: Lang) -> CliError {
    let known: Vec<&str> = builtin().latest().iter().map(|c| c.id.as_str()).collect();
    CliError::Invalid(vec![match lang {
        Lang::Ja => format!(
            "カタログ \"{id}\" はありません（あるもの: {}）",
            known.join(", ")
        ),
        Lang::En => format!("no catalog \"{id}\" (known: {})", known.join(", ")),
    }])
}

pub fn catalog_show(out: Output, id: &str) -> Result<String, CliError> {
    let catalog = builtin()
        .get(id)
        .ok_or_else(|| unknown_catalog(id, out.lang))?;
    match out.format {
        Format::Json => json(catalog),
        Format::Text => Ok(render::catalog_show(catalog, out.lang)),
    }
}

/// Reads a JSON document from a file or standard input; malformed JSON is invalid input.
fn read_document(path: &Path, lang: Lang) -> Result<RawValue, CliError> {
    let mut text = String::new();
    if path == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
    } else {
        text = std::fs::read_to_string(path).with_context(|| match lang {
            Lang::Ja => format!("ファイル {} を読めません", path.display()),
            Lang::En => format!("cannot read {}", path.display()),
        })?;
    }
    serde_json::from_str(&text).map_err(|e| {
        CliError::Invalid(vec![match lang {
            Lang::Ja => format!(
                "JSON として読めません（{} 行 {} 列）: {e}",
                e.line(),
                e.column()
            ),
            Lang::En => format!(
                "not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        }])
    })
}

fn invalid(problems: Vec<InputProblem>, lang: Lang) -> CliError {
    CliError::Invalid(problems.iter().map(|p| p.message(lang)).collect())
}

pub fn assess(out: Output, catalog_id: &str, answers: &Path) -> Result<String, CliError> {
    let catalog = builtin()
        .get(catalog_id)
        .ok_or_else(|| unknown_catalog(catalog_id, out.lang))?;
    let doc = read_document(answers, out.lang)?;
    let submission = parse_submission(catalog, &doc).map_err(|p| invalid(p, out.lang))?;
    let result = score(catalog, &submission);
    match out.format {
        Format::Json => json(&result),
        Format::Text => Ok(render::score(catalog, &submission, &result, out.lang)),
    }
}

#[derive(Serialize)]
struct RiskOutput<'a> {
    assets: Vec<risk::AssetRisk<'a>>,
}

pub fn risk_evaluate(out: Output, input: &Path) -> Result<String, CliError> {
    let doc = read_document(input, out.lang)?;
    let input = risk::parse_risk_input(&doc).map_err(|p| invalid(p, out.lang))?;
    let assets = risk::evaluate(&input);
    match out.format {
        Format::Json => json(&RiskOutput { assets }),
        Format::Text => Ok(render::risk(&input, &assets, out.lang)),
    }
}
