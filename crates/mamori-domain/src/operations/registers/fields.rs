//! The fields of each register as data (risk.md §7): labels, limits, the headings an import may
//! use, and the dates that raise an alert.

use super::{AlertRule, Choice, FieldKind, FieldSpec};

const fn text(
    key: &'static str,
    ja: &'static str,
    en: &'static str,
    max: usize,
    aliases: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        key,
        ja,
        en,
        kind: FieldKind::Text(max),
        required: false,
        aliases,
        alert: None,
    }
}

const fn name(ja: &'static str, en: &'static str, aliases: &'static [&'static str]) -> FieldSpec {
    FieldSpec {
        key: "name",
        ja,
        en,
        kind: FieldKind::Text(200),
        required: true,
        aliases,
        alert: None,
    }
}

const fn date(
    key: &'static str,
    ja: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    alert: Option<AlertRule>,
) -> FieldSpec {
    FieldSpec {
        key,
        ja,
        en,
        kind: FieldKind::Date,
        required: false,
        aliases,
        alert,
    }
}

const NOTE: FieldSpec = FieldSpec {
    key: "note",
    ja: "備考",
    en: "Note",
    kind: FieldKind::LongText(1000),
    required: false,
    aliases: &["メモ", "Notes", "Remarks"],
    alert: None,
};

const EOSL: AlertRule = AlertRule {
    before_ja: "サポート終了",
    before_en: "End of support",
    after_ja: "サポート終了済み",
    after_en: "Support has ended",
    years_after: 0,
};

const CONTRACT_END: AlertRule = AlertRule {
    before_ja: "契約の終了",
    before_en: "Contract ends",
    after_ja: "契約期限切れ",
    after_en: "Contract has ended",
    years_after: 0,
};

const EOSL_FIELD: FieldSpec = date(
    "eosl_on",
    "サポート終了日（EOSL）",
    "End of support (EOSL)",
    &["EOSL", "サポート終了日", "サポート期限", "End of support"],
    Some(EOSL),
);

const CONTRACT_FIELD: FieldSpec = date(
    "contract_until",
    "契約期限",
    "Contract until",
    &["契約期間", "契約終了日", "Contract end"],
    Some(CONTRACT_END),
);

pub(super) const DEVICE_FIELDS: &[FieldSpec] = &[
    name("機器名", "Device", &["名称", "Name", "Device name"]),
    text(
        "asset_number",
        "資産番号",
        "Asset number",
        100,
        &["管理番号"],
    ),
    text(
        "os",
        "OS・バージョン",
        "OS and version",
        100,
        &["OS", "OSバージョン", "OS version"],
    ),
    text(
        "owner",
        "管理者・利用者",
        "Owner or user",
        100,
        &["管理者", "利用者", "Owner"],
    ),
    text(
        "ip_address",
        "IPアドレス（またはDHCP）",
        "IP address (or DHCP)",
        100,
        &["IPアドレス", "IP address"],
    ),
    text(
        "middleware",
        "ミドルウェア・バージョン",
        "Middleware and version",
        200,
        &["ミドルウェア", "Middleware"],
    ),
    text(
        "serial",
        "シリアル番号",
        "Serial number",
        100,
        &["製造番号", "Serial"],
    ),
    date(
        "maintenance_until",
        "保守期限",
        "Maintenance until",
        &["保守期間", "保守契約期限", "Maintenance period"],
        Some(AlertRule {
            before_ja: "保守契約の終了",
            before_en: "Maintenance ends",
            after_ja: "保守期限切れ",
            after_en: "Maintenance has ended",
            years_after: 0,
        }),
    ),
    EOSL_FIELD,
    NOTE,
];

pub(super) const APPLICATION_FIELDS: &[FieldSpec] = &[
    name(
        "アプリケーション名",
        "Application",
        &["ソフトウェア名", "名称", "Name", "Application name"],
    ),
    text("version", "バージョン", "Version", 100, &["Ver"]),
    text("owner", "管理者", "Owner", 100, &["担当者"]),
    text("purpose", "利用目的", "Purpose", 200, &["用途"]),
    text(
        "installed_on",
        "インストール先・利用者",
        "Installed on / used by",
        200,
        &["インストール先", "利用者", "利用機器", "Users"],
    ),
    CONTRACT_FIELD,
    EOSL_FIELD,
    NOTE,
];

