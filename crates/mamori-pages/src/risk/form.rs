//! The asset form (one row of the register) as typed, and its checks. Every problem names its
//! field in Japanese and English; a rejected form comes back as the user left it.

use mamori_app::assets::{AssetDraft, AssetInput};
use mamori_storage::RiskAsset;
use serde::Deserialize;

use mamori_http::FieldProblem;

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

    /// The form as the one asset parser reads it (every field given, so a left-out field is
    /// empty).
    pub fn input(&self) -> AssetInput {
        let t = |v: &str| Some(v.to_owned());
        AssetInput {
            business_category: t(&self.business_category),
            name: t(&self.name),
            note: t(&self.note),
            users: t(&self.users),
            owner_department: t(&self.owner_department),
            medium: t(&self.medium),
            personal: Some(self.personal.clone()),
            persons: t(&self.persons),
            classification: t(&self.classification),
            risk_owner: t(&self.risk_owner),
            c: t(&self.c),
            i: t(&self.i),
            a: t(&self.a),
            retention: t(&self.retention),
            registered: t(&self.registered),
            lifecycle: t(&self.lifecycle),
        }
    }

    /// The checked row, or every problem (the same checks and messages as the API and imports).
    pub fn parse(&self) -> Result<AssetDraft, Vec<FieldProblem>> {
        AssetDraft::parse(&self.input())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_domain::risk::PersonalData;

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
        let row = f.parse().unwrap().into_fields();
        assert_eq!(
            row.personal,
            [PersonalData::Personal, PersonalData::MyNumber]
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
        assert_eq!(fields, ["name", "medium", "persons", "c", "i"]);
    }
}
