//! `cargo bench -p mamori-workbook --bench import`: the register's file paths at the issue's
//! size, 10,000 rows (target: reading and parsing them from XLSX within 2 s). Figures are
//! recorded in docs/performance.md with the command that produced them.

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_workbook::{
    FileKind, Lang, MEDIA, PERSONAL, RegisterRow, RowResult, export_xlsx, guess_mapping,
    parse_rows, read_table,
};
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 10_000;

fn rows() -> Vec<RegisterRow> {
    (0..ROWS)
        .map(|k| RegisterRow {
            business_category: ["人事", "経理", "営業", "調達", "技術", "共通"][k % 6].into(),
            name: format!("情報資産 {k}"),
            note: format!("備考 {k}: 過去{}年分", k % 10),
            users: "総務部".into(),
            owner_department: "総務部".into(),
            medium: MEDIA[k % MEDIA.len()].code.into(),
            personal: PERSONAL
                .iter()
                .take(k % 4)
                .map(|p| p.code.to_owned())
                .collect(),
            persons: (k % 3 == 0).then_some(k as u64),
            classification: (k % 2 == 0).then(|| "internal".into()),
            risk_owner: (k % 5 == 0).then(|| "総務部長".into()),
            c: (k % 3) as u8,
            i: (k / 3 % 3) as u8,
            a: (k / 9 % 3) as u8,
            retention: (k % 4 == 0).then(|| "5年".into()),
            registered: Some(format!("2024-{:02}-{:02}", k % 12 + 1, k % 28 + 1)),
            lifecycle: (k % 7 == 0).then(|| "store".into()),
        })
        .collect()
}

fn results(rows: &[RegisterRow]) -> Vec<RowResult> {
    rows.iter()
        .map(|r| RowResult {
            importance: r.importance(),
            threat: Some(3),
            vulnerability: Some(2),
            likelihood: 2,
            risk_value: r.importance() * 2,
            level: if r.importance() == 2 {
                "high"
            } else {
                "medium"
            }
            .into(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = rows();
    let results = results(&rows);
    let xlsx = export_xlsx(&rows, Some(&results), Lang::Ja).unwrap();
    let check = {
        let table = read_table(&xlsx, FileKind::Xlsx).unwrap();
        parse_rows(&table, &guess_mapping(&table))
    };
    assert!(check.problems.is_empty() && check.rows == rows);
    println!("10,000-row workbook: {} KiB", xlsx.len() / 1024);

    let mut group = c.benchmark_group("register 10,000 rows");
    group.sample_size(10);
    group.bench_function("read and parse XLSX", |b| {
        b.iter(|| {
            let table = read_table(black_box(&xlsx), FileKind::Xlsx).unwrap();
            parse_rows(&table, &guess_mapping(&table))
        })
    });
    group.bench_function("export XLSX with results", |b| {
        b.iter(|| export_xlsx(black_box(&rows), Some(&results), Lang::Ja).unwrap())
    });
    let csv = {
        let mut out = String::from(
            "業務分類,情報資産名称,媒体・保存先,個人情報,機密性,完全性,可用性,登録日\n",
        );
        for r in &rows {
            let medium = MEDIA.iter().find(|m| m.code == r.medium).unwrap().ja;
            let flag = if r.personal.contains(&"personal".to_owned()) {
                "有"
            } else {
                ""
            };
            let date = r.registered.as_deref().unwrap_or_default();
            out += &format!(
                "{},{},{medium},{flag},{},{},{},{date}\n",
                r.business_category, r.name, r.c, r.i, r.a
            );
        }
        encoding_rs::SHIFT_JIS.encode(&out).0.into_owned()
    };
    group.bench_function("read and parse Shift_JIS CSV", |b| {
        b.iter(|| {
            let table = read_table(black_box(&csv), FileKind::Csv).unwrap();
            parse_rows(&table, &guess_mapping(&table))
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(10));
    targets = bench
}
criterion_main!(benches);
