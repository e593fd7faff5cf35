//! Education sessions and inspections or audits (operations.md §5-7): one parser for the page
//! and the API, and the use cases. Their newest days feed the maturity level (`standing`).
//! Education also has figures (who it was for, who came, the test's average, the follow-up of
//! those who missed it), yearly targets, and a summary of the fiscal year against them.

use mamori_domain::operations::plan::{fiscal_range, fiscal_year};
use mamori_storage::{Access, Action, Activity, ActivityFields, EducationTargets, Store};

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
    /// Education: how many people the session was for.
    pub invited: String,
    /// Education: the average test score (0-100).
    pub test_average: String,
    /// Education: how absentees were followed up.
    pub follow_up: String,
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
        let invited = c.integer_in(
            "invited",
            ("対象人数", "number of people it was for"),
            &input.invited,
            0..=100_000,
            ("人", " persons"),
        );
        let test_average = c.integer_in(
            "test_average",
            ("テストの平均点", "average test score"),
            &input.test_average,
            0..=100,
            ("点", " points"),
        );
        let follow_up = c.text(
            "follow_up",
            ("欠席者へのフォロー", "follow-up of absentees"),
            &input.follow_up,
            1000,
            true,
        );
        let (invited, test_average, follow_up) =
            (invited.given(), test_average.given(), follow_up.given());
        if let (Some(came), Some(of)) = (participants_given(&input.participants), invited)
            && came > of
        {
            c.problem(
                "participants",
                format!("参加人数（{came}人）が対象人数（{of}人）を超えています。"),
                format!("More took part ({came}) than the session was for ({of})."),
            );
        }
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
        if kind.as_deref() == Some("inspection")
            && (invited.is_some() || test_average.is_some() || follow_up.is_some())
        {
            c.problem(
                "invited",
                "対象人数・テストの平均点・欠席者へのフォローは教育のときだけ記録できます。",
                "The number invited, the test score and the follow-up belong to education.",
            );
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
                    invited,
                    test_average,
                    follow_up,
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

/// A number of participants as typed, for the comparison with the number invited (the field's
/// own problems are reported by its check).
fn participants_given(text: &str) -> Option<i64> {
    crate::fields::whole_number(text)
}

/// The year's education against its targets.
#[derive(Debug, Clone, PartialEq)]
pub struct EducationYear {
    pub year: i32,
    pub targets: EducationTargets,
    pub sessions: usize,
    /// Sessions with both figures, and their totals.
    pub invited: i64,
    pub attended: i64,
    /// Attendance over the sessions that say whom they were for, percent.
    pub attendance_percent: Option<f64>,
    /// The average of the sessions' averages, weighted by who took part, 0-100.
    pub test_average: Option<f64>,
    /// People who missed a session, and sessions with absentees but no follow-up recorded.
    pub absent: i64,
    pub without_follow_up: usize,
}

impl EducationYear {
    pub fn attendance_met(&self) -> Option<bool> {
        Some(self.attendance_percent? >= self.targets.attendance_percent? as f64)
    }

    pub fn test_met(&self) -> Option<bool> {
        Some(self.test_average? >= self.targets.test_score? as f64)
    }
}

/// Works out a fiscal year's figures from its education sessions.
pub fn education_year(year: i32, targets: EducationTargets, rows: &[Activity]) -> EducationYear {
    let (first, last) = fiscal_range(year);
    let in_year: Vec<&ActivityFields> = rows
        .iter()
        .map(|a| &a.fields)
        .filter(|f| f.kind == "education")
        .filter(|f| crate::fields::parse_date(&f.held_on).is_some_and(|d| d >= first && d <= last))
        .collect();
    let counted: Vec<(i64, i64)> = in_year
        .iter()
        .filter_map(|f| Some((f.invited?, f.participants?)))
        .collect();
    let invited: i64 = counted.iter().map(|c| c.0).sum();
    let attended: i64 = counted.iter().map(|c| c.1).sum();
    let scored: Vec<(i64, i64)> = in_year
        .iter()
        .filter_map(|f| Some((f.test_average?, f.participants.unwrap_or(1).max(1))))
        .collect();
    let weight: i64 = scored.iter().map(|s| s.1).sum();
    EducationYear {
        year,
        targets,
        sessions: in_year.len(),
        invited,
        attended,
        attendance_percent: (invited > 0).then(|| attended as f64 * 100.0 / invited as f64),
        test_average: (weight > 0)
            .then(|| scored.iter().map(|s| (s.0 * s.1) as f64).sum::<f64>() / weight as f64),
        absent: (invited - attended).max(0),
        without_follow_up: in_year
            .iter()
            .filter(|f| matches!((f.invited, f.participants), (Some(i), Some(p)) if i > p))
            .filter(|f| f.follow_up.is_none())
            .count(),
    }
}

/// This fiscal year's education figures and targets.
pub async fn education(store: &Store, access: &Access) -> Result<EducationYear, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let year = fiscal_year(crate::operations::registers::today());
    let (targets, rows) = tokio::try_join!(
        async { Ok::<_, Error>(store.education_targets(scope, year).await?) },
        async { Ok::<_, Error>(store.activities(scope).await?) },
    )?;
    Ok(education_year(year, targets, &rows))
}

