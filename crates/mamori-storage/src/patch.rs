//! The change of one optional field of a stored record.

/// What a change does to an optional field: leave it, empty it, or give it a value. A change
/// struct names each of its optional fields with this, so "left out" and "cleared" cannot be
/// mistaken for each other the way two `None`s of an `Option<Option<T>>` could.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Patch<T> {
    /// The field stays as it is (the change does not name it).
    #[default]
    Keep,
    /// The field becomes empty.
    Clear,
    /// The field takes this value.
    Set(T),
}

impl<T> Patch<T> {
    /// The field's value after the change, given its value before.
    pub fn applied_to(&self, current: &Option<T>) -> Option<T>
    where
        T: Clone,
    {
        match self {
            Patch::Keep => current.clone(),
            Patch::Clear => None,
            Patch::Set(v) => Some(v.clone()),
        }
    }
}

/// Setting a field to exactly this: `None` clears it (as replacing a whole record does).
impl<T> From<Option<T>> for Patch<T> {
    fn from(v: Option<T>) -> Patch<T> {
        match v {
            None => Patch::Clear,
            Some(v) => Patch::Set(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;

    #[test]
    fn keep_leaves_the_field_clear_empties_it_and_set_replaces_it() {
        let before = Some(3);
        assert_eq!(Patch::Keep.applied_to(&before), Some(3));
        assert_eq!(Patch::Clear.applied_to(&before), None);
        assert_eq!(Patch::Set(5).applied_to(&before), Some(5));
        assert_eq!(Patch::<i64>::default(), Patch::Keep);
    }

    #[test]
    fn a_whole_value_sets_or_clears_the_field() {
        assert_eq!(Patch::from(Some("a")), Patch::Set("a"));
        assert_eq!(Patch::<&str>::from(None), Patch::Clear);
    }
}
