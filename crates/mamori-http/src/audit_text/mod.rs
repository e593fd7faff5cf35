//! The audit log as sentences an office worker reads: one per entry, in the page's language,
//! naming what it touched (the asset, the member's e-mail, the support organisation) with words,
//! never field names or codes.
//!
//! The sentence comes from the entry's action and the detail stored with it. Names that can
//! change or disappear (an organisation renamed or deleted, a member removed) are stored in the
//! detail when the event happens (see the storage crate); entries written before that name what
//! they can and say less, never a raw key.

use mamori_domain::Lang;
use mamori_storage::{ActionSource, AuditEntry, OrgKind};
use serde_json::{Map, Value};

use crate::i18n::pick;
use words::*;

/// The entry as one sentence in `lang`.
pub fn sentence(e: &AuditEntry, lang: Lang) -> String {
    let d = &e.detail;
    let p = |ja: String, en: String| pick(lang, ja, en);
    let name = text(d, "name").unwrap_or("");
    let email = text(d, "email");
    if let Some(s) = programme::sentence(e.action.as_str(), d, lang) {
        return s;
    }
    match e.action.as_str() {
        "organisation.create" => {
            let kind = text(d, "kind").and_then(OrgKind::parse);
            let ja_kind = kind.map_or("組織", |k| mamori_app::labels::org_kind(k, Lang::Ja));
            let en_kind = kind.map_or("organisation", |k| match k {
                OrgKind::Company => "company",
                OrgKind::Support => "support organisation",
            });
            p(
                format!("{ja_kind}「{name}」を登録しました"),
                format!("Registered the {en_kind} “{name}”"),
            )
        }
        "organisation.rename" => match text(d, "from") {
            Some(from) => p(
                format!("組織名を「{from}」から「{name}」に変更しました"),
                format!("Renamed the organisation from “{from}” to “{name}”"),
            ),
            None => p(
                format!("組織名を「{name}」に変更しました"),
                format!("Renamed the organisation to “{name}”"),
            ),
        },
        "organisation.delete" => match text(d, "name") {
            Some(name) => p(
                format!("組織「{name}」を削除しました"),
                format!("Deleted the organisation “{name}”"),
            ),
            None => p(
                "組織を削除しました".into(),
                "Deleted the organisation".into(),
            ),
        },
        "member.add" => {
            let who = email.unwrap_or("?");
            match role(text(d, "role"), lang) {
                Some(r) => p(
                    format!("{who} をメンバーに加えました（役割: {r}）"),
                    format!("Added {who} as a member ({r})"),
                ),
                None => p(
                    format!("{who} をメンバーに加えました"),
                    format!("Added {who} as a member"),
                ),
            }
        }
        "member.role" => {
            let (from, to) = (role(text(d, "from"), lang), role(text(d, "to"), lang));
            let (from, to) = (from.unwrap_or("?"), to.unwrap_or("?"));
            match email {
                Some(who) => p(
                    format!("{who} の役割を「{from}」から「{to}」に変更しました"),
                    format!("Changed the role of {who} from {from} to {to}"),
                ),
                None => p(
                    format!("メンバーの役割を「{from}」から「{to}」に変更しました"),
                    format!("Changed a member's role from {from} to {to}"),
                ),
            }
        }
        "member.remove" => {
            let was = role(text(d, "role"), lang);
            match (email, was) {
                (Some(who), Some(r)) => p(
                    format!("{who}（{r}）をメンバーから外しました"),
                    format!("Removed {who} ({r}) from the members"),
                ),
                (Some(who), None) => p(
                    format!("{who} をメンバーから外しました"),
                    format!("Removed {who} from the members"),
                ),
                (None, Some(r)) => p(
                    format!("メンバー（{r}）を外しました"),
                    format!("Removed a member ({r})"),
                ),
                (None, None) => p("メンバーを外しました".into(), "Removed a member".into()),
            }
        }
        "profile.update" => {
            // Newer entries hold only what changed; older ones the whole profile.
            let (pairs, all) = match d.get("changed").and_then(Value::as_object) {
                Some(changed) => (changed.clone(), false),
                None => (d.as_object().cloned().unwrap_or_default(), true),
            };
            let pairs: Map<String, Value> = pairs
                .into_iter()
                .filter(|(_, v)| !(all && v.is_null()))
                .collect();
            if pairs.is_empty() {
                return p(
                    "企業情報を保存しました（変更なし）".into(),
                    "Saved the company details (nothing changed)".into(),
                );
            }
            let list = changes(
                &pairs,
                |k| profile_field(k, lang).to_owned(),
                |k, v| profile_value(k, v, lang),
                lang,
            );
            p(
                format!("企業情報を更新しました（{list}）"),
                format!("Updated the company details ({list})"),
            )
        }
        "profile.anonymous_sharing" => match d.get("share").and_then(Value::as_bool) {
            Some(true) => p(
                "診断結果を、同業・同規模の企業との比較に匿名で使うことを許可しました".into(),
                "Allowed anonymous use of the results in comparisons with similar companies".into(),
            ),
            _ => p(
                "診断結果を、同業・同規模の企業との比較に匿名で使うことをやめました".into(),
                "Stopped anonymous use of the results in comparisons with similar companies".into(),
            ),
        },
        // Sharing is written to both organisations' logs: the company's entry names the
        // support organisation, the support organisation's names the company.
        "consent.grant" => match (text(d, "support"), text(d, "company")) {
            (_, Some(company)) => p(
                format!("企業「{company}」が支援機関コードを登録し、共有を始めました"),
                format!("The company “{company}” registered the code and started sharing"),
            ),
            (who, None) => {
                let who = who.unwrap_or("?");
                p(
                    format!("支援機関「{who}」との共有を始めました"),
                    format!("Started sharing with the support organisation “{who}”"),
                )
            }
        },
        "consent.revoke" => match (text(d, "support"), text(d, "company")) {
            (_, Some(company)) => p(
                format!("企業「{company}」が共有を終了しました"),
                format!("The company “{company}” stopped sharing"),
            ),
            (Some(who), None) => p(
                format!("支援機関「{who}」との共有を終了しました"),
                format!("Stopped sharing with the support organisation “{who}”"),
            ),
            (None, None) => p(
                format!("支援機関（番号 {}）との共有を終了しました", e.object_id),
                format!(
                    "Stopped sharing with the support organisation number {}",
                    e.object_id
                ),
            ),
        },
        "consent.remove_company" => match (text(d, "support"), text(d, "company")) {
            (_, Some(company)) => p(
                format!("企業「{company}」との共有を解除しました"),
                format!("Stopped working with the company “{company}”"),
            ),
            (who, None) => {
                let who = who.unwrap_or("?");
                p(
                    format!("支援機関「{who}」が、この会社との共有を解除しました"),
                    format!("The support organisation “{who}” stopped working with this company"),
                )
            }
        },
        "support_code.regenerate" => p(
            "支援機関コードを作り直しました（前のコードは使えなくなりました）".into(),
            "Replaced the support organisation code (the old code no longer works)".into(),
        ),
        "assessment.submit" => {
            let title = catalog_title(text(d, "catalog"), lang);
            p(
                format!("「{title}」の診断を提出しました"),
                format!("Submitted the diagnosis “{title}”"),
            )
        }
        "assessment.notes" => {
            let title = catalog_title(text(d, "catalog"), lang);
            let items: Vec<&str> = d
                .get("items")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let items = items.join(", ");
            p(
                format!("「{title}」の傾向と対策・改善提案を書きました（{items}）"),
                format!("Wrote the observations and proposals of “{title}” ({items})"),
            )
        }
        "assessment.delete" => {
            let title = catalog_title(text(d, "catalog"), lang);
            match text(d, "status") {
                Some("submitted") => p(
                    format!("提出済みの「{title}」の診断を削除しました"),
                    format!("Deleted a submitted diagnosis “{title}”"),
                ),
                _ => p(
                    format!("「{title}」の診断の下書きを削除しました"),
                    format!("Deleted a draft of the diagnosis “{title}”"),
                ),
            }
        }
        "action.create" => {
            let title = text(d, "title").unwrap_or("");
            let from = match (
                text(d, "catalog"),
                d.get("item").filter(|v| !v.is_null()),
                text(d, "risk_asset_name"),
            ) {
                (Some(catalog), Some(item), _) => {
                    let item = item
                        .as_str()
                        .map_or_else(|| item.to_string(), str::to_owned);
                    let title = catalog_title(Some(catalog), lang);
                    p(
                        format!("（「{title}」の設問 {item} から）"),
                        format!(" (from question {item} of “{title}”)"),
                    )
                }
                (_, _, Some(asset)) => p(
                    format!("（情報資産「{asset}」のリスク対応から）"),
                    format!(" (from the risk treatment of “{asset}”)"),
                ),
                _ => match text(d, "source").and_then(ActionSource::parse) {
                    Some(s) => p(
                        format!("（{}）", mamori_app::labels::action_source(s, lang)),
                        format!(" ({})", mamori_app::labels::action_source(s, lang)),
                    ),
                    None => String::new(),
                },
            };
            p(
                format!("対策「{title}」を対策リストに追加しました{from}"),
                format!("Added “{title}” to the action list{from}"),
            )
        }
        "action.update" => {
            let title = text(d, "title").unwrap_or("");
            let mut rest = d.as_object().cloned().unwrap_or_default();
            rest.remove("title");
            if rest.is_empty() {
                return p(
                    format!("対策の内容を「{title}」に変更しました"),
                    format!("Renamed an action to “{title}”"),
                );
            }
            let list = changes(
                &rest,
                |k| action_field(k, lang).to_owned(),
                |k, v| action_value(k, v, lang),
                lang,
            );
            p(
                format!("対策「{title}」を変更しました（{list}）"),
                format!("Changed the action “{title}” ({list})"),
            )
        }
        "action.delete" => {
            let title = text(d, "title").unwrap_or("");
            p(
                format!("対策「{title}」を削除しました"),
                format!("Deleted the action “{title}”"),
            )
        }
        "csf.snapshot" => match text(d, "stage") {
            Some("evaluation") => p(
                "NIST CSF のプロファイルを「評価時」として記録しました".into(),
                "Recorded the NIST CSF profile as the one after the improvements".into(),
            ),
            _ => p(
                "NIST CSF のプロファイルを「計画時」として記録しました".into(),
                "Recorded the NIST CSF profile as the one at planning".into(),
            ),
        },
        "risk_asset.create" | "risk_asset.delete" => {
            let on = medium(text(d, "medium"), lang)
                .map(|m| p(format!("（{m}）"), format!(" ({m})")))
                .unwrap_or_default();
            let (ja, en) = match (e.action.as_str(), d.get("copy_of").is_some()) {
                ("risk_asset.delete", _) => ("削除しました", "Deleted"),
                (_, true) => ("複製して追加しました", "Added a copy:"),
                _ => ("追加しました", "Added"),
            };
            p(
                format!("情報資産「{name}」{on}を{ja}"),
                format!("{en} the information asset “{name}”{on}"),
            )
        }
        "risk_asset.update" => {
            let mut keys: Vec<&str> = d
                .get("fields")
                .and_then(Value::as_array)
                .map(|f| f.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            // In the order of the register's columns, not of the stored keys.
            keys.sort_by_key(|k| {
                mamori_storage::RISK_ASSET_FIELDS
                    .iter()
                    .position(|f| f == k)
                    .unwrap_or(usize::MAX)
            });
            let fields: Vec<&str> = keys.iter().map(|k| asset_field(k, lang)).collect();
            if fields.is_empty() {
                p(
                    format!("情報資産「{name}」を変更しました"),
                    format!("Changed the information asset “{name}”"),
                )
            } else {
                let list = fields.join(&p("、".into(), ", ".into()));
                p(
                    format!("情報資産「{name}」の{list}を変更しました"),
                    format!("Changed the {list} of the information asset “{name}”"),
                )
            }
        }
        "risk_asset.bulk_update" => {
            let count = number(d, "count").unwrap_or(0);
            let names: Vec<&str> = d
                .get("names")
                .and_then(Value::as_array)
                .map(|n| n.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            if names.is_empty() {
                p(
                    format!("情報資産 {count}件をまとめて変更しました"),
                    format!("Changed {count} information assets together"),
                )
            } else {
                let list = some_names(&names, lang);
                p(
                    format!("情報資産 {count}件をまとめて変更しました（{list}）"),
                    format!("Changed {count} information assets together ({list})"),
                )
            }
        }
        "risk_asset.import" => {
            let added = number(d, "added").unwrap_or(0);
            let removed = number(d, "removed").unwrap_or(0);
            if d.get("replace").and_then(Value::as_bool) == Some(true) {
                p(
                    format!(
                        "情報資産管理台帳を、取り込んだ {added}件で置き換えました（それまでの {removed}件は削除）"
                    ),
                    format!(
                        "Replaced the asset register with {added} imported assets ({removed} removed)"
                    ),
                )
            } else {
                p(
                    format!("情報資産 {added}件を取り込み、台帳に追加しました"),
                    format!("Imported {added} information assets into the register"),
                )
            }
        }
        "risk_treatment.set" => {
            let option = text(d, "option")
                .map(|o| option_label(o, lang))
                .unwrap_or("?");
            p(
                format!("情報資産「{name}」のリスク対応を「{option}」に決めました"),
                format!("Decided to {option} the risk of the information asset “{name}”"),
            )
        }
        "risk.threats" => {
            let n = number(d, "count").unwrap_or(0);
            p(
                format!("脅威の状況を更新しました（{n}件の評価）"),
                format!("Updated the threat ratings ({n} ratings)"),
            )
        }
        "risk.countermeasures" => {
            let n = number(d, "count").unwrap_or(0);
            p(
                format!("対策状況のチェックを更新しました（{n}項目）"),
                format!("Updated the countermeasure checklist ({n} answers)"),
            )
        }
        "risk.settings" => {
            let threshold = number(d, "acceptance_threshold");
            let per_person = number(d, "compensation_per_person");
            let mut parts = Vec::new();
            if let Some(t) = threshold {
                parts.push(p(
                    format!("受け入れてよいリスク値: {t}以下"),
                    format!("risk value that may be accepted: up to {t}"),
                ));
            }
            if let Some(y) = per_person {
                parts.push(p(
                    format!("1人あたりの損害賠償額: {}", yen(y, lang)),
                    format!("compensation per person: {}", yen(y, lang)),
                ));
            }
            let list = parts.join(&p("、".into(), ", ".into()));
            p(
                format!("リスク分析の設定を変更しました（{list}）"),
                format!("Changed the risk analysis settings ({list})"),
            )
        }
        "risk.snapshot" => {
            let title = text(d, "title").unwrap_or("");
            p(
                format!("その時点のリスク分析を「{title}」として記録しました"),
                format!("Closed and kept the risk analysis as “{title}”"),
            )
        }
        "user.sign_in" => p("ログインしました".into(), "Signed in".into()),
        "user.sign_out_everywhere" => p(
            "すべての端末からログアウトしました".into(),
            "Signed out on every device".into(),
        ),
        "user.setup_admin" => {
            let who = email.unwrap_or(&e.actor);
            p(
                format!("最初の管理者として {who} を登録しました"),
                format!("Registered {who} as the first administrator"),
            )
        }
        "user.create" => {
            let who = email.unwrap_or("?");
            if d.get("site_admin").and_then(Value::as_bool) == Some(true) {
                p(
                    format!("ユーザー {who} をサイト管理者として追加しました"),
                    format!("Added the user {who} as a site administrator"),
                )
            } else {
                p(
                    format!("ユーザー {who} を追加しました"),
                    format!("Added the user {who}"),
                )
            }
        }
        "user.password_link" => {
            let who = email.unwrap_or("?");
            p(
                format!("{who} のパスワード再設定用リンクを発行しました"),
                format!("Issued a password link for {who}"),
            )
        }
        "user.password_set" => p(
            "パスワード設定用のリンクからパスワードを設定しました".into(),
            "Set the password with a one-time link".into(),
        ),
        "user.password_change" => match number(d, "other_sessions_ended") {
            Some(n) if n > 0 => p(
                format!("パスワードを変更し、ほかの端末のログイン {n}件を終了しました"),
                format!("Changed the password and ended {n} sessions on other devices"),
            ),
            _ => p(
                "パスワードを変更しました".into(),
                "Changed the password".into(),
            ),
        },
        // An action this version does not know (written by a newer one): say what we can.
        other => p(
            format!("操作「{other}」を記録しました"),
            format!("Recorded the operation “{other}”"),
        ),
    }
}

mod programme;
#[cfg(test)]
mod tests;
mod words;
