//! conversation: entities per turn, reference resolution, topic switches and
//! the compact context block, over a state the host stores as JSON.
//!
//! `Catalog` is a class because building its multi-pattern matcher is the
//! expensive part: build it once per catalogue, pass it to every turn.
//! Functions also accept a catalogue document and build it per call.

use crate::error::{call, Failure};
use crate::input;
use crate::output::Json;
use napi::bindgen_prelude::{ClassInstance, FromNapiValue, Unknown};
use napi::{Env, ValueType};
use napi_derive::napi;
use serde_json::Value;
use std::sync::Arc;
use verity::conversation::{
    self, Catalog as CoreCatalog, ConversationState, Turn, DEFAULT_CONTEXT_BUDGET,
};

/// A product catalogue (`{products: [{name, category?, aliases?...}], categories: [...]}`)
/// compiled once for entity matching.
#[napi]
pub struct Catalog {
    inner: Arc<CoreCatalog>,
}

#[napi]
impl Catalog {
    /// Compiles a catalogue document (object | JSON text | bytes).
    #[napi(constructor, ts_args_type = "catalog: CatalogInput | JsonInput")]
    pub fn new(env: Env, catalog: Unknown) -> napi::Result<Self> {
        call(&env, || {
            let doc = input::document(&env, catalog)?;
            Ok(Catalog {
                inner: Arc::new(CoreCatalog::from_value(&doc)?),
            })
        })
    }

    /// Number of products and categories.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.len()).unwrap_or(u32::MAX)
    }
}

/// A `Catalog` instance, a catalogue document, or nothing.
fn catalog_arg(env: &Env, arg: Option<Unknown>) -> Result<Option<Arc<CoreCatalog>>, Failure> {
    let Some(arg) = arg else { return Ok(None) };
    match arg.get_type()? {
        ValueType::Undefined | ValueType::Null => return Ok(None),
        ValueType::Object => {
            if let Ok(instance) = ClassInstance::<Catalog>::from_unknown(arg) {
                return Ok(Some(instance.inner.clone()));
            }
        }
        _ => {}
    }
    let doc = input::document(env, arg)?;
    Ok(Some(Arc::new(CoreCatalog::from_value(&doc)?)))
}

/// A stored state (`null`/`undefined`: a new conversation).
fn state_arg(env: &Env, arg: Option<Unknown>) -> Result<Option<Value>, Failure> {
    input::optional_document(env, arg)
}

/// Applies one turn (`{role, text}`) to a stored state (`null` starts a conversation) and
/// returns the new state; the turn's report is its `last_turn`.
#[napi(
    ts_args_type = "state: ConversationState | JsonInput | null, turn: ConversationTurn, catalog?: Catalog | CatalogInput | JsonInput | null",
    ts_return_type = "ConversationState"
)]
pub fn update_conversation(
    env: Env,
    state: Option<Unknown>,
    turn: Unknown,
    catalog: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let catalog = catalog_arg(&env, catalog)?;
        let state = state_arg(&env, state)?;
        // A turn is a value, not a document: a string turn is refused as
        // "not an object" rather than parsed as JSON text.
        let turn = input::value(&env, turn)?;
        let next =
            conversation::update_conversation_value(state.as_ref(), &turn, catalog.as_deref())?;
        Json::frozen_of(&next)
    })
}

/// The compact context block for the prompt, under a character budget (default 850).
#[napi(ts_args_type = "state: ConversationState | JsonInput, budget?: number | null")]
pub fn render_context(env: Env, state: Unknown, budget: Option<Unknown>) -> napi::Result<String> {
    call(&env, || {
        let state = ConversationState::from_value(&input::document(&env, state)?)?;
        let budget = input::opt_uint_arg(budget, "budget")?.map_or(DEFAULT_CONTEXT_BUDGET, |b| {
            usize::try_from(b).unwrap_or(usize::MAX)
        });
        Ok(conversation::render_context(&state, budget))
    })
}

/// Folds `updateConversation` over a whole conversation from an empty state:
/// `{resolutions, topic_switches, state}`; an error in turn `i` is under `$[i]`.
#[napi(
    ts_args_type = "turns: ReadonlyArray<ConversationTurn> | string | Uint8Array, catalog?: Catalog | CatalogInput | JsonInput | null",
    ts_return_type = "ConversationReplay"
)]
pub fn replay_conversation(
    env: Env,
    turns: Unknown,
    catalog: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let catalog = catalog_arg(&env, catalog)?;
        let turns = Turn::list_from_value(&input::document(&env, turns)?)?;
        Json::frozen_of(&conversation::replay_conversation(
            &turns,
            catalog.as_deref(),
        )?)
    })
}
