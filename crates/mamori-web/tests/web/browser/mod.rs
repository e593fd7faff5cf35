//! Tests in a real browser: Debian's chromium, headless, driven over WebDriver by its
//! chromedriver through `fantoccini`. Each test starts its own chromedriver (on a free port) and
//! its own browser (a temporary profile, Japanese as the language), and both end when the
//! `Browser` is dropped, also when the test fails.
//!
//! `scripts/browser-deps` installs chromium, chromedriver, the Japanese fonts and axe-core (the
//! accessibility checker, injected into the page as a file). Without them a browser test prints
//! "skipped: …" and passes, unless `MAMORI_REQUIRE_BROWSER=1` (as `scripts/test` sets), where it
//! fails. `MAMORI_CHROMEDRIVER` and `MAMORI_CHROMIUM` point at other binaries.
//!
//! Screenshots go to `target/screenshots/<test name>/<nn>-<name>.png` (the folder is emptied when
//! the test starts), next to chromedriver's log of the run.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::AtomicU32;
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::support::TestApp;

/// How long a page, a navigation or chromedriver's start may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(15);

/// The WCAG levels axe-core checks.
const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// A headless chromium showing one test server's pages.
pub struct Browser {
    client: Client,
    base: String,
    shots: PathBuf,
    shot_count: AtomicU32,
    // Dropped in this order: the session and chromedriver first, then the profile folder.
    _driver: Driver,
    _profile: tempfile::TempDir,
}

/// The element that has the keyboard focus, as a person would see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focused {
    /// Lower-case tag name (`body` when nothing has the focus).
    pub tag: String,
    /// The text of the field's labels, else the element's `aria-label`, its text or its value.
    pub name: String,
    pub id: String,
    /// Whether the focus is drawn (a non-zero outline).
    pub outline: bool,
}

/// The chromedriver process (in a process group of its own, with the browser it starts).
struct Driver {
    child: Child,
    port: u16,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Ending the session makes chromedriver close the browser and wait for it.
        if let Some(session) = &self.session {
            delete_session(self.port, session);
        }
        // Then the whole process group, so that nothing outlives the test.
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `DELETE /session/{id}` without the async runtime, which may be shutting down.
fn delete_session(port: u16, session: &str) {
    use std::io::{Read, Write};
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let Ok(mut stream) = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let request = format!(
        "DELETE /session/{session} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_ok() {
        // chromedriver answers once the browser has quit; the first bytes are enough (it keeps
        // the connection open, so reading to the end would wait for the timeout).
        let mut answer = [0u8; 512];
        let _ = stream.read(&mut answer);
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/mamori-web sits two folders below the workspace")
        .to_path_buf()
}

/// The workspace's target folder (`CARGO_TARGET_DIR` when set, relative to the workspace).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace_root().join(dir),
        _ => workspace_root().join("target"),
    }
}

/// Where `scripts/browser-deps` puts axe-core.
fn axe_path() -> PathBuf {
    target_dir().join("browser-deps/node_modules/axe-core/axe.min.js")
}

fn require_browser() -> bool {
    std::env::var("MAMORI_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

fn binary(env: &str, default: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os(env).map_or_else(|| PathBuf::from(default), PathBuf::from);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{} is missing (or set {env})", path.display()))
    }
}

/// The running test's name: libtest names the thread after it.
fn test_name() -> String {
    let thread = std::thread::current();
    let full = thread.name().unwrap_or("browser");
    let last = full.rsplit("::").next().unwrap_or(full);
    last.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// A string as an XPath literal (XPath 1.0 has no escapes).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// Waits until chromedriver answers `/status` with `ready`, or fails the test.
async fn wait_for_driver(child: &mut Child, port: u16) {
    let client = reqwest::Client::new();
    let url = format!("http://127.0.0.1:{port}/status");
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("chromedriver exited at start ({status})");
        }
        if let Ok(r) = client.get(&url).send().await {
            if r.json::<Value>()
                .await
                .is_ok_and(|b| b["value"]["ready"] == true)
            {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "chromedriver did not answer {url} within {TIMEOUT:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

impl Browser {
    /// A headless chromium for `app`, or `None` (after saying "skipped") when chromium,
    /// chromedriver or axe-core is missing and `MAMORI_REQUIRE_BROWSER` is not 1.
    pub async fn start(app: &TestApp) -> Option<Browser> {
        let test = test_name();
        let driver_bin = binary("MAMORI_CHROMEDRIVER", "/usr/bin/chromedriver");
        let chromium = binary("MAMORI_CHROMIUM", "/usr/bin/chromium");
        let axe = axe_path();
        let mut missing: Vec<String> = [&driver_bin, &chromium]
            .into_iter()
            .filter_map(|b| b.as_ref().err().cloned())
            .collect();
        if !axe.is_file() {
            missing.push(format!("{} is missing", axe.display()));
        }
        if !missing.is_empty() {
            let why = missing.join("; ");
            assert!(
                !require_browser(),
                "browser test {test}: {why}. Run scripts/browser-deps to install chromium, \
                 chromium-driver, fonts-noto-cjk and axe-core (MAMORI_REQUIRE_BROWSER=1 makes this \
                 an error instead of a skip)"
            );
            println!("skipped: browser test {test}: {why}; run scripts/browser-deps");
            return None;
        }
        let (driver_bin, chromium) = (driver_bin.unwrap(), chromium.unwrap());

        let shots = target_dir().join("screenshots").join(&test);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", shots.display()));
        let port = free_port();
        let child = {
            use std::os::unix::process::CommandExt;
            Command::new(&driver_bin)
                .arg(format!("--port={port}"))
                .arg(format!(
                    "--log-path={}",
                    shots.join("chromedriver.log").display()
                ))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver_bin.display()))
        };
        let mut driver = Driver {
            child,
            port,
            session: None,
        };
        wait_for_driver(&mut driver.child, port).await;

        let profile = tempfile::Builder::new()
            .prefix("mamori-chromium-")
            .tempdir()
            .expect("a temporary browser profile");
        let caps = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                    "--lang=ja",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-default-apps",
                    "--disable-extensions",
                    "--disable-sync",
                    "--force-color-profile=srgb",
                    "--hide-scrollbars",
                ],
                "prefs": { "intl.accept_languages": "ja-JP,ja" },
            },
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver could not start {}: {e} (see {})",
                    chromium.display(),
                    shots.join("chromedriver.log").display()
                )
            });
        driver.session = client.session_id().await.ok().flatten();
        client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(30)),
                Some(TIMEOUT),
                Some(Duration::ZERO),
            ))
            .await
            .expect("timeouts");
        Some(Browser {
            client,
            base: app.base.clone(),
            shots,
            shot_count: AtomicU32::new(0),
            _driver: driver,
            _profile: profile,
        })
    }

    /// The WebDriver client, for what the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Opens a page of the test server (`path` starts with `/`) and waits for it to load.
    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("GET {path} in the browser: {e}"));
    }

    /// The path of the page shown (without the query).
    pub async fn current_path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("the current URL")
            .path()
            .to_owned()
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.client
            .find(Locator::Css("body"))
            .await
            .expect("a body")
            .text()
            .await
            .expect("the page's text")
    }

    /// Signs in through the real sign-in form and checks that it worked.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.goto("/login").await;
        self.fill_by_label("メールアドレス", email).await;
        self.fill_by_label("パスワード", password).await;
        self.click_button("ログイン").await;
        let path = self.current_path().await;
        assert_ne!(
            path,
            "/login",
            "sign-in as {email} failed: {}",
            self.text().await
        );
    }
}

mod forms;
mod keyboard;
mod screen;
