//! The registers beside the asset register (risk.md §7, operations.md §4): one parser for the
//! form, the API and every imported row, and the use cases. What fields each register has, and
//! when a date raises an alert, is the domain's (`operations::registers`).

use std::collections::BTreeMap;

use mamori_domain::Lang;
use mamori_domain::operations::registers::{
    Alert, FieldKind, FieldSpec, MAX_ALERT_DAYS, MAX_ENTRIES, RegisterKind, alerts,
};
use mamori_storage::{
    Access, AssessmentId, RegisterEntry, RegisterEntryId, RegisterFields, RiskAssetId, Store,
};
use time::Date;

use crate::fields::{Check, Checked, parse_date, today_in_japan};
use crate::guard::{Need, require};
use crate::{Error, FieldProblem};

pub mod export;
pub mod import;

/// The key a cloud service keeps the cloud-services checklist it was assessed with under.
pub const CHECKLIST_KEY: &str = "checklist";
/// The catalog a cloud service is assessed with.
pub const CLOUD_CATALOG: &str = "cloud-services";

/// An entry as typed: each field's text by key (`name`, `os`, `eosl_on`, …), and the ids of
/// the information assets it holds.
#[derive(Debug, Clone, Default)]
pub struct RegisterInput {
    pub values: BTreeMap<String, String>,
    pub assets: Vec<String>,
}

/// An entry that passed every check. Only [`RegisterDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterDraft {
    fields: RegisterFields,
}

impl RegisterDraft {
    pub fn fields(&self) -> &RegisterFields {
        &self.fields
    }

    /// Checks every field against the register's list: lengths, line breaks, real dates,
    /// known choices; a field the register does not have is refused by name.
    pub fn parse(
        kind: RegisterKind,
        input: &RegisterInput,
    ) -> Result<RegisterDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        for key in input.values.keys() {
            let known = kind.field(key).is_some()
                || (kind == RegisterKind::CloudServices && key == CHECKLIST_KEY);
            if !known {
                c.problem(
                    key,
                    format!(
                        "{}に「{key}」という項目はありません。",
                        kind.title(Lang::Ja)
                    ),
                    format!("The {} has no field “{key}”.", lower(kind.title(Lang::En))),
                );
            }
        }
        let mut name = None;
        let mut values = BTreeMap::new();
        for spec in kind.fields() {
            let raw = input.values.get(spec.key).map_or("", String::as_str);
            if let Some(v) = check_field(&mut c, spec, raw) {
                if spec.key == "name" {
                    name = Some(v);
                } else {
                    values.insert(spec.key.to_owned(), v);
                }
            }
        }
        if let (Some(from), Some(until)) = (values.get("valid_from"), values.get("valid_until"))
            && from > until
        {
            c.problem(
                "valid_until",
                "有効期限が有効期間の開始日より前になっています。",
                "The expiry is before the start of validity.",
            );
        }
        if kind == RegisterKind::CloudServices
            && let Some(raw) = input.values.get(CHECKLIST_KEY)
            && !raw.trim().is_empty()
        {
            match raw.trim().parse::<i64>() {
                Ok(id) if id > 0 => {
                    values.insert(CHECKLIST_KEY.to_owned(), id.to_string());
                }
                _ => c.problem(
                    CHECKLIST_KEY,
                    "チェックリストの回答を一覧から選んでください。",
                    "Choose the checklist answers from the list.",
                ),
            }
        }
        let mut assets = Vec::new();
        for a in input
            .assets
            .iter()
            .map(|a| a.trim())
            .filter(|a| !a.is_empty())
        {
            match a.parse::<i64>() {
                Ok(id) if id > 0 => assets.push(RiskAssetId(id)),
                _ => c.problem(
                    "assets",
                    "情報資産は一覧から選んでください。",
                    "Choose information assets from the list.",
                ),
            }
        }
        assets.sort();
        assets.dedup();
        let name = c.finish(name)?;
        Ok(RegisterDraft {
            fields: RegisterFields {
                name,
                values,
                assets,
            },
        })
    }
}

fn lower(s: &str) -> String {
    s.get(..1).map_or(String::new(), str::to_lowercase) + s.get(1..).unwrap_or("")
}

