//! The risk pages of a company with 2,000 assets (issue 5's target: the register page p99 ≤
//! 100 ms) and a 10,000-row import through the web layer's path (workbook parse + one storing
//! transaction; target ≤ 2 s). A real server on port 0 over a fresh database (SQLite, or
//! PostgreSQL with MAMORI_BENCH_BACKEND=postgres); one client, requests one after another.
//!
//!     cargo bench -p mamori-web --bench register_page

use std::time::{Duration, Instant};

use mamori_storage::{OrgKind, RiskAssetFields};

mod common;
use common::percentile;

const ASSETS: usize = 2_000;
const IMPORT_ROWS: usize = 10_000;
const WARMUP: usize = 10;
const SAMPLES: usize = 200;
const MEDIA: [&str; 6] = [
    "paper",
    "office_pc",
    "mobile",
    "removable",
    "internal_server",
    "external_server",
];

fn rows(n: usize) -> Vec<RiskAssetFields> {
    (0..n)
        .map(|k| {
            let mut f = RiskAssetFields::new(
                format!("情報資産 {k}"),
                MEDIA[k % MEDIA.len()],
                [(k % 3) as i64, ((k / 3) % 3) as i64, ((k / 9) % 3) as i64],
            );
            f.business_category = Some(["人事", "経理", "営業", "技術"][k % 4].to_owned());
            f
        })
        .collect()
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let bench = common::start().await;
    let (backend, base, state) = (bench.backend, bench.base.clone(), bench.state.clone());
    let store = state.store();
    let user = bench.user.clone();
    let org = bench.org;
    let scope = store.access(user.id, org).await.unwrap().unwrap().scope;
    store.import_assets(&scope, &rows(ASSETS)).await.unwrap();

    let browser = bench.browser().await;

    println!(
        "{backend:?}, {ASSETS} assets, {SAMPLES} sequential requests each after {WARMUP} warm-up"
    );
    println!(
        "{:<34} {:>8} {:>8} {:>8} {:>9}",
        "page", "p50_ms", "p99_ms", "max_ms", "size_KiB"
    );
    for (name, path) in [
        ("register page", format!("/orgs/{org}/risk")),
        (
            "register page, grouped by medium",
            format!("/orgs/{org}/risk?group=medium&sort=risk"),
        ),
        (
            "results page (heat map)",
            format!("/orgs/{org}/risk/results"),
        ),
        ("XLSX export", format!("/orgs/{org}/risk/export")),
    ] {
        let url = format!("{base}{path}");
        let mut times = Vec::with_capacity(SAMPLES);
        let mut size = 0;
        for n in 0..WARMUP + SAMPLES {
            let start = Instant::now();
            let r = browser.get(&url).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path}");
            size = r.bytes().await.unwrap().len();
            if n >= WARMUP {
                times.push(start.elapsed());
            }
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<34} {:>8.2} {:>8.2} {:>8.2} {:>9.0}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap()),
            size as f64 / 1024.0
        );
    }

    // A 10,000-row import as the confirm step runs it: read the workbook, map, parse, then store
    // every row in one transaction (into a second company).
    let other = store
        .create_organisation(user.id, OrgKind::Company, "取込先株式会社")
        .await
        .unwrap()
        .id;
    let other_scope = store.access(user.id, other).await.unwrap().unwrap().scope;
    let big: Vec<mamori_workbook::RegisterRow> = rows(IMPORT_ROWS)
        .iter()
        .map(|f| mamori_workbook::RegisterRow {
            business_category: f.business_category.clone().unwrap_or_default(),
            name: f.name.clone(),
            note: String::new(),
            users: String::new(),
            owner_department: String::new(),
            medium: f.medium.clone(),
            personal: Vec::new(),
            persons: None,
            classification: None,
            risk_owner: None,
            c: f.c as u8,
            i: f.i as u8,
            a: f.a as u8,
            retention: None,
            registered: None,
            lifecycle: None,
        })
        .collect();
    let xlsx = mamori_workbook::export_xlsx(&big, None, mamori_domain::Lang::Ja).unwrap();
    let start = Instant::now();
    let table = mamori_workbook::read_table(&xlsx, mamori_workbook::FileKind::Xlsx).unwrap();
    let preview = mamori_workbook::parse_rows(&table, &mamori_workbook::guess_mapping(&table));
    assert!(preview.is_importable());
    let parsed = start.elapsed();
    let fields = rows(IMPORT_ROWS);
    let store_start = Instant::now();
    let done = store.import_assets(&other_scope, &fields).await.unwrap();
    let stored = store_start.elapsed();
    assert_eq!(done.added as usize, IMPORT_ROWS);
    println!(
        "import of {IMPORT_ROWS} rows: XLSX {} KiB, read and parse {:.0} ms, store {:.0} ms, total {:.0} ms",
        xlsx.len() / 1024,
        parsed.as_secs_f64() * 1000.0,
        stored.as_secs_f64() * 1000.0,
        (parsed + stored).as_secs_f64() * 1000.0
    );
}
