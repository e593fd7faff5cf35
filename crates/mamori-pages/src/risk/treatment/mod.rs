//! リスク対応 (risk.md §5): every asset at medium or high risk, highest first, with the option the
//! domain suggests (`suggest_treatment`, shown only as a suggestion with the catalog's wording)
//! and the company's decision: the chosen option, planned measures (which go into the action list
//! through `set_risk_treatment`), owner, due date, residual risk and the acceptance of the
//! residual risk by a named approver. Acceptance is allowed only at or below the organisation's
//! threshold (`may_accept`), which is set on the same page. Plain forms, no JavaScript; viewers
//! see the decisions read-only.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_domain::Lang;
use mamori_domain::risk::{RiskLevel, Treatment, builtin_catalog, catalog::TreatmentText};
use mamori_storage::RiskAssetId;

mod decision;

use mamori_app::risk::settings::{self, SettingsDraft, SettingsFields};
use mamori_app::risk::treatments;

pub use decision::TreatmentForm;

use super::{Choice, level_class, level_label, load};
use crate::Need;
use crate::PageContext;
use crate::need;
use crate::org::OrgNav;
use crate::render;
use crate::render_status;
use mamori_http::i18n::{pick, tr};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

fn wording(o: Treatment) -> Option<&'static TreatmentText> {
    builtin_catalog().treatment(o)
}

/// The option's name in the page language (the catalog's, or the stored code as a fallback).
pub fn option_label(o: Treatment, lang: Lang) -> String {
    wording(o).map_or_else(|| o.as_str().to_owned(), |t| t.name.get(lang).to_owned())
}

pub struct Suggestion {
    pub name: String,
    pub meaning: String,
    pub example: String,
    pub reason: &'static str,
}

/// A recorded decision, as read.
pub struct Decided {
    pub option: String,
    pub planned: String,
    pub owner: String,
    pub due_date: String,
    pub residual: String,
    pub approval: Option<(String, String)>,
    pub action_id: Option<i64>,
}

pub struct OptionRadio {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
    pub suggested: bool,
}

pub struct TreatmentRow {
    pub id: i64,
    pub name: String,
    pub medium: String,
    pub importance: u8,
    pub threat: String,
    pub risk_value: u8,
    pub level: &'static str,
    pub level_class: &'static str,
    pub suggestion: Option<Suggestion>,
    pub decided: Option<Decided>,
    pub form: TreatmentForm,
    pub options: Vec<OptionRadio>,
    pub residuals: Vec<Choice>,
    pub problems: Vec<FieldProblem>,
}

impl TreatmentRow {
    /// The field has a problem (the template marks it `aria-invalid`).
    pub fn invalid(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }
}

pub struct OptionText {
    pub name: String,
    pub meaning: String,
    pub example: String,
}

#[derive(Template)]
#[template(path = "risk/treatment.html")]
struct TreatmentPage {
    ctx: PageContext,
    org: OrgNav,
    tab: &'static str,
    rows: Vec<TreatmentRow>,
    options: Vec<OptionText>,
    threshold: i64,
    threshold_text: String,
    thresholds: Vec<Choice>,
    unrated: usize,
    decided: usize,
    problems: Vec<FieldProblem>,
}

/// Why the domain suggests what it does (risk.md §5's 2×2 of importance and frequency).
fn suggestion_reason(lang: Lang, important: bool, frequent: bool) -> &'static str {
    match (important, frequent) {
        (true, true) => tr(lang, "重要度が高く、脅威の発生頻度も高い情報資産です。"),
        (false, true) => tr(
            lang,
            "重要度は最高ではありませんが、脅威の発生頻度が高い情報資産です。",
        ),
        (true, false) => tr(
            lang,
            "重要度は高いものの、脅威の発生頻度は高くない情報資産です。",
        ),
        (false, false) => tr(lang, "重要度も脅威の発生頻度も高くない情報資産です。"),
    }
}

/// A rejected form for one asset: its values as typed and its problems.
struct Rejected {
    asset: i64,
    form: TreatmentForm,
    problems: Vec<FieldProblem>,
}

