//! conversation — entities, reference resolution and a compact context block
//! for a chat about a product catalogue (seed 002).
//!
//! What it decides, turn by turn ([`update_conversation`], pure):
//! - which entities a turn mentions: catalogue products and categories
//!   ([`Catalog`], a multi-pattern matcher built once), order numbers and
//!   part numbers by documented patterns (`extract.rs`), quantities;
//! - what each reference in a user turn (`it`, `that one`, `the second one`,
//!   `they`, `those pumps`…) points at, or that it stays unresolved
//!   (never guessed; `resolve.rs` has the rules);
//! - whether the user switched topic (category, or product without one), with
//!   salience decay and pruning so the stored state stays bounded
//!   ([`MAX_ENTITIES`] entities, names ≤ [`MAX_NAME_CHARS`] characters);
//! - the context block for the prompt ([`render_context`]), under a character
//!   budget ([`DEFAULT_CONTEXT_BUDGET`] = 850).
//!
//! The update report of a turn (mentions, quantities, resolutions, topic
//! switch) is stored in the returned state as `last_turn`, so the host reads
//! it from the value it stores anyway. [`replay_conversation`] folds the
//! update over a whole conversation (conformance vectors use it).
//!
//! What it never does: I/O, clocks, randomness, language models. It does not
//! understand language beyond the documented word patterns; references are
//! resolved only in user turns (assistant and system turns contribute
//! mentions and lists).

mod catalog;
mod extract;
mod lexicon;
mod refs;
mod render;
mod report;
mod resolve;
mod state;
mod text;
mod topic;
mod turn;
mod update;

pub use catalog::{Catalog, CatalogCategory, CatalogProduct, MAX_CATALOG_ENTRIES, MAX_NAME_CHARS};
pub use render::{render_context, DEFAULT_CONTEXT_BUDGET, MIN_CUT_LINE_CHARS};
pub use report::{
    Mention, QuantityMention, ReferenceKind, Resolution, Target, TurnReport, UnresolvedReason,
};
pub use state::{
    entity_key, ConversationState, Entity, EntityKind, ListMemo, Topic, FORMAT_VERSION,
    MAX_ENTITIES, MAX_LIST_ITEMS, MAX_REPORT_ITEMS,
};
pub use turn::{Role, Turn, MAX_TURN_CHARS};
pub use update::MAX_NEW_ENTITIES_PER_TURN;

use crate::error::Result;
use serde::Serialize;
use serde_json::Value;

/// Applies one turn to a state (`None` = a new conversation) and returns the
/// new state; the input state is not changed. The turn's report is
/// `state.last_turn()`.
pub fn update_conversation(
    state: Option<&ConversationState>,
    turn: &Turn,
    catalog: Option<&Catalog>,
) -> Result<ConversationState> {
    update::apply(state, turn, catalog)
}

/// [`update_conversation`] on JSON values as a host stores them: `state`
/// `None` or JSON `null` starts a conversation. Errors name the path inside
/// the argument at fault (`$.format_version` of the state, `$.role` of the turn).
pub fn update_conversation_value(
    state: Option<&Value>,
    turn: &Value,
    catalog: Option<&Catalog>,
) -> Result<ConversationState> {
    let state = match state {
        None | Some(Value::Null) => None,
        Some(v) => Some(ConversationState::from_value(v)?),
    };
    let turn = Turn::from_value(turn)?;
    update_conversation(state.as_ref(), &turn, catalog)
}

/// A whole conversation replayed from an empty state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replay {
    resolutions: Vec<Resolution>,
    topic_switches: Vec<u64>,
    state: ConversationState,
}

impl Replay {
    /// Every reference of every user turn, in order.
    pub fn resolutions(&self) -> &[Resolution] {
        &self.resolutions
    }
    /// Indexes of the turns that switched topic.
    pub fn topic_switches(&self) -> &[u64] {
        &self.topic_switches
    }
    /// The final state.
    pub fn state(&self) -> &ConversationState {
        &self.state
    }
}

/// Folds [`update_conversation`] over `turns` from an empty state. An error
/// in turn `i` is reported under `$[i]`.
pub fn replay_conversation(turns: &[Turn], catalog: Option<&Catalog>) -> Result<Replay> {
    let mut state = ConversationState::new();
    let mut resolutions = Vec::new();
    let mut topic_switches = Vec::new();
    for (i, turn) in turns.iter().enumerate() {
        state = update_conversation(Some(&state), turn, catalog)
            .map_err(|e| e.under(&format!("$[{i}]")))?;
        if let Some(report) = state.last_turn() {
            resolutions.extend(report.resolutions().iter().cloned());
            if report.topic_switch() {
                topic_switches.push(report.turn_index());
            }
        }
    }
    Ok(Replay {
        resolutions,
        topic_switches,
        state,
    })
}
