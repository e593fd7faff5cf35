//! The company's security structure (体制, operations.md §1): who holds each role and who stands
//! in, a review of what is missing, and a one-page chart to print and post.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::operations::roles::{self, CONTACT_MAX, NAME_MAX, RoleFields, RolesDraft};
use mamori_domain::Lang;
use mamori_domain::operations::roles::{ROLES, Role, Time};
use mamori_storage::SecurityRoles;

use crate::org::OrgNav;
use crate::{Need, PageContext, jst, need, render, render_status};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// One role's line of the form and the chart.
pub struct RoleRow {
    pub n: usize,
    pub code: &'static str,
    pub name: &'static str,
    pub duty: &'static str,
    pub emergency: bool,
    pub required: bool,
    pub holder: String,
    pub deputy: String,
    pub contact: String,
    pub holder_invalid: bool,
    pub deputy_invalid: bool,
    pub contact_invalid: bool,
}

#[derive(Template)]
#[template(path = "structure/roles.html")]
struct StructurePage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<RoleRow>,
    problems: Vec<FieldProblem>,
    /// What the structure lacks, one sentence each.
    warnings: Vec<String>,
    assigned: bool,
    updated: Option<String>,
    name_max: usize,
    contact_max: usize,
}

impl StructurePage {
    fn normal(&self) -> impl Iterator<Item = &RoleRow> {
        self.rows.iter().filter(|r| !r.emergency)
    }

    /// The emergency roles in the order a report travels: the responder, then the lead.
    fn emergency_flow(&self) -> Vec<&RoleRow> {
        self.rows.iter().filter(|r| r.emergency).rev().collect()
    }

    /// The security manager's line, at the top of the chart.
    fn head(&self) -> Option<&RoleRow> {
        self.rows.first()
    }

    /// The other normal-time roles that someone holds, under the head in the chart.
    fn staff(&self) -> impl Iterator<Item = &RoleRow> {
        self.normal()
            .skip(1)
            .filter(|r| !r.holder.is_empty() || r.required)
    }
}

fn pick(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    if lang == Lang::En { en } else { ja }
}

fn names(lang: Lang, roles: &[&Role]) -> String {
    roles
        .iter()
        .map(|r| pick(lang, r.name_ja, r.name_en))
        .collect::<Vec<_>>()
        .join(pick(lang, "、", ", "))
}

/// The review's findings in the reader's words.
fn warnings(lang: Lang, stored: &SecurityRoles) -> (bool, Vec<String>) {
    let review = roles::review(stored);
    let mut out = Vec::new();
    if !review.unassigned.is_empty() {
        out.push(match lang {
            Lang::Ja => format!(
                "まだ担当者が決まっていない役割: {}",
                names(lang, &review.unassigned)
            ),
            Lang::En => format!(
                "Roles nobody holds yet: {}",
                names(lang, &review.unassigned)
            ),
        });
    }
    if let Some(person) = &review.one_person_holds_everything {
        out.push(match lang {
            Lang::Ja => format!(
                "すべての役割を{person}さん1人が担当しています。兼任はやむを得ない場合もありますが、不在や事故のときに対応が止まらないよう、役割を分けるか、少なくとも代理は別の人にしてください。"
            ),
            Lang::En => format!(
                "{person} holds every role. That may be unavoidable in a small company, but so that nothing stops when they are away, share the roles or at least give each a different deputy."
            ),
        });
    }
    if !review.without_deputy.is_empty() {
        out.push(match lang {
            Lang::Ja => format!(
                "代理が決まっていない役割: {}",
                names(lang, &review.without_deputy)
            ),
            Lang::En => format!(
                "Roles without a deputy: {}",
                names(lang, &review.without_deputy)
            ),
        });
    }
    (review.assigned(), out)
}

fn rows(lang: Lang, fields: &[RoleFields], problems: &[FieldProblem]) -> Vec<RoleRow> {
    let invalid = |n: usize, f: &str| {
        problems
            .iter()
            .any(|p| p.field == format!("roles[{n}].{f}"))
    };
    ROLES
        .iter()
        .zip(fields)
        .enumerate()
        .map(|(n, (r, f))| RoleRow {
            n,
            code: r.code,
            name: pick(lang, r.name_ja, r.name_en),
            duty: pick(lang, r.duty_ja, r.duty_en),
            emergency: r.time == Time::Emergency,
            required: r.required,
            holder: f.holder.clone(),
            deputy: f.deputy.clone(),
            contact: f.contact.clone(),
            holder_invalid: invalid(n, "holder"),
            deputy_invalid: invalid(n, "deputy"),
            contact_invalid: invalid(n, "contact"),
        })
        .collect()
}

/// The stored roles as the form's fields, every role in the structure's order.
fn fields_of(stored: &SecurityRoles) -> Vec<RoleFields> {
    ROLES
        .iter()
        .map(|r| {
            let held = stored.roles.iter().find(|s| s.role == r.code);
            RoleFields {
                role: r.code.to_owned(),
                holder: held.map(|h| h.holder.clone()).unwrap_or_default(),
                deputy: held.and_then(|h| h.deputy.clone()).unwrap_or_default(),
                contact: held.and_then(|h| h.contact.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

fn page(
    ctx: PageContext,
    access: &OrgAccess,
    stored: &SecurityRoles,
    fields: &[RoleFields],
    problems: Vec<FieldProblem>,
) -> StructurePage {
    let lang = ctx.lang;
    let (assigned, warnings) = warnings(lang, stored);
    StructurePage {
        org: OrgNav::new(access, "structure"),
        rows: rows(lang, fields, &problems),
        problems,
        warnings,
        assigned,
        updated: stored.updated_at.map(|t| jst(t, lang)),
        name_max: NAME_MAX,
        contact_max: CONTACT_MAX,
        ctx,
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let stored = roles::get(state.store(), &access.access).await?;
    let fields = fields_of(&stored);
    Ok(render(&page(ctx, &access, &stored, &fields, Vec::new()))?.into_response())
}

/// The form sends `holder-{n}`, `deputy-{n}` and `contact-{n}` for each role `n` of the
/// structure's order.
pub async fn save(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    need(&access, Need::EditCompany)?;
    let value = |key: String| crate::form_value(&form, &key);
    let fields: Vec<RoleFields> = ROLES
        .iter()
        .enumerate()
        .map(|(n, r)| RoleFields {
            role: r.code.to_owned(),
            holder: value(format!("holder-{n}")),
            deputy: value(format!("deputy-{n}")),
            contact: value(format!("contact-{n}")),
        })
        .collect();
    match RolesDraft::parse(&fields) {
        Ok(draft) => {
            roles::save(state.store(), &access.access, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/structure?notice=saved",
                access.access.org.id
            ))
            .into_response())
        }
        Err(problems) => {
            // Nothing is stored; the form comes back with what was typed.
            let stored = roles::get(state.store(), &access.access).await?;
            Ok(render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &page(ctx, &access, &stored, &fields, problems),
            ))
        }
    }
}
