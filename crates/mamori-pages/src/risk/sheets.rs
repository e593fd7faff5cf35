//! The analysis sheets: threat status per medium (脅威の状況), the countermeasure checklist by
//! regulation chapter (対策状況チェック) and the results (診断結果).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::risk::countermeasures::{self, AnswerFields, Checklist};
use mamori_app::risk::threats::{self, ThreatFields, ThreatSheet};
use mamori_domain::risk::{Chapter, Importance, Likelihood, builtin_catalog};

use super::{level_class, level_label, load};
use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

pub struct Radio {
    pub name: String,
    pub id: String,
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct ThreatRow {
    pub kind: String,
    pub description: String,
    pub radios: Vec<Radio>,
}

pub struct MediumBlock {
    pub code: String,
    pub name: String,
    pub examples: String,
    pub threat: String,
    pub rows: Vec<ThreatRow>,
}

#[derive(Template)]
#[template(path = "risk/threats.html")]
struct ThreatsPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    media: Vec<MediumBlock>,
    scale: Vec<(u8, String, String)>,
}

pub async fn threats(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let catalog = builtin_catalog();
    let rated = state.store().risk_threats(access.scope()).await?;
    let media = catalog
        .media
        .iter()
        .enumerate()
        .map(|(m, medium)| {
            let rows: Vec<ThreatRow> = catalog
                .threats_of(m)
                .iter()
                .map(|&t| {
                    let kind = &catalog.threats[t];
                    let given = rated
                        .iter()
                        .find(|r| r.medium == medium.code && r.kind.as_str() == kind.code)
                        .map(|r| r.frequency);
                    let name = format!("t:{}:{}", medium.code, kind.code);
                    ThreatRow {
                        kind: kind.name.get(lang).to_owned(),
                        description: kind.description.get(lang).to_owned(),
                        radios: catalog
                            .frequencies
                            .iter()
                            .map(|f| Radio {
                                id: format!("t-{}-{}-{}", medium.code, kind.code, f.value),
                                name: name.clone(),
                                value: f.value.to_string(),
                                label: format!("{} {}", f.value, f.label.get(lang)),
                                checked: given == Some(i64::from(f.value)),
                            })
                            .collect(),
                    }
                })
                .collect();
            let threat = rated
                .iter()
                .filter(|r| r.medium == medium.code)
                .map(|r| r.frequency)
                .max();
            MediumBlock {
                code: medium.code.clone(),
                name: medium.name.get(lang).to_owned(),
                examples: medium.examples.get(lang).to_owned(),
                threat: threat.map_or_else(|| tr(lang, "未評価").to_owned(), |t| t.to_string()),
                rows,
            }
        })
        .collect();
    let page = ThreatsPage {
        tab: "threats",
        scale: catalog
            .frequencies
            .iter()
            .map(|f| {
                (
                    f.value,
                    f.label.get(lang).to_owned(),
                    f.description.get(lang).to_owned(),
                )
            })
            .collect(),
        media,
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Saves every rating on the page at once; a field not sent (nothing chosen) stays unrated.
/// The ratings are checked by the one threat parser (`mamori_app::risk::threats`), the API's.
pub async fn save_threats(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // A viewer is refused before anything typed is looked at, as the use case would.
    need(&access, Need::EditCompany)?;
    let mut names = Vec::new();
    let mut fields = Vec::new();
    for (name, value) in &pairs {
        let Some((medium, kind)) = name.strip_prefix("t:").and_then(|r| r.split_once(':')) else {
            continue;
        };
        names.push(name.as_str());
        fields.push(ThreatFields {
            medium: Some(medium.to_owned()),
            kind: Some(kind.to_owned()),
            frequency: Some(value.clone()),
        });
    }
    let sheet = ThreatSheet::parse(&fields).map_err(|p| AppError::Invalid(at_inputs(p, &names)))?;
    threats::save(state.store(), &access.access, &sheet).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/risk/threats?notice=saved",
        access.scope().org().0
    ))
    .into_response())
}

/// A list parser's problems (`[3].frequency`) at the page's inputs they came from, so the form
/// marks the right one.
fn at_inputs(problems: Vec<FieldProblem>, names: &[&str]) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|mut p| {
            let n = p
                .field
                .strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .and_then(|n| n.parse::<usize>().ok());
            if let Some(name) = n.and_then(|n| names.get(n)) {
                p.field = (*name).to_owned();
            }
            p
        })
        .collect()
}

pub struct ItemRow {
    pub id: String,
    pub text: String,
    pub media: String,
    pub radios: Vec<Radio>,
}

pub struct ChapterBlock {
    pub number: u8,
    pub title: String,
    pub items: Vec<ItemRow>,
}

#[derive(Template)]
#[template(path = "risk/countermeasures.html")]
struct CountermeasuresPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    chapters: Vec<ChapterBlock>,
    answered: usize,
    total: usize,
}

