//! Tenancy at the HTTP edge: every route with an `{org}` segment takes an [`OrgAccess`], which
//! asks the store whether the signed-in user may reach that organisation. Store functions for an
//! organisation's data need the `OrgScope` inside it, so a handler cannot skip the check. An
//! organisation the user may not see answers 404, exactly like one that does not exist.

use axum::extract::{FromRef, FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use mamori_storage::{Access, OrgId, OrgScope};

use crate::auth::{CurrentUser, identify_with_access};
use crate::{AppError, AppState};

pub struct OrgAccess {
    pub access: Access,
}

impl OrgAccess {
    pub fn scope(&self) -> &OrgScope {
        &self.access.scope
    }
}

impl<S> FromRequestParts<S> for OrgAccess
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound.into_response())?;
        let org: Option<OrgId> = params
            .iter()
            .find(|(k, _)| *k == "org")
            .and_then(|(_, v)| v.parse().ok());
        let app = AppState::from_ref(state);
        if let Some(org) = org {
            // The usual case: who it is and what they may do here, in one query.
            match identify_with_access(parts, &app, org).await {
                Ok(Some(Some(access))) => return Ok(OrgAccess { access }),
                Ok(Some(None)) => return Err(AppError::NotFound.into_response()),
                Ok(None) => {}
                Err(e) => return Err(e.into_response()),
            }
        }
        // Already identified, or not identifiable: the sign-in answer comes from `CurrentUser`.
        let user = <CurrentUser as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let org = org.ok_or_else(|| AppError::NotFound.into_response())?;
        match app.store().access(user.user.id, org).await {
            Ok(Some(access)) => Ok(OrgAccess { access }),
            Ok(None) => Err(AppError::NotFound.into_response()),
            Err(e) => Err(AppError::from(e).into_response()),
        }
    }
}
