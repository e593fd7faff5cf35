//! The command line as automation sees it: real binary, real files and pipes, exit statuses.

use serde_json::{Value, json};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn mamori(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mamori");
    if let Some(input) = stdin {
        // A command may rightly exit before reading its input (an unknown catalog, say).
        if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json on stdout")
}

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn catalog_list_gives_programs_every_catalog_with_its_item_count() {
    let list = stdout_json(&mamori(&["catalog", "list"], None));
    let counts: Vec<(String, u64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                c["items"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts.len(), 9);
    assert!(counts.contains(&("nist-csf-tiers".into(), 108)));
    assert!(counts.contains(&("self-check-25".into(), 25)));
    assert_eq!(list[0]["title"], "情報セキュリティ5か条");
}

#[test]
fn catalog_show_prints_groups_items_and_the_answer_scale() {
    let c = stdout_json(&mamori(
        &["catalog", "show", "self-check-25", "--format", "json"],
        None,
    ));
    assert_eq!(c["groups"].as_array().unwrap().len(), 3);
    assert_eq!(c["items"][0]["group"], "basic");
    assert_eq!(c["scale"]["options"][3]["value"], "unknown");
    let text = mamori(
        &["catalog", "show", "five-principles", "--format", "text"],
        None,
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("情報セキュリティ5か条"), "{text}");
}

#[test]
fn assess_scores_an_answer_file_as_the_interface_describes() {
    let r = stdout_json(&mamori(
        &[
            "assess",
            "--catalog",
            "self-check-25",
            "--answers",
            &example("self-check-25.json"),
        ],
        None,
    ));
    assert_eq!(r["catalog"], "self-check-25");
    assert_eq!(r["total"], 100 - 2 - 4 - 2 - 5 - 4);
    assert_eq!(r["band"], "partial");
    assert_eq!(r["unknown"], json!(["21"]));
}

#[test]
fn assess_reads_standard_input_and_consolidates_respondents() {
    let doc = std::fs::read_to_string(example("self-check-25-two-sites.json")).unwrap();
    let r = stdout_json(&mamori(
        &["assess", "--catalog", "self-check-25", "--answers", "-"],
        Some(&doc),
    ));
    assert_eq!(r["respondents"][0], json!({"name": "本社", "total": 83}));
    assert_eq!(r["respondents"][1]["name"], "工場");
    assert_eq!(r["total"], 83 - 4 - 2);
}

#[test]
fn invalid_answers_exit_2_and_list_every_problem_in_japanese() {
    let doc =
        r#"{"catalog": "primary-checklist", "answers": {"M1": 6, "M2": "5", "X9": 3}, "extra": 1}"#;
    let out = mamori(
        &["assess", "--catalog", "primary-checklist", "--answers", "-"],
        Some(doc),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    for needle in [
        "extra: この項目名は使えません",
        "設問 X9（answers.X9）: この設問IDはカタログにありません",
        "設問 M1（answers.M1）: 6 は使えない値です（使える値: 5, 4, 3, 2, 1, 0）",
        "設問 M2（answers.M2）: \"5\" は使えない値です",
        "設問 E9（answers.E9）: 回答がありません",
    ] {
        assert!(err.contains(needle), "{needle:?} not in\n{err}");
    }
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
}

#[test]
fn error_messages_follow_the_language_flag() {
    let out = mamori(
        &[
            "--lang",
            "en",
            "assess",
            "--catalog",
            "five-principles",
            "--answers",
            "-",
        ],
        Some("{\"answers\": {}}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("item 5 (answers.5): is not answered"), "{err}");
    assert!(!has_japanese(&err), "{err}");
}

#[test]
fn malformed_json_unknown_catalogs_and_missing_files_are_reported_not_panicked() {
    let out = mamori(
        &["assess", "--catalog", "self-check-25", "--answers", "-"],
        Some("{\"answers\": "),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("JSON として読めません"));
    let out = mamori(
        &["assess", "--catalog", "no-such", "--answers", "-"],
        Some("{}"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("カタログ \"no-such\" はありません"));
    let out = mamori(
        &[
            "assess",
            "--catalog",
            "self-check-25",
            "--answers",
            "/nonexistent/answers.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/answers.json"));
}

#[test]
fn risk_evaluate_reproduces_the_worked_rows() {
    let r = stdout_json(&mamori(
        &["risk", "evaluate", "--input", &example("risk-assets.json")],
        None,
    ));
    let rows: Vec<(i64, String)> = r["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["risk_value"].as_i64().unwrap(),
                a["level"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [
        (4, "high"),
        (2, "medium"),
        (1, "medium"),
        (4, "high"),
        (1, "medium"),
        (4, "high"),
        (2, "medium"),
    ];
    let expected: Vec<(i64, String)> = expected.iter().map(|(v, l)| (*v, l.to_string())).collect();
    assert_eq!(rows, expected);
    assert_eq!(r["assets"][0]["importance"], 2);
    assert_eq!(r["assets"][0]["likelihood"], 2);
}

#[test]
fn risk_evaluate_rejects_out_of_range_ratings_with_the_asset_named() {
    let doc = r#"{"media": {}, "assets": [{"id": "pc1", "c": 3, "i": 0, "a": 0, "threat": 2, "vulnerability": 9}]}"#;
    let out = mamori(&["risk", "evaluate", "--input", "-"], Some(doc));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("資産 pc1（assets[0].c）: 3 は使えない値です（使える値: 0, 1, 2）"),
        "{err}"
    );
    assert!(err.contains("assets[0].vulnerability"), "{err}");
}

#[test]
fn text_output_reads_as_japanese_by_default_and_as_english_only_with_lang_en() {
    let args = [
        "assess",
        "--catalog",
        "self-check-25",
        "--answers",
        &example("self-check-25.json"),
        "--format",
        "text",
    ];
    let ja = String::from_utf8(mamori(&args, None).stdout).unwrap();
    assert!(ja.contains("合計点: 83 / 100"), "{ja}");
    assert!(ja.contains("「わからない」と回答した項目"), "{ja}");
    assert!(ja.contains("まず取り組むこと"), "{ja}");
    assert!(
        ja.contains("1. [確認] 21 "),
        "the unknown item is the first thing to do:\n{ja}"
    );
    let mut en_args = args.to_vec();
    en_args.extend(["--lang", "en"]);
    let en = String::from_utf8(mamori(&en_args, None).stdout).unwrap();
    assert!(en.contains("Total: 83 / 100"), "{en}");
    assert!(!has_japanese(&en), "mixed-language output:\n{en}");
    for id in [
        "five-principles",
        "primary-checklist",
        "nist-csf-tiers",
        "it-stance",
    ] {
        let show = mamori(
            &["catalog", "show", id, "--format", "text", "--lang", "en"],
            None,
        );
        let text = String::from_utf8(show.stdout).unwrap();
        let body: String = text.lines().filter(|l| !l.starts_with("Source:")).collect();
        assert!(
            !has_japanese(&body),
            "{id} shows Japanese in English:\n{text}"
        );
    }
}

#[test]
fn an_employee_rules_file_takes_the_consultants_notes_and_checks_them_like_answers() {
    let ok = stdout_json(&mamori(
        &[
            "assess",
            "--catalog",
            "employee-rules",
            "--answers",
            &example("employee-rules.json"),
        ],
        None,
    ));
    assert_eq!(ok["items"].as_array().unwrap().len(), 10);
    assert!(
        ok["items"][1].get("observation").is_none(),
        "the result JSON is unchanged"
    );
    let doc = r#"{"catalog": "employee-rules", "answers": {
      "R0": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no", "observation": 5},
      "R1": {"rule": "yes", "adoption": "yes", "managed": "no", "technical": "no", "comment": "x"}}}"#;
    let out = mamori(
        &["assess", "--catalog", "employee-rules", "--answers", "-"],
        Some(doc),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    for needle in [
        "設問 R0（answers.R0.observation）: 文字列",
        "設問 R1（answers.R1.comment）: この項目名は使えません（使える項目: rule, adoption, managed, technical, observation, proposal）",
    ] {
        assert!(err.contains(needle), "{needle:?} not in\n{err}");
    }
}
