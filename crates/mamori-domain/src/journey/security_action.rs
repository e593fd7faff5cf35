//! SECURITY ACTION readiness (diagnostics.md §9): whether the company can declare one star ★ or
//! two stars ★★, and exactly what is missing for each.

use serde::Serialize;
use time::Date;

use super::{Evidence, date_en, date_ja, iso_date, within_12_months};
use crate::text::{Lang, Text};

/// Readiness for both stars. Two stars do not require one star: the spec sets them side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityAction {
    pub one_star: Star,
    pub two_stars: Star,
}

/// Readiness for one star level: ready exactly when nothing is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Star {
    pub ready: bool,
    pub missing: Vec<Missing>,
}

impl Star {
    fn from_missing(missing: Vec<Missing>) -> Self {
        Star {
            ready: missing.is_empty(),
            missing,
        }
    }
}

/// One thing that keeps the company from declaring a star.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Missing {
    /// The Five Principles checklist has not been answered.
    FivePrinciplesNotAnswered,
    /// Principle `number` (1-5) is not answered yes.
    Principle {
        number: u8,
    },
    /// No complete 25-item self-check.
    SelfCheckNone,
    /// The latest complete self-check is more than 12 months old.
    SelfCheckTooOld {
        #[serde(serialize_with = "iso_date")]
        last_on: Date,
    },
    /// No basic policy at all (it must also be approved and published).
    PolicyMissing,
    PolicyNotApproved,
    /// The basic policy has no external publication URL.
    PolicyNotPublished,
}

/// The Five Principles as users know them (情報セキュリティ5か条), principle 1 first.
const PRINCIPLES: [(&str, &str); 5] = [
    (
        "OSやソフトウェアは常に最新の状態にしよう",
        "keep the OS and software up to date",
    ),
    (
        "ウイルス対策ソフトを導入しよう",
        "install antivirus software and keep its definitions current",
    ),
    (
        "パスワードを強化しよう",
        "use strong passwords: long, complex and never reused",
    ),
    (
        "共有設定を見直そう",
        "review the sharing settings of web services and networked devices",
    ),
    (
        "脅威や攻撃の手口を知ろう",
        "learn about threats and attack methods",
    ),
];

impl Missing {
    /// One sentence telling the company what to do, in the reader's language.
    pub fn text(&self, lang: Lang) -> String {
        self.texts().get(lang).to_owned()
    }

    fn texts(&self) -> Text {
        match self {
            Missing::FivePrinciplesNotAnswered => Text::new(
                "情報セキュリティ5か条のチェックに回答してください",
                "Answer the Five Principles checklist.",
            ),
            Missing::Principle { number } => {
                match PRINCIPLES.get(usize::from(*number).wrapping_sub(1)) {
                    Some((ja, en)) => Text::new(
                        format!("5か条の{number}番目「{ja}」に取り組んでください"),
                        format!(
                            "Put principle {number} of the Five Principles into practice: {en}."
                        ),
                    ),
                    None => Text::new(
                        format!("5か条の{number}番目に取り組んでください"),
                        format!("Put principle {number} of the Five Principles into practice."),
                    ),
                }
            }
            Missing::SelfCheckNone => Text::new(
                "25項目の自社診断に最後まで回答してください",
                "Complete the 25-item self-check, answering every item.",
            ),
            Missing::SelfCheckTooOld { last_on } => Text::new(
                format!(
                    "直近12か月以内に25項目の自社診断を完了してください（前回: {}）",
                    date_ja(*last_on)
                ),
                format!(
                    "Complete the 25-item self-check again: the last one, on {}, is more than 12 months old.",
                    date_en(*last_on)
                ),
            ),
            Missing::PolicyMissing => Text::new(
                "情報セキュリティ基本方針を作成し、承認したうえで社外に公開してください",
                "Write an information security basic policy, approve it and publish it outside the company.",
            ),
            Missing::PolicyNotApproved => {
                Text::new("基本方針を承認してください", "Approve the basic policy.")
            }
            Missing::PolicyNotPublished => Text::new(
                "基本方針を自社のウェブサイトなどで社外に公開し、そのURLを登録してください",
                "Publish the basic policy outside the company, for example on your website, and record its URL.",
            ),
        }
    }
}

/// SECURITY ACTION readiness from the company's evidence.
pub fn security_action(e: &Evidence) -> SecurityAction {
    SecurityAction {
        one_star: Star::from_missing(one_star_missing(e)),
        two_stars: Star::from_missing(two_stars_missing(e)),
    }
}

/// One star: all Five Principles answered yes.
fn one_star_missing(e: &Evidence) -> Vec<Missing> {
    match e.five_principles {
        None => vec![Missing::FivePrinciplesNotAnswered],
        Some(answers) => (1..=5)
            .zip(answers)
            .filter(|(_, yes)| !yes)
            .map(|(number, _)| Missing::Principle { number })
            .collect(),
    }
}

/// Two stars: a complete self-check within 12 months, and a basic policy that is approved and
/// published externally with its URL.
fn two_stars_missing(e: &Evidence) -> Vec<Missing> {
    let mut missing = Vec::new();
    match e.latest_complete_self_check() {
        None => missing.push(Missing::SelfCheckNone),
        Some(check) if !within_12_months(check.on, e.today) => {
            missing.push(Missing::SelfCheckTooOld { last_on: check.on });
        }
        Some(_) => {}
    }
    match &e.basic_policy {
        None => missing.push(Missing::PolicyMissing),
        Some(policy) => {
            if !policy.approved {
                missing.push(Missing::PolicyNotApproved);
            }
            if !policy.is_published() {
                missing.push(Missing::PolicyNotPublished);
            }
        }
    }
    missing
}

#[cfg(test)]
#[path = "security_action_tests.rs"]
mod tests;
