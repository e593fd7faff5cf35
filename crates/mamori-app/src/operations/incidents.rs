//! Incidents (operations.md §3): one parser for the page and the API, the legal clocks of a
//! personal-data leak (mamori_domain::operations::incident), and one use case per thing a
//! handler does. Who may see incidents is decided by the store (`Store::incident_scope`).

use mamori_domain::operations::incident::{
    self as rules, CHANNELS, Clocks, JST, PersonalData, SEVERITIES, STAGES, japan_date, named,
};
use mamori_storage::{
    Access, Action, Incident, IncidentFields, IncidentId, IncidentScope, Member, PersonalFacts,
    Report, Store, Timestamp, UserId,
};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

use crate::fields::{Check, Checked, parse_date, today_in_japan};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

/// The longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// The longest description, timeline entry or lessons text, in characters.
pub const TEXT_MAX: usize = 4000;
/// The most prevention measures one closing turns into actions.
pub const MEASURES_MAX: usize = 20;

/// An incident as typed: texts and flags, the detection time in Japan.
#[derive(Debug, Clone, Default)]
pub struct IncidentInput {
    pub title: String,
    pub drill: bool,
    /// `YYYY-MM-DD`, Japan's calendar.
    pub detected_on: String,
    /// `HH:MM`, Japan time.
    pub detected_time: String,
    pub detected_by: String,
    pub channel: String,
    pub severity: String,
    pub description: String,
    /// Personal data is involved.
    pub personal: bool,
    pub persons: String,
    pub sensitive: bool,
    pub financial_damage: bool,
    pub wrongful_purpose: bool,
    pub eu_residents: bool,
}

/// An incident that passed every check. Only [`IncidentDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncidentDraft(IncidentFields);

impl IncidentDraft {
    /// Checks every field, listing every problem; `now` bounds the detection time.
    pub fn parse(
        input: &IncidentInput,
        now: OffsetDateTime,
    ) -> Result<IncidentDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        let title = c.required_text("title", ("件名", "title"), &input.title, TITLE_MAX);
        let detected_by = c.text(
            "detected_by",
            ("発見者", "who found it"),
            &input.detected_by,
            100,
            false,
        );
        let description = c.text(
            "description",
            ("内容", "description"),
            &input.description,
            TEXT_MAX,
            true,
        );
        let code = |c: &mut Check,
                    field: &str,
                    (label, en): (&str, &str),
                    list: &'static [rules::Named],
                    v: &str| {
            let found = named(list, v.trim());
            if found.is_none() {
                let names: Vec<&str> = list.iter().map(|n| n.ja).collect();
                let codes: Vec<&str> = list.iter().map(|n| n.code).collect();
                c.problem(
                    field,
                    format!("{label}を選んでください（{}）。", names.join("、")),
                    format!("Choose the {en} ({}).", codes.join(", ")),
                );
            }
            found.map(|n| n.code.to_owned())
        };
        let channel = code(
            &mut c,
            "channel",
            ("発見のきっかけ", "channel"),
            CHANNELS,
            &input.channel,
        );
        let severity = code(
            &mut c,
            "severity",
            ("重大度", "severity"),
            SEVERITIES,
            &input.severity,
        );
        let detected_at = detection_time(&mut c, input, now);
        let personal = if input.personal {
            c.required_integer_in(
                "persons",
                ("対象となった人数", "number of persons"),
                &input.persons,
                0..=1_000_000_000,
                ("人", " persons"),
            )
            .map(|persons| {
                Some(PersonalFacts {
                    persons,
                    sensitive: input.sensitive,
                    financial_damage: input.financial_damage,
                    wrongful_purpose: input.wrongful_purpose,
                    eu_residents: input.eu_residents,
                })
            })
        } else {
            Some(None)
        };
        let (Some(title), Some(channel), Some(severity), Some(detected_at), Some(personal)) =
            (title, channel, severity, detected_at, personal)
        else {
            return Err(c.into_problems());
        };
        if !c.is_clean() {
            return Err(c.into_problems());
        }
        Ok(IncidentDraft(IncidentFields {
            title,
            drill: input.drill,
            detected_at,
            detected_by: detected_by.given(),
            channel,
            severity,
            description: description.given(),
            personal,
        }))
    }
}

