mod common;

use common::*;
use mamori_charts::{Bars, SeriesKind, bars};
use roxmltree::{Document, Node};

fn tiers(current: &[Option<f64>], targets: Option<Vec<Option<f64>>>) -> Bars {
    Bars {
        id: "gap".into(),
        title: "現在の段階と目標".into(),
        description: "カテゴリ別".into(),
        labels: strings(&["資産管理", "リスクアセスメント", "アクセス制御"]),
        min: 0.0,
        max: 100.0,
        ticks: vec![0.0, 50.0, 100.0],
        series: vec![series("現在", SeriesKind::Current, current)],
        targets,
        target_label: "目標".into(),
        empty_text: "データがありません".into(),
    }
}

/// The x of a value on the drawn scale, read from the tick labels under the rows.
fn tick_x(doc: &Document, value: &str) -> f64 {
    let tick = texts(doc, value)
        .into_iter()
        .find(|t| has_class(t, "tick-label"))
        .expect("tick label");
    num(&tick, "x")
}

fn bar_rects<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    with_class(doc, class)
        .into_iter()
        .filter(|n| n.has_tag_name("rect"))
        .collect()
}

#[test]
fn a_bar_chart_is_well_formed_svg_named_by_its_title_and_description() {
    let svg = bars(&tiers(&[Some(30.0), Some(60.0), Some(90.0)], None));
    assert_accessible_frame(&svg, "gap", "chart chart-bars");
    assert_compact_numbers(&svg);
}

#[test]
fn bar_lengths_are_proportional_to_the_drawn_scale() {
    let svg = bars(&tiers(&[Some(25.0), Some(100.0), Some(0.0)], None));
    let doc = parse(&svg);
    let (x0, x100) = (tick_x(&doc, "0"), tick_x(&doc, "100"));
    let rects = bar_rects(&doc, "series-current");
    assert_eq!(rects.len(), 3);
    for (rect, value) in rects.iter().zip([25.0, 100.0, 0.0]) {
        assert!((num(rect, "x") - x0).abs() < 0.01);
        assert!(
            (num(rect, "width") - (x100 - x0) * value / 100.0).abs() < 0.02,
            "{value}"
        );
    }
}

#[test]
fn each_bar_prints_its_value_at_its_end() {
    let svg = bars(&tiers(&[Some(25.0), Some(62.5), Some(100.0)], None));
    let doc = parse(&svg);
    let rects = bar_rects(&doc, "series-current");
    for (rect, value) in rects.iter().zip(["25", "62.5", "100"]) {
        let label = texts(&doc, value)
            .into_iter()
            .find(|t| has_class(t, "value-label"))
            .expect(value);
        let end = num(rect, "x") + num(rect, "width");
        assert!(
            num(&label, "x") > end && num(&label, "x") < end + 10.0,
            "{value}"
        );
    }
}

#[test]
fn values_outside_the_range_are_drawn_clamped_but_printed_as_given() {
    let svg = bars(&tiers(&[Some(150.0), Some(-20.0), Some(50.0)], None));
    let doc = parse(&svg);
    let (x0, x100) = (tick_x(&doc, "0"), tick_x(&doc, "100"));
    let rects = bar_rects(&doc, "series-current");
    assert!((num(&rects[0], "width") - (x100 - x0)).abs() < 0.01);
    assert!(num(&rects[1], "width").abs() < 0.01);
    assert_eq!(texts(&doc, "150").len(), 1);
    assert_eq!(texts(&doc, "-20").len(), 1);
}

#[test]
fn a_missing_value_has_no_bar_and_a_dash_instead_of_a_number() {
    let svg = bars(&tiers(&[Some(40.0), None, Some(f64::NAN)], None));
    let doc = parse(&svg);
    assert_eq!(bar_rects(&doc, "series-current").len(), 1);
    assert_eq!(with_class(&doc, "value-missing").len(), 2);
}

