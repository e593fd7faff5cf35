//! A short-lived cache of the company home's figures. The home reads eight things from the
//! database on every view; under load on a small machine that is what limits it. Views within two
//! seconds of each other share one computation, and every change to an organisation's data drops
//! its entry (the `forget_after_writes` middleware: any POST, PUT, PATCH or DELETE under
//! `/orgs/{org}` or `/api/v1/orgs/{org}`), so a person always sees their own change at once.
//!
//! A second server on the same database can show a change up to two seconds late. A computation
//! that started before a change and finished after it is not stored (a generation number per
//! organisation tells), so a stale entry cannot outlive the change that made it stale.

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use mamori_domain::Lang;

use crate::AppState;

/// What the cache keeps: the pages crate's home figures, which this crate cannot name (it sits
/// below the pages). `get` hands them back typed.
type Entry = Arc<dyn Any + Send + Sync>;

const TTL: Duration = Duration::from_secs(2);
/// Beyond this many entries the cache starts again (each entry is a few kilobytes).
const MAX_ENTRIES: usize = 10_000;

#[derive(Default)]
pub struct HomeCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<(i64, Lang), (Instant, Entry)>,
    generations: HashMap<i64, u64>,
}

impl HomeCache {
    /// The organisation's generation now: pass it back to `put` with what was computed.
    pub fn generation(&self, org: i64) -> u64 {
        let inner = self.inner.lock().expect("home cache");
        inner.generations.get(&org).copied().unwrap_or(0)
    }

    /// The figures kept for the organisation in `lang`, if fresh and of the type asked for.
    pub fn get<T: Any + Send + Sync>(&self, org: i64, lang: Lang) -> Option<Arc<T>> {
        let inner = self.inner.lock().expect("home cache");
        inner
            .entries
            .get(&(org, lang))
            .filter(|(at, _)| at.elapsed() < TTL)
            .and_then(|(_, home)| Arc::clone(home).downcast::<T>().ok())
    }

    /// Keeps a computation, unless the organisation's data changed since it started.
    pub fn put<T: Any + Send + Sync>(&self, org: i64, lang: Lang, generation: u64, home: Arc<T>) {
        let mut inner = self.inner.lock().expect("home cache");
        if inner.generations.get(&org).copied().unwrap_or(0) != generation {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.clear();
        }
        inner.entries.insert((org, lang), (Instant::now(), home));
    }

    pub fn forget(&self, org: i64) {
        let mut inner = self.inner.lock().expect("home cache");
        *inner.generations.entry(org).or_insert(0) += 1;
        inner.entries.retain(|(o, _), _| *o != org);
    }
}

/// The organisation a path is about: `/orgs/12/…` or `/api/v1/orgs/12/…`.
fn org_of(path: &str) -> Option<i64> {
    let mut parts = path.split('/').skip_while(|p| *p != "orgs");
    parts.next()?;
    parts.next()?.parse().ok()
}

/// Drops the cached home of an organisation after any request that may have changed its data.
pub async fn forget_after_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let org = writes.then(|| org_of(request.uri().path())).flatten();
    let response = next.run(request).await;
    if let Some(org) = org {
        state.home_cache.forget(org);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Home;

    fn home() -> Arc<Home> {
        Arc::new(Home)
    }

    #[test]
    fn the_organisation_is_read_from_page_and_api_paths() {
        assert_eq!(org_of("/orgs/12/actions"), Some(12));
        assert_eq!(org_of("/api/v1/orgs/7/assessments/3"), Some(7));
        assert_eq!(org_of("/orgs"), None);
        assert_eq!(org_of("/account/tokens"), None);
    }

    #[test]
    fn a_change_drops_the_entry_and_refuses_a_computation_that_started_before_it() {
        let cache = HomeCache::default();
        let before = cache.generation(1);
        cache.put(1, Lang::Ja, before, home());
        assert!(cache.get::<Home>(1, Lang::Ja).is_some());
        assert!(
            cache.get::<Home>(1, Lang::En).is_none(),
            "each language has its own entry"
        );
        let started = cache.generation(1);
        cache.forget(1);
        assert!(cache.get::<Home>(1, Lang::Ja).is_none());
        cache.put(1, Lang::Ja, started, home());
        assert!(
            cache.get::<Home>(1, Lang::Ja).is_none(),
            "computed before the change: not kept"
        );
        cache.put(1, Lang::Ja, cache.generation(1), home());
        assert!(cache.get::<Home>(1, Lang::Ja).is_some());
    }
}
