//! People's accounts: creating one (site administrators), password links, changing one's own
//! password, signing out everywhere. Sign-in itself stays at the web edge (cookies, addresses);
//! its limits are here because changing a password checks the current one the same way.

use std::time::Duration;

use mamori_storage::{ApiToken, NewAuditEvent, Secret, Store, User, UserId};
use serde_json::json;

use crate::fields::{email as check_email, name as check_name};
use crate::passwords::{Hashers, confirmation_problem, validate_password};
use crate::{Error, FieldProblem};

/// How long an invitation link stays valid.
pub const INVITE_VALID: Duration = Duration::from_secs(7 * 24 * 3600);
/// How long a password reset link stays valid.
pub const RESET_VALID: Duration = Duration::from_secs(24 * 3600);
/// Failed sign-ins for one e-mail from one address in [`LOCKOUT_WINDOW`] before sign-in pauses
/// for that e-mail there.
pub const MAX_FAILURES: i64 = 10;
/// Failed sign-ins from one address, whatever the e-mail, before that address pauses.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 50;
pub const LOCKOUT_WINDOW: Duration = Duration::from_secs(15 * 60);

/// Whether sign-in (or a password check) is paused for this e-mail from this address.
pub async fn sign_in_paused(store: &Store, email: &str, ip: &str) -> Result<bool, Error> {
    let (for_email, from_address) = store
        .recent_login_failures(email, ip, LOCKOUT_WINDOW)
        .await?;
    Ok(for_email >= MAX_FAILURES || from_address >= MAX_FAILURES_PER_ADDRESS)
}

/// Signs a person out on every device, with its audit entry.
pub async fn end_every_session(store: &Store, user: UserId) -> Result<(), Error> {
    store.delete_sessions_of(user).await?;
    store
        .audit(NewAuditEvent {
            org: None,
            actor: Some(user),
            action: "user.sign_out_everywhere",
            object_type: "user",
            object_id: user.to_string(),
            detail: json!({}),
        })
        .await?;
    Ok(())
}

/// A change of one's own password.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    /// The password the person signs in with now.
    pub current_password: String,
    pub new_password: String,
    /// The new password typed again, when the form asked for it twice.
    pub confirmation: Option<String>,
    /// End every other session of this person (the one the change came from stays).
    pub sign_out_other_sessions: bool,
}

/// Changes the signed-in person's own password. The current password must be right; a wrong one
/// counts as a failed sign-in (so guessing it from a stolen session pauses like guessing at the
/// sign-in form). The new one follows the same rules as everywhere. `keep` is the session the
/// change came from. Returns how many other sessions ended.
pub async fn change_own_password(
    store: &Store,
    hashers: &Hashers,
    user: &User,
    keep: Option<&Secret>,
    ip: &str,
    input: PasswordChange,
) -> Result<u64, Error> {
    if sign_in_paused(store, &user.email, ip).await? {
        return Err(Error::TooManyAttempts);
    }
    let mut problems = Vec::new();
    if input.current_password.is_empty() {
        problems.push(
            FieldProblem::new(
                "current_password",
                "いまお使いのパスワードを入力してください。",
            )
            .en("Enter the password you use now."),
        );
    }
    if let Err(p) = validate_password("new_password", &input.new_password) {
        problems.push(p);
    } else if !input.current_password.is_empty() && input.new_password == input.current_password {
        problems.push(
            FieldProblem::new(
                "new_password",
                "新しいパスワードが、いまのパスワードと同じです。別のパスワードにしてください。",
            )
            .en("The new password is the same as the current one. Choose another."),
        );
    }
    problems.extend(confirmation_problem(
        "new_password_confirm",
        &input.new_password,
        input.confirmation.as_deref(),
    ));
    if !input.current_password.is_empty() {
        let hash = store
            .credentials(&user.email)
            .await?
            .and_then(|c| c.password_hash);
        if !hashers.verify(input.current_password.clone(), hash).await? {
            store.record_login_failure(&user.email, ip).await?;
            problems.insert(
                0,
                FieldProblem::new(
                    "current_password",
                    "いまのパスワードが違います。ログインに使っているパスワードを入力してください。",
                )
                .en("The current password is not right. Enter the password you sign in with."),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let hash = hashers.hash(input.new_password).await?;
    Ok(store
        .change_own_password(user.id, &hash, keep, input.sign_out_other_sessions)
        .await?)
}

/// Creates an account without a password (site administrators) and the one-time link with which
/// the person chooses one.
pub async fn new_user(
    store: &Store,
    by: UserId,
    email: &str,
    name: &str,
    site_admin: bool,
) -> Result<(User, Secret), Error> {
    let mut problems = Vec::new();
    let email = check_email("email", email, &mut problems);
    let name = check_name("name", ("名前", "name"), name, &mut problems);
    let (Some(email), Some(name), true) = (email, name, problems.is_empty()) else {
        return Err(Error::Invalid(problems));
    };
    let user = store.create_user(&email, &name, None, site_admin).await?;
    let link = store
        .create_password_link(user.id, Some(by), INVITE_VALID)
        .await?;
    store
        .audit(NewAuditEvent {
            org: None,
            actor: Some(by),
            action: "user.create",
            object_type: "user",
            object_id: user.id.to_string(),
            detail: json!({"email": user.email, "site_admin": site_admin}),
        })
        .await?;
    Ok((user, link))
}

/// A one-time password reset link for any user (site administrators); the person's sessions end
/// when they use it.
pub async fn reset_link(store: &Store, by: UserId, user: UserId) -> Result<(User, Secret), Error> {
    let target = store.user(user).await?;
    let link = store
        .create_password_link(target.id, Some(by), RESET_VALID)
        .await?;
    store
        .audit(NewAuditEvent {
            org: None,
            actor: Some(by),
            action: "user.password_link",
            object_type: "user",
            object_id: target.id.to_string(),
            detail: json!({"email": target.email}),
        })
        .await?;
    Ok((target, link))
}

/// Gives a person a new API token under a name they choose; the secret is shown once.
pub async fn create_token(
    store: &Store,
    user: UserId,
    name: &str,
) -> Result<(ApiToken, Secret), Error> {
    let mut problems = Vec::new();
    let Some(name) = check_name(
        "name",
        ("トークンの名前", "token name"),
        name,
        &mut problems,
    ) else {
        return Err(Error::Invalid(problems));
    };
    Ok(store.create_api_token(user, &name).await?)
}
