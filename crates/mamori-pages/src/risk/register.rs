//! The register itself: the list (search, filters, grouping, sorting), adding, editing,
//! duplicating and deleting an asset, and changing several at once.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::assets::{self, AssetChange, AssetInput};
use mamori_app::guard::require;
use mamori_domain::Lang;
use mamori_domain::risk::builtin_catalog;
use mamori_storage::RiskAssetId;
use serde::Deserialize;

use super::form::AssetForm;
use super::{Choice, Evaluated, Register, level_class, level_label, load};
use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use crate::render_status;
use mamori_http::i18n::tr;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

// ---------------------------------------------------------------------------------------------
// The register

pub struct AssetRow {
    pub id: i64,
    pub number: usize,
    pub category: String,
    pub name: String,
    pub medium: String,
    pub personal: Vec<&'static str>,
    pub cia: String,
    pub importance: u8,
    pub raised: bool,
    pub risk_value: String,
    pub level: &'static str,
    pub level_class: &'static str,
}

pub struct Group {
    pub title: String,
    pub rows: Vec<AssetRow>,
}

#[derive(Deserialize, Default)]
pub struct Filter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    medium: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    sort: String,
}

#[derive(Template)]
#[template(path = "risk/register.html")]
struct RegisterPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    groups: Vec<Group>,
    total: usize,
    shown: usize,
    q: String,
    media: Vec<Choice>,
    levels: Vec<Choice>,
    groupings: Vec<Choice>,
    sorts: Vec<Choice>,
    form: AssetFormView,
    problems: Vec<FieldProblem>,
}

/// The asset form with its choices (shared by the add form and the edit page).
pub struct AssetFormView {
    pub f: AssetForm,
    pub media: Vec<Choice>,
    pub personal: Vec<(String, String, bool)>,
    pub classifications: Vec<Choice>,
    pub lifecycle: Vec<Choice>,
    pub categories: Vec<String>,
    pub personal_rule: String,
}

impl AssetFormView {
    fn new(f: AssetForm, lang: Lang) -> AssetFormView {
        let catalog = builtin_catalog();
        let choice = |code: &str, label: &str, current: &str| Choice {
            value: code.to_owned(),
            label: label.to_owned(),
            selected: code == current,
        };
        AssetFormView {
            media: catalog
                .media
                .iter()
                .map(|m| choice(&m.code, m.name.get(lang), &f.medium))
                .collect(),
            personal: catalog
                .personal_data
                .iter()
                .map(|p| {
                    (
                        p.code.clone(),
                        p.name.get(lang).to_owned(),
                        f.has_personal(&p.code),
                    )
                })
                .collect(),
            classifications: catalog
                .classifications
                .iter()
                .map(|c| choice(&c.code, c.name.get(lang), &f.classification))
                .collect(),
            lifecycle: catalog
                .lifecycle
                .iter()
                .map(|c| choice(&c.code, c.name.get(lang), &f.lifecycle))
                .collect(),
            categories: catalog
                .business_categories
                .iter()
                .map(|c| c.name.get(lang).to_owned())
                .collect(),
            personal_rule: catalog.personal_rule.get(lang).to_owned(),
            f,
        }
    }
}

fn rows(reg: &Register, lang: Lang) -> Vec<(usize, AssetRow)> {
    let catalog = builtin_catalog();
    reg.assets
        .iter()
        .zip(&reg.evaluated)
        .enumerate()
        .map(|(n, (a, e))| {
            let f = &a.fields;
            (
                n,
                AssetRow {
                    id: a.id.0,
                    number: n + 1,
                    category: f.business_category.clone().unwrap_or_default(),
                    name: f.name.clone(),
                    medium: mamori_app::labels::medium(catalog, &f.medium, lang),
                    personal: f
                        .personal
                        .iter()
                        .map(|p| match p {
                            mamori_domain::risk::PersonalData::Personal => tr(lang, "個人情報"),
                            mamori_domain::risk::PersonalData::Sensitive => {
                                tr(lang, "要配慮個人情報")
                            }
                            mamori_domain::risk::PersonalData::MyNumber => tr(lang, "特定個人情報"),
                        })
                        .collect(),
                    cia: format!("{} / {} / {}", f.c, f.i, f.a),
                    importance: e.importance,
                    raised: e.raised,
                    risk_value: e
                        .risk_value
                        .map_or_else(|| "—".to_owned(), |v| v.to_string()),
                    level: level_label(e.level, lang),
                    level_class: level_class(e.level),
                },
            )
        })
        .collect()
}

