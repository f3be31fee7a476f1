//! The stored conversation metadata and its validation.
//!
//! [`ConversationState`] is what the host keeps between turns (e.g. a JSONB
//! column). It is bounded: at most [`MAX_ENTITIES`] entities, names at most
//! [`super::MAX_NAME_CHARS`] characters, one remembered list of at most
//! [`MAX_LIST_ITEMS`], and the report of the last turn only (at most
//! [`MAX_REPORT_ITEMS`] mentions, quantities and resolutions). A state read
//! back is checked before use: a newer `format_version` is refused
//! (`unsupported_version`), a wrong type or a broken invariant is a typed
//! error naming the field (`$.entities[2].last_mention_turn`).

use super::catalog::MAX_NAME_CHARS;
use super::report::TurnReport;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// The state format this version writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Most entities kept; the least salient, oldest are pruned first.
pub const MAX_ENTITIES: usize = 16;
/// Most mentions, quantities and resolutions kept in the turn report (the
/// first ones in text order).
pub const MAX_REPORT_ITEMS: usize = 32;
/// Most members of the remembered list.
pub const MAX_LIST_ITEMS: usize = 10;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A catalogue product.
    Product,
    /// A catalogue category.
    Category,
    /// A part number / SKU found by pattern, not in the catalogue.
    Sku,
    /// An order number found by pattern.
    Order,
}

impl EntityKind {
    /// Stable snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Product => "product",
            EntityKind::Category => "category",
            EntityKind::Sku => "sku",
            EntityKind::Order => "order",
        }
    }

    /// Products and part numbers: the things a customer buys.
    pub(crate) fn is_item(self) -> bool {
        matches!(self, EntityKind::Product | EntityKind::Sku)
    }
}

/// The stable key of an entity: `kind:lower-cased name`.
pub fn entity_key(kind: EntityKind, name: &str) -> String {
    format!("{}:{}", kind.as_str(), name.to_lowercase())
}

/// One tracked entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub(crate) key: String,
    pub(crate) kind: EntityKind,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) category: Option<String>,
    pub(crate) first_mention_turn: u64,
    pub(crate) last_mention_turn: u64,
    pub(crate) mention_count: u32,
    /// Whether the most recent mention was plural (`pumps`, `those`).
    pub(crate) plural: bool,
    /// Relevance 0..=100: set on mention, decays each turn, halved when the topic moves away.
    pub(crate) salience: u32,
    /// The quantity the user last asked for, if any.
    #[serde(default)]
    pub(crate) quantity: Option<u64>,
}

impl Entity {
    /// `kind:lower-cased name`.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// Kind of entity.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }
    /// Canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Category (products only).
    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
    }
    /// Turn index of the first mention.
    pub fn first_mention_turn(&self) -> u64 {
        self.first_mention_turn
    }
    /// Turn index of the latest mention (or resolved reference).
    pub fn last_mention_turn(&self) -> u64 {
        self.last_mention_turn
    }
    /// Mentions and resolved references so far.
    pub fn mention_count(&self) -> u32 {
        self.mention_count
    }
    /// Whether the latest mention was plural.
    pub fn plural(&self) -> bool {
        self.plural
    }
    /// Relevance 0..=100.
    pub fn salience(&self) -> u32 {
        self.salience
    }
    /// Quantity the user asked for, if any.
    pub fn quantity(&self) -> Option<u64> {
        self.quantity
    }

    /// What a topic is: a product's category, otherwise the entity itself.
    pub(crate) fn topic(&self) -> Topic {
        match (&self.kind, &self.category) {
            (EntityKind::Product, Some(category)) => Topic {
                key: entity_key(EntityKind::Category, category),
                name: category.clone(),
            },
            _ => Topic {
                key: self.key.clone(),
                name: self.name.clone(),
            },
        }
    }
}

/// The subject of the conversation: a category, or one product/part/order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub(crate) key: String,
    pub(crate) name: String,
}

impl Topic {
    /// Key of the category or entity.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// Readable name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The most recent list of two or more items (or categories, or orders)
/// mentioned in one turn: what "the second one" and "they" point at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListMemo {
    pub(crate) turn_index: u64,
    pub(crate) keys: Vec<String>,
}

impl ListMemo {
    /// Turn the list was mentioned in.
    pub fn turn_index(&self) -> u64 {
        self.turn_index
    }
    /// Entity keys, in the order mentioned.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }
}

/// Conversation metadata, stored by the host between turns.
///
/// `entities` are in first-mention order. Immutable: every update returns a
/// new state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationState {
    pub(crate) format_version: u32,
    pub(crate) turn_count: u64,
    pub(crate) last_turn_index: Option<u64>,
    pub(crate) topic: Option<Topic>,
    pub(crate) focus: Option<String>,
    pub(crate) entities: Vec<Entity>,
    pub(crate) last_list: Option<ListMemo>,
    pub(crate) last_turn: Option<TurnReport>,
}

