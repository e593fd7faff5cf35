//! Maturity level 0-5 (成熟度レベル, diagnostics.md §9), by the spec's "our rule" column, and the
//! conditions of the next level that are still unmet.

use serde::Serialize;
use time::Date;

use super::{Evidence, SelfCheckRecord, add_months, date_en, date_ja, iso_date_opt};
use crate::text::{Lang, Text};

/// Improvement cycles level 5 asks for.
pub const IMPROVEMENT_CYCLES_NEEDED: u32 = 2;
/// A re-diagnosis closes an improvement cycle only this many months after the previous one.
const CYCLE_MONTHS: i32 = 6;
/// Self-check totals levels 2 and 3 ask for.
const LEVEL_2_TOTAL: i64 = 50;
const LEVEL_3_TOTAL: i64 = 70;

/// The company's maturity level and what the next level still needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Maturity {
    /// 0-5: the highest level whose conditions, and those of every level below, all hold.
    pub level: u8,
    /// `level + 1`, or `None` at level 5.
    pub next_level: Option<u8>,
    /// The conditions of the next level that are not met (empty at level 5).
    pub unmet: Vec<Condition>,
}

/// One condition of a maturity level. Variants carry what the company has now, for the texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// Level 1: a diagnostic started.
    DiagnosticStarted,
    /// Level 2: all Five Principles yes, or items 1-5 done in the latest complete self-check.
    BasicMeasures,
    /// Levels 2 and 3: the latest complete self-check totals at least `need`.
    SelfCheckAtLeast { need: i64, latest: Option<i64> },
    /// Level 3.
    PolicyApproved,
    /// Level 3.
    RolesAssigned,
    /// Level 3: an improvement plan whose actions have owners.
    ImprovementPlan,
    /// Level 4: risk analysis of the asset register within 12 months.
    RiskAnalysisRecent {
        #[serde(serialize_with = "iso_date_opt")]
        last_on: Option<Date>,
    },
    /// Level 4.
    RegulationsAdopted,
    /// Level 4: an inspection or audit within 12 months.
    InspectionRecent {
        #[serde(serialize_with = "iso_date_opt")]
        last_on: Option<Date>,
    },
    /// Level 5: completed improvement cycles (self-check and CSF) so far, and how many are needed.
    ImprovementCycles { have: u32, need: u32 },
    /// Level 5: an education record within 12 months.
    EducationRecent {
        #[serde(serialize_with = "iso_date_opt")]
        last_on: Option<Date>,
    },
    /// Level 5: an incident-drill record within 12 months.
    DrillRecent {
        #[serde(serialize_with = "iso_date_opt")]
        last_on: Option<Date>,
    },
}

impl Condition {
    /// One sentence telling the company what to do, in the reader's language.
    pub fn text(&self, lang: Lang) -> String {
        self.texts().get(lang).to_owned()
    }

