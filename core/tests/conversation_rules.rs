//! One test per resolution rule added after the second blind set: each
//! shows the rule firing and the neighbouring case where it must not.

use verity::conversation::{replay_conversation, Catalog, Role, Turn};

fn catalog(file: &str) -> Catalog {
    let path = format!(
        "{}/../tests/fixtures/conversation/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read(path).expect("fixture");
    Catalog::from_value(&serde_json::from_slice(&text).expect("json")).expect("catalog")
}

/// (phrase, resolved target names or None when unresolved) of the last turn.
fn last_turn(file: &str, texts: &[&str]) -> Vec<(String, Option<Vec<String>>)> {
    last_turn_with(&catalog(file), texts)
}

fn last_turn_with(catalog: &Catalog, texts: &[&str]) -> Vec<(String, Option<Vec<String>>)> {
    let turns: Vec<Turn> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let role = if i % 2 == 0 {
                Role::User
            } else {
                Role::Assistant
            };
            Turn::new(role, *t, None).expect("turn")
        })
        .collect();
    let replay = replay_conversation(&turns, Some(catalog)).expect("replay");
    let report = replay.state().last_turn().expect("report");
    report
        .resolutions()
        .iter()
        .map(|r| {
            let names = r.targets().iter().map(|t| t.name().to_owned()).collect();
            (r.phrase().to_owned(), r.resolved().then_some(names))
        })
        .collect()
}

fn resolved(phrase: &str, names: &[&str]) -> (String, Option<Vec<String>>) {
    let names = names.iter().map(|n| (*n).to_owned()).collect();
    (phrase.to_owned(), Some(names))
}

fn unresolved(phrase: &str) -> (String, Option<Vec<String>>) {
    (phrase.to_owned(), None)
}

const PARTS: &str = "parts_catalog.json";
const SUPPLEMENTS: &str = "supplements_catalog.json";

#[test]
fn name_it_is_confirms_a_choice_and_is_not_a_reference() {
    let chat = [
        "Which is quieter, the GP-45 or the HP-200?",
        "The GP-45 Gear Pump is quieter.",
        "GP-45 it is. Can you ship it today?",
    ];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("it", &["GP-45 Gear Pump"])]
    );
    // Without a name right before it, `it is` is still a reference.
    let chat = [
        "Do you have the GP-45?",
        "Yes, the GP-45 Gear Pump.",
        "Great, so it is in stock?",
    ];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("it", &["GP-45 Gear Pump"])]
    );
}

#[test]
fn plural_over_two_items_named_in_different_turns() {
    let chat = [
        "How much is the HH-12 hose per metre?",
        "The HH-12 Hydraulic Hose is £6 per metre.",
        "And the SK-10 seal kit?",
        "The SK-10 Seal Kit is £35.",
        "Can you send both to the same depot?",
    ];
    let both = resolved("both", &["HH-12 Hydraulic Hose", "SK-10 Seal Kit"]);
    assert_eq!(last_turn(PARTS, &chat), [both]);
    // Three items since the last list: which two is a guess.
    let chat = [
        "How much is the HH-12 hose?",
        "The HH-12 Hydraulic Hose is £6 per metre.",
        "And the SK-10 seal kit?",
        "The SK-10 Seal Kit is £35.",
        "And the RF-8?",
        "The RF-8 Return Filter is £22.",
        "Can you send them today?",
    ];
    assert_eq!(last_turn(PARTS, &chat), [unresolved("them")]);
    // One item only: a plural still never points at it uncounted.
    let chat = [
        "Do you sell the HH-12?",
        "Yes, the HH-12 Hydraulic Hose.",
        "can you add them",
    ];
    assert_eq!(last_turn(PARTS, &chat), [unresolved("them")]);
}

