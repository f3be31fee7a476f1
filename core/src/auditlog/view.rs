//! A borrowed view of one JSONL entry line: the verifier's fast path.
//!
//! Strings without escapes are borrowed from the line instead of copied;
//! the accepted shape is exactly [`super::LogEntry`]'s (same fields, same
//! checks), so a line that fails here is re-parsed by `LogEntry` only to
//! produce the error naming the field.

use super::entry::{HexHash, Seq};
use super::hash::HashedFields;
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntryView<'a> {
    seq: Seq,
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow)]
    timestamp: Cow<'a, str>,
    #[serde(borrow)]
    subsystem: Cow<'a, str>,
    #[serde(borrow)]
    event: Cow<'a, str>,
    payload: Value,
    prev_hash: HexHash,
    hash: HexHash,
}

impl EntryView<'_> {
    pub(crate) fn fields(&self) -> HashedFields<'_> {
        HashedFields {
            seq: self.seq.0,
            id: self.id.as_deref(),
            timestamp: &self.timestamp,
            subsystem: &self.subsystem,
            event: &self.event,
            payload: &self.payload,
            prev_hash: &self.prev_hash.0,
        }
    }

    pub(crate) fn hash(&self) -> &[u8; 32] {
        &self.hash.0
    }
}
