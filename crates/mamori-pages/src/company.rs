//! A company's profile and its consents to support organisations; a support organisation's view
//! of the companies that consented.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::OrgId;
use serde::Deserialize;

use super::org::OrgNav;
use super::{PageContext, jst, render, render_status};
use crate::Need;
use crate::need;
use mamori_app::company;
use mamori_app::fields as validate;
use mamori_app::fields::{INDUSTRIES, PREFECTURES, prefecture_label};
use mamori_http::i18n::Lang;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// The profile form's fields as typed, so a rejected form comes back as the user left it.
#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    industry: String,
    #[serde(default)]
    employees: String,
    #[serde(default)]
    employee_band: String,
    #[serde(default)]
    prefecture: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    capital_yen: String,
    #[serde(default)]
    parent_company: String,
    #[serde(default)]
    supply_chain: String,
}

impl ProfileForm {
    fn of(p: &mamori_storage::CompanyProfile) -> ProfileForm {
        ProfileForm {
            industry: p.industry.map(|c| c.to_string()).unwrap_or_default(),
            employees: p.employees.map(|n| n.to_string()).unwrap_or_default(),
            employee_band: p
                .employee_band
                .map(|b| b.as_str().to_owned())
                .unwrap_or_default(),
            prefecture: p.prefecture.clone().unwrap_or_default(),
            city: p.city.clone().unwrap_or_default(),
            capital_yen: p.capital_yen.map(|n| n.to_string()).unwrap_or_default(),
            parent_company: p.parent_company.clone().unwrap_or_default(),
            supply_chain: p.supply_chain.clone().unwrap_or_default(),
        }
    }

    /// Numbers typed with commas or full-width digits are accepted ("1,000", "１０").
    /// `label` names the field in both languages.
    fn number(
        field: &str,
        label: (&str, &str),
        text: &str,
        problems: &mut Vec<FieldProblem>,
    ) -> Option<i64> {
        if text.trim().is_empty() {
            return None;
        }
        match mamori_app::fields::whole_number(text) {
            Some(n) => Some(n),
            None => {
                let (ja, en) = label;
                let typed = text.trim();
                problems.push(
                    FieldProblem::new(
                        field,
                        format!(
                            "{ja}は数字で入力してください（「{typed}」は数として読めません）。"
                        ),
                    )
                    .en(format!(
                        "Please enter {en} in digits (“{typed}” is not a number)."
                    )),
                );
                None
            }
        }
    }

    /// Saves the profile through the use case. A number that cannot be read is listed with
    /// every problem the profile check finds, and nothing is stored.
    async fn save(
        &self,
        store: &mamori_storage::Store,
        access: &mamori_storage::Access,
    ) -> Result<mamori_storage::CompanyProfile, mamori_app::Error> {
        let mut problems = Vec::new();
        let employees = Self::number(
            "employees",
            ("従業員数", "the number of employees"),
            &self.employees,
            &mut problems,
        );
        let capital_yen = Self::number(
            "capital_yen",
            ("資本金", "the share capital"),
            &self.capital_yen,
            &mut problems,
        );
        let some = |s: &str| Some(s.to_owned()).filter(|s| !s.trim().is_empty());
        let io = validate::ProfileInput {
            industry: some(&self.industry),
            employee_band: some(&self.employee_band),
            employees,
            prefecture: some(&self.prefecture),
            city: some(&self.city),
            capital_yen,
            parent_company: some(&self.parent_company),
            supply_chain: some(&self.supply_chain),
        };
        if !problems.is_empty() {
            if let Err(more) = validate::profile(&io) {
                problems.extend(more);
            }
            return Err(mamori_app::Error::Invalid(problems));
        }
        company::save_profile(store, access, &io).await
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "company/profile.html")]
struct ProfilePage {
    ctx: PageContext,
    org: OrgNav,
    form: ProfileForm,
    industries: Vec<Choice>,
    prefectures: Vec<Choice>,
    bands: Vec<Choice>,
    problems: Vec<FieldProblem>,
}

impl ProfilePage {
    fn has_problem(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }
}

