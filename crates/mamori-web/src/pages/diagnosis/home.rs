//! Where a company stands, for its home page: the newest result of each diagnostic, SECURITY
//! ACTION readiness, the maturity level with the unmet conditions of the next level, the top
//! three actions, and the next diagnostic to take. Evidence comes from the company's records;
//! the verdicts are the domain's (`journey`).

use mamori_domain::builtin;
use mamori_domain::improvement::{ActionKind, improvement_list};
use mamori_domain::journey::{Evidence, SelfCheckRecord, maturity, security_action};
use mamori_storage::{AssessmentId, ScoredAssessment, Timestamp};
use serde_json::Value;
use time::{Date, OffsetDateTime};

use super::{GUIDED_ORDER, guided_catalogs};
use crate::pages::jst;
use crate::pages::org::headline;
use crate::tenancy::OrgAccess;
use crate::{AppError, AppState, diagnosis};
use mamori_domain::Lang;

#[derive(Clone)]
pub struct LatestRow {
    pub id: i64,
    pub catalog_id: String,
    pub title: String,
    pub date: String,
    pub headline: String,
}

#[derive(Clone)]
pub struct StarView {
    pub ready: bool,
    pub missing: Vec<String>,
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
    pub unmet: Vec<String>,
    pub top: Vec<TopAction>,
    pub next_step: Option<NextStep>,
}

fn day_in_japan(t: Timestamp) -> Date {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+9))
        .date()
}

fn self_check_record(s: &ScoredAssessment) -> SelfCheckRecord {
    let (summary, result) = s;
    let basic_all_done = result
        .get("items")
        .and_then(Value::as_array)
        .is_some_and(|items| {
            items
                .iter()
                .filter(|i| {
                    matches!(
                        i.get("id").and_then(Value::as_str),
                        Some("1" | "2" | "3" | "4" | "5")
                    )
                })
                .filter(|i| i.get("answer").and_then(Value::as_str) == Some("done"))
                .count()
                == 5
        });
    SelfCheckRecord {
        on: day_in_japan(summary.submitted_at.unwrap_or(summary.updated_at)),
        total: result.get("total").and_then(Value::as_i64).unwrap_or(0),
        complete: true,
        basic_all_done,
    }
}

pub async fn standing(
    state: &AppState,
    access: &OrgAccess,
    lang: Lang,
) -> Result<Standing, AppError> {
    let store = state.store();
    let scope = access.scope();
    // Independent reads run side by side.
    let ((latest, drafts), self_checks, actions) = tokio::try_join!(
        store.results_and_drafts(scope),
        store.result_history(scope, "self-check-25", 50),
        store.actions(scope),
    )?;
    let mut evidence = Evidence::new(
        OffsetDateTime::now_utc()
            .to_offset(time::macros::offset!(+9))
            .date(),
    );
    evidence.diagnostic_started = !latest.is_empty() || !drafts.is_empty();
    evidence.self_checks = self_checks.iter().map(self_check_record).collect();
    if let Some((s, _)) = latest
        .iter()
        .find(|(s, _)| s.catalog_id == "five-principles")
    {
        let a = store.assessment(scope, s.id).await?;
        let answers = a.answer_sets.first().map(|s| &s.answers);
        let yes = |n: &str| answers.and_then(|a| a.get(n)).and_then(Value::as_str) == Some("yes");
        evidence.five_principles = Some([yes("1"), yes("2"), yes("3"), yes("4"), yes("5")]);
    }
    if latest
        .iter()
        .any(|(s, _)| s.catalog_id == super::csf::CATALOG)
    {
        evidence.csf_growth_cycles = super::csf::growth_cycles(&store.csf_snapshots(scope).await?);
    }
    evidence.improvement_plan_with_owners = actions
        .iter()
        .any(|a| a.owner.as_deref().is_some_and(|o| !o.trim().is_empty()));
    // Items with an open action, from the list just read (no second query).
    let taken: Vec<(String, String)> = actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter_map(|a| Some((a.catalog_id.clone()?, a.item_id.clone()?)))
        .collect();
    let sa = security_action(&evidence);
    let m = maturity(&evidence);
    let star = |s: &mamori_domain::journey::Star| StarView {
        ready: s.ready,
        missing: s.missing.iter().map(|x| x.text(lang)).collect(),
    };
    let top = top_actions(state, access, &latest, &taken, lang).await?;
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
        unmet: m.unmet.iter().map(|c| c.text(lang)).collect(),
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
    let submission = match diagnosis::submission_from_result(catalog, result) {
        Some(s) => s,
        None => {
            let a = state
                .store()
                .assessment(access.scope(), AssessmentId(summary.id.0))
                .await?;
            diagnosis::submission_of(catalog, &a)?
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