/// The detection time from a day and a time in Japan; not in the future.
fn detection_time(c: &mut Check, input: &IncidentInput, now: OffsetDateTime) -> Option<Timestamp> {
    let day = match c.date("detected_on", ("発見日", "day found"), &input.detected_on) {
        Checked::Given(d) => d,
        Checked::Empty => {
            c.problem(
                "detected_on",
                "発見日を入力してください。",
                "Enter the day it was found.",
            );
            return None;
        }
        Checked::Wrong => return None,
    };
    let clock = input.detected_time.trim();
    let time = if clock.is_empty() {
        Some(Time::MIDNIGHT)
    } else {
        clock.split_once(':').and_then(|(h, m)| {
            Time::from_hms(h.trim().parse().ok()?, m.trim().parse().ok()?, 0).ok()
        })
    };
    let Some(time) = time else {
        c.problem(
            "detected_time",
            format!("発見時刻「{clock}」は時刻として読めません。14:30 のように入力してください。"),
            format!("“{clock}” is not a time. Write it like 14:30."),
        );
        return None;
    };
    let date = parse_date(&day)?;
    let at = PrimitiveDateTime::new(date, time).assume_offset(JST);
    if at > now + time::Duration::minutes(5) {
        c.problem(
            "detected_on",
            "発見日時が未来になっています。実際に発見した日時を入力してください。",
            "The time found is in the future. Enter when it was actually found.",
        );
        return None;
    }
    Some(Timestamp((at.unix_timestamp_nanos() / 1_000_000) as i64))
}

/// The time a stored timestamp stands for.
pub fn at(t: Timestamp) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The legal clocks an incident started (none for a drill or without personal data).
pub fn clocks(incident: &Incident) -> Clocks {
    match (incident.fields.drill, incident.fields.personal) {
        (false, Some(p)) => rules::clocks(
            at(incident.fields.detected_at),
            &PersonalData {
                persons: u64::try_from(p.persons).unwrap_or(0),
                sensitive: p.sensitive,
                financial_damage: p.financial_damage,
                wrongful_purpose: p.wrongful_purpose,
                eu_residents: p.eu_residents,
            },
        ),
        _ => Clocks::default(),
    }
}

/// One report still to make, for the company home and the incident page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub incident: IncidentId,
    pub title: String,
    pub report: Report,
    /// The last day (Japan), for the APPI reports.
    pub by_day: Option<Date>,
    /// The deadline to the minute, for GDPR.
    pub by_time: Option<OffsetDateTime>,
    /// 30 or 60 for the final report.
    pub days: Option<i64>,
}

/// The reports of `incident` not yet marked done.
pub fn due(incident: &Incident) -> Vec<Due> {
    let c = clocks(incident);
    let mut out = Vec::new();
    let base = |report| Due {
        incident: incident.id,
        title: incident.fields.title.clone(),
        report,
        by_day: None,
        by_time: None,
        days: None,
    };
    if let Some(appi) = c.appi {
        if incident.preliminary_done_on.is_none() {
            out.push(Due {
                by_day: Some(appi.preliminary_by),
                ..base(Report::Preliminary)
            });
        }
        if incident.final_done_on.is_none() {
            out.push(Due {
                by_day: Some(appi.final_by),
                days: Some(appi.final_days),
                ..base(Report::Final)
            });
        }
    }
    if let Some(by) = c.gdpr_by {
        if incident.gdpr_done_on.is_none() {
            out.push(Due {
                by_time: Some(by),
                ..base(Report::Gdpr)
            });
        }
    }
    out
}

