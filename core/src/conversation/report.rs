//! What one update found in its turn: mentions, quantities, resolved (and
//! unresolved) references, topic switch. Stored in the state as `last_turn`
//! so the host gets it from the same value it stores; lists are in text order.

use super::state::{EntityKind, Topic};
use super::turn::Role;
use serde::{Deserialize, Serialize};

/// An entity mentioned explicitly in the turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub(crate) key: String,
    pub(crate) kind: EntityKind,
    pub(crate) name: String,
    pub(crate) plural: bool,
}

impl Mention {
    /// Entity key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// Entity kind.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }
    /// Canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Mentioned in the plural (`pumps`).
    pub fn plural(&self) -> bool {
        self.plural
    }
}

/// A quantity in a user turn (`2 HP-200 pumps`, `three of them`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuantityMention {
    pub(crate) value: u64,
    pub(crate) text: String,
    /// Keys of the entities it applies to (empty when none is clear).
    pub(crate) applies_to: Vec<String>,
}

impl QuantityMention {
    /// The number.
    pub fn value(&self) -> u64 {
        self.value
    }
    /// As written (`"2"`, `"three"`).
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Entities it applies to.
    pub fn applies_to(&self) -> &[String] {
        &self.applies_to
    }
}

/// How a reference phrase points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// `it`, `its`, `this`, `that`, `this one`, `that one`, `that valve`.
    Singular,
    /// `they`, `them`, `these`, `those`, `both`, `those pumps`.
    Plural,
    /// `the first one` … `the fifth one`, `the last one`, `the former`,
    /// `the latter`, `the other one`: a member of the last list.
    Ordinal,
}

/// Why a reference stayed unresolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnresolvedReason {
    /// Nothing suitable was mentioned before.
    NoAntecedent,
    /// Several candidates fit equally well: never guessed.
    Ambiguous,
    /// An ordinal beyond the end of the last list.
    OutOfRange,
}

/// An entity a reference resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub(crate) key: String,
    pub(crate) kind: EntityKind,
    pub(crate) name: String,
}

impl Target {
    /// Entity key.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// Entity kind.
    pub fn kind(&self) -> EntityKind {
        self.kind
    }
    /// Canonical name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// One reference phrase in a user turn and what it points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub(crate) turn_index: u64,
    /// The phrase in lower case (`"that one"`, `"those pumps"`).
    pub(crate) phrase: String,
    pub(crate) kind: ReferenceKind,
    pub(crate) resolved: bool,
    /// Resolved entities (several for a plural reference to a list), in list order.
    pub(crate) targets: Vec<Target>,
    /// Set when unresolved.
    pub(crate) reason: Option<UnresolvedReason>,
}

impl Resolution {
    /// Turn the phrase is in.
    pub fn turn_index(&self) -> u64 {
        self.turn_index
    }
    /// Lower-cased phrase.
    pub fn phrase(&self) -> &str {
        &self.phrase
    }
    /// Singular, plural or ordinal.
    pub fn kind(&self) -> ReferenceKind {
        self.kind
    }
    /// Whether it resolved.
    pub fn resolved(&self) -> bool {
        self.resolved
    }
    /// Resolved entities.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }
    /// Why it stayed unresolved.
    pub fn reason(&self) -> Option<UnresolvedReason> {
        self.reason
    }
}

/// The update report of the latest turn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnReport {
    pub(crate) turn_index: u64,
    pub(crate) role: Role,
    pub(crate) mentions: Vec<Mention>,
    pub(crate) quantities: Vec<QuantityMention>,
    pub(crate) resolutions: Vec<Resolution>,
    /// The user moved to a different category/product (user turns only).
    pub(crate) topic_switch: bool,
    /// The topic before a switch.
    pub(crate) previous_topic: Option<Topic>,
}

impl TurnReport {
    /// Index of the turn.
    pub fn turn_index(&self) -> u64 {
        self.turn_index
    }
    /// Who spoke.
    pub fn role(&self) -> Role {
        self.role
    }
    /// Explicit mentions, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }
    /// Quantities, in text order.
    pub fn quantities(&self) -> &[QuantityMention] {
        &self.quantities
    }
    /// References, in text order.
    pub fn resolutions(&self) -> &[Resolution] {
        &self.resolutions
    }
    /// Whether the user switched topic.
    pub fn topic_switch(&self) -> bool {
        self.topic_switch
    }
    /// Topic before the switch.
    pub fn previous_topic(&self) -> Option<&Topic> {
        self.previous_topic.as_ref()
    }
}
