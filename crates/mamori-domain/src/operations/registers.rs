//! The registers a running programme keeps beside the asset register (risk.md §7,
//! operations.md §4): devices, applications, cloud services, certificates and contractors.
//!
//! Each register is described here as data (its fields, their kinds and limits, and which
//! dates raise an alert); one parser in `mamori-app` and one store read every register the same
//! way. The alert rule is here too, so the register pages, the due-date list and the sweep that
//! feeds the e-mail digest and the calendar all agree on what is due when.

use time::{Date, Duration, Month};

use crate::Lang;

mod fields;

use fields::{
    APPLICATION_FIELDS, CERTIFICATE_FIELDS, CLOUD_FIELDS, CONTRACTOR_FIELDS, DEVICE_FIELDS,
};
pub use fields::{CONFIDENTIALITY, EVALUATION};

/// How many days before a date its alert starts, unless the company chose otherwise.
pub const DEFAULT_ALERT_DAYS: u16 = 90;
/// The longest lead a company may choose.
pub const MAX_ALERT_DAYS: u16 = 365;
/// The most rows one register holds (an import beyond it is refused).
pub const MAX_ENTRIES: usize = 20_000;

/// One of the registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegisterKind {
    Devices,
    Applications,
    CloudServices,
    Certificates,
    Contractors,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 5] = [
        RegisterKind::Devices,
        RegisterKind::Applications,
        RegisterKind::CloudServices,
        RegisterKind::Certificates,
        RegisterKind::Contractors,
    ];

    /// The name in URLs, files and the database.
    pub fn slug(self) -> &'static str {
        match self {
            RegisterKind::Devices => "devices",
            RegisterKind::Applications => "applications",
            RegisterKind::CloudServices => "cloud-services",
            RegisterKind::Certificates => "certificates",
            RegisterKind::Contractors => "contractors",
        }
    }

    pub fn parse(slug: &str) -> Option<RegisterKind> {
        RegisterKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The register's title, as on IPA's sheets where there is one.
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RegisterKind::Devices, Lang::Ja) => "機器管理台帳",
            (RegisterKind::Devices, Lang::En) => "Device register",
            (RegisterKind::Applications, Lang::Ja) => "アプリケーション管理台帳",
            (RegisterKind::Applications, Lang::En) => "Application register",
            (RegisterKind::CloudServices, Lang::Ja) => "クラウドサービス管理台帳",
            (RegisterKind::CloudServices, Lang::En) => "Cloud-service register",
            (RegisterKind::Certificates, Lang::Ja) => "証明書の有効期限一覧",
            (RegisterKind::Certificates, Lang::En) => "Certificate expiry list",
            (RegisterKind::Contractors, Lang::Ja) => "委託先管理台帳",
            (RegisterKind::Contractors, Lang::En) => "Contractor register",
        }
    }

    /// The fields, in the order of the form, the table and the exported sheet. The first is the
    /// name every entry must have.
    pub fn fields(self) -> &'static [FieldSpec] {
        match self {
            RegisterKind::Devices => DEVICE_FIELDS,
            RegisterKind::Applications => APPLICATION_FIELDS,
            RegisterKind::CloudServices => CLOUD_FIELDS,
            RegisterKind::Certificates => CERTIFICATE_FIELDS,
            RegisterKind::Contractors => CONTRACTOR_FIELDS,
        }
    }

    pub fn field(self, key: &str) -> Option<&'static FieldSpec> {
        self.fields().iter().find(|f| f.key == key)
    }
}

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Several lines of text.
    LongText(usize),
    /// A day, `YYYY-MM-DD`.
    Date,
    /// One of the choices (stored by key).
    Choice(&'static [Choice]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

impl Choice {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

/// A date that raises an alert as it comes near, and what the alert says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertRule {
    /// Before the day: 「サポート終了まで」; after it: 「サポート終了済み」.
    pub before_ja: &'static str,
    pub before_en: &'static str,
    pub after_ja: &'static str,
    pub after_en: &'static str,
    /// The alerting day is the field's day plus this many years (a contractor is evaluated
    /// again a year after the last evaluation); 0 for the day itself.
    pub years_after: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// Other headings an imported sheet may use for this column.
    pub aliases: &'static [&'static str],
    pub alert: Option<AlertRule>,
}

impl FieldSpec {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }

    pub fn choice(&self, key: &str) -> Option<&'static Choice> {
        match self.kind {
            FieldKind::Choice(choices) => choices.iter().find(|c| c.key == key),
            _ => None,
        }
    }
}

/// Where an entry's dated field stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertState {
    /// The day is within the lead (today included).
    Soon,
    /// The day has passed.
    Passed,
}

/// One alert of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alert {
    pub field: &'static FieldSpec,
    /// The day the alert is about (for a re-evaluation, a year after the last one).
    pub on: Date,
    pub state: AlertState,
}

impl Alert {
    pub fn text(&self, lang: Lang) -> &'static str {
        let Some(rule) = self.field.alert else {
            return "";
        };
        match (self.state, lang) {
            (AlertState::Soon, Lang::Ja) => rule.before_ja,
            (AlertState::Soon, Lang::En) => rule.before_en,
            (AlertState::Passed, Lang::Ja) => rule.after_ja,
            (AlertState::Passed, Lang::En) => rule.after_en,
        }
    }
}

