//! Sentences for the running security programme's records: roles, contacts, education and
//! inspections, registers, the annual plan, calendar addresses and incidents.

use mamori_domain::Lang;
use serde_json::Value;

use super::words::*;
use crate::i18n::pick;

/// Which register an entry of `register.*` is about, as a sentence names it.
fn register_title(d: &Value, lang: Lang) -> String {
    use mamori_domain::operations::registers::RegisterKind;
    let kind = text(d, "register").and_then(RegisterKind::parse);
    match (kind, lang) {
        (Some(k), Lang::Ja) => k.title(Lang::Ja).to_owned(),
        (Some(k), Lang::En) => {
            let t = k.title(Lang::En);
            t.get(..1).map_or(String::new(), str::to_lowercase) + t.get(1..).unwrap_or("")
        }
        (None, Lang::Ja) => "台帳".to_owned(),
        (None, Lang::En) => "register".to_owned(),
    }
}

/// The sentence of a programme entry, or `None` for an action of another part.
pub(super) fn sentence(action: &str, d: &Value, lang: Lang) -> Option<String> {
    let p = |ja: String, en: String| pick(lang, ja, en);
    let name = text(d, "name").unwrap_or("");
    Some(match action {
        "security_roles.update" => {
            let n = d.get("roles").and_then(Value::as_array).map_or(0, Vec::len);
            p(
                format!("情報セキュリティの体制（役割と担当者、{n}件）を更新しました"),
                format!("Updated the security structure ({n} roles held)"),
            )
        }
        "disclosure_plan.update" => p(
            "公表・報告の計画を更新しました".into(),
            "Updated the disclosure plan".into(),
        ),
        "activity.create" => {
            let title = text(d, "title").unwrap_or("");
            let n = number(d, "actions").unwrap_or(0);
            match text(d, "kind") {
                Some("education") => p(
                    format!("教育「{title}」を記録しました"),
                    format!("Recorded the education session “{title}”"),
                ),
                _ => p(
                    format!("点検・監査「{title}」を記録し、指摘{n}件を対策リストに加えました"),
                    format!(
                        "Recorded the inspection “{title}” and added {n} findings to the action list"
                    ),
                ),
            }
        }
        "register.create" | "register.update" | "register.delete" => {
            let register = register_title(d, lang);
            let (ja, en) = match action {
                "register.create" => ("登録しました", "Added"),
                "register.update" => ("変更しました", "Changed"),
                _ => ("削除しました", "Removed"),
            };
            p(
                format!("{register}の「{name}」を{ja}"),
                format!("{en} “{name}” in the {register}"),
            )
        }
        "register.import" => {
            let register = register_title(d, lang);
            let n = number(d, "added").unwrap_or(0);
            match d.get("replace").and_then(Value::as_bool) {
                Some(true) => p(
                    format!("{register}をファイルの{n}件で置き換えました"),
                    format!("Replaced the {register} with {n} rows from a file"),
                ),
                _ => p(
                    format!("{register}にファイルから{n}件を取り込みました"),
                    format!("Imported {n} rows into the {register}"),
                ),
            }
        }
        "register.alert_days" => {
            let n = number(d, "days").unwrap_or(0);
            p(
                format!("台帳の期限のお知らせを{n}日前からに変更しました"),
                format!("Register alerts now start {n} days ahead"),
            )
        }
        "education_targets.update" => {
            let year = number(d, "year").unwrap_or(0);
            p(
                format!("{year}年度の教育の目標を更新しました"),
                format!("Updated the education targets for fiscal {year}"),
            )
        }
        "annual_plan.update" => {
            let year = number(d, "year").unwrap_or(0);
            p(
                format!("{year}年度の年間計画を更新しました"),
                format!("Updated the annual plan for fiscal {year}"),
            )
        }
        "calendar.create" => p(
            "カレンダー用の期限のURLを新しく作りました（前のURLは使えません）".into(),
            "Made a new calendar address for due dates (the old one no longer works)".into(),
        ),
        "calendar.delete" => p(
            "カレンダー用の期限のURLを削除しました".into(),
            "Deleted the calendar address for due dates".into(),
        ),
        "contact.create" => p(
            format!("連絡先「{name}」を登録しました"),
            format!("Added “{name}” to the contacts"),
        ),
        "contact.delete" => p(
            format!("連絡先「{name}」を削除しました"),
            format!("Removed “{name}” from the contacts"),
        ),
        "incident.create" => {
            let title = text(d, "title").unwrap_or("");
            p(
                format!("インシデント「{title}」を記録しました"),
                format!("Recorded the incident “{title}”"),
            )
        }
        "incident.update" => {
            let title = text(d, "title").unwrap_or("");
            p(
                format!("インシデント「{title}」の内容を変更しました"),
                format!("Changed the incident “{title}”"),
            )
        }
        "incident.entry" => {
            let title = text(d, "title").unwrap_or("");
            p(
                format!("インシデント「{title}」の経過を記録しました"),
                format!("Added to the timeline of the incident “{title}”"),
            )
        }
        "incident.close" => {
            let title = text(d, "title").unwrap_or("");
            let n = number(d, "actions").unwrap_or(0);
            p(
                format!(
                    "インシデント「{title}」を終了し、再発防止の対策を{n}件、対策リストに加えました"
                ),
                format!(
                    "Closed the incident “{title}” and added {n} prevention actions to the action list"
                ),
            )
        }
        "incident_handlers.set" => {
            let n = number(d, "count").unwrap_or(0);
            p(
                format!("インシデントを担当するメンバーを{n}人に設定しました"),
                format!("Set the incident handlers ({n} members)"),
            )
        }
        _ => return None,
    })
}
