use super::risk::*;
use crate::model::{Block, Report, Table};
use crate::{Bom, docx, html, markdown, pdf, table_csv};
use mamori_domain::Lang;
use mamori_domain::risk::{
    AnalysisAsset, AnalysisInput, DEFAULT_ACCEPTANCE_THRESHOLD, Importance, Likelihood,
    PersonalData, Treatment, analyse, builtin_catalog,
};
use std::collections::BTreeMap;
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

/// The seven worked rows of risk.md §4, under the register's numeric ids, with every medium
/// partly protected (answers 1, 2, 3, 4, 1, … down the checklist) as the sheet's examples are.
fn worked() -> AnalysisInput {
    let threats = [
        ("office_pc", vec![("leak", 3), ("tamper", 2)]),
        ("paper", vec![("leak", 2), ("theft", 2), ("loss", 1)]),
        ("external_server", vec![("leak", 3)]),
        ("internal_server", vec![("loss", 3), ("leak", 2)]),
    ]
    .into_iter()
    .map(|(m, kinds)| {
        let kinds = kinds.into_iter().map(|(k, f)| (k.to_owned(), f)).collect();
        (m.to_owned(), kinds)
    })
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
        ],
        threats,
        answers: answers(|n| (n % 4) as i64 + 1),
        ..AnalysisInput::default()
    }
}

fn answers(code: impl Fn(usize) -> i64) -> BTreeMap<String, i64> {
    builtin_catalog()
        .countermeasures
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.clone(), code(n)))
        .collect()
}

fn names(lang: Lang) -> Vec<RiskSheetAsset> {
    let ja = [
        "社員名簿",
        "社員名簿",
        "当社宛請求書",
        "電子メールデータ",
        "製品カタログ",
        "キャンペーン応募者リスト",
        "発注伝票",
    ];
    let en = [
        "Staff list",
        "Staff list",
        "Invoices received",
        "E-mail",
        "Product catalogue",
        "Campaign entrants",
        "Purchase orders",
    ];
    let list = if lang == Lang::Ja { ja } else { en };
    list.iter()
        .enumerate()
        .map(|(n, name)| RiskSheetAsset {
            id: (n + 1).to_string(),
            name: (*name).to_owned(),
            department: None,
        })
        .collect()
}

fn decision(id: &str, option: Treatment, residual: Option<u8>) -> RiskSheetTreatment {
    RiskSheetTreatment {
        asset_id: id.into(),
        option,
        planned: None,
        owner: None,
        due_date: None,
        residual_risk: residual,
        approved_by: None,
        approved_on: None,
    }
}

fn decisions() -> Vec<RiskSheetTreatment> {
    vec![
        RiskSheetTreatment {
            planned: Some("ノートPCのディスクを暗号化し、名簿はパスワード付きで保存する".into()),
            owner: Some("総務部 山田".into()),
            due_date: Some("2027-03-31".into()),
            approved_by: Some("代表取締役 佐藤".into()),
            approved_on: Some("2026-12-01".into()),
            ..decision("1", Treatment::Reduce, Some(2))
        },
        decision("4", Treatment::Transfer, Some(4)),
        // Not in the analysis (deleted since): left out.
        decision("99", Treatment::Accept, Some(0)),
    ]
}

fn build(
    input: &AnalysisInput,
    assets: &[RiskSheetAsset],
    treatments: &[RiskSheetTreatment],
    lang: Lang,
) -> Report {
    let catalog = builtin_catalog();
    let analysis = analyse(catalog, input).expect("valid input");
    risk_sheet(&RiskSheetInput {
        catalog,
        analysis: &analysis,
        assets,
        treatments,
        acceptance_threshold: DEFAULT_ACCEPTANCE_THRESHOLD,
        company: Some("株式会社まもり"),
        date: date!(2026 - 12 - 07),
        lang,
    })
}

fn worked_sheet(lang: Lang) -> Report {
    build(&worked(), &names(lang), &decisions(), lang)
}

fn headings(report: &Report) -> Vec<&str> {
    report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: 1, text } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn table<'r>(report: &'r Report, name: &str) -> &'r Table {
    report
        .tables()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no table {name}"))
}

fn figures(report: &Report) -> Vec<(String, String)> {
    report
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Figures(f) => Some(
                f.iter()
                    .map(|f| (f.label.clone(), f.value.clone()))
                    .collect(),
            ),
            _ => None,
        })
        .expect("figures")
}

