//! Figures read from a stored result (the engine's result JSON of `docs/interfaces.md`): the
//! headline value and one value per group. Pages, charts and history read the stored result, the
//! same document the API returns, so the three can never disagree.

use mamori_domain::catalog::ScoringRule;
use mamori_domain::{Catalog, Lang, builtin};
use mamori_storage::AssessmentSummary;
use serde_json::Value;

/// How many past results the result page, the history and its report read.
pub const HISTORY_LIMIT: i64 = 50;

/// How a catalog's figures are scaled on charts.
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<f64>,
    pub unit: &'static str,
}

pub fn scale(catalog: &Catalog) -> Scale {
    match catalog.scoring {
        ScoringRule::SumBands { .. } | ScoringRule::Percent {} | ScoringRule::YesCount { .. } => {
            Scale {
                min: 0.0,
                max: 100.0,
                ticks: vec![25.0, 50.0, 75.0, 100.0],
                unit: "%",
            }
        }
        ScoringRule::AverageGrade { .. } => Scale {
            min: 0.0,
            max: 5.0,
            ticks: vec![1.0, 2.0, 3.0, 4.0, 5.0],
            unit: "",
        },
        ScoringRule::ViewpointGrade { .. } => Scale {
            min: 0.0,
            max: 4.0,
            ticks: vec![1.0, 2.0, 3.0, 4.0],
            unit: "",
        },
        ScoringRule::Tiers {} => Scale {
            min: 0.0,
            max: 4.0,
            ticks: vec![1.0, 2.0, 3.0, 4.0],
            unit: "",
        },
        ScoringRule::Tally { .. } | ScoringRule::Classify { .. } => Scale {
            min: 0.0,
            max: 100.0,
            ticks: vec![50.0, 100.0],
            unit: "%",
        },
    }
}

fn num(v: Option<&Value>) -> Option<f64> {
    v.and_then(Value::as_f64)
}

/// The one number a result is summed up by, on the catalog's scale (history charts).
pub fn overall(catalog: &Catalog, result: &Value) -> Option<f64> {
    match &catalog.scoring {
        ScoringRule::SumBands { .. } => num(result.get("total")),
        ScoringRule::YesCount { .. } => {
            let n = num(result.get("yes_count"))?;
            Some(n * 100.0 / catalog.items.len().max(1) as f64)
        }
        ScoringRule::AverageGrade { .. } | ScoringRule::ViewpointGrade { .. } => {
            num(result.pointer("/overall/average"))
        }
        ScoringRule::Percent {} => num(result.get("overall_percent")),
        ScoringRule::Tiers {} => {
            // The mean of the function tiers that have one: one line for the whole profile.
            let tiers: Vec<f64> = result
                .get("functions")?
                .as_array()?
                .iter()
                .filter_map(|f| num(f.get("tier")))
                .collect();
            (!tiers.is_empty()).then(|| tiers.iter().sum::<f64>() / tiers.len() as f64)
        }
        ScoringRule::Tally { .. } => {
            let counts = result.get("counts")?.as_object()?;
            let total: f64 = counts.values().filter_map(Value::as_f64).sum();
            let yes = num(counts.get("yes"))?;
            (total > 0.0).then(|| yes * 100.0 / total)
        }
        ScoringRule::Classify { .. } => None,
    }
}

/// Grade letters as points (A=4 … D=1) for charts of graded items.
fn grade_points(g: &str) -> Option<f64> {
    match g {
        "A" => Some(4.0),
        "B" => Some(3.0),
        "C" => Some(2.0),
        "D" => Some(1.0),
        _ => None,
    }
}

