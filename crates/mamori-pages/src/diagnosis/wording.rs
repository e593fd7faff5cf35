//! Results said in words: answers named by the labels the respondent chose (never a generic
//! yes or no), and why the improvement list is in its order.

use mamori_domain::Lang;
use mamori_domain::catalog::Catalog;

use mamori_http::i18n::tr;

/// Why the improvement list is in this order (the rule of `improvement_list`, said for this
/// catalog): people otherwise wonder why a partly done item comes before one not done at all.
pub fn order_note(catalog: &Catalog, lang: Lang) -> String {
    let find_out = !catalog.unknown_labels().is_empty();
    // Five Principles items come first only where some items are not one of them.
    let principles = catalog.items.iter().any(|i| i.principle.is_some())
        && catalog.items.iter().any(|i| i.principle.is_none());
    let by_ease = catalog.groups.iter().any(|g| g.ease.is_some());
    let several_areas = catalog.leaf_groups().nth(1).is_some();
    // With only "done" and "not done", every open item is as far from done as any other.
    let graded = catalog.uses_viewpoints()
        || (0..catalog.items.len()).any(|i| {
            catalog
                .options_of(i)
                .iter()
                .filter(|o| o.applicable && !o.unknown)
                .count()
                > 2
        });
    let (first, then, why) = match lang {
        Lang::Ja => (
            match (find_out, principles) {
                (true, true) => "「まず確認」の項目と5か条にあたる項目を先にし、その後は",
                (true, false) => "「まず確認」の項目を先にし、その後は",
                (false, true) => "5か条にあたる項目を先にし、その後は",
                (false, false) => "",
            },
            match (several_areas, by_ease) {
                (true, true) => {
                    "費用や専門知識をあまり必要としない分野から順に、同じ分野の中では実施から遠い項目を先に並べています。"
                }
                (true, false) => {
                    "分野の順（設問の順）に、同じ分野の中では実施から遠い項目を先に並べています。"
                }
                (false, _) if graded => "実施から遠い項目から順に並べています。",
                (false, _) => "設問の順に並べています。",
            },
            match (several_areas, by_ease) {
                (true, true) => {
                    "このため、手を付けやすい分野の一部できている項目が、ほかの分野のまったくできていない項目より先に来ることがあります。"
                }
                (true, false) => {
                    "このため、前の分野の一部できている項目が、後の分野のまったくできていない項目より先に来ることがあります。"
                }
                (false, _) => "",
            },
        ),
        Lang::En => (
            match (find_out, principles) {
                (true, true) => "“Find out” items and Five Principles items come first, then ",
                (true, false) => "“Find out” items come first, then ",
                (false, true) => "Five Principles items come first, then ",
                (false, false) => "",
            },
            match (several_areas, by_ease) {
                (true, true) => {
                    "areas that need the least money and expertise, and within an area the items furthest from done."
                }
                (true, false) => {
                    "area by area in the order of the questions, and within an area the items furthest from done."
                }
                (false, _) if graded => "the items furthest from done first.",
                (false, _) => "in the order of the questions.",
            },
            match (several_areas, by_ease) {
                (true, true) => {
                    " So a partly done item in an easier area can come before an item not done at all in another."
                }
                (true, false) => {
                    " So a partly done item in an earlier area can come before an item not done at all in a later one."
                }
                (false, _) => "",
            },
        ),
    };
    match lang {
        Lang::Ja if first.is_empty() => format!("並び順: {then}{why}"),
        Lang::Ja => format!("並び順: {first}{then}{why}"),
        Lang::En if first.is_empty() => {
            let mut c = then.chars();
            let initial = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or(' ');
            format!("Order: {initial}{}{why}", c.as_str())
        }
        Lang::En => format!("Order: {first}{then}{why}"),
    }
}

/// An answer's words as quoted in a sentence.
pub fn quoted(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("「{label}」"),
        Lang::En => format!("“{label}”"),
    }
}

/// What the "find out first" list holds, naming the answers as the respondent saw them
/// (「わからない」 in the self-check, 「内容不明」 in the primary checklist).
pub fn unknown_note(catalog: &Catalog, lang: Lang) -> String {
    let labels: Vec<String> = catalog
        .unknown_labels()
        .iter()
        .map(|l| quoted(l.get(lang), lang))
        .collect();
    let labels = labels.join(tr(lang, "、"));
    if lang == Lang::En {
        format!(
            "These items were answered {labels}. Before improving anything, find out how things really are."
        )
    } else {
        format!("{labels}と答えた項目です。改善の前に、社内の実際の状況を確かめてください。")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mamori_domain::builtin;

    #[test]
    fn the_order_is_explained_as_the_rule_applies_to_each_catalog() {
        let note = |id: &str, lang| order_note(builtin().get(id).unwrap(), lang);
        assert_eq!(
            note("five-principles", Lang::Ja),
            "並び順: 設問の順に並べています。"
        );
        assert_eq!(
            note("five-principles", Lang::En),
            "Order: In the order of the questions."
        );
        let self_check = note("self-check-25", Lang::Ja);
        assert!(self_check.starts_with("並び順: 「まず確認」の項目と5か条にあたる項目を先にし"));
        assert!(
            self_check.contains("前の分野の一部できている項目"),
            "{self_check}"
        );
        let primary = note("primary-checklist", Lang::Ja);
        assert!(
            primary.contains("費用や専門知識をあまり必要としない分野から"),
            "{primary}"
        );
        assert!(!note("primary-checklist", Lang::En).contains('「'));
    }
}
