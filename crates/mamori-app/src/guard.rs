//! What a person may do in an organisation, asked in one place. Every use case that reads or
//! changes an organisation's data starts with [`require`]; pages ask [`allows`] to decide which
//! buttons to show, so a button is never offered that the use case would refuse.
//!
//! Tenancy itself (whether the person reaches the organisation at all) is decided by the store's
//! `Store::access`, the only way to obtain an [`Access`].

use mamori_storage::{Access, OrgKind, OrgScope, Via};

use crate::Error;

/// What a use case needs of the person's access.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Read data only a company has (action list, risk analysis, profile).
    ReadCompany,
    /// Change data only a company has.
    EditCompany,
    /// Change the organisation's data (diagnoses, and the above for companies).
    Edit,
    /// Manage members, consents and settings, read the audit log. Only the organisation's own
    /// administrators: a support organisation acting through consent never administers a company.
    Administer,
}

/// Whether `access` allows `need`, without saying why not.
pub fn allows(access: &Access, need: Need) -> bool {
    require(access, need).is_ok()
}

/// The scope to act in, or why not: data of a kind the organisation does not have is
/// [`Error::NotFound`] (a support organisation has no action list); a role that may not do it is
/// [`Error::Forbidden`].
pub fn require(access: &Access, need: Need) -> Result<&OrgScope, Error> {
    let role = access.scope.role();
    let company = access.org.kind == OrgKind::Company;
    match need {
        Need::ReadCompany if !company => Err(Error::NotFound),
        Need::EditCompany if !company => Err(Error::NotFound),
        Need::EditCompany | Need::Edit if !role.can_edit() => Err(Error::Forbidden),
        Need::Administer if !(role.can_administer() && matches!(access.via, Via::Membership)) => {
            Err(Error::Forbidden)
        }
        _ => Ok(&access.scope),
    }
}
