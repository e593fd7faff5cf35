//! The report as one self-contained HTML page for printing: every text escaped, the charts as
//! inline SVG, and an A4 print stylesheet (table headers repeat on each page, headings stay with
//! what follows).

use crate::model::{Block, Report};
use mamori_domain::Lang;
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: "IPAexGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif;
  font-size: 10pt; line-height: 1.7; color: #1b1b1b; max-width: 180mm; margin: 1.5em auto; }
h1 { font-size: 18pt; color: #1a3a5c; margin: 0; }
h2 { font-size: 13pt; color: #1a3a5c; border-bottom: 1px solid #1a3a5c; margin-top: 1.6em; }
h3 { font-size: 11pt; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.subtitle { font-size: 11pt; margin: 0.2em 0 0.8em; }
dl.meta { display: grid; grid-template-columns: auto 1fr; gap: 0.2em 1em; }
dl.meta dt { color: #555; } dl.meta dd { margin: 0; }
.figures { display: flex; gap: 8pt; }
.figure { flex: 1; background: #f1f1f1; border-radius: 3pt; padding: 8pt; }
.figure .label, .figure .note { font-size: 8pt; color: #444; }
.figure .value { display: block; font-size: 20pt; color: #1a3a5c; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
th, td { border: 0.5pt solid #a0a0a0; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #1a3a5c; color: #fff; }
tr:nth-child(even) td { background: #f6f6f6; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
figure.chart { text-align: center; margin: 1em 0; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
.page-break { break-after: page; page-break-after: always; }
@page { size: A4; margin: 18mm 18mm 20mm; }
@media print { body { margin: 0; max-width: none; } }
"#;

pub fn html(report: &Report) -> String {
    let lang = match report.lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&report.title),
        escape(&report.title)
    );
    if let Some(sub) = &report.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(sub));
    }
    out.push_str("<dl class=\"meta\">\n");
    for (label, value) in report.meta() {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", escape(&value));
    }
    out.push_str("</dl>\n");
    for block in &report.blocks {
        match block {
            Block::Heading { level, text } => {
                let h = (*level).clamp(1, 4) + 1;
                let _ = writeln!(out, "<h{h}>{}</h{h}>", escape(text));
            }
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", escape(p));
            }
            Block::Figures(figures) => {
                out.push_str("<div class=\"figures\">\n");
                for f in figures {
                    let note = f
                        .note
                        .as_deref()
                        .map(|n| format!("<span class=\"note\">{}</span>", escape(n)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "<div class=\"figure\"><span class=\"label\">{}</span><span class=\"value\">{}</span>{note}</div>",
                        escape(&f.label),
                        escape(&f.value)
                    );
                }
                out.push_str("</div>\n");
            }
            Block::Table(t) => {
                out.push_str("<table>\n<thead><tr>");
                for h in &t.header {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", escape(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", escape(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Bullets(items) | Block::Steps(items) => {
                let tag = if matches!(block, Block::Steps(_)) {
                    "ol"
                } else {
                    "ul"
                };
                let _ = writeln!(out, "<{tag}>");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(item));
                }
                let _ = writeln!(out, "</{tag}>");
            }
            // The SVG comes from mamori-charts, which escapes every text it draws.
            Block::Chart(c) => {
                let _ = writeln!(out, "<figure class=\"chart\">{}</figure>", c.svg);
            }
            Block::PageBreak => out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::tests::sample;

    #[test]
    fn user_text_is_escaped_and_the_page_has_an_a4_print_stylesheet() {
        let page = html(&sample());
        assert!(page.contains("<html lang=\"ja\">"));
        assert!(
            page.contains("*株式会社 &lt;まもり&gt; &amp; #1_"),
            "{page}"
        );
        assert!(!page.contains("<まもり>"));
        assert!(page.contains("@page { size: A4"));
        assert!(page.contains("thead { display: table-header-group; }"));
    }

    #[test]
    fn tables_have_a_header_row_and_figures_their_label() {
        let page = html(&sample());
        assert!(page.contains(
            "<thead><tr><th scope=\"col\">分野</th><th scope=\"col\">点数</th></tr></thead>"
        ));
        assert!(
            page.contains("<span class=\"label\">合計点</span><span class=\"value\">62</span>")
        );
        assert!(page.contains("<h2>総合評価</h2>"));
        assert!(page.contains("<dt>作成日</dt><dd>2026年12月7日</dd>"));
    }
}
