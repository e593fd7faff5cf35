//! `mamori backup` and `mamori restore` as an operator runs them on a SQLite data folder: who can
//! read the file, what a restore says it left out, and what it says when the file is wrong.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn mamori(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mamori"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run mamori")
}

fn ok_stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

fn backup(data: &Path, out: &Path) -> String {
    ok_stdout(&mamori(&[
        "backup",
        "--data-dir",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]))
}

/// `mamori restore` of `file` into a new, empty data folder, in `lang`.
fn restore_into_empty(dir: &Path, file: &Path, lang: &str) -> Output {
    let target = dir.join(format!("restored-{lang}"));
    std::fs::create_dir_all(&target).unwrap();
    mamori(&[
        "--lang",
        lang,
        "restore",
        "--data-dir",
        target.to_str().unwrap(),
        file.to_str().unwrap(),
    ])
}

#[cfg(unix)]
#[test]
fn a_backup_file_can_be_read_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("backup.jsonl");
    // Leftovers that others could read: an earlier backup and a half-written one.
    for stale in [&file, &dir.path().join("backup.partial")] {
        std::fs::write(stale, "old").unwrap();
        std::fs::set_permissions(stale, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    backup(&data, &file);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "mode {mode:o}");
    assert!(std::fs::read_to_string(&file).unwrap().starts_with('{'));
}

#[test]
fn a_restore_says_what_it_deliberately_did_not_restore() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("backup.jsonl");
    backup(&data, &file);
    let ja = ok_stdout(&restore_into_empty(dir.path(), &file, "ja"));
    assert!(
        ja.contains("復元していないもの: ログイン中のセッション、ログイン失敗の回数"),
        "{ja}"
    );
    let en = ok_stdout(&restore_into_empty(dir.path(), &file, "en"));
    assert!(
        en.contains("not restored, on purpose: sessions, sign-in failure counts"),
        "{en}"
    );
    assert!(!has_japanese(&en), "{en}");
}

#[test]
fn restore_errors_say_what_is_wrong_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("backup.jsonl");
    backup(&data, &good);
    let text = std::fs::read_to_string(&good).unwrap();
    let header = text.lines().next().unwrap();

    // A header that lost some of its fields is a damaged backup, not "no header".
    let mut fields: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(header).unwrap();
    fields.remove("schema_version");
    fields.remove("source");
    let damaged = dir.path().join("damaged.jsonl");
    std::fs::write(&damaged, format!("{}\n", serde_json::Value::Object(fields))).unwrap();
    let ja = restore_into_empty(dir.path(), &damaged, "ja");
    assert_eq!(ja.status.code(), Some(2));
    let err = String::from_utf8(ja.stderr).unwrap();
    assert!(
        err.contains("1行目の見出しに必要な項目がありません: schema_version、source"),
        "{err}"
    );
    assert!(err.contains("データベースは変更していません"), "{err}");
    assert!(
        !err.contains("no header") && !err.contains("restore failed"),
        "{err}"
    );
    let en = restore_into_empty(dir.path(), &damaged, "en");
    let err = String::from_utf8(en.stderr).unwrap();
    assert!(
        err.contains("the header on line 1 lacks schema_version, source"),
        "{err}"
    );
    assert!(!has_japanese(&err), "{err}");

    // Some other file, a bad row, a missing file: each said in Japanese, naming the place.
    let other = dir.path().join("notes.txt");
    std::fs::write(&other, "買い物メモ\n").unwrap();
    let err = String::from_utf8(restore_into_empty(dir.path(), &other, "ja").stderr).unwrap();
    assert!(
        err.contains("Mamori のバックアップファイルではありません"),
        "{err}"
    );
    let bad_row = dir.path().join("bad-row.jsonl");
    std::fs::write(
        &bad_row,
        format!("{header}\n{{\"table\":\"users\",\"row\":[1,2]}}\n"),
    )
    .unwrap();
    let err = String::from_utf8(restore_into_empty(dir.path(), &bad_row, "ja").stderr).unwrap();
    assert!(
        err.contains("2行目: 表 users の行には値が 6 個必要ですが、2 個あります。"),
        "{err}"
    );
    let missing = dir.path().join("missing.jsonl");
    let err = String::from_utf8(restore_into_empty(dir.path(), &missing, "ja").stderr).unwrap();
    assert!(err.contains("が見つかりません"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
}
