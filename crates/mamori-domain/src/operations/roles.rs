//! The security roles of operations.md §1: who decides and who acts, in normal times and in an
//! emergency, each with a deputy for absence (sources 001 表5・表6, 002).

use crate::Text;

/// When a role acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Time {
    Normal,
    Emergency,
}

/// One role of the structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    pub code: &'static str,
    pub time: Time,
    /// A company's structure is in place when every required role has a holder.
    pub required: bool,
    pub name_ja: &'static str,
    pub name_en: &'static str,
    pub duty_ja: &'static str,
    pub duty_en: &'static str,
}

impl Role {
    pub fn name(&self) -> Text {
        Text::new(self.name_ja, self.name_en)
    }

    pub fn duty(&self) -> Text {
        Text::new(self.duty_ja, self.duty_en)
    }
}

/// Every role, in the order a structure chart shows them.
pub const ROLES: &[Role] = &[
    Role {
        code: "security_manager",
        time: Time::Normal,
        required: true,
        name_ja: "情報セキュリティ責任者",
        name_en: "Security manager",
        duty_ja: "会社の情報セキュリティについて決定し、全体に責任を持つ（経営者または役員）",
        duty_en: "Decides on the company's information security and is accountable for it (an executive)",
    },
    Role {
        code: "department_manager",
        time: Time::Normal,
        required: true,
        name_ja: "部門の情報セキュリティ責任者",
        name_en: "Department security manager",
        duty_ja: "自部門で対策が守られるようにし、状況を責任者に報告する",
        duty_en: "Sees that the department follows the measures and reports to the security manager",
    },
    Role {
        code: "system_admin",
        time: Time::Normal,
        required: true,
        name_ja: "システム管理者",
        name_en: "System administrator",
        duty_ja: "パソコン・サーバー・ネットワーク・クラウドの設定、更新、アカウントを管理する",
        duty_en: "Runs the PCs, servers, network and cloud services: settings, updates and accounts",
    },
    Role {
        code: "education_manager",
        time: Time::Normal,
        required: true,
        name_ja: "教育責任者",
        name_en: "Education manager",
        duty_ja: "従業員への教育を計画して実施し、受講を記録する",
        duty_en: "Plans and gives the staff's security education and records attendance",
    },
    Role {
        code: "inspection_manager",
        time: Time::Normal,
        required: true,
        name_ja: "点検責任者",
        name_en: "Inspection manager",
        duty_ja: "対策が実施されているかを定期的に点検し、結果を経営者に報告する",
        duty_en: "Regularly checks that the measures are in place and reports to management",
    },
    Role {
        code: "audit_manager",
        time: Time::Normal,
        required: false,
        name_ja: "監査責任者",
        name_en: "Audit manager",
        duty_ja: "内部監査を計画して実施する（従業員100名を超える会社で推奨）",
        duty_en: "Plans and runs internal audits (recommended above 100 employees)",
    },
    Role {
        code: "privacy_manager",
        time: Time::Normal,
        required: false,
        name_ja: "個人情報保護管理者",
        name_en: "Personal-information protection manager",
        duty_ja: "個人情報の取扱いを管理し、漏えい時の報告・通知を取りまとめる",
        duty_en: "Oversees how personal data is handled and coordinates leak reports and notices",
    },
    Role {
        code: "incident_manager",
        time: Time::Normal,
        required: false,
        name_ja: "インシデント対応責任者",
        name_en: "Incident response manager",
        duty_ja: "事故の受付から復旧・再発防止までの対応を取りまとめる",
        duty_en: "Coordinates incidents from the first report to recovery and prevention",
    },
    Role {
        code: "emergency_lead",
        time: Time::Emergency,
        required: true,
        name_ja: "緊急時の統括（影響と対応方針の判断）",
        name_en: "Emergency lead (judges impact and response)",
        duty_ja: "事故の影響範囲と対応方針を判断し、公表や報告を決定する",
        duty_en: "Judges the impact and the response, and decides on disclosure and reports",
    },
    Role {
        code: "emergency_responder",
        time: Time::Emergency,
        required: true,
        name_ja: "緊急時の対応担当（対処と原因の報告）",
        name_en: "Emergency responder (acts and reports causes)",
        duty_ja: "被害の拡大を防ぐ処置をし、原因と対応状況を統括者に報告する",
        duty_en: "Contains the damage and reports causes and progress to the emergency lead",
    },
];

