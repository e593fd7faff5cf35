//! Diagnosis in the browser: the list of diagnostics, questionnaires (a page per part, saved on
//! every step and, with JavaScript, on every change), several respondents for the self-check,
//! the review before submitting, and the submission itself. Results live in `results`.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use mamori_domain::builtin;
use mamori_domain::catalog::{Catalog, ScoringRule};
use mamori_storage::{AnswerSetInput, Assessment, AssessmentId, AssessmentStatus};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::org::{OrgNav, headline};
use super::{PageContext, jst, render, render_status};
use crate::Need;
use crate::need;
use mamori_app::answers;
use mamori_app::notes::NoteChanges;
use mamori_domain::ItemNote;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

mod charts;
pub mod csf;
pub mod form;
pub mod history;
pub mod home;
pub mod notes;
mod peers;
mod prefill;
pub mod results;
mod review;
pub mod wording;

pub use review::{add_respondent, delete, review, submit};

use form::{PartLink, Section};

/// The order a company is guided through (IPA's steps: Five Principles, then the self-check,
/// then the deeper checklists).
pub const GUIDED_ORDER: &[&str] = &[
    "five-principles",
    "self-check-25",
    "primary-checklist",
    "employee-rules",
    "cloud-services",
    "management-guideline-10",
    "ipa-seven-actions",
    "nist-csf-tiers",
    "it-stance",
];

/// Catalogs in the guided order (any catalog not listed comes after, by id).
pub fn guided_catalogs() -> Vec<&'static Catalog> {
    let mut list: Vec<&'static Catalog> = builtin().latest().to_vec();
    list.sort_by_key(|c| {
        (
            GUIDED_ORDER
                .iter()
                .position(|id| *id == c.id)
                .unwrap_or(usize::MAX),
            c.id.clone(),
        )
    });
    list
}

/// Whether a catalog collects one answer set per site or department.
pub fn has_respondents(catalog: &Catalog) -> bool {
    matches!(
        catalog.scoring,
        ScoringRule::SumBands {
            consolidation: Some(_),
            ..
        }
    )
}

// ---------------------------------------------------------------------------------------------
// The list of diagnostics

pub struct CatalogCard {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub items: usize,
    pub latest: Option<LatestResult>,
    pub drafts: Vec<DraftLink>,
}

pub struct LatestResult {
    pub id: i64,
    pub date: String,
    pub headline: String,
}

pub struct DraftLink {
    pub id: i64,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "diagnosis/list.html")]
struct DiagnosesPage {
    ctx: PageContext,
    org: OrgNav,
    cards: Vec<CatalogCard>,
}

pub async fn index(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "diagnoses");
    need(&access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let (latest, drafts) = state.store().results_and_drafts(access.scope()).await?;
    let cards = guided_catalogs()
        .into_iter()
        .map(|c| CatalogCard {
            id: c.id.clone(),
            title: c.title.get(lang).to_owned(),
            summary: c.summary.get(lang).to_owned(),
            items: c.items.len(),
            latest: latest
                .iter()
                .find(|(s, _)| s.catalog_id == c.id)
                .map(|(s, r)| LatestResult {
                    id: s.id.0,
                    date: jst(s.submitted_at.unwrap_or(s.updated_at), lang),
                    headline: headline(s, r, lang),
                }),
            drafts: drafts
                .iter()
                .filter(|d| d.catalog_id == c.id)
                .map(|d| DraftLink {
                    id: d.id.0,
                    updated: jst(d.updated_at, lang),
                })
                .collect(),
        })
        .collect();
    Ok(render(&DiagnosesPage { ctx, org, cards })?.into_response())
}

#[derive(Deserialize)]
pub struct StartForm {
    catalog: String,
}

/// Starts a draft, or opens the one already open for this diagnostic (a double click or a second
/// tab must not leave two drafts). Items a catalog fills from another diagnostic (the Five
/// Principles from the self-check) start with the answers of that diagnostic's newest result;
/// the company confirms them on the questionnaire.
pub async fn start(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(form): Form<StartForm>,
) -> Result<Response, AppError> {
    need(&access, Need::Edit)?;
    need(&access, Need::ReadCompany)?;
    let catalog = answers::catalog("catalog", &form.catalog)?;
    let scope = access.scope();
    let prefilled = prefill::for_new_draft(&state, &access, catalog).await?;
    let (summary, created) =
        answers::open_or_start(state.store(), &access.access, catalog, prefilled).await?;
    let notice = if created { "" } else { "?notice=draft_open" };
    Ok(Redirect::to(&format!(
        "/orgs/{}/assessments/{}{notice}",
        scope.org().0,
        summary.id.0
    ))
    .into_response())
}

// ---------------------------------------------------------------------------------------------
// The questionnaire

pub struct RespondentTab {
    pub index: usize,
    pub name: String,
    pub answered: usize,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "diagnosis/questionnaire.html")]
