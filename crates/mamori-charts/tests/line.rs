mod common;

use common::*;
use mamori_charts::{Guide, Line, SeriesKind, line};
use roxmltree::{Document, Node};

fn history(values: &[Option<f64>]) -> Line {
    Line {
        id: "hist".into(),
        title: "点数の推移".into(),
        description: "合計点の推移".into(),
        x_labels: (1..=values.len()).map(|m| format!("2026/{m:02}")).collect(),
        min: 0.0,
        max: 100.0,
        ticks: vec![0.0, 50.0, 100.0],
        series: vec![series("合計点", SeriesKind::Current, values)],
        guides: vec![Guide {
            value: 70.0,
            label: "良好".into(),
        }],
        empty_text: "まだ履歴がありません".into(),
    }
}

/// The y of a value on the drawn scale, read from the tick labels (drawn 0.35em below it).
fn tick_y(doc: &Document, value: &str) -> f64 {
    let tick = texts(doc, value)
        .into_iter()
        .find(|t| has_class(t, "tick-label"))
        .expect("tick label");
    num(&tick, "y") - 0.35 * num(&tick, "font-size")
}

fn x_label<'a, 'i>(doc: &'a Document<'i>, s: &str) -> Option<Node<'a, 'i>> {
    texts(doc, s).into_iter().find(|t| has_class(t, "x-label"))
}

fn markers<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    let group = with_class(doc, class)
        .into_iter()
        .find(|n| n.has_tag_name("g"))
        .expect("series");
    group
        .children()
        .filter(|n| has_class(n, "marker"))
        .collect()
}

fn path<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Option<Node<'a, 'i>> {
    let group = with_class(doc, class)
        .into_iter()
        .find(|n| n.has_tag_name("g"))
        .expect("series");
    group
        .children()
        .find(|n| n.has_tag_name("path") && !has_class(n, "marker"))
}

#[test]
fn a_line_chart_is_well_formed_svg_named_by_its_title_and_description() {
    let svg = line(&history(&[Some(40.0), Some(55.0), Some(70.0)]));
    assert_accessible_frame(&svg, "hist", "chart chart-line");
    assert_compact_numbers(&svg);
}

#[test]
fn points_sit_over_their_x_labels_at_their_height_on_the_scale() {
    let values = [Some(40.0), Some(55.0), Some(100.0), Some(0.0)];
    let svg = line(&history(&values));
    let doc = parse(&svg);
    let (y0, y100) = (tick_y(&doc, "0"), tick_y(&doc, "100"));
    let marks = markers(&doc, "series-current");
    assert_eq!(marks.len(), 4);
    for (i, (mark, v)) in marks.iter().zip(values).enumerate() {
        let label = x_label(&doc, &format!("2026/{:02}", i + 1)).expect("label");
        let expected = (num(&label, "x"), y0 + (y100 - y0) * v.unwrap() / 100.0);
        assert_near((num(mark, "cx"), num(mark, "cy")), expected);
    }
    let d = path(&doc, "series-current")
        .unwrap()
        .attribute("d")
        .unwrap()
        .to_owned();
    assert_eq!(d.matches('M').count(), 1);
    assert_eq!(d.matches('L').count(), 3);
}

