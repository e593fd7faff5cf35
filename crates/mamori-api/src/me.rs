use axum::Json;

use super::UserOut;
use mamori_http::auth::CurrentUser;

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = UserOut), (status = 401, description = "not signed in")))]
pub async fn me(user: CurrentUser) -> Json<UserOut> {
    Json(UserOut::from(&user.user))
}
