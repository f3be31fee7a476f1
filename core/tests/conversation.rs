//! Behaviour of the conversation module beyond the shared vectors: purity,
//! determinism, round trips, bounds on stored state, render budgets (proptest).

use proptest::prelude::*;
use serde_json::{json, Value};
use verity::conversation::{
    render_context, replay_conversation, update_conversation, Catalog, CatalogProduct,
    ConversationState, EntityKind, Role, Turn, MAX_ENTITIES, MAX_TURN_CHARS,
};
use verity::ErrorKind;

fn parts() -> Catalog {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/conversation/parts_catalog.json"
    ))
    .expect("fixture");
    Catalog::from_value(&serde_json::from_slice(&text).expect("json")).expect("catalog")
}

fn user(text: &str) -> Turn {
    Turn::new(Role::User, text, None).expect("turn")
}

fn assistant(text: &str) -> Turn {
    Turn::new(Role::Assistant, text, None).expect("turn")
}

fn run(turns: &[Turn], catalog: Option<&Catalog>) -> ConversationState {
    replay_conversation(turns, catalog)
        .expect("replay")
        .state()
        .clone()
}

#[test]
fn update_is_pure_and_deterministic() {
    let catalog = parts();
    let before = run(&[user("Do you have hydraulic pumps?")], Some(&catalog));
    let snapshot = before.clone();
    let turn = assistant("The HP-200 Hydraulic Pump is £450.");
    let a = update_conversation(Some(&before), &turn, Some(&catalog)).expect("update");
    let b = update_conversation(Some(&before), &turn, Some(&catalog)).expect("update");
    assert_eq!(before, snapshot, "the input state is untouched");
    assert_eq!(
        serde_json::to_vec(&a).expect("json"),
        serde_json::to_vec(&b).expect("json")
    );
    assert_ne!(a, before);
}

#[test]
fn stored_state_round_trips_through_json() {
    let catalog = parts();
    let state = run(
        &[
            user("Which hydraulic pumps do you stock?"),
            assistant("The HP-200 Hydraulic Pump and the HP-300 Hydraulic Pump."),
            user("I need 2 of the second one, is it in stock? Also order #48213."),
        ],
        Some(&catalog),
    );
    let text = serde_json::to_string(&state).expect("json");
    let back = ConversationState::from_value(&serde_json::from_str::<Value>(&text).expect("parse"))
        .expect("valid");
    assert_eq!(back, state);
    let hp300 = state
        .entities()
        .iter()
        .find(|e| e.name() == "HP-300 Hydraulic Pump")
        .expect("tracked");
    assert_eq!(
        (hp300.quantity(), hp300.kind(), hp300.mention_count()),
        (Some(2), EntityKind::Product, 3)
    );
    assert_eq!(hp300.category(), Some("hydraulic pumps"));
}

#[test]
fn turn_length_limit_is_in_characters() {
    assert!(Turn::new(Role::User, "é".repeat(MAX_TURN_CHARS), None).is_ok());
    let e = Turn::new(Role::User, "é".repeat(MAX_TURN_CHARS + 1), None).unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::TooLarge, "$.text"));
}

#[test]
fn topic_switch_demotes_the_old_topic() {
    let catalog = parts();
    let before = run(
        &[
            user("Do you sell the HP-200?"),
            assistant("Yes, the HP-200 Hydraulic Pump."),
        ],
        Some(&catalog),
    );
    let pump = |s: &ConversationState| {
        s.entities()
            .iter()
            .find(|e| e.name() == "HP-200 Hydraulic Pump")
            .map(|e| e.salience())
            .expect("pump")
    };
    let switched = update_conversation(
        Some(&before),
        &user("Do you have seal kits?"),
        Some(&catalog),
    )
    .expect("update");
    let stayed = update_conversation(Some(&before), &user("And the HP-300?"), Some(&catalog))
        .expect("update");
    assert!(switched.last_turn().expect("report").topic_switch());
    assert_eq!(pump(&switched), pump(&before) * 9 / 10 / 2);
    assert!(
        !stayed.last_turn().expect("report").topic_switch(),
        "same category, no switch"
    );
    assert_eq!(pump(&stayed), pump(&before) * 9 / 10);
}

#[test]
fn stored_state_stays_bounded() {
    // 300 turns, each naming two new part numbers and one catalogue product.
    let catalog = parts();
    let mut state: Option<ConversationState> = None;
    let mut largest = 0;
    for i in 0..300u32 {
        let text = format!(
            "Is part QX-{:04} compatible with ZR-{:04} and the HP-200? What about it, and those, and the first one?",
            i,
            i + 5000
        );
        let role = if i % 2 == 0 {
            Role::User
        } else {
            Role::Assistant
        };
        let turn = Turn::new(role, text, None).expect("turn");
        let next = update_conversation(state.as_ref(), &turn, Some(&catalog)).expect("update");
        assert!(next.entities().len() <= MAX_ENTITIES);
        largest = largest.max(serde_json::to_string(&next).expect("json").chars().count());
        state = Some(next);
    }
    // Worst case documented in the README: 16 entities and the last turn's report.
    println!("largest state: {largest} characters");
    assert!(largest <= 8_000, "state grew to {largest} characters");
}