pub(super) const CLOUD_FIELDS: &[FieldSpec] = &[
    name(
        "サービス名",
        "Service",
        &["クラウドサービス名", "名称", "Name"],
    ),
    text(
        "provider",
        "提供事業者",
        "Provider",
        200,
        &["事業者", "提供元", "Vendor"],
    ),
    text("purpose", "利用目的", "Purpose", 200, &["用途"]),
    FieldSpec {
        key: "data_held",
        ja: "預けている情報",
        en: "Information held",
        kind: FieldKind::LongText(1000),
        required: false,
        aliases: &["保存している情報", "取り扱う情報", "Data held"],
        alert: None,
    },
    text(
        "administrator",
        "管理者",
        "Administrator",
        100,
        &["管理担当者", "Admin"],
    ),
    CONTRACT_FIELD,
    NOTE,
];

pub(super) const CERTIFICATE_FIELDS: &[FieldSpec] = &[
    name(
        "サブジェクト（ドメイン名など）",
        "Subject (domain name etc.)",
        &[
            "サブジェクト",
            "ドメイン名",
            "コモンネーム",
            "CN",
            "Subject",
        ],
    ),
    text(
        "issuer",
        "発行者",
        "Issuer",
        200,
        &["認証局", "発行元", "CA"],
    ),
    text(
        "used_on",
        "使用している機器・サービス",
        "Used on",
        200,
        &["使用箇所", "設置先", "Installed on"],
    ),
    date(
        "valid_from",
        "有効期間の開始日",
        "Valid from",
        &["発行日", "開始日", "Not before"],
        None,
    ),
    FieldSpec {
        key: "valid_until",
        ja: "有効期限",
        en: "Valid until",
        kind: FieldKind::Date,
        required: true,
        aliases: &["有効期間の終了日", "期限", "Expiry", "Not after"],
        alert: Some(AlertRule {
            before_ja: "証明書の有効期限",
            before_en: "Certificate expires",
            after_ja: "証明書の期限切れ",
            after_en: "Certificate has expired",
            years_after: 0,
        }),
    },
    NOTE,
];

/// Whether the contract has a confidentiality clause.
pub const CONFIDENTIALITY: &[Choice] = &[
    Choice {
        key: "yes",
        ja: "あり",
        en: "Yes",
    },
    Choice {
        key: "no",
        ja: "なし",
        en: "No",
    },
];

/// The outcome of the contractor's last evaluation against the company's checklist.
pub const EVALUATION: &[Choice] = &[
    Choice {
        key: "good",
        ja: "問題なし",
        en: "No issues",
    },
    Choice {
        key: "some",
        ja: "一部に課題あり",
        en: "Some issues",
    },
    Choice {
        key: "poor",
        ja: "不十分",
        en: "Insufficient",
    },
];

pub(super) const CONTRACTOR_FIELDS: &[FieldSpec] = &[
    name(
        "委託先名",
        "Contractor",
        &["委託先", "会社名", "名称", "Name"],
    ),
    text(
        "work",
        "委託している業務",
        "Work contracted",
        200,
        &["委託業務", "業務内容", "Work"],
    ),
    FieldSpec {
        key: "information_given",
        ja: "提供している情報",
        en: "Information given",
        kind: FieldKind::LongText(1000),
        required: false,
        aliases: &["提供する情報", "預ける情報", "Information"],
        alert: None,
    },
    FieldSpec {
        key: "confidentiality",
        ja: "秘密保持条項",
        en: "Confidentiality clause",
        kind: FieldKind::Choice(CONFIDENTIALITY),
        required: false,
        aliases: &["秘密保持契約", "NDA", "守秘義務"],
        alert: None,
    },
    FieldSpec {
        key: "evaluation",
        ja: "チェックリストの評価",
        en: "Checklist result",
        kind: FieldKind::Choice(EVALUATION),
        required: false,
        aliases: &["評価結果", "チェック結果", "Evaluation"],
        alert: None,
    },
    date(
        "evaluated_on",
        "最終評価日",
        "Last evaluated",
        &["評価日", "前回評価日", "Evaluated on"],
        Some(AlertRule {
            before_ja: "委託先の再評価",
            before_en: "Evaluate again",
            after_ja: "再評価の時期を過ぎています",
            after_en: "Evaluation is overdue",
            years_after: 1,
        }),
    ),
    CONTRACT_FIELD,
    NOTE,
];
