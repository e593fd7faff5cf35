//! Where a company turns for help (operations.md §2): the public desks every company can use,
//! ready in the contact list and on the printed emergency sheet. Names, addresses and hours as
//! source 002 (「セキュリティの日々の運用」Point③) lists them.

/// One public desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Desk {
    pub name_ja: &'static str,
    pub name_en: &'static str,
    /// When to turn to it.
    pub when_ja: &'static str,
    pub when_en: &'static str,
    pub url: &'static str,
    pub phone: Option<&'static str>,
}

/// The public desks, in the order a company needs them in an incident.
pub const AUTHORITIES: &[Desk] = &[
    Desk {
        name_ja: "IPA 情報セキュリティ安心相談窓口",
        name_en: "IPA Information Security Help Desk",
        when_ja: "ウイルス感染や不審なメールなど、まず相談したいとき（平日 10:00〜12:00、13:30〜17:00）",
        when_en: "First advice on malware, suspicious e-mail and the like (weekdays 10:00-12:00, 13:30-17:00)",
        url: "https://www.ipa.go.jp/security/anshin/",
        phone: Some("03-5978-7509"),
    },
    Desk {
        name_ja: "IPA コンピュータウイルス・不正アクセスの届出",
        name_en: "IPA reports of malware and unauthorised access",
        when_ja: "ウイルス感染や不正アクセスの被害を届け出るとき",
        when_en: "To report damage from malware or unauthorised access",
        url: "https://www.ipa.go.jp/security/outline/todokede-j.html",
        phone: None,
    },
    Desk {
        name_ja: "JPCERT/CC インシデント報告",
        name_en: "JPCERT/CC incident reports",
        when_ja: "不正アクセスやサイバー攻撃を受けたとき（技術的な調整の依頼）",
        when_en: "After unauthorised access or a cyber attack (technical coordination)",
        url: "https://www.jpcert.or.jp/",
        phone: None,
    },
    Desk {
        name_ja: "都道府県警察 サイバー犯罪相談窓口",
        name_en: "Prefectural police cyber-crime desk",
        when_ja: "犯罪の可能性があるとき（不正アクセス、脅迫、詐欺など）",
        when_en: "When a crime may be involved (unauthorised access, extortion, fraud)",
        url: "https://www.npa.go.jp/cyberpolice/",
        phone: None,
    },
    Desk {
        name_ja: "個人情報保護委員会 漏えい等の報告",
        name_en: "Personal Information Protection Commission: leak reports",
        when_ja: "個人データの漏えいなどで報告が必要なとき（速報・確報）",
        when_en: "When a personal-data leak must be reported (preliminary and final reports)",
        url: "https://www.ppc.go.jp/personalinfo/legal/leakAction/",
        phone: None,
    },
    Desk {
        name_ja: "フィッシング対策協議会",
        name_en: "Council of Anti-Phishing Japan",
        when_ja: "フィッシングメールやサイトを見つけたとき",
        when_en: "On finding a phishing e-mail or site",
        url: "https://www.antiphishing.jp/",
        phone: None,
    },
];

/// Who the company tells about an incident (operations.md §2, source 000 重要項目10): for each,
/// the plan says who reports, when and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Audience {
    pub code: &'static str,
    pub name_ja: &'static str,
    pub name_en: &'static str,
}

pub const AUDIENCES: &[Audience] = &[
    Audience {
        code: "ministry",
        name_ja: "所管省庁",
        name_en: "Supervising ministry",
    },
    Audience {
        code: "security_bodies",
        name_ja: "セキュリティ関係機関（IPA・JPCERT/CC）",
        name_en: "Security bodies (IPA, JPCERT/CC)",
    },
    Audience {
        code: "press",
        name_ja: "報道機関",
        name_en: "The press",
    },
    Audience {
        code: "customers",
        name_ja: "顧客",
        name_en: "Customers",
    },
    Audience {
        code: "partners",
        name_ja: "取引先",
        name_en: "Business partners",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_have_unique_codes_and_both_names() {
        for (n, a) in AUDIENCES.iter().enumerate() {
            assert!(AUDIENCES[n + 1..].iter().all(|o| o.code != a.code));
            assert!(!a.name_ja.is_empty() && !a.name_en.is_empty());
        }
    }

    #[test]
    fn every_desk_has_both_names_and_a_secure_address() {
        for d in AUTHORITIES {
            assert!(!d.name_ja.is_empty() && !d.name_en.is_empty() && !d.when_ja.is_empty());
            assert!(d.url.starts_with("https://"), "{}", d.url);
        }
    }
}
