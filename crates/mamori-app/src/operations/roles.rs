//! The company's security roles (operations.md §1): one parser for the page and the API, reading
//! and replacing them, and the review the company home and the structure page show.

use mamori_domain::operations::roles::{Assignment, ROLES, Review, review as review_roles};
use mamori_storage::{Access, SecurityRole, SecurityRoles, Store};

use crate::Error;
use crate::FieldProblem;
use crate::fields::{Check, Checked};
use crate::guard::{Need, require};

/// The longest name of a holder or deputy, in characters.
pub const NAME_MAX: usize = 100;
/// The longest contact text (phone and e-mail), in characters.
pub const CONTACT_MAX: usize = 200;

/// One role as typed: the role's code and three texts, any of them empty.
#[derive(Debug, Clone, Default)]
pub struct RoleFields {
    pub role: String,
    pub holder: String,
    pub deputy: String,
    pub contact: String,
}

/// Roles that passed every check. Only [`RolesDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolesDraft(Vec<SecurityRole>);

impl RolesDraft {
    /// Checks every role (problems at `roles[n].holder`, in the input's order). A role whose
    /// three texts are all empty has no holder and is left out.
    pub fn parse(input: &[RoleFields]) -> Result<RolesDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        let mut out: Vec<SecurityRole> = Vec::new();
        for (n, f) in input.iter().enumerate() {
            c.at(format!("roles[{n}]."));
            let Some(role) = ROLES.iter().find(|r| r.code == f.role.trim()) else {
                let codes: Vec<&str> = ROLES.iter().map(|r| r.code).collect();
                c.problem(
                    "role",
                    format!(
                        "役割「{}」はありません。次のいずれかです: {}",
                        f.role.trim(),
                        codes.join(", ")
                    ),
                    format!(
                        "There is no role “{}”. Roles are: {}",
                        f.role.trim(),
                        codes.join(", ")
                    ),
                );
                continue;
            };
            if out.iter().any(|r| r.role == role.code) {
                c.problem(
                    "role",
                    format!(
                        "{}が2回あります。1つの役割は1回だけ入力してください。",
                        role.name_ja
                    ),
                    format!("{} is given twice. Give each role once.", role.name_en),
                );
                continue;
            }
            let label = |what: &str, what_en: &str| {
                (
                    format!("{}の{what}", role.name_ja),
                    format!("{} for the {}", what_en, role.name_en.to_lowercase()),
                )
            };
            let (h, h_en) = label("担当者", "person");
            let (d, d_en) = label("代理", "deputy");
            let (k, k_en) = label("連絡先", "contact");
            let holder = c.text("holder", (&h, &h_en), &f.holder, NAME_MAX, false);
            let deputy = c.text("deputy", (&d, &d_en), &f.deputy, NAME_MAX, false);
            let contact = c.text("contact", (&k, &k_en), &f.contact, CONTACT_MAX, false);
            match (holder, &deputy, &contact) {
                (Checked::Given(holder), _, _) => {
                    let deputy = deputy.given();
                    if deputy.as_deref().is_some_and(|d| same_person(d, &holder)) {
                        c.problem(
                            "deputy",
                            format!(
                                "{}の代理には、担当者とは別の人を入力してください。",
                                role.name_ja
                            ),
                            format!(
                                "The deputy for the {} must be someone other than the person.",
                                role.name_en.to_lowercase()
                            ),
                        );
                    }
                    out.push(SecurityRole {
                        role: role.code.to_owned(),
                        holder,
                        deputy,
                        contact: contact.given(),
                    });
                }
                (Checked::Empty, Checked::Empty, Checked::Empty) => {}
                (Checked::Empty, _, _) => c.problem(
                    "holder",
                    format!(
                        "{}の担当者を入力してください（代理や連絡先だけでは登録できません）。",
                        role.name_ja
                    ),
                    format!(
                        "Enter the person for the {} (a deputy or contact alone cannot be kept).",
                        role.name_en.to_lowercase()
                    ),
                ),
                (Checked::Wrong, _, _) => {}
            }
        }
        c.at("");
        c.finish(Some(RolesDraft(out)))
    }

    pub fn roles(&self) -> &[SecurityRole] {
        &self.0
    }
}

/// People are the same when their names match, spaces aside (全角 too).
fn same_person(a: &str, b: &str) -> bool {
    let key = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    key(a) == key(b)
}

/// What the structure lacks: unassigned roles, roles without a deputy, one person holding all.
pub fn review(roles: &SecurityRoles) -> Review {
    let assignments: Vec<Assignment<'_>> = roles
        .roles
        .iter()
        .map(|r| Assignment {
            code: &r.role,
            holder: &r.holder,
            deputy: r.deputy.as_deref(),
        })
        .collect();
    review_roles(&assignments)
}

/// The company's roles.
pub async fn get(store: &Store, access: &Access) -> Result<SecurityRoles, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.security_roles(scope).await?)
}

/// Replaces the company's roles.
pub async fn save(store: &Store, access: &Access, draft: &RolesDraft) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.set_security_roles(scope, draft.roles()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(role: &str, holder: &str, deputy: &str) -> RoleFields {
        RoleFields {
            role: role.into(),
            holder: holder.into(),
            deputy: deputy.into(),
            contact: String::new(),
        }
    }

    #[test]
    fn empty_roles_are_left_out_and_given_ones_kept_trimmed() {
        let draft = RolesDraft::parse(&[
            fields("security_manager", " 山田 太郎 ", "佐藤 花子"),
            fields("system_admin", "", ""),
        ])
        .unwrap();
        assert_eq!(draft.roles().len(), 1);
        assert_eq!(draft.roles()[0].holder, "山田 太郎");
        assert_eq!(draft.roles()[0].deputy.as_deref(), Some("佐藤 花子"));
    }

    #[test]
    fn every_problem_names_the_role_and_its_place() {
        let p = RolesDraft::parse(&[
            fields("ceo", "山田", ""),
            fields("security_manager", "", "佐藤"),
            fields("system_admin", "山田 太郎", "山田　太郎"),
            fields("education_manager", &"あ".repeat(101), ""),
            fields("system_admin", "鈴木", ""),
        ])
        .unwrap_err();
        let got: Vec<(&str, &str)> = p
            .iter()
            .map(|p| (p.field.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(got[0].0, "roles[0].role");
        assert!(got[0].1.starts_with("役割「ceo」はありません。"));
        assert_eq!(
            got[1],
            (
                "roles[1].holder",
                "情報セキュリティ責任者の担当者を入力してください（代理や連絡先だけでは登録できません）。"
            )
        );
        assert_eq!(
            got[2],
            (
                "roles[2].deputy",
                "システム管理者の代理には、担当者とは別の人を入力してください。"
            )
        );
        assert_eq!(
            got[3],
            (
                "roles[3].holder",
                "教育責任者の担当者は100文字以内にしてください。"
            )
        );
        assert_eq!(got[4].0, "roles[4].role");
        assert_eq!(p.len(), 5);
    }
}