/// One field's text, checked; `None` when empty or wrong (a problem is recorded when wrong or
/// when a required field is empty).
fn check_field(c: &mut Check, spec: &FieldSpec, raw: &str) -> Option<String> {
    let label_en = lower(spec.en);
    let label = (spec.ja, label_en.as_str());
    let got = match spec.kind {
        FieldKind::Text(max) => c.text(spec.key, label, raw, max, false),
        FieldKind::LongText(max) => c.text(spec.key, label, raw, max, true),
        FieldKind::Date => c.date(spec.key, label, raw),
        FieldKind::Choice(choices) => {
            let t = raw.trim();
            if t.is_empty() {
                Checked::Empty
            } else if let Some(choice) = choices.iter().find(|ch| choice_matches(ch, t)) {
                Checked::Given(choice.key.to_owned())
            } else {
                let ja: Vec<&str> = choices.iter().map(|ch| ch.ja).collect();
                let en: Vec<&str> = choices.iter().map(|ch| ch.en).collect();
                c.problem(
                    spec.key,
                    format!("{}は「{}」から選んでください。", spec.ja, ja.join("」「")),
                    format!("Choose the {label_en} from: {}.", en.join(", ")),
                );
                Checked::Wrong
            }
        }
    };
    match got {
        Checked::Given(v) => Some(v),
        Checked::Wrong => None,
        Checked::Empty => {
            if spec.required {
                c.problem(
                    spec.key,
                    format!("{}を入力してください。", spec.ja),
                    format!("Enter the {label_en}."),
                );
            }
            None
        }
    }
}

/// A choice as people write it in a sheet: its key, its Japanese or English name, or the usual
/// yes/no marks (○, ×, 有, 無).
fn choice_matches(choice: &mamori_domain::operations::registers::Choice, t: &str) -> bool {
    let f = mamori_workbook::fold(t);
    if f == mamori_workbook::fold(choice.key)
        || f == mamori_workbook::fold(choice.ja)
        || f == mamori_workbook::fold(choice.en)
    {
        return true;
    }
    match choice.key {
        "yes" => matches!(t, "○" | "〇" | "有" | "はい" | "締結済み" | "済"),
        "no" => matches!(t, "×" | "✕" | "無" | "いいえ" | "未締結" | "未"),
        _ => false,
    }
}

/// An entry with the alerts it raises today.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub entry: RegisterEntry,
    pub alerts: Vec<Alert>,
}

/// A cloud-services checklist the company submitted, to link a service to.
#[derive(Debug, Clone, PartialEq)]
pub struct Checklist {
    pub id: AssessmentId,
    /// `YYYY-MM-DD`, Japan.
    pub submitted_on: String,
    /// The overall result, percent of the applicable points.
    pub percent: Option<f64>,
}

/// One register as a page or the API shows it.
#[derive(Debug, Clone)]
pub struct RegisterView {
    pub kind: RegisterKind,
    pub entries: Vec<EntryView>,
    pub alert_days: u16,
    pub today: Date,
    /// Cloud services only: the submitted checklists, newest first.
    pub checklists: Vec<Checklist>,
}

impl RegisterView {
    pub fn checklist(&self, e: &RegisterEntry) -> Option<&Checklist> {
        let id: i64 = e.fields.values.get(CHECKLIST_KEY)?.parse().ok()?;
        self.checklists.iter().find(|c| c.id.0 == id)
    }
}

/// Today in Japan, as a day.
pub fn today() -> Date {
    parse_date(&today_in_japan()).unwrap_or(Date::MIN)
}

fn view_of(entry: RegisterEntry, today: Date, days: u16) -> EntryView {
    let alerts = alerts(entry.kind, |k| entry.fields.value(k), today, days);
    EntryView { entry, alerts }
}

async fn checklists(store: &Store, access: &Access) -> Result<Vec<Checklist>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let mut list: Vec<Checklist> = store
        .result_history(scope, CLOUD_CATALOG, 200)
        .await?
        .into_iter()
        .map(|(s, result)| Checklist {
            id: s.id,
            submitted_on: s
                .submitted_at
                .map(|t| crate::standing::day_in_japan(t).to_string())
                .unwrap_or_default(),
            percent: result
                .get("overall_percent")
                .and_then(serde_json::Value::as_f64),
        })
        .collect();
    list.reverse();
    Ok(list)
}

