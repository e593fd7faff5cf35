//! The risk analysis result sheet as a reader gets it: the PDF read back by poppler
//! (`pdftotext`, `pdffonts`, `pdftoppm`), which is not ours, and every page saved as
//! `target/screenshots/report-risk-<lang>-<page>.png` for a person to look at, as
//! `crates/mamori/tests/report.rs` does for the diagnosis result sheet. This test lives here so
//! that the sheet can be checked without building the whole application.
//!
//! The programs are required when `MAMORI_REQUIRE_REPORT_TOOLS=1` (as `scripts/test` sets, after
//! `scripts/report-deps` installed them): a missing one fails the test. Elsewhere the test
//! prints "skipped: …" and passes.

use mamori_domain::Lang;
use mamori_domain::risk::{
    AnalysisAsset, AnalysisInput, DEFAULT_ACCEPTANCE_THRESHOLD, PersonalData, Treatment, analyse,
    builtin_catalog,
};
use mamori_readback::{run, screenshots, tool};
use mamori_reports::sheet::risk::{RiskSheetAsset, RiskSheetInput, RiskSheetTreatment, risk_sheet};
use mamori_reports::{Report, pdf};
use std::path::PathBuf;
use time::macros::date;

fn asset(id: &str, medium: &str, cia: [i64; 3], personal: bool) -> AnalysisAsset {
    AnalysisAsset {
        id: id.into(),
        medium: medium.into(),
        c: cia[0],
        i: cia[1],
        a: cia[2],
        personal: if personal {
            vec![PersonalData::Personal]
        } else {
            Vec::new()
        },
    }
}

/// risk.md §4's worked rows plus one asset on a medium whose threats are not rated.
fn input() -> AnalysisInput {
    let threats = [
        ("office_pc", vec![("leak", 3), ("tamper", 2)]),
        ("paper", vec![("leak", 2), ("theft", 2)]),
        ("external_server", vec![("leak", 3)]),
        ("internal_server", vec![("loss", 3), ("leak", 2)]),
    ]
    .into_iter()
    .map(|(m, kinds)| {
        let kinds = kinds.into_iter().map(|(k, f)| (k.to_owned(), f)).collect();
        (m.to_owned(), kinds)
    })
    .collect();
    let answers = builtin_catalog()
        .countermeasures
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.clone(), (n % 4) as i64 + 1))
        .collect();
    AnalysisInput {
        assets: vec![
            asset("1", "office_pc", [2, 0, 0], true),
            asset("2", "paper", [2, 2, 2], true),
            asset("3", "paper", [1, 1, 1], false),
            asset("4", "external_server", [2, 2, 2], false),
            asset("5", "paper", [0, 1, 1], false),
            asset("6", "internal_server", [2, 1, 0], true),
            asset("7", "internal_server", [1, 0, 0], false),
            asset("8", "mobile", [2, 1, 1], true),
        ],
        threats,
        answers,
        ..AnalysisInput::default()
    }
}

fn names(lang: Lang) -> Vec<RiskSheetAsset> {
    let rows: [(&str, &str, &str, &str); 8] = [
        ("社員名簿", "総務部", "Staff list", "General affairs"),
        ("社員名簿", "総務部", "Staff list", "General affairs"),
        ("当社宛請求書", "経理部", "Invoices received", "Accounts"),
        ("電子メールデータ", "", "E-mail", ""),
        ("製品カタログ", "営業部", "Product catalogue", "Sales"),
        (
            "キャンペーン応募者リスト（2026年春の新製品プレゼントキャンペーン）",
            "営業部",
            "Entrants to the spring 2026 new product giveaway campaign",
            "Sales",
        ),
        ("発注伝票", "購買部", "Purchase orders", "Purchasing"),
        (
            "営業担当者のスマートフォンの連絡先",
            "営業部",
            "Sales staff's phone contacts",
            "Sales",
        ),
    ];
    rows.iter()
        .enumerate()
        .map(|(n, (ja, dja, en, den))| {
            let (name, dept) = if lang == Lang::Ja {
                (ja, dja)
            } else {
                (en, den)
            };
            RiskSheetAsset {
                id: (n + 1).to_string(),
                name: (*name).to_owned(),
                department: (!dept.is_empty()).then(|| (*dept).to_owned()),
            }
        })
        .collect()
}

fn decisions(lang: Lang) -> Vec<RiskSheetTreatment> {
    let ja = lang == Lang::Ja;
    let text = |j: &str, e: &str| Some(if ja { j } else { e }.to_owned());
    vec![
        RiskSheetTreatment {
            asset_id: "1".into(),
            option: Treatment::Reduce,
            planned: text(
                "事務所PCのディスクを暗号化し、社員名簿のファイルはパスワードを付けて保存する。退職者のアカウントは退職日に削除する。",
                "Encrypt the office PCs' disks and keep the staff list in a password-protected file. Delete leavers' accounts on their last day.",
            ),
            owner: text("総務部 山田", "Yamada (General affairs)"),
            due_date: Some("2027-03-31".into()),
            residual_risk: Some(2),
            approved_by: text("代表取締役 佐藤", "Sato, CEO"),
            approved_on: Some("2026-12-01".into()),
        },
        RiskSheetTreatment {
            asset_id: "4".into(),
            option: Treatment::Transfer,
            planned: text(
                "メールをクラウドサービスに移し、サイバー保険に加入する。",
                "Move e-mail to a cloud service and take out cyber insurance.",
            ),
            owner: text("情報システム担当 鈴木", "Suzuki (IT)"),
            due_date: Some("2027-06-30".into()),
            residual_risk: Some(4),
            approved_by: None,
            approved_on: None,
        },
    ]
}

