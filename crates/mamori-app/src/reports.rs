//! Reports people download (documents.md §3-4): a diagnosis's result sheet, a questionnaire's
//! history and the risk analysis result, each as PDF or DOCX, and their tables as XLSX or CSV. The pages
//! and the API call the same use case, so a downloaded file and the page it came from show the
//! same figures.
//!
//! Writing a PDF is CPU work of tens of milliseconds and some megabytes: it runs on the blocking
//! pool, at most [`RENDERS_AT_ONCE`] at a time, so a burst of downloads queues instead of
//! raising the server's memory with every request.

use std::sync::LazyLock;

use mamori_domain::journey::{maturity, security_action};
use mamori_domain::risk::{analyse, builtin_catalog};
use mamori_domain::{Lang, builtin, score};
use mamori_reports::sheet::history::{HistoryEntry, HistoryInput, history_sheet};
use mamori_reports::sheet::risk::{RiskSheetAsset, RiskSheetInput, RiskSheetTreatment, risk_sheet};
use mamori_reports::sheet::{SheetInput, Standing, result_sheet};
use mamori_reports::{Bom, Report};
use mamori_storage::{Access, AssessmentId, AssessmentStatus, OrgKind, Store, Timestamp};
use time::Date;
use tokio::sync::Semaphore;

use crate::guard::{Need, require};
use crate::peers::Peers;
use crate::risk_data::RiskData;
use crate::standing::day_in_japan;
use crate::{Error, answers, figures, peers, standing};

/// Reports written at the same time; more wait their turn.
pub const RENDERS_AT_ONCE: usize = 2;

static RENDERS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(RENDERS_AT_ONCE));

/// The file a report is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
    Csv(Bom),
}

impl Format {
    /// Reads `format` (`pdf`, `docx`, `xlsx`, `csv`; PDF when absent) and, for CSV, whether the
    /// file starts with the byte order mark Excel needs to read it as UTF-8.
    pub fn parse(format: Option<&str>, bom: bool) -> Result<Format, Error> {
        match format.map(str::trim).unwrap_or("pdf") {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "xlsx" => Ok(Format::Xlsx),
            "csv" => Ok(Format::Csv(if bom { Bom::Excel } else { Bom::None })),
            _ => Err(Error::invalid(
                "format",
                "ファイル形式は pdf・docx・xlsx・csv のどれかを指定してください",
                "format must be one of pdf, docx, xlsx or csv",
            )),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv(_) => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv(_) => "text/csv; charset=utf-8",
        }
    }
}

/// What to download: the format and, for CSV, which of the report's tables (its first when not
/// given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub format: Format,
    pub table: Option<String>,
    pub lang: Lang,
    /// The date printed on the report (today in Japan; tests pass a fixed one).
    pub date: Date,
}

/// A written report, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// ASCII only, so every browser keeps it as given.
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The result sheet of a submitted assessment.
pub async fn result(
    store: &Store,
    access: &Access,
    id: AssessmentId,
    request: &Request,
) -> Result<Download, Error> {
    let assessment = store.assessment(&access.scope, id).await?;
    if assessment.summary.status != AssessmentStatus::Submitted {
        return Err(Error::Conflict("not_submitted"));
    }
    let catalog = answers::catalog_of(&assessment)?;
    let stored = assessment
        .result
        .as_ref()
        .ok_or_else(|| Error::internal("submitted without a result"))?;
    let company = access.org.kind == OrgKind::Company;
    let (peers, records) = tokio::try_join!(
        peers::compare_result(store, access, catalog, stored),
        async {
            match company {
                true => standing::gather(store, access, request.date)
                    .await
                    .map(Some),
                false => Ok(None),
            }
        }
    )?;
    let verdicts = records.map(|r| (security_action(&r.evidence), maturity(&r.evidence)));
    let submission = answers::submission_of(catalog, &assessment)?;
    let scored = score(catalog, &submission);
    let report = result_sheet(&SheetInput {
        catalog,
        submission: &submission,
        score: &scored,
        company: Some(&access.org.name),
        date: request.date,
        lang: request.lang,
        notes: &assessment.notes,
        peers: match &peers {
            Peers::Compared(p) => Some(p),
            _ => None,
        },
        standing: verdicts.as_ref().map(|(sa, m)| Standing {
            security_action: sa,
            maturity: m,
        }),
    });
    let stem = match request.lang {
        Lang::Ja => "shindan-kekka",
        Lang::En => "diagnosis-result",
    };
    write(
        report,
        request,
        format!(
            "{stem}_{}_{}",
            catalog.id,
            japan_date(
                assessment
                    .summary
                    .submitted_at
                    .unwrap_or(assessment.summary.updated_at)
            )
        ),
    )
    .await
}

/// A questionnaire's submitted results over time (a company's own diagnoses).
pub async fn history(
    store: &Store,
    access: &Access,
    catalog_id: &str,
    request: &Request,
) -> Result<Download, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let catalog = builtin().get(catalog_id).ok_or(Error::NotFound)?;
    let lang = request.lang;
    let list = store
        .result_history(scope, &catalog.id, figures::HISTORY_LIMIT)
        .await?;
    let scale = figures::scale(catalog);
    let columns = list
        .last()
        .map(|(_, r)| {
            figures::by_group(catalog, r)
                .iter()
                .map(|(id, _)| figures::axis_label(catalog, id, lang))
                .collect()
        })
        .unwrap_or_default();
    let entries = list
        .iter()
        .map(|(s, r)| HistoryEntry {
            submitted: day_in_japan(s.submitted_at.unwrap_or(s.updated_at)),
            headline: figures::headline(s, r, lang),
            overall: figures::overall(catalog, r),
            values: figures::by_group(catalog, r)
                .iter()
                .map(|(_, v)| figures::show(*v, &scale))
                .collect(),
        })
        .collect();
    let report = history_sheet(&HistoryInput {
        catalog,
        columns,
        entries,
        company: Some(&access.org.name),
        date: request.date,
        lang,
    });
    let stem = match lang {
        Lang::Ja => "shindan-suii",
        Lang::En => "diagnosis-history",
    };
    write(
        report,
        request,
        format!("{stem}_{}_{}", catalog.id, compact(request.date)),
    )
    .await
}