#[test]
fn a_target_mark_crosses_its_row_at_the_target_value_and_is_named_in_the_legend() {
    let svg = bars(&tiers(
        &[Some(40.0), Some(40.0), Some(40.0)],
        Some(vec![Some(75.0), None, Some(40.0)]),
    ));
    let doc = parse(&svg);
    let (x0, x100) = (tick_x(&doc, "0"), tick_x(&doc, "100"));
    let marks: Vec<_> = with_class(&doc, "target-line")
        .into_iter()
        .filter(|m| !has_class(&m.parent().unwrap(), "legend-item"))
        .collect();
    assert_eq!(marks.len(), 2);
    assert!((num(&marks[0], "x1") - (x0 + (x100 - x0) * 0.75)).abs() < 0.01);
    // The value next to a target at the bar's end moves past the mark instead of under it.
    let value = texts(&doc, "40")
        .into_iter()
        .filter(|t| has_class(t, "value-label"))
        .nth(2)
        .unwrap();
    assert!(num(&value, "x") > num(&marks[1], "x1"));
    let legend = &with_class(&doc, "legend")[0];
    assert!(drawn_text(legend).contains("目標"));
    assert!(drawn_text(legend).contains("現在"));
}

#[test]
fn several_series_share_a_row_with_distinct_fills() {
    let mut chart = tiers(&[Some(40.0), Some(50.0), Some(60.0)], None);
    chart.series.push(series(
        "前回",
        SeriesKind::Previous,
        &[Some(30.0), Some(45.0), Some(20.0)],
    ));
    chart.series.push(series(
        "同業種",
        SeriesKind::Peer,
        &[Some(50.0), Some(50.0), Some(50.0)],
    ));
    let svg = bars(&chart);
    let doc = parse(&svg);
    let current = bar_rects(&doc, "series-current");
    let previous = bar_rects(&doc, "series-previous");
    let peer = bar_rects(&doc, "series-peer");
    assert_eq!((current.len(), previous.len(), peer.len()), (3, 3, 3));
    assert!(num(&previous[0], "y") > num(&current[0], "y"));
    assert!(previous[0].attribute("stroke-dasharray").is_some());
    assert_eq!(peer[0].attribute("fill"), Some("url(#gap-hatch-2)"));
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("pattern") && n.attribute("id") == Some("gap-hatch-2"))
    );
}

#[test]
fn a_long_label_is_cut_with_an_ellipsis_and_keeps_its_full_text_as_a_tooltip() {
    let mut chart = tiers(&[Some(40.0), Some(40.0), Some(40.0)], None);
    let long = "サプライチェーンのサイバーセキュリティリスク管理とその継続的な改善活動の全体";
    chart.labels[0] = long.into();
    let svg = bars(&chart);
    let doc = parse(&svg);
    let label = with_class(&doc, "axis-label").into_iter().next().unwrap();
    assert_eq!(
        label.children().filter(|n| n.has_tag_name("tspan")).count(),
        2
    );
    assert!(drawn_text(&label).ends_with('…'));
    assert_eq!(
        label
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|t| t.text()),
        Some(long)
    );
}

#[test]
fn a_bar_chart_without_values_says_so_in_visible_text() {
    let svg = bars(&tiers(&[None, None, None], None));
    assert_accessible_frame(&svg, "gap", "chart chart-bars");
    assert_eq!(texts(&parse(&svg), "データがありません").len(), 1);
}

#[test]
fn user_text_in_a_bar_chart_is_escaped() {
    let mut chart = tiers(&[Some(1.0), Some(2.0), Some(3.0)], Some(vec![Some(2.0)]));
    chart.description = HOSTILE.into();
    chart.labels[1] = HOSTILE.into();
    chart.target_label = HOSTILE.into();
    assert_escaped(&bars(&chart));
}

#[test]
fn a_bar_chart_renders_the_same_bytes_every_time() {
    let chart = tiers(
        &[Some(12.345), None, Some(99.999)],
        Some(vec![None, Some(33.3)]),
    );
    assert_eq!(bars(&chart), bars(&chart.clone()));
}
