//! The JSON API under `/api/v1/`. Every handler is annotated with `#[utoipa::path]` and
//! registered through `routes!`, so the OpenAPI document at `/api/v1/openapi.json` is generated
//! from the very routes the server runs (and the cross-tenant test walks that document).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use mamori_http::{AppError, AppState, FieldProblem};

mod account;
pub(crate) mod actions;
mod activities;
mod assessments;
pub(crate) mod company;
mod contacts;
mod dto;
mod incidents;
mod me;
mod members;
mod orgs;
mod registers;
mod reports;
mod risk;
mod structure;

pub use dto::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Mamori API",
        description = "情報セキュリティ診断・改善支援 Mamori の JSON API。認証は `Authorization: Bearer <APIトークン>`（ブラウザからはセッションCookieと `X-CSRF-Token`）。エラーは `{\"error\": {\"code\", \"message\", \"details\"}}`。",
    ),
    components(schemas(mamori_http::error::ErrorFields<'static>, mamori_http::error::ProblemDoc<'static>)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        openapi.security = Some(vec![utoipa::openapi::security::SecurityRequirement::new(
            "token",
            Vec::<String>::new(),
        )]);
    }
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::me))
        .routes(routes!(orgs::list_orgs, orgs::create_org))
        .routes(routes!(orgs::get_org, orgs::rename_org, orgs::delete_org))
        .routes(routes!(account::audit_log))
        .routes(routes!(account::list_tokens, account::create_token))
        .routes(routes!(account::delete_token))
        .routes(routes!(account::sign_out_everywhere))
        .routes(routes!(account::change_password))
        .routes(routes!(account::list_users, account::create_user))
        .routes(routes!(account::user_password_link))
        .routes(routes!(members::list_members, members::create_member))
        .routes(routes!(members::change_role, members::remove_member))
        .routes(routes!(members::member_password_link))
        .routes(routes!(company::get_profile, company::put_profile))
        .routes(routes!(company::list_consents, company::grant_consent))
        .routes(routes!(company::revoke_consent))
        .routes(routes!(company::list_companies))
        .routes(routes!(company::remove_company))
        .routes(routes!(
            company::get_support_code,
            company::regenerate_support_code
        ))
        .routes(routes!(
            assessments::list_assessments,
            assessments::create_assessment
        ))
        .routes(routes!(
            assessments::get_assessment,
            assessments::delete_assessment
        ))
        .routes(routes!(assessments::save_answers))
        .routes(routes!(assessments::submit_assessment))
        .routes(routes!(assessments::get_result))
        .routes(routes!(reports::assessment_report))
        .routes(routes!(reports::history_report))
        .routes(routes!(reports::risk_report))
        .routes(routes!(assessments::get_notes, assessments::put_notes))
        .routes(routes!(actions::list_actions, actions::create_action))
        .routes(routes!(actions::update_action, actions::delete_action))
        .routes(routes!(
            risk::list_assets,
            risk::create_asset,
            risk::bulk_update_assets
        ))
        .routes(routes!(risk::import_assets))
        .routes(routes!(
            risk::get_asset,
            risk::put_asset,
            risk::delete_asset
        ))
        .routes(routes!(risk::duplicate_asset))
        .routes(routes!(risk::get_treatment, risk::put_treatment))
        .routes(routes!(risk::list_treatments))
        .routes(routes!(risk::get_threats, risk::put_threats))
        .routes(routes!(
            risk::get_countermeasures,
            risk::put_countermeasures
        ))
        .routes(routes!(risk::get_settings, risk::put_settings))
        .routes(routes!(risk::history))
        .routes(routes!(risk::list_snapshots, risk::close_snapshot))
        .routes(routes!(risk::get_snapshot))
        .routes(routes!(risk::evaluation))
        .routes(routes!(structure::get_roles, structure::put_roles))
        .routes(routes!(
            incidents::list_incidents,
            incidents::create_incident
        ))
        .routes(routes!(incidents::get_incident, incidents::put_incident))
        .routes(routes!(incidents::add_entry))
        .routes(routes!(incidents::put_report))
        .routes(routes!(incidents::close_incident))
        .routes(routes!(incidents::get_handlers, incidents::put_handlers))
        .routes(routes!(contacts::list_contacts, contacts::create_contact))
        .routes(routes!(contacts::delete_contact))
        .routes(routes!(contacts::contact_sheet))
        .routes(routes!(
            activities::list_activities,
            activities::create_activity
        ))
        .routes(routes!(
            contacts::get_disclosure_plan,
            contacts::put_disclosure_plan
        ))
        .routes(routes!(registers::list_entries, registers::create_entry))
        .routes(routes!(
            registers::get_entry,
            registers::put_entry,
            registers::delete_entry
        ))
}

/// The served document, with the server's version.
pub fn document(mut doc: utoipa::openapi::OpenApi) -> String {
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    doc.to_pretty_json().unwrap_or_default()
}

/// A JSON body whose problems (syntax, wrong types, unknown fields, not UTF-8) become a 400/422
/// with our error shape and Japanese words, naming the place when serde knows it.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(json_problem(rejection)),
        }
    }
}

fn json_problem(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonDataError(e) => {
            // serde's text names the field ("unknown field `x`", "missing field `y`").
            let detail = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            AppError::Invalid(vec![
                FieldProblem::new(
                    field_of(&detail),
                    format!("項目の値または名前が正しくありません（{detail}）。"),
                )
                .en(format!("A field's value or name is not valid ({detail}).")),
            ])
        }
        JsonRejection::JsonSyntaxError(e) => {
            let detail = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            AppError::BadRequest(format!(
                "JSONとして読み取れません（{detail}）。文字コードはUTF-8にしてください。"
            ))
        }
        JsonRejection::MissingJsonContentType(_) => AppError::BadRequest(
            "Content-Type: application/json を指定してJSONを送ってください。".into(),
        ),
        // Bodies that announce their length are measured before this (`body_limit`).
        JsonRejection::BytesRejection(_) => AppError::BadRequest(
            "送信されたデータを読み取れませんでした（大きすぎるか、途中で切れています）。".into(),
        ),
        _ => AppError::BadRequest("送信された内容を読み取れませんでした。".into()),
    }
}

/// serde reports `path.to.field: message`; the path is the field we name.
fn field_of(detail: &str) -> String {
    if let Some(start) = detail.find('`') {
        if let Some(len) = detail[start + 1..].find('`') {
            return detail[start + 1..start + 1 + len].to_owned();
        }
    }
    detail
        .split_once(':')
        .map(|(p, _)| p.trim().to_owned())
        .filter(|p| !p.contains(' '))
        .unwrap_or_else(|| "(body)".to_owned())
}

/// A JSON response with a status.
pub struct Created<T>(pub T);

impl<T: Serialize> IntoResponse for Created<T> {
    fn into_response(self) -> Response {
        (axum::http::StatusCode::CREATED, axum::Json(self.0)).into_response()
    }
}
