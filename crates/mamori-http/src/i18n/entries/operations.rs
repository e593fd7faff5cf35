//! The running security programme: the structure of roles.

pub(super) const ENTRIES: &[(&str, &str)] = &[
    ("体制", "Structure"),
    ("情報セキュリティの体制", "Security structure"),
    ("体制図", "Structure chart"),
    (
        "だれが決め、だれが動くかを1枚にまとめました。印刷して掲示したり、緊急時の連絡に使ったりできます。",
        "Who decides and who acts, on one page: print it, post it, use it to reach people in an emergency.",
    ),
    ("更新", "Updated"),
    (
        "必要な役割はすべて決まっていて、それぞれに代理がいます。",
        "Every required role has a person and a deputy.",
    ),
    (
        "成熟度の条件「役割の割り当て」",
        "Maturity condition “roles assigned”",
    ),
    ("満たしています", "met"),
    ("まだ満たしていません", "not met yet"),
    ("平常時", "Normal times"),
    ("未定", "Not decided"),
    ("代理", "Deputy"),
    ("緊急時の流れ", "In an emergency"),
    (
        "事故に気づいた従業員",
        "The employee who notices an incident",
    ),
    ("すぐに報告する", "reports at once"),
    ("役割と担当者", "Roles and people"),
    (
        "小さな会社では1人が複数の役割を兼ねてもかまいません。不在のときに備えて、役割ごとに代理を決めておきましょう。必須の役割がすべて決まると、成熟度の「役割の割り当て」を満たします。",
        "In a small company one person may hold several roles. Name a deputy for each role for when they are away. When every required role has a person, the maturity condition “roles assigned” is met.",
    ),
    ("平常時の役割", "Roles in normal times"),
    ("緊急時の役割", "Roles in an emergency"),
    ("必須", "required"),
    ("連絡先", "Contact"),
    ("電話・メール", "Phone, e-mail"),
];
