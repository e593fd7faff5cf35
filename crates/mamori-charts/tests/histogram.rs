mod common;

use common::*;
use mamori_charts::{Bin, Histogram, histogram};
use roxmltree::{Document, Node};

fn peers(counts: &[u32], marked: Option<usize>) -> Histogram {
    Histogram {
        id: "peers".into(),
        title: "同業種の分布".into(),
        description: "合計点の分布".into(),
        bins: counts
            .iter()
            .enumerate()
            .map(|(i, c)| Bin {
                label: format!("{}〜{}", i * 20, i * 20 + 19),
                count: *c,
            })
            .collect(),
        marked,
        marker_label: "貴社".into(),
        empty_text: "比較できる企業がありません".into(),
    }
}

fn columns<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    with_class(doc, "bin")
}

#[test]
fn a_histogram_is_well_formed_svg_named_by_its_title_and_description() {
    let svg = histogram(&peers(&[1, 4, 7, 3, 1], Some(2)));
    assert_accessible_frame(&svg, "peers", "chart chart-histogram");
    assert_compact_numbers(&svg);
}

#[test]
fn column_heights_are_proportional_to_the_counts() {
    let svg = histogram(&peers(&[2, 4, 1, 0, 3], None));
    let doc = parse(&svg);
    let cols = columns(&doc);
    assert_eq!(cols.len(), 5);
    let unit = num(&cols[1], "height") / 4.0;
    for (col, count) in cols.iter().zip([2.0, 4.0, 1.0, 0.0, 3.0]) {
        assert!((num(col, "height") - unit * count).abs() < 0.02);
    }
    // All columns stand on one baseline and are equally wide.
    let bottom = num(&cols[0], "y") + num(&cols[0], "height");
    assert!(
        cols.iter()
            .all(|c| (num(c, "y") + num(c, "height") - bottom).abs() < 0.01)
    );
    assert!(
        cols.iter()
            .all(|c| (num(c, "width") - num(&cols[0], "width")).abs() < 0.01)
    );
    for count in ["2", "4", "1", "3"] {
        assert!(
            texts(&doc, count)
                .iter()
                .any(|t| has_class(t, "count-label")),
            "{count}"
        );
    }
}

#[test]
fn the_count_axis_ends_at_a_round_number_above_the_tallest_column() {
    let svg = histogram(&peers(&[3, 17, 8], None));
    let doc = parse(&svg);
    let ticks: Vec<String> = with_class(&doc, "tick-label")
        .iter()
        .map(drawn_text)
        .collect();
    assert_eq!(ticks, ["0", "5", "10", "15", "20"]);
}

#[test]
fn the_marked_bin_is_highlighted_and_labelled_with_the_marker_text() {
    let svg = histogram(&peers(&[1, 4, 7, 3, 1], Some(3)));
    let doc = parse(&svg);
    let marked = with_class(&doc, "bin-marked");
    assert_eq!(marked.len(), 1);
    assert_eq!(
        columns(&doc)
            .iter()
            .position(|c| has_class(c, "bin-marked")),
        Some(3)
    );
    let label = texts(&doc, "貴社");
    assert_eq!(label.len(), 1);
    let centre = num(&marked[0], "x") + num(&marked[0], "width") / 2.0;
    assert!((num(&label[0], "x") - centre).abs() < 0.01);
    assert!(num(&label[0], "y") < num(&marked[0], "y"));
}

#[test]
fn the_marker_text_rises_above_a_taller_neighbours_count() {
    // Twelve narrow columns: the text is wider than its own column.
    let mut chart = peers(&[1, 1, 1, 1, 9, 2, 9, 1, 1, 1, 1, 1], Some(5));
    chart.marker_label = "貴社（64点）".into();
    let svg = histogram(&chart);
    let doc = parse(&svg);
    let label = &texts(&doc, "貴社（64点）")[0];
    let neighbour = texts(&doc, "9")
        .into_iter()
        .find(|t| has_class(t, "count-label"))
        .unwrap();
    assert!(num(label, "y") < num(&neighbour, "y") - num(&neighbour, "font-size"));
    assert_eq!(with_class(&doc, "marker-leader").len(), 1);
}

#[test]
fn a_marked_index_past_the_last_bin_is_ignored() {
    let svg = histogram(&peers(&[1, 2], Some(5)));
    let doc = parse(&svg);
    assert!(with_class(&doc, "bin-marked").is_empty());
    assert!(texts(&doc, "貴社").is_empty());
}

#[test]
fn a_histogram_without_companies_says_so_in_visible_text() {
    for chart in [peers(&[], None), peers(&[0, 0, 0], Some(1))] {
        let svg = histogram(&chart);
        assert_accessible_frame(&svg, "peers", "chart chart-histogram");
        let doc = parse(&svg);
        assert_eq!(texts(&doc, "比較できる企業がありません").len(), 1);
        assert!(columns(&doc).is_empty());
    }
}

#[test]
fn user_text_in_a_histogram_is_escaped() {
    let mut chart = peers(&[1, 2, 3], Some(1));
    chart.bins[0].label = HOSTILE.into();
    chart.marker_label = HOSTILE.into();
    chart.id = "peers <&>".into();
    let svg = histogram(&chart);
    assert_escaped(&svg);
    assert_accessible_frame(&svg, "peers----", "chart chart-histogram");
}

#[test]
fn a_histogram_renders_the_same_bytes_every_time() {
    let chart = peers(&[5, 8, 13, 21, 34, 21, 13, 8, 5, 3, 2, 1], Some(4));
    assert_eq!(histogram(&chart), histogram(&chart.clone()));
}
