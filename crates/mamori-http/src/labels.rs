//! The names of stored values (an action's status, a role, an employee band, …) as people read
//! them, in either language. The pages and the audit log's sentences both use them, so they live
//! below both.

use mamori_domain::Lang;
use mamori_domain::risk::RiskCatalog;
use mamori_storage::{ActionSource, ActionStatus, OrgKind, Role};

use crate::i18n::tr;

/// The status as people read it.
pub fn status_label(s: ActionStatus, lang: Lang) -> &'static str {
    match s {
        ActionStatus::Todo => tr(lang, "未着手"),
        ActionStatus::Doing => tr(lang, "対応中"),
        ActionStatus::Done => tr(lang, "完了"),
        ActionStatus::Dropped => tr(lang, "見送り"),
    }
}

/// Where an action came from, as people read it.
pub fn source_label(s: ActionSource, lang: Lang) -> &'static str {
    match s {
        ActionSource::Diagnosis => tr(lang, "診断"),
        ActionSource::Risk => tr(lang, "リスク分析"),
        ActionSource::Audit => tr(lang, "監査"),
        ActionSource::Incident => tr(lang, "インシデント"),
        ActionSource::Other => tr(lang, "その他"),
    }
}

/// A role's name in `lang` (the storage crate knows only the Japanese).
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => role.label_ja(),
        Lang::En => match role {
            Role::Admin => "Administrator",
            Role::Consultant => "Consultant",
            Role::Member => "Member",
            Role::Viewer => "Viewer",
        },
    }
}

/// An organisation kind's name in `lang` (the storage crate knows only the Japanese).
pub fn kind_label(kind: OrgKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => kind.label_ja(),
        Lang::En => match kind {
            OrgKind::Company => "Company",
            OrgKind::Support => "Support organisation",
        },
    }
}

/// An employee band ("10-49") as people read it: "10〜49人", "10–49 employees".
pub fn employee_band_label(band: &str, lang: Lang) -> String {
    match (band, lang) {
        ("300+", Lang::Ja) => "300人以上".to_owned(),
        ("300+", Lang::En) => "300 or more employees".to_owned(),
        (b, Lang::Ja) => format!("{}人", b.replace('-', "〜")),
        (b, Lang::En) => format!("{} employees", b.replace('-', "–")),
    }
}

pub fn medium_label(catalog: &RiskCatalog, code: &str, lang: Lang) -> String {
    catalog
        .medium(code)
        .map_or_else(|| code.to_owned(), |m| m.name.get(lang).to_owned())
}