async fn register_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    filter: Filter,
    form: AssetForm,
    problems: Vec<FieldProblem>,
) -> Result<RegisterPage, AppError> {
    let org = OrgNav::new(access, "risk");
    need(access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let reg = load(state, access).await?;
    let catalog = builtin_catalog();
    let q = filter.q.trim().to_lowercase();
    let mut shown: Vec<(usize, AssetRow)> = rows(&reg, lang)
        .into_iter()
        .filter(|(n, r)| {
            let a = &reg.assets[*n].fields;
            (q.is_empty()
                || r.name.to_lowercase().contains(&q)
                || r.category.to_lowercase().contains(&q)
                || a.note.as_deref().unwrap_or("").to_lowercase().contains(&q))
                && (filter.medium.is_empty() || a.medium == filter.medium)
                && (filter.level.is_empty() || r.level_class == filter.level)
        })
        .collect();
    match filter.sort.as_str() {
        "name" => shown.sort_by(|a, b| a.1.name.cmp(&b.1.name)),
        "risk" => shown.sort_by_key(|(n, _)| {
            std::cmp::Reverse(reg.evaluated[*n].risk_value.map_or(-1, i16::from))
        }),
        _ => {}
    }
    let count = shown.len();
    let groups = match filter.group.as_str() {
        "category" | "medium" => {
            let mut groups: Vec<Group> = Vec::new();
            for (n, row) in shown {
                let key = if filter.group == "medium" {
                    row.medium.clone()
                } else {
                    reg.assets[n]
                        .fields
                        .business_category
                        .clone()
                        .unwrap_or_else(|| tr(lang, "（業務分類なし）").to_owned())
                };
                match groups.iter_mut().find(|g| g.title == key) {
                    Some(g) => g.rows.push(row),
                    None => groups.push(Group {
                        title: key,
                        rows: vec![row],
                    }),
                }
            }
            groups
        }
        _ => vec![Group {
            title: String::new(),
            rows: shown.into_iter().map(|(_, r)| r).collect(),
        }],
    };
    let choices = |options: Vec<(String, String)>, current: &str| -> Vec<Choice> {
        options
            .into_iter()
            .map(|(value, label)| Choice {
                selected: value == current,
                value,
                label,
            })
            .collect()
    };
    let t = |ja: &'static str| tr(lang, ja).to_owned();
    Ok(RegisterPage {
        tab: "register",
        total: reg.assets.len(),
        shown: count,
        groups,
        q: filter.q.clone(),
        media: choices(
            std::iter::once((String::new(), t("すべての媒体")))
                .chain(
                    catalog
                        .media
                        .iter()
                        .map(|m| (m.code.clone(), m.name.get(lang).to_owned())),
                )
                .collect(),
            &filter.medium,
        ),
        levels: choices(
            vec![
                (String::new(), t("すべてのレベル")),
                ("high".into(), t("大")),
                ("medium".into(), t("中")),
                ("low".into(), t("小")),
                ("unrated".into(), t("未評価")),
            ],
            &filter.level,
        ),
        groupings: choices(
            vec![
                (String::new(), t("まとめない")),
                ("category".into(), t("業務分類ごと")),
                ("medium".into(), t("媒体ごと")),
            ],
            &filter.group,
        ),
        sorts: choices(
            vec![
                (String::new(), t("台帳の順")),
                ("name".into(), t("名称順")),
                ("risk".into(), t("リスク値の高い順")),
            ],
            &filter.sort,
        ),
        form: AssetFormView::new(form, lang),
        problems,
        org,
        ctx,
    })
}

pub async fn register(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Query(filter): Query<Filter>,
) -> Result<Response, AppError> {
    let page = register_page(&state, ctx, &access, filter, AssetForm::blank(), Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

pub async fn add(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = AssetForm::from_pairs(&pairs);
    match form.parse() {
        Ok(draft) => {
            let asset = assets::add(state.store(), &access.access, &draft).await?;
            Ok(Redirect::to(&format!(
                "/orgs/{}/risk?notice=created#asset-{}",
                access.scope().org().0,
                asset.id.0
            ))
            .into_response())
        }
        Err(problems) => {
            let page =
                register_page(&state, ctx, &access, Filter::default(), form, problems).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One asset

#[derive(Template)]
#[template(path = "risk/asset.html")]
struct AssetPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    id: i64,
    form: AssetFormView,
    evaluated: Option<Evaluated>,
    level: &'static str,
    level_class: &'static str,
    problems: Vec<FieldProblem>,
}

async fn asset_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    id: RiskAssetId,
    form: Option<AssetForm>,
    problems: Vec<FieldProblem>,
) -> Result<AssetPage, AppError> {
    let org = OrgNav::new(access, "risk");
    need(access, Need::ReadCompany)?;
    let reg = load(state, access).await?;
    let n = reg
        .assets
        .iter()
        .position(|a| a.id == id)
        .ok_or(AppError::NotFound)?;
    let evaluated = reg.evaluated.get(n).cloned();
    let lang = ctx.lang;
    let level = evaluated.as_ref().and_then(|e| e.level);
    Ok(AssetPage {
        tab: "register",
        id: id.0,
        form: AssetFormView::new(form.unwrap_or_else(|| AssetForm::of(&reg.assets[n])), lang),
        level: level_label(level, lang),
        level_class: level_class(level),
        evaluated,
        problems,
        org,
        ctx,
    })
}

pub async fn asset(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((_, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let page = asset_page(&state, ctx, &access, RiskAssetId(id), None, Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

pub async fn save(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = AssetForm::from_pairs(&pairs);
    match form.parse() {
        Ok(draft) => {
            let change = AssetChange::all(draft);
            assets::change(state.store(), &access.access, RiskAssetId(id), &change).await?;
            Ok(Redirect::to(&format!("/orgs/{org}/risk?notice=saved#asset-{id}")).into_response())
        }
        Err(problems) => {
            let page =
                asset_page(&state, ctx, &access, RiskAssetId(id), Some(form), problems).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}

pub async fn duplicate(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let copy = assets::duplicate(state.store(), &access.access, RiskAssetId(id)).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{org}/risk/assets/{}?notice=created",
        copy.id.0
    ))
    .into_response())
}

pub async fn delete(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((org, id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    assets::remove(state.store(), &access.access, RiskAssetId(id)).await?;
    Ok(Redirect::to(&format!("/orgs/{org}/risk?notice=deleted")).into_response())
}

// ---------------------------------------------------------------------------------------------
// Bulk edit

/// Changes the chosen rows at once: every field left empty stays as it is. One transaction: all
/// the chosen rows change, or none.
pub async fn bulk(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require(&access.access, Need::EditCompany)?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let ids: Vec<RiskAssetId> = pairs
        .iter()
        .filter(|(n, _)| n == "ids")
        .filter_map(|(_, v)| v.parse().ok().map(RiskAssetId))
        .collect();
    let mut problems = Vec::new();
    if ids.is_empty() {
        problems.push(
            FieldProblem::new("ids", "まとめて変える情報資産を選んでください。")
                .en("Choose the information assets to change."),
        );
    }
    // The bulk form's fields, read by the one asset parser: what is left empty stays as it is.
    let input = AssetInput {
        business_category: get("bulk_category"),
        owner_department: get("bulk_department"),
        medium: get("bulk_medium"),
        c: get("bulk_c"),
        i: get("bulk_i"),
        a: get("bulk_a"),
        ..AssetInput::default()
    };
    let nothing = [
        &input.business_category,
        &input.owner_department,
        &input.medium,
        &input.c,
        &input.i,
        &input.a,
    ]
    .iter()
    .all(|v| v.is_none());
    let change = match AssetChange::parse(&input) {
        Ok(change) => Some(change),
        Err(found) => {
            problems.extend(found.into_iter().map(|mut p| {
                p.field = bulk_field(&p.field).to_owned();
                p
            }));
            None
        }
    };
    if nothing && problems.is_empty() {
        problems.push(
            FieldProblem::new("bulk_category", "変える項目を1つ以上入力してください。")
                .en("Fill in at least one field to change."),
        );
    }
    let Some(change) = change.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let updates: Vec<(RiskAssetId, AssetChange)> =
        ids.into_iter().map(|id| (id, change.clone())).collect();
    assets::change_many(state.store(), &access.access, &updates).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/risk?notice=saved",
        access.scope().org().0
    ))
    .into_response())
}

/// The bulk form's name of an asset field.
fn bulk_field(field: &str) -> &str {
    match field {
        "business_category" => "bulk_category",
        "owner_department" => "bulk_department",
        "medium" => "bulk_medium",
        "c" => "bulk_c",
        "i" => "bulk_i",
        "a" => "bulk_a",
        other => other,
    }
}
