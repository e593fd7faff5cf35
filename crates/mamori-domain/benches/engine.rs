//! `cargo bench -p mamori-domain`: the engine's hot paths at the sizes the issues set targets for.
//! Figures are recorded in docs/performance.md with the command that produced them.

use criterion::{Criterion, criterion_group, criterion_main};
use mamori_domain::peers::{self, EmployeeBand, HistogramSpec, Industry, PeerRecord, PeerSubject};
use mamori_domain::risk::{
    self, AnalysisAsset, AnalysisInput, AssetInput, PersonalData, Rating, RiskInput, Threat,
    Vulnerability,
};
use mamori_domain::{RawValue, builtin, parse_submission, score};
use std::collections::BTreeMap;
use std::hint::black_box;

fn answers(catalog: &str, values: &[RawValue]) -> RawValue {
    let c = builtin().get(catalog).unwrap();
    let map: BTreeMap<String, RawValue> = c
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), values[i % values.len()].clone()))
        .collect();
    RawValue::Object(BTreeMap::from([(
        "answers".to_owned(),
        RawValue::Object(map),
    )]))
}

fn text(s: &str) -> RawValue {
    RawValue::Text(s.to_owned())
}

fn scoring(c: &mut Criterion) {
    let self_check = builtin().get("self-check-25").unwrap();
    let doc = answers(
        "self-check-25",
        &[
            text("done"),
            text("partial"),
            text("not_done"),
            text("unknown"),
            text("done"),
        ],
    );
    let parsed = parse_submission(self_check, &doc).unwrap();
    c.bench_function("score self-check-25 (parsed answers)", |b| {
        b.iter(|| score(self_check, black_box(&parsed)))
    });
    c.bench_function("parse and score self-check-25", |b| {
        b.iter(|| {
            let s = parse_submission(self_check, black_box(&doc)).unwrap();
            score(self_check, &s).catalog_version.len()
        })
    });

    let csf = builtin().get("nist-csf-tiers").unwrap();
    let tiers = [
        RawValue::Int(1),
        RawValue::Int(2),
        RawValue::Int(3),
        RawValue::Int(4),
        text("na"),
        RawValue::Int(2),
        RawValue::Int(3),
    ];
    let parsed = parse_submission(csf, &answers("nist-csf-tiers", &tiers)).unwrap();
    c.bench_function("score nist-csf-tiers (108 answers)", |b| {
        b.iter(|| score(csf, black_box(&parsed)))
    });
}

fn risk_evaluation(c: &mut Criterion) {
    let input = RiskInput {
        assets: (0..10_000)
            .map(|n: i64| AssetInput {
                id: format!("a{n}"),
                name: None,
                c: Rating::new(n % 3).unwrap(),
                i: Rating::new((n / 3) % 3).unwrap(),
                a: Rating::new((n / 9) % 3).unwrap(),
                personal: if n % 7 == 0 {
                    vec![PersonalData::Personal]
                } else {
                    Vec::new()
                },
                threat: Threat::new(1 + n % 3).unwrap(),
                vulnerability: Vulnerability::new(1 + (n / 2) % 3).unwrap(),
            })
            .collect(),
    };
    c.bench_function("evaluate 10,000 assets", |b| {
        b.iter(|| risk::evaluate(black_box(&input)).len())
    });
}

fn risk_analysis(c: &mut Criterion) {
    // The full analysis a risk page needs: 10,000 assets spread over the six media, every
    // threat kind rated and every countermeasure answered.
    let catalog = risk::builtin_catalog();
    let media: Vec<&str> = catalog.media.iter().map(|m| m.code.as_str()).collect();
    let threats = catalog
        .media
        .iter()
        .enumerate()
        .map(|(m, medium)| {
            let kinds = catalog
                .threats_of(m)
                .iter()
                .enumerate()
                .map(|(k, &t)| (catalog.threats[t].code.clone(), 1 + ((m + k) % 3) as i64))
                .collect();
            (medium.code.clone(), kinds)
        })
        .collect();
    let answers = catalog
        .countermeasures
        .iter()
        .enumerate()
        .map(|(n, item)| (item.id.clone(), 1 + (n % 4) as i64))
        .collect();
    let input = AnalysisInput {
        assets: (0..10_000)
            .map(|n: i64| AnalysisAsset {
                id: format!("a{n}"),
                medium: media[n as usize % media.len()].to_owned(),
                c: n % 3,
                i: (n / 3) % 3,
                a: (n / 9) % 3,
                personal: if n % 7 == 0 {
                    vec![PersonalData::Personal]
                } else {
                    Vec::new()
                },
            })
            .collect(),
        threats,
        answers,
        ..AnalysisInput::default()
    };
    c.bench_function("analyse 10,000 assets over 6 media", |b| {
        b.iter(|| {
            risk::analyse(catalog, black_box(&input))
                .map(|a| a.levels.high)
                .unwrap()
        })
    });
}

fn peer_statistics(c: &mut Criterion) {
    // 100,000 self-check totals spread over industries, employee bands and consent.
    let bands = EmployeeBand::ALL;
    let records: Vec<PeerRecord> = (0..100_000u64)
        .map(|n| PeerRecord {
            company: n,
            industry: Industry::new(char::from(b'A' + (n % 20) as u8)).unwrap(),
            employees: bands[(n / 20) as usize % bands.len()],
            score: (n * 7919 % 126) as i64 - 25,
            anonymous_ok: n % 10 != 0,
        })
        .collect();
    let subject = PeerSubject {
        company: 1,
        industry: Industry::new('E').unwrap(),
        employees: EmployeeBand::From10To49,
        score: 70,
    };
    let spec = HistogramSpec {
        min: -25,
        max: 100,
        width: 10,
    };
    c.bench_function("peer statistics over 100,000 results", |b| {
        b.iter(|| peers::compare(black_box(&records), &subject, &spec).map(|p| p.count))
    });
}

criterion_group!(
    benches,
    scoring,
    risk_evaluation,
    risk_analysis,
    peer_statistics
);
criterion_main!(benches);