fn sheet(lang: Lang, input: &AnalysisInput, with_names: bool) -> Report {
    let catalog = builtin_catalog();
    let analysis = analyse(catalog, input).expect("valid input");
    let (assets, treatments) = if with_names {
        (names(lang), decisions(lang))
    } else {
        (Vec::new(), Vec::new())
    };
    risk_sheet(&RiskSheetInput {
        catalog,
        analysis: &analysis,
        assets: &assets,
        treatments: &treatments,
        acceptance_threshold: DEFAULT_ACCEPTANCE_THRESHOLD,
        company: Some(if lang == Lang::Ja {
            "株式会社まもり製作所"
        } else {
            "Mamori Manufacturing Ltd."
        }),
        date: date!(2026 - 12 - 07),
        lang,
    })
}

/// Writes the sheet as PDF, checks poppler reads its headings and embedded fonts, renders the
/// pages and returns their paths.
fn pages(report: &Report, name: &str, headings: &[&str]) -> Option<Vec<PathBuf>> {
    let bytes = pdf(report).expect("the PDF is written");
    let pdftotext = tool("pdftotext")?;
    let pdffonts = tool("pdffonts")?;
    let pdftoppm = tool("pdftoppm")?;
    let dir = screenshots();
    let file = dir.join(format!("report-{name}.pdf"));
    std::fs::write(&file, &bytes).expect("write the PDF");
    let path = file.to_string_lossy().into_owned();

    let text: String = run(&pdftotext, &[&path, "-"]).split_whitespace().collect();
    for heading in headings {
        let squeezed: String = heading.split_whitespace().collect();
        assert!(text.contains(&squeezed), "{heading} not in:\n{text}");
    }
    let fonts = run(&pdffonts, &[&path]);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols.get(cols.len().saturating_sub(5)).copied();
        assert_eq!(emb, Some("yes"), "font not embedded: {row}\n{fonts}");
    }

    for old in std::fs::read_dir(&dir).expect("read screenshots").flatten() {
        let n = old.file_name().to_string_lossy().into_owned();
        if n.starts_with(&format!("report-{name}-")) && n.ends_with(".png") {
            let _ = std::fs::remove_file(old.path());
        }
    }
    let prefix = dir.join(format!("report-{name}"));
    run(
        &pdftoppm,
        &["-png", "-r", "80", &path, &prefix.to_string_lossy()],
    );
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read screenshots")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().unwrap_or_default().to_string_lossy();
            n.starts_with(&format!("report-{name}-")) && n.ends_with(".png")
        })
        .collect();
    pngs.sort();
    Some(pngs)
}

#[test]
fn the_japanese_risk_sheet_reads_back_from_the_pdf_and_renders_its_pages() {
    let Some(pngs) = pages(
        &sheet(Lang::Ja, &input(), true),
        "risk-ja",
        &[
            "リスク分析の診断結果",
            "概要",
            "リスク値の分布",
            "対応が必要な情報資産",
            "分野別の対策実施率",
            "策定・見直しが必要な規程",
            "リスク対応と残留リスク",
            "株式会社まもり製作所",
            "基準を超える",
        ],
    ) else {
        return;
    };
    // A handful of assets and eleven chapters: more than one page, but no more than four.
    assert!((2..=4).contains(&pngs.len()), "{pngs:?}");
}

#[test]
fn the_english_risk_sheet_reads_back_from_the_pdf_and_renders_its_pages() {
    let Some(pngs) = pages(
        &sheet(Lang::En, &input(), true),
        "risk-en",
        &[
            "Risk analysis result",
            "Risk distribution",
            "Assets that need treatment",
            "Regulations to write or review",
            "Risk treatment and residual risk",
            "Sato, CEO",
        ],
    ) else {
        return;
    };
    assert!((2..=4).contains(&pngs.len()), "{pngs:?}");
}

#[test]
fn a_risk_sheet_without_assets_renders_its_empty_states_on_a_page_or_two() {
    let empty = AnalysisInput {
        answers: input().answers,
        ..AnalysisInput::default()
    };
    let Some(pngs) = pages(
        &sheet(Lang::Ja, &empty, false),
        "risk-empty",
        &[
            "情報資産がまだ登録されていません。",
            "分野別の対策実施率",
            "対応を決める必要のある情報資産はありません。",
        ],
    ) else {
        return;
    };
    assert!((1..=2).contains(&pngs.len()), "{pngs:?}");
}
