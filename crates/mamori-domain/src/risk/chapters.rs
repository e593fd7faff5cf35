//! The countermeasure checklist by regulation chapter: implementation rates and which
//! regulations need writing (risk.md §3, documents.md §1).

use super::CountermeasureAnswer;
use crate::decimal::Ratio;
use crate::text::Lang;
use serde::Serialize;
use std::collections::HashSet;

/// The 11 chapters of the security regulations (情報セキュリティ関連規程).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Chapter(u8);

const CHAPTERS: [(&str, &str); 11] = [
    ("組織的対策", "Organisational measures"),
    ("人的対策", "Human measures"),
    ("情報資産管理", "Information asset management"),
    ("アクセス制御及び認証", "Access control and authentication"),
    ("物理的対策", "Physical measures"),
    ("IT機器利用", "Use of IT equipment"),
    ("IT基盤運用管理", "IT infrastructure operation"),
    ("システム開発及び保守", "System development and maintenance"),
    ("委託管理", "Outsourcing"),
    (
        "情報セキュリティインシデント対応ならびに事業継続管理",
        "Incident response and business continuity",
    ),
    (
        "個人番号及び特定個人情報の取り扱い",
        "Handling of My Number",
    ),
];

impl Chapter {
    pub fn new(number: i64) -> Option<Self> {
        u8::try_from(number)
            .ok()
            .filter(|n| (1..=11).contains(n))
            .map(Chapter)
    }

    pub fn all() -> impl Iterator<Item = Chapter> {
        (1..=11).map(Chapter)
    }

    pub fn number(self) -> u8 {
        self.0
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let (ja, en) = CHAPTERS[usize::from(self.0 - 1)];
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// One answered countermeasure and the media it protects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Countermeasure<'m> {
    pub chapter: Chapter,
    pub media: &'m [&'m str],
    pub answer: CountermeasureAnswer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterStatus {
    pub chapter: Chapter,
    pub applicable: u32,
    pub done: u32,
    pub partly: u32,
    /// 対策の実施率 in percent (done 1, partly ½, over applicable items), half up; `None` when
    /// nothing in the chapter applies.
    pub rate_percent: Option<i64>,
    /// 規程策定の必要性: an applicable item is not fully done, or the chapter protects a medium
    /// that holds a high-risk asset.
    pub regulation_needed: bool,
}

/// Status of every chapter, in chapter order.
pub fn chapter_status(
    countermeasures: &[Countermeasure],
    high_risk_media: &HashSet<&str>,
) -> Vec<ChapterStatus> {
    Chapter::all()
        .map(|chapter| {
            let mut status = ChapterStatus {
                chapter,
                applicable: 0,
                done: 0,
                partly: 0,
                rate_percent: None,
                regulation_needed: false,
            };
            for m in countermeasures.iter().filter(|m| m.chapter == chapter) {
                if m.media
                    .iter()
                    .any(|medium| high_risk_media.contains(medium))
                {
                    status.regulation_needed = true;
                }
                match m.answer {
                    CountermeasureAnswer::NotApplicable => continue,
                    CountermeasureAnswer::Done => status.done += 1,
                    CountermeasureAnswer::Partly => status.partly += 1,
                    CountermeasureAnswer::NotDone => {}
                }
                status.applicable += 1;
            }
            if status.done < status.applicable {
                status.regulation_needed = true;
            }
            // done + partly/2 over applicable, in percent: (200·done + 100·partly) / (2·applicable).
            status.rate_percent = Ratio::new(
                200 * i64::from(status.done) + 100 * i64::from(status.partly),
                2 * i64::from(status.applicable),
            )
            .map(Ratio::round_integer);
            status
        })
        .collect()
}
