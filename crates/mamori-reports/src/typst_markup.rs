//! The report as Typst markup. Every text from the model enters as a Typst string literal
//! (`#"…";`), never as markup, so a company called `*株式会社 #1_[テスト]*` prints as typed
//! instead of turning bold, starting a function call or breaking the document.

use crate::font::FAMILY;
use crate::model::{Block, Figure, Report, Table};
use mamori_domain::Lang;
use std::fmt::Write;

/// `text` as a Typst string literal, quotes included: backslash and double quote escaped,
/// control characters as `\u{…}`. Everything else (`#`, `*`, `$`, `[`, `<`, `@`, …) has no
/// meaning inside a string literal, so it stays as it is.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text placed in markup: the literal as an embedded expression, closed by `;` so whatever
/// markup follows (even `.` and a letter) cannot continue the expression.
fn text(s: &str) -> String {
    format!("#{};", typst_string(s))
}

/// The file name Typst asks the world for when it places the `index`th chart. Names repeat
/// from report to report on purpose: Typst interns every file id for the life of the process.
pub fn chart_path(index: usize) -> String {
    format!("/chart-{index}.svg")
}

const PREAMBLE: &str = r##"#set page(
  paper: "a4",
  margin: (x: 18mm, top: 18mm, bottom: 20mm),
  footer: context align(center, text(size: 8pt, fill: luma(90),
    counter(page).display("1 / 1", both: true))),
)
#set par(justify: true, leading: 0.75em, spacing: 1em)
#set heading(numbering: none)
#show heading: set block(above: 1.4em, below: 0.7em)
#show heading.where(level: 1): set text(size: 13pt, fill: rgb("#1a3a5c"))
#show heading.where(level: 1): it => block(width: 100%, stroke: (bottom: 0.6pt + rgb("#1a3a5c")), inset: (bottom: 3pt), it.body)
#show heading.where(level: 2): set text(size: 11pt)
#set table(stroke: 0.5pt + luma(160), inset: (x: 5pt, y: 4pt))
#set table.cell(breakable: false)
#show table: set par(justify: false)
#show table.cell.where(y: 0): set text(fill: white)
#set list(indent: 0.5em)
#set enum(indent: 0.5em)
"##;

/// The whole document: settings, the title block, then every block in order.
pub fn markup(report: &Report) -> String {
    let mut out = String::new();
    let (lang, size) = match report.lang {
        Lang::Ja => ("ja", "9.5pt"),
        Lang::En => ("en", "10pt"),
    };
    let _ = writeln!(out, "#set document(title: {})", typst_string(&report.title));
    let _ = writeln!(
        out,
        "#set text(font: \"{FAMILY}\", size: {size}, lang: \"{lang}\", hyphenate: false, cjk-latin-spacing: none)"
    );
    out.push_str(PREAMBLE);
    title_block(&mut out, report);
    let mut chart = 0;
    for block in &report.blocks {
        match block {
            Block::Heading { level, text: t } => {
                let marks = "=".repeat(usize::from((*level).clamp(1, 3)));
                let _ = writeln!(out, "\n{marks} {}\n", text(t));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "\n{}\n", text(p));
            }
            Block::Figures(figures) => self::figures(&mut out, figures),
            Block::Table(t) => table(&mut out, t),
            Block::Bullets(items) => {
                out.push('\n');
                for item in items {
                    let _ = writeln!(out, "- {}", text(item));
                }
                out.push('\n');
            }
            Block::Steps(items) => {
                out.push('\n');
                for item in items {
                    let _ = writeln!(out, "+ {}", text(item));
                }
                out.push('\n');
            }
            Block::Chart(c) => {
                let _ = writeln!(
                    out,
                    "\n#align(center, image({}, width: {}%, alt: {}))\n",
                    typst_string(&chart_path(chart)),
                    c.width_percent.clamp(1, 100),
                    typst_string(&c.alt)
                );
                chart += 1;
            }
            Block::PageBreak => out.push_str("\n#pagebreak(weak: true)\n"),
        }
    }
    out
}

fn title_block(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "#block(below: 1.2em)[#text(size: 18pt, fill: rgb(\"#1a3a5c\"))[{}]",
        text(&report.title)
    );
    if let Some(sub) = &report.subtitle {
        let _ = writeln!(out, "\\\n#text(size: 11pt)[{}]", text(sub));
    }
    out.push_str("]\n#grid(columns: (auto, 1fr), column-gutter: 1em, row-gutter: 0.5em,\n");
    for (label, value) in report.meta() {
        let _ = writeln!(
            out,
            "  text(fill: luma(80), {}), text({}),",
            typst_string(label),
            typst_string(&value)
        );
    }
    out.push_str(")\n");
}

fn figures(out: &mut String, figures: &[Figure]) {
    if figures.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n#grid(columns: ({}), column-gutter: 8pt,",
        vec!["1fr"; figures.len()].join(", ")
    );
    for f in figures {
        let note = f
            .note
            .as_deref()
            .map(|n| format!("\\\n#text(size: 8pt)[{}]", text(n)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  block(width: 100%, fill: luma(243), radius: 3pt, inset: 8pt)[#text(size: 8pt, fill: luma(70))[{}]\\\n#text(size: 20pt, fill: rgb(\"#1a3a5c\"))[{}]{note}],",
            text(&f.label),
            text(&f.value)
        );
    }
    out.push_str(")\n");
}

fn table(out: &mut String, t: &Table) {
    let columns = t.header.len().max(1);
    let widths: Vec<String> = if t.widths.len() == columns {
        t.widths
            .iter()
            .map(|w| format!("{}fr", w.max(&1)))
            .collect()
    } else {
        vec!["1fr".to_owned(); columns]
    };
    let _ = writeln!(
        out,
        "\n#table(columns: ({},), fill: (_, y) => if y == 0 {{ rgb(\"#1a3a5c\") }} else if calc.even(y) {{ luma(246) }},",
        widths.join(", ")
    );
    out.push_str("  table.header(");
    for h in &t.header {
        let _ = write!(out, "[{}], ", text(h));
    }
    out.push_str("),\n");
    for row in &t.rows {
        out.push_str("  ");
        for i in 0..columns {
            let cell = row.get(i).map_or("", String::as_str);
            let _ = write!(out, "[{}], ", text(cell));
        }
        out.push('\n');
    }
    out.push_str(")\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_stay_literal_inside_a_typst_string() {
        let nasty = "#let x = 1 *bold* _em_ $x^2$ [link] <label> @ref `raw` ~ // 株式会社";
        assert_eq!(typst_string(nasty), format!("\"{nasty}\""));
    }

    #[test]
    fn backslashes_and_quotes_are_escaped_so_the_literal_cannot_end_early() {
        assert_eq!(typst_string(r#"a\b"c"#), r#""a\\b\"c""#);
        assert_eq!(typst_string("\\\""), r#""\\\"""#);
    }

    #[test]
    fn line_breaks_and_control_characters_become_escapes() {
        assert_eq!(typst_string("1行目\n2行目\t"), "\"1行目\\n2行目\\t\"");
        assert_eq!(typst_string("a\u{7}b"), "\"a\\u{7}b\"");
    }

    #[test]
    fn text_in_markup_ends_its_expression_with_a_semicolon() {
        assert_eq!(text("株式会社.abc"), "#\"株式会社.abc\";");
    }
}
