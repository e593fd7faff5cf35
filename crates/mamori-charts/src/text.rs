//! Label widths and wrapping without a font: the server never sees the font the browser or PDF
//! will use, so widths are estimated (wide CJK characters ~1em, the rest ~0.55em), erring wide.

use crate::svg::Label;

/// The visible lines of a label; `full` keeps the original when words were cut off.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Wrapped {
    pub lines: Vec<String>,
    pub truncated: bool,
    pub full: String,
}

const ELLIPSIS: char = '…';

/// Characters drawn one em wide in Japanese fonts: CJK ideographs, kana, Hangul, full-width
/// forms and CJK punctuation. The ellipsis counts too, since Japanese fonts draw it full width.
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2026}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

pub(crate) fn char_width(c: char, size: f64) -> f64 {
    if is_wide(c) { size } else { size * 0.55 }
}

pub(crate) fn width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| char_width(c, size)).sum()
}

/// Japanese line breaking (kinsoku) in its simplest form: these never start a line…
fn no_line_start(c: char) -> bool {
    "、。，．,.）」』】〕〉》！？!?)]ー・：；ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
        .contains(c)
}

/// …and these never end one.
fn no_line_end(c: char) -> bool {
    "（「『【〔〈《([".contains(c)
}

/// Splits into pieces that may not be broken inside: an ASCII word, or one wide character with
/// the punctuation glued to it by the kinsoku rules. Whitespace becomes a single " " piece.
fn pieces(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut glue_next = false;
    let mut in_word = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !matches!(out.last(), Some(p) if p == " ") && !out.is_empty() {
                out.push(" ".to_owned());
            }
            in_word = false;
            glue_next = false;
            continue;
        }
        let attach = glue_next
            || (no_line_start(c) && matches!(out.last(), Some(p) if p != " "))
            || (in_word && !is_wide(c));
        match out.last_mut() {
            Some(last) if attach => last.push(c),
            _ => out.push(c.to_string()),
        }
        in_word = !is_wide(c);
        glue_next = no_line_end(c);
    }
    if matches!(out.last(), Some(p) if p == " ") {
        out.pop();
    }
    out
}

/// Wraps `s` into at most `max_lines` lines no wider than `max_width`; a label that does not fit
/// ends in "…" (the full text is in the page's table alternative and in the tooltip).
pub(crate) fn wrap(s: &str, max_width: f64, size: f64, max_lines: usize) -> Wrapped {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0.0;
    let mut pending_space = false;
    for piece in pieces(s) {
        if piece == " " {
            pending_space = !cur.is_empty();
            continue;
        }
        let w = width(&piece, size);
        let space_w = if pending_space {
            char_width(' ', size)
        } else {
            0.0
        };
        if cur_w + space_w + w <= max_width {
            if pending_space {
                cur.push(' ');
            }
            cur.push_str(&piece);
            cur_w += space_w + w;
        } else if w <= max_width {
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            cur.push_str(&piece);
            cur_w = w;
        } else {
            // A piece wider than a whole line (a long URL, a long word) is cut by characters.
            if pending_space && cur_w + space_w < max_width {
                cur.push(' ');
                cur_w += space_w;
            }
            for c in piece.chars() {
                let cw = char_width(c, size);
                if cur_w + cw > max_width && !cur.is_empty() {
                    lines.push(std::mem::take(&mut cur));
                    cur_w = 0.0;
                }
                cur.push(c);
                cur_w += cw;
            }
        }
        pending_space = false;
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    let truncated = lines.len() > max_lines;
    if truncated {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            *last = ellipsize(last, max_width, size);
        }
    }
    Wrapped {
        lines,
        truncated,
        full: s.to_owned(),
    }
}

/// Shortens `s` until it and a trailing "…" fit into `max_width` (always keeping the "…").
fn ellipsize(s: &str, max_width: f64, size: f64) -> String {
    let room = max_width - char_width(ELLIPSIS, size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in s.chars() {
        let cw = char_width(c, size);
        if w + cw > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out.push(ELLIPSIS);
    out
}

/// The baseline of the first line of a block of `n` lines centred on `centre_y`. 0.35em below a
/// line's middle looks centred for both kana and Latin digits.
pub(crate) fn first_baseline(centre_y: f64, n: usize, l: &Label<'_>) -> f64 {
    let top = centre_y - n as f64 * l.line_height / 2.0;
    top + l.line_height / 2.0 + 0.35 * l.size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kanji_count_as_one_em_and_ascii_as_a_little_over_half() {
        assert_eq!(width("対策", 10.0), 20.0);
        assert!((width("ab", 10.0) - 11.0).abs() < 1e-9);
    }

    #[test]
    fn japanese_wraps_between_characters_but_never_before_a_closing_mark() {
        // Five characters fit on a line; neither "ー" nor "。" may begin one.
        let w = wrap("パスワード。を強化", 50.0, 10.0, 3);
        assert_eq!(w.lines, ["パスワー", "ド。を強化"]);
        assert!(!w.truncated);
    }

    #[test]
    fn english_wraps_at_spaces() {
        let w = wrap("Identify the assets", 60.0, 10.0, 3);
        assert_eq!(w.lines, ["Identify", "the assets"]);
    }

    #[test]
    fn a_label_longer_than_its_lines_ends_in_an_ellipsis() {
        let w = wrap("情報セキュリティ対策の基本を守ろう", 60.0, 10.0, 2);
        assert_eq!(w.lines.len(), 2);
        assert!(w.lines[1].ends_with('…'));
        assert!(w.truncated);
        assert!(w.lines.iter().all(|l| width(l, 10.0) <= 60.0));
        assert_eq!(w.full, "情報セキュリティ対策の基本を守ろう");
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_by_characters() {
        let w = wrap("https://example.jp/very/long", 40.0, 10.0, 9);
        assert!(w.lines.len() > 1);
        assert!(w.lines.iter().all(|l| width(l, 10.0) <= 40.0));
        assert_eq!(w.lines.concat(), "https://example.jp/very/long");
    }
}
