//! Writes one example of each chart, with Japanese labels, to a folder (default /tmp/charts), for
//! looking at them in a browser or converting them with `rsvg-convert`:
//!
//! ```console
//! cargo run -p mamori-charts --example gallery -- /tmp/charts
//! ```

use mamori_charts::{
    Bars, Bin, Guide, HeatCell, HeatLevel, HeatMap, Histogram, Line, Radar, Series, SeriesKind,
    bars, heat_map, histogram, line, radar,
};

fn series(name: &str, kind: SeriesKind, values: &[f64]) -> Series {
    Series {
        name: name.to_owned(),
        values: values.iter().map(|v| Some(*v)).collect(),
        kind,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/charts".to_owned());
    std::fs::create_dir_all(&dir)?;
    let write = |name: &str, svg: String| std::fs::write(format!("{dir}/{name}.svg"), svg);

    write(
        "radar",
        radar(&Radar {
            id: "csf-radar".into(),
            title: "NIST CSF 機能別の成熟度".into(),
            description: "6つの機能の現在の段階と目標、前回、同業種平均".into(),
            axes: strings(&[
                "統治（Govern）",
                "識別（Identify）",
                "防御（Protect）",
                "検知（Detect）",
                "対応（Respond）",
                "復旧（Recover）",
            ]),
            min: 0.0,
            max: 4.0,
            ticks: vec![1.0, 2.0, 3.0, 4.0],
            series: vec![
                series("今回", SeriesKind::Current, &[2.5, 3.0, 2.8, 1.5, 2.0, 1.2]),
                series(
                    "前回（2025/10）",
                    SeriesKind::Previous,
                    &[2.0, 2.5, 2.5, 1.0, 1.5, 1.0],
                ),
                series(
                    "同業種の平均",
                    SeriesKind::Peer,
                    &[2.2, 2.4, 3.1, 2.0, 1.8, 1.9],
                ),
                series("目標", SeriesKind::Target, &[3.0, 3.0, 3.0, 3.0, 3.0, 3.0]),
            ],
            empty_text: "まだ回答がありません".into(),
        }),
    )?;

    write(
        "radar-five",
        radar(&Radar {
            id: "five-radar".into(),
            title: "情報セキュリティ5か条".into(),
            description: "5か条それぞれの達成度".into(),
            axes: strings(&[
                "OSやソフトウェアは常に最新の状態にしよう",
                "ウイルス対策ソフトを導入しよう",
                "パスワードを強化しよう",
                "共有設定を見直そう",
                "脅威や攻撃の手口を知ろう",
            ]),
            min: 0.0,
            max: 100.0,
            ticks: vec![25.0, 50.0, 75.0, 100.0],
            series: vec![Series {
                name: "今回".into(),
                values: vec![Some(80.0), Some(100.0), None, Some(40.0), Some(60.0)],
                kind: SeriesKind::Current,
            }],
            empty_text: "まだ回答がありません".into(),
        }),
    )?;

    write(
        "bars",
        bars(&Bars {
            id: "csf-gap".into(),
            title: "カテゴリ別の現在の段階と目標".into(),
            description: "CSF カテゴリごとの現在の段階（棒）と目標の段階（縦線）".into(),
            labels: strings(&[
                "組織の状況",
                "リスク管理戦略",
                "役割・責任・権限",
                "サプライチェーンのサイバーセキュリティリスク管理",
                "資産管理",
                "リスクアセスメント",
            ]),
            min: 0.0,
            max: 4.0,
            ticks: vec![0.0, 1.0, 2.0, 3.0, 4.0],
            series: vec![
                series("現在", SeriesKind::Current, &[2.5, 1.0, 3.0, 1.5, 4.0, 2.0]),
                Series {
                    name: "前回".into(),
                    values: vec![Some(2.0), Some(1.0), Some(2.5), None, Some(3.5), Some(1.5)],
                    kind: SeriesKind::Previous,
                },
            ],
            targets: Some(vec![
                Some(3.0),
                Some(2.0),
                Some(3.0),
                Some(2.0),
                Some(3.0),
                None,
            ]),
            target_label: "目標".into(),
            empty_text: "まだ回答がありません".into(),
        }),
    )?;

    write(
        "bars-peer",
        bars(&Bars {
            id: "self-check-peers".into(),
            title: "自社診断の点数（同業種との比較）".into(),
            description: "カテゴリ別の点数".into(),
            labels: strings(&["基本的対策", "従業員としての対策", "組織としての対策"]),
            min: 0.0,
            max: 100.0,
            ticks: vec![0.0, 50.0, 100.0],
            series: vec![
                series("貴社", SeriesKind::Current, &[72.0, 55.5, 38.0]),
                series("同業種の平均", SeriesKind::Peer, &[65.0, 60.0, 45.0]),
            ],
            targets: None,
            target_label: String::new(),
            empty_text: "データがありません".into(),
        }),
    )?;

    let months = [
        "2025/04", "2025/07", "2025/10", "2026/01", "2026/04", "2026/07", "2026/10",
    ];
    write(
        "line",
        line(&Line {
            id: "history".into(),
            title: "自社診断の点数の推移".into(),
            description: "2025年4月から2026年10月までの合計点".into(),
            x_labels: strings(&months),
            min: 0.0,
            max: 100.0,
            ticks: vec![0.0, 25.0, 50.0, 75.0, 100.0],
            series: vec![
                Series {
                    name: "合計点".into(),
                    values: vec![
                        Some(42.0),
                        Some(48.0),
                        None,
                        Some(63.0),
                        Some(71.0),
                        Some(74.0),
                        Some(82.0),
                    ],
                    kind: SeriesKind::Current,
                },
                Series {
                    name: "同業種の平均".into(),
                    values: vec![
                        Some(55.0),
                        Some(56.0),
                        Some(58.0),
                        Some(57.0),
                        None,
                        Some(60.0),
                        None,
                    ],
                    kind: SeriesKind::Peer,
                },
            ],
            guides: vec![
                Guide {
                    value: 50.0,
                    label: "要改善（50点）".into(),
                },
                Guide {
                    value: 70.0,
                    label: "良好（70点）".into(),
                },
            ],
            empty_text: "まだ履歴がありません".into(),
        }),
    )?;

    write(
        "histogram",
        histogram(&Histogram {
            id: "peer-histogram".into(),
            title: "同業種の点数の分布".into(),
            description: "同業種 58 社の合計点の分布と貴社の位置".into(),
            bins: [
                (0, 2),
                (10, 3),
                (20, 5),
                (30, 8),
                (40, 12),
                (50, 11),
                (60, 9),
                (70, 5),
                (80, 2),
                (90, 1),
            ]
            .iter()
            .map(|(from, count)| Bin {
                label: format!("{from}〜{}点", from + 9),
                count: *count,
            })
            .collect(),
            marked: Some(6),
            marker_label: "貴社（64点）".into(),
            empty_text: "比較できる企業がまだありません".into(),
        }),
    )?;

    let counts = [[1, 3, 0], [2, 1, 0], [0, 0, 0]];
    write(
        "heat-map",
        heat_map(&HeatMap {
            id: "risk-heat".into(),
            title: "重要度 × 被害発生可能性".into(),
            description: "重要度と被害発生可能性ごとの情報資産の件数".into(),
            row_title: "重要度".into(),
            column_title: "被害発生可能性".into(),
            rows: strings(&["2 事業に深刻な影響", "1 事業に重大な影響", "0 影響はない"]),
            columns: strings(&["1（低）", "2（中）", "3（高）"]),
            cells: (0..3)
                .map(|r| {
                    (0..3)
                        .map(|c| {
                            let value = (2 - r) * (c + 1);
                            HeatCell {
                                count: counts[r][c],
                                level: match value {
                                    4.. => HeatLevel::High,
                                    1..=3 => HeatLevel::Medium,
                                    _ => HeatLevel::Low,
                                },
                                note: format!("リスク値 {value}"),
                            }
                        })
                        .collect()
                })
                .collect(),
            legend: vec![
                (HeatLevel::High, "リスク大（4〜6）".into()),
                (HeatLevel::Medium, "リスク中（1〜3）".into()),
                (HeatLevel::Low, "リスク小（0）".into()),
            ],
            empty_text: "情報資産がありません".into(),
        }),
    )?;

    write(
        "empty",
        line(&Line {
            id: "history-empty".into(),
            title: "自社診断の点数の推移".into(),
            description: "履歴はまだありません".into(),
            x_labels: Vec::new(),
            min: 0.0,
            max: 100.0,
            ticks: vec![],
            series: vec![],
            guides: vec![],
            empty_text: "まだ履歴がありません。診断を2回以上行うと推移が表示されます。".into(),
        }),
    )?;
    Ok(())
}
