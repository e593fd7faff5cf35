//! The window: phone-sized viewports, full-page screenshots, and the accessibility check with
//! axe-core.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use super::{AXE_TAGS, Browser, axe_path};

impl Browser {
    /// Makes the page area (the viewport) `width` × `height` CSS pixels, e.g. 375 × 667 for a
    /// phone.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let inner = || async {
            let v = self
                .client
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await
                .expect("the viewport size");
            (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0))
        };
        let (w, h) = (i64::from(width), i64::from(height));
        self.client.set_window_size(width, height).await.unwrap();
        let (iw, ih) = inner().await;
        if (iw, ih) != (w, h) {
            // The window includes the browser's own frame: add what it takes.
            let outer_w = u32::try_from(2 * w - iw).unwrap_or(width);
            let outer_h = u32::try_from(2 * h - ih).unwrap_or(height);
            self.client.set_window_size(outer_w, outer_h).await.unwrap();
        }
        let now = inner().await;
        assert_eq!(
            now,
            (w, h),
            "the viewport could not be made {width}×{height}"
        );
    }

    /// Makes the window as tall as the page (up to 8000 px more), so that a screenshot shows all
    /// of it and axe-core sees every element on screen; returns the size to restore.
    async fn grow_to_page(&self) -> Option<(u32, u32)> {
        let (w, h) = self.client.get_window_size().await.unwrap();
        let (w, h) = (u32::try_from(w).unwrap(), u32::try_from(h).unwrap());
        let v = self
            .client
            .execute(
                "return [window.innerHeight, document.documentElement.scrollHeight];",
                vec![],
            )
            .await
            .unwrap();
        let (inner, full) = (v[0].as_u64().unwrap_or(0), v[1].as_u64().unwrap_or(0));
        if full <= inner {
            return None;
        }
        let grow = u32::try_from((full - inner).min(8000)).unwrap();
        self.client.set_window_size(w, h + grow).await.unwrap();
        Some((w, h))
    }

    async fn restore_size(&self, before: Option<(u32, u32)>) {
        if let Some((w, h)) = before {
            self.client.set_window_size(w, h).await.unwrap();
        }
    }

    /// Saves a screenshot of the whole page (not only what fits in the window) as
    /// `target/screenshots/<test>/<nn>-<name>.png` and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let n = self.shot_count.fetch_add(1, Ordering::Relaxed) + 1;
        let before = self.grow_to_page().await;
        let png = self.client.screenshot().await;
        self.restore_size(before).await;
        let png = png.expect("a screenshot");
        let path = self.shots.join(format!("{n:02}-{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("screenshot: {}", path.display());
        path
    }

    /// Prints the page as the browser's print dialog would (A4, the print stylesheet applied)
    /// and saves the PDF beside the screenshots; its bytes.
    pub async fn print(&self, name: &str) -> Vec<u8> {
        let n = self.shot_count.fetch_add(1, Ordering::Relaxed) + 1;
        let pdf = self
            .client
            .print(fantoccini::wd::PrintConfiguration::default())
            .await
            .expect("the page printed as PDF");
        let path = self.shots.join(format!("{n:02}-{name}.pdf"));
        std::fs::write(&path, &pdf).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("printed: {}", path.display());
        pdf
    }

    /// Runs axe-core (WCAG 2.0 and 2.1, levels A and AA) on the page shown: every rule the page
    /// breaks, with how many elements break it.
    pub async fn accessibility_violations(&self) -> Vec<Violation> {
        static AXE: OnceLock<String> = OnceLock::new();
        let source = AXE.get_or_init(|| {
            std::fs::read_to_string(axe_path()).unwrap_or_else(|e| {
                panic!("{}: {e}; run scripts/browser-deps", axe_path().display())
            })
        });
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .unwrap();
        if loaded != Value::Bool(true) {
            self.client
                .execute(&format!("{source}\n;return null;"), vec![])
                .await
                .expect("axe-core loads into the page");
        }
        let before = self.grow_to_page().await;
        let result = self
            .client
            .execute_async(
                r"const done = arguments[arguments.length - 1];
                  axe.run(document, {
                    runOnly: {type: 'tag', values: arguments[0]},
                    resultTypes: ['violations'],
                  }).then(r => done({violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact || 'unknown', help: v.help, count: v.nodes.length,
                    targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
                  }))}), e => done({error: String(e)}));",
                vec![json!(AXE_TAGS)],
            )
            .await;
        self.restore_size(before).await;
        let result = result.expect("axe.run answers");
        if let Some(e) = result["error"].as_str() {
            panic!("axe-core failed on {}: {e}", self.current_path().await);
        }
        serde_json::from_value(result["violations"].clone()).expect("axe-core's violations")
    }

    /// Fails listing every serious or critical axe-core violation on the page shown (`page`
    /// names it in the message); moderate and minor ones are printed.
    pub async fn assert_accessible(&self, page: &str) {
        let path = self.current_path().await;
        let mut failing = String::new();
        for v in self.accessibility_violations().await {
            if v.is_serious() {
                let _ = writeln!(failing, "  - {v}");
            } else {
                println!("axe-core, {page} ({path}): {v}");
            }
        }
        assert!(
            failing.is_empty(),
            "axe-core finds serious accessibility problems on {page} ({path}):\n{failing}"
        );
    }
}

/// One axe-core rule that a page breaks.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Violation {
    /// The rule, e.g. `color-contrast` or `label`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    /// How many elements break it.
    pub count: usize,
    /// The CSS selectors of the first few.
    pub targets: Vec<String>,
}

impl Violation {
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}] {}: {} ({} elements: {})",
            self.impact,
            self.id,
            self.help,
            self.count,
            self.targets.join(" | ")
        )
    }
}
