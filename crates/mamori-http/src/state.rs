use std::sync::{Arc, Mutex};

use mamori_storage::{Secret, Store};

use crate::Config;
use crate::home_cache::HomeCache;
use mamori_app::passwords::Hashers;

/// Shared by every request.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub config: Config,
    /// The one-time token that lets the first administrator be created; `None` once anyone exists.
    pub setup_token: Mutex<Option<Secret>>,
    /// Argon2 takes about 19 MiB and tens of milliseconds per hash; two threads do all of it,
    /// which keeps memory bounded and leaves the other requests their threads.
    pub hashers: Hashers,
    /// The company home's figures for a couple of seconds (see `home_cache`).
    pub home_cache: HomeCache,
    /// Uploaded registers waiting for the person to confirm the import.
    pub pending_imports: crate::pending_imports::PendingImports,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Store, config: Config) -> AppState {
        AppState(Arc::new(Inner {
            store,
            config,
            setup_token: Mutex::new(None),
            hashers: Hashers::start(),
            home_cache: HomeCache::default(),
            pending_imports: Default::default(),
        }))
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub async fn hash_password(&self, password: String) -> Result<String, crate::AppError> {
        Ok(self.hashers.hash(password).await?)
    }

    /// Verifies against `hash`, or against a dummy when there is none (the same time either way).
    pub async fn verify_password(
        &self,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, crate::AppError> {
        Ok(self.hashers.verify(password, hash).await?)
    }

    /// Makes a fresh setup token when no user exists (printed by the server on start).
    pub async fn prepare_setup(&self) -> Result<Option<Secret>, mamori_storage::StoreError> {
        if self.store.count_users().await? > 0 {
            *self.setup_token.lock().expect("setup lock") = None;
            return Ok(None);
        }
        let token = Secret::generate();
        *self.setup_token.lock().expect("setup lock") = Some(token.clone());
        Ok(Some(token))
    }

    pub fn setup_token_matches(&self, given: &str) -> bool {
        use subtle::ConstantTimeEq;
        match &*self.setup_token.lock().expect("setup lock") {
            Some(t) => t.expose().as_bytes().ct_eq(given.as_bytes()).into(),
            None => false,
        }
    }

    pub fn finish_setup(&self) {
        *self.setup_token.lock().expect("setup lock") = None;
    }
}
