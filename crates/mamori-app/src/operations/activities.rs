//! Education sessions and inspections or audits (operations.md §5-7): one parser for the page
//! and the API, and the use cases. Their newest days feed the maturity level (`standing`).

use mamori_storage::{Access, Action, Activity, ActivityFields, Store};

use crate::fields::{Check, Checked};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// The most findings one inspection turns into actions.
pub const FINDINGS_MAX: usize = 20;

/// An activity as typed; `findings` one per line.
#[derive(Debug, Clone, Default)]
pub struct ActivityInput {
    pub kind: String,
    pub held_on: String,
    pub title: String,
    pub detail: String,
    pub participants: String,
    pub findings: String,
}

/// An activity that passed every check. Only [`ActivityDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityDraft {
    fields: ActivityFields,
    findings: Vec<String>,
}

impl ActivityDraft {
    /// Checks every field; `today` (`YYYY-MM-DD`, Japan) bounds the day.
    pub fn parse(input: &ActivityInput, today: &str) -> Result<ActivityDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        let kind = match input.kind.trim() {
            k @ ("education" | "inspection") => Some(k.to_owned()),
            _ => {
                c.problem(
                    "kind",
                    "教育か点検・監査かを選んでください。",
                    "Choose education or inspection.",
                );
                None
            }
        };
        let held_on = match c.date("held_on", ("実施日", "day held"), &input.held_on) {
            Checked::Given(d) if d.as_str() > today => {
                c.problem(
                    "held_on",
                    "実施日が未来になっています。実施した日を入力してください。",
                    "The day is in the future. Enter the day it was held.",
                );
                None
            }
            Checked::Given(d) => Some(d),
            Checked::Empty => {
                c.problem(
                    "held_on",
                    "実施日を入力してください。",
                    "Enter the day it was held.",
                );
                None
            }
            Checked::Wrong => None,
        };
        let title = c.required_text("title", ("テーマ", "theme"), &input.title, 200);
        let detail = c.text("detail", ("内容", "content"), &input.detail, 4000, true);
        let participants = c.integer_in(
            "participants",
            ("参加人数", "participants"),
            &input.participants,
            0..=100_000,
            ("人", " persons"),
        );
        let findings: Vec<String> = input
            .findings
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if findings.len() > FINDINGS_MAX {
            c.problem(
                "findings",
                format!("指摘は{FINDINGS_MAX}行までです。"),
                format!("At most {FINDINGS_MAX} findings."),
            );
        }
        for f in &findings {
            c.text("findings", ("指摘", "finding"), f, 200, false);
        }
        if kind.as_deref() == Some("education") && !findings.is_empty() {
            c.problem(
                "findings",
                "指摘は点検・監査のときだけ記録できます。",
                "Findings belong to an inspection.",
            );
        }
        match (kind, held_on, title) {
            (Some(kind), Some(held_on), Some(title)) if c.is_clean() => Ok(ActivityDraft {
                fields: ActivityFields {
                    kind,
                    held_on,
                    title,
                    detail: detail.given(),
                    participants: participants.given(),
                },
                findings,
            }),
            _ => Err(c.into_problems()),
        }
    }
}

pub async fn list(store: &Store, access: &Access) -> Result<Vec<Activity>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.activities(scope).await?)
}

/// Records the activity; an inspection's findings become actions.
pub async fn record(
    store: &Store,
    access: &Access,
    draft: &ActivityDraft,
) -> Result<(Activity, Vec<Action>), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store
        .record_activity(scope, &draft.fields, &draft.findings)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_in_the_future_and_findings_on_an_education_are_refused() {
        let input = ActivityInput {
            kind: "education".into(),
            held_on: "2026-12-31".into(),
            title: "標的型メールの見分け方".into(),
            findings: "x".into(),
            ..ActivityInput::default()
        };
        let p = ActivityDraft::parse(&input, "2026-12-07").unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["held_on", "findings"]);
        let ok = ActivityInput {
            kind: "inspection".into(),
            held_on: "2026-11-30".into(),
            title: "5か条の点検".into(),
            participants: "12人".into(),
            findings: "パスワードの使い回しがあった\n\n更新されていないPCが2台".into(),
            ..ActivityInput::default()
        };
        let d = ActivityDraft::parse(&ok, "2026-12-07").unwrap();
        assert_eq!(d.findings.len(), 2);
        assert_eq!(d.fields.participants, Some(12));
    }
}
