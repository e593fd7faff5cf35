//! Uploaded registers waiting for the person to confirm the import: held in memory for 30
//! minutes under a random key tied to the organisation and the person; a restart forgets them,
//! and the person uploads again.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mamori_storage::Secret;
use mamori_workbook::FileKind;

const KEEP: Duration = Duration::from_secs(30 * 60);
const MAX_PENDING: usize = 200;

#[derive(Clone)]
pub struct Pending {
    pub org: i64,
    pub user: i64,
    pub file_name: String,
    pub kind: FileKind,
    pub bytes: Vec<u8>,
    pub at: Instant,
}

/// Uploaded files waiting for confirmation.
#[derive(Default)]
pub struct PendingImports(Mutex<HashMap<String, Pending>>);

impl PendingImports {
    pub fn put(&self, pending: Pending) -> String {
        let key = Secret::generate().expose().to_owned();
        let mut map = self.0.lock().expect("pending imports");
        map.retain(|_, p| p.at.elapsed() < KEEP);
        if map.len() >= MAX_PENDING {
            map.clear();
        }
        map.insert(key.clone(), pending);
        key
    }

    pub fn with<T>(
        &self,
        key: &str,
        org: i64,
        user: i64,
        f: impl FnOnce(&Pending) -> T,
    ) -> Option<T> {
        let map = self.0.lock().expect("pending imports");
        map.get(key)
            .filter(|p| p.org == org && p.user == user && p.at.elapsed() < KEEP)
            .map(f)
    }

    pub fn remove(&self, key: &str) {
        self.0.lock().expect("pending imports").remove(key);
    }
}
