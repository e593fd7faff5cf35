//! The one asset parser, as the form, the API and an imported row use it.

use super::*;

fn input(pairs: &[(&str, &str)]) -> AssetInput {
    let mut a = AssetInput::default();
    for (k, v) in pairs {
        let v = Some((*v).to_owned());
        match *k {
            "name" => a.name = v,
            "medium" => a.medium = v,
            "c" => a.c = v,
            "i" => a.i = v,
            "a" => a.a = v,
            "persons" => a.persons = v,
            "registered" => a.registered = v,
            "personal" => a.personal = Some(vec![(*v.as_deref().unwrap_or("")).to_owned()]),
            other => panic!("no field {other}"),
        }
    }
    a
}

#[test]
fn a_complete_row_is_read_with_names_or_codes() {
    let d = AssetDraft::parse(&input(&[
        ("name", " 社員名簿 "),
        ("medium", "事務所PC"),
        ("personal", "my_number"),
        ("c", "2"),
        ("i", "０"),
        ("a", "1"),
        ("persons", "1,200"),
        ("registered", "2026/4/1"),
    ]))
    .unwrap();
    let f = d.fields();
    assert_eq!(f.name, "社員名簿");
    assert_eq!(f.medium, "office_pc");
    assert_eq!(f.personal, [PersonalData::MyNumber]);
    assert_eq!((f.c, f.i, f.a), (2, 0, 1));
    assert_eq!(f.persons, Some(1200));
    assert_eq!(f.registered.as_deref(), Some("2026-04-01"));
}

#[test]
fn every_problem_is_named_at_once_in_column_order() {
    let fields: Vec<String> = AssetDraft::parse(&input(&[
        ("name", " "),
        ("medium", "floppy"),
        ("c", "3"),
        ("i", "high"),
        ("a", "0"),
        ("persons", "many"),
    ]))
    .unwrap_err()
    .into_iter()
    .map(|p| p.field)
    .collect();
    assert_eq!(fields, ["name", "medium", "persons", "c", "i"]);
}

#[test]
fn an_over_long_or_control_character_name_is_refused_with_one_message() {
    let long = "名".repeat(NAME_MAX + 1);
    let p = AssetDraft::parse(&input(&[
        ("name", &long),
        ("medium", "paper"),
        ("c", "0"),
        ("i", "0"),
        ("a", "0"),
    ]))
    .unwrap_err();
    assert_eq!(p[0].message, "情報資産名称は200文字以内にしてください。");
    let p = AssetDraft::parse(&input(&[
        ("name", "a\u{1b}b"),
        ("medium", "paper"),
        ("c", "0"),
        ("i", "0"),
        ("a", "0"),
    ]))
    .unwrap_err();
    assert_eq!(p[0].message, "情報資産名称に改行や制御文字は使えません。");
}

#[test]
fn a_change_looks_only_at_the_fields_given() {
    let c = AssetChange::parse(&AssetInput {
        c: Some("2".into()),
        ..AssetInput::default()
    })
    .unwrap();
    assert_eq!(c.update().c, Some(2));
    assert_eq!(c.update().name, None);
    assert_eq!(c.update().personal, None);
}
