//! The SVG writer: escaping, compact numbers, the document frame every chart shares.

use std::fmt::Write;

use crate::text::Wrapped;

/// Formats a coordinate or a value with at most two decimals and no trailing zeros, so the output
/// stays small and byte-for-byte stable; `-0` becomes `0` and non-finite numbers `0`, because
/// neither may reach an attribute.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let mut s = format!("{v:.2}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_owned();
    }
    s
}

/// Escapes for both text and attribute values. Characters XML 1.0 forbids (most C0 controls,
/// lone surrogates cannot occur in a `str`, U+FFFE/U+FFFF) are dropped: one stray control
/// character in a company name must not make the whole page's SVG unparseable.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t'
            | '\n'
            | '\r'
            | '\u{20}'..='\u{D7FF}'
            | '\u{E000}'..='\u{FFFD}'
            | '\u{10000}'.. => out.push(c),
            _ => {}
        }
    }
}

/// Keeps ids usable inside `aria-labelledby` (space separated) and `url(#…)` references.
pub(crate) fn clean_id(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "chart".to_owned()
    } else {
        cleaned
    }
}

/// An SVG fragment being written. Elements are opened with [`Svg::el`] and finished by one of
/// [`El::close`], [`El::open`] or [`El::text`].
#[derive(Default)]
pub(crate) struct Svg {
    out: String,
}

pub(crate) struct El<'a> {
    out: &'a mut String,
    name: &'static str,
}

impl Svg {
    pub(crate) fn el(&mut self, name: &'static str) -> El<'_> {
        self.out.push('<');
        self.out.push_str(name);
        El {
            out: &mut self.out,
            name,
        }
    }

    pub(crate) fn end(&mut self, name: &'static str) {
        let _ = write!(self.out, "</{name}>");
    }

    /// Writes a possibly multi-line label. `y` is the baseline of the first line; a truncated
    /// label carries its full text as a tooltip, since the visible one lost words.
    pub(crate) fn label(&mut self, l: &Label<'_>, text: &Wrapped) {
        let mut el = self
            .el("text")
            .attr("class", l.class)
            .num("x", l.x)
            .num("y", l.y)
            .num("font-size", l.size)
            .attr("text-anchor", l.anchor)
            .attr("fill", l.fill);
        if l.bold {
            el = el.attr("font-weight", "bold");
        }
        if l.halo {
            el = el
                .attr("stroke", "#ffffff")
                .attr("stroke-width", "3")
                .attr("stroke-linejoin", "round")
                .attr("paint-order", "stroke");
        }
        el.open();
        if text.truncated {
            self.el("title").text(&text.full);
        }
        if let [only] = text.lines.as_slice() {
            escape_into(&mut self.out, only);
        } else {
            for (i, line) in text.lines.iter().enumerate() {
                let dy = if i == 0 { 0.0 } else { l.line_height };
                self.el("tspan").num("x", l.x).num("dy", dy).text(line);
            }
        }
        self.end("text");
    }
}

impl El<'_> {
    pub(crate) fn attr(self, name: &str, value: &str) -> Self {
        let _ = write!(self.out, " {name}=\"");
        escape_into(self.out, value);
        self.out.push('"');
        self
    }

    pub(crate) fn num(self, name: &str, value: f64) -> Self {
        let _ = write!(self.out, " {name}=\"{}\"", num(value));
        self
    }

    /// Finishes an empty element.
    pub(crate) fn close(self) {
        self.out.push_str("/>");
    }

    /// Finishes the start tag; the caller writes children and then [`Svg::end`].
    pub(crate) fn open(self) {
        self.out.push('>');
    }

    /// Finishes the element with escaped text content.
    pub(crate) fn text(self, content: &str) {
        self.out.push('>');
        escape_into(self.out, content);
        let _ = write!(self.out, "</{}>", self.name);
    }
}

/// How a text element is placed and painted.
pub(crate) struct Label<'a> {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub line_height: f64,
    pub anchor: &'static str,
    pub class: &'a str,
    pub fill: &'a str,
    pub bold: bool,
    /// A white outline under the glyphs, for labels drawn over grid lines or data.
    pub halo: bool,
}

impl<'a> Label<'a> {
    pub(crate) fn new(x: f64, y: f64, size: f64, anchor: &'static str, class: &'a str) -> Self {
        Label {
            x,
            y,
            size,
            line_height: size * 1.25,
            anchor,
            class,
            fill: crate::style::INK,
            bold: false,
            halo: false,
        }
    }
}

/// Points list for `polygon`/`polyline`.
pub(crate) fn points(pts: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (i, (x, y)) in pts.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        let _ = write!(s, "{},{}", num(*x), num(*y));
    }
    s
}

/// The frame every chart shares: viewBox only (it scales to its container), the accessible name
/// and description first, text inheriting the page's font.
#[derive(Clone, Copy)]
pub(crate) struct Frame<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub width: f64,
    pub height: f64,
}

impl Frame<'_> {
    pub(crate) fn finish(&self, body: Svg) -> String {
        let id = clean_id(self.id);
        let mut doc = Svg::default();
        doc.el("svg")
            .attr("xmlns", "http://www.w3.org/2000/svg")
            .attr(
                "viewBox",
                &format!("0 0 {} {}", num(self.width), num(self.height)),
            )
            .attr("preserveAspectRatio", "xMidYMid meet")
            .attr("role", "img")
            .attr("aria-labelledby", &format!("{id}-title {id}-desc"))
            .attr("class", &format!("chart chart-{}", self.kind))
            .attr("font-family", "inherit")
            .open();
        doc.el("title")
            .attr("id", &format!("{id}-title"))
            .text(self.title);
        doc.el("desc")
            .attr("id", &format!("{id}-desc"))
            .text(self.description);
        doc.out.push_str(&body.out);
        doc.end("svg");
        doc.out
    }

    /// A chart without data still has its accessible name and says so in visible text.
    pub(crate) fn empty(&self, text: &str) -> String {
        let height = 120.0;
        let mut body = Svg::default();
        body.el("rect")
            .attr("class", "chart-empty-frame")
            .num("x", 0.5)
            .num("y", 0.5)
            .num("width", self.width - 1.0)
            .num("height", height - 1.0)
            .attr("fill", "none")
            .attr("stroke", crate::style::GRID)
            .attr("stroke-dasharray", "4 3")
            .close();
        let size = 14.0;
        let wrapped = crate::text::wrap(text, self.width - 40.0, size, 2);
        let mut l = Label::new(self.width / 2.0, 0.0, size, "middle", "chart-empty");
        l.fill = crate::style::MUTED;
        l.y = crate::text::first_baseline(height / 2.0, wrapped.lines.len(), &l);
        body.label(&l, &wrapped);
        Frame { height, ..*self }.finish(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_at_most_two_decimals_and_never_read_minus_zero() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(2.5), "2.5");
        assert_eq!(num(1.0 / 3.0), "0.33");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(-0.0), "0");
        assert_eq!(num(-12.345_6), "-12.35");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(100.0), "100");
    }

    #[test]
    fn escaping_covers_the_five_xml_specials_and_drops_forbidden_controls() {
        let mut out = String::new();
        escape_into(&mut out, "a&b<c>d\"e'f\u{1}g");
        assert_eq!(out, "a&amp;b&lt;c&gt;d&quot;e&apos;fg");
    }

    #[test]
    fn ids_are_reduced_to_characters_safe_in_id_lists_and_urls() {
        assert_eq!(clean_id("score radar#1"), "score-radar-1");
        assert_eq!(clean_id(""), "chart");
    }
}
