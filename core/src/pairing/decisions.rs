//! The host's tie-break answers: `{"decisions": [{"front": ID, "back": ID or
//! null}]}` (a bare array too), `null` meaning none of the candidates. Each
//! front may be decided once; the engine checks that every decision answers
//! an open tie-break with one of its candidates.

use crate::error::{field_path, index_path, Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashSet;

/// Host decisions for tie-breaks: `{"decisions": [{"front": ID, "back": ID or null}]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Decisions {
    decisions: Vec<Decision>,
}

/// One host decision: `back: None` means none of the candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    front: String,
    back: Option<String>,
}

impl Decision {
    /// A decision for `front`.
    pub fn new(front: impl Into<String>, back: Option<String>) -> Self {
        Decision {
            front: front.into(),
            back,
        }
    }
    /// The ambiguous front this decides.
    pub fn front(&self) -> &str {
        &self.front
    }
    /// The chosen back, or `None` for none of the candidates.
    pub fn back(&self) -> Option<&str> {
        self.back.as_deref()
    }
}

impl Decisions {
    /// Decisions from a list.
    pub fn new(decisions: Vec<Decision>) -> Self {
        Decisions { decisions }
    }

    /// Parses `{"decisions": [...]}` (or a bare array); a front decided twice is an error.
    pub fn from_value(doc: &Value) -> Result<Self> {
        let (list, root) = match doc {
            Value::Array(list) => (list, "$"),
            Value::Object(map) => match map.get("decisions") {
                Some(Value::Array(list)) => (list, "$.decisions"),
                Some(_) => {
                    return Err(Error::invalid_input(
                        "$.decisions",
                        "expected an array of decisions",
                    ))
                }
                None => return Err(Error::missing_field("$.decisions")),
            },
            _ => return Err(Error::invalid_input("$", "expected {\"decisions\": [...]}")),
        };
        let mut seen = HashSet::new();
        let mut decisions = Vec::with_capacity(list.len());
        for (i, d) in list.iter().enumerate() {
            let path = index_path(root, i);
            let decision: Decision = crate::json::from_value(d).map_err(|e| e.under(&path))?;
            if !seen.insert(decision.front.clone()) {
                return Err(Error::invalid_input(
                    field_path(&path, "front"),
                    format!("front {:?} is decided twice", decision.front),
                ));
            }
            decisions.push(decision);
        }
        Ok(Decisions { decisions })
    }

    /// The decisions in input order.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }
}