#[test]
fn points_are_evenly_spaced_from_oldest_to_newest() {
    let svg = line(&history(&[Some(1.0), Some(2.0), Some(3.0)]));
    let doc = parse(&svg);
    let xs: Vec<f64> = markers(&doc, "series-current")
        .iter()
        .map(|m| num(m, "cx"))
        .collect();
    assert!(xs[0] < xs[1] && xs[1] < xs[2]);
    assert!(((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() < 0.02);
}

#[test]
fn values_outside_the_range_are_clamped_to_the_plot() {
    let svg = line(&history(&[Some(180.0), Some(-5.0)]));
    let doc = parse(&svg);
    let marks = markers(&doc, "series-current");
    assert!((num(&marks[0], "cy") - tick_y(&doc, "100")).abs() < 0.01);
    assert!((num(&marks[1], "cy") - tick_y(&doc, "0")).abs() < 0.01);
}

#[test]
fn a_missing_value_breaks_the_line_into_separate_stretches() {
    let svg = line(&history(&[
        Some(40.0),
        Some(50.0),
        None,
        Some(60.0),
        Some(f64::NAN),
        Some(65.0),
        Some(70.0),
    ]));
    let doc = parse(&svg);
    let d = path(&doc, "series-current")
        .unwrap()
        .attribute("d")
        .unwrap()
        .to_owned();
    // 40–50 and 65–70 are lines; 60 stands alone and is only a marker.
    assert_eq!(d.matches('M').count(), 2);
    assert_eq!(d.matches('L').count(), 2);
    assert_eq!(markers(&doc, "series-current").len(), 5);
}

#[test]
fn a_single_point_renders_as_a_marker_in_the_middle() {
    let svg = line(&history(&[Some(50.0)]));
    let doc = parse(&svg);
    assert!(path(&doc, "series-current").is_none());
    let marks = markers(&doc, "series-current");
    assert_eq!(marks.len(), 1);
    assert_near(
        (num(&marks[0], "cx"), 0.0),
        (num(&x_label(&doc, "2026/01").unwrap(), "x"), 0.0),
    );
}

#[test]
fn guides_are_drawn_at_their_value_with_their_label_and_left_out_beyond_the_range() {
    let mut chart = history(&[Some(40.0), Some(80.0)]);
    chart.guides.push(Guide {
        value: 150.0,
        label: "範囲外".into(),
    });
    let svg = line(&chart);
    let doc = parse(&svg);
    let guides: Vec<_> = with_class(&doc, "guide");
    assert_eq!(guides.len(), 1);
    let expected = tick_y(&doc, "0") + (tick_y(&doc, "100") - tick_y(&doc, "0")) * 0.7;
    assert!((num(&guides[0], "y1") - expected).abs() < 0.01);
    assert_eq!(texts(&doc, "良好").len(), 1);
    assert!(texts(&doc, "範囲外").is_empty());
}

#[test]
fn crowded_x_labels_are_thinned_but_the_newest_is_always_shown() {
    let svg = line(&history(&[Some(50.0); 40]));
    let doc = parse(&svg);
    let shown = with_class(&doc, "x-label");
    assert!(shown.len() < 40 && shown.len() > 3);
    assert!(x_label(&doc, "2026/40").is_some());
    let xs: Vec<f64> = shown.iter().map(|t| num(t, "x")).collect();
    assert!(xs.windows(2).all(|w| w[1] - w[0] > 7.0 * 11.0 * 0.55));
}

#[test]
fn two_series_get_a_legend_and_different_dash_patterns() {
    let mut chart = history(&[Some(40.0), Some(50.0)]);
    chart.series.push(series(
        "同業種の平均",
        SeriesKind::Peer,
        &[Some(45.0), Some(47.0)],
    ));
    let svg = line(&chart);
    let doc = parse(&svg);
    assert_eq!(with_class(&doc, "legend").len(), 1);
    assert_eq!(
        path(&doc, "series-current")
            .unwrap()
            .attribute("stroke-dasharray"),
        None
    );
    assert!(
        path(&doc, "series-peer")
            .unwrap()
            .attribute("stroke-dasharray")
            .is_some()
    );
}

#[test]
fn a_line_chart_without_values_says_so_in_visible_text() {
    let svg = line(&history(&[None, None]));
    assert_accessible_frame(&svg, "hist", "chart chart-line");
    assert_eq!(texts(&parse(&svg), "まだ履歴がありません").len(), 1);
    let svg = line(&history(&[]));
    assert_eq!(texts(&parse(&svg), "まだ履歴がありません").len(), 1);
}

#[test]
fn user_text_in_a_line_chart_is_escaped() {
    let mut chart = history(&[Some(1.0), Some(2.0)]);
    chart.x_labels[0] = HOSTILE.into();
    chart.guides[0].label = HOSTILE.into();
    assert_escaped(&line(&chart));
    let mut empty = history(&[]);
    empty.empty_text = HOSTILE.into();
    assert_escaped(&line(&empty));
}

#[test]
fn a_line_chart_renders_the_same_bytes_every_time() {
    let chart = history(&[Some(1.0 / 3.0), None, Some(66.666)]);
    assert_eq!(line(&chart), line(&chart.clone()));
}
