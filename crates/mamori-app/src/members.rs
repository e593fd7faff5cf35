//! Members and roles of an organisation (its administrators manage them).

use mamori_storage::{Access, Member, Role, Secret, Store, StoreError, User, UserId};

use crate::accounts::INVITE_VALID;
use crate::fields::{email as check_email, name as check_name, role as check_role};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// Adds a person by e-mail address; creates their account (without a password) when they have
/// none, and then returns the one-time link with which they choose one.
pub async fn add(
    store: &Store,
    access: &Access,
    email: &str,
    name: Option<&str>,
    role: &str,
) -> Result<(Member, Option<Secret>), Error> {
    let scope = require(access, Need::Administer)?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    let email = check_email("email", email, &mut problems);
    let role = check_role("role", role, &mut problems);
    let (Some(email), Some(role), true) = (email, role, problems.is_empty()) else {
        return Err(Error::Invalid(problems));
    };
    let (user, link) = match store.user_by_email(&email).await? {
        Some(user) => (user, None),
        None => {
            let mut problems = Vec::new();
            let Some(name) = check_name(
                "name",
                ("名前", "name"),
                name.unwrap_or_default(),
                &mut problems,
            ) else {
                problems[0] = FieldProblem::new(
                    "name",
                    "このメールアドレスのアカウントはまだありません。新しく作るので、お名前も入力してください。",
                )
                .en("There is no account with this email address yet. A new one will be created, so please enter a name too.");
                return Err(Error::Invalid(problems));
            };
            let user = store.create_user(&email, &name, None, false).await?;
            let link = store
                .create_password_link(user.id, Some(scope.user()), INVITE_VALID)
                .await?;
            (user, Some(link))
        }
    };
    store.add_member(scope, &user, role).await?;
    let member = Member {
        user,
        role,
        since: mamori_storage::Timestamp::now(),
    };
    Ok((member, link))
}

/// A new one-time link for a member who has not chosen a password yet (a lost invitation).
/// People who have one ask the site administrator, who can reset any account.
pub async fn reissue_invite(
    store: &Store,
    access: &Access,
    user: UserId,
) -> Result<(User, Secret), Error> {
    let scope = require(access, Need::Administer)?;
    let member = store
        .members(scope)
        .await?
        .into_iter()
        .find(|m| m.user.id == user)
        .ok_or(Error::NotFound)?;
    if member.user.has_password {
        return Err(Error::Conflict("has_password"));
    }
    let link = store
        .create_password_link(user, Some(scope.user()), INVITE_VALID)
        .await?;
    Ok((member.user, link))
}

/// Changes a member's role; the last administrator keeps theirs.
pub async fn set_role(
    store: &Store,
    access: &Access,
    user: UserId,
    role: Role,
) -> Result<(), Error> {
    let scope = require(access, Need::Administer)?;
    match store.set_role(scope, user, role).await {
        Err(StoreError::NotFound) => Err(Error::NotFound),
        other => Ok(other?),
    }
}
