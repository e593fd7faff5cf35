//! Where a company stands, for its home page: the newest result of each diagnostic, SECURITY
//! ACTION readiness, the maturity level with the unmet conditions of the next level, the top
//! three actions, and the next diagnostic to take. Evidence comes from the company's records;
//! the verdicts are the domain's (`journey`).

use mamori_app::standing::{self, Records, today_in_japan};
use mamori_domain::builtin;
use mamori_domain::improvement::{ActionKind, improvement_list};
use mamori_domain::journey::{Condition, Missing, maturity, security_action};
use mamori_storage::{AssessmentId, ScoredAssessment};

use super::{GUIDED_ORDER, guided_catalogs};
use crate::jst;
use crate::org::headline;
use mamori_app::answers;
use mamori_domain::Lang;
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState};

#[derive(Clone)]
pub struct LatestRow {
    pub id: i64,
    pub catalog_id: String,
    pub title: String,
    pub date: String,
    pub headline: String,
}

/// One thing the company still needs, and where it is recorded.
#[derive(Clone)]
pub struct Needed {
    pub text: String,
    /// The page where the record is made; `None` while Mamori has no page for it yet.
    pub place: Option<String>,
}

#[derive(Clone)]
pub struct StarView {
    pub ready: bool,
    pub missing: Vec<Needed>,
}

#[derive(Clone)]
pub struct TopAction {
    pub assessment: i64,
    pub catalog_id: String,
    pub item: String,
    pub text: String,
    pub action_title: String,
    pub risk: Option<String>,
    pub priority: u32,
    pub find_out: bool,
}

#[derive(Clone)]
pub struct NextStep {
    pub catalog_id: String,
    pub title: String,
    pub summary: String,
}

#[derive(Clone)]
pub struct Standing {
    pub started: bool,
    pub latest: Vec<LatestRow>,
    pub one_star: StarView,
    pub two_stars: StarView,
    pub level: u8,
    pub next_level: Option<u8>,
    pub unmet: Vec<Needed>,
    /// The day the newest risk analysis was closed, in words.
    pub risk_analysis_on: Option<String>,
    /// NIST CSF improvement cycles that showed growth.
    pub csf_growth_cycles: u32,
    pub top: Vec<TopAction>,
    pub next_step: Option<NextStep>,
}

/// What a missing record is and where the person makes it: the place's address, or `None` while
/// Mamori has no page for that record yet (then the text says so).
fn place_of_condition(c: &Condition, org: i64) -> Option<String> {
    match c {
        Condition::DiagnosticStarted
        | Condition::BasicMeasures
        | Condition::SelfCheckAtLeast { .. } => Some(format!("/orgs/{org}/diagnoses")),
        Condition::ImprovementPlan => Some(format!("/orgs/{org}/actions")),
        Condition::RiskAnalysisRecent { .. } => Some(format!("/orgs/{org}/risk/history")),
        Condition::ImprovementCycles { .. } => Some(format!("/orgs/{org}/csf")),
        Condition::RolesAssigned => Some(format!("/orgs/{org}/structure")),
        Condition::InspectionRecent { .. } | Condition::EducationRecent { .. } => {
            Some(format!("/orgs/{org}/activities"))
        }
        Condition::DrillRecent { .. } => Some(format!("/orgs/{org}/incidents")),
        Condition::PolicyApproved | Condition::RegulationsAdopted => None,
    }
}

fn place_of_missing(m: &Missing, org: i64) -> Option<String> {
    match m {
        Missing::FivePrinciplesNotAnswered
        | Missing::Principle { .. }
        | Missing::SelfCheckNone
        | Missing::SelfCheckTooOld { .. } => Some(format!("/orgs/{org}/diagnoses")),
        Missing::PolicyMissing | Missing::PolicyNotApproved | Missing::PolicyNotPublished => None,
    }
}

fn needed(text: String, place: Option<String>) -> Needed {
    Needed { text, place }
}

