//! Which file column holds which register field. [`guess_mapping`] reads the headings; the
//! import preview shows the result and lets the user change it before anything is parsed again.

use crate::layout::Field;
use crate::read::Table;
use std::collections::BTreeMap;

/// Field → 0-based column index. A column holds at most one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    columns: BTreeMap<Field, usize>,
}

impl ColumnMapping {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).copied()
    }

    /// Maps `field` to `column`, or unmaps it with `None`. A field that had that column
    /// before loses it, so a user's choice in the preview wins over the guess.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        match column {
            Some(c) => {
                self.columns.retain(|_, v| *v != c);
                self.columns.insert(field, c);
            }
            None => {
                self.columns.remove(&field);
            }
        }
    }

    /// The field a column is mapped to.
    pub fn field_of(&self, column: usize) -> Option<Field> {
        self.columns
            .iter()
            .find(|(_, c)| **c == column)
            .map(|(f, _)| *f)
    }

    /// Mapped fields in the sheet's order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, usize)> + '_ {
        self.columns.iter().map(|(f, c)| (*f, *c))
    }

    /// Required fields with no column ([`Field::REQUIRED`]).
    pub fn missing_required(&self) -> Vec<Field> {
        Field::REQUIRED
            .into_iter()
            .filter(|f| !self.columns.contains_key(f))
            .collect()
    }
}

/// Maps each column whose heading names a field (Japanese or English, IPA's wording or common
/// variants, full- or half-width, brackets and notes ignored). The leftmost column wins when two
/// name the same field; computed columns (重要度, リスク値 …) stay unmapped.
pub fn guess_mapping(table: &Table) -> ColumnMapping {
    let mut mapping = ColumnMapping::new();
    for (column, heading) in table.headings.iter().enumerate() {
        if let Some(field) = Field::for_heading(heading)
            && mapping.get(field).is_none()
        {
            mapping.columns.insert(field, column);
        }
    }
    mapping
}
