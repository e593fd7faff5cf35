//! What every page benchmark does first: a real server on port 0 over a fresh database (SQLite,
//! or PostgreSQL with MAMORI_BENCH_BACKEND=postgres), a user with a company, and a signed-in
//! client that sends requests one after another.

#![allow(dead_code)]

use std::time::{Duration, Instant};

use mamori_storage::testing::TestDatabase;
use mamori_storage::{Backend, OrgId, OrgKind, User};
use mamori_web::{AppState, Config, Server};

pub const EMAIL: &str = "bench@example.jp";
pub const PASSWORD: &str = "benchmark password";

pub struct Bench {
    pub backend: Backend,
    pub base: String,
    pub state: AppState,
    pub user: User,
    pub org: OrgId,
    _db: TestDatabase,
}

/// Starts the server and makes the user and their company.
pub async fn start() -> Bench {
    let backend = match std::env::var("MAMORI_BENCH_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    };
    let db = TestDatabase::new(backend)
        .await
        .expect("a database for the benchmark");
    let server = Server::bind(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url: db.url.clone(),
        public_url: None,
        announce_setup: false,
        mail: None,
    })
    .await
    .expect("server starts");
    let base = format!("http://{}", server.local_addr());
    let state = server.state().clone();
    tokio::spawn(server.run(std::future::pending()));
    let store = state.store();
    let hash = mamori_web::hash_password(PASSWORD);
    let user = store
        .create_user(EMAIL, "計測", Some(&hash), false)
        .await
        .unwrap();
    let org = store
        .create_organisation(user.id, OrgKind::Company, "計測株式会社")
        .await
        .unwrap()
        .id;
    Bench {
        backend,
        base,
        state,
        user,
        org,
        _db: db,
    }
}

impl Bench {
    /// A client signed in through the login form, keeping its cookies.
    pub async fn browser(&self) -> reqwest::Client {
        let base = &self.base;
        let browser = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let login = browser.get(format!("{base}/login")).send().await.unwrap();
        let csrf = login
            .cookies()
            .find(|c| c.name() == "mamori_csrf")
            .map(|c| c.value().to_owned())
            .unwrap();
        let r = browser
            .post(format!("{base}/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", EMAIL),
                ("password", PASSWORD),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "signed in");
        browser
    }
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Times `samples` GETs of `path` after `warmup` untimed ones; returns the sorted times and the
/// size of the last answer.
pub async fn time_get(
    client: &reqwest::Client,
    url: &str,
    warmup: usize,
    samples: usize,
) -> (Vec<Duration>, usize) {
    let mut times = Vec::with_capacity(samples);
    let mut size = 0;
    for n in 0..warmup + samples {
        let start = Instant::now();
        let r = client.get(url).send().await.unwrap();
        assert_eq!(r.status(), 200, "{url}");
        size = r.bytes().await.unwrap().len();
        if n >= warmup {
            times.push(start.elapsed());
        }
    }
    times.sort();
    (times, size)
}