pub async fn standing(
    state: &AppState,
    access: &OrgAccess,
    lang: Lang,
) -> Result<Standing, AppError> {
    let records = standing::gather(state.store(), &access.access, today_in_japan()).await?;
    let Records {
        evidence,
        latest,
        actions,
        ..
    } = &records;
    let org = access.scope().org().0;
    // Items with an open action, from the list just read (no second query).
    let taken: Vec<(String, String)> = actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter_map(|a| Some((a.catalog_id.clone()?, a.item_id.clone()?)))
        .collect();
    let sa = security_action(evidence);
    let m = maturity(evidence);
    let star = |s: &mamori_domain::journey::Star| StarView {
        ready: s.ready,
        missing: s
            .missing
            .iter()
            .map(|x| needed(x.text(lang), place_of_missing(x, org)))
            .collect(),
    };
    let top = top_actions(state, access, latest, &taken, lang).await?;
    let next_step = guided_catalogs()
        .into_iter()
        .filter(|c| GUIDED_ORDER.contains(&c.id.as_str()))
        .find(|c| !latest.iter().any(|(s, _)| s.catalog_id == c.id))
        .map(|c| NextStep {
            catalog_id: c.id.clone(),
            title: c.title.get(lang).to_owned(),
            summary: c.summary.get(lang).to_owned(),
        });
    let mut rows: Vec<LatestRow> = latest
        .iter()
        .map(|(s, r)| LatestRow {
            id: s.id.0,
            catalog_id: s.catalog_id.clone(),
            title: builtin()
                .get_version(&s.catalog_id, &s.catalog_version)
                .map_or_else(|| s.catalog_id.clone(), |c| c.title.get(lang).to_owned()),
            date: jst(s.submitted_at.unwrap_or(s.updated_at), lang),
            headline: headline(s, r, lang),
        })
        .collect();
    rows.sort_by_key(|r| {
        GUIDED_ORDER
            .iter()
            .position(|id| *id == r.catalog_id)
            .unwrap_or(usize::MAX)
    });
    Ok(Standing {
        started: evidence.diagnostic_started,
        latest: rows,
        one_star: star(&sa.one_star),
        two_stars: star(&sa.two_stars),
        level: m.level,
        next_level: m.next_level,
        unmet: m
            .unmet
            .iter()
            .map(|c| needed(c.text(lang), place_of_condition(c, org)))
            .collect(),
        risk_analysis_on: evidence.risk_analysis_on.map(|d| match lang {
            Lang::Ja => mamori_domain::journey::date_ja(d),
            Lang::En => mamori_domain::journey::date_en(d),
        }),
        csf_growth_cycles: evidence.csf_growth_cycles,
        top,
        next_step,
    })
}

/// The first three proposals of the diagnostic that says most about everyday measures: the
/// newest self-check, else the newest result of any other diagnostic. Items already in the
/// action list are left out.
async fn top_actions(
    state: &AppState,
    access: &OrgAccess,
    latest: &[ScoredAssessment],
    taken: &[(String, String)],
    lang: Lang,
) -> Result<Vec<TopAction>, AppError> {
    let source = latest
        .iter()
        .filter(|(s, _)| GUIDED_ORDER.contains(&s.catalog_id.as_str()))
        .min_by_key(|(s, _)| {
            (
                s.catalog_id != "self-check-25",
                std::cmp::Reverse(s.submitted_at.map_or(0, |t| t.0)),
            )
        });
    let Some((summary, result)) = source else {
        return Ok(Vec::new());
    };
    let catalog = builtin()
        .get_version(&summary.catalog_id, &summary.catalog_version)
        .ok_or_else(|| AppError::internal("catalog version not built in"))?;
    // A result that lists its answers (the self-check) is enough; others need the answer sets.
    let submission = match answers::submission_from_result(catalog, result) {
        Some(s) => s,
        None => {
            let a = state
                .store()
                .assessment(access.scope(), AssessmentId(summary.id.0))
                .await?;
            answers::submission_of(catalog, &a)?
        }
    };
    Ok(improvement_list(catalog, &submission)
        .into_iter()
        .filter(|p| !taken.iter().any(|(c, i)| c == &catalog.id && i == p.item))
        .take(3)
        .map(|p| TopAction {
            assessment: summary.id.0,
            catalog_id: catalog.id.clone(),
            item: p.item.to_owned(),
            text: p.text.get(lang).to_owned(),
            action_title: p.action_title(catalog, lang),
            risk: p.risk.map(|r| r.get(lang).to_owned()),
            priority: p.priority,
            find_out: p.kind == ActionKind::FindOut,
        })
        .collect())
}
