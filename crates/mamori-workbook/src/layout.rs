//! The register's columns: the fields an import can map, the headings that identify them, and the
//! export layout, which follows IPA's 情報資産管理台帳 column for column (A-T) and puts the fields
//! Mamori adds (risk.md §1) to the right (U-X), so a sheet copied from IPA's workbook lines up.

use crate::codes::fold_heading;
use mamori_domain::Lang;
use std::sync::LazyLock;

/// Folded heading → field (`None` for the computed columns), built once.
static HEADING_KEYS: LazyLock<Vec<(String, Option<Field>)>> = LazyLock::new(|| {
    let mut keys: Vec<(String, Option<Field>)> = Field::ALL
        .iter()
        .flat_map(|&f| f.names().map(move |n| (fold_heading(n), Some(f))))
        .collect();
    keys.extend(COMPUTED_HEADINGS.iter().map(|h| (fold_heading(h), None)));
    keys
});

/// A register field a file column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    BusinessCategory,
    Name,
    Note,
    Users,
    OwnerDepartment,
    Medium,
    /// 個人情報 (one flag column, as IPA's sheet has it).
    Personal,
    /// 要配慮個人情報.
    Sensitive,
    /// 特定個人情報 (My Number).
    MyNumber,
    /// One column listing the kinds, "個人情報、要配慮個人情報" (files made by other tools).
    PersonalKinds,
    C,
    I,
    A,
    Retention,
    Registered,
    Persons,
    Classification,
    RiskOwner,
    Lifecycle,
}

impl Field {
    /// Every field, in the order of the sheet (the mapping preview lists them so).
    pub const ALL: [Field; 19] = [
        Field::BusinessCategory,
        Field::Name,
        Field::Note,
        Field::Users,
        Field::OwnerDepartment,
        Field::Medium,
        Field::Personal,
        Field::Sensitive,
        Field::MyNumber,
        Field::PersonalKinds,
        Field::C,
        Field::I,
        Field::A,
        Field::Retention,
        Field::Registered,
        Field::Persons,
        Field::Classification,
        Field::RiskOwner,
        Field::Lifecycle,
    ];

    /// Fields a row cannot do without; an import whose file lacks one of these columns stops.
    pub const REQUIRED: [Field; 5] = [Field::Name, Field::Medium, Field::C, Field::I, Field::A];

    /// A stable key for forms and APIs ("business_category", "c", …).
    pub fn key(self) -> &'static str {
        self.spec().0
    }

    pub fn parse(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The heading as the sheet writes it.
    pub fn heading(self, lang: Lang) -> &'static str {
        let (_, ja, en, _) = self.spec();
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// The field a file heading names, if any (full- or half-width, spaces, brackets and "※"
    /// notes ignored; Japanese, English and the key all count).
    pub fn for_heading(heading: &str) -> Option<Field> {
        let folded = fold_heading(heading);
        HEADING_KEYS
            .iter()
            .find(|(key, _)| *key == folded)
            .and_then(|(_, field)| *field)
    }

    /// Whether a heading is one the register uses, input or computed (finds the header row).
    pub fn is_known_heading(heading: &str) -> bool {
        let folded = fold_heading(heading);
        HEADING_KEYS.iter().any(|(key, _)| *key == folded)
    }

    fn names(self) -> impl Iterator<Item = &'static str> {
        let (key, ja, en, aliases) = self.spec();
        [key, ja, en].into_iter().chain(aliases.iter().copied())
    }

    fn spec(
        self,
    ) -> (
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    ) {
        match self {
            Field::BusinessCategory => (
                "business_category",
                "業務分類",
                "Business category",
                &["業務", "業務区分", "category"],
            ),
            Field::Name => (
                "name",
                "情報資産名称",
                "Information asset",
                &[
                    "情報資産名",
                    "情報資産",
                    "資産名",
                    "資産名称",
                    "asset",
                    "asset name",
                ],
            ),
            Field::Note => (
                "note",
                "備考",
                "Note",
                &["notes", "説明", "概要", "remarks"],
            ),
            Field::Users => (
                "users",
                "利用者範囲",
                "Users",
                &["利用者", "利用範囲", "user scope", "who may use it"],
            ),
            Field::OwnerDepartment => (
                "owner_department",
                "管理部署",
                "Owning department",
                &["管理部門", "担当部署", "owner department", "department"],
            ),
            Field::Medium => (
                "medium",
                "媒体・保存先",
                "Medium / location",
                &[
                    "媒体",
                    "保存先",
                    "保管場所",
                    "media",
                    "location",
                    "medium/storage",
                ],
            ),
            Field::Personal => (
                "personal",
                "個人情報",
                "Personal information",
                &["personal data"],
            ),
            Field::Sensitive => (
                "sensitive",
                "要配慮個人情報",
                "Sensitive personal information",
                &["sensitive personal data"],
            ),
            Field::MyNumber => (
                "my_number",
                "特定個人情報",
                "My Number",
                &["マイナンバー", "個人番号", "specific personal information"],
            ),
            Field::PersonalKinds => (
                "personal_kinds",
                "個人情報の種類",
                "Personal information kinds",
                &[
                    "個人情報種別",
                    "kinds of personal information",
                    "personal data kinds",
                ],
            ),
            Field::C => ("c", "機密性", "Confidentiality", &["機密", "C"]),
            Field::I => ("i", "完全性", "Integrity", &["完全", "I"]),
            Field::A => ("a", "可用性", "Availability", &["可用", "A"]),
            Field::Retention => (
                "retention",
                "保存期限",
                "Retention",
                &["保存期間", "保管期限", "retention period"],
            ),
            Field::Registered => (
                "registered",
                "登録日",
                "Registered",
                &[
                    "登録年月日",
                    "registration date",
                    "registered on",
                    "date registered",
                ],
            ),
            Field::Persons => (
                "persons",
                "人数",
                "Number of persons",
                &[
                    "件数",
                    "対象人数",
                    "個人情報の件数",
                    "本人の数",
                    "persons",
                    "records",
                ],
            ),
            Field::Classification => (
                "classification",
                "情報管理区分",
                "Classification",
                &["管理区分", "機密区分", "区分"],
            ),
            Field::RiskOwner => (
                "risk_owner",
                "リスク所有者",
                "Risk owner",
                &["リスクオーナー", "owner"],
            ),
            Field::Lifecycle => (
                "lifecycle",
                "ライフサイクル",
                "Lifecycle stage",
                &["ライフサイクル段階", "lifecycle"],
            ),
        }
    }
}

