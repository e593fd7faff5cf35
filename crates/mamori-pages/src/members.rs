//! Members and roles of an organisation.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::{Role, UserId};
use serde::Deserialize;

use super::org::OrgNav;
use super::{PageContext, jst, render, render_status};
use mamori_app::fields as validate;
use mamori_app::members;
use mamori_http::auth::password_path;
use mamori_http::i18n::Lang;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct MemberRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: &'static str,
    pub role_label: &'static str,
    pub pending: bool,
    pub since: String,
    pub is_me: bool,
}

pub struct RoleChoice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    ctx: PageContext,
    org: OrgNav,
    members: Vec<MemberRow>,
    roles: Vec<RoleChoice>,
    problems: Vec<FieldProblem>,
    form_email: String,
    form_name: String,
    form_role: String,
    /// A one-time link just issued, shown once.
    link: Option<(String, String)>,
}

fn roles(lang: Lang) -> Vec<RoleChoice> {
    Role::ALL
        .iter()
        .map(|r| RoleChoice {
            value: r.as_str(),
            label: mamori_app::labels::role(*r, lang),
        })
        .collect()
}

async fn page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    problems: Vec<FieldProblem>,
    form: Option<AddForm>,
    link: Option<(String, String)>,
) -> Result<MembersPage, AppError> {
    let me = access.scope().user();
    let lang = ctx.lang;
    let members = state
        .store()
        .members(access.scope())
        .await?
        .into_iter()
        .map(|m| MemberRow {
            id: m.user.id.0,
            is_me: m.user.id == me,
            name: m.user.name,
            email: m.user.email,
            role: m.role.as_str(),
            role_label: mamori_app::labels::role(m.role, lang),
            pending: !m.user.has_password,
            since: jst(m.since, lang),
        })
        .collect();
    let form = form.unwrap_or_default();
    Ok(MembersPage {
        ctx,
        org: OrgNav::new(access, "members"),
        members,
        roles: roles(lang),
        problems,
        form_email: form.email,
        form_name: form.name.unwrap_or_default(),
        form_role: form.role.unwrap_or_else(|| "member".into()),
        link,
    })
}

pub async fn list(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    Ok(render(&page(&state, ctx, &access, Vec::new(), None, None).await?)?.into_response())
}

#[derive(Deserialize, Default)]
pub struct AddForm {
    email: String,
    name: Option<String>,
    role: Option<String>,
}

pub async fn add(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<AddForm>,
) -> Result<Response, AppError> {
    let role = form.role.clone().unwrap_or_default();
    match members::add(
        state.store(),
        &access.access,
        &form.email,
        form.name.as_deref(),
        &role,
    )
    .await
    .map_err(AppError::from)
    {
        Ok((member, link)) => {
            let Some(link) = link else {
                return Ok(Redirect::to(&format!(
                    "/orgs/{}/members?notice=member_added",
                    access.access.org.id
                ))
                .into_response());
            };
            let shown = (member.user.email.clone(), password_path(&link));
            let p = page(&state, ctx, &access, Vec::new(), None, Some(shown)).await?;
            Ok(render(&p)?.into_response())
        }
        Err(AppError::Invalid(problems)) => {
            let p = page(&state, ctx, &access, problems, Some(form), None).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(AppError::Conflict("already_member")) => {
            let problems = vec![
                FieldProblem::new(
                    "email",
                    "この人はすでにメンバーです。役割を変えるときは一覧で変更してください。",
                )
                .en("This person is already a member. To change their role, use the list."),
            ];
            let p = page(&state, ctx, &access, problems, Some(form), None).await?;
            Ok(render_status(StatusCode::CONFLICT, &p))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: String,
}

pub async fn change_role(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, user)): Path<(i64, i64)>,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let mut problems = Vec::new();
    let Some(role) = validate::role("role", &form.role, &mut problems) else {
        return Err(AppError::Invalid(problems));
    };
    match members::set_role(state.store(), &access.access, UserId(user), role)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/orgs/{}/members?notice=role_changed",
            access.access.org.id
        ))
        .into_response()),
        Err(AppError::Conflict("last_admin")) => last_admin(&state, ctx, &access).await,
        Err(e) => Err(e),
    }
}

async fn last_admin(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
) -> Result<Response, AppError> {
    let problems = vec![
        FieldProblem::new(
            "role",
            "最後の管理者は外せません。先に別の人を管理者にしてください。",
        )
        .en("The last administrator cannot be removed. Make someone else an administrator first."),
    ];
    let p = page(state, ctx, access, problems, None, None).await?;
    Ok(render_status(StatusCode::CONFLICT, &p))
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    match state
        .store()
        .remove_member(access.scope(), UserId(user))
        .await
    {
        Ok(()) if UserId(user) == access.scope().user() => {
            Ok(Redirect::to("/orgs?notice=member_removed").into_response())
        }
        Ok(()) => Ok(Redirect::to(&format!(
            "/orgs/{}/members?notice=member_removed",
            access.access.org.id
        ))
        .into_response()),
        Err(mamori_storage::StoreError::Conflict("last_admin")) => {
            last_admin(&state, ctx, &access).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn invite(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (person, link) =
        members::reissue_invite(state.store(), &access.access, UserId(user)).await?;
    let email = person.email;
    let p = page(
        &state,
        ctx,
        &access,
        Vec::new(),
        None,
        Some((email, password_path(&link))),
    )
    .await?;
    Ok(render(&p)?.into_response())
}
