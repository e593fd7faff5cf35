//! The audit log as sentences an office worker reads: one per entry, in the page's language,
//! naming what it touched (the asset, the member's e-mail, the support organisation) with words,
//! never field names or codes.
//!
//! The sentence comes from the entry's action and the detail stored with it. Names that can
//! change or disappear (an organisation renamed or deleted, a member removed) are stored in the
//! detail when the event happens (see the storage crate); entries written before that name what
//! they can and say less, never a raw key.

use mamori_domain::Lang;
use mamori_storage::{ActionSource, ActionStatus, AuditEntry, EmployeeBand, OrgKind, Role};
use serde_json::{Map, Value};

use crate::i18n::pick;
use crate::pages::{employee_band_label, role_label, source_label, status_label};
use mamori_app::fields as validate;

fn text<'a>(detail: &'a Value, key: &str) -> Option<&'a str> {
    detail
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn number(detail: &Value, key: &str) -> Option<i64> {
    detail.get(key).and_then(Value::as_i64)
}

/// Yen with thousands separators ("28,308円", "¥28,308").
fn yen(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let sign = if n < 0 { "-" } else { "" };
    match lang {
        Lang::Ja => format!("{sign}{out}円"),
        Lang::En => format!("{sign}¥{out}"),
    }
}

fn catalog_title(id: Option<&str>, lang: Lang) -> String {
    match id {
        Some(id) => mamori_domain::builtin()
            .get(id)
            .map_or_else(|| id.to_owned(), |c| c.title.get(lang).to_owned()),
        None => pick(lang, "診断".into(), "a diagnosis".into()),
    }
}

fn medium(code: Option<&str>, lang: Lang) -> Option<String> {
    code.map(|c| crate::pages::medium_label(mamori_domain::risk::builtin_catalog(), c, lang))
}

fn role(code: Option<&str>, lang: Lang) -> Option<&'static str> {
    code.and_then(Role::parse).map(|r| role_label(r, lang))
}

fn option_label(code: &str, lang: Lang) -> &str {
    let (ja, en) = match code {
        "avoid" => ("回避", "avoid"),
        "reduce" => ("低減", "reduce"),
        "transfer" => ("移転・転嫁", "transfer"),
        "accept" => ("受容", "accept"),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// A register field as the register's form labels it.
fn asset_field(key: &str, lang: Lang) -> &str {
    let (ja, en) = match key {
        "business_category" => ("業務分類", "business category"),
        "name" => ("名称", "name"),
        "note" => ("備考", "note"),
        "users" => ("利用者範囲", "users"),
        "owner_department" => ("管理部署", "department in charge"),
        "medium" => ("媒体・保存先", "medium"),
        "personal" => ("個人情報の種類", "kinds of personal information"),
        "persons" => ("人数", "number of persons"),
        "classification" => ("情報管理区分", "classification"),
        "risk_owner" => ("リスク所有者", "risk owner"),
        "c" => ("機密性", "confidentiality"),
        "i" => ("完全性", "integrity"),
        "a" => ("可用性", "availability"),
        "retention" => ("保存期限", "retention"),
        "registered" => ("登録日", "registration date"),
        "lifecycle" => ("ライフサイクル", "lifecycle stage"),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// "社員名簿、請求書 ほか2件" / "Staff list, Invoices and 2 more".
fn some_names(names: &[&str], lang: Lang) -> String {
    const SHOWN: usize = 5;
    let shown = names[..names.len().min(SHOWN)].join(pick(lang, "、".into(), ", ".into()).as_str());
    let more = names.len().saturating_sub(SHOWN);
    match (more, lang) {
        (0, _) => shown,
        (n, Lang::Ja) => format!("{shown} ほか{n}件"),
        (n, Lang::En) => format!("{shown} and {n} more"),
    }
}

/// One company-profile value as the profile form shows it.
fn profile_value(key: &str, v: &Value, lang: Lang) -> String {
    let empty = || pick(lang, "（空欄）".into(), "(empty)".into());
    match (key, v) {
        (_, Value::Null) => empty(),
        ("industry", Value::String(s)) => s
            .chars()
            .next()
            .and_then(|c| validate::industry_label(c, lang))
            .unwrap_or(s)
            .to_owned(),
        ("employee_band", Value::String(s)) if EmployeeBand::parse(s).is_some() => {
            employee_band_label(s, lang)
        }
        ("prefecture", Value::String(s)) => validate::prefecture_label(s, lang).to_owned(),
        ("capital_yen", Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), |n| yen(n, lang))
        }
        ("employees", Value::Number(n)) => pick(lang, format!("{n}人"), format!("{n}")),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

fn profile_field(key: &str, lang: Lang) -> &str {
    let (ja, en) = match key {
        "industry" => ("業種", "industry"),
        "employee_band" => ("従業員規模", "size"),
        "employees" => ("従業員数", "employees"),
        "prefecture" => ("都道府県", "prefecture"),
        "city" => ("市区町村", "city"),
        "capital_yen" => ("資本金", "capital"),
        "parent_company" => ("親会社・グループ", "parent company or group"),
        "supply_chain" => (
            "主な取引先・サプライチェーン",
            "main customers and supply chain",
        ),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// "業種: 製造業、資本金: 1,000万円" from `key → value` pairs.
fn changes(
    pairs: &Map<String, Value>,
    label: impl Fn(&str) -> String,
    value: impl Fn(&str, &Value) -> String,
    lang: Lang,
) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", label(k), value(k, v)))
        .collect::<Vec<_>>()
        .join(&pick(lang, "、".into(), ", ".into()))
}

fn action_value(key: &str, v: &Value, lang: Lang) -> String {
    let empty = || pick(lang, "（空欄）".into(), "(empty)".into());
    match (key, v) {
        (_, Value::Null) => empty(),
        ("status", Value::String(s)) => {
            ActionStatus::parse(s).map_or_else(|| s.clone(), |s| status_label(s, lang).to_owned())
        }
        ("cost_yen", Value::Number(n)) => {
            n.as_i64().map_or_else(|| n.to_string(), |n| yen(n, lang))
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}

fn action_field(key: &str, lang: Lang) -> &str {
    let (ja, en) = match key {
        "title" => ("内容", "title"),
        "priority" => ("優先度", "priority"),
        "owner" => ("担当者", "owner"),
        "due_date" => ("期限", "due date"),
        "status" => ("状態", "status"),
        "cost_yen" => ("費用の見込み", "estimated cost"),
        "note" => ("メモ", "note"),
        other => (other, other),
    };
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The entry as one sentence in `lang`.
pub fn sentence(e: &AuditEntry, lang: Lang) -> String {
    let d = &e.detail;
    let p = |ja: String, en: String| pick(lang, ja, en);
    let name = text(d, "name").unwrap_or("");
    let email = text(d, "email");
    match e.action.as_str() {
        "organisation.create" => {
            let kind = text(d, "kind").and_then(OrgKind::parse);
            let ja_kind = kind.map_or("組織", |k| k.label_ja());
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
                        format!("（{}）", source_label(s, lang)),
                        format!(" ({})", source_label(s, lang)),
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

#[cfg(test)]
mod tests;