pub async fn countermeasures(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let catalog = builtin_catalog();
    let answers = state.store().risk_answers(access.scope()).await?;
    let chapters: Vec<ChapterBlock> = Chapter::all()
        .map(|chapter| ChapterBlock {
            number: chapter.number(),
            title: chapter.title(lang).to_owned(),
            items: catalog
                .countermeasures_in(chapter)
                .map(|item| {
                    let given = answers
                        .iter()
                        .find(|a| a.item_id == item.id)
                        .map(|a| a.answer);
                    ItemRow {
                        text: item.text.get(lang).to_owned(),
                        media: item
                            .media
                            .iter()
                            .map(|m| mamori_app::labels::medium(catalog, m, lang))
                            .collect::<Vec<_>>()
                            .join(tr(lang, "、")),
                        radios: catalog
                            .answers
                            .iter()
                            .map(|o| Radio {
                                id: format!("m-{}-{}", item.id, o.value),
                                name: format!("m:{}", item.id),
                                value: o.value.to_string(),
                                label: o.label.get(lang).to_owned(),
                                checked: given == Some(i64::from(o.value)),
                            })
                            .collect(),
                        id: item.id.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    let page = CountermeasuresPage {
        tab: "countermeasures",
        answered: answers.len(),
        total: catalog.countermeasures.len(),
        chapters,
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}

/// Saves the answers on the page, checked by the one checklist parser (the API's); answers and
/// notes the page does not show are kept.
pub async fn save_countermeasures(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // A viewer is refused before anything typed is looked at, as the use case would.
    need(&access, Need::EditCompany)?;
    let mut names = Vec::new();
    let mut fields = Vec::new();
    for (name, value) in &pairs {
        let Some(id) = name.strip_prefix("m:") else {
            continue;
        };
        names.push(name.as_str());
        fields.push(AnswerFields {
            item: Some(id.to_owned()),
            answer: Some(value.clone()),
            note: None,
        });
    }
    let given = Checklist::parse(&fields).map_err(|p| AppError::Invalid(at_inputs(p, &names)))?;
    countermeasures::answer(state.store(), &access.access, &given).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/risk/countermeasures?notice=saved",
        access.scope().org().0
    ))
    .into_response())
}

pub struct ResultAsset {
    pub id: i64,
    pub name: String,
    pub medium: String,
    pub importance: u8,
    pub likelihood: String,
    pub risk_value: String,
    pub level: &'static str,
    pub level_class: &'static str,
}

pub struct ChapterRow {
    pub number: u8,
    pub title: String,
    pub rate: String,
    pub needed: bool,
}

#[derive(Template)]
#[template(path = "risk/results.html")]
struct ResultsPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    counts: [u32; 4],
    has_unrated: bool,
    /// Rows importance 2, 1, 0; columns likelihood 1, 2, 3: (count, css class).
    heat: Vec<(u8, Vec<(u32, &'static str)>)>,
    assets: Vec<ResultAsset>,
    chapters: Vec<ChapterRow>,
    unanswered: usize,
}

pub async fn results(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "risk");
    need(&access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let catalog = builtin_catalog();
    let reg = load(&state, &access).await?;
    let analysis = &reg.summary;
    let heat = (0..=2u8)
        .rev()
        .map(|i| {
            let cells = (1..=3u8)
                .map(|l| {
                    let value = i * l;
                    let class = match value {
                        4..=6 => "high",
                        1..=3 => "medium",
                        _ => "low",
                    };
                    let count = Importance::new(i.into())
                        .zip(Likelihood::new(l.into()))
                        .map_or(0, |(i, l)| analysis.heat_map.count(i, l));
                    (count, class)
                })
                .collect();
            (i, cells)
        })
        .collect();
    let mut assets: Vec<ResultAsset> = reg
        .assets
        .iter()
        .zip(&reg.evaluated)
        .filter(|(_, e)| {
            e.level
                .is_some_and(|l| l != mamori_domain::risk::RiskLevel::Low)
        })
        .map(|(a, e)| ResultAsset {
            id: a.id.0,
            name: a.fields.name.clone(),
            medium: mamori_app::labels::medium(catalog, &a.fields.medium, lang),
            importance: e.importance,
            likelihood: e
                .likelihood
                .map_or_else(|| "—".to_owned(), |l| l.to_string()),
            risk_value: e
                .risk_value
                .map_or_else(|| "—".to_owned(), |v| v.to_string()),
            level: level_label(e.level, lang),
            level_class: level_class(e.level),
        })
        .collect();
    assets.sort_by(|a, b| b.risk_value.cmp(&a.risk_value));
    let page = ResultsPage {
        tab: "results",
        counts: [
            analysis.levels.high,
            analysis.levels.medium,
            analysis.levels.low,
            analysis.levels.unrated,
        ],
        has_unrated: analysis.levels.unrated > 0,
        heat,
        assets,
        chapters: analysis
            .chapters
            .iter()
            .map(|c| ChapterRow {
                number: c.chapter.number(),
                title: c.chapter.title(lang).to_owned(),
                rate: c
                    .rate_percent
                    .map_or_else(|| "—".to_owned(), |r| format!("{r}%")),
                needed: c.regulation_needed,
            })
            .collect(),
        unanswered: analysis.unanswered,
        org,
        ctx,
    };
    Ok(render(&page)?.into_response())
}