fn paragraphs(report: &Report) -> String {
    report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_sheet_has_the_sections_of_the_risk_analysis_result_in_japanese() {
    let report = worked_sheet(Lang::Ja);
    assert_eq!(report.title, "リスク分析の診断結果");
    assert_eq!(report.company, "株式会社まもり");
    assert_eq!(
        headings(&report),
        [
            "概要",
            "リスク値の分布",
            "対応が必要な情報資産",
            "分野別の対策実施率",
            "策定・見直しが必要な規程",
            "リスク対応と残留リスク",
        ]
    );
}

#[test]
fn the_headline_figures_are_the_analysis_counts_by_level() {
    let input = worked();
    let analysis = analyse(builtin_catalog(), &input).unwrap();
    let report = worked_sheet(Lang::Ja);
    let levels = analysis.levels;
    let expected: Vec<(String, String)> = [
        ("情報資産", analysis.assets.len() as u32),
        ("リスク大", levels.high),
        ("リスク中", levels.medium),
        ("リスク小", levels.low),
        ("未評価", levels.unrated),
    ]
    .into_iter()
    .map(|(l, v)| (l.to_owned(), v.to_string()))
    .collect();
    assert_eq!(figures(&report), expected);
    // risk.md §4: three rows at 4 (大), four at 1-2 (中).
    assert_eq!((levels.high, levels.medium, levels.low), (3, 4, 0));
}

#[test]
fn the_heat_map_table_chart_and_alt_text_give_the_analysis_cells() {
    let input = worked();
    let analysis = analyse(builtin_catalog(), &input).unwrap();
    let report = worked_sheet(Lang::Ja);
    let heat = table(&report, "heat-map");
    assert_eq!(heat.header[1..], ["1（低）", "2（中）", "3（高）"]);
    // Importance from 2 at the top down to 0, likelihood 1 to 3 across, as the Results page.
    for (row, importance) in heat.rows.iter().zip([2, 1, 0]) {
        assert!(row[0].starts_with(&importance.to_string()), "{row:?}");
        let i = Importance::new(importance).unwrap();
        for likelihood in 1..=3 {
            let x = Likelihood::new(likelihood).unwrap();
            let expected = analysis.heat_map.count(i, x).to_string();
            assert_eq!(
                row[likelihood as usize], expected,
                "{importance}×{likelihood}"
            );
        }
    }
    assert_eq!(heat.rows[0][1..], ["1", "3", "0"]);
    let chart = report
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .expect("heat map chart");
    assert!(chart.svg.contains("chart chart-heat-map"));
    assert!(chart.svg.contains("cell cell-high"));
    assert!(
        chart
            .alt
            .contains("重要度2: 可能性1 1件、可能性2 3件、可能性3 0件"),
        "{}",
        chart.alt
    );
}

#[test]
fn assets_at_risk_are_listed_highest_risk_value_first_in_register_order_among_equals() {
    let report = worked_sheet(Lang::Ja);
    let at_risk = table(&report, "assets-at-risk");
    let rows: Vec<(&str, &str, &str)> = at_risk
        .rows
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("社員名簿", "事務所PC", "4（大）"),
            ("電子メールデータ", "社外サーバー", "4（大）"),
            ("キャンペーン応募者リスト", "社内サーバー", "4（大）"),
            ("社員名簿", "書類", "2（中）"),
            ("発注伝票", "社内サーバー", "2（中）"),
            ("当社宛請求書", "書類", "1（中）"),
            ("製品カタログ", "書類", "1（中）"),
        ]
    );
    // risk.md §5: important and frequent → avoid; important, not frequent → transfer.
    assert_eq!(at_risk.rows[0][5], "回避");
    assert_eq!(at_risk.rows[3][5], "移転・転嫁");
    assert_eq!(at_risk.widths.len(), at_risk.header.len());
}

#[test]
fn chapter_rates_and_regulations_to_write_are_the_analysis_chapters() {
    let input = worked();
    let analysis = analyse(builtin_catalog(), &input).unwrap();
    let report = worked_sheet(Lang::Ja);
    let chapters = table(&report, "chapters");
    assert_eq!(chapters.rows.len(), 11);
    for (row, status) in chapters.rows.iter().zip(&analysis.chapters) {
        assert_eq!(row[0], status.chapter.number().to_string());
        assert_eq!(row[1], status.chapter.title(Lang::Ja));
        let rate = status
            .rate_percent
            .map_or_else(|| "—".to_owned(), |r| format!("{r}%"));
        assert_eq!(row[3], rate);
        assert_eq!(
            row[4],
            if status.regulation_needed {
                "必要"
            } else {
                "—"
            }
        );
    }
    let bullets = report
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Bullets(items) => Some(items),
            _ => None,
        })
        .next_back()
        .expect("regulation bullets");
    assert_eq!(bullets.len(), analysis.regulations_needed.len());
    let first = analysis.regulations_needed[0];
    assert!(
        bullets[0].starts_with(&format!("第{}章 {}", first.number(), first.title(Lang::Ja))),
        "{bullets:?}"
    );
}

