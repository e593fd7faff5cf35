//! The treatment decisions (リスク対応) with their residual risks, judged against the
//! organisation's acceptance threshold.

use super::{Sheet, at_risk, dash};
use crate::model::{Block, Table};
use mamori_domain::Lang;
use mamori_domain::risk::{AssetAnalysis, RiskValue, may_accept};

impl Sheet<'_, '_> {
    pub(super) fn treatments(&self) -> Vec<Block> {
        let threshold = self.input.acceptance_threshold;
        // The assets at risk, then any other asset with a recorded decision (one whose risk has
        // since fallen, or whose medium lost its threat rating): a decision on record is shown.
        let mut listed: Vec<&AssetAnalysis> = self.at_risk.clone();
        let mut others: Vec<&AssetAnalysis> = self
            .input
            .analysis
            .assets
            .iter()
            .filter(|a| !at_risk(a.level) && self.decisions.contains_key(a.id))
            .collect();
        others.sort_by_key(|a| std::cmp::Reverse(a.risk_value));
        listed.extend(others);
        if listed.is_empty() {
            return vec![Block::Paragraph(
                self.l(
                    "リスクが大・中の情報資産がないため、対応を決める必要のある情報資産はありません。",
                    "No asset is at high or medium risk, so no treatment needs deciding.",
                )
                .to_owned(),
            )];
        }
        let decided = listed
            .iter()
            .filter(|a| self.decisions.contains_key(a.id))
            .count();
        let mut blocks = vec![Block::Paragraph(match self.lang {
            Lang::Ja => format!(
                "残留リスクは、予定している対策を実施したあとのリスク値です。残留リスクがリスク値 {} 以下なら受容できます（リスク受容の基準）。",
                threshold.get()
            ),
            Lang::En => format!(
                "The residual risk is the risk value expected after the planned countermeasures. A residual risk of {} or less may be accepted (the acceptance threshold).",
                threshold.get()
            ),
        })];
        blocks.push(Block::Paragraph(if decided == 0 {
            self.l(
                "まだ対応を記録した情報資産はありません。「リスク対応」で、情報資産ごとに対応を記録してください。",
                "No decision is recorded yet. Record one for each asset on the Risk treatment page.",
            )
            .to_owned()
        } else {
            match self.lang {
                Lang::Ja => format!(
                    "{}件の情報資産のうち、{}件の対応を記録しています。",
                    listed.len(),
                    decided
                ),
                Lang::En => format!(
                    "A decision is recorded for {decided} of the {} assets.",
                    listed.len()
                ),
            }
        }));
        let rows = listed
            .iter()
            .map(|a| self.treatment_row(a, threshold))
            .collect();
        blocks.push(Block::Table(Table {
            name: "treatments".to_owned(),
            header: vec![
                self.l("情報資産", "Asset").to_owned(),
                self.l("リスク値", "Risk value").to_owned(),
                self.l("対応", "Treatment").to_owned(),
                self.l("予定している対策", "Planned measures").to_owned(),
                self.l("担当者", "Owner").to_owned(),
                self.l("期限", "Due").to_owned(),
                self.l("残留リスク", "Residual risk").to_owned(),
                self.l("承認", "Approved").to_owned(),
            ],
            rows,
            widths: self.widths(&[6, 4, 4, 7, 4, 5, 5, 5], &[26, 19, 20, 28, 18, 20, 21, 22]),
        }));
        blocks
    }

    fn treatment_row(&self, a: &AssetAnalysis, threshold: RiskValue) -> Vec<String> {
        let name = self.name(a.id);
        let risk = self.risk_cell(a.risk_value);
        let Some(t) = self.decisions.get(a.id) else {
            let mut row = vec!["—".to_owned(); 8];
            row[0] = name;
            row[1] = risk;
            row[2] = self.l("未記録", "Not recorded").to_owned();
            return row;
        };
        // The residual risk and whether it may be accepted share a cell: eight columns are all
        // an A4 page can take with the planned measures still readable.
        let residual = match t.residual_risk {
            None => "—".to_owned(),
            Some(r) => match RiskValue::new(i64::from(r)) {
                Some(v) => {
                    let verdict = if may_accept(v, threshold) {
                        self.l("受容できる", "within threshold")
                    } else {
                        self.l("基準を超える", "above threshold")
                    };
                    match self.lang {
                        Lang::Ja => format!("{r}（{verdict}）"),
                        Lang::En => format!("{r} ({verdict})"),
                    }
                }
                None => r.to_string(),
            },
        };
        let approval = match t.approved_by.as_deref().map(str::trim) {
            Some(by) if !by.is_empty() => match t.approved_on.as_deref().map(str::trim) {
                Some(on) if !on.is_empty() => {
                    let on = self.date(Some(on));
                    match self.lang {
                        Lang::Ja => format!("{by}（{on}）"),
                        Lang::En => format!("{by} ({on})"),
                    }
                }
                _ => by.to_owned(),
            },
            _ => self.l("未承認", "Not approved").to_owned(),
        };
        vec![
            name,
            risk,
            self.treatment_name(t.option),
            dash(t.planned.as_deref()),
            dash(t.owner.as_deref()),
            self.date(t.due_date.as_deref()),
            residual,
            approval,
        ]
    }
}
