//! The registers a running programme keeps beside the asset register (risk.md §7,
//! operations.md §4): devices, applications, cloud services, certificates and contractors.
//!
//! Each register is described here as data (its fields, their kinds and limits, and which
//! dates raise an alert); one parser in `mamori-app` and one store read every register the same
//! way. The alert rule is here too, so the register pages, the due-date list and the sweep that
//! feeds the e-mail digest and the calendar all agree on what is due when.

use time::{Date, Duration, Month};

use crate::Lang;

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

const fn text(
    key: &'static str,
    ja: &'static str,
    en: &'static str,
    max: usize,
    aliases: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        key,
        ja,
        en,
        kind: FieldKind::Text(max),
        required: false,
        aliases,
        alert: None,
    }
}

const fn name(ja: &'static str, en: &'static str, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        key: "name",
        ja,
        en,
        kind: FieldKind::Text(200),
        required: true,
        aliases,
        alert: None,
    }
}

const fn date(
    key: &'static str,
    ja: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    alert: Option<AlertRule>,
) -> FieldSpec {
    FieldSpec {
        key,
        ja,
        en,
        kind: FieldKind::Date,
        required: false,
        aliases,
        alert,
    }
}

const NOTE: FieldSpec = FieldSpec {
    key: "note",
    ja: "備考",
    en: "Note",
    kind: FieldKind::LongText(1000),
    required: false,
    aliases: &["メモ", "Notes", "Remarks"],
    alert: None,
};

const EOSL: AlertRule = AlertRule {
    before_ja: "サポート終了",
    before_en: "End of support",
    after_ja: "サポート終了済み",
    after_en: "Support has ended",
    years_after: 0,
};

const CONTRACT_END: AlertRule = AlertRule {
    before_ja: "契約の終了",
    before_en: "Contract ends",
    after_ja: "契約期限切れ",
    after_en: "Contract has ended",
    years_after: 0,
};

const EOSL_FIELD: FieldSpec = date(
    "eosl_on",
    "サポート終了日（EOSL）",
    "End of support (EOSL)",
    &["EOSL", "サポート終了日", "サポート期限", "End of support"],
    Some(EOSL),
);

const CONTRACT_FIELD: FieldSpec = date(
    "contract_until",
    "契約期限",
    "Contract until",
    &["契約期間", "契約終了日", "Contract end"],
    Some(CONTRACT_END),
);

const DEVICE_FIELDS: &[FieldSpec] = &[
    name("機器名", "Device", &["名称", "Name", "Device name"]),
    text(
        "asset_number",
        "資産番号",
        "Asset number",
        100,
        &["管理番号"],
    ),
    text(
        "os",
        "OS・バージョン",
        "OS and version",
        100,
        &["OS", "OSバージョン", "OS version"],
    ),
    text(
        "owner",
        "管理者・利用者",
        "Owner or user",
        100,
        &["管理者", "利用者", "Owner"],
    ),
    text(
        "ip_address",
        "IPアドレス（またはDHCP）",
        "IP address (or DHCP)",
        100,
        &["IPアドレス", "IP address"],
    ),
    text(
        "middleware",
        "ミドルウェア・バージョン",
        "Middleware and version",
        200,
        &["ミドルウェア", "Middleware"],
    ),
    text(
        "serial",
        "シリアル番号",
        "Serial number",
        100,
        &["製造番号", "Serial"],
    ),
    date(
        "maintenance_until",
        "保守期限",
        "Maintenance until",
        &["保守期間", "保守契約期限", "Maintenance period"],
        Some(AlertRule {
            before_ja: "保守契約の終了",
            before_en: "Maintenance ends",
            after_ja: "保守期限切れ",
            after_en: "Maintenance has ended",
            years_after: 0,
        }),
    ),
    EOSL_FIELD,
    NOTE,
];

const APPLICATION_FIELDS: &[FieldSpec] = &[
    name(
        "アプリケーション名",
        "Application",
        &["ソフトウェア名", "名称", "Name", "Application name"],
    ),
    text("version", "バージョン", "Version", 100, &["Ver"]),
    text("owner", "管理者", "Owner", 100, &["担当者"]),
    text("purpose", "利用目的", "Purpose", 200, &["用途"]),
    text(
        "installed_on",
        "インストール先・利用者",
        "Installed on / used by",
        200,
        &["インストール先", "利用者", "利用機器", "Users"],
    ),
    CONTRACT_FIELD,
    EOSL_FIELD,
    NOTE,
];

