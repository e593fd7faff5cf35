//! The code tables of the register (media, personal-information kinds, classification, lifecycle)
//! and the text folding that lets an import accept codes, the Japanese labels of IPA's sheet,
//! English labels and common variants (full-width letters, spaces, サーバ/サーバー).

use mamori_domain::Lang;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One value of a coded column: the stable code Mamori stores, the labels a sheet shows, and
/// other spellings an import accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    pub aliases: &'static [&'static str],
}

impl Code {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

const fn code(
    code: &'static str,
    ja: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
) -> Code {
    Code {
        code,
        ja,
        en,
        aliases,
    }
}

/// 媒体・保存先 (risk.md §1). The Japanese labels are the values of IPA's sheet.
pub const MEDIA: &[Code] = &[
    code(
        "paper",
        "書類",
        "Paper documents",
        &["Paper", "紙", "紙媒体", "紙書類", "文書"],
    ),
    code(
        "office_pc",
        "事務所PC",
        "Office PCs",
        &["Office PC", "PC", "パソコン", "事務所パソコン", "社内PC"],
    ),
    code(
        "mobile",
        "モバイル機器",
        "Mobile devices",
        &[
            "Mobile device",
            "mobile_device",
            "モバイル",
            "スマートフォン",
            "スマホ",
            "タブレット",
        ],
    ),
    code(
        "removable",
        "可搬電子媒体",
        "Removable media",
        &["removable_media", "可搬媒体", "電子媒体", "USBメモリ"],
    ),
    code(
        "internal_server",
        "社内サーバー",
        "In-house servers",
        &["社内サーバ", "Internal server", "In-house server"],
    ),
    code(
        "external_server",
        "社外サーバー",
        "External servers and cloud",
        &[
            "社外サーバ",
            "クラウド",
            "cloud",
            "External server",
            "External server / cloud",
        ],
    ),
];

/// 個人情報の種類: one column each in IPA's sheet, marked 有 when the asset holds that kind.
pub const PERSONAL: &[Code] = &[
    code(
        "personal",
        "個人情報",
        "Personal information",
        &["personal data"],
    ),
    code(
        "sensitive",
        "要配慮個人情報",
        "Sensitive personal information",
        &["sensitive", "sensitive personal data"],
    ),
    code(
        "my_number",
        "特定個人情報",
        "My Number information",
        &[
            "特定個人情報（マイナンバー）",
            "My Number",
            "マイナンバー",
            "個人番号",
            "mynumber",
            "specific personal information",
        ],
    ),
];

/// 情報管理区分.
pub const CLASSIFICATION: &[Code] = &[
    code(
        "top_secret",
        "極秘",
        "Strictly confidential",
        &["Top secret"],
    ),
    code("secret", "秘密", "Confidential", &["Secret"]),
    code(
        "internal",
        "社外秘",
        "Internal",
        &["Internal only", "internal use only"],
    ),
    code("public", "公開", "Public", &[]),
];

/// Lifecycle stage of an asset (JNSA's lifecycle, risk.md §1).
pub const LIFECYCLE: &[Code] = &[
    code("create", "生成", "Create", &["作成", "取得", "Creation"]),
    code("store", "保管", "Keep", &["Storage", "Store"]),
    code("use", "利用", "Use", &["使用", "in use"]),
    code("share", "共有", "Share", &["Sharing"]),
    code("archive", "保存", "Archive", &["Archiving"]),
    code("dispose", "破棄", "Dispose", &["廃棄", "Disposal"]),
];

/// Risk levels as `RowResult::level` gives them (the codes of interfaces.md), with the sheet's
/// wording and the action each level calls for.
pub const LEVELS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "high",
        "リスク大",
        "High",
        "重点的に対策を実施",
        "Focus countermeasures here",
    ),
    (
        "medium",
        "リスク中",
        "Medium",
        "対策を実施",
        "Implement countermeasures",
    ),
    (
        "low",
        "リスク小",
        "Low",
        "現状維持",
        "Keep the current state",
    ),
];

/// Cell values that mark a personal-information column as set (the sheet writes 有).
const FLAG_YES: &[&str] = &[
    "有", "あり", "有り", "○", "〇", "◯", "●", "✓", "✔", "レ", "1", "yes", "y", "true", "x",
];
/// Cell values that leave it unset.
const FLAG_NO: &[&str] = &[
    "無", "なし", "無し", "-", "―", "ー", "×", "0", "no", "n", "false",
];

/// The word written into a set flag cell.
pub fn flag_yes(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "有",
        Lang::En => "Yes",
    }
}

