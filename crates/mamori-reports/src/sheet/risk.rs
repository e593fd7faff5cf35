//! The risk analysis result sheet (リスク分析の診断結果シート, documents.md §3, risk.md §1-5):
//! what a company's register, threat ratings and countermeasure checklist come to, on paper. The
//! assets by risk level, the importance × likelihood heat map, the implementation rate of each
//! regulation chapter, the regulations to write or review, and the treatment decisions with
//! their residual risks.
//!
//! The caller analyses (`mamori_domain::risk::analyse`) and hands over what the analysis does
//! not know: the assets' names and the recorded decisions. The sheet only lays out, so the web
//! page and the sheet cannot disagree on a figure.

mod heat;
mod treatments;

use super::{company_name, l};
use crate::model::{Block, Figure, Report, Table};
use heat::HeatGrid;
use mamori_domain::Lang;
use mamori_domain::risk::{
    Analysis, AssetAnalysis, ChapterStatus, RiskCatalog, RiskLevel, RiskValue, Treatment,
};
use std::collections::HashMap;
use time::Date;

/// What the sheet needs to know about a register row beyond what the analysis says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskSheetAsset {
    /// The id the analysis knows the asset by (`AnalysisAsset::id`).
    pub id: String,
    /// 情報資産名称; an asset without a name is printed by its id.
    pub name: String,
    /// 管理部署, printed after the name when given.
    pub department: Option<String>,
}

/// A recorded treatment decision (リスク対応) for one asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskSheetTreatment {
    /// The id the analysis knows the asset by.
    pub asset_id: String,
    pub option: Treatment,
    /// The planned countermeasures, as written.
    pub planned: Option<String>,
    pub owner: Option<String>,
    /// As stored (`YYYY-MM-DD`), printed as a long date (2027年3月31日); any other text as given.
    pub due_date: Option<String>,
    /// The risk value expected after the planned measures, 0-6.
    pub residual_risk: Option<u8>,
    /// Who accepted the residual risk, and when (`YYYY-MM-DD`, printed like `due_date`).
    pub approved_by: Option<String>,
    pub approved_on: Option<String>,
}

/// Everything the risk analysis result sheet is made from.
pub struct RiskSheetInput<'a> {
    pub catalog: &'a RiskCatalog,
    pub analysis: &'a Analysis<'a>,
    /// Names by asset id; an asset of the analysis missing here is printed by its id.
    pub assets: &'a [RiskSheetAsset],
    /// Decisions by asset id; one for an asset the analysis does not know is left out.
    pub treatments: &'a [RiskSheetTreatment],
    /// The organisation's threshold: a residual risk at or below it may be accepted.
    pub acceptance_threshold: RiskValue,
    /// The company's name as given; `None` prints a neutral placeholder.
    pub company: Option<&'a str>,
    pub date: Date,
    pub lang: Lang,
}

/// Builds the risk analysis result sheet's document; any format is then written from it.
pub fn risk_sheet(input: &RiskSheetInput) -> Report {
    let lang = input.lang;
    let sheet = Sheet::new(input);
    let mut blocks = Vec::new();
    let mut section = |text: &str, content: Vec<Block>| {
        blocks.push(Block::Heading {
            level: 1,
            text: text.to_owned(),
        });
        blocks.extend(content);
    };
    section(l(lang, "概要", "Summary"), sheet.summary());
    section(
        l(lang, "リスク値の分布", "Risk distribution"),
        sheet.distribution(),
    );
    section(
        l(lang, "対応が必要な情報資産", "Assets that need treatment"),
        sheet.assets_at_risk(),
    );
    section(
        l(
            lang,
            "分野別の対策実施率",
            "Countermeasures in place by chapter",
        ),
        sheet.chapters(),
    );
    section(
        l(
            lang,
            "策定・見直しが必要な規程",
            "Regulations to write or review",
        ),
        sheet.regulations(),
    );
    section(
        l(
            lang,
            "リスク対応と残留リスク",
            "Risk treatment and residual risk",
        ),
        sheet.treatments(),
    );
    blocks.push(Block::Paragraph(
        l(
            lang,
            "この診断結果は、情報資産管理台帳・脅威の状況・対策状況チェックの入力と記録したリスク対応から、Mamori が自動で作成しました。数値は画面の「分析結果」と同じです。",
            "Mamori produced this result from the asset register, the threat ratings, the countermeasure checklist and the recorded treatment decisions. The figures are those of the Results page.",
        )
        .to_owned(),
    ));
    let catalog = input.catalog;
    Report {
        lang,
        title: l(lang, "リスク分析の診断結果", "Risk analysis result").to_owned(),
        subtitle: Some(match lang {
            Lang::Ja => format!(
                "{}（{} 版 {}）",
                catalog.title.get(lang),
                catalog.id,
                catalog.version
            ),
            Lang::En => format!(
                "{} ({} version {})",
                catalog.title.get(lang),
                catalog.id,
                catalog.version
            ),
        }),
        company: company_name(input.company, lang),
        date: input.date,
        blocks,
    }
}

