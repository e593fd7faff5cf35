//! The result sheet as a reader gets it: the real `mamori assess --format pdf|docx` binary, and
//! every file read back by programs that are not ours. Poppler (`pdftotext`, `pdffonts`,
//! `pdftoppm`) reads the PDF; LibreOffice headless opens the DOCX. Each sheet's pages are saved
//! as `target/screenshots/report-<name>-<page>.png` for a person to look at.
//!
//! The programs are required when `MAMORI_REQUIRE_REPORT_TOOLS=1` (as `scripts/test` sets, after
//! `scripts/report-deps` installed them): a missing one fails the test. Elsewhere such a test
//! prints "skipped: …" and passes.

use mamori_readback::{run, screenshots, tool};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mamori(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .output()
        .expect("run mamori")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> String {
    workspace_root()
        .join("examples")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn assess_json(catalog: &str, answers: &str) -> Value {
    let out = mamori(&[
        "assess",
        "--catalog",
        catalog,
        "--answers",
        answers,
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn write_sheet(args: &[&str], file: &Path) {
    let mut all = vec!["assess"];
    all.extend_from_slice(args);
    let file = file.to_string_lossy();
    all.extend(["--out", &file]);
    let out = mamori(&all);
    assert!(
        out.status.success(),
        "mamori {all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// pdftotext's text with line breaks and runs of spaces made single spaces, so a heading or a
/// figure is found whatever the layout.
fn pdf_text(pdf: &Path) -> Option<String> {
    let pdftotext = tool("pdftotext")?;
    let text = run(&pdftotext, &[&pdf.to_string_lossy(), "-"]);
    Some(squeeze(&text))
}

/// Text without any white space: pdftotext puts spaces between kana and digits ("100 点満点")
/// and reads a row of figure boxes label row first, so comparisons ignore spacing.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

/// Checks that every font is embedded and renders every page as PNG; returns the page count.
fn fonts_and_pages(pdf: &Path, name: &str, font: Option<&str>) -> Option<usize> {
    let pdffonts = tool("pdffonts")?;
    let pdftoppm = tool("pdftoppm")?;
    let fonts = run(&pdffonts, &[&pdf.to_string_lossy()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts:\n{fonts}");
    if let Some(font) = font {
        assert!(fonts.contains(font), "{font}:\n{fonts}");
    }
    for row in &rows {
        // name type encoding emb sub uni object ID: emb is the fourth column from the end.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols.get(cols.len().saturating_sub(5)).copied();
        assert_eq!(emb, Some("yes"), "font not embedded: {row}\n{fonts}");
    }
    let dir = screenshots();
    for old in std::fs::read_dir(&dir).expect("read screenshots").flatten() {
        if old
            .file_name()
            .to_string_lossy()
            .starts_with(&format!("report-{name}-"))
        {
            let _ = std::fs::remove_file(old.path());
        }
    }
    let prefix = dir.join(format!("report-{name}"));
    run(
        &pdftoppm,
        &[
            "-png",
            "-r",
            "80",
            &pdf.to_string_lossy(),
            &prefix.to_string_lossy(),
        ],
    );
    let pages = std::fs::read_dir(&dir)
        .expect("read screenshots")
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&format!("report-{name}-")) && n.ends_with(".png")
        })
        .count();
    assert!(pages >= 1, "pdftoppm rendered no page");
    Some(pages)
}

const JA_HEADINGS: [&str; 6] = [
    "診断結果",
    "総合評価",
    "分野別の状況",
    "まず取り組むこと",
    "未実施の項目とリスク",
    "低コストでできる対策",
];

#[test]
fn the_pdf_result_sheet_holds_the_json_figures_and_japanese_headings_in_an_embedded_font() {
    let answers = example("self-check-25.json");
    let json = assess_json("self-check-25", &answers);
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("sheet.pdf");
    let company = r#"株式会社まもり #1 *本社* [テスト] $100 <営業部> @東京 `x` \ _"#;
    write_sheet(
        &[
            "--catalog",
            "self-check-25",
            "--answers",
            &answers,
            "--format",
            "pdf",
            "--company",
            company,
        ],
        &pdf,
    );
    let bytes = std::fs::read(&pdf).expect("the PDF was written");
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&pdf) else { return };
    for heading in JA_HEADINGS {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    let total = json["total"].as_i64().expect("total");
    // The figure boxes read label row first (合計点 判定 …), then the values, then the notes.
    assert_eq!(json["band"], "partial");
    assert!(text.contains("合計点判定"), "{text}");
    assert!(
        text.contains(&format!("{total}一部不十分")),
        "total {total}:\n{text}"
    );
    assert!(text.contains("100点満点"), "{text}");
    for part in json["parts"].as_array().expect("parts") {
        let t = part["total"].as_i64().expect("part total");
        assert!(text.contains(&format!("{t}/")), "part {part}:\n{text}");
    }
    assert!(
        text.contains(&squeeze(company)),
        "the company name as typed:\n{text}"
    );
    assert!(text.contains("1/"), "page numbers:\n{text}");
    let Some(pages) = fonts_and_pages(&pdf, "self-check-25-ja", Some("IPAexGothic")) else {
        return;
    };
    assert!((1..=3).contains(&pages), "{pages} pages");
}

#[test]
fn the_primary_checklist_sheet_prints_the_grade_and_averages_of_the_json() {
    let answers = example("primary-checklist.json");
    let json = assess_json("primary-checklist", &answers);
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("sheet.pdf");
    write_sheet(
        &[
            "--catalog",
            "primary-checklist",
            "--answers",
            &answers,
            "--format",
            "pdf",
        ],
        &pdf,
    );
    let Some(text) = pdf_text(&pdf) else { return };
    let grade = json["overall"]["grade"].as_str().expect("grade");
    let average = &json["overall"]["average"];
    assert!(
        text.contains(&format!("総合評価{grade}平均{average}（5点満点）")),
        "{grade} {average}:\n{text}"
    );
    for c in json["categories"].as_array().expect("categories") {
        let shown = format!("{}({})", c["grade"].as_str().expect("grade"), c["average"]);
        assert!(text.contains(&shown), "{shown}:\n{text}");
    }
    assert!(text.contains("（企業名の記入なし）"), "{text}");
    fonts_and_pages(&pdf, "primary-checklist-ja", Some("IPAexGothic"));
}

#[test]
fn the_english_pdf_sheet_has_english_headings_and_date() {
    let answers = example("self-check-25.json");
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("sheet.pdf");
    write_sheet(
        &[
            "--catalog",
            "self-check-25",
            "--answers",
            &answers,
            "--format",
            "pdf",
            "--lang",
            "en",
            "--company",
            "Mamori Ltd.",
        ],
        &pdf,
    );
    let Some(text) = pdf_text(&pdf) else { return };
    for heading in [
        "Diagnosis result",
        "Overall result",
        "By category",
        "What to do first",
    ] {
        assert!(text.contains(&squeeze(heading)), "{heading}:\n{text}");
    }
    assert!(text.contains("83Partlyinsufficient"), "{text}");
    assert!(text.contains("outof100"), "{text}");
    fonts_and_pages(&pdf, "self-check-25-en", Some("IPAexGothic"));
}

fn zip_entry(file: &Path, name: &str) -> String {
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(file).expect("open docx")).expect("a zip archive");
    let mut entry = archive.by_name(name).expect("entry");
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("utf-8 xml");
    text
}

#[test]
fn the_docx_sheet_uses_word_heading_styles_and_libreoffice_reads_the_same_figures() {
    let answers = example("self-check-25.json");
    let json = assess_json("self-check-25", &answers);
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("sheet.docx");
    write_sheet(
        &[
            "--catalog",
            "self-check-25",
            "--answers",
            &answers,
            "--format",
            "docx",
            "--company",
            "株式会社まもり",
        ],
        &docx,
    );
    let document = zip_entry(&docx, "word/document.xml");
    assert!(
        document.contains(r#"<w:pStyle w:val="Heading1" />"#),
        "{document}"
    );
    assert!(
        document.contains("<w:tblHeader />"),
        "repeating table header"
    );
    // Body rows are kept whole on a page; every row says so.
    assert!(
        document.contains("<w:trPr><w:cantSplit /></w:trPr>") && !document.contains("<w:trPr />"),
        "rows that do not split"
    );
    assert!(
        document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\""),
        "A4"
    );
    let styles = zip_entry(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:styleId="Heading1""#), "{styles}");
    assert!(
        styles.contains(r#"<w:name w:val="heading 1" />"#),
        "{styles}"
    );

    let Some(soffice) = tool("soffice") else {
        return;
    };
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let outdir = dir.path().to_string_lossy().into_owned();
    let file = docx.to_string_lossy().into_owned();
    for target in ["txt:Text", "pdf"] {
        run(
            &soffice,
            &[
                &profile,
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                &outdir,
                &file,
            ],
        );
    }
    let text =
        std::fs::read_to_string(dir.path().join("sheet.txt")).expect("LibreOffice wrote text");
    let text = squeeze(&text);
    for heading in JA_HEADINGS {
        assert!(text.contains(heading), "{heading}:\n{text}");
    }
    let total = json["total"].as_i64().expect("total");
    assert!(text.contains(&format!("合計点{total}100点満点")), "{text}");
    assert!(text.contains("株式会社まもり"), "{text}");
    // LibreOffice's PDF uses the Japanese font it has; every font must still be embedded.
    fonts_and_pages(&dir.path().join("sheet.pdf"), "self-check-25-docx", None);
}

#[test]
fn answers_with_errors_write_no_sheet_and_exit_2_listing_every_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        r#"{"catalog": "primary-checklist", "answers": {"M1": 6, "M2": "5", "X9": 3}}"#,
    )
    .expect("write answers");
    let pdf = dir.path().join("sheet.pdf");
    let out = mamori(&[
        "assess",
        "--catalog",
        "primary-checklist",
        "--answers",
        &answers.to_string_lossy(),
        "--format",
        "pdf",
        "--out",
        &pdf.to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for problem in ["answers.X9", "answers.M1", "answers.M2", "answers.E9"] {
        assert!(err.contains(problem), "{problem}:\n{err}");
    }
    assert!(!pdf.exists(), "no file for invalid answers");
}

#[test]
fn an_unwritable_out_path_is_an_error_naming_it_and_pdf_without_out_is_refused() {
    let answers = example("self-check-25.json");
    let out = mamori(&[
        "assess",
        "--catalog",
        "self-check-25",
        "--answers",
        &answers,
        "--format",
        "pdf",
        "--out",
        "/nonexistent-folder/sheet.pdf",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent-folder/sheet.pdf"), "{err}");
    assert!(err.contains("書き込めません"), "{err}");

    let out = mamori(&[
        "assess",
        "--catalog",
        "self-check-25",
        "--answers",
        &answers,
        "--format",
        "docx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out FILE"));
}

#[test]
fn the_secondary_diagnosis_sheet_prints_the_consultants_notes_from_the_answer_file() {
    let answers = example("employee-rules.json");
    let json = assess_json("employee-rules", &answers);
    // The notes are the answer file's; the result JSON keeps the contract's keys only.
    assert_eq!(
        json["items"][3],
        serde_json::json!({"id": "R3", "grade": "C"})
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = dir.path().join("rules.pdf");
    write_sheet(
        &[
            "--catalog",
            "employee-rules",
            "--answers",
            &answers,
            "--format",
            "pdf",
        ],
        &pdf,
    );
    assert!(std::fs::read(&pdf).expect("written").starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&pdf) else { return };
    for needle in [
        "項目ごとの評価と所見",
        "傾向と対策",
        "改善提案",
        "パスワード管理ツールを導入し",
        "来客の入退室を記録する。",
    ] {
        assert!(text.contains(needle), "{needle:?} not in\n{text}");
    }
    fonts_and_pages(&pdf, "employee-rules", None);
}