/// The company's risk analysis as it stands: levels, heat map, chapter rates, regulations to
/// write, treatments and residual risks.
pub async fn risk(store: &Store, access: &Access, request: &Request) -> Result<Download, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let data = RiskData::read(store, scope).await?;
    let input = data.input();
    let catalog = builtin_catalog();
    let analysis = analyse(catalog, &input)
        .map_err(|p| Error::internal(format!("stored risk data does not evaluate: {p:?}")))?;
    let assets: Vec<RiskSheetAsset> = data
        .assets
        .iter()
        .map(|a| RiskSheetAsset {
            id: a.id.to_string(),
            name: a.fields.name.clone(),
            department: a.fields.owner_department.clone(),
        })
        .collect();
    let treatments: Vec<RiskSheetTreatment> = data
        .treatments
        .iter()
        .map(|t| RiskSheetTreatment {
            asset_id: t.asset_id.to_string(),
            option: t.option,
            planned: t.planned.clone(),
            owner: t.owner.clone(),
            due_date: t.due_date.clone(),
            residual_risk: t.residual_risk.and_then(|r| u8::try_from(r).ok()),
            approved_by: t.approved_by.clone(),
            approved_on: t.approved_on.clone(),
        })
        .collect();
    let report = risk_sheet(&RiskSheetInput {
        catalog,
        analysis: &analysis,
        assets: &assets,
        treatments: &treatments,
        acceptance_threshold: input.acceptance_threshold,
        company: Some(&access.org.name),
        date: request.date,
        lang: request.lang,
    });
    let stem = match request.lang {
        Lang::Ja => "risk-bunseki-kekka",
        Lang::En => "risk-analysis-result",
    };
    write(report, request, format!("{stem}_{}", compact(request.date))).await
}

/// Writes `report` in the requested format, waiting for a free writer.
pub(crate) async fn write(
    report: Report,
    request: &Request,
    stem: String,
) -> Result<Download, Error> {
    let format = request.format;
    // The table is checked before any work, so a wrong name answers at once.
    let table = match format {
        Format::Csv(_) => Some(pick_table(&report, request.table.as_deref())?),
        _ => None,
    };
    let file_name = match &table {
        Some(t) if report.tables().count() > 1 => {
            format!("{stem}_{}.csv", report_table_name(&report, *t))
        }
        _ => format!("{stem}.{}", format.extension()),
    };
    let _permit = RENDERS.acquire().await.map_err(Error::internal)?;
    let bytes = crate::off_workers(move || match format {
        Format::Pdf => mamori_reports::pdf(&report),
        Format::Docx => mamori_reports::docx(&report),
        Format::Xlsx => mamori_reports::xlsx(&report),
        Format::Csv(bom) => match report.tables().nth(table.unwrap_or(0)) {
            Some(t) => mamori_reports::table_csv(t, bom),
            None => Ok(Vec::new()),
        },
    })
    .await?
    .map_err(Error::internal)?;
    Ok(Download {
        file_name,
        content_type: format.content_type(),
        bytes,
    })
}

fn report_table_name(report: &Report, index: usize) -> String {
    report
        .tables()
        .nth(index)
        .map(|t| t.name.clone())
        .unwrap_or_default()
}

/// The position of the table a CSV is asked for, or the problem naming the tables there are.
fn pick_table(report: &Report, wanted: Option<&str>) -> Result<usize, Error> {
    let names: Vec<&str> = report.tables().map(|t| t.name.as_str()).collect();
    match wanted.map(str::trim).filter(|w| !w.is_empty()) {
        None if names.is_empty() => Err(Error::invalid(
            "format",
            "この帳票には CSV にできる表がありません。PDF か Word で書き出してください",
            "this report has no table to write as CSV; download it as PDF or Word",
        )),
        None => Ok(0),
        Some(w) => names.iter().position(|n| *n == w).ok_or_else(|| {
            Error::invalid(
                "table",
                format!("表「{w}」はありません。選べる表: {}", names.join("、")),
                format!(
                    "there is no table \"{w}\"; the tables are: {}",
                    names.join(", ")
                ),
            )
        }),
    }
}

fn japan_date(t: Timestamp) -> String {
    compact(day_in_japan(t))
}

/// `20261207`, for file names.
fn compact(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_format_is_one_of_four_and_pdf_when_not_said() {
        assert_eq!(Format::parse(None, false).ok(), Some(Format::Pdf));
        assert_eq!(Format::parse(Some("docx"), false).ok(), Some(Format::Docx));
        assert_eq!(
            Format::parse(Some("csv"), true).ok(),
            Some(Format::Csv(Bom::Excel))
        );
        assert_eq!(
            Format::parse(Some("csv"), false).ok(),
            Some(Format::Csv(Bom::None))
        );
        match Format::parse(Some("exe"), false) {
            Err(Error::Invalid(p)) => assert_eq!(p[0].field, "format"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_date_in_a_file_name_is_the_day_in_japan() {
        // 2026-12-06 15:30 UTC is already 7 December in Japan.
        assert_eq!(japan_date(Timestamp(1_796_571_000_000)), "20261207");
    }
}