/// Checks the targets as typed: attendance 1-100 %, test score 0-100; either may be empty.
pub fn parse_targets(attendance: &str, test: &str) -> Result<EducationTargets, Vec<FieldProblem>> {
    let mut c = Check::new();
    let attendance_percent = c.integer_in(
        "attendance_percent",
        ("受講率の目標", "attendance target"),
        attendance.trim().trim_end_matches(['%', '％']),
        1..=100,
        ("%", " %"),
    );
    let test_score = c.integer_in(
        "test_score",
        ("テストの目標点", "test score target"),
        test,
        0..=100,
        ("点", " points"),
    );
    let t = EducationTargets {
        attendance_percent: attendance_percent.given(),
        test_score: test_score.given(),
    };
    c.finish(Some(t))
}

/// Sets this fiscal year's targets.
pub async fn set_targets(
    store: &Store,
    access: &Access,
    targets: EducationTargets,
) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    let year = fiscal_year(crate::operations::registers::today());
    Ok(store.set_education_targets(scope, year, targets).await?)
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

    #[test]
    fn education_figures_add_up_to_the_years_rates_against_the_targets() {
        let session = |held_on: &str, invited, came, test, follow: Option<&str>| Activity {
            id: 0,
            fields: ActivityFields {
                kind: "education".into(),
                held_on: held_on.into(),
                title: "研修".into(),
                detail: None,
                participants: Some(came),
                invited: Some(invited),
                test_average: test,
                follow_up: follow.map(str::to_owned),
            },
        };
        let rows = [
            session("2026-05-10", 20, 18, Some(80), None),
            session("2026-10-01", 20, 20, Some(95), None),
            session("2026-03-31", 50, 10, Some(10), None),
        ];
        let targets = EducationTargets {
            attendance_percent: Some(100),
            test_score: Some(80),
        };
        let y = education_year(2026, targets, &rows);
        assert_eq!(
            y.sessions, 2,
            "the March 2026 session belongs to fiscal 2025"
        );
        assert_eq!((y.invited, y.attended, y.absent), (40, 38, 2));
        assert_eq!(y.attendance_percent, Some(95.0));
        assert_eq!(y.attendance_met(), Some(false));
        // (80 × 18 + 95 × 20) / 38 = 87.89…
        assert!((y.test_average.unwrap() - 87.894).abs() < 0.01);
        assert_eq!(y.test_met(), Some(true));
        assert_eq!(y.without_follow_up, 1);
        let bad = ActivityInput {
            kind: "education".into(),
            held_on: "2026-11-30".into(),
            title: "研修".into(),
            participants: "21".into(),
            invited: "20".into(),
            test_average: "101".into(),
            ..ActivityInput::default()
        };
        let p = ActivityDraft::parse(&bad, "2026-12-07").unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["test_average", "participants"]);
        assert!(parse_targets("１００%", "80").is_ok());
        assert!(parse_targets("0", "").is_err());
    }
}