    fn texts(&self) -> Text {
        match self {
            Condition::DiagnosticStarted => Text::new(
                "まずは情報セキュリティ5か条のチェックか、25項目の自社診断から始めてください",
                "Start with a diagnostic, such as the Five Principles checklist or the 25-item self-check.",
            ),
            Condition::BasicMeasures => Text::new(
                "情報セキュリティ5か条をすべて実施するか、自社診断の基本的対策（項目1〜5）をすべて「実施している」にしてください",
                "Put all Five Principles into practice, or have the basic measures (items 1-5) of the self-check all done.",
            ),
            Condition::SelfCheckAtLeast {
                need,
                latest: Some(latest),
            } => Text::new(
                format!("25項目の自社診断で{need}点以上を取ってください（直近の結果: {latest}点）"),
                format!(
                    "Score {need} points or more in the 25-item self-check (latest result: {latest} points)."
                ),
            ),
            Condition::SelfCheckAtLeast { need, latest: None } => Text::new(
                format!("25項目の自社診断に最後まで回答し、{need}点以上を取ってください"),
                format!("Complete the 25-item self-check and score {need} points or more."),
            ),
            Condition::PolicyApproved => Text::new(
                "情報セキュリティ基本方針を承認してください（まだない場合は、まず作成してください）",
                "Approve the information security basic policy (write it first if you have none).",
            ),
            Condition::RolesAssigned => Text::new(
                "情報セキュリティの責任者や担当者などの役割を決めてください",
                "Assign the security roles, such as the information security lead and staff.",
            ),
            Condition::ImprovementPlan => Text::new(
                "対策ごとに担当者を決めた改善計画を作ってください",
                "Make an improvement plan with an owner for each action.",
            ),
            Condition::RiskAnalysisRecent { last_on: None } => Text::new(
                "情報資産台帳を作成し、リスク分析を行ってください",
                "Build the information asset register and analyse its risks.",
            ),
            Condition::RiskAnalysisRecent { last_on: Some(on) } => Text::new(
                format!(
                    "直近12か月以内に情報資産のリスク分析を見直してください（前回: {}）",
                    date_ja(*on)
                ),
                format!(
                    "Review the risk analysis of your information assets: the last one, on {}, is more than 12 months old.",
                    date_en(*on)
                ),
            ),
            Condition::RegulationsAdopted => Text::new(
                "リスク分析の結果をもとに情報セキュリティ関連規程を定めてください",
                "Adopt security regulations chosen from the risk analysis.",
            ),
            Condition::InspectionRecent { last_on: None } => Text::new(
                "情報セキュリティ対策の点検または監査を行ってください",
                "Carry out an inspection or audit of your security measures.",
            ),
            Condition::InspectionRecent { last_on: Some(on) } => Text::new(
                format!(
                    "直近12か月以内に点検または監査を行ってください（前回: {}）",
                    date_ja(*on)
                ),
                format!(
                    "Carry out an inspection or audit again: the last one, on {}, is more than 12 months old.",
                    date_en(*on)
                ),
            ),
            Condition::ImprovementCycles { have, need } => {
                let more = need.saturating_sub(*have);
                Text::new(
                    format!(
                        "成果の出た改善サイクルをあと{more}回実施してください（6か月以上あけた再診断で点数が上がる、またはCSF評価の向上。これまで: {have}回）"
                    ),
                    format!(
                        "Complete {more} more improvement {}: a re-diagnosis at least 6 months after the previous one with a higher score, or growth in the CSF evaluation (so far: {have}).",
                        if more == 1 { "cycle" } else { "cycles" }
                    ),
                )
            }
            Condition::EducationRecent { last_on: None } => Text::new(
                "従業員への情報セキュリティ教育を実施し、記録してください",
                "Give your employees security education and record it.",
            ),
            Condition::EducationRecent { last_on: Some(on) } => Text::new(
                format!(
                    "直近12か月以内に従業員への情報セキュリティ教育を実施してください（前回: {}）",
                    date_ja(*on)
                ),
                format!(
                    "Give your employees security education again: the last record, on {}, is more than 12 months old.",
                    date_en(*on)
                ),
            ),
            Condition::DrillRecent { last_on: None } => Text::new(
                "インシデント対応訓練を実施し、記録してください",
                "Hold an incident-response drill and record it.",
            ),
            Condition::DrillRecent { last_on: Some(on) } => Text::new(
                format!(
                    "直近12か月以内にインシデント対応訓練を実施してください（前回: {}）",
                    date_ja(*on)
                ),
                format!(
                    "Hold an incident-response drill again: the last record, on {}, is more than 12 months old.",
                    date_en(*on)
                ),
            ),
        }
    }
}

/// The maturity level from the company's evidence.
pub fn maturity(e: &Evidence) -> Maturity {
    let unmet_by_level = [level_1(e), level_2(e), level_3(e), level_4(e), level_5(e)];
    let reached = unmet_by_level
        .iter()
        .take_while(|unmet| unmet.is_empty())
        .count();
    // At most 5 levels, so the cast cannot truncate.
    let level = reached as u8;
    match unmet_by_level.into_iter().nth(reached) {
        Some(unmet) => Maturity {
            level,
            next_level: Some(level + 1),
            unmet,
        },
        None => Maturity {
            level,
            next_level: None,
            unmet: Vec::new(),
        },
    }
}

