//! The names people read for stored codes, in Japanese and English. The store keeps only the
//! codes; the words live here so that the pages, the API's messages and the parsers that accept
//! a name instead of a code all use the same ones.

use mamori_domain::Lang;
use mamori_domain::risk::{RiskCatalog, Treatment};
use mamori_storage::{ActionSource, ActionStatus, OrgKind, Role};

fn pick(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

pub fn role(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Admin => pick(lang, "管理者", "Administrator"),
        Role::Consultant => pick(lang, "専門家", "Consultant"),
        Role::Member => pick(lang, "メンバー", "Member"),
        Role::Viewer => pick(lang, "閲覧のみ", "Viewer"),
    }
}

pub fn org_kind(kind: OrgKind, lang: Lang) -> &'static str {
    match kind {
        OrgKind::Company => pick(lang, "企業", "Company"),
        OrgKind::Support => pick(lang, "支援機関", "Support organisation"),
    }
}

pub fn action_status(status: ActionStatus, lang: Lang) -> &'static str {
    match status {
        ActionStatus::Todo => pick(lang, "未着手", "To do"),
        ActionStatus::Doing => pick(lang, "対応中", "Doing"),
        ActionStatus::Done => pick(lang, "完了", "Done"),
        ActionStatus::Dropped => pick(lang, "見送り", "Dropped"),
    }
}

pub fn action_source(source: ActionSource, lang: Lang) -> &'static str {
    match source {
        ActionSource::Diagnosis => pick(lang, "診断", "Diagnosis"),
        ActionSource::Risk => pick(lang, "リスク分析", "Risk analysis"),
        ActionSource::Audit => pick(lang, "監査", "Audit"),
        ActionSource::Incident => pick(lang, "インシデント", "Incident"),
        ActionSource::Other => pick(lang, "その他", "Other"),
    }
}

/// A treatment option's short name, as the risk catalog words it.
pub fn treatment(option: Treatment, lang: Lang) -> &'static str {
    match option {
        Treatment::Avoid => pick(lang, "回避", "Avoid"),
        Treatment::Reduce => pick(lang, "低減", "Reduce"),
        Treatment::Transfer => pick(lang, "移転・転嫁", "Transfer"),
        Treatment::Accept => pick(lang, "受容", "Accept"),
    }
}

/// An employee band ("10-49") as people read it: "10〜49人", "10–49 employees".
pub fn employee_band(band: &str, lang: Lang) -> String {
    match (band, lang) {
        ("300+", Lang::Ja) => "300人以上".to_owned(),
        ("300+", Lang::En) => "300 or more employees".to_owned(),
        (b, Lang::Ja) => format!("{}人", b.replace('-', "〜")),
        (b, Lang::En) => format!("{} employees", b.replace('-', "–")),
    }
}

/// A medium's name from the risk catalog; an unknown code is shown as it is.
pub fn medium(catalog: &RiskCatalog, code: &str, lang: Lang) -> String {
    catalog
        .medium(code)
        .map_or_else(|| code.to_owned(), |m| m.name.get(lang).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_domain::risk::builtin_catalog;

    #[test]
    fn treatment_names_are_the_risk_catalogs() {
        for t in Treatment::ALL {
            let text = &builtin_catalog().treatment(t).unwrap().name;
            assert_eq!(treatment(t, Lang::Ja), text.ja);
            assert_eq!(treatment(t, Lang::En), text.en);
        }
    }

    #[test]
    fn every_code_has_a_name_in_both_languages() {
        for lang in [Lang::Ja, Lang::En] {
            assert!(Role::ALL.iter().all(|r| !role(*r, lang).is_empty()));
            assert!(OrgKind::ALL.iter().all(|k| !org_kind(*k, lang).is_empty()));
            assert!(
                ActionStatus::ALL
                    .iter()
                    .all(|s| !action_status(*s, lang).is_empty())
            );
            assert!(
                ActionSource::ALL
                    .iter()
                    .all(|s| !action_source(*s, lang).is_empty())
            );
        }
    }
}