#[test]
fn a_list_after_the_items_still_wins_over_a_pair() {
    let chat = [
        "How much is the HH-12 hose?",
        "The HH-12 Hydraulic Hose is £6 per metre.",
        "Which pumps fit a DAF?",
        "The HP-200 Hydraulic Pump and the HP-300 Hydraulic Pump.",
        "Are they in stock?",
    ];
    let list = resolved("they", &["HP-200 Hydraulic Pump", "HP-300 Hydraulic Pump"]);
    assert_eq!(last_turn(PARTS, &chat), [list]);
}

#[test]
fn a_container_counts_like_a_number() {
    let chat = [
        "are your fish oil capsules burpless?",
        "Omega-3 Fish Oil capsules are enteric coated.",
        "how many are in a tub of those?",
    ];
    assert_eq!(
        last_turn(SUPPLEMENTS, &chat),
        [resolved("those", &["Omega-3 Fish Oil"])]
    );
    // Not counted: `all of those` after one product stays unresolved.
    let chat = [
        "are your fish oil capsules burpless?",
        "Omega-3 Fish Oil capsules are enteric coated.",
        "are all of those vegan?",
    ];
    assert_eq!(last_turn(SUPPLEMENTS, &chat), [unresolved("those")]);
}

#[test]
fn the_latter_stands_alone_unless_it_names_a_time() {
    let chat = [
        "Should I get magnesium or zinc for sleep?",
        "Magnesium Glycinate is usually better for sleep than Zinc Picolinate.",
        "OK, is the latter any good for immunity then?",
    ];
    assert_eq!(
        last_turn(SUPPLEMENTS, &chat),
        [resolved("the latter", &["Zinc Picolinate"])]
    );
    let chat = [
        "Should I get magnesium or zinc for sleep?",
        "Magnesium Glycinate is usually better for sleep than Zinc Picolinate.",
        "I'll order in the latter half of the month",
    ];
    assert!(last_turn(SUPPLEMENTS, &chat).is_empty());
}

#[test]
fn a_reference_is_not_the_noun_it_is_attached_to() {
    let chat = ["what tipper rams do you carry and do you have filters for them"];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("them", &["tipper rams"])]
    );
    let chat = ["I have an old pump with the code PV-2231 on it, do you have a replacement?"];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("it", &["hydraulic pumps"])]
    );
    // Not attached (no preposition): the most recent item as before.
    let chat = [
        "Do you sell the GP-45?",
        "Yes, the GP-45 Gear Pump is £280.",
        "Is it quiet?",
    ];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("it", &["GP-45 Gear Pump"])]
    );
}

#[test]
fn a_pick_by_a_word_of_the_name() {
    let chat = [
        "I'm choosing between whey isolate and pea protein",
        "Whey Protein Isolate has more protein; Vegan Pea Protein is dairy free.",
        "I'll go for the pea one. Is the other one cheaper though?",
    ];
    assert_eq!(
        last_turn(SUPPLEMENTS, &chat),
        [
            resolved("the pea one", &["Vegan Pea Protein"]),
            resolved("the other one", &["Whey Protein Isolate"]),
        ]
    );
    // A word both names share: a guess, so unresolved.
    let chat = [
        "What pumps fit a DAF?",
        "The HP-200 Hydraulic Pump and the HP-300 Hydraulic Pump.",
        "I'll go for the hydraulic one",
    ];
    assert_eq!(last_turn(PARTS, &chat), [unresolved("the hydraulic one")]);
    // A word no tracked name has (a flavour): not a reference at all.
    let chat = [
        "what flavours does your whey come in",
        "Whey Protein Isolate comes in chocolate and vanilla.",
        "is the chocolate one sweetened?",
    ];
    assert!(last_turn(SUPPLEMENTS, &chat).is_empty());
}

#[test]
fn a_comparative_pick_is_reported_but_never_resolved() {
    let chat = [
        "What hydraulic pumps have you got?",
        "The HP-200 Hydraulic Pump at £450 and the HP-300 Hydraulic Pump at £620.",
        "I'll take the cheaper one. Does it come with a seal kit?",
    ];
    assert_eq!(
        last_turn(PARTS, &chat),
        [unresolved("the cheaper one"), unresolved("it")]
    );
}

