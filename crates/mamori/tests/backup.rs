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

fn backup(data: &Path, out: &Path) -> String {
    ok_stdout(&mamori(&[
        "backup",
        "--data-dir",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]))
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
