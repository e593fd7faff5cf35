//! The asset form (one row of the register) as typed, and its checks. Every problem names its
//! field in Japanese and English; a rejected form comes back as the user left it.

use mamori_domain::risk::builtin_catalog;
use mamori_storage::{PersonalKind, RiskAsset, RiskAssetFields};
use serde::Deserialize;

use crate::FieldProblem;

pub const NAME_MAX: usize = 200;
pub const TEXT_MAX: usize = 200;
pub const NOTE_MAX: usize = 2000;

/// The fields as posted. Checkboxes for personal information arrive as `personal` repeated, so
/// the form is read as pairs (see `AssetForm::from_pairs`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AssetForm {
    pub business_category: String,
    pub name: String,
    pub note: String,
    pub users: String,
    pub owner_department: String,
    pub medium: String,
    pub personal: Vec<String>,
    pub persons: String,
    pub classification: String,
    pub risk_owner: String,
    pub c: String,
    pub i: String,
    pub a: String,
    pub retention: String,
    pub registered: String,
    pub lifecycle: String,
}

impl AssetForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> AssetForm {
        let mut f = AssetForm::default();
        for (k, v) in pairs {
            let v = v.clone();
            match k.as_str() {
                "business_category" => f.business_category = v,
                "name" => f.name = v,
                "note" => f.note = v,
                "users" => f.users = v,
                "owner_department" => f.owner_department = v,
                "medium" => f.medium = v,
                "personal" => f.personal.push(v),
                "persons" => f.persons = v,
                "classification" => f.classification = v,
                "risk_owner" => f.risk_owner = v,
                "c" => f.c = v,
                "i" => f.i = v,
                "a" => f.a = v,
                "retention" => f.retention = v,
                "registered" => f.registered = v,
                "lifecycle" => f.lifecycle = v,
                _ => {}
            }
        }
        f
    }

    pub fn of(a: &RiskAsset) -> AssetForm {
        let f = &a.fields;
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        AssetForm {
            business_category: o(&f.business_category),
            name: f.name.clone(),
            note: o(&f.note),
            users: o(&f.users),
            owner_department: o(&f.owner_department),
            medium: f.medium.clone(),
            personal: f.personal.iter().map(|p| p.as_str().to_owned()).collect(),
            persons: f.persons.map(|n| n.to_string()).unwrap_or_default(),
            classification: o(&f.classification),
            risk_owner: o(&f.risk_owner),
            c: f.c.to_string(),
            i: f.i.to_string(),
            a: f.a.to_string(),
            retention: o(&f.retention),
            registered: o(&f.registered),
            lifecycle: o(&f.lifecycle),
        }
    }

    /// A new row's defaults: C=2 is pre-set once personal data is ticked (the page says why).
    pub fn blank() -> AssetForm {
        AssetForm {
            c: "0".into(),
            i: "0".into(),
            a: "0".into(),
            ..AssetForm::default()
        }
    }

    pub fn has_personal(&self, code: &str) -> bool {
        self.personal.iter().any(|p| p == code)
    }

    /// The checked row, or every problem.
    pub fn parse(&self) -> Result<RiskAssetFields, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let catalog = builtin_catalog();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(
                FieldProblem::new("name", "情報資産の名称を入力してください。")
                    .en("Enter the name of the information asset."),
            );
        }
        let mut text = |field: &str, label: (&str, &str), v: &str, max: usize| {
            let v = v.trim();
            if v.chars().count() > max {
                problems.push(
                    FieldProblem::new(field, format!("{}は{max}文字以内にしてください。", label.0))
                        .en(format!("The {} can be at most {max} characters.", label.1)),
                );
            }
            (!v.is_empty()).then(|| v.to_owned())
        };
        let business_category = text(
            "business_category",
            ("業務分類", "business category"),
            &self.business_category,
            TEXT_MAX,
        );
        let note = text("note", ("備考", "note"), &self.note, NOTE_MAX);
        let users = text("users", ("利用者範囲", "users"), &self.users, TEXT_MAX);
        let owner_department = text(
            "owner_department",
            ("管理部署", "owning department"),
            &self.owner_department,
            TEXT_MAX,
        );
        let risk_owner = text(
            "risk_owner",
            ("リスク所有者", "risk owner"),
            &self.risk_owner,
            TEXT_MAX,
        );
        let retention = text(
            "retention",
            ("保存期限", "retention"),
            &self.retention,
            TEXT_MAX,
        );
        if name.chars().count() > NAME_MAX {
            problems.push(
                FieldProblem::new("name", format!("名称は{NAME_MAX}文字以内にしてください。"))
                    .en(format!("The name can be at most {NAME_MAX} characters.")),
            );
        }
        let medium = self.medium.trim();
        if catalog.medium(medium).is_none() {
            problems.push(
                FieldProblem::new("medium", "媒体・保存先を一覧から選んでください。")
                    .en("Choose the medium or storage place from the list."),
            );
        }
        let mut personal = Vec::new();
        for p in &self.personal {
            match PersonalKind::parse(p) {
                Some(k) => personal.push(k),
                None => problems.push(
                    FieldProblem::new("personal", "個人情報の種類が正しくありません。")
                        .en("The kind of personal information is not valid."),
                ),
            }
        }
        let mut rating = |field: &str, label: (&str, &str), v: &str| match v.trim() {
            "0" => 0,
            "1" => 1,
            "2" => 2,
            other => {
                problems.push(
                    FieldProblem::new(
                        field,
                        format!(
                            "{}は0・1・2のどれかにしてください（「{other}」は使えません）。",
                            label.0
                        ),
                    )
                    .en(format!("{} must be 0, 1 or 2 (not “{other}”).", label.1)),
                );
                0
            }
        };
        let c = rating("c", ("機密性", "Confidentiality"), &self.c);
        let i = rating("i", ("完全性", "Integrity"), &self.i);
        let a = rating("a", ("可用性", "Availability"), &self.a);
        let persons = match self.persons.trim() {
            "" => None,
            t => match crate::validate::whole_number(t) {
                Some(n) if n >= 0 => Some(n),
                _ => {
                    problems.push(
                        FieldProblem::new("persons", "人数は0以上の整数で入力してください。")
                            .en("Enter the number of persons as a whole number, 0 or more."),
                    );
                    None
                }
            },
        };
        let code = |field: &str, v: &str, known: &[String], problems: &mut Vec<FieldProblem>| {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            if known.iter().any(|k| k == v) {
                Some(v.to_owned())
            } else {
                problems.push(
                    FieldProblem::new(field, "一覧から選んでください。")
                        .en("Choose from the list."),
                );
                None
            }
        };
        let classifications: Vec<String> = catalog
            .classifications
            .iter()
            .map(|c| c.code.clone())
            .collect();
        let stages: Vec<String> = catalog.lifecycle.iter().map(|c| c.code.clone()).collect();
        let classification = code(
            "classification",
            &self.classification,
            &classifications,
            &mut problems,
        );
        let lifecycle = code("lifecycle", &self.lifecycle, &stages, &mut problems);
        let registered = match self.registered.trim() {
            "" => None,
            t => match crate::api::actions::calendar_date(t) {
                Some(d) => Some(d),
                None => {
                    problems.push(
                        FieldProblem::new(
                            "registered",
                            format!("登録日「{t}」は日付として読めません（例: 2026-04-01）。"),
                        )
                        .en(format!(
                            "The registration date “{t}” is not a date (e.g. 2026-04-01)."
                        )),
                    );
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(RiskAssetFields {
            business_category,
            name: name.to_owned(),
            note,
            users,
            owner_department,
            medium: medium.to_owned(),
            personal,
            persons,
            classification,
            risk_owner,
            c,
            i,
            a,
            retention,
            registered,
            lifecycle,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_complete_row_is_read_with_its_personal_flags() {
        let f = AssetForm::from_pairs(&pairs(&[
            ("name", "社員名簿"),
            ("medium", "office_pc"),
            ("personal", "personal"),
            ("personal", "my_number"),
            ("c", "2"),
            ("i", "0"),
            ("a", "1"),
            ("persons", "1,200"),
            ("registered", "2026/4/1"),
        ]));
        let row = f.parse().unwrap();
        assert_eq!(
            row.personal,
            [PersonalKind::Personal, PersonalKind::MyNumber]
        );
        assert_eq!((row.c, row.i, row.a), (2, 0, 1));
        assert_eq!(row.persons, Some(1200));
        assert_eq!(row.registered.as_deref(), Some("2026-04-01"));
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let f = AssetForm::from_pairs(&pairs(&[
            ("name", " "),
            ("medium", "floppy"),
            ("c", "3"),
            ("i", "high"),
            ("a", "0"),
            ("persons", "many"),
        ]));
        let fields: Vec<String> = f
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(fields, ["name", "medium", "c", "i", "persons"]);
    }
}
