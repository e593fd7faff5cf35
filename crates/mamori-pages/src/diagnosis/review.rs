//! Review before submitting, the submission itself, respondents of the self-check and deleting
//! a draft.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_domain::Lang;
use mamori_domain::catalog::Catalog;
use mamori_storage::{AnswerSetInput, Assessment, AssessmentId, AssessmentStatus};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{form, has_respondents};
use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use crate::render_status;
use mamori_app::answers;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct ReviewItem {
    pub id: String,
    pub text: String,
    pub answer: Option<String>,
    pub link: String,
}

pub struct ReviewPart {
    pub title: String,
    pub items: Vec<ReviewItem>,
}

pub struct ReviewSet {
    pub name: String,
    pub missing: usize,
    pub parts: Vec<ReviewPart>,
}

/// An unanswered question, said in words with a link to it (never as a path into the answers).
pub struct MissingItem {
    pub text: String,
    pub link: String,
}

impl MissingItem {
    fn new(set_name: &str, item: &ReviewItem, lang: Lang) -> MissingItem {
        let what = match lang {
            Lang::Ja => format!("設問 {} にまだ回答していません", item.id),
            Lang::En => format!("Question {} is not answered yet", item.id),
        };
        MissingItem {
            text: if set_name.is_empty() {
                what
            } else {
                format!("{set_name}: {what}")
            },
            link: item.link.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "diagnosis/review.html")]
struct ReviewPage {
    ctx: PageContext,
    org: OrgNav,
    id: i64,
    title: String,
    sets: Vec<ReviewSet>,
    missing: usize,
    /// Every unanswered question, in the order of the questionnaire.
    missing_items: Vec<MissingItem>,
    /// The submission was refused because of `missing_items`.
    refused: bool,
    can_edit: bool,
    problems: Vec<FieldProblem>,
}

fn answer_label(catalog: &Catalog, item: usize, value: &Value, lang: Lang) -> Option<String> {
    let text = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    if catalog.uses_viewpoints() {
        let parts: Vec<String> = catalog
            .scale
            .viewpoints
            .iter()
            .filter_map(|vp| {
                let given = text(value.get(&vp.id)?)?;
                let o = vp.options.iter().find(|o| o.value.to_string() == given)?;
                Some(format!("{} {}", vp.label.get(lang), o.label.get(lang)))
            })
            .collect();
        return (!parts.is_empty()).then(|| parts.join("／"));
    }
    let given = text(value)?;
    catalog
        .options_of(item)
        .iter()
        .find(|o| o.value.to_string() == given)
        .map(|o| o.label.get(lang).to_owned())
}

fn review_page(
    ctx: PageContext,
    access: &OrgAccess,
    a: &Assessment,
    problems: Vec<FieldProblem>,
) -> Result<ReviewPage, AppError> {
    let lang = ctx.lang;
    let catalog = answers::catalog_of(a)?;
    let base = format!(
        "/orgs/{}/assessments/{}",
        access.scope().org().0,
        a.summary.id.0
    );
    // A draft nobody has saved yet has no answer set: it is one set with nothing answered.
    let mut given: Vec<(String, Map<String, Value>)> = a
        .answer_sets
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.answers.as_object().cloned().unwrap_or_default(),
            )
        })
        .collect();
    if given.is_empty() {
        given.push((String::new(), Map::new()));
    }
    let sets: Vec<ReviewSet> = given
        .into_iter()
        .enumerate()
        .map(|(n, (name, answers))| {
            let parts: Vec<ReviewPart> = form::parts(catalog)
                .into_iter()
                .enumerate()
                .map(|(p, g)| ReviewPart {
                    title: catalog.groups[g].title.get(lang).to_owned(),
                    items: form::items_of_part(catalog, g)
                        .into_iter()
                        .map(|i| {
                            let item = &catalog.items[i];
                            ReviewItem {
                                id: item.id.clone(),
                                text: item.text.get(lang).to_owned(),
                                answer: form::is_answered(catalog, i, &answers)
                                    .then(|| answer_label(catalog, i, &answers[&item.id], lang))
                                    .flatten(),
                                link: format!(
                                    "{base}?set={n}&part={p}#item-{}",
                                    item.id
                                        .chars()
                                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                                        .collect::<String>()
                                ),
                            }
                        })
                        .collect(),
                })
                .collect();
            let missing = parts
                .iter()
                .flat_map(|p| &p.items)
                .filter(|i| i.answer.is_none())
                .count();
            ReviewSet {
                name,
                missing,
                parts,
            }
        })
        .collect();
    let missing_items = sets
        .iter()
        .flat_map(|s| {
            s.parts
                .iter()
                .flat_map(|p| &p.items)
                .filter(|i| i.answer.is_none())
                .map(|i| MissingItem::new(&s.name, i, lang))
        })
        .collect();
    Ok(ReviewPage {
        org: OrgNav::new(access, "diagnoses"),
        id: a.summary.id.0,
        title: catalog.title.get(lang).to_owned(),
        missing: sets.iter().map(|s| s.missing).sum(),
        missing_items,
        refused: false,
        sets,
        can_edit: mamori_app::guard::allows(&access.access, mamori_app::guard::Need::Edit),
        problems,
        ctx,
    })
}

