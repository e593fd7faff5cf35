//! The daily e-mail of due dates (issue 17 §8): each member of a company receives, once a day and
//! only when there is something, the open actions due within two weeks or overdue and the
//! registers' alerts of each of their companies. A job of the server, not of a person: it reads
//! every company through three queries and sends nothing itself (the web edge sends).
//!
//! Incident report deadlines are not in the e-mail: who may see an incident is decided per
//! person and incident, and incident details do not travel by e-mail. The company home, the
//! due-date list and the calendar feed show them to the people who may see them.

use std::collections::BTreeMap;

use mamori_domain::Lang;
use mamori_domain::operations::registers::{AlertState, alerts};
use mamori_storage::{OrgId, Store, UserId};
use time::{Date, Duration};

use crate::Error;
use crate::fields::parse_date;

/// How far ahead open actions are listed.
pub const ACTION_DAYS_AHEAD: i64 = 14;

/// One e-mail to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestMail {
    pub user: UserId,
    pub to_email: String,
    pub to_name: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Line {
    on: Date,
    text: String,
    overdue: bool,
}

fn japanese_day(d: Date) -> String {
    format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day())
}

/// The e-mails of `today` (Japan); `base` is where people open the server.
pub async fn compose(store: &Store, today: Date, base: &str) -> Result<Vec<DigestMail>, Error> {
    let until = (today + Duration::days(ACTION_DAYS_AHEAD)).to_string();
    let (recipients, actions, alerting) = tokio::try_join!(
        async { Ok::<_, Error>(store.digest_recipients().await?) },
        async { Ok::<_, Error>(store.actions_due_everywhere(&until).await?) },
        async { Ok::<_, Error>(store.register_alerting_everywhere(today).await?) },
    )?;
    let mut lines: BTreeMap<OrgId, Vec<Line>> = BTreeMap::new();
    for a in actions {
        let Some(on) = parse_date(&a.due_date) else {
            continue;
        };
        lines.entry(a.org).or_default().push(Line {
            on,
            text: format!("対策の期限: {}", a.title),
            overdue: on < today,
        });
    }
    for r in alerting {
        let e = &r.entry;
        for a in alerts(e.kind, |k| e.fields.value(k), today, r.alert_days) {
            lines.entry(r.org).or_default().push(Line {
                on: a.on,
                text: format!(
                    "{}: {}（{}）",
                    a.text(Lang::Ja),
                    e.fields.name,
                    e.kind.title(Lang::Ja)
                ),
                overdue: a.state == AlertState::Passed,
            });
        }
    }
    for l in lines.values_mut() {
        l.sort();
    }
    let mut mails: Vec<DigestMail> = Vec::new();
    let mut current: Option<(UserId, String, String, String)> = None;
    let flush = |person: Option<(UserId, String, String, String)>, mails: &mut Vec<_>| {
        if let Some((user, email, name, sections)) = person
            && !sections.is_empty()
        {
            mails.push(DigestMail {
                user,
                to_email: email,
                subject: format!("【Mamori】期限のお知らせ（{}）", japanese_day(today)),
                body: format!(
                    "{name} 様\n\nMamori から、期限が近いものと期限を過ぎたものをお知らせします。\n{sections}\n\
                     このメールは、お知らせがある日に1日1回お送りしています。\
                     受け取りをやめるときは、{base}/account の「期限のお知らせメール」で設定してください。\n"
                ),
                to_name: name,
            });
        }
    };
    for r in recipients {
        if current.as_ref().is_none_or(|c| c.0 != r.user) {
            flush(current.take(), &mut mails);
            current = Some((r.user, r.email.clone(), r.name.clone(), String::new()));
        }
        let Some(org_lines) = lines.get(&r.org) else {
            continue;
        };
        if let Some(c) = current.as_mut() {
            c.3.push_str(&format!("\n■ {}\n", r.org_name));
            for l in org_lines {
                let mark = if l.overdue { "【期限切れ】" } else { "" };
                c.3.push_str(&format!("・{} {mark}{}\n", l.on, l.text));
            }
            c.3.push_str(&format!("一覧: {base}/orgs/{}/due\n", r.org));
        }
    }
    flush(current.take(), &mut mails);
    Ok(mails)
}

/// Whether the person receives the daily e-mail.
pub async fn receives(store: &Store, user: UserId) -> Result<bool, Error> {
    Ok(store.receives_digest(user).await?)
}

/// The person turns their daily e-mail on or off.
pub async fn set_receives(store: &Store, user: UserId, receive: bool) -> Result<(), Error> {
    Ok(store.set_receives_digest(user, receive).await?)
}
