//! The registers of issue 17 at their target size: a company with 5,000 devices, 500
//! applications and 2,000 other register rows, its register pages (target p99 ≤ 100 ms), and
//! the due-date sweep over 10,000 companies (target ≤ 1 s). A real server on port 0 over a fresh
//! database (SQLite, or PostgreSQL with MAMORI_BENCH_BACKEND=postgres); one client, requests one
//! after another.
//!
//!     cargo bench -p mamori-web --bench registers

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use mamori_domain::operations::registers::{RegisterKind, alerts};
use mamori_storage::{OrgKind, RegisterFields};

mod common;
use common::percentile;

const WARMUP: usize = 10;
const SAMPLES: usize = 200;
const SWEEP_COMPANIES: usize = 10_000;

fn entries(kind: RegisterKind, n: usize, today: time::Date) -> Vec<RegisterFields> {
    (0..n)
        .map(|k| {
            let day = |offset: i64| (today + time::Duration::days(offset)).to_string();
            let mut values = BTreeMap::new();
            let dated = match kind {
                RegisterKind::Devices => {
                    values.insert("os".into(), "Windows 11 Pro".into());
                    values.insert("owner".into(), format!("部署 {}", k % 12));
                    values.insert("asset_number".into(), format!("PC-{k:05}"));
                    "eosl_on"
                }
                RegisterKind::Applications => {
                    values.insert("version".into(), format!("{}.{}", k % 9, k % 7));
                    "eosl_on"
                }
                RegisterKind::CloudServices => {
                    values.insert("provider".into(), "サンプル株式会社".into());
                    "contract_until"
                }
                RegisterKind::Certificates => "valid_until",
                RegisterKind::Contractors => {
                    values.insert("confidentiality".into(), "yes".into());
                    "evaluated_on"
                }
            };
            // Spread the days over three years, so about one row in ten alerts.
            values.insert(dated.into(), day((k as i64 * 37) % 1100 - 100));
            RegisterFields {
                name: format!("{} {k:05}", kind.title(mamori_domain::Lang::Ja)),
                values,
                assets: Vec::new(),
            }
        })
        .collect()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bench = common::start().await;
    let (backend, base, org, user) = (
        bench.backend,
        bench.base.clone(),
        bench.org,
        bench.user.clone(),
    );
    let store = bench.state.store();
    let today = mamori_app::operations::registers::today();
    let scope = store.access(user.id, org).await.unwrap().unwrap().scope;
    for (kind, n) in [
        (RegisterKind::Devices, 5_000),
        (RegisterKind::Applications, 500),
        (RegisterKind::CloudServices, 700),
        (RegisterKind::Certificates, 700),
        (RegisterKind::Contractors, 600),
    ] {
        store
            .import_register_entries(&scope, kind, &entries(kind, n, today), false)
            .await
            .unwrap();
    }
    let browser = bench.browser().await;

    println!(
        "{backend:?}: 5,000 devices, 500 applications, 2,000 other rows; {SAMPLES} sequential requests each after {WARMUP} warm-up"
    );
    println!(
        "{:<40} {:>8} {:>8} {:>8} {:>9}",
        "page", "p50_ms", "p99_ms", "max_ms", "size_KiB"
    );
    for (name, path) in [
        (
            "registers overview (alerts)",
            format!("/orgs/{org}/registers"),
        ),
        (
            "devices, page 1 of 50",
            format!("/orgs/{org}/registers/devices"),
        ),
        (
            "devices, page 50",
            format!("/orgs/{org}/registers/devices?page=50"),
        ),
        (
            "devices, search",
            format!("/orgs/{org}/registers/devices?q=04999"),
        ),
        (
            "applications",
            format!("/orgs/{org}/registers/applications"),
        ),
        ("due-date list", format!("/orgs/{org}/due")),
        (
            "devices XLSX export",
            format!("/orgs/{org}/registers/devices/export?format=xlsx"),
        ),
        (
            "devices API (all 5,000)",
            format!("/api/v1/orgs/{org}/registers/devices"),
        ),
    ] {
        let url = format!("{base}{path}");
        let (times, size) = common::time_get(&browser, &url, WARMUP, SAMPLES).await;
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<40} {:>8.2} {:>8.2} {:>8.2} {:>9.0}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap()),
            size as f64 / 1024.0
        );
    }

    // The sweep the e-mail digest and calendars read: every company's alerting entries, with
    // their alerts worked out, over 10,000 companies of 10 entries each.
    let seed = Instant::now();
    for k in 0..SWEEP_COMPANIES {
        let company = store
            .create_organisation(user.id, OrgKind::Company, &format!("企業 {k:05}"))
            .await
            .unwrap()
            .id;
        let s = store.access(user.id, company).await.unwrap().unwrap().scope;
        let kind = RegisterKind::ALL[k % RegisterKind::ALL.len()];
        store
            .import_register_entries(&s, kind, &entries(kind, 10, today), false)
            .await
            .unwrap();
    }
    println!(
        "seeded {SWEEP_COMPANIES} companies in {:.1} s",
        seed.elapsed().as_secs_f64()
    );
    let mut times = Vec::new();
    let mut found = (0, 0);
    for _ in 0..5 {
        let start = Instant::now();
        let rows = store.register_alerting_everywhere(today).await.unwrap();
        let shown: usize = rows
            .iter()
            .map(|r| {
                alerts(
                    r.entry.kind,
                    |k| r.entry.fields.value(k),
                    today,
                    r.alert_days,
                )
                .len()
            })
            .sum();
        times.push(start.elapsed());
        found = (rows.len(), shown);
    }
    times.sort();
    println!(
        "due-date sweep over {} companies: {} entries alerting, {} alerts; median {:.0} ms, max {:.0} ms",
        SWEEP_COMPANIES + 1,
        found.0,
        found.1,
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        times.last().unwrap().as_secs_f64() * 1000.0
    );
}
