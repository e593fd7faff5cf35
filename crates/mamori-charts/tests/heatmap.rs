mod common;

use common::*;
use mamori_charts::{HeatCell, HeatLevel, HeatMap, heat_map};
use roxmltree::{Document, Node};

/// The risk matrix of the risk analysis: importance 2..0 top-down × likelihood 1..3, classed by
/// importance × likelihood as the domain does (4-6 high, 1-3 medium, 0 low).
fn risk_matrix(counts: [[u32; 3]; 3]) -> HeatMap {
    let cells = (0..3)
        .map(|r| {
            let importance = 2 - r as u32;
            (0..3)
                .map(|c| {
                    let value = importance * (c as u32 + 1);
                    HeatCell {
                        count: counts[r][c],
                        level: match value {
                            4..=6 => HeatLevel::High,
                            1..=3 => HeatLevel::Medium,
                            _ => HeatLevel::Low,
                        },
                        note: format!("リスク値 {value}"),
                    }
                })
                .collect()
        })
        .collect();
    HeatMap {
        id: "risk-heat".into(),
        title: "重要度 × 被害発生可能性".into(),
        description: "各マスの情報資産の件数".into(),
        row_title: "重要度".into(),
        column_title: "被害発生可能性".into(),
        rows: strings(&["2 事業に深刻な影響", "1 事業に重大な影響", "0 影響はない"]),
        columns: strings(&["1 低", "2 中", "3 高"]),
        cells,
        legend: vec![
            (HeatLevel::High, "リスク大（4〜6）".into()),
            (HeatLevel::Medium, "リスク中（1〜3）".into()),
            (HeatLevel::Low, "リスク小（0）".into()),
        ],
        empty_text: "データがありません".into(),
    }
}

fn cells<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    with_class(doc, "cell")
}

fn count_of(cell: &Node) -> String {
    let label = cell
        .descendants()
        .find(|n| has_class(n, "count-label"))
        .expect("count label");
    drawn_text(&label)
}

fn rect_of<'a, 'i>(cell: &Node<'a, 'i>) -> Node<'a, 'i> {
    cell.children()
        .find(|n| n.has_tag_name("rect"))
        .expect("cell rect")
}

#[test]
fn a_heat_map_is_well_formed_svg_named_by_its_title_and_description() {
    let svg = heat_map(&risk_matrix([[0, 3, 1], [1, 0, 2], [4, 0, 0]]));
    assert_accessible_frame(&svg, "risk-heat", "chart chart-heat-map");
    assert_compact_numbers(&svg);
}

#[test]
fn every_cell_prints_its_count_row_by_row_from_the_top() {
    let svg = heat_map(&risk_matrix([[0, 3, 1], [1, 0, 2], [4, 0, 0]]));
    let doc = parse(&svg);
    let drawn: Vec<String> = cells(&doc).iter().map(count_of).collect();
    assert_eq!(drawn, ["0", "3", "1", "1", "0", "2", "4", "0", "0"]);
    let ys: Vec<f64> = cells(&doc).iter().map(|c| num(&rect_of(c), "y")).collect();
    assert!(ys[0] < ys[3] && ys[3] < ys[6], "{ys:?}");
    let xs: Vec<f64> = cells(&doc)[..3]
        .iter()
        .map(|c| num(&rect_of(c), "x"))
        .collect();
    assert!(xs[0] < xs[1] && xs[1] < xs[2], "{xs:?}");
}

#[test]
fn each_cell_takes_the_class_and_colour_the_caller_gave_it() {
    let svg = heat_map(&risk_matrix([[1; 3]; 3]));
    let doc = parse(&svg);
    let classes: Vec<&str> = cells(&doc)
        .iter()
        .map(|c| c.attribute("class").unwrap())
        .collect();
    assert_eq!(
        classes,
        [
            "cell cell-medium",
            "cell cell-high",
            "cell cell-high",
            "cell cell-medium",
            "cell cell-medium",
            "cell cell-medium",
            "cell cell-low",
            "cell cell-low",
            "cell cell-low",
        ]
    );
    let fill = |class: &str| {
        let cell = with_class(&doc, class)[0];
        rect_of(&cell).attribute("fill").unwrap().to_owned()
    };
    let (high, medium, low) = (fill("cell-high"), fill("cell-medium"), fill("cell-low"));
    assert!(high != medium && medium != low && high != low);
}