#[test]
fn a_turn_opening_with_an_unresolved_reference_keeps_the_topic() {
    let catalog = catalog(PARTS);
    let turns: Vec<Turn> = [
        (Role::User, "What hydraulic pumps have you got?"),
        (
            Role::Assistant,
            "The HP-200 Hydraulic Pump and the HP-300 Hydraulic Pump.",
        ),
        (
            Role::User,
            "The cheaper one please. Does it come with a seal kit?",
        ),
        (Role::User, "Also, do you sell seal kits?"),
    ]
    .iter()
    .map(|(role, text)| Turn::new(*role, *text, None).expect("turn"))
    .collect();
    let replay = replay_conversation(&turns, Some(&catalog)).expect("replay");
    // Turn 2 names a seal kit after an unknown pick: no switch; turn 3 asks
    // about seal kits outright: a switch.
    assert_eq!(replay.topic_switches(), [3]);
}

#[test]
fn a_mention_saying_what_another_is_for_is_not_the_topic() {
    let catalog = catalog(PARTS);
    let replay = |texts: &[&str]| {
        let turns: Vec<Turn> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let role = if i % 2 == 0 {
                    Role::User
                } else {
                    Role::Assistant
                };
                Turn::new(role, *t, None).expect("turn")
            })
            .collect();
        replay_conversation(&turns, Some(&catalog)).expect("replay")
    };
    // The turn is about a seal kit (for the HP-300): `it` = the SK-10 stays on topic.
    let chat = [
        "I need a seal kit for the HP-300 pump.",
        "The SK-10 Seal Kit fits the HP-300 Hydraulic Pump.",
        "Great, is it in stock?",
    ];
    assert!(replay(&chat).topic_switches().is_empty());
    // Without the preposition the first item sets the topic, and the kit is a switch.
    let chat = [
        "Is the HP-300 pump in stock?",
        "Yes, the HP-300 Hydraulic Pump is in stock.",
        "Do you sell the SK-10?",
    ];
    assert_eq!(replay(&chat).topic_switches(), [2]);
}

#[test]
fn an_er_word_that_is_in_a_name_is_a_described_pick() {
    let kits = serde_json::json!({"products": [
        {"name": "Starter Kit", "category": "kits"},
        {"name": "Pro Kit", "category": "kits"}
    ]});
    let kits = Catalog::from_value(&kits).expect("catalog");
    let chat = [
        "What kits do you have?",
        "The Starter Kit and the Pro Kit.",
        "How much is the starter one?",
    ];
    let starter = resolved("the starter one", &["Starter Kit"]);
    assert_eq!(last_turn_with(&kits, &chat), [starter]);
    // An -er word in both names: ambiguous, never a guess.
    let chat = [
        "What do you have for my tipper?",
        "The ER-4 Tipper Ram and the TV-3 Tipper Valve.",
        "How much is the tipper one?",
    ];
    assert_eq!(last_turn(PARTS, &chat), [unresolved("the tipper one")]);
}

#[test]
fn a_pronoun_is_not_the_subject_of_its_own_clause() {
    let chat = [
        "Do you have the GP-45 gear pump?",
        "Yes, the GP-45 Gear Pump is £280.",
        "Does the SK-10 seal kit fit it?",
    ];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("it", &["GP-45 Gear Pump"])]
    );
    // After `and` a new clause starts: the named item is the antecedent.
    let chat = [
        "Do you have the GP-45 gear pump?",
        "Yes, the GP-45 Gear Pump is £280.",
        "Is the SK-10 in stock and how much is it?",
    ];
    assert_eq!(
        last_turn(PARTS, &chat),
        [resolved("it", &["SK-10 Seal Kit"])]
    );
}
