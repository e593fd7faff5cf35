//! Checks a parsed catalog and builds its indices. Every problem is reported, not only the first,
//! so a catalog author fixes a file in one pass.

use super::{AnswerOption, Audience, Catalog, Index, OptionValue, ScoringRule};
use crate::text::Text;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Something wrong in a catalog file. Read by catalog authors, so in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogProblem {
    pub catalog: String,
    pub message: String,
}

impl CatalogProblem {
    pub(crate) fn new(catalog: &str, message: impl Into<String>) -> Self {
        CatalogProblem {
            catalog: catalog.to_owned(),
            message: message.into(),
        }
    }
}

impl fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "catalog {}: {}", self.catalog, self.message)
    }
}

struct Checker<'a> {
    catalog: &'a Catalog,
    problems: Vec<String>,
}

impl Checker<'_> {
    fn fail(&mut self, message: impl Into<String>) {
        self.problems.push(message.into());
    }

    fn text(&mut self, what: &str, text: &Text) {
        if text.is_incomplete() {
            self.fail(format!("{what}: needs both ja and en text"));
        }
    }

    fn options(&mut self, what: &str, options: &[AnswerOption]) {
        if options.is_empty() {
            self.fail(format!("{what}: no answer options"));
        }
        let mut seen = HashSet::new();
        for option in options {
            if !seen.insert(&option.value) {
                self.fail(format!(
                    "{what}: option value {} appears twice",
                    option.value
                ));
            }
            self.text(&format!("{what} option {}", option.value), &option.label);
        }
        if !options.is_empty() && !options.iter().any(|o| o.applicable) {
            self.fail(format!("{what}: every option is marked not applicable"));
        }
    }
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(super) fn validated(mut catalog: Catalog) -> Result<Catalog, Vec<CatalogProblem>> {
    let index = build_index(&catalog);
    catalog.index = index;
    let mut check = Checker {
        catalog: &catalog,
        problems: Vec::new(),
    };
    check_header(&mut check);
    check_groups(&mut check);
    check_items(&mut check);
    check_scoring(&mut check);
    let id = catalog.id.clone();
    if check.problems.is_empty() {
        Ok(catalog)
    } else {
        Err(check
            .problems
            .into_iter()
            .map(|m| CatalogProblem::new(&id, m))
            .collect())
    }
}

fn build_index(catalog: &Catalog) -> Index {
    let group_by_id: HashMap<String, usize> = catalog
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.id.clone(), i))
        .collect();
    let item_by_id = catalog
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), i))
        .collect();
    let mut group_items = vec![Vec::new(); catalog.groups.len()];
    let mut item_group = Vec::with_capacity(catalog.items.len());
    for (i, item) in catalog.items.iter().enumerate() {
        // An unknown group is reported by the checks; index it under group 0 meanwhile.
        let g = group_by_id.get(&item.group).copied().unwrap_or(0);
        item_group.push(g);
        if let Some(items) = group_items.get_mut(g) {
            items.push(i);
        }
    }
    let mut group_children = vec![Vec::new(); catalog.groups.len()];
    for (i, group) in catalog.groups.iter().enumerate() {
        if let Some(&p) = group.parent.as_ref().and_then(|p| group_by_id.get(p)) {
            group_children[p].push(i);
        }
    }
    Index {
        item_by_id,
        group_by_id,
        item_group,
        group_items,
        group_children,
    }
}

fn check_header(check: &mut Checker) {
    let c = check.catalog;
    if !is_slug(&c.id) {
        check.fail(format!(
            "id {:?} must be lower-case letters, digits and hyphens",
            c.id
        ));
    }
    let version_ok = c
        .version
        .split_once('.')
        .is_some_and(|(y, n)| y.len() == 4 && y.parse::<u16>().is_ok() && n.parse::<u16>().is_ok());
    if !version_ok {
        check.fail(format!("version {:?} must look like \"2026.1\"", c.version));
    }
    check.text("title", &c.title);
    check.text("summary", &c.summary);
    if c.source.trim().is_empty() {
        check.fail("source: cite the source document");
    }
    match (c.scale.options.is_empty(), c.scale.viewpoints.is_empty()) {
        (false, false) => check.fail("scale: give options or viewpoints, not both"),
        (true, true) => check.fail("scale: give options or viewpoints"),
        (false, true) => check.options("scale", &c.scale.options),
        (true, false) => {
            let mut seen = HashSet::new();
            for v in &c.scale.viewpoints {
                if !seen.insert(&v.id) {
                    check.fail(format!("viewpoint {} appears twice", v.id));
                }
                check.text(&format!("viewpoint {}", v.id), &v.label);
                check.text(&format!("viewpoint {} question", v.id), &v.question);
                check.options(&format!("viewpoint {}", v.id), &v.options);
            }
        }
    }
}

