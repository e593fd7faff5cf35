//! Test support for the report tests of every crate: the independent programs that read a
//! report back (poppler's `pdftotext`, `pdffonts`, `pdftoppm`; LibreOffice's `soffice`), found
//! on `PATH` and run, and the folder the pages are saved in for a person to look at.
//!
//! The programs are required when `MAMORI_REQUIRE_REPORT_TOOLS=1` (as `scripts/test` sets,
//! after `scripts/report-deps` installed them): a missing one fails the test. Elsewhere [`tool`]
//! prints "skipped: …" and the caller leaves out the read-back step.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether a missing program fails the test.
pub fn required() -> bool {
    std::env::var("MAMORI_REQUIRE_REPORT_TOOLS").is_ok_and(|v| v == "1")
}

/// The program's path when it can run; `None` (after saying so) when the test may go without.
pub fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !required(),
            "{name} is required (MAMORI_REQUIRE_REPORT_TOOLS=1) but not installed; run scripts/report-deps"
        );
        println!("skipped: {name} is not installed; run scripts/report-deps");
    }
    found
}

/// Runs the program and returns what it printed; a failure fails the test with its message.
pub fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?} failed: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `target/screenshots/` (or under `CARGO_TARGET_DIR`), created when missing.
pub fn screenshots() -> PathBuf {
    let root = workspace_root();
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    };
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}
