//! dedup — RFC 8785 canonical JSON, template config hashes, prompt hashes,
//! idempotency keys and the in-memory `DedupIndex`.
//!
//! (Skeleton: the dedup issue replaces the placeholder below with the exact
//! RFC 8785 implementation; the signature stays.)

use crate::error::Result;
use serde_json::Value;

/// RFC 8785 canonical bytes of a parsed JSON value.
pub fn canonical_json(value: &Value) -> Result<Vec<u8>> {
    // Placeholder until the dedup issue lands: serde_json's default map is a
    // BTreeMap, so keys are sorted (by UTF-8 bytes, not yet UTF-16 units).
    Ok(serde_json::to_vec(value).expect("serialising a Value cannot fail"))
}
