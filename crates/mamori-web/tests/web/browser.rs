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

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
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

    /// The field whose `<label for>` reads `label` (whitespace-normalised): so every use also
    /// checks that the label is tied to its field.
    pub async fn field_by_label(&self, label: &str) -> Element {
        let path = self.current_path().await;
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(label));
        let labels = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        if labels.len() != 1 {
            panic!(
                "{path}: {} labels read 「{label}」; the labels here: {:?}",
                labels.len(),
                self.label_texts().await
            );
        }
        let id = labels[0].attr("for").await.unwrap().unwrap_or_default();
        assert!(
            !id.is_empty(),
            "{path}: the label 「{label}」 is not tied to a field (no for=\"…\")"
        );
        let fields = self.client.find_all(Locator::Id(&id)).await.unwrap();
        assert_eq!(
            fields.len(),
            1,
            "{path}: the label 「{label}」 names id \"{id}\", which {} elements have",
            fields.len()
        );
        let field = fields.into_iter().next().unwrap();
        let tag = field.tag_name().await.unwrap().to_ascii_lowercase();
        assert!(
            ["input", "select", "textarea"].contains(&tag.as_str()),
            "{path}: the label 「{label}」 names a <{tag}>, not a form field"
        );
        field
    }

    async fn label_texts(&self) -> Vec<String> {
        let v = self
            .client
            .execute(
                "return [...document.querySelectorAll('label')]\
                 .map(l => l.textContent.replace(/\\s+/g, ' ').trim());",
                vec![],
            )
            .await
            .unwrap_or_default();
        serde_json::from_value(v).unwrap_or_default()
    }

    /// Types `value` into the field labelled `label` (replacing what was there); for a select,
    /// chooses the option whose text is `value`.
    pub async fn fill_by_label(&self, label: &str, value: &str) {
        let field = self.field_by_label(label).await;
        if field
            .tag_name()
            .await
            .unwrap()
            .eq_ignore_ascii_case("select")
        {
            let xpath = format!(".//option[normalize-space(.)={}]", xpath_literal(value));
            field
                .find(Locator::XPath(&xpath))
                .await
                .unwrap_or_else(|_| panic!("「{label}」 has no option 「{value}」"))
                .click()
                .await
                .unwrap();
        } else {
            field.clear().await.unwrap();
            field
                .send_keys(value)
                .await
                .unwrap_or_else(|e| panic!("typing into 「{label}」: {e}"));
        }
    }

    /// Chooses the radio button (or checkbox) whose label reads `text`: a label wrapping the
    /// input, or one tied to it with `for`.
    pub async fn choose_radio_by_label(&self, text: &str) {
        let path = self.current_path().await;
        let xpath = format!("//label[normalize-space(.)={}]", xpath_literal(text));
        let labels = self.client.find_all(Locator::XPath(&xpath)).await.unwrap();
        if labels.len() != 1 {
            panic!(
                "{path}: {} labels read 「{text}」; the labels here: {:?}",
                labels.len(),
                self.label_texts().await
            );
        }
        let input = match labels[0].attr("for").await.unwrap() {
            Some(id) if !id.is_empty() => self.client.find(Locator::Id(&id)).await,
            _ => labels[0].find(Locator::Css("input")).await,
        }
        .unwrap_or_else(|_| panic!("{path}: the label 「{text}」 has no input"));
        input.click().await.unwrap();
        assert!(
            input.is_selected().await.unwrap(),
            "{path}: 「{text}」 is not chosen after a click"
        );
    }

    /// Clicks the visible button reading `text` and waits for the page it leads to.
    pub async fn click_button(&self, text: &str) {
        let path = self.current_path().await;
        let lit = xpath_literal(text);
        let xpath = format!(
            "//button[normalize-space(.)={lit}] | //input[@type='submit' and @value={lit}]"
        );
        let mut button = None;
        for b in self.client.find_all(Locator::XPath(&xpath)).await.unwrap() {
            if b.is_displayed().await.unwrap_or(false) {
                button = Some(b);
                break;
            }
        }
        let button = button.unwrap_or_else(|| panic!("{path}: no visible button 「{text}」"));
        self.mark_page().await;
        button.click().await.unwrap();
        self.wait_for_new_page().await;
    }

    /// Marks the page shown, so that `wait_for_new_page` can tell when another replaced it.
    pub async fn mark_page(&self) {
        self.client
            .execute("window.__mamoriOldPage = true; return null;", vec![])
            .await
            .expect("marking the page");
    }

    /// Waits until the page marked by `mark_page` has been replaced by a loaded one.
    pub async fn wait_for_new_page(&self) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let done = self
                .client
                .execute(
                    "return document.readyState === 'complete' && !window.__mamoriOldPage;",
                    vec![],
                )
                .await;
            if matches!(done, Ok(Value::Bool(true))) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no new page within {TIMEOUT:?} (still at {})",
                self.current_path().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn keys(&self, actions: Vec<KeyAction>) {
        let mut seq = KeyActions::new("keyboard".to_owned());
        for a in actions {
            seq = seq.then(a);
        }
        self.client
            .perform_actions(seq)
            .await
            .expect("keyboard actions");
    }

    /// Presses and releases one key (to whatever has the focus).
    pub async fn press(&self, key: Key) {
        let value = char::from(key);
        self.keys(vec![KeyAction::Down { value }, KeyAction::Up { value }])
            .await;
    }

    /// Shift+Tab: the focus moves back.
    pub async fn press_shift_tab(&self) {
        let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
        self.keys(vec![
            KeyAction::Down { value: shift },
            KeyAction::Down { value: tab },
            KeyAction::Up { value: tab },
            KeyAction::Up { value: shift },
        ])
        .await;
    }

    /// Types text key by key into the focused element.
    pub async fn press_keys(&self, text: &str) {
        let mut actions = Vec::new();
        for value in text.chars() {
            actions.push(KeyAction::Down { value });
            actions.push(KeyAction::Up { value });
        }
        self.keys(actions).await;
    }

    /// Presses `key` (Enter on a field or button, Space on a button) and waits for the page the
    /// form or link leads to.
    pub async fn press_for_new_page(&self, key: Key) {
        self.mark_page().await;
        self.press(key).await;
        self.wait_for_new_page().await;
    }

    /// What has the keyboard focus.
    pub async fn focused(&self) -> Focused {
        let v = self
            .client
            .execute(
                r"const e = document.activeElement;
                  if (!e || e === document.body) return {tag: 'body', name: '', id: '', outline: false};
                  let name = e.labels && e.labels.length
                    ? [...e.labels].map(l => l.textContent).join(' ')
                    : (e.getAttribute('aria-label') || e.innerText || e.value || '');
                  const s = getComputedStyle(e);
                  return {
                    tag: e.tagName.toLowerCase(),
                    name: name.replace(/\s+/g, ' ').trim(),
                    id: e.id || '',
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                  };",
                vec![],
            )
            .await
            .expect("the focused element");
        Focused {
            tag: v["tag"].as_str().unwrap_or_default().to_owned(),
            name: v["name"].as_str().unwrap_or_default().to_owned(),
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            outline: v["outline"].as_bool().unwrap_or(false),
        }
    }

    /// Presses Tab until the element named `name` (see `Focused::name`) has the focus, checking
    /// that each element reached shows its focus; returns how many presses it took. Fails
    /// listing the focus order when 60 presses do not reach it.
    pub async fn tab_to(&self, name: &str) -> usize {
        let mut order = Vec::new();
        for presses in 1..=60 {
            self.press(Key::Tab).await;
            let f = self.focused().await;
            if f.tag != "body" {
                assert!(
                    f.outline,
                    "{}: the focus on <{} id=\"{}\"> 「{}」 is not drawn",
                    self.current_path().await,
                    f.tag,
                    f.id,
                    f.name
                );
            }
            if f.name == name {
                return presses;
            }
            order.push(format!("<{}>{}", f.tag, f.name));
        }
        panic!(
            "{}: Tab never reached 「{name}」; the focus went through {order:?}",
            self.current_path().await
        );
    }

    /// Tabs to `name` (a link or button) and presses Enter, then waits for the next page.
    pub async fn tab_to_and_activate(&self, name: &str) {
        self.tab_to(name).await;
        self.press_for_new_page(Key::Enter).await;
    }

    /// Makes the page area (the viewport) `width` × `height` CSS pixels, e.g. 375 × 667 for a
    /// phone.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let inner = || async {
            let v = self
                .client
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await
                .expect("the viewport size");
            (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0))
        };
        let (w, h) = (i64::from(width), i64::from(height));
        self.client.set_window_size(width, height).await.unwrap();
        let (iw, ih) = inner().await;
        if (iw, ih) != (w, h) {
            // The window includes the browser's own frame: add what it takes.
            let outer_w = u32::try_from(2 * w - iw).unwrap_or(width);
            let outer_h = u32::try_from(2 * h - ih).unwrap_or(height);
            self.client.set_window_size(outer_w, outer_h).await.unwrap();
        }
        let now = inner().await;
        assert_eq!(
            now,
            (w, h),
            "the viewport could not be made {width}×{height}"
        );
    }

    /// Makes the window as tall as the page (up to 8000 px more), so that a screenshot shows all
    /// of it and axe-core sees every element on screen; returns the size to restore.
    async fn grow_to_page(&self) -> Option<(u32, u32)> {
        let (w, h) = self.client.get_window_size().await.unwrap();
        let (w, h) = (u32::try_from(w).unwrap(), u32::try_from(h).unwrap());
        let v = self
            .client
            .execute(
                "return [window.innerHeight, document.documentElement.scrollHeight];",
                vec![],
            )
            .await
            .unwrap();
        let (inner, full) = (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0));
        if full <= inner {
            return None;
        }
        let grow = u32::try_from((full - inner).min(8000)).unwrap();
        self.client.set_window_size(w, h + grow).await.unwrap();
        Some((w, h))
    }

    async fn restore_size(&self, before: Option<(u32, u32)>) {
        if let Some((w, h)) = before {
            self.client.set_window_size(w, h).await.unwrap();
        }
    }

    /// Saves a screenshot of the whole page (not only what fits in the window) as
    /// `target/screenshots/<test>/<nn>-<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let n = self.shot_count.fetch_add(1, Ordering::Relaxed) + 1;
        let before = self.grow_to_page().await;
        let png = self.client.screenshot().await;
        self.restore_size(before).await;
        let png = png.expect("a screenshot");
        let path = self.shots.join(format!("{n:02}-{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("screenshot: {}", path.display());
        path
    }

    /// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) on the page shown: every rule the page
    /// breaks, with how many elements break it.
    pub async fn accessibility_violations(&self) -> Vec<Violation> {
        static AXE: OnceLock<String> = OnceLock::new();
        let source = AXE.get_or_init(|| {
            std::fs::read_to_string(axe_path()).unwrap_or_else(|e| {
                panic!("{}: {e}; run scripts/browser-deps", axe_path().display())
            })
        });
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .unwrap();
        if loaded != Value::Bool(true) {
            self.client
                .execute(&format!("{source}\n;return null;"), vec![])
                .await
                .expect("axe-core loads into the page");
        }
        let before = self.grow_to_page().await;
        let result = self
            .client
            .execute_async(
                r"const done = arguments[arguments.length - 1];
                  axe.run(document, {
                    runOnly: {type: 'tag', values: arguments[0]},
                    resultTypes: ['violations'],
                  }).then(r => done({violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact || 'unknown', help: v.help, count: v.nodes.length,
                    targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
                  }))}), e => done({error: String(e)}));",
                vec![json!(AXE_TAGS)],
            )
            .await;
        self.restore_size(before).await;
        let result = result.expect("axe.run answers");
        if let Some(e) = result["error"].as_str() {
            panic!("axe-core failed on {}: {e}", self.current_path().await);
        }
        serde_json::from_value(result["violations"].clone()).expect("axe-core's violations")
    }

    /// Fails listing every serious or critical axe-core violation on the page shown (`page`
    /// names it in the message); moderate and minor ones are printed.
    pub async fn assert_accessible(&self, page: &str) {
        let path = self.current_path().await;
        let mut failing = String::new();
        for v in self.accessibility_violations().await {
            if v.is_serious() {
                let _ = writeln!(failing, "  - {v}");
            } else {
                println!("axe-core, {page} ({path}): {v}");
            }
        }
        assert!(
            failing.is_empty(),
            "axe-core finds serious accessibility problems on {page} ({path}):\n{failing}"
        );
    }
}

/// One axe-core rule that a page breaks.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Violation {
    /// The rule, e.g. `color-contrast` or `label`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    /// How many elements break it.
    pub count: usize,
    /// The CSS selectors of the first few.
    pub targets: Vec<String>,
}

impl Violation {
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {}: {} ({} elements: {})",
            self.impact,
            self.id,
            self.help,
            self.count,
            self.targets.join(" | ")
        )
    }
}
