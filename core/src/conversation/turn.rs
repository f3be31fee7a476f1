//! One chat turn as the host passes it: `{role, text, turn_index?}`.

use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Longest turn text accepted, in characters (Unicode scalar values).
pub const MAX_TURN_CHARS: usize = 16 * 1024;

/// Who spoke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The customer.
    User,
    /// The model's reply.
    Assistant,
    /// A system/operator message.
    System,
}

/// A validated turn: a known role and non-blank text of at most
/// [`MAX_TURN_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Turn {
    role: Role,
    text: String,
    turn_index: Option<u64>,
}

#[derive(Deserialize)]
struct TurnJson {
    role: Role,
    text: String,
    #[serde(default)]
    turn_index: Option<u64>,
}

impl Turn {
    /// A turn; `turn_index` defaults to the one after the state's last turn.
    pub fn new(role: Role, text: impl Into<String>, turn_index: Option<u64>) -> Result<Turn> {
        let text = text.into();
        if text.trim().is_empty() {
            return Err(Error::invalid_input(
                "$.text",
                "a turn's text must not be empty",
            ));
        }
        let chars = text.chars().count();
        if chars > MAX_TURN_CHARS {
            return Err(Error::new(
                ErrorKind::TooLarge,
                "$.text",
                format!("a turn is at most {MAX_TURN_CHARS} characters, got {chars}"),
            ));
        }
        Ok(Turn {
            role,
            text,
            turn_index,
        })
    }

    /// Parses `{role, text, turn_index?}`; errors name `$.role`, `$.text`, `$.turn_index`.
    pub fn from_value(value: &Value) -> Result<Turn> {
        if !value.is_object() {
            return Err(Error::invalid_input(
                "$",
                format!("a turn is an object, got {}", crate::json::type_name(value)),
            ));
        }
        for field in ["role", "text"] {
            if value.get(field).is_none() {
                return Err(Error::missing_field(format!("$.{field}")));
            }
        }
        let parsed: TurnJson = crate::json::from_value(value)?;
        Turn::new(parsed.role, parsed.text, parsed.turn_index)
    }

    /// Parses an array of turns; errors name `$[i].role` etc.
    pub fn list_from_value(value: &Value) -> Result<Vec<Turn>> {
        let Some(items) = value.as_array() else {
            return Err(Error::invalid_input("$", "turns are an array"));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, t)| Turn::from_value(t).map_err(|e| e.under(&format!("$[{i}]"))))
            .collect()
    }

    /// Who spoke.
    pub fn role(&self) -> Role {
        self.role
    }
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The explicit index, if given.
    pub fn turn_index(&self) -> Option<u64> {
        self.turn_index
    }
}
