//! An organisation's own pages: the overview, settings (rename, delete) and the audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_storage::{OrgKind, Role, Via};
use serde::Deserialize;

use super::{PageContext, jst, render, render_status};
use mamori_app::company;
use mamori_app::fields as validate;
use mamori_app::guard::Need;
use mamori_http::i18n::{Lang, pick, tr};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

/// The organisation header and tabs every organisation page shows.
pub struct OrgNav {
    pub id: i64,
    pub name: String,
    pub kind: OrgKind,
    pub role: Role,
    pub is_company: bool,
    pub can_edit: bool,
    pub can_admin: bool,
    pub via_consent: bool,
    pub tab: &'static str,
}

impl OrgNav {
    pub fn new(access: &OrgAccess, tab: &'static str) -> OrgNav {
        let a = &access.access;
        OrgNav {
            id: a.org.id.0,
            name: a.org.name.clone(),
            kind: a.org.kind,
            role: a.scope.role(),
            is_company: a.org.kind == OrgKind::Company,
            can_edit: mamori_app::guard::allows(a, Need::Edit),
            can_admin: mamori_app::guard::allows(a, Need::Administer),
            via_consent: matches!(a.via, Via::Consent { .. }),
            tab,
        }
    }

    /// "企業" / "Company" (the header takes the page's language: `org.kind_label(ctx.lang)`).
    pub fn kind_label(&self, lang: impl std::borrow::Borrow<Lang>) -> &'static str {
        mamori_app::labels::org_kind(self.kind, *lang.borrow())
    }

    pub fn role_label(&self, lang: impl std::borrow::Borrow<Lang>) -> &'static str {
        mamori_app::labels::role(self.role, *lang.borrow())
    }
}

#[derive(Clone)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

/// What a company's home shows besides the header: computed once for everyone who looks within
/// a couple of seconds (`home_cache`).
#[derive(Clone, Default)]
pub struct CachedHome {
    pub standing: Option<super::diagnosis::home::Standing>,
    pub facts: Vec<Fact>,
    pub supporters: Vec<String>,
}

pub struct CompanyRow {
    pub id: i64,
    pub name: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "org/overview.html")]
struct OverviewPage {
    ctx: PageContext,
    org: OrgNav,
    facts: Vec<Fact>,
    supporters: Vec<String>,
    companies: Vec<CompanyRow>,
    standing: Option<super::diagnosis::home::Standing>,
    /// Incident reports still due; only for those who may see incidents (never cached: the
    /// home is shared by every member, incidents are not).
    due: Vec<super::incidents::DueRow>,
    sees_incidents: bool,
}

pub use mamori_app::figures::headline;

/// The company home's figures, read from the store.
async fn company_home(
    state: &AppState,
    access: &OrgAccess,
    lang: Lang,
) -> Result<CachedHome, AppError> {
    // Independent reads run side by side: the page waits for the slowest, not the sum.
    let (standing, p, consents) = tokio::try_join!(
        super::diagnosis::home::standing(state, access, lang),
        async { Ok(company::profile(state.store(), &access.access).await?) },
        async { Ok(company::consents(state.store(), &access.access).await?) },
    )?;
    let mut facts = Vec::new();
    if let Some(label) = p.industry.and_then(|c| validate::industry_label(c, lang)) {
        facts.push(Fact {
            label: tr(lang, "業種"),
            value: label.to_owned(),
        });
    }
    match (p.employees, p.employee_band) {
        (Some(n), _) => facts.push(Fact {
            label: tr(lang, "従業員数"),
            value: pick(lang, format!("{n}人"), n.to_string()),
        }),
        (None, Some(b)) => facts.push(Fact {
            label: tr(lang, "従業員規模"),
            value: mamori_app::labels::employee_band(b.as_str(), lang),
        }),
        _ => {}
    }
    if let Some(pref) = &p.prefecture {
        let city = p.city.as_deref().unwrap_or_default().trim();
        let pref_en = validate::prefecture_label(pref, Lang::En);
        facts.push(Fact {
            label: tr(lang, "所在地"),
            value: match lang {
                Lang::Ja => format!("{pref}{city}"),
                Lang::En if city.is_empty() => pref_en.to_owned(),
                Lang::En => format!("{city}, {pref_en}"),
            },
        });
    }
    Ok(CachedHome {
        standing: Some(standing),
        facts,
        supporters: consents.into_iter().map(|c| c.support.name).collect(),
    })
}