#[test]
fn row_and_column_labels_and_both_axis_titles_are_drawn() {
    let svg = heat_map(&risk_matrix([[0; 3]; 3]));
    let doc = parse(&svg);
    for text in [
        "重要度",
        "被害発生可能性",
        "2 事業に深刻な影響",
        "0 影響はない",
        "3 高",
    ] {
        assert_eq!(texts(&doc, text).len(), 1, "{text}");
    }
    let row_title = &with_class(&doc, "row-title")[0];
    let top_row = &with_class(&doc, "row-label")[0];
    // The row title is over the row labels, right-aligned with them like a table's corner.
    assert!(num(row_title, "y") < num(top_row, "y"));
    assert_eq!(num(row_title, "x"), num(top_row, "x"));
}

#[test]
fn a_zero_count_is_printed_smaller_and_a_nonzero_one_bold_in_the_same_ink() {
    let svg = heat_map(&risk_matrix([[0, 5, 0], [0; 3], [0; 3]]));
    let doc = parse(&svg);
    let labels = with_class(&doc, "count-label");
    assert_eq!(labels[1].attribute("font-weight"), Some("bold"));
    assert_eq!(labels[0].attribute("font-weight"), None);
    assert!(num(&labels[0], "font-size") < num(&labels[1], "font-size"));
    // Same ink on every fill, so a zero on the darkest cell stays readable.
    assert_eq!(labels[0].attribute("fill"), labels[1].attribute("fill"));
}

#[test]
fn the_notes_under_the_counts_and_the_legend_carry_the_callers_words() {
    let svg = heat_map(&risk_matrix([[0; 3]; 3]));
    let doc = parse(&svg);
    assert_eq!(with_class(&doc, "cell-note").len(), 9);
    assert_eq!(texts(&doc, "リスク値 6").len(), 1);
    let legend = &with_class(&doc, "legend")[0];
    let text = drawn_text(legend);
    assert!(
        text.contains("リスク大（4〜6）") && text.contains("リスク小（0）"),
        "{text}"
    );
    assert_eq!(with_class(&doc, "legend-high").len(), 1);
}

#[test]
fn a_short_row_leaves_its_missing_cells_blank() {
    let mut chart = risk_matrix([[1; 3]; 3]);
    chart.cells[1].truncate(1);
    chart.cells.truncate(2);
    let svg = heat_map(&chart);
    assert_eq!(cells(&parse(&svg)).len(), 4);
}

#[test]
fn a_heat_map_without_rows_or_columns_says_so_in_visible_text() {
    let mut chart = risk_matrix([[0; 3]; 3]);
    chart.columns.clear();
    let svg = heat_map(&chart);
    assert_eq!(texts(&parse(&svg), "データがありません").len(), 1);
}

#[test]
fn a_long_row_label_is_cut_with_an_ellipsis_and_keeps_its_full_text_as_a_tooltip() {
    let mut chart = risk_matrix([[0; 3]; 3]);
    let long = "事故が起きると事業の継続が危うくなるほどの深刻な影響が出る情報資産";
    chart.rows[0] = long.into();
    let svg = heat_map(&chart);
    let doc = parse(&svg);
    let label = &with_class(&doc, "row-label")[0];
    assert!(drawn_text(label).ends_with('…'));
    let tooltip = label.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(tooltip.text(), Some(long));
}

#[test]
fn user_text_in_a_heat_map_is_escaped() {
    let mut chart = risk_matrix([[1; 3]; 3]);
    chart.description = HOSTILE.into();
    chart.rows[1] = HOSTILE.into();
    chart.legend[0].1 = HOSTILE.into();
    assert_escaped(&heat_map(&chart));
}

#[test]
fn a_heat_map_renders_the_same_bytes_every_time() {
    let chart = risk_matrix([[0, 3, 1], [1, 0, 2], [4, 0, 0]]);
    assert_eq!(heat_map(&chart), heat_map(&chart.clone()));
}
