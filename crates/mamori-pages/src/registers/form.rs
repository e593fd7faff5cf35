//! The one form of a register entry, drawn from the register's field list (the same for all
//! five registers), with the information assets it may hold and, for a cloud service, the
//! checklist it was assessed with.

use mamori_app::operations::registers::{CHECKLIST_KEY, Checklist};
use mamori_domain::Lang;
use mamori_domain::operations::registers::{FieldKind, RegisterKind};
use mamori_http::FieldProblem;

use super::checklist_text;

/// One field of the form, drawn from the register's list.
pub struct FormField {
    pub key: &'static str,
    pub label: &'static str,
    /// `text`, `textarea`, `date` or `select`.
    pub input: &'static str,
    pub max: usize,
    pub required: bool,
    pub value: String,
    /// (value, label, selected) for a select.
    pub options: Vec<(String, String, bool)>,
    pub invalid: bool,
}

pub struct AssetChoice {
    pub id: i64,
    pub name: String,
    pub checked: bool,
}

/// The form of one entry: its fields, the assets it may hold, and for a cloud service the
/// checklist it was assessed with.
pub struct EntryForm {
    pub fields: Vec<FormField>,
    pub assets: Vec<AssetChoice>,
}

pub(super) fn entry_form(
    kind: RegisterKind,
    values: &std::collections::BTreeMap<String, String>,
    linked: &[i64],
    assets: &[mamori_storage::RiskAsset],
    checklists: &[Checklist],
    problems: &[FieldProblem],
    lang: Lang,
) -> EntryForm {
    let value = |k: &str| values.get(k).cloned().unwrap_or_default();
    let mut fields: Vec<FormField> = kind
        .fields()
        .iter()
        .map(|f| {
            let (input, max, options) = match f.kind {
                FieldKind::Text(max) => ("text", max, Vec::new()),
                FieldKind::LongText(max) => ("textarea", max, Vec::new()),
                FieldKind::Date => ("date", 10, Vec::new()),
                FieldKind::Choice(choices) => {
                    let current = value(f.key);
                    let none = match lang {
                        Lang::Ja => "（未選択）",
                        Lang::En => "(not chosen)",
                    };
                    let options =
                        std::iter::once((String::new(), none.to_owned(), current.is_empty()))
                            .chain(choices.iter().map(|c| {
                                (c.key.to_owned(), c.label(lang).to_owned(), current == c.key)
                            }))
                            .collect();
                    ("select", 0, options)
                }
            };
            FormField {
                key: f.key,
                label: f.label(lang),
                input,
                max,
                required: f.required,
                value: value(f.key),
                options,
                invalid: problems.iter().any(|p| p.field == f.key),
            }
        })
        .collect();
    if kind == RegisterKind::CloudServices {
        let current = value(CHECKLIST_KEY);
        let none = match lang {
            Lang::Ja => "（まだ回答していない）",
            Lang::En => "(not answered yet)",
        };
        let options = std::iter::once((String::new(), none.to_owned(), current.is_empty()))
            .chain(checklists.iter().map(|c| {
                let id = c.id.0.to_string();
                let selected = current == id;
                (id, checklist_text(Some(c), lang), selected)
            }))
            .collect();
        let position = fields.len().saturating_sub(1);
        fields.insert(
            position,
            FormField {
                key: CHECKLIST_KEY,
                label: match lang {
                    Lang::Ja => "クラウドサービス安全利用チェックリストの結果",
                    Lang::En => "Cloud-service checklist result",
                },
                input: "select",
                max: 0,
                required: false,
                value: current,
                options,
                invalid: problems.iter().any(|p| p.field == CHECKLIST_KEY),
            },
        );
    }
    EntryForm {
        fields,
        assets: assets
            .iter()
            .map(|a| AssetChoice {
                id: a.id.0,
                name: a.fields.name.clone(),
                checked: linked.contains(&a.id.0),
            })
            .collect(),
    }
}
