//! Runs `tests/vectors/conversation/*.json` (the shared vector format) and
//! measures reference-resolution accuracy on the held-out conversations.

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use support::vectors::{self, substitute_fixtures as resolve_fixtures};
use verity::conversation::{
    render_context, replay_conversation, update_conversation_value, Catalog, ConversationState,
    Turn, DEFAULT_CONTEXT_BUDGET,
};
use verity::Error;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn catalog_arg(args: &Value) -> Result<Option<Catalog>, Error> {
    match args.get("catalog") {
        None | Some(Value::Null) => Ok(None),
        Some(v) => Catalog::from_value(v).map(Some),
    }
}

fn run(op: &str, args: &Value) -> Result<Value, Error> {
    let to_json = |v: &dyn erased::Ser| v.json();
    match op {
        "update_conversation" => {
            let catalog = catalog_arg(args)?;
            let turn = args.get("turn").cloned().unwrap_or(Value::Null);
            let state = update_conversation_value(args.get("state"), &turn, catalog.as_ref())?;
            Ok(to_json(&state))
        }
        "render_context" => {
            let state = ConversationState::from_value(args.get("state").unwrap_or(&Value::Null))?;
            let budget = args
                .get("budget")
                .and_then(Value::as_u64)
                .map_or(DEFAULT_CONTEXT_BUDGET, |b| b as usize);
            Ok(Value::String(render_context(&state, budget)))
        }
        "replay_conversation" => {
            let catalog = catalog_arg(args)?;
            let turns = Turn::list_from_value(args.get("turns").unwrap_or(&Value::Null))?;
            let replay = replay_conversation(&turns, catalog.as_ref())?;
            Ok(to_json(&replay))
        }
        other => panic!("unknown op {other}"),
    }
}

mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serialisable")
        }
    }
}

#[test]
fn all_conversation_vectors_pass() {
    let count = vectors::run_module("conversation", &run);
    assert!(
        count >= 60,
        "expected the full vector set, found {count} cases"
    );
}