/// The coded columns; a value is looked up through folded keys built once per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codes {
    Media,
    Personal,
    Classification,
    Lifecycle,
}

type Keys = LazyLock<HashMap<String, &'static Code>>;
static MEDIA_KEYS: Keys = LazyLock::new(|| keys(MEDIA));
static PERSONAL_KEYS: Keys = LazyLock::new(|| keys(PERSONAL));
static CLASSIFICATION_KEYS: Keys = LazyLock::new(|| keys(CLASSIFICATION));
static LIFECYCLE_KEYS: Keys = LazyLock::new(|| keys(LIFECYCLE));
static FLAG_KEYS: LazyLock<HashMap<String, bool>> = LazyLock::new(|| {
    let no = FLAG_NO.iter().map(|s| (fold(s), false));
    FLAG_YES.iter().map(|s| (fold(s), true)).chain(no).collect()
});

fn keys(table: &'static [Code]) -> HashMap<String, &'static Code> {
    let mut keys = HashMap::new();
    for c in table {
        for name in [c.code, c.ja, c.en].iter().chain(c.aliases) {
            keys.entry(fold(name)).or_insert(c);
        }
    }
    keys
}

impl Codes {
    pub fn all(self) -> &'static [Code] {
        match self {
            Codes::Media => MEDIA,
            Codes::Personal => PERSONAL,
            Codes::Classification => CLASSIFICATION,
            Codes::Lifecycle => LIFECYCLE,
        }
    }

    /// The code a cell names by code, label or a known variant.
    pub fn find(self, value: &str) -> Option<&'static Code> {
        let keys: &Keys = match self {
            Codes::Media => &MEDIA_KEYS,
            Codes::Personal => &PERSONAL_KEYS,
            Codes::Classification => &CLASSIFICATION_KEYS,
            Codes::Lifecycle => &LIFECYCLE_KEYS,
        };
        keys.get(&fold(value)).copied()
    }
}

/// `Some(true)` for a value that marks a flag column (有, ○, yes, 1 …), `Some(false)` for one
/// that leaves it unset (blank, 無, なし, -, 0 …), `None` for anything else.
pub fn flag_value(value: &str) -> Option<bool> {
    let folded = fold(value);
    if folded.is_empty() {
        return Some(false);
    }
    FLAG_KEYS.get(&folded).copied()
}

pub fn by_code(table: &'static [Code], code: &str) -> Option<&'static Code> {
    table.iter().find(|c| c.code == code)
}

/// Full-width ASCII and the ideographic space to half-width, nothing else changed.
pub fn half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A comparison key: half-width, lower case, without spaces and separators.
pub fn fold(s: &str) -> String {
    half_width(s)
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '・' | '･' | '/' | '_' | '-' | '.' | ':' | ',' | '、' | '‐' | '−' | '–' | '—'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A heading's comparison key: the text before a "※" note, without bracketed remarks such as
/// （入力不要・自動表示）, folded. A heading that is only a bracket, "(C)", keeps its content.
pub fn fold_heading(s: &str) -> String {
    let s = half_width(s);
    let s = s.split('※').next().unwrap_or_default();
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '【' | '［' | '[' | '「' | '〈' | '<' => depth += 1,
            ')' | '】' | '］' | ']' | '」' | '〉' | '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let folded = fold(&out);
    if folded.is_empty() {
        fold(&s.replace(['(', ')', '[', ']', '【', '】', '「', '」'], ""))
    } else {
        folded
    }
}

/// Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_width_case_spaces_and_separators() {
        assert_eq!(fold("事務所ＰＣ"), fold("事務所 pc"));
        assert_eq!(fold("媒体・保存先"), "媒体保存先");
        assert_eq!(fold_heading("機密性（C）"), "機密性");
        assert_eq!(fold_heading("(C)"), "c");
        assert_eq!(
            fold_heading("脅威の発生頻度 ※「脅威の状況」シートに入力すると表示"),
            "脅威の発生頻度"
        );
        assert_eq!(
            Codes::Media.find("社外サーバ").unwrap().code,
            "external_server"
        );
        assert_eq!(Codes::Media.find("Office PC").unwrap().code, "office_pc");
        assert!(Codes::Media.find("金庫").is_none());
        assert_eq!(flag_value("有"), Some(true));
        assert_eq!(flag_value("　"), Some(false));
        assert_eq!(flag_value("ー"), Some(false));
        assert_eq!(flag_value("多分"), None);
    }

    #[test]
    fn column_letters_follow_the_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
