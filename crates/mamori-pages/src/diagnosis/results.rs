//! The result page of a submitted assessment and a diagnostic's history. Figures come from the
//! stored result (see `figures`); the improvement list comes from the domain engine over the
//! stored answers.

use askama::Template;
use axum::response::{IntoResponse, Response};
use mamori_domain::catalog::{Catalog, ScoringRule};
use mamori_domain::improvement::{ActionKind, improvement_list};
use mamori_storage::Assessment;
use serde_json::Value;

use super::{has_respondents, wording};
use crate::PageContext;
use crate::jst;
use crate::org::OrgNav;
use crate::render;
use mamori_app::answers;
use mamori_app::figures::{self, Scale};
use mamori_domain::ItemNote;
use mamori_domain::Lang;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// How many earlier results the history and the comparison read.
pub(super) const HISTORY_LIMIT: i64 = mamori_app::figures::HISTORY_LIMIT;

pub struct Headline {
    pub figure: String,
    pub of: String,
    pub label: String,
    pub situation: Option<String>,
    pub next_step: Option<String>,
    pub tone: &'static str,
}

pub struct AxisRow {
    pub label: String,
    pub current: String,
    pub previous: Option<String>,
    pub change: Option<String>,
}

pub struct Proposal {
    pub priority: u32,
    pub find_out: bool,
    pub item: String,
    pub group: String,
    pub text: String,
    /// The title of the action taken from it: an instruction, not the question.
    pub action_title: String,
    pub answer: Option<String>,
    pub risk: Option<String>,
    pub countermeasures: Vec<String>,
    pub taken: bool,
}

pub struct SiteRow {
    pub item: String,
    pub title: String,
    pub cells: Vec<(String, bool)>,
    pub consolidated: String,
}

pub struct SiteTable {
    pub sites: Vec<String>,
    pub totals: Vec<i64>,
    pub rows: Vec<SiteRow>,
}

/// One row of the CSF gap matrix: a category's tier now and its target.
pub struct GapRow {
    pub id: String,
    pub title: String,
    pub tier: String,
    pub target: String,
    pub gap: String,
    /// For tiers 1-4: reached by the current tier (filled), and whether it is the target.
    pub cells: Vec<(bool, bool)>,
    pub gap_value: f64,
}

pub struct Gaps {
    pub rows: Vec<GapRow>,
    /// Categories with a gap, largest first (ties in catalog order).
    pub priorities: Vec<(String, String, String)>,
    pub chart: String,
}

pub struct AnswerLine {
    pub item: String,
    pub text: String,
    pub answer: String,
    pub good: bool,
}

#[derive(Template)]
#[template(path = "diagnosis/result.html")]
struct ResultPage {
    ctx: PageContext,
    org: OrgNav,
    id: i64,
    catalog_id: String,
    title: String,
    date: String,
    headline: Headline,
    chart: String,
    axes: Vec<AxisRow>,
    previous_date: Option<String>,
    unknown: Vec<(String, String)>,
    /// Which answers the "find out first" items were given, in the catalog's words.
    unknown_note: String,
    proposals: Vec<Proposal>,
    /// Why the improvement list is in this order.
    order_note: String,
    sites: Option<SiteTable>,
    gaps: Option<Gaps>,
    peers: super::peers::PeerPanel,
    answers: Vec<AnswerLine>,
    /// Each item's grade with the consultant's notes (secondary diagnosis only).
    notes: Vec<super::notes::NoteRow>,
    /// Problems of the notes just posted.
    problems: Vec<FieldProblem>,
    can_edit: bool,
}

fn label_of(catalog: &Catalog, item: usize, value: &str, lang: Lang) -> String {
    catalog
        .options_of(item)
        .iter()
        .find(|o| o.value.to_string() == value)
        .map_or_else(|| value.to_owned(), |o| o.label.get(lang).to_owned())
}

fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The big figure, the band or grade, and what it means.
fn headline(catalog: &Catalog, result: &Value, lang: Lang) -> Headline {
    let en = lang == Lang::En;
    let t = |ja: &'static str| tr(lang, ja).to_owned();
    let int = |k: &str| result.get(k).and_then(Value::as_i64);
    let mut h = Headline {
        figure: String::new(),
        of: String::new(),
        label: String::new(),
        situation: None,
        next_step: None,
        tone: "info",
    };
    match &catalog.scoring {
        ScoringRule::SumBands { bands, .. } => {
            h.figure = int("total").unwrap_or(0).to_string();
            let max = int("max").unwrap_or(100);
            h.of = if en {
                format!("/ {max} points")
            } else {
                format!("/ {max} 点")
            };
            let band_id = result.get("band").and_then(Value::as_str).unwrap_or("");
            if let Some(b) = bands.iter().find(|b| b.id == band_id) {
                h.situation = Some(b.situation.get(lang).to_owned());
                h.next_step = Some(b.next_step.get(lang).to_owned());
            }
            (h.label, h.tone) = match band_id {
                "excellent" => (t("100点（満点）"), "ok"),
                "partial" => (t("70〜99点"), "ok"),
                "insufficient" => (t("50〜69点"), "warn"),
                _ => (t("49点以下"), "bad"),
            };
        }
        ScoringRule::YesCount {
            ready_flag, count, ..
        } => {
            h.figure = int("yes_count").unwrap_or(0).to_string();
            h.of = format!("/ {}", catalog.items.len());
            let ready = result.get(ready_flag.as_str()).and_then(Value::as_bool) == Some(true);
            if ready {
                h.label = t("SECURITY ACTION 一つ星の条件を満たしています");
                h.tone = "ok";
            } else {
                h.label = t("まだ取り組んでいない項目があります");
                h.tone = "warn";
                let not_yet: Vec<String> = catalog
                    .scale
                    .options
                    .iter()
                    .filter(|o| o.value != *count)
                    .map(|o| wording::quoted(o.label.get(lang), lang))
                    .collect();
                let not_yet = not_yet.join(tr(lang, "、"));
                h.next_step = Some(if en {
                    format!(
                        "Put every principle answered {not_yet} into practice and you can declare SECURITY ACTION one star."
                    )
                } else {
                    format!(
                        "{not_yet}と答えた項目にすべて取り組むと、SECURITY ACTION 一つ星を宣言できます。"
                    )
                });
            }
        }
        ScoringRule::AverageGrade { grades } | ScoringRule::ViewpointGrade { grades, .. } => {
            let grade = result
                .pointer("/overall/grade")
                .and_then(Value::as_str)
                .unwrap_or("NA");
            h.figure = grade.to_owned();
            h.of = result
                .pointer("/overall/average")
                .and_then(Value::as_f64)
                .map(|a| format!("{} {a:.1}", t("平均")))
                .unwrap_or_default();
            h.label = format!("{} {grade}", t("総合評価"));
            if let Some(g) = grades.iter().find(|g| g.id == grade) {
                h.situation = Some(g.meaning.get(lang).to_owned());
            }
            h.tone = match grade {
                "A" => "ok",
                "B" => "ok",
                "C" => "warn",
                _ => "bad",
            };
        }
        ScoringRule::Percent {} => {
            let p = int("overall_percent");
            h.figure = p.map_or_else(|| "—".to_owned(), |p| p.to_string());
            h.of = "%".to_owned();
            h.label = t("実施率（該当しない項目を除く）");
            h.tone = match p {
                Some(p) if p >= 80 => "ok",
                Some(p) if p >= 50 => "warn",
                _ => "bad",
            };
        }
        ScoringRule::Tiers {} => {
            let overall = figures::overall(catalog, result);
            h.figure = overall.map_or_else(|| "—".to_owned(), |t| format!("{t:.1}"));
            h.of = "/ 4".to_owned();
            h.label = t("機能ごとのティアの平均");
        }
        ScoringRule::Tally { .. } => {
            let n = |k: &str| {
                result
                    .pointer(&format!("/counts/{k}"))
                    .and_then(Value::as_i64)
            };
            h.figure = n("yes").unwrap_or(0).to_string();
            h.of = format!("/ {}", catalog.items.len());
            h.label = figures::tally_words(catalog, result, lang);
            h.tone = if n("no").unwrap_or(0) == 0 {
                "ok"
            } else {
                "warn"
            };
        }
        ScoringRule::Classify { classes } => {
            let id = result.get("class").and_then(Value::as_str).unwrap_or("");
            if let Some(c) = classes.iter().find(|c| c.id == id) {
                h.figure = c.number.to_string();
                h.label = c.label.get(lang).to_owned();
                h.situation = Some(c.description.get(lang).to_owned());
            }
        }
    }
    h
}

fn change(now: Option<f64>, before: Option<f64>, scale: &Scale) -> Option<String> {
    let (now, before) = (now?, before?);
    let d = now - before;
    Some(if d.abs() < 0.05 {
        "±0".to_owned()
    } else if scale.unit == "%" {
        format!("{:+}", d.round() as i64)
    } else {
        format!("{d:+.1}")
    })
}