/// One register, by name, with today's alerts.
pub async fn list(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
) -> Result<RegisterView, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let (entries, days, checklists) = tokio::try_join!(
        async { Ok::<_, Error>(store.register_entries(scope, kind).await?) },
        async { Ok::<_, Error>(store.register_alert_days(scope).await?) },
        async {
            if kind == RegisterKind::CloudServices {
                checklists(store, access).await
            } else {
                Ok(Vec::new())
            }
        },
    )?;
    let today = today();
    Ok(RegisterView {
        kind,
        entries: entries
            .into_iter()
            .map(|e| view_of(e, today, days))
            .collect(),
        alert_days: days,
        today,
        checklists,
    })
}

/// One page of a register as the register page shows it.
#[derive(Debug, Clone)]
pub struct RegisterPage {
    pub view: RegisterView,
    /// Entries whose name matches the search (all of them without one).
    pub total: usize,
}

/// One page of `PAGE_ROWS` entries, optionally those whose name contains `search`.
pub async fn page(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    search: &str,
    page: usize,
    page_rows: usize,
) -> Result<RegisterPage, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let offset = page.saturating_sub(1).saturating_mul(page_rows);
    let (found, days, checklists) = tokio::try_join!(
        async {
            Ok::<_, Error>(
                store
                    .register_page(scope, kind, search.trim(), offset as i64, page_rows as i64)
                    .await?,
            )
        },
        async { Ok::<_, Error>(store.register_alert_days(scope).await?) },
        async {
            if kind == RegisterKind::CloudServices {
                checklists(store, access).await
            } else {
                Ok(Vec::new())
            }
        },
    )?;
    let (total, entries) = found;
    let today = today();
    Ok(RegisterPage {
        view: RegisterView {
            kind,
            entries: entries
                .into_iter()
                .map(|e| view_of(e, today, days))
                .collect(),
            alert_days: days,
            today,
            checklists,
        },
        total: usize::try_from(total).unwrap_or(0),
    })
}

/// One entry with its alerts.
pub async fn get(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    id: RegisterEntryId,
) -> Result<EntryView, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let (entry, days) = tokio::try_join!(
        async { Ok::<_, Error>(store.register_entry(scope, kind, id).await?) },
        async { Ok::<_, Error>(store.register_alert_days(scope).await?) },
    )?;
    Ok(view_of(entry, today(), days))
}

/// The submitted cloud-services checklists a service may be linked to.
pub async fn cloud_checklists(store: &Store, access: &Access) -> Result<Vec<Checklist>, Error> {
    checklists(store, access).await
}

pub async fn add(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    draft: &RegisterDraft,
) -> Result<RegisterEntry, Error> {
    let scope = require(access, Need::EditCompany)?;
    let count = store
        .register_counts(scope)
        .await?
        .into_iter()
        .find(|(k, _)| *k == kind)
        .map_or(0, |(_, n)| n);
    if count >= MAX_ENTRIES as i64 {
        return Err(Error::Invalid(vec![
            FieldProblem::new(
                "name",
                format!("この台帳には{MAX_ENTRIES}件まで登録できます。"),
            )
            .en(format!("A register holds at most {MAX_ENTRIES} entries.")),
        ]));
    }
    Ok(store
        .create_register_entry(scope, kind, &draft.fields)
        .await?)
}

pub async fn change(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    id: RegisterEntryId,
    draft: &RegisterDraft,
) -> Result<RegisterEntry, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store
        .update_register_entry(scope, kind, id, &draft.fields)
        .await?)
}

pub async fn remove(
    store: &Store,
    access: &Access,
    kind: RegisterKind,
    id: RegisterEntryId,
) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.delete_register_entry(scope, kind, id).await?)
}

/// Checks "how many days ahead" as typed (1–365).
pub fn parse_alert_days(text: &str) -> Result<u16, Vec<FieldProblem>> {
    let mut c = Check::new();
    let days = c.required_integer_in(
        "alert_days",
        ("お知らせを始める日数", "number of days ahead"),
        text,
        1..=i64::from(MAX_ALERT_DAYS),
        ("日", " days"),
    );
    c.finish(days.and_then(|d| u16::try_from(d).ok()))
}

pub async fn set_alert_days(store: &Store, access: &Access, days: u16) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.set_register_alert_days(scope, days).await?)
}

