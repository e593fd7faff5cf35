//! The checks of what people type, shared by every record's parser: every message names the
//! field, in Japanese and English, and every problem of an input is listed at once.
//!
//! Text arrives as text whatever its source (a form field, a JSON string or number, a
//! spreadsheet cell), so the same mistake gets the same message from the form, the API and an
//! import.

use mamori_domain::text::Text;

use crate::FieldProblem;

mod checked;
mod profile;

pub use checked::{Checked, Refused};

pub use profile::{
    INDUSTRIES, PREFECTURES, PREFECTURES_EN, ProfileInput, industry_label, prefecture_label,
    profile,
};

/// A field's name for messages: Japanese, English.
pub type Label<'a> = (&'a str, &'a str);

/// The unit a number is counted in: Japanese written right after the number ("円", "人"), and
/// English with its leading space (" yen", " persons").
pub type Unit = (&'static str, &'static str);

/// A plain number.
pub const NO_UNIT: Unit = ("", "");

/// An amount of money.
pub const YEN: Unit = ("円", " yen");

/// A whole number as people type it: full-width digits, thousands separators, spaces and a unit
/// (円, ¥, 人, 名, 日, 点) are accepted ("1,000", "１０", "30,000円", "90日", "85点"). `None` when it is not a number
/// (an empty text is not one either; callers decide whether a field may be left empty).
pub fn whole_number(text: &str) -> Option<i64> {
    let cleaned: String =
        text.trim()
            .chars()
            .filter_map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                '－' => Some('-'),
                ',' | '，' | ' ' | '\u{3000}' | '_' | '円' | '¥' | '￥' | '人' | '名' | '日'
                | '点' => None,
                c => Some(c),
            })
            .collect();
    cleaned.parse().ok()
}

/// A display name (a person's or an organisation's): trimmed, 1-100 characters, no control
/// characters. `label` names the field, so the person knows which name is meant.
pub fn name(
    field: &str,
    (ja, en): Label,
    value: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<String> {
    let v = value.trim();
    if v.is_empty() {
        problems.push(
            FieldProblem::new(field, format!("{ja}を入力してください。"))
                .en(format!("Please enter the {en}.")),
        );
        return None;
    }
    if v.chars().count() > 100 {
        problems.push(
            FieldProblem::new(field, format!("{ja}は100文字以内にしてください。"))
                .en(format!("The {en} can be at most 100 characters.")),
        );
        return None;
    }
    if v.chars().any(char::is_control) {
        problems.push(
            FieldProblem::new(field, format!("{ja}に改行や制御文字は使えません。")).en(format!(
                "The {en} cannot contain line breaks or control characters."
            )),
        );
        return None;
    }
    Some(v.to_owned())
}

/// An e-mail address: trimmed, lower-cased, one `@` with text on both sides and a dot after it.
pub fn email(field: &str, value: &str, problems: &mut Vec<FieldProblem>) -> Option<String> {
    let v = value.trim().to_lowercase();
    let ok = v.len() <= 254
        && !v.chars().any(|c| c.is_whitespace() || c.is_control())
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if v.is_empty() {
        problems.push(
            FieldProblem::new(field, "メールアドレスを入力してください。")
                .en("Please enter an email address."),
        );
        None
    } else if !ok {
        problems.push(
            FieldProblem::new(
                field,
                "メールアドレスの形式が正しくありません（例: taro@example.co.jp）。",
            )
            .en("This is not a valid email address (e.g. taro@example.co.jp)."),
        );
        None
    } else {
        Some(v)
    }
}

/// Optional free text: trimmed, empty means none, at most `max` characters, no control characters
/// except line breaks. `label` names the field in Japanese and English.
pub fn optional_text(
    field: &str,
    label: (&str, &str),
    value: Option<&str>,
    max: usize,
    problems: &mut Vec<FieldProblem>,
) -> Option<String> {
    let (ja, en) = label;
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        problems.push(
            FieldProblem::new(field, format!("{ja}は{max}文字以内にしてください。"))
                .en(format!("{en} can be at most {max} characters.")),
        );
        return None;
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        problems.push(
            FieldProblem::new(field, format!("{ja}に制御文字は使えません。"))
                .en(format!("{en} cannot contain control characters.")),
        );
        return None;
    }
    Some(v.to_owned())
}

