//! Text output for people: Japanese by default, English with `--lang en`, never mixed.

use mamori_domain::catalog::{Catalog, ScoringRule};
use mamori_domain::decimal::Tenths;
use mamori_domain::improvement::{ActionKind, improvement_list};
use mamori_domain::risk::{AssetInput, AssetRisk, RiskLevel, Treatment};
use mamori_domain::scoring::{Graded, Outcome, Score, band_for};
use mamori_domain::{Lang, Submission};
use std::fmt::Write;

/// Picks the sentence for the reader's language.
fn l<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A parenthetical in the reader's typography: full-width in Japanese, ASCII in English.
fn paren(lang: Lang, inner: impl std::fmt::Display) -> String {
    match lang {
        Lang::Ja => format!("（{inner}）"),
        Lang::En => format!(" ({inner})"),
    }
}

fn tenths(value: Option<Tenths>) -> String {
    value.map_or_else(|| "—".to_owned(), |t| t.to_string())
}

pub fn catalog_list(catalogs: &[&Catalog], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<26} {:<8} {:>5}  {}",
        "ID",
        l(lang, "版", "version"),
        l(lang, "設問数", "items"),
        l(lang, "名称", "title")
    );
    for c in catalogs {
        let _ = writeln!(
            out,
            "{:<26} {:<8} {:>5}  {}",
            c.id,
            c.version,
            c.items.len(),
            c.title.get(lang)
        );
    }
    out
}

pub fn catalog_show(c: &Catalog, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}",
        c.title.get(lang),
        paren(lang, format!("{} {}", c.id, c.version))
    );
    let _ = writeln!(out, "{}", c.summary.get(lang));
    let _ = writeln!(out, "{}: {}\n", l(lang, "出典", "Source"), c.source);
    if !c.scale.options.is_empty() {
        let _ = writeln!(out, "{}:", l(lang, "回答の選択肢", "Answers"));
        for o in &c.scale.options {
            let _ = writeln!(
                out,
                "  {} = {}{}",
                o.value,
                o.label.get(lang),
                paren(lang, o.points)
            );
        }
    }
    for v in &c.scale.viewpoints {
        let values: Vec<String> = v
            .options
            .iter()
            .map(|o| format!("{} = {}", o.value, o.label.get(lang)))
            .collect();
        let _ = writeln!(
            out,
            "  {} {}: {}{}",
            v.id,
            v.label.get(lang),
            v.question.get(lang),
            paren(lang, values.join(", "))
        );
    }
    for g in 0..c.groups.len() {
        let group = &c.groups[g];
        let depth = if group.parent.is_some() { "  " } else { "" };
        let _ = writeln!(out, "\n{depth}■ {} {}", group.id, group.title.get(lang));
        for &i in c.items_of(g) {
            let item = &c.items[i];
            let _ = writeln!(out, "{depth}  {:>8}  {}", item.id, item.text.get(lang));
            if let Some(options) = &item.options {
                let values: Vec<String> = options
                    .iter()
                    .map(|o| format!("{} = {}", o.value, o.label.get(lang)))
                    .collect();
                let _ = writeln!(out, "{depth}            ({})", values.join(", "));
            }
        }
    }
    out
}

/// The label of the answer an item received, for listing items by answer.
fn item_text(c: &Catalog, id: &str, lang: Lang) -> String {
    c.item_position(id).map_or_else(
        || id.to_owned(),
        |i| format!("{id} {}", c.items[i].text.get(lang)),
    )
}

fn group_title(c: &Catalog, id: &str, lang: Lang) -> String {
    c.group_position(id)
        .map_or_else(|| id.to_owned(), |g| c.groups[g].title.get(lang).to_owned())
}

