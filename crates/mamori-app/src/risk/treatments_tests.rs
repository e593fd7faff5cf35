use super::*;

fn form(p: &[(&str, &str)]) -> TreatmentFields {
    let mut f = TreatmentFields::default();
    for (k, v) in p {
        let v = Some((*v).to_owned());
        match *k {
            "option" => f.option = v,
            "planned" => f.planned = v,
            "owner" => f.owner = v,
            "due_date" => f.due_date = v,
            "residual_risk" => f.residual_risk = v,
            "approved_by" => f.approved_by = v,
            "approved_on" => f.approved_on = v,
            "to_action" => f.to_action = true,
            _ => panic!("no field {k}"),
        }
    }
    f
}

fn at(current: u8, threshold: i64) -> Standing {
    Standing {
        threshold,
        current: Some(current),
    }
}

fn fields(r: Result<TreatmentDecision, Vec<FieldProblem>>) -> Vec<String> {
    r.unwrap_err().into_iter().map(|p| p.field).collect()
}

#[test]
fn a_reduction_with_planned_measures_is_read_as_typed() {
    let d = TreatmentDecision::parse(
        &form(&[
            ("option", "低減"),
            (
                "planned",
                "ノートPCを暗号化する\nウイルス対策ソフトを入れる",
            ),
            ("owner", "総務 佐藤"),
            ("due_date", "2026/9/30"),
            ("residual_risk", "２"),
            ("to_action", ""),
        ]),
        at(4, 3),
    )
    .unwrap();
    let i = d.input();
    assert_eq!(i.option, Treatment::Reduce);
    assert!(i.to_action);
    assert_eq!(i.due_date.as_deref(), Some("2026-09-30"));
    assert_eq!(i.residual_risk, Some(2));
}

#[test]
fn options_are_read_by_code_or_catalog_name_and_anything_else_is_refused() {
    for (given, option) in [
        ("avoid", Treatment::Avoid),
        ("移転・転嫁", Treatment::Transfer),
        ("転嫁", Treatment::Transfer),
        ("受容", Treatment::Accept),
    ] {
        let d = TreatmentDecision::parse(&form(&[("option", given)]), at(1, 3)).unwrap();
        assert_eq!(d.input().option, option, "{given}");
    }
    assert_eq!(
        fields(TreatmentDecision::parse(
            &form(&[("option", "無視")]),
            at(1, 3)
        )),
        ["option"]
    );
    assert_eq!(
        fields(TreatmentDecision::parse(&form(&[]), at(1, 3))),
        ["option"]
    );
}

#[test]
fn the_residual_risk_is_0_to_6() {
    for ok in ["0", "6"] {
        let f = form(&[("option", "reduce"), ("residual_risk", ok)]);
        assert!(TreatmentDecision::parse(&f, at(6, 3)).is_ok(), "{ok}");
    }
    for bad in ["-1", "7", "x"] {
        let f = form(&[("option", "reduce"), ("residual_risk", bad)]);
        assert_eq!(
            fields(TreatmentDecision::parse(&f, at(6, 3))),
            ["residual_risk"]
        );
    }
}

#[test]
fn names_are_at_most_100_characters_on_one_line_and_plans_at_most_2000() {
    let long = "あ".repeat(SHORT_MAX);
    let plan = "あ".repeat(NOTE_MAX);
    let f = form(&[("option", "reduce"), ("owner", &long), ("planned", &plan)]);
    assert!(TreatmentDecision::parse(&f, at(1, 3)).is_ok());
    let longer = "あ".repeat(SHORT_MAX + 1);
    let plan = "あ".repeat(NOTE_MAX + 1);
    let f = form(&[
        ("option", "reduce"),
        ("planned", &plan),
        ("owner", &longer),
        ("approved_by", "社長\n"),
    ]);
    let f = TreatmentFields {
        approved_by: Some("社\n長".to_owned()),
        ..f
    };
    assert_eq!(
        fields(TreatmentDecision::parse(&f, at(1, 3))),
        ["planned", "owner", "approved_by"]
    );
    let f = form(&[("option", "reduce"), ("planned", "一行目\n二行目\u{7}")]);
    let problems = TreatmentDecision::parse(&f, at(1, 3)).unwrap_err();
    assert_eq!(
        problems[0].message,
        "予定している対策に制御文字は使えません。"
    );
}

#[test]
fn acceptance_above_the_threshold_is_refused_naming_the_residual_risk() {
    let f = form(&[
        ("option", "accept"),
        ("residual_risk", "4"),
        ("approved_by", "社長"),
        ("approved_on", "2026-04-01"),
    ]);
    let problems = TreatmentDecision::parse(&f, at(4, 3)).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "residual_risk");
    assert_eq!(
        problems[0].message,
        "残留リスク 4 は受容できる基準（3以下）を超えています。対策でリスクを下げるか、基準を見直してください。"
    );
    assert!(
        TreatmentDecision::parse(&f, at(4, 4)).is_ok(),
        "a higher threshold allows it"
    );
}

#[test]
fn acceptance_without_a_residual_risk_accepts_the_risk_as_it_is_now() {
    let f = form(&[("option", "accept")]);
    assert_eq!(
        fields(TreatmentDecision::parse(&f, at(4, 3))),
        ["residual_risk"]
    );
    let d = TreatmentDecision::parse(&f, at(2, 3)).unwrap();
    assert_eq!(d.input().residual_risk, Some(2), "recorded as accepted");
    let unknown = Standing {
        threshold: 3,
        current: None,
    };
    assert_eq!(
        fields(TreatmentDecision::parse(&f, unknown)),
        ["residual_risk"],
        "nothing to accept"
    );
}

#[test]
fn an_approval_of_what_remains_is_held_to_the_threshold_too() {
    let f = form(&[
        ("option", "reduce"),
        ("residual_risk", "5"),
        ("approved_by", "社長"),
        ("approved_on", "2026-04-01"),
    ]);
    assert_eq!(
        fields(TreatmentDecision::parse(&f, at(6, 3))),
        ["residual_risk"]
    );
}

#[test]
fn an_approval_needs_both_a_name_and_a_date() {
    let f = form(&[
        ("option", "reduce"),
        ("residual_risk", "1"),
        ("approved_by", "社長"),
    ]);
    assert_eq!(
        fields(TreatmentDecision::parse(&f, at(4, 3))),
        ["approved_on"]
    );
    let f = form(&[
        ("option", "reduce"),
        ("residual_risk", "1"),
        ("approved_on", "2026-04-01"),
    ]);
    assert_eq!(
        fields(TreatmentDecision::parse(&f, at(4, 3))),
        ["approved_by"]
    );
    let f = form(&[
        ("option", ""),
        ("residual_risk", "9"),
        ("due_date", "someday"),
    ]);
    assert_eq!(
        fields(TreatmentDecision::parse(&f, at(4, 3))),
        ["option", "due_date", "residual_risk"]
    );
}

#[test]
fn putting_measures_into_the_action_list_needs_the_measures() {
    let f = form(&[("option", "reduce"), ("to_action", "")]);
    assert_eq!(fields(TreatmentDecision::parse(&f, at(4, 3))), ["planned"]);
}