#[test]
fn every_countermeasure_done_and_no_high_risk_leaves_no_regulation_to_write() {
    let mut input = worked();
    input.answers = answers(|_| 1);
    let report = build(&input, &names(Lang::Ja), &[], Lang::Ja);
    assert!(
        paragraphs(&report).contains("策定・見直しが必要な規程はありません"),
        "{}",
        paragraphs(&report)
    );
    let chapters = table(&report, "chapters");
    assert!(chapters.rows.iter().all(|r| r[3] == "100%" || r[3] == "—"));
}

#[test]
fn treatment_decisions_show_the_residual_risk_against_the_acceptance_threshold() {
    let report = worked_sheet(Lang::Ja);
    let t = table(&report, "treatments");
    assert_eq!(
        t.header,
        [
            "情報資産",
            "リスク値",
            "対応",
            "予定している対策",
            "担当者",
            "期限",
            "残留リスク",
            "承認"
        ]
    );
    assert_eq!(t.widths.len(), t.header.len());
    // Every asset at risk, in the order of the at-risk table; the decision for "99" is gone.
    assert_eq!(t.rows.len(), 7);
    assert_eq!(
        t.rows[0],
        [
            "社員名簿",
            "4（大）",
            "低減",
            "ノートPCのディスクを暗号化し、名簿はパスワード付きで保存する",
            "総務部 山田",
            "2027年3月31日",
            "2（受容できる）",
            "代表取締役 佐藤（2026年12月1日）",
        ]
    );
    // Residual 4 is above the default threshold 3.
    assert_eq!(t.rows[1][2], "移転・転嫁");
    assert_eq!(t.rows[1][6..], ["4（基準を超える）", "未承認"]);
    assert_eq!(t.rows[2][2], "未記録");
    let text = paragraphs(&report);
    assert!(text.contains("リスク値 3 以下なら受容できます"), "{text}");
    assert!(
        text.contains("7件の情報資産のうち、2件の対応を記録しています。"),
        "{text}"
    );
}

#[test]
fn a_date_that_is_not_a_stored_iso_date_is_printed_as_given() {
    let treatments = vec![RiskSheetTreatment {
        due_date: Some("来年3月".into()),
        approved_by: Some("佐藤".into()),
        approved_on: Some("2026-02-30".into()),
        ..decision("1", Treatment::Accept, Some(7))
    }];
    let report = build(&worked(), &names(Lang::Ja), &treatments, Lang::Ja);
    let row = &table(&report, "treatments").rows[0];
    assert_eq!(row[5], "来年3月");
    // Out of the 0-6 range: printed as stored, with no verdict on it.
    assert_eq!(row[6], "7");
    assert_eq!(row[7], "佐藤（2026-02-30）");
}

#[test]
fn a_decision_on_an_asset_no_longer_at_risk_is_still_listed_after_those_at_risk() {
    let mut input = worked();
    // 製品カタログ's importance falls to 0: risk value 0, low.
    input.assets[4] = asset("5", "paper", [0, 0, 0], false);
    let treatments = vec![decision("5", Treatment::Accept, Some(0))];
    let report = build(&input, &names(Lang::Ja), &treatments, Lang::Ja);
    let t = table(&report, "treatments");
    let last = t.rows.last().unwrap();
    assert_eq!(last[..3], ["製品カタログ", "0（小）", "受容"]);
    assert_eq!(t.rows.len(), 7);
}

#[test]
fn assets_at_risk_without_any_decision_say_none_is_recorded_yet() {
    let report = build(&worked(), &names(Lang::Ja), &[], Lang::Ja);
    let t = table(&report, "treatments");
    assert!(t.rows.iter().all(|r| r[2] == "未記録"));
    assert!(paragraphs(&report).contains("まだ対応を記録した情報資産はありません。"));
}

#[test]
fn an_empty_register_says_so_instead_of_printing_empty_tables() {
    let input = AnalysisInput {
        answers: answers(|_| 2),
        ..AnalysisInput::default()
    };
    let report = build(&input, &[], &[], Lang::Ja);
    assert_eq!(headings(&report).len(), 6);
    assert_eq!(figures(&report)[0], ("情報資産".to_owned(), "0".to_owned()));
    let names: Vec<&str> = report.tables().map(|t| t.name.as_str()).collect();
    // The checklist stands on its own; the asset tables have nothing to show.
    assert_eq!(names, ["chapters"]);
    let text = paragraphs(&report);
    for sentence in [
        "情報資産がまだ登録されていません。",
        "分布はありません。",
        "対応が必要な情報資産はまだありません。",
        "対応を決める必要のある情報資産はありません。",
    ] {
        assert!(text.contains(sentence), "{sentence}\n{text}");
    }
    assert!(pdf(&report).is_ok());
}

