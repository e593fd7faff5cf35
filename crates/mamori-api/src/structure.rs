//! The company's security roles over the API (operations.md §1).

use axum::Json;
use axum::extract::State;
use mamori_app::operations::roles::{self, RoleFields, RolesDraft};
use mamori_domain::operations::roles::{ROLES, Time};
use mamori_storage::SecurityRoles;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::{ApiJson, time};
use crate::risk::checks::json_text;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// One role of the structure and who holds it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleOut {
    /// `security_manager`, `department_manager`, `system_admin`, `education_manager`,
    /// `inspection_manager`, `audit_manager`, `privacy_manager`, `incident_manager`,
    /// `emergency_lead` or `emergency_responder`.
    pub role: String,
    /// The role's Japanese name.
    pub name: String,
    /// `normal` or `emergency`.
    pub time: String,
    /// The structure is in place only when every required role has a holder.
    pub required: bool,
    /// `null` while nobody holds it.
    pub holder: Option<String>,
    pub deputy: Option<String>,
    pub contact: Option<String>,
}

/// The company's security roles, every role of the structure in order, and what is missing.
#[derive(Debug, Serialize, ToSchema)]
pub struct StructureOut {
    pub roles: Vec<RoleOut>,
    /// Every required role has a holder (the maturity level's "roles assigned").
    pub assigned: bool,
    /// Required roles nobody holds.
    pub unassigned: Vec<String>,
    /// Held roles without a deputy.
    pub without_deputy: Vec<String>,
    /// The one person who holds every held role, when that is so (001: not desirable).
    pub one_person_holds_everything: Option<String>,
    pub updated_at: Option<String>,
}

impl From<&SecurityRoles> for StructureOut {
    fn from(stored: &SecurityRoles) -> StructureOut {
        let review = roles::review(stored);
        let codes = |list: &[&'static mamori_domain::operations::roles::Role]| {
            list.iter().map(|r| r.code.to_owned()).collect()
        };
        StructureOut {
            roles: ROLES
                .iter()
                .map(|r| {
                    let held = stored.roles.iter().find(|s| s.role == r.code);
                    RoleOut {
                        role: r.code.to_owned(),
                        name: r.name_ja.to_owned(),
                        time: match r.time {
                            Time::Normal => "normal",
                            Time::Emergency => "emergency",
                        }
                        .to_owned(),
                        required: r.required,
                        holder: held.map(|h| h.holder.clone()),
                        deputy: held.and_then(|h| h.deputy.clone()),
                        contact: held.and_then(|h| h.contact.clone()),
                    }
                })
                .collect(),
            assigned: review.assigned(),
            unassigned: codes(&review.unassigned),
            without_deputy: codes(&review.without_deputy),
            one_person_holds_everything: review.one_person_holds_everything,
            updated_at: stored.updated_at.map(time),
        }
    }
}

/// One role as given: texts, `null` or left out for none.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    pub role: String,
    /// Up to 100 characters.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub holder: Value,
    /// Up to 100 characters; someone other than the holder.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub deputy: Value,
    /// Phone and e-mail as written, up to 200 characters.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub contact: Value,
}

/// Every role the company assigns; a role left out has no holder.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StructureIn {
    pub roles: Vec<RoleIn>,
}

/// The company's security roles and what the structure lacks.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/security-roles", tag = "operations",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = StructureOut), (status = 404, description = "no such company")))]
pub async fn get_roles(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<StructureOut>, AppError> {
    let stored = roles::get(state.store(), &access.access).await?;
    Ok(Json(StructureOut::from(&stored)))
}

/// Replaces the company's security roles (editors). Every problem is listed, naming
/// `roles[n].holder` and the role.
#[utoipa::path(put, path = "/api/v1/orgs/{org}/security-roles", tag = "operations",
    request_body = StructureIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = StructureOut), (status = 422, description = "invalid fields"),
        (status = 404, description = "no such company")))]
pub async fn put_roles(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<StructureIn>,
) -> Result<Json<StructureOut>, AppError> {
    let mut problems = Vec::new();
    let mut text = |n: usize, field: &str, v: &Value| {
        json_text(v).unwrap_or_else(|| {
            problems.push(
                FieldProblem::new(format!("roles[{n}].{field}"), "文字で入力してください。")
                    .en("Give it as text."),
            );
            String::new()
        })
    };
    let fields: Vec<RoleFields> = input
        .roles
        .iter()
        .enumerate()
        .map(|(n, r)| RoleFields {
            role: r.role.clone(),
            holder: text(n, "holder", &r.holder),
            deputy: text(n, "deputy", &r.deputy),
            contact: text(n, "contact", &r.contact),
        })
        .collect();
    let draft = match RolesDraft::parse(&fields) {
        Ok(draft) if problems.is_empty() => draft,
        Ok(_) => return Err(AppError::Invalid(problems)),
        Err(more) => {
            problems.extend(more);
            return Err(AppError::Invalid(problems));
        }
    };
    roles::save(state.store(), &access.access, &draft).await?;
    let stored = roles::get(state.store(), &access.access).await?;
    Ok(Json(StructureOut::from(&stored)))
}