fn profile_page(
    ctx: PageContext,
    access: &OrgAccess,
    form: ProfileForm,
    problems: Vec<FieldProblem>,
) -> ProfilePage {
    let lang = ctx.lang;
    ProfilePage {
        ctx,
        org: OrgNav::new(access, "profile"),
        form,
        industries: INDUSTRIES
            .iter()
            .map(|(c, ja, en)| Choice {
                value: c.to_string(),
                label: format!("{c} {}", if lang == Lang::En { en } else { ja }),
            })
            .collect(),
        // The stored value stays the Japanese name; English pages show it in romaji.
        prefectures: PREFECTURES
            .iter()
            .map(|p| Choice {
                value: (*p).to_owned(),
                label: prefecture_label(p, lang).to_owned(),
            })
            .collect(),
        bands: mamori_storage::EmployeeBand::ALL
            .iter()
            .map(|b| Choice {
                value: b.as_str().to_owned(),
                label: mamori_app::labels::employee_band(b.as_str(), lang),
            })
            .collect(),
        problems,
    }
}

pub async fn profile(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let p = company::profile(state.store(), &access.access).await?;
    let form = ProfileForm::of(&p);
    Ok(render(&profile_page(ctx, &access, form, Vec::new()))?.into_response())
}

pub async fn save_profile(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<ProfileForm>,
) -> Result<Response, AppError> {
    match form.save(state.store(), &access.access).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/orgs/{}/profile?notice=saved",
            access.access.org.id
        ))
        .into_response()),
        Err(mamori_app::Error::Invalid(problems)) => Ok(render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &profile_page(ctx, &access, form, problems),
        )),
        Err(e) => Err(e.into()),
    }
}

pub struct ConsentRow {
    pub id: i64,
    pub name: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "company/consents.html")]
struct ConsentsPage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<ConsentRow>,
    problems: Vec<FieldProblem>,
    support_code: String,
    /// The company lets its results count, anonymously, in other companies' comparisons.
    shares_anonymously: bool,
}

async fn consents_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    problems: Vec<FieldProblem>,
    support_code: String,
) -> Result<ConsentsPage, AppError> {
    let org = OrgNav::new(access, "consents");
    let lang = ctx.lang;
    let rows = if org.is_company {
        company::consents(state.store(), &access.access).await?
    } else {
        company::consenting_companies(state.store(), &access.access).await?
    };
    let rows = rows
        .into_iter()
        .map(|c| {
            let other = if org.is_company { c.support } else { c.company };
            ConsentRow {
                id: other.id.0,
                name: other.name,
                since: jst(c.granted_at, lang),
            }
        })
        .collect();
    let shares_anonymously =
        org.is_company && state.store().shares_anonymously(access.scope()).await?;
    Ok(ConsentsPage {
        ctx,
        org,
        rows,
        problems,
        support_code,
        shares_anonymously,
    })
}

pub async fn consents(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    Ok(
        render(&consents_page(&state, ctx, &access, Vec::new(), String::new()).await?)?
            .into_response(),
    )
}

#[derive(Deserialize)]
pub struct GrantForm {
    support_code: String,
}

pub async fn grant(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<GrantForm>,
) -> Result<Response, AppError> {
    need(&access, Need::ReadCompany)?;
    let problems = match mamori_app::consents::grant_by_code(
        state.store(),
        &access.access,
        &form.support_code,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => {
            return Ok(Redirect::to(&format!(
                "/orgs/{}/consents?notice=consent_granted",
                access.access.org.id
            ))
            .into_response());
        }
        Err(AppError::Invalid(problems)) => problems,
        Err(e) => return Err(e),
    };
    let page = consents_page(&state, ctx, &access, problems, form.support_code).await?;
    Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

/// The support organisation declines or stops working with a company (its administrators).
pub async fn remove_company(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((_, company)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    state
        .store()
        .remove_company(access.scope(), &access.access.org, OrgId(company))
        .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/consents?notice=company_removed",
        access.access.org.id
    ))
    .into_response())
}

pub async fn revoke(
    State(state): State<AppState>,
    access: OrgAccess,
    Path((_, support)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    company::revoke_consent(state.store(), &access.access, OrgId(support)).await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/consents?notice=consent_revoked",
        access.access.org.id
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct AnonymousForm {
    #[serde(default)]
    share: Option<String>,
}

/// Turns the anonymous use of the company's results in peer comparisons on or off.
pub async fn anonymous(
    State(state): State<AppState>,
    access: OrgAccess,
    Form(form): Form<AnonymousForm>,
) -> Result<Response, AppError> {
    need(&access, Need::ReadCompany)?;
    let share = form.share.as_deref() == Some("yes");
    state
        .store()
        .set_anonymous_sharing(access.scope(), share)
        .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/consents?notice=saved",
        access.access.org.id
    ))
    .into_response())
}