/// Headings of the computed columns: recognised when finding the header row, never imported.
pub const COMPUTED_HEADINGS: &[&str] = &[
    "重要度",
    "重要性",
    "Importance",
    "脅威の発生頻度",
    "Threat frequency",
    "脆弱性",
    "Vulnerability",
    "被害発生可能性",
    "Likelihood of damage",
    "Likelihood",
    "リスク値",
    "Risk value",
    "評価値",
    "Ratings",
];

/// What one column of the exported sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Input(Field),
    Importance,
    Threat,
    Vulnerability,
    Likelihood,
    RiskValue,
    RiskLevel,
}

/// The exported sheet, A to X. A-T are IPA's columns in IPA's order: 業務分類 … 媒体・保存先,
/// 個人情報の種類 (three flags), 評価値 (機密性, 完全性, 可用性, 重要度), 保存期限, 登録日,
/// 現状から想定されるリスク (脅威の発生頻度, 脆弱性, 被害発生可能性, リスク値 over two cells:
/// the number and リスク大/中/小). U-X are Mamori's additions.
pub const COLUMNS: [Column; 24] = [
    Column::Input(Field::BusinessCategory),
    Column::Input(Field::Name),
    Column::Input(Field::Note),
    Column::Input(Field::Users),
    Column::Input(Field::OwnerDepartment),
    Column::Input(Field::Medium),
    Column::Input(Field::Personal),
    Column::Input(Field::Sensitive),
    Column::Input(Field::MyNumber),
    Column::Input(Field::C),
    Column::Input(Field::I),
    Column::Input(Field::A),
    Column::Importance,
    Column::Input(Field::Retention),
    Column::Input(Field::Registered),
    Column::Threat,
    Column::Vulnerability,
    Column::Likelihood,
    Column::RiskValue,
    Column::RiskLevel,
    Column::Input(Field::Persons),
    Column::Input(Field::Classification),
    Column::Input(Field::RiskOwner),
    Column::Input(Field::Lifecycle),
];

/// Header groups of the export's first header row: (first column, last column, ja, en).
/// Columns outside a group have their heading merged over both header rows.
pub const GROUPS: [(u16, u16, &str, &str); 4] = [
    (6, 8, "個人情報の種類", "Personal information kinds"),
    (9, 12, "評価値", "Ratings"),
    (
        15,
        19,
        "現状から想定されるリスク（入力不要・自動表示）",
        "Risk from the current state (computed, no input)",
    ),
    (20, 23, "追加項目（Mamori）", "Additional fields (Mamori)"),
];

impl Column {
    pub fn heading(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Column::Input(f) => return f.heading(lang),
            Column::Importance => ("重要度", "Importance"),
            Column::Threat => ("脅威の発生頻度", "Threat frequency"),
            Column::Vulnerability => ("脆弱性", "Vulnerability"),
            Column::Likelihood => ("被害発生可能性", "Likelihood of damage"),
            Column::RiskValue => ("リスク値", "Risk value"),
            Column::RiskLevel => ("", ""),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// Width in Excel's character units.
    pub fn width(self) -> f64 {
        match self {
            Column::Input(Field::Name | Field::Note) => 28.0,
            Column::Input(Field::Users | Field::OwnerDepartment | Field::RiskOwner) => 14.0,
            Column::Input(Field::BusinessCategory | Field::Medium | Field::Retention) => 12.0,
            Column::Input(Field::Registered) => 11.0,
            Column::Input(Field::Personal | Field::Sensitive | Field::MyNumber) => 9.0,
            Column::Input(Field::C | Field::I | Field::A) | Column::Importance => 7.0,
            Column::Threat | Column::Vulnerability | Column::Likelihood => 11.0,
            Column::RiskValue | Column::RiskLevel => 8.0,
            Column::Input(_) => 12.0,
        }
    }
}

/// Row numbers (0-based) of the export: a title, two header rows, then the data.
pub const TITLE_ROW: u32 = 0;
pub const GROUP_ROW: u32 = 1;
pub const HEADING_ROW: u32 = 2;
pub const FIRST_DATA_ROW: u32 = 3;

/// The column of a field in the export (0-based).
pub fn export_column(field: Field) -> Option<u16> {
    COLUMNS
        .iter()
        .position(|c| *c == Column::Input(field))
        .map(|i| i as u16)
}
