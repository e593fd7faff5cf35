//! The page language. Japanese is the default and the text of the templates; English comes from
//! one table keyed by the Japanese text, so a template reads naturally in its first language
//! (`{{ ctx.t("組織一覧") }}`) and a test checks that every key has its English (see the tests
//! below: a missing entry fails the build's tests, never a page at run time).
//!
//! The choice is kept in the `mamori_lang` cookie, set by the language switch in the header
//! (`POST /lang`), so a person who prefers English keeps it across pages and sessions.

use std::collections::HashMap;
use std::sync::LazyLock;

use axum::http::HeaderMap;
pub use mamori_domain::Lang;

pub const COOKIE: &str = "mamori_lang";

/// The language a request asks for through the cookie; Japanese otherwise.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| kv.trim().strip_prefix("mamori_lang="))
        .and_then(Lang::parse)
        .unwrap_or_default()
}

static EN: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| entries::all().collect());

/// The text in `lang`: `ja` itself for Japanese, its English from the table otherwise.
pub fn tr(lang: Lang, ja: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => EN.get(ja).copied().unwrap_or(ja),
    }
}

/// Like [`tr`] for a text that is not a literal (a message kept in an error); a text the table
/// does not know stays as it is.
pub fn tr_str(lang: Lang, ja: &str) -> &str {
    match lang {
        Lang::Ja => ja,
        Lang::En => EN.get(ja).copied().unwrap_or(ja),
    }
}

/// A text given in both languages at the place it is made (messages with values in them).
pub fn pick(lang: Lang, ja: String, en: String) -> String {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

mod entries;

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Every `t("…")` in a template and every `tr(…, "…")` in the code, with where it is.
    fn keys_in(dir: &Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                keys_in(&path, found);
                continue;
            }
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            if !matches!(ext, "html" | "rs")
                || path.components().any(|c| c.as_os_str() == "entries")
                || path.ends_with("i18n/mod.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // `.t("…")` in templates; `tr(lang, "…")` in code, also split over lines by rustfmt.
            for (at, _) in text.match_indices(".t(\"") {
                let rest = &text[at + 4..];
                found.push((
                    rest[..rest.find('"').unwrap()].to_owned(),
                    path.display().to_string(),
                ));
            }
            for (at, _) in text.match_indices("tr(") {
                let rest = text[at + 3..].trim_start();
                let Some(rest) = ["lang,", "ctx.lang,", "self.lang,"]
                    .iter()
                    .find_map(|arg| rest.strip_prefix(arg))
                else {
                    continue;
                };
                let Some(rest) = rest.trim_start().strip_prefix('"') else {
                    continue;
                };
                found.push((
                    rest[..rest.find('"').unwrap()].to_owned(),
                    path.display().to_string(),
                ));
            }
        }
    }

    #[test]
    fn every_text_shown_on_a_page_has_its_english() {
        // The word table serves every web crate: this one, the pages (code and templates), the
        // API and the server.
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = Vec::new();
        for dir in [
            "mamori-http/src",
            "mamori-pages/src",
            "mamori-pages/templates",
            "mamori-api/src",
            "mamori-web/src",
        ] {
            keys_in(&crates.join(dir), &mut found);
        }
        assert!(found.len() > 50, "only {} texts found", found.len());
        let missing: Vec<String> = found
            .iter()
            .filter(|(k, _)| !EN.contains_key(k.as_str()))
            .map(|(k, at)| format!("{k:?} ({at})"))
            .collect();
        assert!(
            missing.is_empty(),
            "no English for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_english_table_has_no_japanese_and_no_duplicate_keys() {
        let mut seen = std::collections::HashSet::new();
        for (ja, en) in entries::all() {
            assert!(seen.insert(ja), "{ja:?} is listed twice");
            assert!(
                !en.chars()
                    .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}')),
                "{ja:?} → {en:?} is not English"
            );
        }
    }

    #[test]
    fn japanese_is_the_default_and_the_cookie_chooses_english() {
        let mut h = HeaderMap::new();
        assert_eq!(lang_of(&h), Lang::Ja);
        h.insert(
            axum::http::header::COOKIE,
            "a=1; mamori_lang=en".parse().unwrap(),
        );
        assert_eq!(lang_of(&h), Lang::En);
        assert_eq!(tr(Lang::En, "組織一覧"), "Organisations");
        assert_eq!(tr(Lang::Ja, "組織一覧"), "組織一覧");
    }
}
