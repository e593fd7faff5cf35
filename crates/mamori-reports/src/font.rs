//! The one font of every report: IPAex Gothic (IPA Font License v1.0, which allows embedding it
//! in a program and in documents; the licence text is in `fonts/`). Compiled in, so a fresh
//! machine without any system font writes the same Japanese PDF as a developer's.

/// IPAex Gothic 004.01 (6 MB; a PDF carries only the subset of glyphs it uses).
pub const IPAEX_GOTHIC: &[u8] = include_bytes!("../fonts/ipaexg.ttf");

/// The family name the font's name table gives (what Typst and SVG text ask for).
pub const FAMILY: &str = "IPAexGothic";