impl Default for ConversationState {
    fn default() -> Self {
        ConversationState {
            format_version: FORMAT_VERSION,
            turn_count: 0,
            last_turn_index: None,
            topic: None,
            focus: None,
            entities: Vec::new(),
            last_list: None,
            last_turn: None,
        }
    }
}

impl ConversationState {
    /// An empty state (before the first turn).
    pub fn new() -> Self {
        Self::default()
    }
    /// Always [`FORMAT_VERSION`] for states this version produced.
    pub fn format_version(&self) -> u32 {
        self.format_version
    }
    /// Turns applied so far.
    pub fn turn_count(&self) -> u64 {
        self.turn_count
    }
    /// Index of the latest turn applied.
    pub fn last_turn_index(&self) -> Option<u64> {
        self.last_turn_index
    }
    /// Current topic.
    pub fn topic(&self) -> Option<&Topic> {
        self.topic.as_ref()
    }
    /// Key of the entity the user is talking about, if one is clear.
    pub fn focus(&self) -> Option<&str> {
        self.focus.as_deref()
    }
    /// Tracked entities, in first-mention order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    /// The remembered list.
    pub fn last_list(&self) -> Option<&ListMemo> {
        self.last_list.as_ref()
    }
    /// What the latest update found.
    pub fn last_turn(&self) -> Option<&TurnReport> {
        self.last_turn.as_ref()
    }

    pub(crate) fn entity(&self, key: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.key == key)
    }

    /// Reads a stored state: version first, then shape, then invariants.
    pub fn from_value(value: &Value) -> Result<ConversationState> {
        let Some(object) = value.as_object() else {
            return Err(Error::invalid_input(
                "$",
                format!(
                    "a conversation state is an object, got {}",
                    crate::json::type_name(value)
                ),
            ));
        };
        let version = object
            .get("format_version")
            .ok_or_else(|| Error::missing_field("$.format_version"))?;
        let Some(version) = version.as_u64() else {
            return Err(Error::invalid_input(
                "$.format_version",
                "expected a non-negative integer",
            ));
        };
        if version != u64::from(FORMAT_VERSION) {
            return Err(Error::new(
                ErrorKind::UnsupportedVersion,
                "$.format_version",
                format!("state format {version} is not supported; this version reads format {FORMAT_VERSION}"),
            ));
        }
        let state: ConversationState = crate::json::from_value(value)?;
        state.validate()?;
        Ok(state)
    }

    fn validate(&self) -> Result<()> {
        let broken = |path: String, message: &str| {
            Err(Error::new(ErrorKind::InvariantViolation, path, message))
        };
        if self.entities.len() > MAX_ENTITIES {
            return broken(
                "$.entities".into(),
                "more entities than the documented bound",
            );
        }
        let mut keys = HashSet::new();
        for (i, e) in self.entities.iter().enumerate() {
            let at = format!("$.entities[{i}]");
            if e.name.trim().is_empty() || e.name.chars().count() > MAX_NAME_CHARS {
                return broken(format!("{at}.name"), "name is empty or too long");
            }
            if e.key != entity_key(e.kind, &e.name) || !keys.insert(e.key.as_str()) {
                return broken(format!("{at}.key"), "key is not kind:name or is duplicated");
            }
            if e.first_mention_turn > e.last_mention_turn {
                return broken(
                    format!("{at}.first_mention_turn"),
                    "first mention after last mention",
                );
            }
            if self
                .last_turn_index
                .is_none_or(|last| e.last_mention_turn > last)
            {
                return broken(
                    format!("{at}.last_mention_turn"),
                    "mention after the last turn",
                );
            }
            if e.mention_count == 0 {
                return broken(
                    format!("{at}.mention_count"),
                    "an entity is mentioned at least once",
                );
            }
            if e.salience > 100 {
                return broken(format!("{at}.salience"), "salience is 0..=100");
            }
        }
        if let Some(focus) = &self.focus {
            if !keys.contains(focus.as_str()) {
                return broken("$.focus".into(), "focus names no tracked entity");
            }
        }
        if let Some(list) = &self.last_list {
            if list.keys.len() < 2 || list.keys.len() > MAX_LIST_ITEMS {
                return broken("$.last_list.keys".into(), "a list has 2 to 10 members");
            }
            for (i, k) in list.keys.iter().enumerate() {
                if !keys.contains(k.as_str()) {
                    return broken(
                        format!("$.last_list.keys[{i}]"),
                        "list member is not a tracked entity",
                    );
                }
            }
        }
        if let Some(report) = &self.last_turn {
            let sizes = [
                ("mentions", report.mentions.len()),
                ("quantities", report.quantities.len()),
                ("resolutions", report.resolutions.len()),
            ];
            for (field, size) in sizes {
                if size > MAX_REPORT_ITEMS {
                    return broken(
                        format!("$.last_turn.{field}"),
                        "more items than the documented bound",
                    );
                }
            }
        }
        if (self.turn_count == 0) != self.last_turn_index.is_none() {
            return broken(
                "$.turn_count".into(),
                "turn_count and last_turn_index disagree",
            );
        }
        Ok(())
    }
}
