//! Helpers shared by the chart tests: parsing the output and finding its parts.

#![allow(dead_code)] // each test file uses a different subset

use mamori_charts::{Series, SeriesKind};
use roxmltree::{Document, Node};

pub const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{svg}"))
}

/// The frame every chart must have: title and desc first, wired to aria-labelledby, a viewBox
/// and no fixed size.
pub fn assert_accessible_frame(svg: &str, id: &str, class: &str) {
    let doc = parse(svg);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some(SVG_NS));
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("class"), Some(class));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some(format!("{id}-title {id}-desc").as_str())
    );
    assert!(root.attribute("viewBox").is_some());
    assert!(root.attribute("preserveAspectRatio").is_some());
    assert_eq!(root.attribute("width"), None);
    assert_eq!(root.attribute("height"), None);
    let children: Vec<Node> = root.children().filter(Node::is_element).collect();
    assert_eq!(children[0].tag_name().name(), "title");
    assert_eq!(
        children[0].attribute("id"),
        Some(format!("{id}-title").as_str())
    );
    assert_eq!(children[1].tag_name().name(), "desc");
    assert_eq!(
        children[1].attribute("id"),
        Some(format!("{id}-desc").as_str())
    );
}

const GEOMETRY: [&str; 17] = [
    "viewBox",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "width",
    "height",
    "points",
    "d",
    "dy",
    "font-size",
    "stroke-width",
];

/// Every number in every geometry attribute has at most two decimals and none reads "-0".
pub fn assert_compact_numbers(svg: &str) {
    let doc = parse(svg);
    for node in doc.descendants().filter(Node::is_element) {
        for attr in node.attributes().filter(|a| GEOMETRY.contains(&a.name())) {
            for token in attr
                .value()
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            {
                if let Some((_, decimals)) = token.split_once('.') {
                    assert!(decimals.len() <= 2, "{}=\"{}\"", attr.name(), attr.value());
                }
                assert!(
                    token != "-0" && !token.starts_with("-0."),
                    "{}=\"{}\"",
                    attr.name(),
                    attr.value()
                );
            }
        }
    }
}

pub fn has_class(node: &Node, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|part| part == class))
}

pub fn with_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && has_class(n, class))
        .collect()
}

/// All text drawn inside `node` (tooltips excluded).
pub fn drawn_text(node: &Node) -> String {
    node.descendants()
        .filter(|n| n.is_text() && n.parent().is_some_and(|p| p.tag_name().name() != "title"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `<text>` elements whose drawn text is exactly `s`.
pub fn texts<'a, 'i>(doc: &'a Document<'i>, s: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && drawn_text(n) == s)
        .collect()
}

pub fn num(node: &Node, attr: &str) -> f64 {
    node.attribute(attr)
        .unwrap_or_else(|| panic!("no {attr} on {node:?}"))
        .parse()
        .unwrap_or_else(|e| panic!("{attr} on {node:?}: {e}"))
}

pub fn points(node: &Node) -> Vec<(f64, f64)> {
    node.attribute("points")
        .expect("points")
        .split(' ')
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

pub fn assert_near(actual: (f64, f64), expected: (f64, f64)) {
    assert!(
        (actual.0 - expected.0).abs() <= 0.01 && (actual.1 - expected.1).abs() <= 0.01,
        "{actual:?} is not {expected:?}"
    );
}

pub fn series(name: &str, kind: SeriesKind, values: &[Option<f64>]) -> Series {
    Series {
        name: name.to_owned(),
        values: values.to_vec(),
        kind,
    }
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

pub const HOSTILE: &str = "<script>alert('x')</script> & \"co\"";

/// The hostile text appears only escaped in the output, and reads back intact.
pub fn assert_escaped(svg: &str) {
    assert!(!svg.contains("<script"), "unescaped markup in:\n{svg}");
    assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;co&quot;"));
    let doc = parse(svg);
    assert!(doc.descendants().any(|n| n.text() == Some(HOSTILE)));
}
