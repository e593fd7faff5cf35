//! The document model every format is written from: what a report says, not how it looks.

use mamori_domain::Lang;
use time::Date;

/// A report: a title, who and when it is for, and its blocks in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub lang: Lang,
    pub title: String,
    /// The line under the title (for a result sheet, the questionnaire's name).
    pub subtitle: Option<String>,
    /// The company (or organisation) the report is for, as the user typed it.
    pub company: String,
    pub date: Date,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 is a section, 2 a subsection.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// The headline figures, side by side (grade, score, band, …).
    Figures(Vec<Figure>),
    Table(Table),
    Bullets(Vec<String>),
    /// A numbered list (the first things to do, in order).
    Steps(Vec<String>),
    Chart(Chart),
    PageBreak,
}

/// One headline figure: "総合評価 / B / 平均 3.4".
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

/// A table whose first row is its header; the header repeats when the table breaks across pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A short name, also the CSV file's name stem when tables are exported.
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Relative column widths (one per header cell); empty means equal widths.
    pub widths: Vec<u16>,
}

/// A chart as SVG (from `mamori-charts`), with the text a reader without the picture gets.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub svg: String,
    pub alt: String,
    /// The share of the text width the chart takes, in percent (1-100).
    pub width_percent: u8,
}

impl Report {
    /// The label and value lines under the title, in the report's language.
    pub fn meta(&self) -> Vec<(&'static str, String)> {
        let (company, date) = match self.lang {
            Lang::Ja => ("企業名", "作成日"),
            Lang::En => ("Company", "Date"),
        };
        vec![
            (company, self.company.clone()),
            (date, crate::long_date(self.date, self.lang)),
        ]
    }

    /// Every table of the report, in order (the CSV and spreadsheet exports).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}