/// The input with its lookups built once.
struct Sheet<'i, 'a> {
    input: &'i RiskSheetInput<'a>,
    lang: Lang,
    names: HashMap<&'a str, &'a RiskSheetAsset>,
    decisions: HashMap<&'a str, &'a RiskSheetTreatment>,
    /// Rated assets at medium or high risk, highest risk value first, register order among
    /// equals (as the Results and Risk treatment pages list them).
    at_risk: Vec<&'i AssetAnalysis<'a>>,
}

fn at_risk(level: Option<RiskLevel>) -> bool {
    matches!(level, Some(RiskLevel::High | RiskLevel::Medium))
}

fn dash(value: Option<&str>) -> String {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .unwrap_or("—")
        .to_owned()
}

impl<'i, 'a> Sheet<'i, 'a> {
    fn new(input: &'i RiskSheetInput<'a>) -> Self {
        let mut at_risk: Vec<&AssetAnalysis> = input
            .analysis
            .assets
            .iter()
            .filter(|a| self::at_risk(a.level))
            .collect();
        // A stable sort keeps the register's order among equal risk values.
        at_risk.sort_by_key(|a| std::cmp::Reverse(a.risk_value));
        Sheet {
            input,
            lang: input.lang,
            names: input.assets.iter().map(|a| (a.id.as_str(), a)).collect(),
            decisions: input
                .treatments
                .iter()
                .map(|t| (t.asset_id.as_str(), t))
                .collect(),
            at_risk,
        }
    }