/// The site-by-site table of a self-check answered by several respondents: which site pulls an
/// item down is marked.
fn site_table(catalog: &Catalog, a: &Assessment, result: &Value, lang: Lang) -> Option<SiteTable> {
    if !has_respondents(catalog) || a.answer_sets.len() < 2 {
        return None;
    }
    let consolidated = result.get("items")?.as_array()?;
    let totals = result
        .get("respondents")?
        .as_array()?
        .iter()
        .map(|r| r.get("total").and_then(Value::as_i64).unwrap_or(0))
        .collect();
    let rows = catalog
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let lowest = consolidated
                .iter()
                .find(|c| c.get("id").and_then(Value::as_str) == Some(item.id.as_str()))
                .and_then(|c| c.get("answer"))
                .and_then(value_text)
                .unwrap_or_default();
            let answers: Vec<String> = a
                .answer_sets
                .iter()
                .map(|s| {
                    s.answers
                        .get(&item.id)
                        .and_then(value_text)
                        .unwrap_or_default()
                })
                .collect();
            let differs = answers.iter().any(|x| *x != answers[0]);
            SiteRow {
                item: item.id.clone(),
                title: item.short_title().get(lang).to_owned(),
                cells: answers
                    .iter()
                    .map(|x| (label_of(catalog, i, x, lang), differs && *x == lowest))
                    .collect(),
                consolidated: label_of(catalog, i, &lowest, lang),
            }
        })
        .collect();
    Some(SiteTable {
        sites: a.answer_sets.iter().map(|s| s.name.clone()).collect(),
        totals,
        rows,
    })
}

/// The CSF gap matrix (categories × tiers, current against target) and the categories to work
/// on first (spec: by gap size; catalog order breaks ties).
fn gaps(id: i64, catalog: &Catalog, result: &Value, lang: Lang) -> Option<Gaps> {
    if !matches!(catalog.scoring, ScoringRule::Tiers {}) {
        return None;
    }
    let num = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64);
    let fmt = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"));
    let rows: Vec<GapRow> = result
        .get("categories")?
        .as_array()?
        .iter()
        .map(|c| {
            let cid = c.get("id").and_then(Value::as_str).unwrap_or("").to_owned();
            let tier = num(c, "tier");
            let target = num(c, "target");
            GapRow {
                title: figures::axis_label(catalog, &cid, lang),
                tier: fmt(tier),
                target: target.map_or_else(|| "—".to_owned(), |t| format!("{t:.0}")),
                gap: fmt(num(c, "gap")),
                cells: (1..=4)
                    .map(|n| {
                        let n = f64::from(n);
                        (tier.is_some_and(|t| t >= n), target == Some(n))
                    })
                    .collect(),
                gap_value: num(c, "gap").unwrap_or(0.0),
                id: cid,
            }
        })
        .collect();
    let mut priorities: Vec<&GapRow> = rows.iter().filter(|r| r.gap_value > 0.0).collect();
    priorities.sort_by(|a, b| b.gap_value.total_cmp(&a.gap_value));
    let chart = mamori_charts::bars(&mamori_charts::Bars {
        id: format!("gaps-{id}"),
        title: tr(lang, "カテゴリーごとの現在のティアと目標").to_owned(),
        description: rows
            .iter()
            .map(|r| format!("{} {} / {}", r.title, r.tier, r.target))
            .collect::<Vec<_>>()
            .join(tr(lang, "、")),
        labels: rows.iter().map(|r| r.title.clone()).collect(),
        min: 0.0,
        max: 4.0,
        ticks: vec![1.0, 2.0, 3.0, 4.0],
        series: vec![mamori_charts::Series {
            name: tr(lang, "現在").to_owned(),
            values: rows.iter().map(|r| r.tier.parse().ok()).collect(),
            kind: mamori_charts::SeriesKind::Current,
        }],
        targets: Some(rows.iter().map(|r| r.target.parse().ok()).collect()),
        target_label: tr(lang, "目標").to_owned(),
        empty_text: tr(lang, "表示できる結果がありません").to_owned(),
    });
    Some(Gaps {
        priorities: priorities
            .iter()
            .map(|r| (r.id.clone(), r.title.clone(), r.gap.clone()))
            .collect(),
        rows,
        chart,
    })
}

pub async fn result_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    a: &Assessment,
) -> Result<Response, AppError> {
    result_page_with(state, ctx, access, a, Vec::new(), &a.notes).await
}