/// One value per chart axis, with the axis ids: parts as a percentage of their maximum, category
/// averages, group percentages, function tiers, item grades.
pub fn by_group(catalog: &Catalog, result: &Value) -> Vec<(String, Option<f64>)> {
    let list = |key: &str| {
        result
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let id = |v: &Value| v.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
    match &catalog.scoring {
        ScoringRule::SumBands { .. } => list("parts")
            .iter()
            .map(|p| {
                let gid = id(p);
                let max = catalog.group_position(&gid).map_or(0, |g| {
                    catalog
                        .items_of(g)
                        .iter()
                        .map(|&i| mamori_domain::scoring::max_points(catalog.options_of(i)))
                        .sum::<i64>()
                });
                let value = num(p.get("total"))
                    .filter(|_| max > 0)
                    .map(|t| (t.max(0.0) * 100.0 / max as f64).round());
                (gid, value)
            })
            .collect(),
        ScoringRule::AverageGrade { .. } => list("categories")
            .iter()
            .map(|c| (id(c), num(c.get("average"))))
            .collect(),
        ScoringRule::ViewpointGrade { .. } => list("items")
            .iter()
            .map(|c| {
                (
                    id(c),
                    c.get("grade")
                        .and_then(Value::as_str)
                        .and_then(grade_points),
                )
            })
            .collect(),
        ScoringRule::Percent {} => list("groups")
            .iter()
            .map(|g| (id(g), num(g.get("percent"))))
            .collect(),
        ScoringRule::Tiers {} => list("functions")
            .iter()
            .map(|f| (id(f), num(f.get("tier"))))
            .collect(),
        // A yes count, a tally or a class has no per-group figure to chart.
        ScoringRule::YesCount { .. } | ScoringRule::Tally { .. } | ScoringRule::Classify { .. } => {
            Vec::new()
        }
    }
}

/// The label of an axis id: a group's title, or an item's id for item-level charts.
pub fn axis_label(catalog: &Catalog, id: &str, lang: Lang) -> String {
    match catalog.group_position(id) {
        Some(g) => catalog.groups[g].title.get(lang).to_owned(),
        None => id.to_owned(),
    }
}

/// A figure for people: at most one decimal, no trailing ".0" on whole numbers of a percent.
pub fn show(v: Option<f64>, scale: &Scale) -> String {
    match v {
        None => "—".to_owned(),
        Some(v) if scale.unit == "%" => format!("{}{}", v.round() as i64, scale.unit),
        Some(v) => format!("{v:.1}"),
    }
}

/// One line that says how a submitted assessment came out, whatever its catalog; answers are
/// named with the words the respondent chose.
pub fn headline(summary: &AssessmentSummary, result: &Value, lang: Lang) -> String {
    let en = lang == Lang::En;
    let catalog = builtin().get_version(&summary.catalog_id, &summary.catalog_version);
    let int = |k: &str| result.get(k).and_then(Value::as_i64);
    if let (Some(total), Some(max)) = (int("total"), int("max")) {
        return if en {
            format!("{total} / {max} points")
        } else {
            format!("{total} / {max} 点")
        };
    }
    if let Some(n) = int("yes_count") {
        let yes = catalog.and_then(|c| match &c.scoring {
            ScoringRule::YesCount { count, .. } => c.scale_label(&count.to_string()),
            _ => None,
        });
        return match (yes, en) {
            (Some(label), true) => format!("{n} answered “{}”", label.en),
            (Some(label), false) => format!("「{}」{n} 項目", label.ja),
            (None, true) => format!("{n} answered yes"),
            (None, false) => format!("{n} 項目で取り組み済み"),
        };
    }
    if let Some(grade) = result.pointer("/overall/grade").and_then(Value::as_str) {
        return if en {
            format!("Overall grade {grade}")
        } else {
            format!("総合評価 {grade}")
        };
    }
    if let Some(p) = int("overall_percent") {
        return if en {
            format!("{p}% in place")
        } else {
            format!("実施率 {p}%")
        };
    }
    if let (Some(_), Some(catalog)) = (result.get("counts"), catalog) {
        return tally_words(catalog, result, lang);
    }
    if let Some(fs) = result.get("functions").and_then(Value::as_array) {
        let tiers: Vec<String> = fs
            .iter()
            .filter_map(|f| {
                Some(format!(
                    "{} {}",
                    f.get("id")?.as_str()?,
                    f.get("tier").filter(|t| !t.is_null())?
                ))
            })
            .collect();
        return if en {
            format!("Tiers {}", tiers.join(", "))
        } else {
            format!("ティア {}", tiers.join("・"))
        };
    }
    if let Some(class) = result.get("class").and_then(Value::as_str) {
        return if en {
            format!("Type {class}")
        } else {
            format!("分類 {class}")
        };
    }
    match lang {
        Lang::Ja => "提出済み",
        Lang::En => "Submitted",
    }
    .to_owned()
}

/// How many items got each answer, in the words of the answers ("実施している 3・一部実施している
/// 2・実施していない 1").
pub fn tally_words(catalog: &Catalog, result: &Value, lang: Lang) -> String {
    catalog
        .scale
        .options
        .iter()
        .filter_map(|o| {
            let n = result
                .pointer(&format!("/counts/{}", o.value))
                .and_then(Value::as_i64)?;
            Some(format!("{} {n}", o.label.get(lang)))
        })
        .collect::<Vec<_>>()
        .join(if lang == Lang::En { ", " } else { "・" })
}
