//! Dates as people write them: 2026年12月7日 in Japanese, 7 December 2026 in English. The
//! wording is the domain's (`journey::date_ja`/`date_en`), so the home page and the reports agree.

use mamori_domain::Lang;
use mamori_domain::journey::{date_en, date_ja};
use time::Date;

/// The date in full, the way a letter or a form in the reader's language writes it.
pub fn long_date(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => date_ja(date),
        Lang::En => date_en(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_japanese_date_has_year_month_and_day_without_leading_zeros() {
        assert_eq!(long_date(date!(2026 - 12 - 07), Lang::Ja), "2026年12月7日");
        assert_eq!(long_date(date!(2027 - 01 - 31), Lang::Ja), "2027年1月31日");
    }

    #[test]
    fn an_english_date_puts_the_day_first_and_names_the_month() {
        assert_eq!(
            long_date(date!(2026 - 12 - 07), Lang::En),
            "7 December 2026"
        );
        assert_eq!(
            long_date(date!(2027 - 01 - 31), Lang::En),
            "31 January 2027"
        );
    }
}
