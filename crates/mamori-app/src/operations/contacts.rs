//! The contact list for incidents (operations.md §2): one parser for the page and the API, and
//! the one-page emergency contact sheet to print, made from the roles, the contacts and the
//! public desks through the report pipeline.

use mamori_domain::Lang;
use mamori_domain::operations::contacts::{AUDIENCES, AUTHORITIES};
use mamori_domain::operations::roles::{ROLES, Time};
use mamori_reports::{Block, Report, Table};
use mamori_storage::{Access, Contact, ContactFields, ContactId, DisclosureLine, Store};

use crate::fields::{Check, email as check_email};
use crate::guard::{Need, require};
use crate::reports::{Download, Request, write};
use crate::{Error, FieldProblem};

/// A contact as typed.
#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub kind: String,
    pub name: String,
    pub organisation: String,
    pub purpose: String,
    pub phone: String,
    pub email: String,
    pub alternative: String,
}

/// A contact that passed every check. Only [`ContactDraft::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactDraft(ContactFields);

impl ContactDraft {
    pub fn parse(input: &ContactInput) -> Result<ContactDraft, Vec<FieldProblem>> {
        let mut c = Check::new();
        let kind = match input.kind.trim() {
            k @ ("internal" | "external") => Some(k.to_owned()),
            _ => {
                c.problem(
                    "kind",
                    "社内か社外かを選んでください。",
                    "Choose inside or outside the company.",
                );
                None
            }
        };
        let name = c.required_text("name", ("名前", "name"), &input.name, 100);
        let organisation = c.text(
            "organisation",
            ("部署・会社", "department or company"),
            &input.organisation,
            100,
            false,
        );
        let purpose = c.text("purpose", ("用件", "purpose"), &input.purpose, 200, false);
        let phone = c.text("phone", ("電話", "phone"), &input.phone, 50, false);
        let alternative = c.text(
            "alternative",
            (
                "メールが使えないときの連絡手段",
                "way to reach them without e-mail",
            ),
            &input.alternative,
            200,
            false,
        );
        let mut problems = Vec::new();
        let email = if input.email.trim().is_empty() {
            None
        } else {
            check_email("email", &input.email, &mut problems)
        };
        if phone.clone().given().is_none()
            && email.is_none()
            && alternative.clone().given().is_none()
            && problems.is_empty()
        {
            c.problem(
                "phone",
                "電話・メール・そのほかの連絡手段のどれか1つは入力してください。",
                "Give at least one way to reach them: phone, e-mail or another.",
            );
        }
        c.extend(problems);
        match (kind, name) {
            (Some(kind), Some(name)) if c.is_clean() => Ok(ContactDraft(ContactFields {
                kind,
                name,
                organisation: organisation.given(),
                purpose: purpose.given(),
                phone: phone.given(),
                email,
                alternative: alternative.given(),
            })),
            _ => Err(c.into_problems()),
        }
    }
}

pub async fn list(store: &Store, access: &Access) -> Result<Vec<Contact>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.contacts(scope).await?)
}

pub async fn add(store: &Store, access: &Access, draft: &ContactDraft) -> Result<Contact, Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.add_contact(scope, &draft.0).await?)
}

pub async fn remove(store: &Store, access: &Access, id: ContactId) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.remove_contact(scope, id).await?)
}

/// One audience's plan as typed.
#[derive(Debug, Clone, Default)]
pub struct DisclosureFields {
    pub audience: String,
    pub who: String,
    pub timing: String,
    pub method: String,
}

/// A disclosure plan that passed every check. Only [`DisclosurePlan::parse`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisclosurePlan(Vec<DisclosureLine>);

