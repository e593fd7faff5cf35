//! The register as a workbook: export laid out like IPA's 情報資産管理台帳 (with the results), and
//! import from XLSX or CSV in three steps — upload, a preview with the column mapping and every
//! row problem, then confirmation. Nothing is stored before the confirmation, and the import is
//! all or nothing (`Store::import_assets` / `replace_register` run in one transaction).
//!
//! Between upload and confirmation the file is held in memory for 30 minutes under a random key
//! tied to the organisation and the person (`PendingImports`); a restart forgets it, and the
//! person uploads again.

use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::assets::{self, AssetDraft, AssetInput};
use mamori_domain::Lang;
use mamori_domain::risk::{RiskLevel, builtin_catalog};
use mamori_workbook::{
    ColumnMapping, Field, ImportPreview, RegisterRow, RowResult, export_xlsx, guess_mapping,
    parse_rows, read_table,
};

use super::load;
use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use crate::render_status;
use mamori_http::pending_imports::Pending;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

fn row_of(a: &mamori_storage::RiskAsset) -> RegisterRow {
    let f = &a.fields;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    RegisterRow {
        business_category: text(&f.business_category),
        name: f.name.clone(),
        note: text(&f.note),
        users: text(&f.users),
        owner_department: text(&f.owner_department),
        medium: f.medium.clone(),
        personal: f.personal.iter().map(|p| p.as_str().to_owned()).collect(),
        persons: f.persons.and_then(|n| u64::try_from(n).ok()),
        classification: f.classification.clone(),
        risk_owner: f.risk_owner.clone(),
        c: f.c.clamp(0, 2) as u8,
        i: f.i.clamp(0, 2) as u8,
        a: f.a.clamp(0, 2) as u8,
        retention: f.retention.clone(),
        registered: f.registered.clone(),
        lifecycle: f.lifecycle.clone(),
    }
}

/// `GET /orgs/{org}/risk/export`: the register with its results as an XLSX file.
pub async fn export(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    need(&access, Need::ReadCompany)?;
    let reg = load(&state, &access).await?;
    let rows: Vec<RegisterRow> = reg.assets.iter().map(row_of).collect();
    // Results go in only when every asset could be evaluated (all its media's threats rated).
    let results: Option<Vec<RowResult>> = reg
        .evaluated
        .iter()
        .map(|e| {
            Some(RowResult {
                importance: e.importance,
                threat: e.threat,
                vulnerability: Some(e.vulnerability),
                likelihood: e.likelihood?,
                risk_value: e.risk_value?,
                level: match e.level? {
                    RiskLevel::High => "high",
                    RiskLevel::Medium => "medium",
                    RiskLevel::Low => "low",
                }
                .to_owned(),
            })
        })
        .collect();
    let lang = ctx.lang;
    let bytes = mamori_app::off_workers(move || export_xlsx(&rows, results.as_deref(), lang))
        .await?
        .map_err(|e| AppError::internal(e.message(Lang::En)))?;
    let name = match ctx.lang {
        Lang::Ja => "joho-shisan-kanri-daicho.xlsx",
        Lang::En => "information-asset-register.xlsx",
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "risk/import.html")]
struct ImportPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    problems: Vec<FieldProblem>,
    preview: Option<PreviewView>,
}

pub struct MappingRow {
    pub key: &'static str,
    pub heading: &'static str,
    pub required: bool,
    pub options: Vec<(String, String, bool)>,
}

pub struct ProblemRow {
    pub row: usize,
    pub column: String,
    pub reason: String,
}

pub struct PreviewView {
    pub key: String,
    pub file_name: String,
    pub replace: bool,
    pub mapping: Vec<MappingRow>,
    pub problems: Vec<ProblemRow>,
    pub problem_count: usize,
    pub rows: Vec<(String, String, String)>,
    pub row_count: usize,
    pub importable: bool,
}

fn preview_view(
    key: &str,
    pending: &Pending,
    replace: bool,
    mapping: Option<ColumnMapping>,
    lang: Lang,
) -> Result<(PreviewView, ImportPreview), AppError> {
    let table = read_table(&pending.bytes, pending.kind).map_err(|e| {
        AppError::Invalid(vec![
            FieldProblem::new("file", e.message(Lang::Ja)).en(e.message(Lang::En)),
        ])
    })?;
    let mapping = mapping.unwrap_or_else(|| guess_mapping(&table));
    let mut preview = parse_rows(&table, &mapping);
    // The file's reading is the workbook's; whether a row may be a register row is the one
    // asset parser's, as for the form and the API.
    assets::check_import(&table, &mut preview, &mapping);
    let columns: Vec<String> = (0..table.width()).map(|c| table.column_name(c)).collect();
    let view = PreviewView {
        key: key.to_owned(),
        file_name: pending.file_name.clone(),
        replace,
        mapping: Field::ALL
            .iter()
            .map(|&f| MappingRow {
                key: f.key(),
                heading: f.heading(lang),
                required: Field::REQUIRED.contains(&f),
                options: std::iter::once((String::new(), "—".to_owned(), mapping.get(f).is_none()))
                    .chain(
                        columns
                            .iter()
                            .enumerate()
                            .map(|(i, c)| (i.to_string(), c.clone(), mapping.get(f) == Some(i))),
                    )
                    .collect(),
            })
            .collect(),
        problem_count: preview.problems.len(),
        problems: preview
            .problems
            .iter()
            .take(200)
            .map(|p| ProblemRow {
                row: p.row,
                column: p.column.clone(),
                reason: p.reason(lang).to_owned(),
            })
            .collect(),
        rows: preview
            .rows
            .iter()
            .take(20)
            .map(|r| {
                (
                    r.name.clone(),
                    mamori_app::labels::medium(builtin_catalog(), &r.medium, lang),
                    format!("{} / {} / {}", r.c, r.i, r.a),
                )
            })
            .collect(),
        row_count: preview.rows.len(),
        importable: preview.is_importable(),
    };
    Ok((view, preview))
}

