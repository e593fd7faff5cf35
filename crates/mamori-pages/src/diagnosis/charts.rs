//! Charts of the result and history pages, drawn by `mamori-charts` from the same figures the
//! tables beside them show (the tables are the charts' text alternative).

use mamori_charts::{Radar, Series, SeriesKind, radar};
use mamori_domain::catalog::ScoringRule;
use mamori_domain::{Catalog, Lang};

use mamori_app::figures::{self, Scale};
use mamori_http::i18n::tr;

/// A radar by part, category or function: this result, and the previous one when there is one.
/// With fewer than three axes the chart library draws bars instead.
pub fn result_chart(
    id: i64,
    catalog: &Catalog,
    now: &[(String, Option<f64>)],
    before: Option<&[(String, Option<f64>)]>,
    scale: &Scale,
    lang: Lang,
) -> String {
    if now.is_empty() {
        return String::new();
    }
    let axes: Vec<String> = now
        .iter()
        .map(|(a, _)| figures::axis_label(catalog, a, lang))
        .collect();
    let mut series = vec![Series {
        name: tr(lang, "今回").to_owned(),
        values: now.iter().map(|(_, v)| *v).collect(),
        kind: SeriesKind::Current,
    }];
    if let Some(before) = before {
        series.push(Series {
            name: tr(lang, "前回").to_owned(),
            values: now
                .iter()
                .map(|(a, _)| before.iter().find(|(b, _)| b == a).and_then(|(_, v)| *v))
                .collect(),
            kind: SeriesKind::Previous,
        });
    }
    let what = match catalog.scoring {
        ScoringRule::SumBands { .. } => tr(lang, "パートごとの得点率（満点に対する割合）"),
        ScoringRule::AverageGrade { .. } => tr(lang, "分野ごとの平均点（5点満点）"),
        ScoringRule::ViewpointGrade { .. } => tr(lang, "項目ごとの評価（A=4、B=3、C=2、D=1）"),
        ScoringRule::Percent {} => tr(lang, "グループごとの実施率"),
        ScoringRule::Tiers {} => tr(lang, "機能ごとのティア（4が最高）"),
        _ => tr(lang, "分野ごとの結果"),
    };
    let summary: Vec<String> = axes
        .iter()
        .zip(now)
        .map(|(a, (_, v))| format!("{a} {}", figures::show(*v, scale)))
        .collect();
    radar(&Radar {
        id: format!("result-{id}"),
        title: format!("{}: {what}", catalog.title.get(lang)),
        description: format!(
            "{}{}{}",
            summary.join(tr(lang, "、")),
            tr(lang, "。"),
            if before.is_some() {
                tr(lang, "点線は前回の結果です。")
            } else {
                ""
            }
        ),
        axes,
        min: scale.min,
        max: scale.max,
        ticks: scale.ticks.clone(),
        series,
        empty_text: tr(lang, "表示できる結果がありません").to_owned(),
    })
}