fn check_groups(check: &mut Checker) {
    let c = check.catalog;
    let mut seen = HashSet::new();
    for (g, group) in c.groups.iter().enumerate() {
        if !seen.insert(&group.id) {
            check.fail(format!("group {} appears twice", group.id));
        }
        check.text(&format!("group {}", group.id), &group.title);
        if let Some(summary) = &group.summary {
            check.text(&format!("group {} summary", group.id), summary);
        }
        if let Some(parent) = &group.parent {
            match c.group_position(parent) {
                None => check.fail(format!(
                    "group {}: parent {parent} does not exist",
                    group.id
                )),
                Some(p) if p >= g => check.fail(format!(
                    "group {}: parent {parent} must come before it",
                    group.id
                )),
                Some(_) => {}
            }
        }
        if c.is_leaf(g) && c.items_of(g).is_empty() {
            check.fail(format!("group {} has no items", group.id));
        }
        if !c.is_leaf(g) && group.ease.is_some() {
            check.fail(format!(
                "group {}: ease belongs on groups that hold items",
                group.id
            ));
        }
        if let Some(ease) = group.ease
            && !((1..=3).contains(&ease.skill) && (1..=3).contains(&ease.cost))
        {
            check.fail(format!("group {}: ease skill and cost are 1-3", group.id));
        }
        for (i, tier) in group.tiers.iter().enumerate() {
            check.text(&format!("group {} tier {}", group.id, i + 1), tier);
        }
    }
    let leaves: Vec<usize> = c.leaf_groups().collect();
    let with_ease = leaves
        .iter()
        .filter(|&&g| c.groups[g].ease.is_some())
        .count();
    if with_ease != 0 && with_ease != leaves.len() {
        check.fail("ease: give it on every group that holds items, or on none");
    }
}

fn check_items(check: &mut Checker) {
    let c = check.catalog;
    let mut seen = HashSet::new();
    for (i, item) in c.items.iter().enumerate() {
        let what = format!("item {}", item.id);
        if item.id.trim().is_empty() {
            check.fail("an item has an empty id");
        }
        if !seen.insert(&item.id) {
            check.fail(format!("{what} appears twice"));
        }
        match c.group_position(&item.group) {
            None => check.fail(format!("{what}: group {} does not exist", item.group)),
            Some(g) if !c.is_leaf(g) => check.fail(format!(
                "{what}: group {} has sub-groups; items belong to the innermost groups",
                item.group
            )),
            Some(_) => {}
        }
        if item.source.trim().is_empty() {
            check.fail(format!("{what}: source is empty"));
        }
        check.text(&what, &item.text);
        for (name, text) in [
            ("short", &item.short),
            ("action", &item.action),
            ("help", &item.help),
            ("risk", &item.risk),
            ("owner", &item.owner),
        ] {
            if let Some(text) = text {
                check.text(&format!("{what} {name}"), text);
            }
        }
        for (n, measure) in item.countermeasures.iter().enumerate() {
            check.text(&format!("{what} countermeasure {}", n + 1), measure);
        }
        if c.audience == Audience::General {
            if item.risk.is_none() {
                check.fail(format!(
                    "{what}: risk is required for a general-audience catalog"
                ));
            }
            if item.countermeasures.is_empty() {
                check.fail(format!(
                    "{what}: countermeasures are required for a general-audience catalog"
                ));
            }
        }
        // An item that can be taken into the action list needs an instruction for its title.
        if !matches!(c.scoring, ScoringRule::Classify { .. }) && item.instruction().is_none() {
            check.fail(format!(
                "{what}: give an action (or countermeasures) to title the action taken from it"
            ));
        }
        // Answers by site are shown item by item in a table, by the item's short title.
        if matches!(
            c.scoring,
            ScoringRule::SumBands {
                consolidation: Some(_),
                ..
            }
        ) && item.short.is_none()
        {
            check.fail(format!(
                "{what}: a short title is required where answers are compared by site"
            ));
        }
        if let Some(p) = item.principle
            && !(1..=5).contains(&p)
        {
            check.fail(format!("{what}: principle must be 1-5"));
        }
        if let Some(options) = &item.options {
            if c.uses_viewpoints() {
                check.fail(format!(
                    "{what}: own options cannot be combined with a viewpoint scale"
                ));
            }
            check.options(&what, options);
        }
        if let Some(prefill) = &item.prefill {
            let own: HashSet<&OptionValue> = c.options_of(i).iter().map(|o| &o.value).collect();
            for value in prefill.map.values() {
                if !own.contains(value) {
                    check.fail(format!(
                        "{what}: prefill maps to {value}, which is not an answer here"
                    ));
                }
            }
        }
    }
}

