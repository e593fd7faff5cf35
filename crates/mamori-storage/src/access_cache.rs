//! Who a credential is and what they may do in an organisation, remembered for one second.
//!
//! Nearly every request asks this, and the answer is the one database round trip a small API
//! read would otherwise not need (issue 13: "no per-request work that can be done once: token and
//! session checks"). Every write in this process that can change the answer (a password, a
//! session or token ended, a membership, a consent, an organisation) forgets everything at once,
//! so on one server a change takes effect on the next request. Another server process sharing the
//! database sees it within [`KEEP`], the same window the company home's cache accepts.
//!
//! A lookup that started before a change must not store its stale answer after the change
//! forgot the cache: each lookup notes the epoch it read under, and the answer is kept only if no
//! change happened in between.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::{Access, OrgId, User};

/// How long an answer is kept.
pub const KEEP: Duration = Duration::from_secs(1);
/// Beyond this many credentials-and-organisations the cache starts again empty, so random
/// tokens cannot grow it (only credentials that exist are stored anyway).
const MAX_ENTRIES: usize = 10_000;

type Key = (String, i64);
/// When the answer was read, who the credential is, and their access (if any).
type Known = (Instant, User, Option<Access>);

#[derive(Default)]
pub(crate) struct AccessCache {
    epoch: AtomicU64,
    entries: Mutex<HashMap<Key, Known>>,
}

impl AccessCache {
    /// The epoch to pass to [`AccessCache::keep`] for a lookup starting now.
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    pub(crate) fn get(&self, hash: &str, org: OrgId) -> Option<(User, Option<Access>)> {
        let entries = self.entries.lock().ok()?;
        let (at, user, access) = entries.get(&(hash.to_owned(), org.0))?;
        (at.elapsed() < KEEP).then(|| (user.clone(), access.clone()))
    }

    pub(crate) fn keep(
        &self,
        epoch: u64,
        hash: String,
        org: OrgId,
        user: &User,
        access: &Option<Access>,
    ) {
        let Ok(mut entries) = self.entries.lock() else {
            return;
        };
        // Checked under the lock `forget_all` also takes, so a change cannot slip in between.
        if self.epoch.load(Ordering::Acquire) != epoch {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (at, _, _)| at.elapsed() < KEEP);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(
            (hash, org.0),
            (Instant::now(), user.clone(), access.clone()),
        );
    }

    /// Called after every write that can change who may do what.
    pub(crate) fn forget_all(&self) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        self.epoch.fetch_add(1, Ordering::AcqRel);
        entries.clear();
    }
}