/// A role name from a form or the API.
pub fn role(
    field: &str,
    value: &str,
    problems: &mut Vec<FieldProblem>,
) -> Option<mamori_storage::Role> {
    let r = mamori_storage::Role::parse(value.trim());
    if r.is_none() {
        problems.push(FieldProblem::new(field, "役割は admin（管理者）、consultant（専門家）、member（メンバー）、viewer（閲覧のみ）のいずれかにしてください。")
            .en("The role must be admin, consultant, member or viewer."));
    }
    r
}

/// `YYYY-MM-DD` (also `YYYY/M/D`) of a date that exists, written back as `YYYY-MM-DD`.
pub fn calendar_date(text: &str) -> Option<String> {
    let mut parts = text.trim().split(['-', '/']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || y.len() != 4
        || !(1..=2).contains(&m.len())
        || !(1..=2).contains(&d.len())
    {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    let day: u8 = d.parse().ok()?;
    if !(2000..=2199).contains(&year) {
        return None;
    }
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

/// A real calendar date as a `time::Date` (any form `calendar_date` reads).
pub fn parse_date(text: &str) -> Option<time::Date> {
    let canonical = calendar_date(text)?;
    let mut parts = canonical.split('-').map(str::parse::<u16>);
    let (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) = (parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(m).ok()?).ok()?;
    time::Date::from_calendar_date(i32::from(y), month, u8::try_from(d).ok()?).ok()
}

/// An RFC 3339 UTC time, as the API and kept documents write times.
pub fn rfc3339(t: mamori_storage::Timestamp) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(t.0) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Today in Japan, `YYYY-MM-DD`.
pub fn today_in_japan() -> String {
    let d = time::OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+9))
        .date();
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Every problem of one input, each with the place in a list when there is one (`rows[3].`).
#[derive(Debug, Default)]
pub struct Check {
    problems: Vec<FieldProblem>,
    prefix: String,
}

impl Check {
    pub fn new() -> Check {
        Check::default()
    }

    /// Problems from now on are at this place (`rows[3].`); empty for the top.
    pub fn at(&mut self, prefix: impl Into<String>) {
        self.prefix = prefix.into();
    }

    pub fn problem(&mut self, field: &str, ja: impl Into<String>, en: impl Into<String>) {
        self.problems
            .push(FieldProblem::new(format!("{}{field}", self.prefix), ja).en(en));
    }

    /// Problems found elsewhere (a nested parser), at the current place.
    pub fn extend(&mut self, problems: impl IntoIterator<Item = FieldProblem>) {
        let prefix = self.prefix.clone();
        self.problems
            .extend(problems.into_iter().map(|p| p.at(&prefix)));
    }

    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn into_problems(self) -> Vec<FieldProblem> {
        self.problems
    }

    /// The value when nothing was wrong; every problem otherwise.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldProblem>> {
        match value {
            Some(v) if self.problems.is_empty() => Ok(v),
            _ => Err(self.problems),
        }
    }

    /// Optional text, trimmed (a problem is reported when it is wrong). With
    /// `lines`, line breaks and tabs are allowed (notes); otherwise no control character is.
    pub fn text(
        &mut self,
        field: &str,
        (label, label_en): Label,
        v: &str,
        max: usize,
        lines: bool,
    ) -> Checked<String> {
        let t = v.trim();
        if t.is_empty() {
            return Checked::Empty;
        }
        if t.chars().count() > max {
            self.problem(
                field,
                format!("{label}は{max}文字以内にしてください。"),
                format!("The {label_en} can be at most {max} characters."),
            );
            return Checked::Wrong;
        }
        if t.chars()
            .any(|c| c.is_control() && !(lines && matches!(c, '\n' | '\r' | '\t')))
        {
            let (what, what_en) = if lines {
                ("制御文字", "control characters")
            } else {
                ("改行や制御文字", "line breaks or control characters")
            };
            self.problem(
                field,
                format!("{label}に{what}は使えません。"),
                format!("The {label_en} cannot contain {what_en}."),
            );
            return Checked::Wrong;
        }
        Checked::Given(t.to_owned())
    }

    /// Text that must be given.
    pub fn required_text(
        &mut self,
        field: &str,
        label: Label,
        v: &str,
        max: usize,
    ) -> Option<String> {
        match self.text(field, label, v, max, false) {
            Checked::Given(t) => Some(t),
            Checked::Wrong => None,
            Checked::Empty => {
                self.problem(
                    field,
                    format!("{}を入力してください。", label.0),
                    format!("Enter the {}.", label.1),
                );
                None
            }
        }
    }

    /// A whole number in a range, as people type it ("12,000", "１０人").
    pub fn integer(
        &mut self,
        field: &str,
        label: Label,
        v: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Checked<i64> {
        self.integer_in(field, label, v, range, NO_UNIT)
    }

    /// A whole number counted in `unit`, which the message names ("0〜10,000,000円").
    pub fn integer_in(
        &mut self,
        field: &str,
        (label, label_en): Label,
        v: &str,
        range: std::ops::RangeInclusive<i64>,
        (unit, unit_en): Unit,
    ) -> Checked<i64> {
        if v.trim().is_empty() {
            return Checked::Empty;
        }
        match whole_number(v) {
            Some(n) if range.contains(&n) => Checked::Given(n),
            _ => {
                let (lo, hi) = (grouped(*range.start()), grouped(*range.end()));
                let (ja, en) = if range.end() - range.start() <= 6 {
                    let list: Vec<String> = range.map(|k| k.to_string()).collect();
                    (
                        format!(
                            "{label}は{}{unit}のいずれかで入力してください。",
                            list.join("、")
                        ),
                        format!(
                            "The {label_en} must be one of {}{unit_en}.",
                            list.join(", ")
                        ),
                    )
                } else {
                    (
                        format!("{label}は{lo}〜{hi}{unit}の整数で入力してください。"),
                        format!(
                            "The {label_en} must be a whole number from {lo} to {hi}{unit_en}."
                        ),
                    )
                };
                self.problem(field, ja, en);
                Checked::Wrong
            }
        }
    }

    /// A whole number that must be given.
    pub fn required_integer(
        &mut self,
        field: &str,
        label: Label,
        v: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        self.required_integer_in(field, label, v, range, NO_UNIT)
    }

    /// A whole number in `unit` that must be given.
    pub fn required_integer_in(
        &mut self,
        field: &str,
        label: Label,
        v: &str,
        range: std::ops::RangeInclusive<i64>,
        (unit, unit_en): Unit,
    ) -> Option<i64> {
        match self.integer_in(field, label, v, range.clone(), (unit, unit_en)) {
            Checked::Given(n) => Some(n),
            Checked::Wrong => None,
            Checked::Empty => {
                let (lo, hi) = (grouped(*range.start()), grouped(*range.end()));
                self.problem(
                    field,
                    format!("{}を入力してください（{lo}〜{hi}{unit}）。", label.0),
                    format!("Enter the {} ({lo} to {hi}{unit_en}).", label.1),
                );
                None
            }
        }
    }

    /// A real calendar date, written back as `YYYY-MM-DD`.
    pub fn date(&mut self, field: &str, (label, label_en): Label, v: &str) -> Checked<String> {
        let t = match self.text(field, (label, label_en), v, 20, false) {
            Checked::Given(t) => t,
            other => return other,
        };
        match calendar_date(&t) {
            Some(d) => Checked::Given(d),
            None => {
                self.problem(
                    field,
                    format!(
                        "{label}「{t}」は日付として読めません。2026-06-30 のように、実在する日付を入力してください。"
                    ),
                    format!("The {label_en} “{t}” is not a date. Enter a real date such as 2026-06-30."),
                );
                Checked::Wrong
            }
        }
    }

    /// A code of a list, given as the code or its Japanese or English name. The name without its explanation in brackets counts too: 特定個人情報（マイナンバー）.
    pub fn code<'c>(
        &mut self,
        field: &str,
        (label, label_en): Label,
        v: &str,
        choices: &[(&'c str, &'c Text)],
    ) -> Checked<&'c str> {
        let t = match self.text(field, (label, label_en), v, 100, false) {
            Checked::Given(t) => t,
            Checked::Empty => return Checked::Empty,
            Checked::Wrong => return Checked::Wrong,
        };
        let found = choices.iter().find(|(code, name)| {
            *code == t
                || name.ja == t
                || name.ja.split('（').next() == Some(t.as_str())
                || name.en.eq_ignore_ascii_case(&t)
        });
        match found {
            Some((code, _)) => Checked::Given(code),
            None => {
                let ja: Vec<String> = choices
                    .iter()
                    .map(|(code, name)| format!("{}（{code}）", name.ja))
                    .collect();
                let en: Vec<&str> = choices.iter().map(|(code, _)| *code).collect();
                self.problem(
                    field,
                    format!(
                        "{label}「{t}」は選べません。{}のいずれかにしてください。",
                        ja.join("、")
                    ),
                    format!(
                        "The {label_en} “{t}” is not one of the choices: {}.",
                        en.join(", ")
                    ),
                );
                Checked::Wrong
            }
        }
    }
}

