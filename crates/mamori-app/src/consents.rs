//! Sharing with support organisations (programmes.md §4): a company registers the code its
//! support organisation handed out.

use mamori_storage::{Access, OrgId, Store, StoreError, normalise_support_code};

use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// Registers a support code for the company, for the API and the page alike: a malformed or
/// unknown code is a problem with the `support_code` field that names no organisation.
pub async fn grant_by_code(store: &Store, access: &Access, code: &str) -> Result<OrgId, Error> {
    require(access, Need::ReadCompany)?;
    let scope = require(access, Need::Administer)?;
    let problem =
        |ja: &str, en: &str| Error::Invalid(vec![FieldProblem::new("support_code", ja).en(en)]);
    if code.trim().is_empty() {
        return Err(problem(
            "支援機関コードを入力してください（支援機関から受け取った16文字のコードです）。",
            "Enter the support organisation code (the 16 characters the support organisation gave you).",
        ));
    }
    if normalise_support_code(code).is_none() {
        return Err(problem(
            "支援機関コードは英数字16文字です（例: 7KQ2-M9XD-4TPA-H3RC）。受け取ったコードをもう一度確かめてください。",
            "A support organisation code is 16 letters and digits (for example 7KQ2-M9XD-4TPA-H3RC). Please check the code you were given.",
        ));
    }
    match store.grant_consent(scope, code).await {
        Ok(support) => Ok(support.id),
        Err(StoreError::NotFound) => Err(problem(
            "この支援機関コードに当てはまる支援機関はありません。コードが新しく作り直されていないか、支援機関に確かめてください。",
            "No support organisation has this code. Please check with the support organisation whether the code has been replaced.",
        )),
        Err(e) => Err(e.into()),
    }
}
