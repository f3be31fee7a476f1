//! Every state the held-out conversations produce (after each turn) conforms
//! to `tests/schemas/conversation/state.schema.json` (validation:
//! `support::schema`).

mod support;

use support::{schema, tests_json};
use verity::conversation::{update_conversation, Catalog, ConversationState, Turn};

#[test]
fn every_state_of_the_heldout_conversations_matches_the_schema() {
    let schema = schema::load("conversation/state");
    let vectors = tests_json("vectors/conversation/heldout.json");
    let mut checked = 0;
    for case in vectors["cases"].as_array().expect("cases") {
        let catalog = case["args"]["catalog"]["$fixture"]
            .as_str()
            .map(|f| Catalog::from_value(&tests_json(&format!("fixtures/{f}"))).expect("catalog"));
        let mut state: Option<ConversationState> = None;
        for t in case["args"]["turns"].as_array().expect("turns") {
            let turn = Turn::from_value(t).expect("turn");
            let next =
                update_conversation(state.as_ref(), &turn, catalog.as_ref()).expect("update");
            let value = serde_json::to_value(&next).expect("json");
            schema.assert_valid(&value, &case["name"].to_string());
            checked += 1;
            state = Some(next);
        }
    }
    assert!(checked > 150, "{checked}");
}

#[test]
fn the_checker_rejects_a_corrupt_state() {
    let schema = schema::load("conversation/state");
    let bad = serde_json::json!({"format_version": 2, "turn_count": 0, "last_turn_index": null, "topic": null,
        "focus": null, "entities": [{"key": "x"}], "last_list": null, "last_turn": null, "extra": 1});
    schema.assert_rejects(
        &bad,
        &[
            "$.format_version: enum",
            "$.entities[0]: required: \"name\"",
            "$: additionalProperties: Additional properties are not allowed ('extra'",
        ],
    );
}
