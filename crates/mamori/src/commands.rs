//! The commands: read input, call the domain, hand the result to JSON or text rendering.

use crate::render;
use crate::{CliError, Format};
use anyhow::Context;
use mamori_app::standing::today_in_japan;
use mamori_domain::{InputProblem, Lang, RawValue, builtin, parse_submission, risk, score};
use mamori_reports::sheet::{SheetInput, result_sheet};
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
        Format::Pdf | Format::Docx => Err(sheet_only(out.lang)),
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
        Format::Pdf | Format::Docx => Err(sheet_only(out.lang)),
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

/// The result sheet is the only document the command line writes; other commands print.
fn sheet_only(lang: Lang) -> CliError {
    CliError::Invalid(vec![
        match lang {
            Lang::Ja => "--format pdf と docx は assess（診断結果の書き出し）でだけ使えます",
            Lang::En => "--format pdf and docx are for assess only (the result sheet)",
        }
        .to_owned(),
    ])
}

pub fn assess(out: Output, catalog_id: &str, answers: &Path) -> Result<String, CliError> {
    if matches!(out.format, Format::Pdf | Format::Docx) {
        return Err(CliError::Invalid(vec![
            match out.lang {
                Lang::Ja => "--format pdf と docx には書き出し先 --out FILE が必要です",
                Lang::En => "--format pdf and docx need --out FILE, the file to write",
            }
            .to_owned(),
        ]));
    }
    let catalog = builtin()
        .get(catalog_id)
        .ok_or_else(|| unknown_catalog(catalog_id, out.lang))?;
    let doc = read_document(answers, out.lang)?;
    let submission = parse_submission(catalog, &doc).map_err(|p| invalid(p, out.lang))?;
    let result = score(catalog, &submission);
    match out.format {
        Format::Json => json(&result),
        Format::Text => Ok(render::score(catalog, &submission, &result, out.lang)),
        Format::Pdf | Format::Docx => Err(sheet_only(out.lang)),
    }
}

/// Writes the result sheet of one answer set. Nothing is written unless the answers are valid
/// and the whole document was made.
pub fn assess_sheet(
    out: Output,
    catalog_id: &str,
    answers: &Path,
    file: &Path,
    company: Option<&str>,
) -> Result<String, CliError> {
    if !matches!(out.format, Format::Pdf | Format::Docx) {
        return Err(CliError::Invalid(vec![
            match out.lang {
                Lang::Ja => "--out は --format pdf か --format docx と一緒に使います",
                Lang::En => "--out goes with --format pdf or --format docx",
            }
            .to_owned(),
        ]));
    }
    let catalog = builtin()
        .get(catalog_id)
        .ok_or_else(|| unknown_catalog(catalog_id, out.lang))?;
    let doc = read_document(answers, out.lang)?;
    let submission = parse_submission(catalog, &doc).map_err(|p| invalid(p, out.lang))?;
    let result = score(catalog, &submission);
    let report = result_sheet(&SheetInput {
        catalog,
        submission: &submission,
        score: &result,
        company,
        date: today_in_japan(),
        lang: out.lang,
        peers: None,
        standing: None,
        // The answer file carries them inside each item's answer (interfaces.md).
        notes: &submission.notes,
    });
    let bytes = match out.format {
        Format::Docx => mamori_reports::docx(&report),
        _ => mamori_reports::pdf(&report),
    }
    .context("writing the result sheet")?;
    std::fs::write(file, bytes).with_context(|| match out.lang {
        Lang::Ja => format!("ファイル {} に書き込めません", file.display()),
        Lang::En => format!("cannot write {}", file.display()),
    })?;
    Ok(match out.lang {
        Lang::Ja => format!("診断結果を {} に書き出しました\n", file.display()),
        Lang::En => format!("wrote the result sheet to {}\n", file.display()),
    })
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
        Format::Pdf | Format::Docx => Err(sheet_only(out.lang)),
    }
}
