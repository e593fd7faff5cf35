//! Education sessions and inspections or audits over the API (operations.md §5-7).

use axum::Json;
use axum::extract::State;
use mamori_app::operations::activities::{self as uc, ActivityDraft, ActivityInput};
use mamori_storage::Activity;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiJson;
use super::Created;
use super::actions::ActionOut;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

/// An education session or an inspection.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActivityOut {
    pub id: i64,
    /// `education` or `inspection`.
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub title: String,
    pub detail: Option<String>,
    pub participants: Option<i64>,
    /// Education: how many people the session was for.
    pub invited: Option<i64>,
    /// Education: the average test score, 0-100.
    pub test_average: Option<i64>,
    /// Education: how absentees were followed up.
    pub follow_up: Option<String>,
}

impl From<&Activity> for ActivityOut {
    fn from(a: &Activity) -> ActivityOut {
        let f = &a.fields;
        ActivityOut {
            id: a.id,
            kind: f.kind.clone(),
            held_on: f.held_on.clone(),
            title: f.title.clone(),
            detail: f.detail.clone(),
            participants: f.participants,
            invited: f.invited,
            test_average: f.test_average,
            follow_up: f.follow_up.clone(),
        }
    }
}

/// A new record; an inspection's `findings` become actions.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActivityIn {
    pub kind: String,
    /// `YYYY-MM-DD`, not in the future.
    pub held_on: String,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub participants: Option<i64>,
    #[serde(default)]
    pub findings: Vec<String>,
    /// Education: how many people the session was for.
    #[serde(default)]
    pub invited: Option<i64>,
    /// Education: the average test score, 0-100.
    #[serde(default)]
    pub test_average: Option<i64>,
    /// Education: how absentees were followed up.
    #[serde(default)]
    pub follow_up: String,
}

/// What recording made.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedOut {
    pub activity: ActivityOut,
    pub actions: Vec<ActionOut>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/activities", tag = "operations",
    params(("org" = i64, Path, description = "company id")),
    responses((status = 200, body = [ActivityOut]), (status = 404, description = "no such company")))]
pub async fn list_activities(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Json<Vec<ActivityOut>>, AppError> {
    let list = uc::list(state.store(), &access.access).await?;
    Ok(Json(list.iter().map(ActivityOut::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/activities", tag = "operations", request_body = ActivityIn,
    params(("org" = i64, Path, description = "company id")),
    responses((status = 201, body = RecordedOut), (status = 422, description = "invalid fields"),
        (status = 403, description = "a viewer"), (status = 404, description = "no such company")))]
pub async fn create_activity(
    State(state): State<AppState>,
    access: OrgAccess,
    ApiJson(input): ApiJson<ActivityIn>,
) -> Result<Created<RecordedOut>, AppError> {
    let draft = ActivityDraft::parse(
        &ActivityInput {
            kind: input.kind,
            held_on: input.held_on,
            title: input.title,
            detail: input.detail,
            participants: input
                .participants
                .map(|n| n.to_string())
                .unwrap_or_default(),
            findings: input.findings.join("\n"),
            invited: input.invited.map(|n| n.to_string()).unwrap_or_default(),
            test_average: input
                .test_average
                .map(|n| n.to_string())
                .unwrap_or_default(),
            follow_up: input.follow_up,
        },
        &mamori_app::fields::today_in_japan(),
    )
    .map_err(AppError::Invalid)?;
    let (activity, actions) = uc::record(state.store(), &access.access, &draft).await?;
    Ok(Created(RecordedOut {
        activity: ActivityOut::from(&activity),
        actions: actions.iter().map(ActionOut::from).collect(),
    }))
}
