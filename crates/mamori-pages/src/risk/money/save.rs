//! Saving the loss estimate's settings from its forms: the per-person compensation and the cost
//! lines, checked by the one settings parser the API uses.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use mamori_app::risk::settings::{self, CostLineFields, SettingsDraft, SettingsFields};
use mamori_http::tenancy::OrgAccess;
use mamori_http::{AppError, AppState, FieldProblem};

use super::{AleQuery, Typed, money_page};
use crate::{Need, PageContext, need, render_status};

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// The cost lines of the form (`label-N`, `amount-N`), in order, as typed.
fn typed_lines(pairs: &[(String, String)]) -> Vec<(String, String)> {
    let mut lines: std::collections::BTreeMap<usize, (String, String)> = Default::default();
    for (k, v) in pairs {
        if let Some(n) = k.strip_prefix("label-").and_then(|n| n.parse().ok()) {
            lines.entry(n).or_default().0 = v.clone();
        } else if let Some(n) = k.strip_prefix("amount-").and_then(|n| n.parse().ok()) {
            lines.entry(n).or_default().1 = v.clone();
        }
    }
    lines
        .into_values()
        .filter(|(l, a)| !l.trim().is_empty() || !a.trim().is_empty())
        .collect()
}

/// The settings parser's problems with cost lines at the form's inputs (`label-N`,
/// `amount-N`), each saying which line.
pub(super) fn at_lines(problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|p| {
            let Some(rest) = p.field.strip_prefix("incident_cost_template") else {
                return p;
            };
            let line = rest
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .and_then(|(n, leaf)| Some((n.parse::<usize>().ok()?, leaf)));
            let Some((n, leaf)) = line else {
                return FieldProblem {
                    field: "lines".to_owned(),
                    ..p
                };
            };
            let input = if leaf == ".label" { "label" } else { "amount" };
            let en = p.message_en.clone().unwrap_or_else(|| p.message.clone());
            FieldProblem::new(
                format!("{input}-{n}"),
                format!("{}行目: {}", n + 1, p.message),
            )
            .en(format!("Line {}: {en}", n + 1))
        })
        .collect()
}

/// Saves the per-person compensation (`form=compensation`), the cost lines (`form=template`), or
/// goes back to JNSA's example (`form=template_reset`). The other settings go back as stored,
/// and the one settings parser (`mamori_app::risk::settings`, the API's) checks the whole.
pub async fn save_money(
    State(state): State<AppState>,
    ctx: PageContext,
    access: OrgAccess,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    // A viewer is refused before anything typed is looked at, as the use case would.
    need(&access, Need::EditCompany)?;
    let org = access.scope().org().0;
    let store = state.store();
    let mut fields = SettingsFields::of(&settings::get(store, &access.access).await?);
    let (anchor, draft) = match field(&pairs, "form") {
        "compensation" => {
            let text = field(&pairs, "compensation_per_person");
            fields.compensation_per_person = Some(text.to_owned());
            let draft = SettingsDraft::parse(&fields).map_err(|problems| Typed {
                compensation: Some(text.to_owned()),
                problems,
                ..Typed::default()
            });
            ("leak", draft)
        }
        "template" => {
            let typed = typed_lines(&pairs);
            fields.incident_cost_template = Some(
                typed
                    .iter()
                    .map(|(label, amount)| CostLineFields {
                        label: Some(label.clone()),
                        amount_yen: Some(amount.clone()),
                    })
                    .collect(),
            );
            let draft = SettingsDraft::parse(&fields).map_err(|problems| Typed {
                problems: at_lines(problems),
                lines: Some(typed),
                ..Typed::default()
            });
            ("template", draft)
        }
        "template_reset" => {
            fields.incident_cost_template = None;
            (
                "template",
                SettingsDraft::parse(&fields).map_err(|problems| Typed {
                    problems,
                    ..Typed::default()
                }),
            )
        }
        _ => return Err(AppError::NotFound),
    };
    match draft {
        Ok(draft) => {
            settings::save(store, &access.access, &draft).await?;
            Ok(
                Redirect::to(&format!("/orgs/{org}/risk/money?notice=saved#{anchor}"))
                    .into_response(),
            )
        }
        Err(typed) => {
            let page = money_page(&state, ctx, &access, &AleQuery::default(), typed).await?;
            Ok(render_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
    }
}
