//! The report as Markdown (CommonMark with pipe tables), for plain-text review and version
//! control. Charts become their text alternative: a Markdown file carries no pictures.

use crate::model::{Block, Report};
use mamori_domain::Lang;
use std::fmt::Write;

/// Backslash-escapes every character CommonMark could read as markup, so a company name such as
/// `*1_#` stays text. Line breaks become spaces: a cell or list item is one line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '(' | ')' | '#' | '+'
            | '-' | '.' | '!' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn markdown(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&report.title));
    if let Some(sub) = &report.subtitle {
        let _ = writeln!(out, "{}\n", escape(sub));
    }
    for (label, value) in report.meta() {
        let _ = writeln!(out, "- {label}: {}", escape(&value));
    }
    for block in &report.blocks {
        out.push('\n');
        match block {
            Block::Heading { level, text } => {
                let marks = "#".repeat(usize::from((*level).clamp(1, 4)) + 1);
                let _ = writeln!(out, "{marks} {}", escape(text));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "{}", escape(p));
            }
            Block::Figures(figures) => {
                for f in figures {
                    let note = f
                        .note
                        .as_deref()
                        .map(|n| match report.lang {
                            Lang::Ja => format!("（{}）", escape(n)),
                            // Full-width brackets are Japanese punctuation; English gets its own.
                            Lang::En => format!(" ({})", escape(n)),
                        })
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "- **{}**: {}{note}",
                        escape(&f.label),
                        escape(&f.value)
                    );
                }
            }
            Block::Table(t) => {
                let row = |cells: &[String]| {
                    let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                    format!("| {} |", cells.join(" | "))
                };
                let _ = writeln!(out, "{}", row(&t.header));
                let _ = writeln!(out, "|{}", " --- |".repeat(t.header.len().max(1)));
                for r in &t.rows {
                    let _ = writeln!(out, "{}", row(r));
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", escape(item));
                }
            }
            Block::Steps(items) => {
                for (i, item) in items.iter().enumerate() {
                    let _ = writeln!(out, "{}. {}", i + 1, escape(item));
                }
            }
            Block::Chart(c) => {
                let figure = match report.lang {
                    Lang::Ja => "図",
                    Lang::En => "Figure",
                };
                let _ = writeln!(out, "> {figure}: {}", escape(&c.alt));
            }
            Block::PageBreak => out.push_str("---\n"),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{Figure, Table};
    use time::macros::date;

    pub(crate) fn sample() -> Report {
        Report {
            lang: Lang::Ja,
            title: "診断結果".to_owned(),
            subtitle: Some("5分でできる自社診断".to_owned()),
            company: "*株式会社 <まもり> & #1_".to_owned(),
            date: date!(2026 - 12 - 07),
            blocks: vec![
                Block::Heading {
                    level: 1,
                    text: "総合評価".to_owned(),
                },
                Block::Figures(vec![Figure {
                    label: "合計点".to_owned(),
                    value: "62".to_owned(),
                    note: Some("100点満点".to_owned()),
                }]),
                Block::Table(Table {
                    name: "parts".to_owned(),
                    header: vec!["分野".to_owned(), "点数".to_owned()],
                    rows: vec![vec!["基本的対策 | 共通".to_owned(), "20".to_owned()]],
                    widths: Vec::new(),
                }),
                Block::Steps(vec!["パスワードを強くする".to_owned()]),
            ],
        }
    }

    #[test]
    fn the_model_becomes_headings_lists_and_a_pipe_table() {
        let md = markdown(&sample());
        assert!(md.starts_with("# 診断結果\n"), "{md}");
        assert!(md.contains("- 作成日: 2026年12月7日"), "{md}");
        assert!(md.contains("## 総合評価"), "{md}");
        assert!(md.contains("- **合計点**: 62（100点満点）"), "{md}");
        assert!(md.contains("| 分野 | 点数 |\n| --- | --- |\n"), "{md}");
        assert!(
            md.contains("1\\. パスワードを強くする") || md.contains("1. パスワードを強くする"),
            "{md}"
        );
    }

    #[test]
    fn an_english_figure_note_is_in_ascii_brackets() {
        let mut report = sample();
        report.lang = Lang::En;
        report.blocks[1] = Block::Figures(vec![Figure {
            label: "Total".to_owned(),
            value: "62".to_owned(),
            note: Some("out of 100".to_owned()),
        }]);
        let md = markdown(&report);
        assert!(md.contains("- **Total**: 62 (out of 100)"), "{md}");
    }

    #[test]
    fn markup_in_user_text_is_escaped() {
        let md = markdown(&sample());
        assert!(md.contains(r"\*株式会社 \<まもり\> \& \#1\_"), "{md}");
        assert!(md.contains(r"基本的対策 \| 共通"), "{md}");
    }
}