/// The conditions whose check failed, in the order given.
fn unmet<const N: usize>(checks: [(bool, Condition); N]) -> Vec<Condition> {
    checks
        .into_iter()
        .filter(|(met, _)| !met)
        .map(|(_, condition)| condition)
        .collect()
}

fn level_1(e: &Evidence) -> Vec<Condition> {
    let started = e.diagnostic_started || e.five_principles.is_some() || !e.self_checks.is_empty();
    unmet([(started, Condition::DiagnosticStarted)])
}

fn level_2(e: &Evidence) -> Vec<Condition> {
    let latest = e.latest_complete_self_check();
    let principles = e
        .five_principles
        .is_some_and(|answers| answers.iter().all(|&yes| yes));
    let basic = principles || latest.is_some_and(|check| check.basic_all_done);
    unmet([
        (basic, Condition::BasicMeasures),
        self_check_at_least(latest, LEVEL_2_TOTAL),
    ])
}

fn level_3(e: &Evidence) -> Vec<Condition> {
    let approved = e
        .basic_policy
        .as_ref()
        .is_some_and(|policy| policy.approved);
    unmet([
        (approved, Condition::PolicyApproved),
        (e.roles_assigned, Condition::RolesAssigned),
        self_check_at_least(e.latest_complete_self_check(), LEVEL_3_TOTAL),
        (e.improvement_plan_with_owners, Condition::ImprovementPlan),
    ])
}

fn level_4(e: &Evidence) -> Vec<Condition> {
    unmet([
        (
            recent(e, e.risk_analysis_on),
            Condition::RiskAnalysisRecent {
                last_on: e.risk_analysis_on,
            },
        ),
        (e.regulations_adopted, Condition::RegulationsAdopted),
        (
            recent(e, e.last_inspection_on),
            Condition::InspectionRecent {
                last_on: e.last_inspection_on,
            },
        ),
    ])
}

fn level_5(e: &Evidence) -> Vec<Condition> {
    let have = self_check_cycles(&e.complete_self_checks()).saturating_add(e.csf_growth_cycles);
    unmet([
        (
            have >= IMPROVEMENT_CYCLES_NEEDED,
            Condition::ImprovementCycles {
                have,
                need: IMPROVEMENT_CYCLES_NEEDED,
            },
        ),
        (
            recent(e, e.last_education_on),
            Condition::EducationRecent {
                last_on: e.last_education_on,
            },
        ),
        (
            recent(e, e.last_drill_on),
            Condition::DrillRecent {
                last_on: e.last_drill_on,
            },
        ),
    ])
}

fn self_check_at_least(latest: Option<&SelfCheckRecord>, need: i64) -> (bool, Condition) {
    let latest = latest.map(|check| check.total);
    (
        latest.is_some_and(|total| total >= need),
        Condition::SelfCheckAtLeast { need, latest },
    )
}

fn recent(e: &Evidence, on: Option<Date>) -> bool {
    on.is_some_and(|on| e.is_recent(on))
}

/// Improvement cycles shown by complete self-checks given oldest first (our reading of "re-diagnosis
/// ≥ 6 months apart with a better result", counted greedily in date order): the first check opens
/// a cycle; checks less than 6 months after the opening one are skipped; the first check at least
/// 6 months after it closes the cycle, which counts when its total is higher, and opens the next.
/// A worse re-diagnosis therefore counts nothing but becomes the new baseline.
fn self_check_cycles(checks: &[&SelfCheckRecord]) -> u32 {
    let Some((first, rest)) = checks.split_first() else {
        return 0;
    };
    let mut opening = first;
    let mut cycles = 0u32;
    for check in rest {
        if check.on < add_months(opening.on, CYCLE_MONTHS) {
            continue; // fewer than 6 months after the opening check: same cycle
        }
        if check.total > opening.total {
            cycles = cycles.saturating_add(1);
        }
        opening = check;
    }
    cycles
}

#[cfg(test)]
#[path = "maturity_tests.rs"]
mod tests;