#[test]
fn a_huge_turn_keeps_a_bounded_report() {
    let text: String = (0..1500).map(|i| format!("QX-{i:04} ")).collect();
    let state = update_conversation(
        None,
        &Turn::new(Role::User, text, None).expect("turn"),
        None,
    )
    .expect("update");
    assert_eq!(
        state.last_turn().expect("report").mentions().len(),
        verity::conversation::MAX_REPORT_ITEMS
    );
    assert_eq!(state.entities().len(), MAX_ENTITIES);
    let size = serde_json::to_string(&state).expect("json").chars().count();
    println!("huge-turn state: {size} characters");
    assert!(size <= 12_000, "{size}");
}

#[test]
fn typical_state_is_small() {
    // The seed warns when stored metadata averages over 2,000 characters.
    let catalog = parts();
    let state = run(
        &[
            user("Do you have hydraulic pumps?"),
            assistant("Yes: the HP-200 Hydraulic Pump, the HP-300 Hydraulic Pump and the GP-45 Gear Pump."),
            user("How much is the second one?"),
            assistant("The HP-300 Hydraulic Pump is £620."),
            user("Does it need a seal kit?"),
            assistant("Yes, the SK-10 Seal Kit."),
            user("OK, I'll take 2 of them. Where is my order 48213?"),
            assistant("Order 48213 ships today."),
        ],
        Some(&catalog),
    );
    let size = serde_json::to_string(&state).expect("json").chars().count();
    println!("typical state: {size} characters");
    assert!(size < 3_000, "{size}");
}

#[test]
fn catalogue_of_thousands_of_names() {
    let products: Vec<CatalogProduct> = (0..5_000)
        .map(|i| CatalogProduct {
            name: format!("Widget {i} Deluxe"),
            category: Some(format!("family {}", i % 40)),
            sku: Some(format!("WD-{i:05}")),
            aliases: vec![],
        })
        .collect();
    let catalog = Catalog::new(&products, &[]).expect("catalog");
    assert_eq!(catalog.len(), 5_000);
    let state = run(
        &[user(
            "Do you have wd04999 or the Widget 12 Deluxe? How much is the first one?",
        )],
        Some(&catalog),
    );
    let report = state.last_turn().expect("report");
    let names: Vec<&str> = report.mentions().iter().map(|m| m.name()).collect();
    assert_eq!(names, ["Widget 4999 Deluxe", "Widget 12 Deluxe"]);
    assert_eq!(
        report.resolutions()[0].targets()[0].name(),
        "Widget 4999 Deluxe"
    );
}

#[test]
fn references_never_guess_without_an_antecedent() {
    let state = run(
        &[user(
            "How much is it? Are they in stock? And the second one?",
        )],
        None,
    );
    let report = state.last_turn().expect("report");
    assert_eq!(report.resolutions().len(), 3);
    assert!(report
        .resolutions()
        .iter()
        .all(|r| !r.resolved() && r.targets().is_empty()));
}

#[test]
fn value_entry_point_accepts_null_state() {
    let state = verity::conversation::update_conversation_value(
        Some(&Value::Null),
        &json!({"role": "system", "text": "You are a parts assistant."}),
        None,
    )
    .expect("update");
    assert_eq!(state.turn_count(), 1);
    assert_eq!(render_context(&state, 850), "");
}

const VOCABULARY: [&str; 24] = [
    "it",
    "that one",
    "those",
    "the first one",
    "the last one",
    "they",
    "HP-200",
    "hydraulic pumps",
    "seal kits",
    "order #48213",
    "BX-7731",
    "2",
    "three of them",
    "this valve",
    "is",
    "in stock?",
    "ünïcödé",
    "😀",
    "the",
    ".",
    "PTO units",
    "GP-45 Gear Pump",
    "and",
    "\u{200b}",
];

fn conversation() -> impl Strategy<Value = Vec<(bool, String)>> {
    prop::collection::vec(
        (
            any::<bool>(),
            prop::collection::vec(prop::sample::select(VOCABULARY.to_vec()), 1..30),
        ),
        1..25,
    )
    .prop_map(|turns| {
        turns
            .into_iter()
            .map(|(u, words)| (u, words.join(" ")))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn render_never_exceeds_the_budget(turns in conversation(), budget in 0usize..1200) {
        let catalog = parts();
        let mut state: Option<ConversationState> = None;
        for (is_user, text) in turns {
            let role = if is_user { Role::User } else { Role::Assistant };
            let Ok(turn) = Turn::new(role, text, None) else { continue };
            state = Some(update_conversation(state.as_ref(), &turn, Some(&catalog)).expect("update"));
            let current = state.as_ref().expect("state");
            let rendered = render_context(current, budget);
            prop_assert!(rendered.chars().count() <= budget);
            prop_assert_eq!(&rendered, &render_context(current, budget));
            let reread = ConversationState::from_value(&serde_json::to_value(current).expect("json"));
            prop_assert_eq!(reread.as_ref(), Ok(current));
        }
    }

    #[test]
    fn any_text_is_handled_without_panicking(text in "\\PC{1,400}") {
        if let Ok(turn) = Turn::new(Role::User, text, None) {
            let state = update_conversation(None, &turn, Some(&parts())).expect("update");
            prop_assert!(render_context(&state, 850).chars().count() <= 850);
        }
    }
}
