//! `cargo bench -p mamori-reports --bench result_sheet`: one individual result sheet (the 25-item
//! self-check with a radar, five items not done) from scored answers to PDF bytes, and to DOCX.
//! Target: p99 ≤ 150 ms for the PDF. Figures are recorded in docs/performance.md.

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_domain::{Lang, RawValue, builtin, parse_submission, score};
use mamori_reports::sheet::{SheetInput, result_sheet};
use std::hint::black_box;
use std::time::Duration;

const ANSWERS: &str = r#"{"catalog": "self-check-25", "answers": {"1": "done", "2": "done",
  "3": "partial", "4": "done", "5": "done", "6": "done", "7": "done", "8": "not_done", "9": "done",
  "10": "done", "11": "partial", "12": "done", "13": "done", "14": "done", "15": "done",
  "16": "done", "17": "done", "18": "done", "19": "done", "20": "done", "21": "unknown",
  "22": "done", "23": "done", "24": "not_done", "25": "done"}}"#;

fn bench(c: &mut Criterion) {
    let catalog = builtin().get("self-check-25").expect("catalog");
    let doc: RawValue = serde_json::from_str(ANSWERS).expect("json");
    let submission = parse_submission(catalog, &doc).expect("answers");
    let date = time::macros::date!(2026 - 12 - 07);
    let mut group = c.benchmark_group("result_sheet");
    group
        .sample_size(50)
        .measurement_time(Duration::from_secs(10));
    // Each iteration scores and builds the sheet too: that is what one download costs.
    let sheet = |company: &str| {
        let result = score(catalog, &submission);
        result_sheet(&SheetInput {
            catalog,
            submission: &submission,
            score: &result,
            company: Some(company),
            date,
            lang: Lang::Ja,
            peers: None,
            standing: None,
            notes: &submission.notes,
        })
    };
    // A different company each time, so Typst's memoisation cannot serve a whole cached layout.
    let mut n = 0u64;
    group.bench_function("pdf", |b| {
        b.iter(|| {
            n += 1;
            black_box(mamori_reports::pdf(&sheet(&format!("株式会社テスト{n}"))).expect("pdf"))
        });
    });
    group.bench_function("docx", |b| {
        b.iter(|| black_box(mamori_reports::docx(&sheet("株式会社テスト")).expect("docx")));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