/// The role with `code`.
pub fn role(code: &str) -> Option<&'static Role> {
    ROLES.iter().find(|r| r.code == code)
}

/// Who holds one role: a person's name, and a deputy's when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment<'a> {
    pub code: &'a str,
    pub holder: &'a str,
    pub deputy: Option<&'a str>,
}

/// What the structure lacks, or should not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// Required roles nobody holds.
    pub unassigned: Vec<&'static Role>,
    /// Held roles without a deputy.
    pub without_deputy: Vec<&'static Role>,
    /// One person holds every role that is held (and there are two or more): 001 calls this
    /// undesirable, even if a small company may need it.
    pub one_person_holds_everything: Option<String>,
}

impl Review {
    /// Every required role has a holder (the maturity level's "roles assigned").
    pub fn assigned(&self) -> bool {
        self.unassigned.is_empty()
    }
}

/// People are compared by their name as written, ignoring spaces (全角 too).
fn person_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Reviews the assignments of a company.
pub fn review(assignments: &[Assignment<'_>]) -> Review {
    let held = |r: &Role| {
        assignments
            .iter()
            .find(|a| a.code == r.code && !a.holder.trim().is_empty())
    };
    let unassigned = ROLES
        .iter()
        .filter(|r| r.required && held(r).is_none())
        .collect();
    let without_deputy = ROLES
        .iter()
        .filter(|r| held(r).is_some_and(|a| a.deputy.is_none_or(|d| d.trim().is_empty())))
        .collect();
    let holders: Vec<&Assignment<'_>> = ROLES.iter().filter_map(held).collect();
    let one_person_holds_everything = match holders.as_slice() {
        [first, rest @ ..] if !rest.is_empty() => {
            let key = person_key(first.holder);
            rest.iter()
                .all(|a| person_key(a.holder) == key)
                .then(|| first.holder.trim().to_owned())
        }
        _ => None,
    };
    Review {
        unassigned,
        without_deputy,
        one_person_holds_everything,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_required(holder: &'static str) -> Vec<Assignment<'static>> {
        ROLES
            .iter()
            .filter(|r| r.required)
            .map(|r| Assignment {
                code: r.code,
                holder,
                deputy: Some("副 担当"),
            })
            .collect()
    }

    #[test]
    fn codes_are_unique_and_every_role_is_named_in_both_languages() {
        for (n, r) in ROLES.iter().enumerate() {
            assert!(
                ROLES[n + 1..].iter().all(|o| o.code != r.code),
                "{}",
                r.code
            );
            assert!(!r.name_ja.is_empty() && !r.name_en.is_empty() && !r.duty_ja.is_empty());
        }
        assert_eq!(ROLES.iter().filter(|r| r.required).count(), 7);
    }

    #[test]
    fn roles_are_assigned_only_when_every_required_role_has_a_holder() {
        assert!(!review(&[]).assigned());
        assert_eq!(review(&[]).unassigned.len(), 7);
        let mut all = every_required("山田 太郎");
        assert!(review(&all).assigned());
        all[2].holder = "  ";
        let r = review(&all);
        assert!(!r.assigned());
        assert_eq!(r.unassigned[0].code, "system_admin");
    }

    #[test]
    fn one_person_holding_every_role_is_warned_about_and_a_second_person_ends_it() {
        let mut all = every_required("山田 太郎");
        all[3].holder = "山田　太郎";
        assert_eq!(
            review(&all).one_person_holds_everything.as_deref(),
            Some("山田 太郎")
        );
        all[3].holder = "佐藤 花子";
        assert_eq!(review(&all).one_person_holds_everything, None);
        let single = [Assignment {
            code: "security_manager",
            holder: "山田 太郎",
            deputy: None,
        }];
        assert_eq!(review(&single).one_person_holds_everything, None);
        assert_eq!(review(&single).without_deputy[0].code, "security_manager");
    }
}
