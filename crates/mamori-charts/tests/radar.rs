mod common;

use common::*;
use mamori_charts::{Radar, SeriesKind, radar};

fn five_axes(values: &[Option<f64>]) -> Radar {
    Radar {
        id: "r1".into(),
        title: "5か条".into(),
        description: "5か条の達成度".into(),
        axes: strings(&[
            "更新",
            "ウイルス対策",
            "パスワード",
            "共有設定",
            "手口を知る",
        ]),
        min: 0.0,
        max: 4.0,
        ticks: vec![1.0, 2.0, 3.0, 4.0],
        series: vec![series("今回", SeriesKind::Current, values)],
        empty_text: "回答がありません".into(),
    }
}

fn series_shapes<'a, 'i>(
    doc: &'a roxmltree::Document<'i>,
    class: &str,
) -> Vec<roxmltree::Node<'a, 'i>> {
    let group = with_class(doc, class)
        .into_iter()
        .find(|n| n.has_tag_name("g"))
        .expect("series group");
    group
        .children()
        .filter(|n| n.has_tag_name("polygon") || n.has_tag_name("polyline"))
        .collect()
}

#[test]
fn a_radar_is_well_formed_svg_named_by_its_title_and_description() {
    let svg = radar(&five_axes(&[Some(1.0); 5]));
    assert_accessible_frame(&svg, "r1", "chart chart-radar");
    assert_compact_numbers(&svg);
    let doc = parse(&svg);
    assert_eq!(
        doc.descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text()),
        Some("5か条")
    );
}

#[test]
fn a_radar_with_five_axes_places_the_first_vertex_straight_up() {
    let svg = radar(&five_axes(&[
        Some(4.0),
        Some(4.0),
        Some(2.0),
        Some(0.0),
        Some(1.0),
    ]));
    let doc = parse(&svg);
    let shapes = series_shapes(&doc, "series-current");
    assert_eq!(shapes.len(), 1);
    assert!(shapes[0].has_tag_name("polygon"));
    let pts = points(&shapes[0]);
    // Centre (280, 190), radius 140; axis i at -90° + i·72°, clockwise.
    assert_near(pts[0], (280.0, 50.0));
    let a1 = (-90.0f64 + 72.0).to_radians();
    assert_near(pts[1], (280.0 + 140.0 * a1.cos(), 190.0 + 140.0 * a1.sin()));
    let a2 = (-90.0f64 + 144.0).to_radians();
    assert_near(pts[2], (280.0 + 70.0 * a2.cos(), 190.0 + 70.0 * a2.sin()));
    assert_near(pts[3], (280.0, 190.0));
}

#[test]
fn every_axis_gets_a_label_and_every_tick_a_ring_label() {
    let svg = radar(&five_axes(&[Some(1.0); 5]));
    let doc = parse(&svg);
    for axis in [
        "更新",
        "ウイルス対策",
        "パスワード",
        "共有設定",
        "手口を知る",
    ] {
        assert_eq!(texts(&doc, axis).len(), 1, "{axis}");
    }
    for tick in ["1", "2", "3", "4"] {
        assert!(
            texts(&doc, tick).iter().any(|t| has_class(t, "tick-label")),
            "{tick}"
        );
    }
}

#[test]
fn values_outside_the_range_are_clamped_to_the_rim_and_the_centre() {
    let svg = radar(&five_axes(&[
        Some(9.0),
        Some(-3.0),
        Some(4.0),
        Some(4.0),
        Some(4.0),
    ]));
    let doc = parse(&svg);
    let pts = points(&series_shapes(&doc, "series-current")[0]);
    assert_near(pts[0], (280.0, 50.0));
    assert_near(pts[1], (280.0, 190.0));
}

#[test]
fn a_missing_value_opens_the_outline_instead_of_drawing_through_the_centre() {
    let svg = radar(&five_axes(&[
        Some(4.0),
        None,
        Some(4.0),
        Some(f64::NAN),
        Some(4.0),
    ]));
    let doc = parse(&svg);
    let shapes = series_shapes(&doc, "series-current");
    // Present: axes 0, 2, 4; runs going round: 4→0 only (2 stands alone, shown by its marker).
    assert_eq!(shapes.len(), 1);
    assert!(shapes[0].has_tag_name("polyline"));
    assert_eq!(shapes[0].attribute("fill"), Some("none"));
    let pts = points(&shapes[0]);
    assert_eq!(pts.len(), 2);
    assert_near(pts[1], (280.0, 50.0));
    let markers = with_class(&doc, "marker")
        .into_iter()
        .filter(|m| !has_class(&m.parent().unwrap(), "legend-item"));
    assert_eq!(markers.count(), 3);
}

#[test]
fn a_legend_names_the_series_when_there_are_several() {
    let mut chart = five_axes(&[Some(2.0); 5]);
    assert!(with_class(&parse(&radar(&chart)), "legend").is_empty());
    chart
        .series
        .push(series("同業種の平均", SeriesKind::Peer, &[Some(3.0); 5]));
    let svg = radar(&chart);
    let doc = parse(&svg);
    let legend = &with_class(&doc, "legend")[0];
    assert!(drawn_text(legend).contains("今回"));
    assert!(drawn_text(legend).contains("同業種の平均"));
    // The peer series is dotted, the current one solid, so they differ without colour.
    let peer = series_shapes(&doc, "series-peer");
    let current = series_shapes(&doc, "series-current");
    assert!(peer[0].attribute("stroke-dasharray").is_some());
    assert_eq!(current[0].attribute("stroke-dasharray"), None);
}

#[test]
fn fewer_than_three_axes_fall_back_to_a_bar_chart_of_the_same_data() {
    let mut chart = five_axes(&[Some(1.0), Some(3.0)]);
    chart.axes.truncate(2);
    let svg = radar(&chart);
    assert_accessible_frame(&svg, "r1", "chart chart-bars");
    let doc = parse(&svg);
    let rows = with_class(&doc, "row");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        texts(&doc, "3")
            .iter()
            .filter(|t| has_class(t, "value-label"))
            .count(),
        1
    );
}

#[test]
fn a_radar_without_values_says_so_in_visible_text() {
    let svg = radar(&five_axes(&[None, None, None, None, None]));
    assert_accessible_frame(&svg, "r1", "chart chart-radar");
    let doc = parse(&svg);
    assert_eq!(texts(&doc, "回答がありません").len(), 1);
    assert!(with_class(&doc, "series").is_empty());

    let mut no_axes = five_axes(&[]);
    no_axes.axes.clear();
    assert_eq!(texts(&parse(&radar(&no_axes)), "回答がありません").len(), 1);
}

#[test]
fn user_text_in_a_radar_is_escaped() {
    let mut chart = five_axes(&[Some(1.0); 5]);
    chart.title = HOSTILE.into();
    chart.axes[0] = HOSTILE.into();
    chart
        .series
        .push(series(HOSTILE, SeriesKind::Target, &[Some(3.0); 5]));
    assert_escaped(&radar(&chart));
}

#[test]
fn a_radar_renders_the_same_bytes_every_time() {
    let chart = five_axes(&[Some(1.5), Some(2.25), None, Some(3.0), Some(0.5)]);
    assert_eq!(radar(&chart), radar(&chart.clone()));
}