pub fn score(c: &Catalog, submission: &Submission, result: &Score, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{}\n",
        c.title.get(lang),
        paren(lang, format!("{} {}", c.id, c.version))
    );
    match &result.outcome {
        Outcome::YesCount(r) => {
            let _ = writeln!(
                out,
                "{}: {} / {}",
                l(lang, "実施している項目", "Done"),
                r.yes_count,
                c.items.len()
            );
            let ready = if r.ready {
                l(lang, "満たしています", "ready")
            } else {
                l(lang, "まだ満たしていません", "not yet")
            };
            let _ = writeln!(
                out,
                "{}: {ready}",
                l(
                    lang,
                    "SECURITY ACTION ★一つ星の条件",
                    "SECURITY ACTION one star"
                )
            );
            for (i, item) in c.items.iter().enumerate() {
                if submission
                    .answers
                    .choice(c, i)
                    .is_some_and(|o| o.points == 0)
                {
                    let _ = writeln!(
                        out,
                        "  - {} {}",
                        l(lang, "未実施:", "not done:"),
                        item_text(c, &item.id, lang)
                    );
                }
            }
        }
        Outcome::SumBands(r) => {
            let _ = writeln!(
                out,
                "{}: {} / {}",
                l(lang, "合計点", "Total"),
                r.total,
                r.max
            );
            if let ScoringRule::SumBands { bands, .. } = &c.scoring
                && let Some(band) = band_for(bands, r.total)
            {
                let _ = writeln!(
                    out,
                    "{}: {}",
                    l(lang, "現在の状況", "Situation"),
                    band.situation.get(lang)
                );
                let _ = writeln!(
                    out,
                    "{}: {}",
                    l(lang, "次の対策", "Next step"),
                    band.next_step.get(lang)
                );
            }
            for part in &r.parts {
                let _ = writeln!(out, "  {}: {}", group_title(c, part.id, lang), part.total);
            }
            if !r.unknown.is_empty() {
                let _ = writeln!(
                    out,
                    "\n{}:",
                    l(
                        lang,
                        "「わからない」と回答した項目（まず確認しましょう）",
                        "Answered \"don't know\" (find out first)"
                    )
                );
                for id in &r.unknown {
                    let _ = writeln!(out, "  - {}", item_text(c, id, lang));
                }
            }
            if !r.respondents.is_empty() {
                let _ = writeln!(
                    out,
                    "\n{}:",
                    l(
                        lang,
                        "回答者ごとの合計点（集計は各項目で最も低い回答を採用）",
                        "Total per respondent (consolidated by each item's lowest answer)"
                    )
                );
                for resp in &r.respondents {
                    let _ = writeln!(out, "  {}: {}", resp.name, resp.total);
                }
            }
        }
        Outcome::AverageGrade(r) => {
            for g in &r.categories {
                let _ = writeln!(
                    out,
                    "  {}: {}{}",
                    group_title(c, g.id, lang),
                    g.graded.grade,
                    paren(lang, tenths(g.graded.average))
                );
            }
            overall_grade(&mut out, c, &r.overall, lang);
        }
        Outcome::ViewpointGrade(r) => {
            for item in &r.items {
                let _ = writeln!(out, "  {}  {}", item.grade, item_text(c, item.id, lang));
            }
            overall_grade(&mut out, c, &r.overall, lang);
        }
        Outcome::Percent(r) => {
            let pct = |p: Option<i64>| {
                p.map_or_else(
                    || l(lang, "該当なし", "n/a").to_owned(),
                    |p| format!("{p}%"),
                )
            };
            let _ = writeln!(
                out,
                "{}: {}",
                l(lang, "全体の達成率", "Overall"),
                pct(r.overall_percent)
            );
            for g in &r.groups {
                let _ = writeln!(out, "  {}: {}", group_title(c, g.id, lang), pct(g.percent));
            }
        }
        Outcome::Tiers(r) => {
            for f in &r.functions {
                let _ = writeln!(
                    out,
                    "{} {}: {} {}",
                    f.id,
                    group_title(c, f.id, lang),
                    l(lang, "ティア", "tier"),
                    tenths(f.tier)
                );
            }
            let _ = writeln!(
                out,
                "\n{:<8} {:>6} {:>6} {:>6}",
                l(lang, "カテゴリ", "category"),
                l(lang, "現状", "tier"),
                l(lang, "目標", "target"),
                l(lang, "差", "gap")
            );
            for cat in &r.categories {
                let target = cat.target.map_or_else(|| "—".to_owned(), |t| t.to_string());
                let _ = writeln!(
                    out,
                    "{:<8} {:>6} {:>6} {:>6}  {}",
                    cat.id,
                    tenths(cat.tier),
                    target,
                    tenths(cat.gap),
                    group_title(c, cat.id, lang)
                );
            }
        }
        Outcome::Tally(r) => {
            for (value, n) in &r.counts.0 {
                let label = c
                    .scale
                    .options
                    .iter()
                    .find(|o| &o.value == *value)
                    .map_or(value.to_string(), |o| o.label.get(lang).to_owned());
                let _ = writeln!(out, "  {label}: {n}");
            }
            if !r.missing.is_empty() {
                let _ = writeln!(out, "\n{}:", l(lang, "実施していない項目", "Not done"));
                for id in &r.missing {
                    let owner = c
                        .item_position(id)
                        .and_then(|i| c.items[i].owner.as_ref())
                        .map(|o| {
                            paren(
                                lang,
                                format!("{}: {}", l(lang, "担当", "owner"), o.get(lang)),
                            )
                        })
                        .unwrap_or_default();
                    let _ = writeln!(out, "  - {}{owner}", item_text(c, id, lang));
                }
            }
        }
        Outcome::Classify(r) => {
            if let ScoringRule::Classify { classes } = &c.scoring
                && let Some(class) = classes.iter().find(|k| k.id == r.class)
            {
                let _ = writeln!(
                    out,
                    "{} {}: {}",
                    l(lang, "分類", "Type"),
                    class.number,
                    class.label.get(lang)
                );
                let _ = writeln!(out, "{}", class.description.get(lang));
            }
        }
    }
    first_actions(&mut out, c, submission, lang);
    out
}