/// The scope to see incidents in, or `NotFound` for everyone else.
pub async fn scope(store: &Store, access: &Access) -> Result<IncidentScope, Error> {
    require(access, Need::ReadCompany)?;
    Ok(store.incident_scope(access).await?)
}

pub async fn list(store: &Store, access: &Access) -> Result<Vec<Incident>, Error> {
    let s = scope(store, access).await?;
    Ok(store.incidents(&s).await?)
}

/// Every report still due across the company's incidents; `None` for someone who may not see
/// incidents (the home then shows nothing of them).
pub async fn pending(store: &Store, access: &Access) -> Result<Option<Vec<Due>>, Error> {
    let s = match scope(store, access).await {
        Ok(s) => s,
        Err(Error::NotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut all: Vec<Due> = store
        .incidents_with_reports_open(&s)
        .await?
        .iter()
        .flat_map(due)
        .collect();
    all.sort_by_key(|d| (d.by_day.or(d.by_time.map(japan_date)), d.incident));
    Ok(Some(all))
}

pub async fn get(store: &Store, access: &Access, id: IncidentId) -> Result<Incident, Error> {
    let s = scope(store, access).await?;
    Ok(store.incident(&s, id).await?)
}

pub async fn record(
    store: &Store,
    access: &Access,
    draft: &IncidentDraft,
) -> Result<Incident, Error> {
    let s = scope(store, access).await?;
    Ok(store.create_incident(&s, &draft.0).await?)
}

pub async fn change(
    store: &Store,
    access: &Access,
    id: IncidentId,
    draft: &IncidentDraft,
) -> Result<Incident, Error> {
    let s = scope(store, access).await?;
    Ok(store.update_incident(&s, id, &draft.0).await?)
}

/// Adds a timeline entry at `stage` (a code of the flow, not `closed`).
pub async fn add_entry(
    store: &Store,
    access: &Access,
    id: IncidentId,
    stage: &str,
    body: &str,
) -> Result<(), Error> {
    let s = scope(store, access).await?;
    let mut c = Check::new();
    let stage = named(STAGES, stage.trim()).filter(|n| n.code != "closed");
    if stage.is_none() {
        c.problem("stage", "段階を選んでください。", "Choose the stage.");
    }
    let body = c.required_text("body", ("経過", "entry"), body, TEXT_MAX);
    match (stage, body) {
        (Some(stage), Some(body)) if c.is_clean() => {
            Ok(store.add_incident_entry(&s, id, stage.code, &body).await?)
        }
        _ => Err(Error::Invalid(c.into_problems())),
    }
}

/// Marks a report done today (Japan), or not done.
pub async fn mark_report(
    store: &Store,
    access: &Access,
    id: IncidentId,
    report: Report,
    done: bool,
) -> Result<(), Error> {
    let s = scope(store, access).await?;
    let today = today_in_japan();
    let on = done.then_some(today.as_str());
    Ok(store.set_incident_report(&s, id, report, on).await?)
}

/// Closes the incident with what was learned; each non-empty line of `measures` becomes an
/// action of the action list.
pub async fn close(
    store: &Store,
    access: &Access,
    id: IncidentId,
    lessons: &str,
    measures: &str,
) -> Result<Vec<Action>, Error> {
    let s = scope(store, access).await?;
    let mut c = Check::new();
    let lessons = match c.text(
        "lessons",
        ("教訓", "lessons learned"),
        lessons,
        TEXT_MAX,
        true,
    ) {
        Checked::Given(t) => Some(t),
        Checked::Empty => {
            c.problem(
                "lessons",
                "教訓（何がわかり、何を変えるか）を入力してください。",
                "Enter the lessons learned (what was found, what changes).",
            );
            None
        }
        Checked::Wrong => None,
    };
    let lines: Vec<String> = measures
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() > MEASURES_MAX {
        c.problem(
            "measures",
            format!("再発防止策は{MEASURES_MAX}行までです。"),
            format!("At most {MEASURES_MAX} prevention measures."),
        );
    }
    for line in &lines {
        c.text(
            "measures",
            ("再発防止策", "prevention measure"),
            line,
            TITLE_MAX,
            false,
        );
    }
    match lessons {
        Some(lessons) if c.is_clean() => Ok(store.close_incident(&s, id, &lessons, &lines).await?),
        _ => Err(Error::Invalid(c.into_problems())),
    }
}

/// The company's members and which of them handle incidents (administrators only).
pub async fn handlers(store: &Store, access: &Access) -> Result<(Vec<Member>, Vec<UserId>), Error> {
    // Someone who may not see incidents learns nothing here either (404 before 403).
    let s = scope(store, access).await?;
    let scope_ = require(access, Need::Administer)?;
    let (members, handlers) = tokio::try_join!(store.members(scope_), store.incident_handlers(&s))?;
    Ok((members, handlers))
}

pub async fn set_handlers(store: &Store, access: &Access, users: &[UserId]) -> Result<(), Error> {
    let s = scope(store, access).await?;
    require(access, Need::Administer)?;
    match store.set_incident_handlers(&s, users).await {
        Err(mamori_storage::StoreError::NotFound) => Err(Error::invalid(
            "handlers",
            "インシデント担当には、この会社のメンバーだけを選べます。",
            "Only members of this company can handle incidents.",
        )),
        other => Ok(other?),
    }
}

/// A report's words.
pub fn report_name(report: Report, lang: mamori_domain::Lang) -> &'static str {
    let (ja, en) = match report {
        Report::Preliminary => (
            "個人情報保護委員会への速報",
            "Preliminary report to the PPC",
        ),
        Report::Final => ("個人情報保護委員会への確報", "Final report to the PPC"),
        Report::Gdpr => (
            "GDPRの監督機関への通知（72時間）",
            "GDPR notification (72 hours)",
        ),
    };
    match lang {
        mamori_domain::Lang::Ja => ja,
        mamori_domain::Lang::En => en,
    }
}

/// A report by its code in addresses (`preliminary`, `final`, `gdpr`).
pub fn report_of(code: &str) -> Option<Report> {
    match code {
        "preliminary" => Some(Report::Preliminary),
        "final" => Some(Report::Final),
        "gdpr" => Some(Report::Gdpr),
        _ => None,
    }
}

pub fn report_code(report: Report) -> &'static str {
    match report {
        Report::Preliminary => "preliminary",
        Report::Final => "final",
        Report::Gdpr => "gdpr",
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;

    fn leak() -> IncidentInput {
        IncidentInput {
            title: "顧客名簿の誤送信".into(),
            detected_on: "2026-04-01".into(),
            detected_time: "23:59".into(),
            channel: "external_contact".into(),
            severity: "high".into(),
            personal: true,
            persons: "1,200人".into(),
            ..IncidentInput::default()
        }
    }

    #[test]
    fn the_detection_time_is_read_in_japan_time() {
        let d = IncidentDraft::parse(&leak(), datetime!(2026-04-10 00:00 UTC)).unwrap();
        assert_eq!(at(d.0.detected_at), datetime!(2026-04-01 14:59 UTC));
        assert_eq!(d.0.personal.unwrap().persons, 1200);
    }

    #[test]
    fn every_problem_is_listed_with_its_field() {
        let input = IncidentInput {
            title: String::new(),
            detected_on: "2026-02-30".into(),
            detected_time: "25:00".into(),
            channel: "fax".into(),
            severity: String::new(),
            personal: true,
            persons: "many".into(),
            ..IncidentInput::default()
        };
        let p = IncidentDraft::parse(&input, datetime!(2026-04-10 00:00 UTC)).unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["title", "channel", "severity", "detected_on", "persons"]
        );
        let future = IncidentInput {
            detected_on: "2026-04-11".into(),
            ..leak()
        };
        let p = IncidentDraft::parse(&future, datetime!(2026-04-10 00:00 UTC)).unwrap_err();
        assert!(p[0].message.contains("未来"));
    }
}