async fn treatment_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    rejected: Option<Rejected>,
    settings_problems: Vec<FieldProblem>,
) -> Result<TreatmentPage, AppError> {
    let org = OrgNav::new(access, "risk");
    need(access, Need::ReadCompany)?;
    let lang = ctx.lang;
    let catalog = builtin_catalog();
    let reg = load(state, access).await?;
    let treatments = &reg.treatments;
    let threshold = i64::from(reg.input.acceptance_threshold.get());
    let mut rows: Vec<(u8, TreatmentRow)> = Vec::new();
    let mut unrated = 0;
    for (asset, e) in reg.assets.iter().zip(&reg.evaluated) {
        let Some(level) = e.level else {
            unrated += 1;
            continue;
        };
        if level == RiskLevel::Low {
            continue;
        }
        let risk = e.risk_value.unwrap_or(0);
        let current = treatments.iter().find(|t| t.asset_id == asset.id);
        let suggestion = e.suggested_treatment.and_then(|s| {
            let text = catalog.treatment(s)?;
            Some(Suggestion {
                name: text.name.get(lang).to_owned(),
                meaning: text.meaning.get(lang).to_owned(),
                example: text.example.get(lang).to_owned(),
                reason: suggestion_reason(
                    lang,
                    e.importance == mamori_domain::risk::Importance::MAX,
                    e.threat == Some(mamori_domain::risk::Threat::MAX),
                ),
            })
        });
        let (form, problems) = match &rejected {
            Some(r) if r.asset == asset.id.0 => (r.form.clone(), r.problems.clone()),
            _ => (
                current.map(TreatmentForm::of).unwrap_or_default(),
                Vec::new(),
            ),
        };
        let suggested = e.suggested_treatment;
        rows.push((
            risk,
            TreatmentRow {
                id: asset.id.0,
                name: asset.fields.name.clone(),
                medium: mamori_app::labels::medium(catalog, &asset.fields.medium, lang),
                importance: e.importance,
                threat: e.threat.map_or_else(|| "—".to_owned(), |t| t.to_string()),
                risk_value: risk,
                level: level_label(Some(level), lang),
                level_class: level_class(Some(level)),
                suggestion,
                decided: current.map(|t| Decided {
                    option: option_label(t.option, lang),
                    planned: t.planned.clone().unwrap_or_default(),
                    owner: t.owner.clone().unwrap_or_default(),
                    due_date: t.due_date.clone().unwrap_or_default(),
                    residual: t
                        .residual_risk
                        .map_or_else(|| "—".to_owned(), |r| r.to_string()),
                    approval: t
                        .approved_by
                        .clone()
                        .map(|by| (by, t.approved_on.clone().unwrap_or_default())),
                    action_id: t.action_id.map(|a| a.0),
                }),
                options: Treatment::ALL
                    .iter()
                    .map(|&o| OptionRadio {
                        value: o.as_str(),
                        label: option_label(o, lang),
                        checked: form.option == o.as_str(),
                        suggested: suggested == Some(o),
                    })
                    .collect(),
                residuals: std::iter::once((String::new(), "—".to_owned()))
                    .chain((0..=6).map(|v| (v.to_string(), v.to_string())))
                    .map(|(value, label)| Choice {
                        selected: value == form.residual_risk.trim(),
                        value,
                        label,
                    })
                    .collect(),
                form,
                problems,
            },
        ));
    }
    // Highest risk first; the register's order among equals.
    rows.sort_by_key(|(risk, _)| std::cmp::Reverse(*risk));
    let decided = rows.iter().filter(|(_, r)| r.decided.is_some()).count();
    // The summary at the top names the asset; the asset's own form lists its problems again.
    let mut problems = settings_problems;
    if let Some(r) = &rejected {
        let name = reg
            .assets
            .iter()
            .find(|a| a.id.0 == r.asset)
            .map_or("", |a| a.fields.name.as_str());
        problems.extend(r.problems.iter().map(|p| {
            FieldProblem::new(p.field.clone(), format!("{name}: {}", p.message)).en(format!(
                "{name}: {}",
                mamori_http::error::problem_text(p, Lang::En)
            ))
        }));
    }
    Ok(TreatmentPage {
        tab: "treatment",
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        options: Treatment::ALL
            .iter()
            .filter_map(|&o| wording(o))
            .map(|t| OptionText {
                name: t.name.get(lang).to_owned(),
                meaning: t.meaning.get(lang).to_owned(),
                example: t.example.get(lang).to_owned(),
            })
            .collect(),
        threshold,
        threshold_text: threshold_sentence(threshold, lang),
        thresholds: (0..=6)
            .map(|v: i64| Choice {
                value: v.to_string(),
                label: v.to_string(),
                selected: v == threshold,
            })
            .collect(),
        unrated,
        decided,
        problems,
        org,
        ctx,
    })
}

pub async fn treatment(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let page = treatment_page(&state, ctx, &access, None, Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// Records one asset's decision (`form=decision`, the default) or the acceptance threshold
/// (`form=threshold`).
pub async fn save_treatment(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // A viewer is refused before anything typed is looked at, as the use cases would.
    need(&access, Need::EditCompany)?;
    let org = access.scope().org().0;
    if field(&pairs, "form") == "threshold" {
        // The other settings go back as stored, so the one parser checks the whole record.
        let store = state.store();
        let mut fields = SettingsFields::of(&settings::get(store, &access.access).await?);
        fields.acceptance_threshold = Some(field(&pairs, "acceptance_threshold").to_owned());
        let draft = match SettingsDraft::parse(&fields) {
            Ok(draft) => draft,
            Err(problems) => {
                let page = treatment_page(&state, ctx, &access, None, problems).await?;
                return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
            }
        };
        settings::save(store, &access.access, &draft).await?;
        return Ok(Redirect::to(&format!(
            "/orgs/{org}/risk/treatment?notice=saved#threshold"
        ))
        .into_response());
    }
    let asset: i64 = field(&pairs, "asset")
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let form = TreatmentForm::from_pairs(&pairs);
    match treatments::decide(
        state.store(),
        &access.access,
        RiskAssetId(asset),
        &form.fields(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/orgs/{org}/risk/treatment?notice=saved#asset-{asset}"
        ))
        .into_response()),
        Err(mamori_app::Error::Invalid(problems)) => {
            let rejected = Rejected {
                asset,
                form,
                problems,
            };
            let page = treatment_page(&state, ctx, &access, Some(rejected), Vec::new()).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e.into()),
    }
}

/// "Residual risk 3 or less may be accepted" in the page language.
pub fn threshold_sentence(threshold: i64, lang: Lang) -> String {
    pick(
        lang,
        format!("残留リスクがリスク値 {threshold} 以下なら受容できます。"),
        format!("A residual risk of {threshold} or less may be accepted."),
    )
}