fn check_scoring(check: &mut Checker) {
    let c = check.catalog;
    let option_rule = !matches!(c.scoring, ScoringRule::ViewpointGrade { .. });
    if option_rule && c.uses_viewpoints() {
        check.fail(format!(
            "scoring: rule {} needs an options scale",
            c.scoring.name()
        ));
    }
    match &c.scoring {
        ScoringRule::YesCount { count, ready_flag } => {
            every_item_offers(check, count, "count");
            if !ready_flag
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '_')
                || ready_flag.is_empty()
            {
                check.fail("scoring: ready_flag must be snake_case");
            }
        }
        ScoringRule::Tally { missing } => every_item_offers(check, missing, "missing"),
        ScoringRule::SumBands { bands, .. } => {
            ordered_thresholds(check, "band", bands.iter().map(|b| (&b.id, b.min)), true);
            for band in bands {
                check.text(&format!("band {} situation", band.id), &band.situation);
                check.text(&format!("band {} next_step", band.id), &band.next_step);
            }
        }
        ScoringRule::AverageGrade { grades } => check_grades(check, grades, false),
        ScoringRule::ViewpointGrade {
            ladder,
            otherwise,
            rank_up,
            grades,
        } => {
            if !c.uses_viewpoints() {
                check.fail("scoring: viewpoint-grade needs a viewpoint scale");
            }
            check_grades(check, grades, true);
            let grade_ids: HashSet<&String> = grades.iter().map(|g| &g.id).collect();
            let viewpoint_ids: HashSet<&String> =
                c.scale.viewpoints.iter().map(|v| &v.id).collect();
            for rung in ladder {
                if !grade_ids.contains(&rung.grade) {
                    check.fail(format!(
                        "ladder: grade {} is not among the grades",
                        rung.grade
                    ));
                }
                if rung.all.is_empty() == rung.any.is_empty() {
                    check.fail(format!("ladder {}: give either all or any", rung.grade));
                }
                for v in rung.all.iter().chain(&rung.any) {
                    if !viewpoint_ids.contains(v) {
                        check.fail(format!(
                            "ladder {}: viewpoint {v} does not exist",
                            rung.grade
                        ));
                    }
                }
            }
            if !grade_ids.contains(otherwise) {
                check.fail(format!(
                    "otherwise: grade {otherwise} is not among the grades"
                ));
            }
            if let Some(v) = rank_up
                && !viewpoint_ids.contains(v)
            {
                check.fail(format!("rank_up: viewpoint {v} does not exist"));
            }
        }
        ScoringRule::Percent {} => {
            if !(0..c.items.len())
                .any(|i| c.options_of(i).iter().any(|o| o.applicable && o.points > 0))
            {
                check.fail("scoring: percent needs options with positive points");
            }
        }
        ScoringRule::Tiers {} => {
            for g in c.leaf_groups() {
                let group = &c.groups[g];
                if group.parent.is_none() {
                    check.fail(format!(
                        "group {}: tiers need categories inside functions",
                        group.id
                    ));
                }
                if group.tiers.len() != 4 {
                    check.fail(format!("group {}: describe exactly four tiers", group.id));
                }
            }
            for (i, item) in c.items.iter().enumerate() {
                for o in c.options_of(i).iter().filter(|o| o.applicable) {
                    if !(1..=4).contains(&o.points) || o.value != OptionValue::Int(o.points) {
                        check.fail(format!(
                            "item {}: tier options are the integers 1-4",
                            item.id
                        ));
                    }
                }
            }
        }
        ScoringRule::Classify { classes } => check_classes(check, classes),
    }
}

