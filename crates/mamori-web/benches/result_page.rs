//! Server-side time to answer a result page for a company with 50 past assessments (issue 4's
//! target: p99 < 30 ms). A real server on port 0 over a fresh database (SQLite, or PostgreSQL
//! with MAMORI_BENCH_BACKEND=postgres); one client sends requests one after another, so each
//! figure is one request's own time, not time spent queueing behind others.
//!
//!     cargo bench -p mamori-web --bench result_page
//!
//! Prints p50/p99/max over the measured requests for the result page, the history page and the
//! company home.

use std::time::{Duration, Instant};

mod common;
use common::percentile;
use serde_json::{Value, json};

const PAST: usize = 50;
const WARMUP: usize = 50;
const SAMPLES: usize = 1000;

fn self_check(i: usize) -> Value {
    let answers: serde_json::Map<String, Value> = (1..=25)
        .map(|n| {
            let v = match (n + i) % 4 {
                0 => "done",
                1 => "partial",
                2 => "not_done",
                _ => "unknown",
            };
            (n.to_string(), Value::from(v))
        })
        .collect();
    json!({"catalog": "self-check-25", "answers": answers, "submit": true})
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bench = common::start().await;
    let (backend, base, state) = (bench.backend, bench.base.clone(), bench.state.clone());
    let store = state.store();
    let user = bench.user.clone();
    let (_, token) = store.create_api_token(user.id, "bench").await.unwrap();
    let org = bench.org;
    let api = reqwest::Client::new();
    let mut last = 0;
    for i in 0..PAST {
        let created: Value = api
            .post(format!("{base}/api/v1/orgs/{org}/assessments"))
            .bearer_auth(token.expose())
            .json(&self_check(i))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        last = created["id"].as_i64().unwrap();
    }

    let browser = bench.browser().await;

    println!(
        "{backend:?}, {PAST} past self-checks, {SAMPLES} sequential requests each after {WARMUP} warm-up"
    );
    println!(
        "{:<38} {:>8} {:>8} {:>8}",
        "page", "p50_ms", "p99_ms", "max_ms"
    );
    for (name, path) in [
        ("result page", format!("/orgs/{org}/assessments/{last}")),
        (
            "history page",
            format!("/orgs/{org}/diagnoses/self-check-25"),
        ),
        ("company home", format!("/orgs/{org}")),
    ] {
        let url = format!("{base}{path}");
        let mut times = Vec::with_capacity(SAMPLES);
        for n in 0..WARMUP + SAMPLES {
            let start = Instant::now();
            let r = browser.get(&url).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path}");
            r.bytes().await.unwrap();
            if n >= WARMUP {
                times.push(start.elapsed());
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<38} {:>8.2} {:>8.2} {:>8.2}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap())
        );
    }
}