/// Resolution accuracy over the held-out set: a reference counts as correct
/// when the same phrase in the same turn resolves to exactly the expected
/// entities (or stays unresolved when expected to); a reference found but
/// not expected counts against accuracy too.
fn accuracy_of(relative: &str) -> (f64, usize) {
    let doc: Value =
        serde_json::from_slice(&std::fs::read(repo().join(relative)).expect("read")).expect("json");
    let (mut expected_total, mut correct, mut spurious, mut switch_cases_ok, mut cases) =
        (0, 0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in doc["cases"].as_array().expect("cases") {
        cases += 1;
        let actual = run("replay_conversation", &resolve_fixtures(&case["args"])).expect("replay");
        let mut unmatched: Vec<&Value> = actual["resolutions"]
            .as_array()
            .expect("array")
            .iter()
            .collect();
        for exp in case["expected"]["resolutions"].as_array().expect("array") {
            expected_total += 1;
            let position = unmatched
                .iter()
                .position(|a| a["turn_index"] == exp["turn_index"] && a["phrase"] == exp["phrase"]);
            let good = position.is_some_and(|p| {
                let a = unmatched[p];
                let names = |v: &Value| -> Vec<Value> {
                    v["targets"]
                        .as_array()
                        .map(|t| t.iter().map(|x| x["name"].clone()).collect())
                        .unwrap_or_default()
                };
                a["resolved"] == exp["resolved"] && names(a) == names(exp)
            });
            if let Some(p) = position {
                let a = unmatched.remove(p);
                if !good {
                    misses.push(format!("{}: expected {exp} got {a}", case["name"]));
                }
            } else {
                misses.push(format!("{}: expected {exp}, not detected", case["name"]));
            }
            correct += usize::from(good);
        }
        spurious += unmatched.len();
        for a in unmatched {
            misses.push(format!("{}: unexpected {a}", case["name"]));
        }
        if actual["topic_switches"] == case["expected"]["topic_switches"] {
            switch_cases_ok += 1;
        } else {
            misses.push(format!(
                "{}: topic switches {} expected {}",
                case["name"], actual["topic_switches"], case["expected"]["topic_switches"]
            ));
        }
    }
    let accuracy = correct as f64 / (expected_total + spurious) as f64;
    println!(
        "{relative}: {cases} conversations, {expected_total} references, {correct} correct, {spurious} spurious: \
         resolution accuracy {:.1}%; topic switches exact in {switch_cases_ok}/{cases} conversations",
        accuracy * 100.0
    );
    for m in &misses {
        println!("  miss: {m}");
    }
    (accuracy, cases)
}

#[test]
fn heldout_resolution_accuracy_is_at_least_95_percent() {
    let (accuracy, cases) = accuracy_of("tests/vectors/conversation/heldout.json");
    assert!(cases >= 40);
    assert!(accuracy >= 0.95, "accuracy {accuracy:.3} below 0.95");
}

/// The blind set was written after the implementation without looking at
/// its rules. First run: 59.3% (16 of 26 references right, 1 spurious).
/// Five general rules its misses exposed were then fixed (pronouns prefer
/// items over categories, an assistant's single answer to a category
/// question takes the focus, counted plurals may mean units of one product,
/// `that's all`-style remarks, topic from the first item): 84.6%, which is
/// therefore no longer a blind figure. After the blind2 rules: 88.5%; then
/// 85.2% (23 of 26, 1 spurious) once comparative picks are reported:
/// `the cheaper one` is now found and left unresolved, and this set lists
/// no expectation for it. The floor guards against regressions.
#[test]
fn blind_resolution_accuracy_is_reported() {
    let (accuracy, cases) = accuracy_of("tests/golden/conversation/blind.json");
    assert!(cases >= 20);
    assert!(
        accuracy >= BLIND_FLOOR,
        "accuracy {accuracy:.3} below the floor {BLIND_FLOOR}"
    );
}

const BLIND_FLOOR: f64 = 0.85;

/// The fresh set was written after the blind-set fixes. First run: 85.7%
/// (18 of 20 references right, 1 spurious) — the honest estimate. One rule
/// was then removed because the spec forbids guessing (a plural with no
/// plural antecedent fell back to a singular one): 90.5%. Later, `its` typed
/// for `it's` (one of its misses) was handled: 95.0%, so no longer blind.
/// After the blind2 rules (a plural over items named in different turns):
/// 100% (20 of 20).
#[test]
fn fresh_resolution_accuracy_is_reported() {
    let (accuracy, cases) = accuracy_of("tests/golden/conversation/fresh.json");
    assert!(cases >= 15);
    assert!(
        accuracy >= FRESH_FLOOR,
        "accuracy {accuracy:.3} below the floor {FRESH_FLOOR}"
    );
}

const FRESH_FLOOR: f64 = 0.99;

/// The second fresh set was written after every rule change and never tuned
/// on. First run: 63.2%; 66.7% (12 of 17 right, 1 spurious) after moving one
/// expectation filed under the wrong turn. After the blind2 rules (`X it
/// is`, `a tub of those`, `the latter` alone, attached nouns, picks in
/// words): 88.9% (16 of 17 right, 1 spurious: `the pea one`, resolved
/// correctly but not listed in this set). Its misses informed those rules,
/// so it is no longer untuned.
#[test]
fn fresh2_resolution_accuracy_is_reported() {
    let (accuracy, cases) = accuracy_of("tests/golden/conversation/fresh2.json");
    assert!(cases >= 15);
    assert!(
        accuracy >= FRESH2_FLOOR,
        "accuracy {accuracy:.3} below the floor {FRESH2_FLOOR}"
    );
}

const FRESH2_FLOOR: f64 = 0.88;

/// The second blind set (26 conversations over three catalogues, including
/// electronics accessories) was written before any further resolver change,
/// without reading the resolver code (only the README's rule table). First
/// run: 68.6% (24 of 34 references right, 1 spurious); topic switches exact
/// in 20/26 conversations. Its misses then drove general rules (see
/// `conversation_rules.rs`): 79.4% (27 of 34, 0 spurious), topic switches
/// 24/26 — a tuned figure from here on.
#[test]
fn blind2_resolution_accuracy_is_reported() {
    let (accuracy, cases) = accuracy_of("tests/golden/conversation/blind2.json");
    assert!(cases >= 20);
    assert!(
        accuracy >= BLIND2_FLOOR,
        "accuracy {accuracy:.3} below the floor {BLIND2_FLOOR}"
    );
}

const BLIND2_FLOOR: f64 = 0.79;

/// The third fresh set (18 conversations) was written after the rule
/// changes the second blind set prompted, and run once before any further
/// change. First run: 69.6% (16 of 23 references right, 0 spurious); topic
/// switches exact in 16/18 conversations — the honest estimate after the
/// blind2 work. Two of its misses then drove a fix (a number hyphenated to
/// a unit is not a part number) and a rule (a pronoun is not the subject of
/// its own clause): 78.3% (18 of 23), tuned from here on.
#[test]
fn fresh3_resolution_accuracy_is_reported() {
    let (accuracy, cases) = accuracy_of("tests/golden/conversation/fresh3.json");
    assert!(cases >= 15);
    assert!(
        accuracy >= FRESH3_FLOOR,
        "accuracy {accuracy:.3} below the floor {FRESH3_FLOOR}"
    );
}

const FRESH3_FLOOR: f64 = 0.78;
