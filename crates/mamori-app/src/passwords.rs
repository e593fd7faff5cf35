//! Passwords: argon2id with the crate's default parameters (19 MiB, 2 passes), hashed on two
//! dedicated threads so the async runtime keeps serving other requests.
//!
//! Why dedicated threads and not `spawn_blocking`: glibc gives each thread that allocates a large
//! block its own memory arena and keeps it. On the blocking pool every burst of sign-ins lands on
//! new threads, and eight simultaneous failed sign-ins left the server at about 300 MB. Two
//! long-lived threads reuse their two arenas, so memory stays bounded whatever the burst.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use crate::{Error, FieldProblem};

type Job = Box<dyn FnOnce() + Send>;

/// Runs password hashing on `THREADS` long-lived threads; a full queue makes callers wait.
pub struct Hashers {
    jobs: SyncSender<Job>,
}

impl Hashers {
    const THREADS: usize = 2;

    pub fn start() -> Hashers {
        // A short queue: requests beyond it wait in the async runtime, not in memory here.
        let (jobs, queue) = sync_channel::<Job>(16);
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..Self::THREADS {
            let queue = Arc::clone(&queue);
            std::thread::Builder::new()
                .name(format!("mamori-hash-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only to take the next job, not while hashing.
                        let job = match queue.lock() {
                            Ok(q) => q.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            // The server (and with it the sender) is gone.
                            Err(_) => return,
                        }
                    }
                })
                .expect("start a hashing thread");
        }
        Hashers { jobs }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Error> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(work());
        });
        let jobs = self.jobs.clone();
        // `send` blocks while the queue is full; do that off the async threads.
        tokio::task::spawn_blocking(move || jobs.send(job))
            .await
            .map_err(Error::internal)?
            .map_err(Error::internal)?;
        rx.await.map_err(Error::internal)
    }
}

pub const MIN_LENGTH: usize = 10;

/// Checks a new password; the problem names the field and says what is wrong in Japanese.
pub fn validate_password(field: &str, password: &str) -> Result<(), FieldProblem> {
    let chars = password.chars().count();
    if chars < MIN_LENGTH {
        return Err(FieldProblem::new(
            field,
            format!("パスワードは{MIN_LENGTH}文字以上にしてください（いま{chars}文字）。"),
        )
        .en(format!(
            "The password needs at least {MIN_LENGTH} characters (it has {chars})."
        )));
    }
    if chars > 200 {
        return Err(
            FieldProblem::new(field, "パスワードは200文字以内にしてください。")
                .en("The password can be at most 200 characters."),
        );
    }
    Ok(())
}

/// The problem when a form asked for the new password twice and the two differ (`None` when
/// they match, or when the request had no second field: a script posting the form).
pub fn confirmation_problem(
    field: &str,
    password: &str,
    confirmation: Option<&str>,
) -> Option<FieldProblem> {
    confirmation.filter(|c| *c != password).map(|_| {
        FieldProblem::new(
            field,
            "確認のために入力したパスワードが一致しません。同じパスワードを2回入力してください。",
        )
        .en("The two passwords you typed are not the same. Type the same password twice.")
    })
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

impl Hashers {
    pub async fn hash(&self, password: String) -> Result<String, Error> {
        self.run(move || hash_password(&password)).await
    }

    /// Verifies against `hash`, or against a dummy when there is none.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, Error> {
        self.run(move || match hash {
            Some(h) => verify(&password, &h),
            None => {
                verify(&password, &DUMMY_HASH);
                false
            }
        })
        .await
    }
}
