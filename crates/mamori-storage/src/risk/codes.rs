//! How the domain's risk enums are spelt in the database. Written out here rather than taken
//! from the domain's `as_str`, so that renaming a code in the domain cannot change what stored
//! rows mean; a test keeps the two spellings equal, since the API shows the domain's.

use mamori_domain::risk::{PersonalData, Treatment};

pub(crate) fn personal_code(kind: PersonalData) -> &'static str {
    match kind {
        PersonalData::Personal => "personal",
        PersonalData::Sensitive => "sensitive",
        PersonalData::MyNumber => "my_number",
    }
}

pub(crate) fn personal_from_code(code: &str) -> Option<PersonalData> {
    PersonalData::ALL
        .into_iter()
        .find(|k| personal_code(*k) == code)
}

pub(crate) fn treatment_code(option: Treatment) -> &'static str {
    match option {
        Treatment::Avoid => "avoid",
        Treatment::Reduce => "reduce",
        Treatment::Transfer => "transfer",
        Treatment::Accept => "accept",
    }
}

pub(crate) fn treatment_from_code(code: &str) -> Option<Treatment> {
    Treatment::ALL
        .into_iter()
        .find(|t| treatment_code(*t) == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_codes_are_the_codes_the_api_shows_and_read_back_to_the_same_value() {
        for k in PersonalData::ALL {
            assert_eq!(personal_code(k), k.as_str());
            assert_eq!(personal_from_code(personal_code(k)), Some(k));
        }
        for t in Treatment::ALL {
            assert_eq!(treatment_code(t), t.as_str());
            assert_eq!(treatment_from_code(treatment_code(t)), Some(t));
        }
        assert_eq!(personal_from_code("Personal"), None);
        assert_eq!(treatment_from_code(""), None);
    }
}