const CLOUD_FIELDS: &[FieldSpec] = &[
    name(
        "サービス名",
        "Service",
        &["クラウドサービス名", "名称", "Name"],
    ),
    text(
        "provider",
        "提供事業者",
        "Provider",
        200,
        &["事業者", "提供元", "Vendor"],
    ),
    text("purpose", "利用目的", "Purpose", 200, &["用途"]),
    FieldSpec {
        key: "data_held",
        ja: "預けている情報",
        en: "Information held",
        kind: FieldKind::LongText(1000),
        required: false,
        aliases: &["保存している情報", "取り扱う情報", "Data held"],
        alert: None,
    },
    text(
        "administrator",
        "管理者",
        "Administrator",
        100,
        &["管理担当者", "Admin"],
    ),
    CONTRACT_FIELD,
    NOTE,
];

const CERTIFICATE_FIELDS: &[FieldSpec] = &[
    name(
        "サブジェクト（ドメイン名など）",
        "Subject (domain name etc.)",
        &[
            "サブジェクト",
            "ドメイン名",
            "コモンネーム",
            "CN",
            "Subject",
        ],
    ),
    text(
        "issuer",
        "発行者",
        "Issuer",
        200,
        &["認証局", "発行元", "CA"],
    ),
    text(
        "used_on",
        "使用している機器・サービス",
        "Used on",
        200,
        &["使用箇所", "設置先", "Installed on"],
    ),
    date(
        "valid_from",
        "有効期間の開始日",
        "Valid from",
        &["発行日", "開始日", "Not before"],
        None,
    ),
    FieldSpec {
        key: "valid_until",
        ja: "有効期限",
        en: "Valid until",
        kind: FieldKind::Date,
        required: true,
        aliases: &["有効期間の終了日", "期限", "Expiry", "Not after"],
        alert: Some(AlertRule {
            before_ja: "証明書の有効期限",
            before_en: "Certificate expires",
            after_ja: "証明書の期限切れ",
            after_en: "Certificate has expired",
            years_after: 0,
        }),
    },
    NOTE,
];

/// Whether the contract has a confidentiality clause.
pub const CONFIDENTIALITY: &[Choice] = &[
    Choice {
        key: "yes",
        ja: "あり",
        en: "Yes",
    },
    Choice {
        key: "no",
        ja: "なし",
        en: "No",
    },
];

/// The outcome of the contractor's last evaluation against the company's checklist.
pub const EVALUATION: &[Choice] = &[
    Choice {
        key: "good",
        ja: "問題なし",
        en: "No issues",
    },
    Choice {
        key: "some",
        ja: "一部に課題あり",
        en: "Some issues",
    },
    Choice {
        key: "poor",
        ja: "不十分",
        en: "Insufficient",
    },
];

const CONTRACTOR_FIELDS: &[FieldSpec] = &[
    name(
        "委託先名",
        "Contractor",
        &["委託先", "会社名", "名称", "Name"],
    ),
    text(
        "work",
        "委託している業務",
        "Work contracted",
        200,
        &["委託業務", "業務内容", "Work"],
    ),
    FieldSpec {
        key: "information_given",
        ja: "提供している情報",
        en: "Information given",
        kind: FieldKind::LongText(1000),
        required: false,
        aliases: &["提供する情報", "預ける情報", "Information"],
        alert: None,
    },
    FieldSpec {
        key: "confidentiality",
        ja: "秘密保持条項",
        en: "Confidentiality clause",
        kind: FieldKind::Choice(CONFIDENTIALITY),
        required: false,
        aliases: &["秘密保持契約", "NDA", "守秘義務"],
        alert: None,
    },
    FieldSpec {
        key: "evaluation",
        ja: "チェックリストの評価",
        en: "Checklist result",
        kind: FieldKind::Choice(EVALUATION),
        required: false,
        aliases: &["評価結果", "チェック結果", "Evaluation"],
        alert: None,
    },
    date(
        "evaluated_on",
        "最終評価日",
        "Last evaluated",
        &["評価日", "前回評価日", "Evaluated on"],
        Some(AlertRule {
            before_ja: "委託先の再評価",
            before_en: "Evaluate again",
            after_ja: "再評価の時期を過ぎています",
            after_en: "Evaluation is overdue",
            years_after: 1,
        }),
    ),
    CONTRACT_FIELD,
    NOTE,
];

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
