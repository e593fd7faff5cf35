//! The real binary as an operator runs it: `mamori serve`, the console commands beside a running
//! server, backups restored across SQLite and PostgreSQL, and the figures of `mamori assess`
//! compared with what the web API stores for the same answers.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use mamori_storage::Backend;
use mamori_storage::testing::TestDatabase;
use serde_json::{Value, json};

fn mamori(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run mamori")
}

fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A `mamori serve` process on a free port; stopped with SIGTERM when dropped.
struct Served {
    child: Child,
    url: String,
    output: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Served {
    fn start(db: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mamori"))
            .arg("serve")
            .args(db)
            .args(["--listen", "127.0.0.1:0"])
            .env("MAMORI_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start mamori serve");
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let stdout = child.stdout.take().unwrap();
        let sink = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let served = |o: &Vec<String>| {
            o.iter().find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with("http://"))
                    .map(str::to_owned)
            })
        };
        for _ in 0..600 {
            let found = served(&output.lock().unwrap());
            if let Some(url) = found {
                return Served { child, url, output };
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("mamori serve printed no URL: {:?}", output.lock().unwrap());
    }

    /// Waits for a line of the banner that contains `text`.
    fn printed(&self, text: &str) -> bool {
        (0..100).any(|_| {
            let found = self.output.lock().unwrap().iter().any(|l| l.contains(text));
            if !found {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            found
        })
    }

    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        self.child.wait().unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn get(url: &str, token: &str) -> Value {
    let r = client().get(url).bearer_auth(token).send().await.unwrap();
    assert_eq!(r.status(), 200, "GET {url}");
    r.json().await.unwrap()
}

async fn post(url: &str, token: &str, body: &Value) -> Value {
    let r = client()
        .post(url)
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "POST {url}: {}", r.status());
    r.json().await.unwrap()
}

/// A user made with the console commands against the server's database: their API token and
/// the one-time link that sets their password.
fn operator_with_link(db: &[&str]) -> (String, String) {
    let mut args = vec![
        "user",
        "create",
        "--email",
        "ops@example.jp",
        "--name",
        "運用 担当",
        "--admin",
    ];
    args.extend_from_slice(db);
    let created = ok_stdout(&mamori(&args));
    let link = created
        .split_whitespace()
        .find_map(|w| w.find("/password?token=").map(|at| w[at..].to_owned()))
        .unwrap_or_else(|| panic!("no password link in {created}"));
    let mut args = vec!["token", "create", "--email", "ops@example.jp"];
    args.extend_from_slice(db);
    (ok_stdout(&mamori(&args)).trim().to_owned(), link)
}

/// A browser-like client (cookies, no redirects followed) signed in with a password set through
/// the one-time link.
async fn signed_in(base: &str, link: &str) -> reqwest::Client {
    let b = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = b
        .get(format!("{base}{link}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = hidden(&page, "csrf");
    let token = link.split("token=").nth(1).unwrap();
    let password = "parity check password";
    let r = b
        .post(format!("{base}/password"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("token", token),
            ("password", password),
            ("password_confirm", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "password set");
    let r = b
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("email", "ops@example.jp"),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "signed in");
    b
}

fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    html[at..at + html[at..].find('"').unwrap()].to_owned()
}

/// The figures a result page marks with `data-figure="{name}"`, in page order.
fn page_figures(html: &str, name: &str) -> Vec<String> {
    let marker = format!("data-figure=\"{name}\">");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &html[at + marker.len()..];
            rest[..rest.find('<').unwrap()].trim().to_owned()
        })
        .collect()
}

fn data_dir_args(dir: &Path) -> Vec<String> {
    vec!["--data-dir".into(), dir.display().to_string()]
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_run_command_starts_a_working_app_on_sqlite_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let db = data_dir_args(&dir.path().join("data"));
    let served = Served::start(&strs(&db));
    assert!(
        served.printed("/setup?token="),
        "the one-time setup link is printed"
    );
    let health: Value = client()
        .get(format!("{}/healthz", served.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        health,
        json!({"status": "ok", "database": "sqlite", "version": env!("CARGO_PKG_VERSION")})
    );
    let login = client()
        .get(format!("{}/login", served.url))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), 200);
    assert!(login.text().await.unwrap().contains("ログイン"));
    let status = served.stop();
    assert!(status.success(), "graceful shutdown exits 0: {status:?}");
    assert!(dir.path().join("data/mamori.db").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_answers_give_the_same_figures_in_the_pages_the_api_and_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = data_dir_args(dir.path());
    let served = Served::start(&strs(&db));
    let (token, link) = operator_with_link(&strs(&db));
    let browser = signed_in(&served.url, &link).await;
    let org = post(
        &format!("{}/api/v1/orgs", served.url),
        &token,
        &json!({"kind": "company", "name": "突合株式会社"}),
    )
    .await;
    let assessments = format!("{}/api/v1/orgs/{}/assessments", served.url, org["id"]);
    for file in [
        "self-check-25.json",
        "self-check-25-two-sites.json",
        "primary-checklist.json",
    ] {
        let path = example(file);
        let mut doc: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let catalog = doc["catalog"].as_str().unwrap().to_owned();
        let cli: Value = serde_json::from_str(&ok_stdout(&mamori(&[
            "assess",
            "--catalog",
            &catalog,
            "--answers",
            &path,
            "--format",
            "json",
        ])))
        .unwrap();
        doc["submit"] = json!(true);
        let created = post(&assessments, &token, &doc).await;
        let stored = get(&format!("{assessments}/{}/result", created["id"]), &token).await;
        assert_eq!(
            stored, cli,
            "{file}: the web result differs from mamori assess"
        );
        let page = browser
            .get(format!(
                "{}/orgs/{}/assessments/{}",
                served.url, org["id"], created["id"]
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let headline = page_figures(&page, "headline");
        if catalog == "self-check-25" {
            assert_eq!(headline, [cli["total"].to_string()], "{file}: total");
            let sites: Vec<String> = cli["respondents"]
                .as_array()
                .map(|r| r.iter().map(|r| r["total"].to_string()).collect())
                .unwrap_or_default();
            assert_eq!(page_figures(&page, "site-total"), sites, "{file}: sites");
        } else {
            assert_eq!(headline, [cli["overall"]["grade"].as_str().unwrap()]);
            let averages: Vec<String> = cli["categories"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    c["average"]
                        .as_f64()
                        .map_or("—".into(), |a| format!("{a:.1}"))
                })
                .collect();
            assert_eq!(page_figures(&page, "axis"), averages, "{file}: categories");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_serving_restores_into_postgresql_and_back_with_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = data_dir_args(&dir.path().join("first"));
    let served = Served::start(&strs(&sqlite));
    // The operator's set-password link is still unused when the backup is taken.
    let (token, link) = operator_with_link(&strs(&sqlite));
    let base = served.url.clone();
    let org = post(
        &format!("{base}/api/v1/orgs"),
        &token,
        &json!({"kind": "company", "name": "バックアップ工業"}),
    )
    .await;
    let id = org["id"].as_i64().unwrap();
    let r = client().put(format!("{base}/api/v1/orgs/{id}/profile")).bearer_auth(&token)
        .json(&json!({"industry": "E", "employees": 35, "prefecture": "愛知県", "supply_chain": "自動車部品の二次サプライヤー"})).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(example("self-check-25-two-sites.json")).unwrap(),
    )
    .unwrap();
    let mut submitted = doc.clone();
    submitted["submit"] = json!(true);
    post(
        &format!("{base}/api/v1/orgs/{id}/assessments"),
        &token,
        &submitted,
    )
    .await;
    post(
        &format!("{base}/api/v1/orgs/{id}/assessments"),
        &token,
        &json!({"catalog": "five-principles", "answers": {"1": "yes"}}),
    )
    .await;
    post(
        &format!("{base}/api/v1/orgs/{id}/members"),
        &token,
        &json!({"email": "staff@example.jp", "name": "社員 一郎", "role": "viewer"}),
    )
    .await;

    let views = [
        "/api/v1/orgs".to_owned(),
        format!("/api/v1/orgs/{id}/profile"),
        format!("/api/v1/orgs/{id}/assessments"),
        format!("/api/v1/orgs/{id}/members"),
        "/api/v1/users".to_owned(),
    ];
    let mut before = Vec::new();
    for v in &views {
        before.push(get(&format!("{base}{v}"), &token).await);
    }
    let first_assessment = before[2][1]["id"].as_i64().unwrap();
    let result_before = get(
        &format!("{base}/api/v1/orgs/{id}/assessments/{first_assessment}"),
        &token,
    )
    .await;

    // Backed up while the server runs.
    let file = dir.path().join("backup.jsonl");
    let mut args = vec!["backup", "--out", file.to_str().unwrap()];
    args.extend(strs(&sqlite));
    ok_stdout(&mamori(&args));
    drop(served);

    let Some(pg) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    ok_stdout(&mamori(&[
        "restore",
        "--database-url",
        &pg.url,
        file.to_str().unwrap(),
    ]));
    let on_pg = Served::start(&["--database-url", &pg.url]);
    let invited = client()
        .get(format!("{}{link}", on_pg.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        invited.status(),
        200,
        "the pending link survives the restore"
    );
    assert!(invited.text().await.unwrap().contains("ops@example.jp"));
    for (v, expected) in views.iter().zip(&before) {
        assert_eq!(
            &get(&format!("{}{v}", on_pg.url), &token).await,
            expected,
            "{v} on PostgreSQL"
        );
    }
    assert_eq!(
        get(
            &format!(
                "{}/api/v1/orgs/{id}/assessments/{first_assessment}",
                on_pg.url
            ),
            &token
        )
        .await,
        result_before
    );
    // New rows after a restore get fresh ids (the sequences moved past the restored ones).
    post(
        &format!("{}/api/v1/orgs", on_pg.url),
        &token,
        &json!({"kind": "support", "name": "復元後の支援機関"}),
    )
    .await;

    let second = dir.path().join("second.jsonl");
    ok_stdout(&mamori(&[
        "backup",
        "--database-url",
        &pg.url,
        "--out",
        second.to_str().unwrap(),
    ]));
    drop(on_pg);
    let back = data_dir_args(&dir.path().join("back"));
    let mut args = vec!["restore", second.to_str().unwrap()];
    args.extend(strs(&back));
    std::fs::create_dir_all(dir.path().join("back")).unwrap();
    ok_stdout(&mamori(&args));
    let on_sqlite = Served::start(&strs(&back));
    for (v, expected) in views.iter().zip(&before).skip(1) {
        assert_eq!(
            &get(&format!("{}{v}", on_sqlite.url), &token).await,
            expected,
            "{v} back on SQLite"
        );
    }
    let orgs = get(&format!("{}/api/v1/orgs", on_sqlite.url), &token).await;
    assert_eq!(orgs.as_array().unwrap().len(), 2);

    // Restoring over existing data needs --replace, and a refused restore changes nothing.
    let mut args = vec!["restore", file.to_str().unwrap()];
    args.extend(strs(&back));
    let refused = mamori(&args);
    assert!(!refused.status.success());
    assert_eq!(
        get(&format!("{}/api/v1/orgs", on_sqlite.url), &token).await,
        orgs
    );
}

#[test]
fn console_links_start_with_the_public_url_or_say_how_to_set_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |env: &[(&str, &str)], args: &[&str]| -> String {
        let mut command = Command::new(env!("CARGO_BIN_EXE_mamori"));
        command
            .args(args)
            .args(["--data-dir", data.to_str().unwrap()])
            .env_remove("MAMORI_PUBLIC_URL")
            .env_remove("MAMORI_LISTEN")
            .envs(env.iter().copied())
            .stdin(Stdio::null());
        ok_stdout(&command.output().expect("run mamori"))
    };
    // Nothing configured: the address the server listens on, and how to set the public one.
    let out = run(
        &[],
        &["user", "create", "--email", "a@example.jp", "--name", "A"],
    );
    assert!(
        out.contains("\n  http://127.0.0.1:8080/password?token="),
        "{out}"
    );
    assert!(
        out.contains("MAMORI_PUBLIC_URL") && out.contains("public_url"),
        "{out}"
    );
    assert!(!out.contains("<server>"), "{out}");
    // The config file's public URL, as `serve` reads it.
    std::fs::write(
        data.join("mamori.toml"),
        "public_url = \"https://mamori.example.jp/\"\n",
    )
    .unwrap();
    let out = run(&[], &["user", "reset-link", "--email", "a@example.jp"]);
    assert!(
        out.contains("\n  https://mamori.example.jp/password?token="),
        "{out}"
    );
    assert!(!out.contains("MAMORI_PUBLIC_URL"), "{out}");
    // The environment over the file.
    let env = [("MAMORI_PUBLIC_URL", "https://intra.example.jp")];
    let out = run(
        &env,
        &["user", "create", "--email", "b@example.jp", "--name", "B"],
    );
    assert!(
        out.contains("\n  https://intra.example.jp/password?token="),
        "{out}"
    );
}