pub async fn overview(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    let org = OrgNav::new(&access, "overview");
    let scope = access.scope();
    let mut page = OverviewPage {
        ctx,
        org,
        facts: Vec::new(),
        supporters: Vec::new(),
        companies: Vec::new(),
        standing: None,
        due: Vec::new(),
        sees_incidents: false,
    };
    let lang = page.ctx.lang;
    if page.org.is_company {
        let org_id = page.org.id;
        let home = match state.home_cache.get::<CachedHome>(org_id, lang) {
            Some(home) => home,
            None => {
                let generation = state.home_cache.generation(org_id);
                let home = std::sync::Arc::new(company_home(&state, &access, lang).await?);
                state
                    .home_cache
                    .put(org_id, lang, generation, std::sync::Arc::clone(&home));
                home
            }
        };
        page.standing = home.standing.clone();
        page.facts = home.facts.clone();
        page.supporters = home.supporters.clone();
        if let Some(due) =
            mamori_app::operations::incidents::pending(state.store(), &access.access).await?
        {
            page.sees_incidents = true;
            page.due = super::incidents::due_rows(&due, lang);
        }
    } else {
        page.companies = state
            .store()
            .consenting_companies(scope)
            .await?
            .into_iter()
            .map(|c| CompanyRow {
                id: c.company.id.0,
                name: c.company.name,
                since: jst(c.granted_at, lang),
            })
            .collect();
    }
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "org/settings.html")]
struct SettingsPage {
    ctx: PageContext,
    org: OrgNav,
    new_name: String,
    problems: Vec<FieldProblem>,
    /// A support organisation's code for companies, as shown (administrators only see settings).
    support_code: Option<String>,
}

async fn settings_page(
    state: &AppState,
    ctx: PageContext,
    access: &OrgAccess,
    new_name: String,
    problems: Vec<FieldProblem>,
) -> Result<SettingsPage, AppError> {
    let org = OrgNav::new(access, "settings");
    let support_code = if org.is_company {
        None
    } else {
        let code = state
            .store()
            .support_code(access.scope(), &access.access.org)
            .await?;
        Some(mamori_storage::display_support_code(&code))
    };
    Ok(SettingsPage {
        ctx,
        org,
        new_name,
        problems,
        support_code,
    })
}

fn admin_only(access: &OrgAccess) -> Result<(), AppError> {
    if OrgNav::new(access, "").can_admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn settings(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
) -> Result<Response, AppError> {
    admin_only(&access)?;
    let new_name = access.access.org.name.clone();
    let page = settings_page(&state, ctx, &access, new_name, Vec::new()).await?;
    Ok(render(&page)?.into_response())
}

/// Makes a new support code; the old one stops working.
pub async fn regenerate_support_code(
    State(state): State<AppState>,
    access: OrgAccess,
) -> Result<Response, AppError> {
    admin_only(&access)?;
    state
        .store()
        .regenerate_support_code(access.scope(), &access.access.org)
        .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/settings?notice=support_code_new#support-code",
        access.access.org.id
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct RenameForm {
    name: String,
}

pub async fn rename(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<RenameForm>,
) -> Result<Response, AppError> {
    admin_only(&access)?;
    let mut problems = Vec::new();
    let Some(name) = validate::name(
        "name",
        ("組織名", "organisation name"),
        &form.name,
        &mut problems,
    ) else {
        let page = settings_page(&state, ctx, &access, form.name, problems).await?;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    };
    state
        .store()
        .rename_organisation(access.scope(), &name)
        .await?;
    Ok(Redirect::to(&format!(
        "/orgs/{}/settings?notice=saved",
        access.access.org.id
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    confirm: String,
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    admin_only(&access)?;
    if form.confirm.trim() != access.access.org.name {
        let new_name = access.access.org.name.clone();
        let problems = vec![
            FieldProblem::new(
                "confirm",
                "確認のための組織名が一致しません。削除する場合は、組織名を正確に入力してください。",
            )
            .en("The name you typed does not match. To delete, type the organisation's name exactly."),
        ];
        let page = settings_page(&state, ctx, &access, new_name, problems).await?;
        return Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    company::delete_organisation(state.store(), &access.access).await?;
    Ok(Redirect::to("/orgs?notice=deleted").into_response())
}

pub struct AuditRow {
    pub at: String,
    pub actor: String,
    /// What happened, as a sentence (`audit_text`).
    pub what: String,
}

impl AuditRow {
    pub fn new(e: &mamori_storage::AuditEntry, lang: Lang) -> AuditRow {
        AuditRow {
            at: jst(e.at, lang),
            actor: e.actor.clone(),
            what: mamori_http::audit_text::sentence(e, lang),
        }
    }
}

#[derive(Template)]
#[template(path = "org/audit.html")]
struct AuditPage {
    ctx: PageContext,
    org: OrgNav,
    rows: Vec<AuditRow>,
    older: Option<i64>,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    before: Option<i64>,
}

const AUDIT_PAGE: i64 = 100;

pub async fn audit(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    admin_only(&access)?;
    let lang = ctx.lang;
    let entries = state
        .store()
        .audit_log(access.scope(), q.before, AUDIT_PAGE)
        .await?;
    let older = (entries.len() as i64 == AUDIT_PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    let rows = entries.iter().map(|e| AuditRow::new(e, lang)).collect();
    let org = OrgNav::new(&access, "audit");
    Ok(render(&AuditPage {
        ctx,
        org,
        rows,
        older,
    })?
    .into_response())
}