#[derive(serde::Deserialize)]
pub struct FormQuery {
    problem: Option<String>,
}

/// The upload form; `?problem=too_large` is where an upload over the limit comes back to
/// (`body_limit`), since such a body is never read.
pub async fn import_form(
    ctx: PageContext,
    access: OrgAccess,
    Query(q): Query<FormQuery>,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    need(&access, Need::Edit)?;
    let problems = match q.problem.as_deref() {
        Some("too_large") => vec![mamori_http::body_limit::upload_problem()],
        _ => Vec::new(),
    };
    let page = ImportPage {
        tab: "register",
        problems,
        preview: None,
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Step 1: the uploaded file is read and previewed; nothing is stored.
pub async fn upload(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    need(&access, Need::Edit)?;
    let lang = ctx.lang;
    let upload = match crate::upload::read(multipart).await? {
        Ok(u) => u,
        Err(problems) => {
            let page = ImportPage {
                tab: "register",
                problems,
                preview: None,
                org,
                ctx,
            };
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let replace = upload.replace;
    let pending = Pending {
        org: access.scope().org().0,
        user: access.scope().user().0,
        kind: upload.kind,
        file_name: upload.file_name,
        bytes: upload.bytes,
        at: Instant::now(),
    };
    let (pending, result) = mamori_app::off_workers(move || {
        let result = preview_view("", &pending, replace, None, lang);
        (pending, result)
    })
    .await?;
    let (mut view, _) = match result {
        Ok(v) => v,
        Err(AppError::Invalid(problems)) => {
            let page = ImportPage {
                tab: "register",
                problems,
                preview: None,
                org,
                ctx,
            };
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
        Err(e) => return Err(e),
    };
    view.key = state.pending_imports.put(pending);
    let page = ImportPage {
        tab: "register",
        problems: Vec::new(),
        preview: Some(view),
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Step 2: with the mapping as the person left it, check again; import only when every row is
/// good and the person asked for it (`go=import`).
pub async fn confirm_import(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    need(&access, Need::Edit)?;
    let get = |k: &str| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let key = get("key").unwrap_or("").to_owned();
    let replace = get("mode") == Some("replace");
    let mut mapping = ColumnMapping::new();
    for (name, value) in &pairs {
        if let Some(field) = name.strip_prefix("map:").and_then(Field::parse) {
            mapping.set(field, value.parse().ok());
        }
    }
    let (scope_org, user) = (access.scope().org().0, access.scope().user().0);
    let lang = ctx.lang;
    let waiting = state
        .pending_imports
        .with(&key, scope_org, user, Pending::clone);
    let checked = match waiting {
        Some(p) => {
            let key = key.clone();
            Some(
                mamori_app::off_workers(move || {
                    preview_view(&key, &p, replace, Some(mapping), lang)
                })
                .await?,
            )
        }
        None => None,
    };
    let Some(checked) = checked else {
        let page = ImportPage {
            tab: "register",
            problems: vec![
                FieldProblem::new(
                    "file",
                    "アップロードから30分以上たったか、サーバーが再起動したため、ファイルがありません。もう一度アップロードしてください。",
                )
                .en("The file is gone (more than 30 minutes passed, or the server restarted). Please upload it again."),
            ],
            preview: None,
            org,
            ctx,
        };
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    let (view, preview) = checked?;
    if get("go") != Some("import") || !preview.is_importable() {
        let status = if preview.is_importable() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let page = ImportPage {
            tab: "register",
            problems: Vec::new(),
            preview: Some(view),
            org,
            ctx,
        };
        return Ok(render_status(status, &page));
    }
    let rows = preview
        .rows
        .iter()
        .map(|r| AssetDraft::parse(&AssetInput::of_row(r)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(AppError::Invalid)?;
    let done = assets::import(state.store(), &access.access, rows, replace).await?;
    state.pending_imports.remove(&key);
    Ok(Redirect::to(&format!(
        "/orgs/{scope_org}/risk?notice=imported&added={}",
        done.added
    ))
    .into_response())
}