/// The day a field's alert is about: the field's day, or that day some years later. 29 February
/// plus a year is 28 February: the evaluation falls due before the anniversary, never after.
pub fn alert_day(rule: &AlertRule, day: Date) -> Date {
    if rule.years_after == 0 {
        return day;
    }
    let year = day.year() + rule.years_after;
    Date::from_calendar_date(year, day.month(), day.day())
        .or_else(|_| Date::from_calendar_date(year, Month::February, 28))
        .unwrap_or(day)
}

/// The alerting days of an entry, from its stored values (`key`, `YYYY-MM-DD`).
pub fn alert_days<'a>(
    kind: RegisterKind,
    value: impl Fn(&str) -> Option<&'a str>,
) -> Vec<(&'static FieldSpec, Date)> {
    kind.fields()
        .iter()
        .filter_map(|f| {
            let rule = f.alert.as_ref()?;
            let day = parse_day(value(f.key)?)?;
            Some((f, alert_day(rule, day)))
        })
        .collect()
}

/// The alerts an entry raises today, soonest first: days within `lead_days` from today, and
/// days already passed.
pub fn alerts<'a>(
    kind: RegisterKind,
    value: impl Fn(&str) -> Option<&'a str>,
    today: Date,
    lead_days: u16,
) -> Vec<Alert> {
    let horizon = today + Duration::days(i64::from(lead_days));
    let mut out: Vec<Alert> = alert_days(kind, value)
        .into_iter()
        .filter(|(_, on)| *on <= horizon)
        .map(|(field, on)| Alert {
            field,
            on,
            state: if on < today {
                AlertState::Passed
            } else {
                AlertState::Soon
            },
        })
        .collect();
    out.sort_by_key(|a| a.on);
    out
}

/// The first day the entry's alerts start showing (`lead_days` before its earliest alerting
/// day), kept with the entry so the due-date sweep finds what to tell with one index range.
pub fn alert_from<'a>(
    kind: RegisterKind,
    value: impl Fn(&str) -> Option<&'a str>,
    lead_days: u16,
) -> Option<Date> {
    alert_days(kind, value)
        .into_iter()
        .map(|(_, on)| on - Duration::days(i64::from(lead_days)))
        .min()
}

/// A stored day, `YYYY-MM-DD`.
fn parse_day(s: &str) -> Option<Date> {
    let mut parts = s.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn values<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a str> {
        move |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| *v)
    }

    #[test]
    fn every_register_starts_with_a_required_name_and_keys_are_unique() {
        for kind in RegisterKind::ALL {
            let fields = kind.fields();
            assert_eq!(fields[0].key, "name", "{kind:?}");
            assert!(fields[0].required);
            let mut keys: Vec<&str> = fields.iter().map(|f| f.key).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), fields.len(), "{kind:?}");
            assert_eq!(RegisterKind::parse(kind.slug()), Some(kind));
            for f in fields {
                if f.alert.is_some() {
                    assert_eq!(f.kind, FieldKind::Date, "{kind:?} {}", f.key);
                }
            }
        }
    }

    #[test]
    fn an_end_of_support_alerts_from_exactly_ninety_days_before_and_stays_after_it_passed() {
        let eosl = [("eosl_on", "2027-03-31")];
        let a = RegisterKind::Applications;
        // 2027-03-31 minus 90 days is 2026-12-31.
        assert!(alerts(a, values(&eosl), date!(2026 - 12 - 30), 90).is_empty());
        let soon = alerts(a, values(&eosl), date!(2026 - 12 - 31), 90);
        assert_eq!(soon.len(), 1);
        assert_eq!(soon[0].state, AlertState::Soon);
        assert_eq!(soon[0].text(Lang::Ja), "サポート終了");
        let on_the_day = alerts(a, values(&eosl), date!(2027 - 03 - 31), 90);
        assert_eq!(on_the_day[0].state, AlertState::Soon);
        let after = alerts(a, values(&eosl), date!(2027 - 04 - 01), 90);
        assert_eq!(after[0].state, AlertState::Passed);
        assert_eq!(after[0].text(Lang::Ja), "サポート終了済み");
        assert_eq!(
            alert_from(a, values(&eosl), 90),
            Some(date!(2026 - 12 - 31))
        );
    }

    #[test]
    fn a_contractor_evaluated_on_29_february_is_due_again_on_28_february() {
        let c = RegisterKind::Contractors;
        let leap = [("evaluated_on", "2028-02-29")];
        let days = alert_days(c, values(&leap));
        assert_eq!(days[0].1, date!(2029 - 02 - 28));
        let plain = [("evaluated_on", "2026-03-31")];
        assert_eq!(alert_days(c, values(&plain))[0].1, date!(2027 - 03 - 31));
    }

    #[test]
    fn the_earliest_of_several_dates_decides_when_alerts_start_and_they_come_soonest_first() {
        let d = RegisterKind::Devices;
        let v = [
            ("eosl_on", "2027-10-14"),
            ("maintenance_until", "2027-01-31"),
        ];
        assert_eq!(alert_from(d, values(&v), 30), Some(date!(2027 - 01 - 01)));
        let all = alerts(d, values(&v), date!(2027 - 09 - 30), 30);
        assert_eq!(
            all.iter().map(|a| a.field.key).collect::<Vec<_>>(),
            ["maintenance_until", "eosl_on"]
        );
        assert_eq!(all[0].state, AlertState::Passed);
        // A date that is not a day raises nothing (the parser refuses it before it is stored).
        assert!(alert_days(d, values(&[("eosl_on", "2027-02-30")])).is_empty());
    }
}
