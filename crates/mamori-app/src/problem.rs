//! One problem with one field of what a person gave, worded for them.

use mamori_domain::{InputProblem, Lang};

/// One problem with one field of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field, as a path into the input (`name`, `answers.3`, `rows[2].name`).
    pub field: String,
    /// What is wrong, in Japanese.
    pub message: String,
    /// The same in English, for English pages (the API speaks Japanese). Messages made without
    /// it are looked up in the web layer's word table.
    pub message_en: Option<String>,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            message: message.into(),
            message_en: None,
        }
    }

    /// The English of the message.
    pub fn en(mut self, message: impl Into<String>) -> FieldProblem {
        self.message_en = Some(message.into());
        self
    }

    pub fn from_domain(p: &InputProblem) -> FieldProblem {
        FieldProblem::new(p.path.clone(), p.message(Lang::Ja)).en(p.message(Lang::En))
    }

    /// The same problem at a place inside a larger input (`rows[3].` + `name`).
    pub fn at(mut self, prefix: &str) -> FieldProblem {
        self.field.insert_str(0, prefix);
        self
    }

    /// The field's own name, without the place in a list (`rows[3].name` → `name`).
    pub fn leaf(&self) -> &str {
        self.field.rsplit('.').next().unwrap_or(&self.field)
    }
}
