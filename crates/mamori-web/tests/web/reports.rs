//! Report downloads from the pages and the API: the result sheet, a questionnaire's history and
//! the risk analysis, each read back by programs that are not ours (poppler's `pdftotext`,
//! LibreOffice headless) and held against the figures the API's result JSON gives.
//!
//! The programs are required when `MAMORI_REQUIRE_REPORT_TOOLS=1` (as `scripts/test` sets): a
//! missing one fails the test. Elsewhere the read-back steps print "skipped: …".

use mamori_readback::{run, screenshots, tool};
use mamori_storage::OrgKind;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use serde_json::{Value, json};

use crate::support::{Api, api_error, self_check_answers};

/// The PDF's text as poppler reads it, without white space (pdftotext spaces kana and digits
/// apart as the layout puts them).
pub(crate) fn pdf_text(bytes: &[u8]) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, bytes).expect("write the PDF");
    let text = run(&pdftotext, &[&file.to_string_lossy(), "-"]);
    Some(text.split_whitespace().collect())
}

/// The text of an office file after LibreOffice turned it into a PDF (every sheet of a
/// workbook, every page of a document).
pub(crate) fn office_text(bytes: &[u8], extension: &str) -> Option<String> {
    let soffice = tool("soffice")?;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join(format!("report.{extension}"));
    std::fs::write(&file, bytes).expect("write the file");
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    run(
        &soffice,
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &dir.path().to_string_lossy(),
            &file.to_string_lossy(),
        ],
    );
    let pdf = std::fs::read(dir.path().join("report.pdf")).expect("LibreOffice wrote a PDF");
    pdf_text(&pdf)
}

