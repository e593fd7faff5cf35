//! A register to and from a file. Export as XLSX or CSV; import in three steps like the asset
//! register: upload, a preview naming every row problem, then confirmation. Nothing is stored
//! before the confirmation, and the import is all or nothing.

use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::registers::export::{FileFormat, export as export_file};
use mamori_app::operations::registers::import::{ImportCheck, check_file, import};
use mamori_domain::Lang;
use mamori_domain::operations::registers::RegisterKind;
use mamori_reports::Bom;
use serde::Deserialize;

use super::{kind_of, shown};
use crate::org::OrgNav;
use crate::{Need, PageContext, need, render, render_status};
use mamori_http::pending_imports::Pending;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ExportQuery {
    format: String,
    bom: Option<bool>,
}

/// `GET /orgs/{org}/registers/{kind}/export?format=xlsx|csv[&bom=false]`.
pub async fn export(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug)): Path<(i64, String)>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::ReadCompany)?;
    let format = match q.format.as_str() {
        "" | "xlsx" => FileFormat::Xlsx,
        "csv" if q.bom == Some(false) => FileFormat::Csv(Bom::None),
        "csv" => FileFormat::Csv(Bom::Excel),
        _ => {
            return Err(AppError::Invalid(vec![
                FieldProblem::new("format", "形式は xlsx か csv を指定してください。")
                    .en("The format is xlsx or csv."),
            ]));
        }
    };
    let file = export_file(state.store(), &access.access, kind, format, ctx.lang).await?;
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", file.file_name),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        file.bytes,
    )
        .into_response())
}

pub struct PreviewView {
    pub key: String,
    pub file_name: String,
    pub replace: bool,
    pub mapped: Vec<(&'static str, String)>,
    pub ignored: Vec<String>,
    pub problems: Vec<(usize, String, String)>,
    pub problem_count: usize,
    pub rows: Vec<Vec<String>>,
    pub headings: Vec<&'static str>,
    pub row_count: usize,
    pub importable: bool,
}

#[derive(Template)]
#[template(path = "registers/import.html")]
struct ImportPage {
    ctx: PageContext,
    org: OrgNav,
    slug: &'static str,
    title: &'static str,
    problems: Vec<FieldProblem>,
    preview: Option<PreviewView>,
}

fn preview_of(
    kind: RegisterKind,
    key: String,
    file_name: String,
    replace: bool,
    check: &ImportCheck,
    lang: Lang,
) -> PreviewView {
    let shown_keys: Vec<&'static str> = kind.fields().iter().take(4).map(|f| f.key).collect();
    PreviewView {
        key,
        file_name,
        replace,
        mapped: check
            .mapped
            .iter()
            .map(|(f, heading)| (f.label(lang), heading.clone()))
            .collect(),
        ignored: check.ignored.clone(),
        problem_count: check.problems.len(),
        problems: check
            .problems
            .iter()
            .take(200)
            .map(|p| (p.row, p.column.clone(), p.reason(lang).to_owned()))
            .collect(),
        headings: shown_keys
            .iter()
            .filter_map(|k| kind.field(k).map(|f| f.label(lang)))
            .collect(),
        rows: check
            .rows
            .iter()
            .take(20)
            .map(|r| {
                shown_keys
                    .iter()
                    .map(|k| shown(kind, k, r.fields().value(k), lang))
                    .collect()
            })
            .collect(),
        row_count: check.rows.len(),
        importable: check.is_importable(),
    }
}

fn page(
    ctx: PageContext,
    access: &OrgAccess,
    kind: RegisterKind,
    problems: Vec<FieldProblem>,
    preview: Option<PreviewView>,
) -> ImportPage {
    ImportPage {
        org: OrgNav::new(access, "registers"),
        slug: kind.slug(),
        title: kind.title(ctx.lang),
        problems,
        preview,
        ctx,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct FormQuery {
    problem: String,
}

/// The upload form; `?problem=too_large` is where an upload over the limit comes back to.
pub async fn import_form(
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug)): Path<(i64, String)>,
    Query(q): Query<FormQuery>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::EditCompany)?;
    let problems = match q.problem.as_str() {
        "too_large" => vec![mamori_http::body_limit::upload_problem()],
        _ => Vec::new(),
    };
    Ok(render(&page(ctx, &access, kind, problems, None))?.into_response())
}

/// Step 1: the file is read and every row checked; nothing is stored.
pub async fn upload(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug)): Path<(i64, String)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::EditCompany)?;
    let upload = match crate::upload::read(multipart).await? {
        Ok(u) => u,
        Err(problems) => {
            return Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(ctx, &access, kind, problems, None),
            ));
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
    let (pending, checked) = mamori_app::off_workers(move || {
        let checked = check_file(kind, &pending.bytes, pending.kind);
        (pending, checked)
    })
    .await?;
    let check = match checked {
        Ok(c) => c,
        Err(problems) => {
            return Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(ctx, &access, kind, problems, None),
            ));
        }
    };
    let file_name = pending.file_name.clone();
    let key = state.pending_imports.put(pending);
    let view = preview_of(kind, key, file_name, replace, &check, ctx.lang);
    let status = if check.is_importable() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render_status(
        status,
        &page(ctx, &access, kind, Vec::new(), Some(view)),
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ConfirmForm {
    key: String,
    mode: String,
}

/// Step 2: the file is checked again and, when every row is good, stored in one transaction.
pub async fn confirm_import(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, slug)): Path<(i64, String)>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let kind = kind_of(&slug)?;
    need(&access, Need::EditCompany)?;
    let (org, user) = (access.scope().org().0, access.scope().user().0);
    let Some(pending) = state
        .pending_imports
        .with(&form.key, org, user, Pending::clone)
    else {
        let gone = vec![
            FieldProblem::new(
                "file",
                "アップロードから30分以上たったか、サーバーが再起動したため、ファイルがありません。もう一度アップロードしてください。",
            )
            .en("The file is gone (more than 30 minutes passed, or the server restarted). Please upload it again."),
        ];
        return Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(ctx, &access, kind, gone, None),
        ));
    };
    let replace = form.mode == "replace";
    let (pending, checked) = mamori_app::off_workers(move || {
        let checked = check_file(kind, &pending.bytes, pending.kind);
        (pending, checked)
    })
    .await?;
    let check = checked.map_err(AppError::Invalid)?;
    if !check.is_importable() {
        let view = preview_of(kind, form.key, pending.file_name, replace, &check, ctx.lang);
        return Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &page(ctx, &access, kind, Vec::new(), Some(view)),
        ));
    }
    let (added, _) = import(state.store(), &access.access, kind, &check.rows, replace).await?;
    state.pending_imports.remove(&form.key);
    Ok(Redirect::to(&format!(
        "/orgs/{org}/registers/{}?notice=register_imported&added={added}",
        kind.slug()
    ))
    .into_response())
}