impl DisclosurePlan {
    /// Checks every line (problems at `lines[n].who`); a line with nothing in it is left out.
    pub fn parse(input: &[DisclosureFields]) -> Result<DisclosurePlan, Vec<FieldProblem>> {
        let mut c = Check::new();
        let mut out: Vec<DisclosureLine> = Vec::new();
        for (n, f) in input.iter().enumerate() {
            c.at(format!("lines[{n}]."));
            let Some(a) = AUDIENCES.iter().find(|a| a.code == f.audience.trim()) else {
                let codes: Vec<&str> = AUDIENCES.iter().map(|a| a.code).collect();
                c.problem(
                    "audience",
                    format!("公表・報告の相手は次のいずれかです: {}", codes.join(", ")),
                    format!("The audience is one of: {}", codes.join(", ")),
                );
                continue;
            };
            if out.iter().any(|l| l.audience == a.code) {
                c.problem(
                    "audience",
                    format!("{}が2回あります。", a.name_ja),
                    format!("{} is given twice.", a.name_en),
                );
                continue;
            }
            let label = |ja: &str, en: &str| {
                (
                    format!("{}への{ja}", a.name_ja),
                    format!("{en} for {}", a.name_en),
                )
            };
            let (w, w_en) = label("報告者", "who reports");
            let (t, t_en) = label("時期", "when");
            let (m, m_en) = label("方法", "how");
            let who = c.text("who", (&w, &w_en), &f.who, 100, false).given();
            let timing = c.text("timing", (&t, &t_en), &f.timing, 200, false).given();
            let method = c.text("method", (&m, &m_en), &f.method, 200, false).given();
            if who.is_some() || timing.is_some() || method.is_some() {
                out.push(DisclosureLine {
                    audience: a.code.to_owned(),
                    who,
                    timing,
                    method,
                });
            }
        }
        c.at("");
        c.finish(Some(DisclosurePlan(out)))
    }
}

pub async fn disclosure_plan(store: &Store, access: &Access) -> Result<Vec<DisclosureLine>, Error> {
    let scope = require(access, Need::ReadCompany)?;
    Ok(store.disclosure_plan(scope).await?)
}

pub async fn save_disclosure_plan(
    store: &Store,
    access: &Access,
    plan: &DisclosurePlan,
) -> Result<(), Error> {
    let scope = require(access, Need::EditCompany)?;
    Ok(store.set_disclosure_plan(scope, &plan.0).await?)
}

fn dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".to_owned())
}