fn every_item_offers(check: &mut Checker, value: &OptionValue, param: &str) {
    let c = check.catalog;
    for (i, item) in c.items.iter().enumerate() {
        if !c.options_of(i).iter().any(|o| &o.value == value) {
            check.fail(format!(
                "scoring {param}: item {} has no answer {value}",
                item.id
            ));
        }
    }
}

/// Thresholds must fall strictly from first to last; only the last may lack one, and with
/// `last_open` it must (it catches everything below).
fn ordered_thresholds<'a, T: PartialOrd + Copy + 'a>(
    check: &mut Checker,
    what: &str,
    steps: impl Iterator<Item = (&'a String, Option<T>)>,
    last_open: bool,
) {
    let steps: Vec<_> = steps.collect();
    if steps.is_empty() {
        check.fail(format!("scoring: no {what}s"));
        return;
    }
    let mut ids = HashSet::new();
    let mut previous: Option<T> = None;
    for (n, (id, min)) in steps.iter().enumerate() {
        if !ids.insert(*id) {
            check.fail(format!("{what} {id} appears twice"));
        }
        let last = n + 1 == steps.len();
        match min {
            None if !last => check.fail(format!(
                "{what} {id}: only the last {what} may lack a minimum"
            )),
            Some(m) => {
                if previous.is_some_and(|p| *m >= p) {
                    check.fail(format!(
                        "{what} {id}: minimums must fall from first to last"
                    ));
                }
                previous = Some(*m);
            }
            None => {}
        }
        if last && last_open && min.is_some() {
            check.fail(format!(
                "{what} {id}: the last {what} takes everything below, so has no minimum"
            ));
        }
    }
}

fn check_grades(check: &mut Checker, grades: &[super::Grade], with_points: bool) {
    // An average-grade scale starts at its lowest grade's minimum (1.0 for the primary
    // checklist), so every grade has one; a viewpoint grade's last grade catches the rest.
    ordered_thresholds(
        check,
        "grade",
        grades.iter().map(|g| (&g.id, g.min)),
        with_points,
    );
    if !with_points && grades.iter().any(|g| g.min.is_none()) {
        check.fail("average-grade: every grade needs a minimum");
    }
    for g in grades {
        check.text(&format!("grade {}", g.id), &g.meaning);
        if g.id == "NA" {
            check.fail("grade NA is reserved for groups with nothing applicable");
        }
        if with_points != g.points.is_some() {
            check.fail(format!(
                "grade {}: points are {} for this rule",
                g.id,
                if with_points { "required" } else { "not used" }
            ));
        }
    }
}

fn check_classes(check: &mut Checker, classes: &[super::Class]) {
    let c = check.catalog;
    let mut ids = HashSet::new();
    for class in classes {
        if !ids.insert(&class.id) {
            check.fail(format!("class {} appears twice", class.id));
        }
        check.text(&format!("class {}", class.id), &class.label);
        check.text(
            &format!("class {} description", class.id),
            &class.description,
        );
        for (item_id, values) in &class.when {
            match c.item_position(item_id) {
                None => check.fail(format!("class {}: item {item_id} does not exist", class.id)),
                Some(i) => {
                    for v in values {
                        if !c.options_of(i).iter().any(|o| &o.value == v) {
                            check.fail(format!(
                                "class {}: item {item_id} has no answer {v}",
                                class.id
                            ));
                        }
                    }
                }
            }
        }
    }
    // Every combination of answers must reach a class; catalogs of this rule are small.
    let sizes: Vec<usize> = (0..c.items.len()).map(|i| c.options_of(i).len()).collect();
    let combinations = sizes
        .iter()
        .try_fold(1usize, |acc, &n| acc.checked_mul(n.max(1)));
    if combinations.is_none_or(|n| n > 100_000) {
        check.fail("classify: too many answer combinations to check");
        return;
    }
    let mut choice = vec![0usize; sizes.len()];
    loop {
        if crate::scoring::classify_choice(c, classes, &choice).is_none() {
            let answers: Vec<String> = choice
                .iter()
                .enumerate()
                .map(|(i, &o)| format!("{}={}", c.items[i].id, c.options_of(i)[o].value))
                .collect();
            check.fail(format!("classify: no class for {}", answers.join(", ")));
        }
        // Advance the odometer.
        let mut pos = 0;
        loop {
            if pos == choice.len() {
                return;
            }
            choice[pos] += 1;
            if choice[pos] < sizes[pos] {
                break;
            }
            choice[pos] = 0;
            pos += 1;
        }
    }
}