    fn l(&self, ja: &'static str, en: &'static str) -> &'static str {
        l(self.lang, ja, en)
    }

    /// Column widths for each language: a Japanese cell can wrap between any two characters,
    /// an English one only between words, so English columns are sized for their longest word
    /// ("Importance", "(Medium)") and the widths were checked on the rendered A4 pages.
    fn widths(&self, ja: &[u16], en: &[u16]) -> Vec<u16> {
        match self.lang {
            Lang::Ja => ja.to_vec(),
            Lang::En => en.to_vec(),
        }
    }

    /// A stored `YYYY-MM-DD` date as the reader's language writes dates; anything else as given.
    /// A long Japanese date can also wrap in a narrow column, where an ISO date cannot.
    fn date(&self, stored: Option<&str>) -> String {
        let Some(text) = stored.map(str::trim).filter(|t| !t.is_empty()) else {
            return "—".to_owned();
        };
        let mut parts = text.splitn(3, '-').map(str::parse::<u16>);
        let parsed = match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) if text.len() == 10 => {
                time::Month::try_from(u8::try_from(m).unwrap_or(0))
                    .ok()
                    .zip(u8::try_from(d).ok())
                    .and_then(|(m, d)| Date::from_calendar_date(i32::from(y), m, d).ok())
            }
            _ => None,
        };
        parsed.map_or_else(|| text.to_owned(), |d| crate::long_date(d, self.lang))
    }

    fn name(&self, id: &str) -> String {
        match self.names.get(id) {
            Some(a) => {
                let name = if a.name.trim().is_empty() {
                    id
                } else {
                    a.name.trim()
                };
                match a.department.as_deref().map(str::trim) {
                    Some(d) if !d.is_empty() => match self.lang {
                        Lang::Ja => format!("{name}（{d}）"),
                        Lang::En => format!("{name} ({d})"),
                    },
                    _ => name.to_owned(),
                }
            }
            None => id.to_owned(),
        }
    }

    fn medium(&self, code: &str) -> String {
        self.input
            .catalog
            .medium(code)
            .map_or_else(|| code.to_owned(), |m| m.name.get(self.lang).to_owned())
    }

    /// "リスク大" / "High risk", from the catalog's level names.
    fn level_name(&self, level: RiskLevel) -> String {
        let name = self
            .input
            .catalog
            .risk_level(level)
            .map_or("", |t| t.name.get(self.lang));
        match self.lang {
            Lang::Ja => format!("リスク{name}"),
            Lang::En => format!("{name} risk"),
        }
    }

    fn level_range(&self, level: RiskLevel) -> String {
        let Some(t) = self.input.catalog.risk_level(level) else {
            return String::new();
        };
        let range = if t.min == t.max {
            t.min.to_string()
        } else {
            format!("{}{}{}", t.min, self.l("〜", "-"), t.max)
        };
        format!("{}{range}", self.l("リスク値 ", "risk value "))
    }

    fn treatment_name(&self, t: Treatment) -> String {
        self.input.catalog.treatment(t).map_or_else(
            || t.as_str().to_owned(),
            |x| x.name.get(self.lang).to_owned(),
        )
    }

    /// "4（大）" / "4 (High)": the value with its level word, so the level does not rest on colour.
    fn risk_cell(&self, value: Option<RiskValue>) -> String {
        let Some(v) = value else {
            return self.l("未評価", "Not rated").to_owned();
        };
        let word = self
            .input
            .catalog
            .risk_level(v.level())
            .map_or("", |t| t.name.get(self.lang));
        match self.lang {
            Lang::Ja => format!("{}（{word}）", v.get()),
            Lang::En => format!("{} ({word})", v.get()),
        }
    }

    fn summary(&self) -> Vec<Block> {
        let levels = &self.input.analysis.levels;
        let total = self.input.analysis.assets.len();
        let figure = |label: String, value: u32, note: String| Figure {
            label,
            value: value.to_string(),
            note: (!note.is_empty()).then_some(note),
        };
        let mut blocks = vec![Block::Figures(vec![
            Figure {
                label: self.l("情報資産", "Information assets").to_owned(),
                value: total.to_string(),
                note: None,
            },
            figure(
                self.level_name(RiskLevel::High),
                levels.high,
                self.level_range(RiskLevel::High),
            ),
            figure(
                self.level_name(RiskLevel::Medium),
                levels.medium,
                self.level_range(RiskLevel::Medium),
            ),
            figure(
                self.level_name(RiskLevel::Low),
                levels.low,
                self.level_range(RiskLevel::Low),
            ),
            figure(
                self.l("未評価", "Not rated").to_owned(),
                levels.unrated,
                self.l("脅威の評価待ち", "threats not rated").to_owned(),
            ),
        ])];
        if total == 0 {
            blocks.push(Block::Paragraph(
                self.l(
                    "情報資産がまだ登録されていません。「情報資産管理台帳」に登録すると、情報資産ごとのリスク値を計算できます。",
                    "No information asset is registered yet. Add them to the asset register to have each one's risk value calculated.",
                )
                .to_owned(),
            ));
        } else {
            blocks.push(Block::Paragraph(
                self.l(
                    "リスク値は、重要度（0〜2）と被害発生可能性（1〜3）を掛けた値（0〜6）です。",
                    "The risk value is the importance (0-2) times the likelihood of damage (1-3), from 0 to 6.",
                )
                .to_owned(),
            ));
            blocks.push(Block::Bullets(
                [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low]
                    .into_iter()
                    .map(|level| {
                        let action = self
                            .input
                            .catalog
                            .risk_level(level)
                            .map_or("", |t| t.action.get(self.lang));
                        let (name, range) = (self.level_name(level), self.level_range(level));
                        match self.lang {
                            Lang::Ja => format!("{name}（{range}）：{action}"),
                            Lang::En => format!("{name} ({range}): {action}"),
                        }
                    })
                    .collect(),
            ));
        }
        if levels.unrated > 0 {
            blocks.push(Block::Paragraph(self.unrated_sentence(levels.unrated)));
        }
        let unanswered = self.input.analysis.unanswered.len();
        if unanswered > 0 {
            blocks.push(Block::Paragraph(match self.lang {
                Lang::Ja => format!(
                    "対策状況チェックにまだ回答していない対策が {unanswered}件あり、「実施していない」として計算しています。"
                ),
                Lang::En => format!(
                    "{unanswered} countermeasures on the checklist are not answered yet and count as not done."
                ),
            }));
        }
        blocks
    }

    /// How many assets wait for a threat rating, and on which media, since rating the threats
    /// of those media is all it takes to complete them.
    fn unrated_sentence(&self, unrated: u32) -> String {
        let media: Vec<String> = self
            .input
            .analysis
            .media
            .iter()
            .filter(|m| m.threat.is_none() && m.assets > 0)
            .map(|m| self.medium(m.code))
            .collect();
        match self.lang {
            Lang::Ja => format!(
                "脅威をまだ評価していない媒体（{}）に置かれた情報資産 {unrated}件は、リスク値を計算できていません。「脅威の状況」でこれらの媒体の脅威を評価すると、すべての情報資産の評価がそろいます。",
                media.join("、")
            ),
            Lang::En => format!(
                "{unrated} assets are kept on media whose threats are not rated yet ({}), so their risk value cannot be calculated. Rating the threats to these media on the Threats page completes the analysis.",
                media.join(", ")
            ),
        }
    }

    fn distribution(&self) -> Vec<Block> {
        let analysis = self.input.analysis;
        let rated = analysis.levels.high + analysis.levels.medium + analysis.levels.low;
        if rated == 0 {
            return vec![Block::Paragraph(
                self.l(
                    "リスク値を計算できた情報資産がまだないため、分布はありません。",
                    "No asset has a risk value yet, so there is nothing to show.",
                )
                .to_owned(),
            )];
        }
        let grid = HeatGrid::new(self);
        vec![
            Block::Paragraph(
                self.l(
                    "各マスの数字は情報資産の件数です。縦が重要度、横が被害発生可能性で、色はリスク値の大・中・小を表します。",
                    "Each cell counts information assets by importance (rows) and likelihood of damage (columns); the colour shows the risk level.",
                )
                .to_owned(),
            ),
            Block::Chart(grid.chart(self)),
            Block::Table(grid.table(self)),
        ]
    }

    fn assets_at_risk(&self) -> Vec<Block> {
        if self.at_risk.is_empty() {
            let text = if self.input.analysis.assets.is_empty() {
                self.l(
                    "情報資産が登録されていないため、対応が必要な情報資産はまだありません。",
                    "With no asset registered, no asset needs treatment yet.",
                )
            } else {
                self.l(
                    "リスクが大・中の情報資産はありません。",
                    "No asset is at high or medium risk.",
                )
            };
            return vec![Block::Paragraph(text.to_owned())];
        }
        let rows = self
            .at_risk
            .iter()
            .map(|a| {
                vec![
                    self.name(a.id),
                    self.medium(a.medium),
                    a.importance.get().to_string(),
                    a.likelihood
                        .map_or_else(|| "—".to_owned(), |x| x.get().to_string()),
                    self.risk_cell(a.risk_value),
                    a.suggested_treatment
                        .map_or_else(|| "—".to_owned(), |t| self.treatment_name(t)),
                ]
            })
            .collect();
        vec![
            Block::Paragraph(
                self.l(
                    "リスクが大・中の情報資産を、リスク値の高い順に並べています。「おすすめの対応」は目安で、どの対応にするかは会社で決めます。",
                    "The assets at high or medium risk, highest risk value first. The suggested treatment is only a suggestion; the company decides.",
                )
                .to_owned(),
            ),
            Block::Table(Table {
                name: "assets-at-risk".to_owned(),
                header: vec![
                    self.l("情報資産", "Asset").to_owned(),
                    self.l("媒体", "Medium").to_owned(),
                    self.l("重要度", "Importance").to_owned(),
                    self.l("被害発生可能性", "Likelihood").to_owned(),
                    self.l("リスク値", "Risk value").to_owned(),
                    self.l("おすすめの対応", "Suggested treatment").to_owned(),
                ],
                rows,
                widths: self.widths(&[8, 5, 3, 5, 3, 5], &[40, 30, 24, 24, 22, 34]),
            }),
        ]
    }

    fn chapters(&self) -> Vec<Block> {
        let rows = self
            .input
            .analysis
            .chapters
            .iter()
            .map(|c| {
                vec![
                    c.chapter.number().to_string(),
                    c.chapter.title(self.lang).to_owned(),
                    c.applicable.to_string(),
                    c.rate_percent
                        .map_or_else(|| "—".to_owned(), |r| format!("{r}%")),
                    if c.regulation_needed {
                        self.l("必要", "Needed")
                    } else {
                        "—"
                    }
                    .to_owned(),
                ]
            })
            .collect();
        vec![
            Block::Paragraph(
                self.l(
                    "情報セキュリティ関連規程の章ごとに、該当する対策のうち実施できている割合です（「実施している」を1、「一部実施している」を0.5として数えます。「自社には該当しない」は除きます）。",
                    "For each chapter of the security regulations, the share of the applicable countermeasures in place (done counts 1, partly done 0.5; those marked not applicable are left out).",
                )
                .to_owned(),
            ),
            Block::Table(Table {
                name: "chapters".to_owned(),
                header: vec![
                    self.l("章", "Chapter").to_owned(),
                    self.l("規程の分野", "Area").to_owned(),
                    self.l("該当する対策", "Applicable").to_owned(),
                    self.l("実施率", "In place").to_owned(),
                    self.l("規程の策定・見直し", "Regulation to write or review").to_owned(),
                ],
                rows,
                widths: self.widths(&[2, 11, 4, 3, 6], &[18, 80, 24, 20, 32]),
            }),
        ]
    }

    fn regulations(&self) -> Vec<Block> {
        let analysis = self.input.analysis;
        let statuses: Vec<&ChapterStatus> = analysis
            .regulations_needed
            .iter()
            .filter_map(|ch| analysis.chapters.iter().find(|s| s.chapter == *ch))
            .collect();
        if statuses.is_empty() {
            return vec![Block::Paragraph(
                self.l(
                    "すべての章で対策が実施されており、リスク大の情報資産もないため、策定・見直しが必要な規程はありません。",
                    "Every chapter's countermeasures are in place and no asset is at high risk, so no regulation needs writing or reviewing.",
                )
                .to_owned(),
            )];
        }
        let items = statuses
            .iter()
            .map(|s| {
                let why = if s.done < s.applicable {
                    let rate = s.rate_percent.unwrap_or(0);
                    match self.lang {
                        Lang::Ja => format!("実施率 {rate}%、まだ実施していない対策があります"),
                        Lang::En => format!("{rate}% in place, countermeasures still missing"),
                    }
                } else {
                    self.l(
                        "リスク大の情報資産を置いた媒体を守る章です",
                        "protects a medium that holds an asset at high risk",
                    )
                    .to_owned()
                };
                let (n, title) = (s.chapter.number(), s.chapter.title(self.lang));
                match self.lang {
                    Lang::Ja => format!("第{n}章 {title}（{why}）"),
                    Lang::En => format!("Chapter {n}, {title} ({why})"),
                }
            })
            .collect();
        vec![
            Block::Paragraph(
                self.l(
                    "次の章の規程を作成するか、今ある規程を見直してください。対策がすべては実施できていない章と、リスク大の情報資産を置いた媒体を守る章です。",
                    "Write these chapters of the regulations, or review the ones you have: the chapters whose countermeasures are not all in place, and those protecting a medium that holds an asset at high risk.",
                )
                .to_owned(),
            ),
            Block::Bullets(items),
        ]
    }
}