/// The overall grade with its average and what the grade means, for both grading rules.
fn overall_grade(out: &mut String, c: &Catalog, overall: &Graded, lang: Lang) {
    let _ = writeln!(
        out,
        "\n{}: {}{}",
        l(lang, "総合評価", "Overall"),
        overall.grade,
        paren(lang, tenths(overall.average))
    );
    let grades = match &c.scoring {
        ScoringRule::AverageGrade { grades } | ScoringRule::ViewpointGrade { grades, .. } => {
            grades.as_slice()
        }
        _ => &[],
    };
    if let Some(g) = grades.iter().find(|g| g.id == overall.grade) {
        let _ = writeln!(out, "{}", g.meaning.get(lang));
    }
}

/// The top of the improvement list: what a person should do next, with why and a cheap first step.
fn first_actions(out: &mut String, c: &Catalog, submission: &Submission, lang: Lang) {
    let actions = improvement_list(c, submission);
    if actions.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n{}:",
        l(
            lang,
            "まず取り組むこと（優先度の高い順）",
            "First things to do (highest priority first)"
        )
    );
    for a in actions.iter().take(3) {
        let what = match a.kind {
            ActionKind::FindOut => l(lang, "確認", "find out"),
            ActionKind::Improve => l(lang, "改善", "improve"),
        };
        let _ = writeln!(
            out,
            "  {}. [{what}] {}",
            a.priority,
            item_text(c, a.item, lang)
        );
        if let Some(risk) = a.risk {
            let _ = writeln!(
                out,
                "     {}: {}",
                l(lang, "放置すると", "If left"),
                risk.get(lang)
            );
        }
        if let Some(step) = a.countermeasures.first() {
            let _ = writeln!(
                out,
                "     {}: {}",
                l(lang, "手軽な対策例", "Low-cost step"),
                step.get(lang)
            );
        }
    }
    if actions.len() > 3 {
        let rest = actions.len() - 3;
        let _ = match lang {
            Lang::Ja => writeln!(out, "  ほかに {rest} 件あります"),
            Lang::En => writeln!(out, "  and {rest} more"),
        };
    }
}

fn level_label(level: RiskLevel, lang: Lang) -> &'static str {
    match level {
        RiskLevel::High => l(lang, "大", "high"),
        RiskLevel::Medium => l(lang, "中", "medium"),
        RiskLevel::Low => l(lang, "小", "low"),
    }
}

fn treatment_label(t: Option<Treatment>, lang: Lang) -> &'static str {
    match t {
        Some(Treatment::Avoid) => l(lang, "回避", "avoid"),
        Some(Treatment::Reduce) => l(lang, "低減", "reduce"),
        Some(Treatment::Transfer) => l(lang, "移転", "transfer"),
        Some(Treatment::Accept) => l(lang, "受容", "accept"),
        None => l(lang, "現状維持", "keep as is"),
    }
}

pub fn risk(input: &mamori_domain::risk::RiskInput, assets: &[AssetRisk], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10} {:>6} {:>6} {:>6} {:>6}  {:<8} {}",
        "ID",
        l(lang, "重要度", "import."),
        l(lang, "可能性", "likeli."),
        l(lang, "リスク値", "risk"),
        l(lang, "評価", "level"),
        l(lang, "対応案", "suggest"),
        l(lang, "名称", "name")
    );
    for (asset, r) in input.assets.iter().zip(assets) {
        let AssetInput { name, .. } = asset;
        let mut name = name.clone().unwrap_or_default();
        if r.importance_raised_by_personal_data {
            name.push_str(l(
                lang,
                "（個人情報を含むため重要度2）",
                " (importance 2: holds personal data)",
            ));
        }
        let _ = writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>6}  {:<8} {name}",
            r.id,
            r.importance.get(),
            r.likelihood.get(),
            r.risk_value.get(),
            level_label(r.level, lang),
            treatment_label(r.suggested_treatment, lang),
        );
    }
    out
}