/// The emergency contact sheet: the emergency roles and the other roles held, the contacts inside
/// and outside, and the public desks, on as few pages as they take (one for most companies).
pub async fn sheet(store: &Store, access: &Access, request: &Request) -> Result<Download, Error> {
    let scope = require(access, Need::ReadCompany)?;
    let (roles, contacts, plan) = tokio::try_join!(
        store.security_roles(scope),
        store.contacts(scope),
        store.disclosure_plan(scope)
    )?;
    let lang = request.lang;
    let t = |ja: &str, en: &str| match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => en.to_owned(),
    };
    let mut blocks = vec![Block::Paragraph(t(
        "事故に気づいたら、すぐに上から順に連絡してください。メールが使えないときは「ほかの手段」で連絡します。",
        "On noticing an incident, contact the people below at once, from the top. When e-mail is down, use the other way given.",
    ))];
    // Emergency roles first: they are who is called.
    let mut ordered: Vec<_> = ROLES.iter().filter(|r| r.time == Time::Emergency).collect();
    ordered.extend(ROLES.iter().filter(|r| r.time == Time::Normal));
    let role_rows: Vec<Vec<String>> = ordered
        .iter()
        .filter_map(|r| {
            let held = roles.roles.iter().find(|h| h.role == r.code)?;
            Some(vec![
                match lang {
                    Lang::Ja => r.name_ja.to_owned(),
                    Lang::En => r.name_en.to_owned(),
                },
                held.holder.clone(),
                dash(&held.deputy),
                dash(&held.contact),
            ])
        })
        .collect();
    blocks.push(Block::Heading {
        level: 1,
        text: t("社内の体制", "Roles"),
    });
    if role_rows.is_empty() {
        blocks.push(Block::Paragraph(t(
            "役割の担当者がまだ決まっていません（「体制」の画面で決めます）。",
            "No roles are assigned yet (assign them on the Structure page).",
        )));
    } else {
        blocks.push(Block::Table(Table {
            name: "roles".into(),
            header: vec![
                t("役割", "Role"),
                t("担当者", "Person"),
                t("代理", "Deputy"),
                t("連絡先", "Contact"),
            ],
            rows: role_rows,
            widths: vec![3, 2, 2, 3],
        }));
    }
    for (kind, heading, table) in [
        (
            "internal",
            t("社内の連絡先", "Inside the company"),
            "internal",
        ),
        (
            "external",
            t("社外の連絡先", "Outside the company"),
            "external",
        ),
    ] {
        let rows: Vec<Vec<String>> = contacts
            .iter()
            .filter(|c| c.fields.kind == kind)
            .map(|c| {
                let f = &c.fields;
                vec![
                    f.name.clone(),
                    dash(&f.organisation),
                    dash(&f.purpose),
                    dash(&f.phone),
                    dash(&f.email),
                    dash(&f.alternative),
                ]
            })
            .collect();
        blocks.push(Block::Heading {
            level: 1,
            text: heading,
        });
        if rows.is_empty() {
            blocks.push(Block::Paragraph(t("まだ登録がありません。", "None yet.")));
            continue;
        }
        blocks.push(Block::Table(Table {
            name: table.into(),
            header: vec![
                t("名前", "Name"),
                t("部署・会社", "Department or company"),
                t("用件", "Purpose"),
                t("電話", "Phone"),
                t("メール", "E-mail"),
                t("ほかの手段", "Other way"),
            ],
            rows,
            widths: vec![2, 2, 2, 2, 3, 2],
        }));
    }
    if !plan.is_empty() {
        blocks.push(Block::Heading {
            level: 1,
            text: t("公表・報告の計画", "Disclosure plan"),
        });
        blocks.push(Block::Table(Table {
            name: "disclosure".into(),
            header: vec![
                t("相手", "Audience"),
                t("報告者", "Who reports"),
                t("時期", "When"),
                t("方法", "How"),
            ],
            rows: AUDIENCES
                .iter()
                .filter_map(|a| {
                    let l = plan.iter().find(|l| l.audience == a.code)?;
                    Some(vec![
                        match lang {
                            Lang::Ja => a.name_ja.to_owned(),
                            Lang::En => a.name_en.to_owned(),
                        },
                        dash(&l.who),
                        dash(&l.timing),
                        dash(&l.method),
                    ])
                })
                .collect(),
            widths: vec![3, 2, 3, 3],
        }));
    }
    blocks.push(Block::Heading {
        level: 1,
        text: t("公的な相談・届出の窓口", "Public help desks"),
    });
    blocks.push(Block::Table(Table {
        name: "desks".into(),
        header: vec![
            t("窓口", "Desk"),
            t("こんなとき", "When"),
            t("電話・URL", "Phone, URL"),
        ],
        rows: AUTHORITIES
            .iter()
            .map(|d| {
                vec![
                    match lang {
                        Lang::Ja => d.name_ja.to_owned(),
                        Lang::En => d.name_en.to_owned(),
                    },
                    match lang {
                        Lang::Ja => d.when_ja.to_owned(),
                        Lang::En => d.when_en.to_owned(),
                    },
                    match d.phone {
                        Some(p) => format!("{p} {}", d.url),
                        None => d.url.to_owned(),
                    },
                ]
            })
            .collect(),
        widths: vec![3, 4, 3],
    }));
    let report = Report {
        lang,
        title: t("緊急連絡先", "Emergency contacts"),
        subtitle: None,
        company: access.org.name.clone(),
        date: request.date,
        blocks,
    };
    let stem = match lang {
        Lang::Ja => "kinkyu-renrakusaki",
        Lang::En => "emergency-contacts",
    };
    let date = request.date;
    write(
        report,
        request,
        format!(
            "{stem}_{:04}{:02}{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_disclosure_plan_keeps_the_lines_given_and_names_each_problem() {
        let line = |a: &str, who: &str| DisclosureFields {
            audience: a.into(),
            who: who.into(),
            ..DisclosureFields::default()
        };
        let plan = DisclosurePlan::parse(&[line("customers", "社長"), line("press", "")]).unwrap();
        assert_eq!(plan.0.len(), 1, "an empty line is left out");
        let p = DisclosurePlan::parse(&[line("tv", "x"), line("customers", &"あ".repeat(101))])
            .unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["lines[0].audience", "lines[1].who"]);
        assert_eq!(p[1].message, "顧客への報告者は100文字以内にしてください。");
    }

    #[test]
    fn a_contact_needs_a_name_and_one_way_to_reach_it() {
        let p = ContactDraft::parse(&ContactInput {
            kind: "external".into(),
            ..ContactInput::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["name", "phone"]);
        let p = ContactDraft::parse(&ContactInput {
            kind: "vendor".into(),
            name: "保守".into(),
            email: "not-an-address".into(),
            ..ContactInput::default()
        })
        .unwrap_err();
        let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["kind", "email"]);
        let ok = ContactDraft::parse(&ContactInput {
            kind: "external".into(),
            name: " 青葉システム 保守窓口 ".into(),
            phone: "052-000-0000".into(),
            ..ContactInput::default()
        })
        .unwrap();
        assert_eq!(ok.0.name, "青葉システム 保守窓口");
    }
}
