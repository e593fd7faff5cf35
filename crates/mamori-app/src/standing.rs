//! Where a company stands: the records the journey's verdicts are made from (SECURITY ACTION
//! readiness and the maturity level, `mamori_domain::journey`). Every input of
//! [`Evidence`] that Mamori keeps a record for is read here, in one place, so a new record type
//! that feeds the journey is wired once for the company home and every report.

use mamori_domain::journey::{Evidence, SelfCheckRecord, growth_cycles};
use mamori_storage::{Access, Action, AssessmentSummary, ScoredAssessment, Store, Timestamp};
use serde_json::Value;
use time::{Date, OffsetDateTime};

use crate::Error;
use crate::guard::{Need, require};

/// What the company's records say, and the lists read on the way (the home shows them too, so
/// they are not read twice).
#[derive(Debug, Clone)]
pub struct Records {
    pub evidence: Evidence,
    /// The newest submitted result of each diagnostic.
    pub latest: Vec<ScoredAssessment>,
    pub drafts: Vec<AssessmentSummary>,
    pub actions: Vec<Action>,
}

/// The calendar day in Japan of a stored time.
pub fn day_in_japan(t: Timestamp) -> Date {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(time::macros::offset!(+9))
        .date()
}

/// Today in Japan.
pub fn today_in_japan() -> Date {
    OffsetDateTime::now_utc()
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

/// Reads the company's records as of `today`. Independent reads run side by side.
pub async fn gather(store: &Store, access: &Access, today: Date) -> Result<Records, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let ((latest, drafts), self_checks, actions, csf, risk_closed, roles, drill, activities) = tokio::try_join!(
        store.results_and_drafts(scope),
        store.result_history(scope, "self-check-25", 50),
        store.actions(scope),
        store.csf_snapshots(scope),
        store.risk_snapshots(scope),
        store.security_roles(scope),
        store.last_incident_drill(scope),
        store.last_activities(scope),
    )?;
    let mut evidence = Evidence::new(today);
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
    let cycles: Vec<_> = crate::csf::cycles(&csf)
        .into_iter()
        .map(|c| c.profiles)
        .collect();
    evidence.csf_growth_cycles = growth_cycles(&cycles);
    evidence.improvement_plan_with_owners = actions
        .iter()
        .any(|a| a.owner.as_deref().is_some_and(|o| !o.trim().is_empty()));
    // A risk analysis counts as done on the day it was closed as a dated snapshot (risk.md): a
    // register being edited is work in progress, not an analysis done.
    evidence.risk_analysis_on = risk_closed.iter().map(|s| day_in_japan(s.closed_at)).max();
    evidence.roles_assigned = crate::operations::roles::review(&roles).assigned();
    // A drill is an incident recorded as one; its day counts, whoever reads the home.
    evidence.last_drill_on = drill.map(day_in_japan);
    let day = |d: Option<String>| d.as_deref().and_then(crate::fields::parse_date);
    evidence.last_education_on = day(activities.0);
    evidence.last_inspection_on = day(activities.1);
    Ok(Records {
        evidence,
        latest,
        drafts,
        actions,
    })
}