/// A number as people write it in a message: 10,000,000 rather than 10000000.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_read_as_people_type_them() {
        assert_eq!(whole_number("1,000"), Some(1000));
        assert_eq!(whole_number("１２０００円"), Some(12000));
        assert_eq!(whole_number(" 40人 "), Some(40));
        assert_eq!(whole_number("－5"), Some(-5));
        assert_eq!(whole_number("many"), None);
        assert_eq!(whole_number(""), None);
    }

    #[test]
    fn only_dates_that_exist_are_read() {
        assert_eq!(calendar_date("2026/4/1").as_deref(), Some("2026-04-01"));
        assert_eq!(calendar_date("2026-02-29"), None);
        assert_eq!(calendar_date("1999-01-01"), None);
        assert_eq!(calendar_date("2026-13-01"), None);
    }

    #[test]
    fn a_name_problem_names_the_field() {
        let mut problems = Vec::new();
        assert_eq!(
            name("name", ("組織名", "organisation name"), " ", &mut problems),
            None
        );
        assert_eq!(problems[0].message, "組織名を入力してください。");
        assert_eq!(
            problems[0].message_en.as_deref(),
            Some("Please enter the organisation name.")
        );
    }

    #[test]
    fn every_problem_of_an_input_is_listed_with_its_place() {
        let mut c = Check::new();
        c.at("rows[2].");
        assert_eq!(
            c.text("name", ("名称", "name"), &"x".repeat(201), 200, false),
            Checked::Wrong
        );
        assert_eq!(
            c.text("note", ("備考", "note"), "a\u{7}b", 200, true),
            Checked::Wrong
        );
        assert_eq!(
            c.integer("c", ("機密性", "confidentiality"), "3", 0..=2),
            Checked::Wrong
        );
        let fields: Vec<String> = c.into_problems().into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["rows[2].name", "rows[2].note", "rows[2].c"]);
    }

    #[test]
    fn a_number_out_of_range_is_explained_in_its_unit() {
        let mut c = Check::new();
        c.integer_in("amount", ("金額", "amount"), "-1", 0..=1_000_000, YEN);
        c.required_integer_in(
            "persons",
            ("人数", "number of persons"),
            "",
            0..=100,
            ("人", " persons"),
        );
        c.integer("c", ("機密性", "confidentiality"), "7", 0..=2);
        let p = c.into_problems();
        assert_eq!(
            p[0].message,
            "金額は0〜1,000,000円の整数で入力してください。"
        );
        assert_eq!(
            p[0].message_en.as_deref(),
            Some("The amount must be a whole number from 0 to 1,000,000 yen.")
        );
        assert_eq!(p[1].message, "人数を入力してください（0〜100人）。");
        assert_eq!(
            p[2].message,
            "機密性は0、1、2のいずれかで入力してください。"
        );
    }
}