/// Saves the PDF's pages as `target/screenshots/report-web-<name>-<page>.png`, for a person to
/// look at as a reader would.
fn save_pages(bytes: &[u8], name: &str) {
    let Some(pdftoppm) = tool("pdftoppm") else {
        return;
    };
    let dir = screenshots();
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join("report.pdf");
    std::fs::write(&file, bytes).expect("write the PDF");
    let prefix = dir.join(format!("report-web-{name}"));
    run(
        &pdftoppm,
        &[
            "-png",
            "-r",
            "80",
            &file.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
}

struct File {
    content_type: String,
    name: String,
    bytes: Vec<u8>,
}

async fn download(r: reqwest::Response) -> File {
    assert_eq!(r.status(), StatusCode::OK, "{:?}", r.headers());
    let header = |h| {
        r.headers()
            .get(h)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header(CACHE_CONTROL), "private, no-store");
    let disposition = header(CONTENT_DISPOSITION);
    let name = disposition
        .strip_prefix("attachment; filename=\"")
        .and_then(|n| n.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not an attachment: {disposition}"))
        .to_owned();
    File {
        content_type: header(CONTENT_TYPE),
        name,
        bytes: r.bytes().await.unwrap().to_vec(),
    }
}

/// A submitted self-check with two parts not fully done; returns its id and result JSON.
async fn submitted_self_check(api: &Api, org: mamori_storage::OrgId) -> (i64, Value) {
    let mut answers = self_check_answers("done");
    answers["3"] = json!("not_done");
    answers["8"] = json!("partial");
    answers["21"] = json!("unknown");
    let r = api
        .post(
            &format!("/api/v1/orgs/{org}/assessments"),
            &json!({"catalog": "self-check-25", "answers": answers, "submit": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let result = api
        .json(&format!("/api/v1/orgs/{org}/assessments/{id}/result"))
        .await;
    (id, result)
}

crate::on_both_backends! {
    async fn a_result_downloads_as_pdf_word_excel_and_csv_holding_the_figures_of_its_result(app: TestApp) {
        let p = app.person("sheet@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "まもり印刷株式会社").await;
        let api = app.api(&p);
        let (id, result) = submitted_self_check(&api, org).await;
        let total = result["total"].as_i64().unwrap();
        let base = format!("/api/v1/orgs/{org}/assessments/{id}/report");

        let pdf = download(api.get(&format!("{base}?format=pdf")).await).await;
        assert_eq!(pdf.content_type, "application/pdf");
        assert!(pdf.name.starts_with("shindan-kekka_self-check-25_") && pdf.name.ends_with(".pdf"), "{}", pdf.name);
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        if let Some(text) = pdf_text(&pdf.bytes) {
            for words in ["診断結果", "総合評価", "まもり印刷株式会社", "まず取り組むこと", &format!("{total}")] {
                assert!(text.contains(words), "{words}:\n{text}");
            }
        }

        let docx = download(api.get(&format!("{base}?format=docx")).await).await;
        assert!(docx.content_type.contains("wordprocessingml"), "{}", docx.content_type);
        assert!(docx.bytes.starts_with(b"PK"));
        if let Some(text) = office_text(&docx.bytes, "docx") {
            assert!(text.contains("未実施の項目とリスク"), "{text}");
            assert!(text.contains(&format!("合計点{total}")), "{text}");
        }

        let xlsx = download(api.get(&format!("{base}?format=xlsx")).await).await;
        assert!(xlsx.content_type.contains("spreadsheetml"), "{}", xlsx.content_type);
        if let Some(text) = office_text(&xlsx.bytes, "xlsx") {
            // The summary sheet's headline and every table's header, on their own sheets.
            assert!(text.contains("まもり印刷株式会社"), "{text}");
            assert!(text.contains("低コストでできる対策"), "{text}");
            for part in result["parts"].as_array().unwrap() {
                assert!(text.contains(&format!("{}/", part["total"])), "{part}:\n{text}");
            }
        }

        // CSV for Excel starts with the byte order mark; the plain one does not, and each row
        // is one part of the result with its points.
        let csv = download(api.get(&format!("{base}?format=csv&bom=true")).await).await;
        assert_eq!(csv.content_type, "text/csv; charset=utf-8");
        assert!(csv.bytes.starts_with(b"\xEF\xBB\xBF"));
        let plain = download(api.get(&format!("{base}?format=csv")).await).await;
        assert_eq!(&csv.bytes[3..], &plain.bytes[..]);
        let mut rows = csv::Reader::from_reader(&plain.bytes[..]);
        let read: Vec<Vec<String>> = rows.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        let parts = result["parts"].as_array().unwrap();
        assert_eq!(read.len(), parts.len());
        for (row, part) in read.iter().zip(parts) {
            assert!(row[1].starts_with(&format!("{} / ", part["total"])), "{row:?} {part}");
        }
        // Another table by name; a name that is not there is a clear error.
        let items = download(api.get(&format!("{base}?format=csv&table=items-not-done")).await).await;
        assert!(items.name.ends_with("_items-not-done.csv"), "{}", items.name);
        assert!(String::from_utf8(items.bytes).unwrap().lines().count() >= 4);
        let wrong = api.get(&format!("{base}?format=csv&table=nope")).await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = wrong.json().await.unwrap();
        let detail = &body["error"]["details"][0];
        assert_eq!(detail["field"], "table");
        // The problem names the tables there are, so the caller can pick one.
        assert!(detail["message"].as_str().unwrap().contains("items-not-done"), "{body}");

        // English on request.
        let en = download(api.get(&format!("{base}?format=pdf&lang=en")).await).await;
        assert!(en.name.starts_with("diagnosis-result_"), "{}", en.name);
        if let Some(text) = pdf_text(&en.bytes) {
            assert!(text.contains("Diagnosisresult"), "{text}");
        }
    }

    async fn a_download_that_cannot_be_made_says_why_and_names_the_field(app: TestApp) {
        let p = app.person("wrong@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "形式違い株式会社").await;
        let api = app.api(&p);
        let (id, _) = submitted_self_check(&api, org).await;
        let base = format!("/api/v1/orgs/{org}/assessments/{id}/report");
        let (status, _, fields, _) = api_error(api.get(&format!("{base}?format=exe&bom=maybe&lang=fr")).await).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(fields, ["bom", "lang", "format"]);
        // A draft has no result to print yet.
        let r = api.post(&format!("/api/v1/orgs/{org}/assessments"), &json!({"catalog": "five-principles", "answers": {}})).await;
        let draft = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let (status, code, _, _) = api_error(api.get(&format!("/api/v1/orgs/{org}/assessments/{draft}/report")).await).await;
        assert_eq!((status, code.as_str()), (StatusCode::CONFLICT, "not_submitted"));
        // A support organisation has no diagnosis history of its own.
        let support = app.org(&p, OrgKind::Support, "支援センター").await;
        let r = api.get(&format!("/api/v1/orgs/{support}/diagnoses/self-check-25/report")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
        let r = api.get(&format!("/api/v1/orgs/{org}/diagnoses/no-such-catalog/report")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }

    async fn the_result_and_history_pages_offer_downloads_that_a_signed_in_browser_gets(app: TestApp) {
        let p = app.person("pages@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "ページ確認株式会社").await;
        let api = app.api(&p);
        let (first, _) = submitted_self_check(&api, org).await;
        let r = api
            .post(
                &format!("/api/v1/orgs/{org}/assessments"),
                &json!({"catalog": "self-check-25", "answers": self_check_answers("done"), "submit": true}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let browser = app.browser(&p).await;

        let page = browser.page(&format!("/orgs/{org}/assessments/{first}")).await;
        let link = format!("/orgs/{org}/assessments/{first}/report?format=pdf");
        assert!(page.contains(&format!("href=\"{link}\"")), "{page}");
        assert!(page.contains("format=csv&amp;bom=true"), "{page}");
        let pdf = download(browser.get(&link).await).await;
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        save_pages(&pdf.bytes, "result");
        // The sheet's maturity level is the company home's, from the same records.
        let home = browser.page(&format!("/orgs/{org}")).await;
        let marker = "data-figure=\"maturity\">";
        let at = home.find(marker).expect("the home shows the maturity level") + marker.len();
        let level = home[at..home[at..].find('<').unwrap() + at].trim().to_owned();
        if let Some(text) = pdf_text(&pdf.bytes) {
            // pdftotext reads a row of figure boxes labels first, then the values.
            let section = text.split("SECURITYACTIONと成熟度レベル").nth(1).expect("the standing section");
            let shown = &section[..section.find("/5").expect("the level out of 5")];
            assert!(shown.ends_with(&level), "{level}:\n{section}");
        }

        let history = browser.page(&format!("/orgs/{org}/diagnoses/self-check-25")).await;
        let csv_link = format!("/orgs/{org}/diagnoses/self-check-25/report?format=csv");
        assert!(history.contains(&format!("href=\"{csv_link}\"")), "{history}");
        let csv = download(browser.get(&csv_link).await).await;
        assert!(csv.name.starts_with("shindan-suii_self-check-25_"), "{}", csv.name);
        let text = String::from_utf8(csv.bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // The header, then both submissions, newest (all done: 100 points) first.
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[0].starts_with("提出日,結果,"), "{text}");
        assert!(lines[1].contains("100 / 100 点"), "{text}");
        let pdf = download(browser.get(&format!("/orgs/{org}/diagnoses/self-check-25/report")).await).await;
        save_pages(&pdf.bytes, "history");
        if let Some(text) = pdf_text(&pdf.bytes) {
            assert!(text.contains("診断結果の推移"), "{text}");
            assert!(text.contains("100/100点"), "{text}");
        }
    }

    async fn the_secondary_diagnosis_sheet_downloaded_from_the_web_prints_the_stored_notes(app: TestApp) {
        let p = app.person("consultant@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "二次診断株式会社").await;
        let api = app.api(&p);
        let mut answers = serde_json::Map::new();
        for n in 0..=9 {
            answers.insert(format!("R{n}"), json!({"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no"}));
        }
        let r = api.post(&format!("/api/v1/orgs/{org}/assessments"), &json!({"catalog": "employee-rules", "answers": answers, "submit": true})).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        // Written after submission, as a consultant often does.
        let r = api.put(&format!("/api/v1/orgs/{org}/assessments/{id}/notes"), &json!({"R3": {"observation": "同じパスワードを使い回している", "proposal": "パスワード管理ツールを導入する"}})).await;
        assert_eq!(r.status(), StatusCode::OK);
        let pdf = download(api.get(&format!("/api/v1/orgs/{org}/assessments/{id}/report")).await).await;
        save_pages(&pdf.bytes, "employee-rules");
        if let Some(text) = pdf_text(&pdf.bytes) {
            for words in ["項目ごとの評価と所見", "同じパスワードを使い回している", "パスワード管理ツールを導入する"] {
                assert!(text.contains(words), "{words}:\n{text}");
            }
        }
    }

    async fn the_risk_analysis_result_downloads_with_the_figures_of_the_evaluation(app: TestApp) {
        let p = app.person("risk-sheet@example.jp").await;
        let org = app.org(&p, OrgKind::Company, "青葉製作所").await;
        let api = app.api(&p);
        let risk = format!("/api/v1/orgs/{org}/risk");
        for (name, medium, c) in [("社員名簿", "office_pc", 2), ("製品カタログ", "paper", 0), ("発注伝票", "internal_server", 1)] {
            let r = api.post(&format!("{risk}/assets"), &json!({"name": name, "medium": medium, "c": c, "i": 1, "a": 1})).await;
            assert_eq!(r.status(), StatusCode::CREATED);
        }
        let r = api.put(&format!("{risk}/threats"), &json!([
            {"medium": "office_pc", "kind": "leak", "frequency": 3},
            {"medium": "paper", "kind": "leak", "frequency": 2},
        ])).await;
        assert_eq!(r.status(), StatusCode::OK);
        let e = api.json(&format!("{risk}/evaluation")).await;
        let levels = &e["levels"];

        let csv = download(api.get(&format!("{risk}/report?format=csv&table=assets-at-risk")).await).await;
        assert!(csv.name.starts_with("risk-bunseki-kekka_"), "{}", csv.name);
        let mut rows = csv::Reader::from_reader(&csv.bytes[..]);
        let listed = rows.records().count() as u64;
        assert_eq!(listed, levels["high"].as_u64().unwrap() + levels["medium"].as_u64().unwrap());

        let pdf = download(api.get(&format!("{risk}/report")).await).await;
        assert_eq!(pdf.content_type, "application/pdf");
        save_pages(&pdf.bytes, "risk");
        if let Some(text) = pdf_text(&pdf.bytes) {
            assert!(text.contains("リスク分析の診断結果"), "{text}");
            assert!(text.contains("青葉製作所"), "{text}");
            assert!(text.contains("社員名簿"), "{text}");
            // The unrated asset (its medium's threats are not rated) is counted, as the API does.
            assert_eq!(levels["unrated"], 1);
            assert!(text.contains("未評価"), "{text}");
        }
        let xlsx = download(api.get(&format!("{risk}/report?format=xlsx")).await).await;
        if let Some(text) = office_text(&xlsx.bytes, "xlsx") {
            // Every table on its own sheet: the heat map, the assets at risk, the chapters.
            assert!(text.contains("重要度＼被害発生可能性"), "{text}");
            assert!(text.contains("社員名簿"), "{text}");
            assert!(text.contains(e["chapters"][0]["title"].as_str().unwrap()), "{text}");
        }

        // The results page links to it, and a browser gets the same file.
        let browser = app.browser(&p).await;
        let page = browser.page(&format!("/orgs/{org}/risk/results")).await;
        let link = format!("/orgs/{org}/risk/report?format=docx");
        assert!(page.contains(&format!("href=\"{link}\"")), "{page}");
        let docx = download(browser.get(&link).await).await;
        assert!(docx.bytes.starts_with(b"PK"));
        if let Some(text) = office_text(&docx.bytes, "docx") {
            assert!(text.contains("リスク分析の診断結果"), "{text}");
            assert!(text.contains("リスク対応と残留リスク"), "{text}");
            assert!(text.contains("社員名簿"), "{text}");
        }
        // A support organisation has no risk analysis to download.
        let support = app.org(&p, OrgKind::Support, "支援センター").await;
        let r = api.get(&format!("/api/v1/orgs/{support}/risk/report")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
}

/// A result page printed from the browser is the result alone, on A4: no site menu, no
/// organisation tabs, no download links or buttons.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_page_prints_on_a4_without_the_navigation() {
    let app = crate::support::TestApp::spawn(mamori_storage::Backend::Sqlite)
        .await
        .expect("sqlite");
    let p = app.person("print@example.jp").await;
    let org = app.org(&p, OrgKind::Company, "印刷確認株式会社").await;
    let (id, result) = submitted_self_check(&app.api(&p), org).await;
    let Some(b) = crate::browser::Browser::start(&app).await else {
        return;
    };
    b.sign_in("print@example.jp", crate::support::PASSWORD)
        .await;
    b.goto(&format!("/orgs/{org}/assessments/{id}")).await;
    let pdf = b.print("result-printed").await;
    assert!(pdf.starts_with(b"%PDF-"));
    save_pages(&pdf, "printed-result");
    let Some(text) = pdf_text(&pdf) else {
        return;
    };
    assert!(text.contains(&format!("{}", result["total"])), "{text}");
    assert!(text.contains("分野ごとの結果"), "{text}");
    // The site menu, the organisation's tabs, the download links, the buttons and the footer.
    for gone in [
        "ログアウト",
        "メンバー",
        "操作履歴",
        "ダウンロード",
        "対策リストに追加",
        "自分たちの手で",
    ] {
        assert!(!text.contains(gone), "{gone} is printed:\n{text}");
    }
}
