//! A treatment decision as typed, and its checks (option, planned measures, owner, due date,
//! residual risk, acceptance by a named approver at or below the threshold).

use mamori_domain::risk::{RiskValue, Treatment, may_accept};
use mamori_storage::{RiskTreatment, TreatmentInput};

use super::{NAME_MAX, PLANNED_MAX};
use mamori_http::FieldProblem;

/// One decision as typed. Every value is kept as text so a rejected form comes back unchanged.
#[derive(Debug, Clone, Default)]
pub struct TreatmentForm {
    pub option: String,
    pub planned: String,
    pub owner: String,
    pub due_date: String,
    pub residual_risk: String,
    pub approved_by: String,
    pub approved_on: String,
}

impl TreatmentForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> TreatmentForm {
        let mut f = TreatmentForm::default();
        for (k, v) in pairs {
            let v = v.clone();
            match k.as_str() {
                "option" => f.option = v,
                "planned" => f.planned = v,
                "owner" => f.owner = v,
                "due_date" => f.due_date = v,
                "residual_risk" => f.residual_risk = v,
                "approved_by" => f.approved_by = v,
                "approved_on" => f.approved_on = v,
                _ => {}
            }
        }
        f
    }

    pub fn of(t: &RiskTreatment) -> TreatmentForm {
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        TreatmentForm {
            option: t.option.as_str().to_owned(),
            planned: o(&t.planned),
            owner: o(&t.owner),
            due_date: o(&t.due_date),
            residual_risk: t.residual_risk.map(|r| r.to_string()).unwrap_or_default(),
            approved_by: o(&t.approved_by),
            approved_on: o(&t.approved_on),
        }
    }

    /// The checked decision, or every problem. `current` is the asset's risk value now (what an
    /// acceptance without a residual risk accepts); `threshold` the organisation's.
    pub fn parse(
        &self,
        current: Option<u8>,
        threshold: i64,
    ) -> Result<TreatmentInput, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let option = match Treatment::parse(self.option.trim()) {
            Some(o) => Some(o),
            None => {
                problems.push(
                    FieldProblem::new(
                        "option",
                        "対応（回避・低減・移転・転嫁・受容）を選んでください。",
                    )
                    .en("Choose the treatment option (avoid, reduce, transfer or accept)."),
                );
                None
            }
        };
        let mut text = |field: &str, label: (&str, &str), v: &str, max: usize| {
            let v = v.trim();
            if v.chars().count() > max {
                problems.push(
                    FieldProblem::new(field, format!("{}は{max}文字以内にしてください。", label.0))
                        .en(format!("The {} can be at most {max} characters.", label.1)),
                );
            }
            (!v.is_empty()).then(|| v.to_owned())
        };
        let planned = text(
            "planned",
            ("予定している対策", "planned countermeasures"),
            &self.planned,
            PLANNED_MAX,
        );
        let owner = text("owner", ("担当者", "owner"), &self.owner, NAME_MAX);
        let approved_by = text(
            "approved_by",
            ("承認者", "approver"),
            &self.approved_by,
            NAME_MAX,
        );
        let mut date = |field: &str, label: (&str, &str), v: &str| match v.trim() {
            "" => None,
            t => match mamori_app::fields::calendar_date(t) {
                Some(d) => Some(d),
                None => {
                    problems.push(
                        FieldProblem::new(
                            field,
                            format!(
                                "{}「{t}」は日付として読めません（例: 2026-04-01）。",
                                label.0
                            ),
                        )
                        .en(format!(
                            "The {} “{t}” is not a date (e.g. 2026-04-01).",
                            label.1
                        )),
                    );
                    None
                }
            },
        };
        let due_date = date("due_date", ("期限", "due date"), &self.due_date);
        let approved_on = date(
            "approved_on",
            ("承認日", "approval date"),
            &self.approved_on,
        );
        let mut residual_ok = true;
        let residual = match self.residual_risk.trim() {
            "" => None,
            t => match t.parse::<i64>() {
                Ok(r) if (0..=6).contains(&r) => Some(r),
                _ => {
                    problems.push(
                        FieldProblem::new(
                            "residual_risk",
                            "残留リスクは0〜6の数字にしてください。",
                        )
                        .en("The residual risk must be a number from 0 to 6."),
                    );
                    residual_ok = false;
                    None
                }
            },
        };
        if approved_by.is_some() && approved_on.is_none() && self.approved_on.trim().is_empty() {
            problems.push(
                FieldProblem::new("approved_on", "残留リスクの承認日を入力してください。")
                    .en("Enter the date the residual risk was accepted."),
            );
        }
        if approved_on.is_some() && approved_by.is_none() {
            problems.push(
                FieldProblem::new(
                    "approved_by",
                    "残留リスクを承認した人（承認者）の名前を入力してください。",
                )
                .en("Enter the name of the person who accepted the residual risk (approver)."),
            );
        }
        // Accepting: the option 受容, or an approver's acceptance of what remains. Accepting
        // without measures leaves the risk as it is, so 受容 with no residual risk accepts the
        // current risk value (and records it).
        let accept = option == Some(Treatment::Accept);
        let residual = residual.or_else(|| accept.then(|| current.map(i64::from)).flatten());
        if residual_ok && (accept || approved_by.is_some()) {
            match residual {
                Some(r) => {
                    let fits = RiskValue::new(r)
                        .zip(RiskValue::new(threshold))
                        .is_some_and(|(r, t)| may_accept(r, t));
                    if !fits {
                        problems.push(
                            FieldProblem::new(
                                "residual_risk",
                                format!(
                                    "残留リスク {r} は、受容できる基準（リスク値 {threshold} 以下）を超えているため、受容・承認できません。対策で残留リスクを下げるか、基準を見直してください。"
                                ),
                            )
                            .en(format!(
                                "Residual risk {r} is above the acceptance threshold (risk value {threshold} or less), so it cannot be accepted or approved. Lower the residual risk with countermeasures, or review the threshold."
                            )),
                        );
                    }
                }
                None => problems.push(
                    FieldProblem::new(
                        "residual_risk",
                        "残留リスクを承認するには、残留リスク（0〜6）を選んでください。",
                    )
                    .en("Choose the residual risk (0 to 6) to accept it."),
                ),
            }
        }
        match option {
            Some(option) if problems.is_empty() => Ok(TreatmentInput {
                option,
                to_action: planned.is_some(),
                planned,
                owner,
                due_date,
                residual_risk: residual,
                approved_by,
                approved_on,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(p: &[(&str, &str)]) -> TreatmentForm {
        let pairs: Vec<(String, String)> = p
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        TreatmentForm::from_pairs(&pairs)
    }

    fn fields(r: Result<TreatmentInput, Vec<FieldProblem>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|p| p.field).collect()
    }

    #[test]
    fn a_reduction_with_planned_measures_goes_to_the_action_list() {
        let input = form(&[
            ("option", "reduce"),
            ("planned", "ノートPCを暗号化する"),
            ("owner", "総務 佐藤"),
            ("due_date", "2026/9/30"),
            ("residual_risk", "2"),
        ])
        .parse(Some(4), 3)
        .unwrap();
        assert_eq!(input.option, Treatment::Reduce);
        assert!(input.to_action);
        assert_eq!(input.due_date.as_deref(), Some("2026-09-30"));
        assert_eq!(input.residual_risk, Some(2));
    }

    #[test]
    fn acceptance_above_the_threshold_is_refused_naming_the_residual_risk() {
        let f = form(&[
            ("option", "accept"),
            ("residual_risk", "4"),
            ("approved_by", "社長"),
            ("approved_on", "2026-04-01"),
        ]);
        assert_eq!(fields(f.parse(Some(4), 3)), ["residual_risk"]);
        assert!(f.parse(Some(4), 4).is_ok(), "a higher threshold allows it");
        // 受容 without a residual risk accepts the risk as it is now.
        let f = form(&[("option", "accept")]);
        assert_eq!(fields(f.parse(Some(4), 3)), ["residual_risk"]);
        assert_eq!(f.parse(Some(2), 3).unwrap().residual_risk, Some(2));
        // An approval of what remains after reduction is checked the same way.
        let f = form(&[
            ("option", "reduce"),
            ("residual_risk", "5"),
            ("approved_by", "社長"),
            ("approved_on", "2026-04-01"),
        ]);
        assert_eq!(fields(f.parse(Some(6), 3)), ["residual_risk"]);
    }

    #[test]
    fn an_approval_needs_both_a_name_and_a_date() {
        let f = form(&[
            ("option", "reduce"),
            ("residual_risk", "1"),
            ("approved_by", "社長"),
        ]);
        assert_eq!(fields(f.parse(Some(4), 3)), ["approved_on"]);
        let f = form(&[
            ("option", "reduce"),
            ("residual_risk", "1"),
            ("approved_on", "2026-04-01"),
        ]);
        assert_eq!(fields(f.parse(Some(4), 3)), ["approved_by"]);
        let f = form(&[
            ("option", ""),
            ("residual_risk", "9"),
            ("due_date", "someday"),
        ]);
        assert_eq!(
            fields(f.parse(Some(4), 3)),
            ["option", "due_date", "residual_risk"]
        );
    }
}
