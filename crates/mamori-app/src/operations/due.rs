//! Every due date of the company in one list (operations.md §5, issue 17's "due dates
//! everywhere"): open actions with a due date, the registers' alerts (end of support,
//! certificates, contracts, contractor evaluations) and, for people who may see incidents, the
//! incident reports still to make.

use mamori_storage::{Access, Store};
use time::Date;

use crate::Error;
use crate::fields::parse_date;
use crate::guard::{Need, require};
use crate::operations::incidents::{self, report_name};

/// What a due date belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueKind {
    /// An action of the action list (its id).
    Action(i64),
    /// A report of an incident (its id).
    IncidentReport(i64),
    /// A dated field of a register entry (the register and the entry's id).
    Register(mamori_domain::operations::registers::RegisterKind, i64),
}

/// One due date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub on: Date,
    pub kind: DueKind,
    /// The action's title, or the incident's title and the report.
    pub what: String,
    pub owner: Option<String>,
}

/// Every due date not yet met, soonest (or most overdue) first.
pub async fn list(
    store: &Store,
    access: &Access,
    lang: mamori_domain::Lang,
) -> Result<Vec<DueItem>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let today = crate::operations::registers::today();
    let (actions, reports, alerting, days) = tokio::try_join!(
        async { Ok::<_, Error>(store.actions(scope).await?) },
        incidents::pending(store, access),
        async { Ok::<_, Error>(store.register_alerting(scope, today).await?) },
        async { Ok::<_, Error>(store.register_alert_days(scope).await?) },
    )?;
    let mut out: Vec<DueItem> = actions
        .iter()
        .filter(|a| a.status.is_open())
        .filter_map(|a| {
            Some(DueItem {
                on: parse_date(a.due_date.as_deref()?)?,
                kind: DueKind::Action(a.id.0),
                what: a.title.clone(),
                owner: a.owner.clone(),
            })
        })
        .collect();
    for d in reports.unwrap_or_default() {
        let Some(on) = d.by_day.or(d
            .by_time
            .map(mamori_domain::operations::incident::japan_date))
        else {
            continue;
        };
        out.push(DueItem {
            on,
            kind: DueKind::IncidentReport(d.incident.0),
            what: format!("{}: {}", d.title, report_name(d.report, lang)),
            owner: None,
        });
    }
    for e in alerting {
        let alerts = mamori_domain::operations::registers::alerts(
            e.kind,
            |k| e.fields.value(k),
            today,
            days,
        );
        for a in alerts {
            out.push(DueItem {
                on: a.on,
                kind: DueKind::Register(e.kind, e.id.0),
                what: match lang {
                    mamori_domain::Lang::Ja => {
                        format!(
                            "{}: {}（{}）",
                            a.text(lang),
                            e.fields.name,
                            e.kind.title(lang)
                        )
                    }
                    mamori_domain::Lang::En => {
                        format!(
                            "{}: {} ({})",
                            a.text(lang),
                            e.fields.name,
                            e.kind.title(lang)
                        )
                    }
                },
                owner: None,
            });
        }
    }
    out.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.what.cmp(&b.what)));
    Ok(out)
}