pub async fn review(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(id))
        .await?;
    if a.summary.status == AssessmentStatus::Submitted {
        return Ok(Redirect::to(&format!("/orgs/{org}/assessments/{id}")).into_response());
    }
    Ok(render(&review_page(ctx, &access, &a, Vec::new())?)?.into_response())
}

/// Scores the stored answers with the domain engine and submits them. Incomplete answers come
/// back to the review page with every missing question named and linked.
pub async fn submit(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    need(&access, Need::Edit)?;
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(id))
        .await?;
    if a.summary.status == AssessmentStatus::Submitted {
        return Ok(Redirect::to(&format!("/orgs/{org}/assessments/{id}")).into_response());
    }
    let mut page = review_page(ctx, &access, &a, Vec::new())?;
    if page.missing > 0 {
        page.refused = true;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    match answers::submit(state.store(), &access.access, &a).await? {
        Ok(_) => Ok(
            Redirect::to(&format!("/orgs/{org}/assessments/{id}?notice=submitted")).into_response(),
        ),
        Err(found) => {
            // Saves are checked as they come, so this is a draft a newer catalog no longer
            // accepts: name the question and the problem, not where it sits in the answers.
            page.problems = found
                .iter()
                .map(|p| {
                    FieldProblem::new(p.path.clone(), p.message_on_page(Lang::Ja))
                        .en(p.message_on_page(Lang::En))
                })
                .collect();
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

#[derive(Deserialize)]
pub struct RespondentForm {
    name: String,
    #[serde(default)]
    first_name: Option<String>,
}

/// Adds a respondent (a site or department) to a self-check. The first answer set has no name
/// until there is a second one; it is named here too.
pub async fn add_respondent(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
    Form(form): Form<RespondentForm>,
) -> Result<Response, AppError> {
    need(&access, Need::Edit)?;
    let a = state
        .store()
        .assessment(access.scope(), AssessmentId(id))
        .await?;
    let catalog = answers::catalog_of(&a)?;
    if !has_respondents(catalog) || a.summary.status == AssessmentStatus::Submitted {
        return Err(AppError::NotFound);
    }
    let mut sets: Vec<AnswerSetInput> = a
        .answer_sets
        .iter()
        .map(|s| AnswerSetInput {
            name: s.name.clone(),
            answers: s.answers.clone(),
        })
        .collect();
    if sets.is_empty() {
        sets.push(AnswerSetInput {
            name: String::new(),
            answers: Value::Object(Map::new()),
        });
    }
    let mut problems = Vec::new();
    let name = form.name.trim().to_owned();
    check_respondent_name("name", &name, &mut problems);
    if let Some(first) = sets.first_mut().filter(|s| s.name.is_empty()) {
        let first_name = form.first_name.as_deref().unwrap_or("").trim().to_owned();
        check_respondent_name("first_name", &first_name, &mut problems);
        first.name = first_name;
    }
    if sets.iter().any(|s| s.name == name) && !name.is_empty() {
        problems.push(
            FieldProblem::new(
                "name",
                format!("「{name}」はすでに回答者にいます。別の名前にしてください。"),
            )
            .en(format!(
                "“{name}” is already a respondent. Choose another name."
            )),
        );
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    sets.push(AnswerSetInput {
        name,
        answers: Value::Object(Map::new()),
    });
    let new_set = sets.len() - 1;
    let catalog = answers::catalog_of(&a)?;
    let draft = answers::AnswerDraft::of_sets(catalog, &sets, a.targets.clone())?
        .edited_at(Some(a.summary.revision));
    answers::save_draft(state.store(), &access.access, a.summary.id, &draft).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{org}/assessments/{id}?set={new_set}&notice=respondent_added"
    ))
    .into_response())
}

fn check_respondent_name(field: &str, name: &str, problems: &mut Vec<FieldProblem>) {
    if name.is_empty() {
        problems.push(
            FieldProblem::new(
                field,
                "回答者の名前（事業所名や部署名）を入力してください。",
            )
            .en("Enter the respondent's name (a site or department)."),
        );
    } else if name.chars().count() > 60 {
        problems.push(
            FieldProblem::new(field, "回答者の名前は60文字以内にしてください。")
                .en("The respondent's name can be at most 60 characters."),
        );
    }
}

/// Deletes a draft (an administrator may also delete a submitted assessment).
pub async fn delete(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    need(&access, Need::Edit)?;
    state
        .store()
        .delete_assessment(access.scope(), AssessmentId(id))
        .await?;
    Ok(Redirect::to(&format!("/orgs/{org}/diagnoses?notice=deleted")).into_response())
}
