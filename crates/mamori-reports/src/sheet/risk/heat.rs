//! The importance × likelihood heat map, as a chart and as the same numbers in a table (for
//! the DOCX, Markdown and CSV readers, and anyone who cannot see the colours).

use super::Sheet;
use crate::model::{Chart, Table};
use mamori_charts::{HeatCell, HeatLevel, heat_map};
use mamori_domain::Lang;
use mamori_domain::risk::catalog::LevelText;
use mamori_domain::risk::{Importance, Likelihood, RiskLevel, risk_value};

/// The heat map's cells in reading order: importance from the highest down, likelihood from
/// the lowest across, as the Results page draws it.
pub(super) struct HeatGrid {
    /// (importance, its row label)
    rows: Vec<(Importance, String)>,
    /// (likelihood, its column label)
    columns: Vec<(Likelihood, String)>,
}

impl HeatGrid {
    pub(super) fn new(sheet: &Sheet) -> Self {
        let catalog = sheet.input.catalog;
        let label = |levels: &[LevelText], v: u8| {
            levels
                .iter()
                .find(|t| t.value == v)
                .map_or_else(String::new, |t| t.label.get(sheet.lang).to_owned())
        };
        let rows = (Importance::MIN..=Importance::MAX)
            .rev()
            .filter_map(|v| Importance::new(i64::from(v)))
            .map(|i| {
                (
                    i,
                    format!("{} {}", i.get(), label(&catalog.importance, i.get())),
                )
            })
            .collect();
        let columns = (Likelihood::MIN..=Likelihood::MAX)
            .filter_map(|v| Likelihood::new(i64::from(v)))
            .map(|x| {
                let word = label(&catalog.likelihoods, x.get());
                let text = match sheet.lang {
                    Lang::Ja => format!("{}（{word}）", x.get()),
                    Lang::En => format!("{} ({word})", x.get()),
                };
                (x, text)
            })
            .collect();
        HeatGrid { rows, columns }
    }

    fn count(sheet: &Sheet, i: Importance, x: Likelihood) -> u32 {
        sheet.input.analysis.heat_map.count(i, x)
    }

    pub(super) fn chart(&self, sheet: &Sheet) -> Chart {
        let cells = self
            .rows
            .iter()
            .map(|(i, _)| {
                self.columns
                    .iter()
                    .map(|(x, _)| {
                        let value = risk_value(*i, *x);
                        HeatCell {
                            count: Self::count(sheet, *i, *x),
                            level: match value.level() {
                                RiskLevel::High => HeatLevel::High,
                                RiskLevel::Medium => HeatLevel::Medium,
                                RiskLevel::Low => HeatLevel::Low,
                            },
                            note: format!(
                                "{}{}",
                                sheet.l("リスク値 ", "risk value "),
                                sheet.risk_cell(Some(value))
                            ),
                        }
                    })
                    .collect()
            })
            .collect();
        let alt = self.alt(sheet);
        let svg = heat_map(&mamori_charts::HeatMap {
            id: "risk-heat-map".to_owned(),
            title: sheet
                .l("重要度 × 被害発生可能性", "Importance × likelihood")
                .to_owned(),
            description: alt.clone(),
            row_title: sheet.l("重要度", "Importance").to_owned(),
            column_title: sheet.l("被害発生可能性", "Likelihood of damage").to_owned(),
            rows: self.rows.iter().map(|(_, r)| r.clone()).collect(),
            columns: self.columns.iter().map(|(_, c)| c.clone()).collect(),
            cells,
            legend: [
                (RiskLevel::High, HeatLevel::High),
                (RiskLevel::Medium, HeatLevel::Medium),
                (RiskLevel::Low, HeatLevel::Low),
            ]
            .into_iter()
            .map(|(level, heat)| {
                let text = match sheet.lang {
                    Lang::Ja => format!(
                        "{}（{}）",
                        sheet.level_name(level),
                        sheet.level_range(level)
                    ),
                    Lang::En => {
                        format!("{} ({})", sheet.level_name(level), sheet.level_range(level))
                    }
                };
                (heat, text)
            })
            .collect(),
            empty_text: sheet
                .l("表示できる情報資産がありません", "No asset to show")
                .to_owned(),
        });
        Chart {
            svg,
            alt,
            width_percent: 80,
        }
    }

    /// The counts in words, row by row, for readers without the picture.
    fn alt(&self, sheet: &Sheet) -> String {
        let rows: Vec<String> = self
            .rows
            .iter()
            .map(|(i, _)| {
                let cells: Vec<String> = self
                    .columns
                    .iter()
                    .map(|(x, _)| {
                        let n = Self::count(sheet, *i, *x);
                        match sheet.lang {
                            Lang::Ja => format!("可能性{} {n}件", x.get()),
                            Lang::En => format!("likelihood {} {n}", x.get()),
                        }
                    })
                    .collect();
                match sheet.lang {
                    Lang::Ja => format!("重要度{}: {}", i.get(), cells.join("、")),
                    Lang::En => format!("Importance {}: {}", i.get(), cells.join(", ")),
                }
            })
            .collect();
        let lead = sheet.l(
            "重要度と被害発生可能性ごとの情報資産の件数。",
            "Assets by importance and likelihood of damage. ",
        );
        format!(
            "{lead}{}{}",
            rows.join(sheet.l("。", "; ")),
            sheet.l("。", ".")
        )
    }

    pub(super) fn table(&self, sheet: &Sheet) -> Table {
        let mut header = vec![
            sheet
                .l("重要度 ＼ 被害発生可能性", "Importance \\ likelihood")
                .to_owned(),
        ];
        header.extend(self.columns.iter().map(|(_, c)| c.clone()));
        let rows = self
            .rows
            .iter()
            .map(|(i, label)| {
                let mut row = vec![label.clone()];
                row.extend(
                    self.columns
                        .iter()
                        .map(|(x, _)| Self::count(sheet, *i, *x).to_string()),
                );
                row
            })
            .collect();
        Table {
            name: "heat-map".to_owned(),
            header,
            rows,
            widths: sheet.widths(&[6, 3, 3, 3], &[6, 3, 3, 3]),
        }
    }
}