/// The result page with the notes to show and their problems (a notes form sent back).
pub async fn result_page_with(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    a: &Assessment,
    problems: Vec<FieldProblem>,
    notes: &[ItemNote],
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let catalog = answers::catalog_of(a)?;
    let result = a
        .result
        .as_ref()
        .ok_or_else(|| AppError::internal("submitted without a result"))?;
    let scale = figures::scale(catalog);
    // The previous submission of the same diagnostic, for the change per group.
    let history = state
        .store()
        .result_history(access.scope(), &catalog.id, HISTORY_LIMIT)
        .await?;
    let previous = history
        .iter()
        .take_while(|(s, _)| s.id != a.summary.id)
        .last()
        .filter(|_| history.iter().any(|(s, _)| s.id == a.summary.id));
    let now = figures::by_group(catalog, result);
    let before = previous
        .filter(|(s, _)| s.catalog_version == a.summary.catalog_version)
        .map(|(_, r)| figures::by_group(catalog, r));
    let axes: Vec<AxisRow> = now
        .iter()
        .map(|(id, v)| {
            let b = before
                .as_ref()
                .and_then(|b| b.iter().find(|(bid, _)| bid == id))
                .and_then(|(_, v)| *v);
            AxisRow {
                label: figures::axis_label(catalog, id, lang),
                current: figures::show(*v, &scale),
                previous: before.as_ref().map(|_| figures::show(b, &scale)),
                change: change(*v, b, &scale),
            }
        })
        .collect();
    let chart = super::charts::result_chart(
        a.summary.id.0,
        catalog,
        &now,
        before.as_deref(),
        &scale,
        lang,
    );
    let submission = answers::submission_of(catalog, a)?;
    let proposals = improvement_list(catalog, &submission);
    let taken = state.store().open_action_items(access.scope()).await?;
    let proposals = proposals
        .iter()
        .map(|p| Proposal {
            priority: p.priority,
            find_out: p.kind == ActionKind::FindOut,
            item: p.item.to_owned(),
            group: catalog
                .group_position(p.group)
                .map(|g| catalog.groups[g].title.get(lang).to_owned())
                .unwrap_or_default(),
            text: p.text.get(lang).to_owned(),
            action_title: p.action_title(catalog, lang),
            answer: p.answer.and_then(|v| {
                let i = catalog.item_position(p.item)?;
                Some(label_of(catalog, i, &v.to_string(), lang))
            }),
            risk: p.risk.map(|r| r.get(lang).to_owned()),
            countermeasures: p
                .countermeasures
                .iter()
                .map(|c| c.get(lang).to_owned())
                .collect(),
            taken: taken.iter().any(|(c, i)| c == &catalog.id && i == p.item),
        })
        .collect::<Vec<_>>();
    let unknown = proposals
        .iter()
        .filter(|p| p.find_out)
        .map(|p| (p.item.clone(), p.text.clone()))
        .collect();
    // Catalogs without per-group figures list each answer instead (the Five Principles).
    let answers = if now.is_empty() {
        catalog
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let v = submission.answers.choice(catalog, i)?;
                Some(AnswerLine {
                    item: item.id.clone(),
                    text: item.text.get(lang).to_owned(),
                    answer: v.label.get(lang).to_owned(),
                    good: v.points >= mamori_domain::scoring::max_points(catalog.options_of(i)),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = ResultPage {
        org: OrgNav::new(access, "diagnoses"),
        id: a.summary.id.0,
        catalog_id: catalog.id.clone(),
        title: catalog.title.get(lang).to_owned(),
        date: jst(a.summary.submitted_at.unwrap_or(a.summary.updated_at), lang),
        headline: headline(catalog, result, lang),
        chart,
        axes,
        previous_date: previous.map(|(s, _)| jst(s.submitted_at.unwrap_or(s.updated_at), lang)),
        unknown,
        unknown_note: wording::unknown_note(catalog, lang),
        proposals,
        order_note: wording::order_note(catalog, lang),
        sites: site_table(catalog, a, result, lang),
        gaps: gaps(a.summary.id.0, catalog, result, lang),
        peers: super::peers::panel(state, access, catalog, result, a.summary.id.0, lang).await?,
        answers,
        notes: super::notes::rows(catalog, result, notes, lang),
        problems,
        can_edit: mamori_app::guard::allows(&access.access, mamori_app::guard::Need::Edit),
        ctx,
    };
    Ok(render(&page)?.into_response())
}
