//! Unit tests of reference detection (`refs.rs`).

use super::*;
use crate::conversation::text::words;

fn texts(text: &str) -> Vec<String> {
    phrases(&words(text), &[])
        .into_iter()
        .map(|p| p.text)
        .collect()
}

#[test]
fn finds_pronouns_and_ordinals() {
    assert_eq!(texts("How much is it?"), ["it"]);
    assert_eq!(
        texts("Is that one in stock, and what about the second one?"),
        ["that one", "the second one"]
    );
    assert_eq!(
        texts("are they in stock? I'll take those"),
        ["they", "those"]
    );
    assert_eq!(texts("And the last one?"), ["the last one"]);
    assert_eq!(texts("Tell me about the first."), ["the first"]);
    assert_eq!(texts("has that shipped? I'll take that."), ["that", "that"]);
    assert_eq!(texts("what is its weight"), ["its"]);
    assert_eq!(
        texts("I'll take both. And the other one? The latter is fine"),
        ["both", "the other one", "the latter"]
    );
    assert_eq!(texts("both of them, both the"), ["them"]);
    assert_eq!(texts("are they both in stock"), ["they"]);
}

#[test]
fn skips_non_references() {
    assert!(texts("Is it possible to ship? It depends.").is_empty());
    assert!(texts("its been a week, it's been 3 days, it has been ages").is_empty());
    assert!(texts("I think that you need a part that fits").is_empty());
    assert!(texts("the first time, the last week").is_empty());
    assert!(texts("those who ask").is_empty());
    assert!(texts("That's all for now, that is great").is_empty());
    assert!(texts("the latter half, the former part").is_empty());
}

#[test]
fn picks_described_in_words() {
    let p = phrases(
        &words("I'll take the pea one, not the cheaper one or the more expensive one"),
        &[],
    );
    let kinds: Vec<(&str, Pointer)> = p.iter().map(|p| (p.text.as_str(), p.pointer)).collect();
    assert_eq!(
        kinds,
        [
            ("the pea one", Pointer::Described),
            ("the cheaper one", Pointer::Compared),
            ("the more expensive one", Pointer::Compared),
        ]
    );
    assert_eq!(p[0].descriptor.as_deref(), Some("pea"));
    assert!(texts("the same one, the right one, the only one").is_empty());
    assert_eq!(texts("the other one"), ["the other one"]);
}

#[test]
fn former_and_latter_stand_alone() {
    assert_eq!(texts("is the latter any good"), ["the latter"]);
    assert_eq!(texts("I prefer the former because"), ["the former"]);
}

#[test]
fn name_it_is_is_a_choice_not_a_reference() {
    let ws = words("GP-45 it is. How much is it? PT-550 it is then");
    let named = |start, end| Found {
        start,
        end,
        key: format!("sku:{start}"),
        kind: EntityKind::Sku,
        name: String::new(),
        category: None,
        plural: false,
    };
    let found = [named(0, 2), named(9, 11)];
    let refs: Vec<String> = phrases(&ws, &found).into_iter().map(|p| p.text).collect();
    assert_eq!(refs, ["it"]);
    // `it is` after an ordinary word stays a reference.
    assert_eq!(texts("so it is in stock?"), ["it"]);
}

#[test]
fn containers_count_and_prepositions_attach() {
    assert!(phrases(&words("how many in a tub of those"), &[])[0].counted);
    assert!(!phrases(&words("are any of those vegan"), &[])[0].counted);
    let ws = words("filters for them");
    let filters = Found {
        start: 0,
        end: 1,
        key: "category:filters".into(),
        kind: EntityKind::Category,
        name: "filters".into(),
        category: None,
        plural: true,
    };
    let p = phrases(&ws, &[filters]);
    assert_eq!(p[0].excluded, ["category:filters"]);
    assert!(phrases(&words("a tub for them"), &[])[0]
        .excluded
        .is_empty());
}

#[test]
fn counted() {
    let p = phrases(&words("I'll take two of them"), &[]);
    assert!(p[0].counted);
    let p = phrases(&words("all of them"), &[]);
    assert!(!p[0].counted);
    let p = phrases(&words("I'll take 2. Do you ship them?"), &[]);
    assert!(p[0].counted);
}

#[test]
fn the_subject_of_its_own_clause_is_excluded() {
    let sku = |start, end, key: &str| Found {
        start,
        end,
        key: key.into(),
        kind: EntityKind::Sku,
        name: String::new(),
        category: None,
        plural: false,
    };
    // will | the | tv | 3 | valve | work | with | it
    let ws = words("will the TV-3 valve work with it");
    let p = phrases(&ws, &[sku(2, 5, "sku:tv-3")]);
    assert_eq!(p[0].excluded, ["sku:tv-3"]);
    // A new clause (`and`) has no subject here: nothing excluded.
    // is | the | hp | 200 | in | stock | and | how | much | is | it
    let ws = words("is the HP-200 in stock and how much is it");
    let p = phrases(&ws, &[sku(2, 4, "sku:hp-200")]);
    assert!(p[0].excluded.is_empty());
}