struct QuestionnairePage {
    ctx: PageContext,
    org: OrgNav,
    id: i64,
    title: String,
    summary: String,
    revision: i64,
    set: usize,
    set_name: String,
    respondents: Vec<RespondentTab>,
    has_respondents: bool,
    parts: Vec<PartLink>,
    part: usize,
    part_title: String,
    sections: Vec<Section>,
    answered: usize,
    total: usize,
    percent: usize,
    last_part: bool,
    can_edit: bool,
    problems: Vec<FieldProblem>,
    /// Where pre-filled answers came from, while any is left as it was taken.
    prefill_note: Option<PrefillNote>,
}

pub struct PrefillNote {
    pub title: String,
    pub date: String,
    pub link: String,
}

#[derive(Deserialize, Default)]
pub struct Position {
    part: Option<usize>,
    set: Option<usize>,
}

fn set_answers(a: &Assessment, set: usize) -> Map<String, Value> {
    a.answer_sets
        .get(set)
        .and_then(|s| s.answers.as_object().cloned())
        .unwrap_or_default()
}

fn targets_of(a: &Assessment) -> Map<String, Value> {
    a.targets
        .as_ref()
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// What the questionnaire is filled with: the answers, the target tiers, where pre-filled
/// answers came from, and the consultant's notes (stored, or as just posted).
type Filled<'a> = (
    &'a Map<String, Value>,
    &'a Map<String, Value>,
    Option<&'a prefill::Source>,
    &'a [ItemNote],
);

fn questionnaire(
    ctx: PageContext,
    access: &OrgAccess,
    a: &Assessment,
    catalog: &'static Catalog,
    pos: &Position,
    (answers, targets, source, notes): Filled,
    problems: Vec<FieldProblem>,
) -> QuestionnairePage {
    let lang = ctx.lang;
    let parts = form::parts(catalog);
    let part = pos.part.unwrap_or(0).min(parts.len().saturating_sub(1));
    let set = pos
        .set
        .unwrap_or(0)
        .min(a.answer_sets.len().saturating_sub(1));
    let total = catalog.items.len();
    let answered = (0..total)
        .filter(|&i| form::is_answered(catalog, i, answers))
        .count();
    let targets_value = Value::Object(targets.clone());
    // Only the first answer set is ever pre-filled.
    let source = source.filter(|_| set == 0);
    let still_taken = |id: &str| {
        source.is_some_and(|s| {
            s.answers
                .get(id)
                .is_some_and(|v| answers.get(id) == Some(v))
        })
    };
    let mut sections = parts
        .get(part)
        .map(|&g| form::sections(catalog, g, answers, Some(&targets_value), notes, lang))
        .unwrap_or_default();
    for item in sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        item.prefilled = still_taken(&item.id);
    }
    let prefill_note = source
        .filter(|_| catalog.items.iter().any(|i| still_taken(&i.id)))
        .map(|s| PrefillNote {
            title: s.title.clone(),
            date: s.date.clone(),
            link: format!(
                "/orgs/{}/assessments/{}",
                access.scope().org().0,
                s.assessment
            ),
        });
    QuestionnairePage {
        org: OrgNav::new(access, "diagnoses"),
        id: a.summary.id.0,
        title: catalog.title.get(lang).to_owned(),
        summary: catalog.summary.get(lang).to_owned(),
        revision: a.summary.revision,
        set,
        set_name: a
            .answer_sets
            .get(set)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        respondents: a
            .answer_sets
            .iter()
            .enumerate()
            .map(|(index, s)| RespondentTab {
                index,
                name: s.name.clone(),
                answered: s.answers.as_object().map_or(0, |m| {
                    (0..total)
                        .filter(|&i| form::is_answered(catalog, i, m))
                        .count()
                }),
                current: index == set,
            })
            .collect(),
        has_respondents: has_respondents(catalog),
        parts: form::part_links(catalog, answers, part, lang),
        part,
        part_title: parts
            .get(part)
            .map(|&g| catalog.groups[g].title.get(lang).to_owned())
            .unwrap_or_default(),
        sections,
        answered,
        total,
        percent: (answered * 100).checked_div(total).unwrap_or(0),
        last_part: part + 1 >= parts.len(),
        can_edit: mamori_app::guard::allows(&access.access, mamori_app::guard::Need::Edit),
        problems,
        prefill_note,
        ctx,
    }
}

/// An assessment's page: the questionnaire while it is a draft, the result once submitted.
pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
    Query(pos): Query<Position>,
) -> Result<Response, AppError> {
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(id))
        .await?;
    if a.summary.status == AssessmentStatus::Submitted {
        return results::result_page(&state, ctx, &access, &a).await;
    }
    let catalog = answers::catalog_of(&a)?;
    let set = pos.set.unwrap_or(0);
    let answers = set_answers(&a, set);
    let targets = targets_of(&a);
    let source =
        prefill::of_draft(&state, &access, catalog, a.summary.created_at, ctx.lang).await?;
    let page = questionnaire(
        ctx,
        &access,
        &a,
        catalog,
        &pos,
        (&answers, &targets, source.as_ref(), &a.notes),
        Vec::new(),
    );
    Ok(render(&page)?.into_response())
}