#[test]
fn unrated_assets_are_counted_and_the_media_whose_threats_to_rate_are_named() {
    let mut input = worked();
    input.assets.push(asset("8", "mobile", [1, 1, 1], false));
    input.assets.push(asset("9", "removable", [2, 2, 2], false));
    input.assets.push(asset("10", "mobile", [0, 0, 0], false));
    let report = build(&input, &names(Lang::Ja), &[], Lang::Ja);
    assert_eq!(figures(&report)[4], ("未評価".to_owned(), "3".to_owned()));
    let text = paragraphs(&report);
    assert!(
        text.contains(
            "脅威をまだ評価していない媒体（モバイル機器、可搬電子媒体）に置かれた情報資産 3件"
        ),
        "{text}"
    );
    assert!(text.contains("「脅威の状況」でこれらの媒体の脅威を評価すると"));
    // Unrated assets are in no table of assets at risk and in no heat-map cell.
    assert_eq!(table(&report, "assets-at-risk").rows.len(), 7);
    let cells: u32 = table(&report, "heat-map")
        .rows
        .iter()
        .flat_map(|r| r[1..].iter().map(|c| c.parse::<u32>().unwrap()))
        .sum();
    assert_eq!(cells, 7);
}

#[test]
fn an_asset_without_a_name_is_printed_by_its_id_and_a_department_follows_the_name() {
    let mut assets = names(Lang::Ja);
    assets[0].department = Some("総務部".into());
    assets.retain(|a| a.id != "4");
    let report = build(&worked(), &assets, &[], Lang::Ja);
    let at_risk = table(&report, "assets-at-risk");
    assert_eq!(at_risk.rows[0][0], "社員名簿（総務部）");
    assert_eq!(at_risk.rows[1][0], "4");
}

fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3000}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
}

#[test]
fn the_english_sheet_has_no_japanese_characters() {
    let treatments = vec![
        RiskSheetTreatment {
            planned: Some("Encrypt the laptops".into()),
            owner: Some("Yamada".into()),
            approved_by: Some("Sato".into()),
            approved_on: Some("2026-12-01".into()),
            ..decision("1", Treatment::Reduce, Some(2))
        },
        decision("4", Treatment::Transfer, Some(4)),
    ];
    let mut input = worked();
    input.assets.push(asset("8", "mobile", [1, 1, 1], false));
    let catalog = builtin_catalog();
    let analysis = analyse(catalog, &input).unwrap();
    let report = risk_sheet(&RiskSheetInput {
        catalog,
        analysis: &analysis,
        assets: &names(Lang::En),
        treatments: &treatments,
        acceptance_threshold: DEFAULT_ACCEPTANCE_THRESHOLD,
        company: Some("Mamori Ltd."),
        date: date!(2026 - 12 - 07),
        lang: Lang::En,
    });
    assert_eq!(
        headings(&report),
        [
            "Summary",
            "Risk distribution",
            "Assets that need treatment",
            "Countermeasures in place by chapter",
            "Regulations to write or review",
            "Risk treatment and residual risk",
        ]
    );
    let md = markdown(&report);
    assert!(!has_japanese(&md), "{md}");
    for chart in report.blocks.iter().filter_map(|b| match b {
        Block::Chart(c) => Some(c),
        _ => None,
    }) {
        assert!(!has_japanese(&chart.svg), "{}", chart.svg);
    }
    assert!(md.contains("- **High risk**: 3"), "{md}");
    assert!(md.contains("above threshold"), "{md}");
}

#[test]
fn every_format_is_written_and_the_markdown_holds_the_figures() {
    let report = worked_sheet(Lang::Ja);
    let bytes = pdf(&report).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"));
    let word = docx(&report).expect("the DOCX is written");
    assert!(word.starts_with(b"PK"));
    assert!(html(&report).contains("リスク対応と残留リスク"));
    let md = markdown(&report);
    for line in [
        "- **情報資産**: 7",
        "- **リスク大**: 3（リスク値 4〜6）",
        "- **リスク中**: 4（リスク値 1〜3）",
        "- **リスク小**: 0（リスク値 0）",
        "- **未評価**: 0（脅威の評価待ち）",
        "- 作成日: 2026年12月7日",
    ] {
        assert!(md.contains(line), "{line}\n{md}");
    }
    assert!(md.contains("キャンペーン応募者リスト"), "{md}");
}

#[test]
fn every_table_has_a_short_ascii_name_and_exports_as_csv_for_excel() {
    let report = worked_sheet(Lang::Ja);
    let names: Vec<&str> = report.tables().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["heat-map", "assets-at-risk", "chapters", "treatments"]
    );
    for table in report.tables() {
        assert!(
            table
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        );
        assert_eq!(table.widths.len(), table.header.len(), "{}", table.name);
        let bytes = table_csv(table, Bom::Excel).expect("csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    }
}
