//! The test harness: a real server on port 0 over a fresh database per test (SQLite or
//! PostgreSQL), and clients that talk to it over HTTP like a browser or a script would.

use std::sync::LazyLock;

use mamori_storage::testing::TestDatabase;
use mamori_storage::{Backend, OrgId, OrgKind, Store, User};
use mamori_web::{AppState, Config, Server};
use reqwest::{Client, Response, StatusCode, redirect};
use serde_json::Value;

/// Runs each listed test on SQLite and on PostgreSQL (skipped with a message when PostgreSQL is
/// unreachable and `MAMORI_REQUIRE_POSTGRES` is not 1).
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let app = $crate::support::TestApp::spawn(mamori_storage::Backend::Sqlite).await.expect("sqlite");
                super::$name(app).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(app) = $crate::support::TestApp::spawn(mamori_storage::Backend::Postgres).await else { return };
                super::$name(app).await;
            })*
        }
        $(async fn $name($app: $crate::support::TestApp) $body)*
    };
}

pub const PASSWORD: &str = "correct horse battery";

/// Hashing is deliberately slow; tests share one hash of the common password.
static HASH: LazyLock<String> = LazyLock::new(|| mamori_web::hash_password(PASSWORD));

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub setup_url: Option<String>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _db: TestDatabase,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Someone with an account: an API token for scripts and a signed-in browser for pages.
pub struct Person {
    pub user: User,
    pub token: String,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        let db = TestDatabase::new(backend).await?;
        let server = Server::bind(Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            database_url: db.url.clone(),
            public_url: None,
            announce_setup: false,
            mail: None,
        })
        .await
        .expect("server starts");
        let addr = server.local_addr();
        let setup_url = server.setup_url();
        let state = server.state().clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server.run(async move {
            let _ = rx.await;
        }));
        Some(TestApp {
            base: format!("http://{addr}"),
            state,
            setup_url,
            shutdown: Some(tx),
            _db: db,
        })
    }

    pub fn store(&self) -> &Store {
        self.state.store()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A person with a password (PASSWORD) and an API token.
    pub async fn person(&self, email: &str) -> Person {
        self.person_with(email, false).await
    }

    /// A site administrator (manages users), as `mamori user create --admin` makes one.
    pub async fn site_admin(&self, email: &str) -> Person {
        self.person_with(email, true).await
    }

    async fn person_with(&self, email: &str, site_admin: bool) -> Person {
        let name = email.split('@').next().unwrap();
        let user = self
            .store()
            .create_user(email, name, Some(&HASH), site_admin)
            .await
            .unwrap();
        let (_, secret) = self
            .store()
            .create_api_token(user.id, "test")
            .await
            .unwrap();
        Person {
            user,
            token: secret.expose().to_owned(),
        }
    }

    /// An organisation with `admin` as its administrator.
    pub async fn org(&self, admin: &Person, kind: OrgKind, name: &str) -> OrgId {
        self.store()
            .create_organisation(admin.user.id, kind, name)
            .await
            .unwrap()
            .id
    }

    /// The code a support organisation hands out, as its administrator `admin` sees it.
    pub async fn support_code(&self, admin: &Person, support: OrgId) -> String {
        let access = self
            .store()
            .access(admin.user.id, support)
            .await
            .unwrap()
            .expect("the administrator reaches the support organisation");
        self.store()
            .support_code(&access.scope, &access.org)
            .await
            .unwrap()
    }

    pub fn api(&self, who: &Person) -> Api {
        Api {
            client: plain_client(),
            base: self.base.clone(),
            token: Some(who.token.clone()),
        }
    }

    pub fn anonymous_api(&self) -> Api {
        Api {
            client: plain_client(),
            base: self.base.clone(),
            token: None,
        }
    }

    /// A browser that has signed in through the sign-in form.
    pub async fn browser(&self, who: &Person) -> Browser {
        let b = self.anonymous_browser().await;
        let r = b
            .post_form(
                "/login",
                &[("email", who.user.email.as_str()), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-in redirects");
        b
    }

    /// A browser with a CSRF cookie but nobody signed in.
    pub async fn anonymous_browser(&self) -> Browser {
        let client = Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .build()
            .unwrap();
        let r = client.get(self.url("/login")).send().await.unwrap();
        let csrf = cookie_value(&r, "mamori_csrf").expect("a CSRF cookie on the first page");
        Browser {
            client,
            base: self.base.clone(),
            csrf,
        }
    }
}

fn plain_client() -> Client {
    Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn cookie_value(r: &Response, name: &str) -> Option<String> {
    r.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| {
            let (pair, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=')?;
            (k.trim() == name).then(|| val.to_owned())
        })
}

/// A JSON API client; with a token it sends `Authorization: Bearer`.
pub struct Api {
    pub client: Client,
    pub base: String,
    pub token: Option<String>,
}

impl Api {
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self.client.request(method, format!("{}{path}", self.base));
        match &self.token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap()
    }

    pub async fn send_json(&self, method: reqwest::Method, path: &str, body: &Value) -> Response {
        self.request(method, path).json(body).send().await.unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.send_json(reqwest::Method::POST, path, body).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> Response {
        self.send_json(reqwest::Method::PUT, path, body).await
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.request(reqwest::Method::DELETE, path)
            .send()
            .await
            .unwrap()
    }

    /// GET that must succeed, as JSON.
    pub async fn json(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.json().await.unwrap()
    }
}

/// A browser: keeps cookies, sends the CSRF field with every form.
pub struct Browser {
    pub client: Client,
    pub base: String,
    pub csrf: String,
}

impl Browser {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.text().await.unwrap()
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw_form(path, &all).await
    }

    pub async fn post_raw_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .form(fields)
            .send()
            .await
            .unwrap()
    }
}

/// The `location` header of a redirect.
pub fn location(r: &Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The error document of the API: status, code and the fields named in details.
pub async fn api_error(r: Response) -> (StatusCode, String, Vec<String>, String) {
    let status = r.status();
    let body: Value = r.json().await.expect("errors are JSON");
    let e = &body["error"];
    let fields = e["details"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|p| p["field"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default();
    (
        status,
        e["code"].as_str().unwrap_or_default().to_owned(),
        fields,
        e["message"].as_str().unwrap_or_default().to_owned(),
    )
}

/// Complete answers to the 25-item self-check.
pub fn self_check_answers(value: &str) -> Value {
    let mut answers = serde_json::Map::new();
    for i in 1..=25 {
        answers.insert(i.to_string(), Value::String(value.to_owned()));
    }
    Value::Object(answers)
}
