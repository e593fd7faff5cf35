//! Passwords: argon2id with the crate's default parameters (19 MiB, 2 passes), hashed on the
//! blocking pool so the async runtime keeps serving other requests.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::{AppError, AppState, FieldProblem};

pub const MIN_LENGTH: usize = 10;

/// Checks a new password; the problem names the field and says what is wrong in Japanese.
pub fn validate_password(field: &str, password: &str) -> Result<(), FieldProblem> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(FieldProblem::new(
            field,
            format!("パスワードは{MIN_LENGTH}文字以上にしてください（いま{chars}文字）。"),
        ));
    }
    if chars > 200 {
        return Err(FieldProblem::new(
            field,
            "パスワードは200文字以内にしてください。",
        ));
    }
    Ok(())
}

/// Hashes without the server (CLI `user create`).
pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2 with default parameters cannot fail")
        .to_string()
}

fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash of nothing, verified when the e-mail is unknown so both cases take the same time.
static DUMMY_HASH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_password("no such user, no such password"));

impl AppState {
    pub async fn hash_password(&self, password: String) -> Result<String, AppError> {
        let _permit = self.hashing.acquire().await.map_err(AppError::internal)?;
        tokio::task::spawn_blocking(move || hash_password(&password))
            .await
            .map_err(AppError::internal)
    }

    /// Verifies against `hash`, or against a dummy when there is none.
    pub async fn verify_password(
        &self,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, AppError> {
        let _permit = self.hashing.acquire().await.map_err(AppError::internal)?;
        tokio::task::spawn_blocking(move || match hash {
            Some(h) => verify(&password, &h),
            None => {
                verify(&password, &DUMMY_HASH);
                false
            }
        })
        .await
        .map_err(AppError::internal)
    }
}
