//! A person's due dates as an iCalendar feed (RFC 5545) that calendar applications subscribe to
//! through a secret address: open actions, the days the registers watch (end of support,
//! expiry, contract end, re-evaluation) and, where the person may see incidents, the reports
//! still to make. One all-day event a date.
//!
//! The feed is written here rather than with a calendar crate: it uses one component (all-day
//! VEVENTs) and five properties, and the crates available pull in a second date library.

use mamori_domain::Lang;
use mamori_domain::operations::registers::alert_days;
use mamori_storage::{OrgKind, Secret, Store, Timestamp, UserId, Via};
use time::{Date, Duration, OffsetDateTime};

use crate::Error;
use crate::operations::incidents::{self, report_name};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across refreshes, so a calendar updates an event instead of adding another.
    pub uid: String,
    pub on: Date,
    pub summary: String,
    /// The page to open, relative to the server (`/orgs/3/actions`).
    pub path: String,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a character (§3.1).
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

fn ymd(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), u8::from(d.month()), d.day())
}

/// The calendar: `base` is where people reach the server, `now` the DTSTAMP of every event.
pub fn ics(name: &str, events: &[Event], base: &str, now: OffsetDateTime) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Mamori//Due dates//JA");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    line(&mut out, "X-WR-TIMEZONE:Asia/Tokyo");
    let stamp = format!(
        "{}T{:02}{:02}{:02}Z",
        ymd(now.date()),
        now.hour(),
        now.minute(),
        now.second()
    );
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&e.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ymd(e.on)));
        line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", ymd(e.on + Duration::days(1))),
        );
        line(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        line(&mut out, &format!("URL:{base}{}", e.path));
        line(&mut out, "TRANSP:TRANSPARENT");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// When the person made their calendar address, if they have one.
pub async fn created(store: &Store, user: UserId) -> Result<Option<Timestamp>, Error> {
    Ok(store.calendar_feed_created(user).await?)
}

/// A new secret address (the old one stops working); shown once.
pub async fn create(store: &Store, user: UserId) -> Result<Secret, Error> {
    Ok(store.create_calendar_feed(user).await?)
}

pub async fn delete(store: &Store, user: UserId) -> Result<(), Error> {
    Ok(store.delete_calendar_feed(user).await?)
}

/// The events of the person whose secret address this is; `None` for an unknown address.
/// Days long past are left out (a calendar keeps what it already has).
pub async fn events(store: &Store, secret: &str) -> Result<Option<Vec<Event>>, Error> {
    let secret = Secret::from_client(secret);
    let Some(user) = store.calendar_feed_user(&secret).await? else {
        return Ok(None);
    };
    let lang = Lang::Ja;
    let since = crate::operations::registers::today() - Duration::days(90);
    let (actions, entries) = store.calendar_items(user.id).await?;
    let mut out = Vec::new();
    for a in actions {
        let Some(on) = crate::fields::parse_date(&a.due_date) else {
            continue;
        };
        if on < since {
            continue;
        }
        out.push(Event {
            uid: format!("action-{}@mamori", a.id),
            on,
            summary: format!("対策の期限: {}（{}）", a.title, a.org_name),
            path: format!("/orgs/{}/actions", a.org),
        });
    }
    for d in entries {
        let e = &d.entry;
        for (field, on) in alert_days(e.kind, |k| e.fields.value(k)) {
            if on < since {
                continue;
            }
            let what = field.alert.map_or(field.ja, |r| r.before_ja);
            out.push(Event {
                uid: format!("register-{}-{}@mamori", e.id, field.key),
                on,
                summary: format!("{what}: {}（{}）", e.fields.name, d.org_name),
                path: format!("/orgs/{}/registers/{}/{}", d.org, e.kind.slug(), e.id),
            });
        }
    }
    // Incident reports: only companies where the person may see incidents (the use case asks
    // the one visibility rule); one lookup per company the person belongs to.
    for r in store.reachable_organisations(user.id).await? {
        if r.org.kind != OrgKind::Company || r.via != Via::Membership {
            continue;
        }
        let Some(access) = store.access(user.id, r.org.id).await? else {
            continue;
        };
        for p in incidents::pending(store, &access)
            .await?
            .unwrap_or_default()
        {
            let Some(on) = p.by_day.or(p
                .by_time
                .map(mamori_domain::operations::incident::japan_date))
            else {
                continue;
            };
            out.push(Event {
                uid: format!("incident-{}-{:?}@mamori", p.incident.0, p.report),
                on,
                summary: format!(
                    "{}: {}（{}）",
                    report_name(p.report, lang),
                    p.title,
                    r.org.name
                ),
                path: format!("/orgs/{}/incidents/{}", r.org.id, p.incident.0),
            });
        }
    }
    out.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.uid.cmp(&b.uid)));
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn text_is_escaped_and_long_lines_fold_without_splitting_a_character() {
        let events = [Event {
            uid: "action-1@mamori".into(),
            on: date!(2027 - 01 - 31),
            summary: "対策の期限: パスワード,共有;やめる\\確認\n二行目とても長い件名がここに続いて七十五オクテットを超えます".into(),
            path: "/orgs/1/actions".into(),
        }];
        let text = ics(
            "Mamori 期限",
            &events,
            "https://mamori.example.jp",
            datetime!(2026-12-08 01:02:03 UTC),
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201\r\n"));
        assert!(text.contains("DTSTAMP:20261208T010203Z\r\n"));
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:対策の期限: パスワード\\,共有\\;やめる\\\\確認\\n二行目")
        );
        for l in text.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
