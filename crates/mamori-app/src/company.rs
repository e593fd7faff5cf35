//! A company's profile and whom it shares with, a support organisation's consenting companies,
//! and deleting an organisation: the same rules for the pages and the API.

use mamori_storage::{Access, CompanyProfile, Consent, OrgId, OrgKind, Store};

use crate::Error;
use crate::fields::{ProfileInput, profile as parse_profile};
use crate::guard::{Need, require};

/// The company profile (diagnostics.md §10).
pub async fn profile(store: &Store, access: &Access) -> Result<CompanyProfile, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.profile(scope).await?)
}

/// Replaces the profile after checking every field; returns what was stored.
pub async fn save_profile(
    store: &Store,
    access: &Access,
    input: &ProfileInput,
) -> Result<CompanyProfile, Error> {
    let scope = require(access, Need::EditCompany)?;
    let profile = parse_profile(input)?;
    store.save_profile(scope, &profile).await?;
    Ok(profile)
}

/// The support organisations the company shares with.
pub async fn consents(store: &Store, access: &Access) -> Result<Vec<Consent>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.consents(scope).await?)
}

/// Stops sharing with a support organisation (the company's administrators).
pub async fn revoke_consent(store: &Store, access: &Access, support: OrgId) -> Result<(), Error> {
    require(access, Need::ReadCompany)?;
    let scope = require(access, Need::Administer)?;
    Ok(store.revoke_consent(scope, support).await?)
}

/// The companies that share with a support organisation; a company has none.
pub async fn consenting_companies(store: &Store, access: &Access) -> Result<Vec<Consent>, Error> {
    if access.org.kind != OrgKind::Support {
        return Err(Error::NotFound);
    }
    Ok(store.consenting_companies(&access.scope).await?)
}

/// Deletes the organisation and everything it holds (its own administrators only).
pub async fn delete_organisation(store: &Store, access: &Access) -> Result<(), Error> {
    let scope = require(access, Need::Administer)?;
    Ok(store.delete_organisation(scope).await?)
}