/// A save that arrives after the session ended is sent to sign in, which comes back here with
/// GET: answer it with the questionnaire instead of 405.
pub async fn answers_get(access: OrgAccess, Path((_, id)): Path<(i64, i64)>) -> Redirect {
    Redirect::to(&format!(
        "/orgs/{}/assessments/{id}",
        access.scope().org().0
    ))
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

fn field<'f>(fields: &'f [(String, String)], name: &str) -> Option<&'f str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Saves one part of one answer set. Changes are applied to the newest stored answers (not to
/// the copy the page was rendered from), so two colleagues answering different sets or parts
/// never overwrite each other; a concurrent save is retried once on the fresh copy.
pub async fn save(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    headers: HeaderMap,
    Path((_, id)): Path<(i64, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    need(&access, Need::Edit)?;
    let id = AssessmentId(id);
    let set: usize = field(&fields, "set")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let part: usize = field(&fields, "part")
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut attempt = 0;
    let (a, revision, saved) = loop {
        let a = state.store().assessment(access.scope(), id).await?;
        if a.summary.status == AssessmentStatus::Submitted {
            return Err(AppError::Conflict("already_submitted"));
        }
        let catalog = answers::catalog_of(&a)?;
        let mut given = set_answers(&a, set);
        let mut targets = targets_of(&a);
        let applied = form::apply(catalog, &fields, &mut given, &mut targets);
        let notes = NoteChanges::of_fields(catalog, &fields);
        if applied.is_err() || notes.is_err() {
            let problems: Vec<FieldProblem> = [applied.err(), notes.as_ref().err().cloned()]
                .into_iter()
                .flatten()
                .flatten()
                .collect();
            if wants_json(&headers) {
                return Err(AppError::Invalid(problems));
            }
            let pos = Position {
                part: Some(part),
                set: Some(set),
            };
            let source =
                prefill::of_draft(&state, &access, catalog, a.summary.created_at, ctx.lang).await?;
            let shown = form::notes_shown(&a.notes, &fields);
            let page = questionnaire(
                ctx,
                &access,
                &a,
                catalog,
                &pos,
                (&given, &targets, source.as_ref(), &shown),
                problems,
            );
            return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
        let mut sets: Vec<AnswerSetInput> = a
            .answer_sets
            .iter()
            .map(|s| AnswerSetInput {
                name: s.name.clone(),
                answers: s.answers.clone(),
            })
            .collect();
        // A new draft has no answer set until its first save.
        if sets.is_empty() && set == 0 {
            sets.push(AnswerSetInput {
                name: String::new(),
                answers: Value::Object(Map::new()),
            });
        }
        match sets.get_mut(set) {
            Some(s) => s.answers = Value::Object(given.clone()),
            None => return Err(AppError::NotFound),
        }
        let draft = answers::AnswerDraft::of_sets(
            catalog,
            &sets,
            (!targets.is_empty()).then_some(Value::Object(targets)),
        )?
        .edited_at(Some(a.summary.revision))
        .with_notes(&notes.unwrap_or_default());
        match answers::save_draft(state.store(), &access.access, id, &draft).await {
            Ok(revision) => break (a, revision, given),
            Err(mamori_app::Error::Conflict("stale_revision")) if attempt == 0 => attempt += 1,
            Err(e) => return Err(e.into()),
        }
    };
    if wants_json(&headers) {
        // The page's counters follow autosaved answers: how many are answered, in all and by part.
        let catalog = answers::catalog_of(&a)?;
        let total = catalog.items.len();
        let answered = (0..total)
            .filter(|&i| form::is_answered(catalog, i, &saved))
            .count();
        let parts: Vec<usize> = form::part_links(catalog, &saved, part, ctx.lang)
            .iter()
            .map(|p| p.answered)
            .collect();
        return Ok(axum::Json(serde_json::json!({
            "id": id.0, "revision": revision, "answered": answered, "total": total, "parts": parts,
        }))
        .into_response());
    }
    let base = format!("/orgs/{}/assessments/{}", access.scope().org().0, id.0);
    let parts = answers::catalog_of(&a).map(|c| form::parts(c).len())?;
    let to = match field(&fields, "go") {
        Some("review") => format!("{base}/review?set={set}"),
        Some("prev") => format!("{base}?set={set}&part={}", part.saturating_sub(1)),
        Some("next") if part + 1 < parts => format!("{base}?set={set}&part={}", part + 1),
        Some("next") => format!("{base}/review?set={set}"),
        _ => format!("{base}?set={set}&part={part}&notice=saved"),
    };
    Ok(Redirect::to(&to).into_response())
}