/// Every register's size and the alerts showing today, for the overview page.
#[derive(Debug, Clone)]
pub struct Overview {
    pub counts: Vec<(RegisterKind, i64)>,
    pub alerting: Vec<EntryView>,
    pub alert_days: u16,
}

pub async fn overview(store: &Store, access: &Access) -> Result<Overview, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let today = today();
    let (counts, alerting, days) = tokio::try_join!(
        async { Ok::<_, Error>(store.register_counts(scope).await?) },
        async { Ok::<_, Error>(store.register_alerting(scope, today).await?) },
        async { Ok::<_, Error>(store.register_alert_days(scope).await?) },
    )?;
    let mut alerting: Vec<EntryView> = alerting
        .into_iter()
        .map(|e| view_of(e, today, days))
        .filter(|v| !v.alerts.is_empty())
        .collect();
    alerting.sort_by_key(|v| v.alerts.first().map(|a| a.on));
    Ok(Overview {
        counts: RegisterKind::ALL
            .into_iter()
            .map(|k| {
                let n = counts.iter().find(|(c, _)| *c == k).map_or(0, |(_, n)| *n);
                (k, n)
            })
            .collect(),
        alerting,
        alert_days: days,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(pairs: &[(&str, &str)]) -> RegisterInput {
        RegisterInput {
            values: pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            assets: Vec::new(),
        }
    }

    #[test]
    fn an_entry_is_checked_field_by_field_with_the_field_named() {
        let p = RegisterDraft::parse(
            RegisterKind::Devices,
            &input(&[
                ("name", &"あ".repeat(201)),
                ("eosl_on", "2027-02-30"),
                ("os", "Windows\n11"),
                ("colour", "red"),
            ]),
        )
        .unwrap_err();
        let mut fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["colour", "eosl_on", "name", "os"]);
        let name = p.iter().find(|p| p.field == "name").unwrap();
        assert_eq!(name.message, "機器名は200文字以内にしてください。");
    }

    #[test]
    fn choices_are_read_as_people_write_them_and_dates_are_normalised() {
        let d = RegisterDraft::parse(
            RegisterKind::Contractors,
            &input(&[
                ("name", "  株式会社サンプル保守  "),
                ("confidentiality", "○"),
                ("evaluation", "一部に課題あり"),
                ("evaluated_on", "2026/4/1"),
            ]),
        )
        .unwrap();
        let f = d.fields();
        assert_eq!(f.name, "株式会社サンプル保守");
        assert_eq!(f.value("confidentiality"), Some("yes"));
        assert_eq!(f.value("evaluation"), Some("some"));
        assert_eq!(f.value("evaluated_on"), Some("2026-04-01"));
        let bad = RegisterDraft::parse(
            RegisterKind::Contractors,
            &input(&[("name", "A社"), ("confidentiality", "たぶん")]),
        )
        .unwrap_err();
        assert_eq!(
            bad[0].message,
            "秘密保持条項は「あり」「なし」から選んでください。"
        );
    }

    #[test]
    fn a_certificate_needs_its_expiry_and_it_cannot_end_before_it_starts() {
        let missing = RegisterDraft::parse(
            RegisterKind::Certificates,
            &input(&[("name", "example.jp")]),
        )
        .unwrap_err();
        assert_eq!(missing[0].field, "valid_until");
        assert_eq!(missing[0].message, "有効期限を入力してください。");
        let reversed = RegisterDraft::parse(
            RegisterKind::Certificates,
            &input(&[
                ("name", "example.jp"),
                ("valid_from", "2027-01-01"),
                ("valid_until", "2026-01-01"),
            ]),
        )
        .unwrap_err();
        assert_eq!(reversed[0].field, "valid_until");
    }

    #[test]
    fn the_alert_lead_is_a_whole_number_of_days_up_to_a_year() {
        assert_eq!(parse_alert_days("60"), Ok(60));
        assert_eq!(parse_alert_days("９０日"), Ok(90));
        let p = parse_alert_days("400").unwrap_err();
        assert_eq!(
            p[0].message,
            "お知らせを始める日数は1〜365日の整数で入力してください。"
        );
        assert!(parse_alert_days("0").is_err());
        assert!(parse_alert_days("366").is_err());
    }
}
