//! The entry hash: the exact byte format another implementation reproduces.
//!
//! ```text
//! message = "verity.auditlog.v1" 0x00          (19 bytes: ASCII tag + NUL)
//!        || prev_hash                          (32 raw bytes; genesis = 32 zero bytes)
//!        || JCS(entry without "hash")          (RFC 8785 canonical JSON, UTF-8)
//! hash    = lowercase hex of SHA-256(message)  (64 characters)
//! ```
//!
//! "entry without hash" is the JSON object with exactly these members:
//! `seq` (integer), `timestamp`, `subsystem`, `event` (strings), `payload`
//! (any JSON; `null` when the event had none), `prev_hash` (64 lowercase hex
//! characters) and `id` (string) **only when the entry has one** — an absent
//! id is omitted, never `null`. RFC 8785 sorts the members, so the canonical
//! text is `{"event":…,"id":…,"payload":…,"prev_hash":…,"seq":…,"subsystem":…,"timestamp":…}`.
//!
//! The canonical text is assembled member by member (all member names are
//! ASCII, so this order is the RFC 8785 order); each string and the payload
//! go through [`crate::dedup::canonical_json`]. `prev_hash` (hex digits) and
//! `seq` (an integer ≤ 2⁵³ − 1) have one canonical spelling each and are
//! written directly.

use crate::error::Result;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Domain-separation tag that starts every hashed message (NUL included).
pub const HASH_DOMAIN: &[u8] = b"verity.auditlog.v1\0";

/// `prev_hash` of the first entry: 32 zero bytes.
pub const GENESIS_HASH: [u8; 32] = [0; 32];

/// Largest sequence number: 2⁵³ − 1, exact in every language's numbers.
pub const MAX_SEQ: u64 = (1 << 53) - 1;

/// The fields an entry hash covers.
pub(crate) struct HashedFields<'a> {
    pub seq: u64,
    pub id: Option<&'a str>,
    pub timestamp: &'a str,
    pub subsystem: &'a str,
    pub event: &'a str,
    pub payload: &'a Value,
    pub prev_hash: &'a [u8; 32],
}

/// Appends the RFC 8785 form of a JSON string. Printable ASCII other than
/// `"` and `\` is never escaped by RFC 8785, so such a string is written
/// directly in quotes; anything else goes through
/// [`crate::dedup::canonical_json`].
fn push_canonical_string(out: &mut Vec<u8>, s: &str) -> Result<()> {
    let plain = s
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\');
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(&crate::dedup::canonical_json(&Value::String(s.to_owned()))?);
    }
    Ok(())
}

/// The RFC 8785 text of the entry without its hash (the part after the
/// domain tag and raw previous hash).
pub(crate) fn canonical_entry(f: &HashedFields<'_>) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(b"{\"event\":");
    push_canonical_string(&mut out, f.event)?;
    if let Some(id) = f.id {
        out.extend_from_slice(b",\"id\":");
        push_canonical_string(&mut out, id)?;
    }
    out.extend_from_slice(b",\"payload\":");
    out.extend_from_slice(&crate::dedup::canonical_json(f.payload)?);
    out.extend_from_slice(b",\"prev_hash\":\"");
    out.extend_from_slice(&hex64(f.prev_hash));
    out.extend_from_slice(b"\",\"seq\":");
    out.extend_from_slice(f.seq.to_string().as_bytes());
    out.extend_from_slice(b",\"subsystem\":");
    push_canonical_string(&mut out, f.subsystem)?;
    out.extend_from_slice(b",\"timestamp\":");
    push_canonical_string(&mut out, f.timestamp)?;
    out.push(b'}');
    Ok(out)
}

/// 32 bytes as 64 lowercase hex characters.
pub(crate) fn hex64(bytes: &[u8; 32]) -> [u8; 64] {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, byte) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = DIGITS[usize::from(byte >> 4)];
        pair[1] = DIGITS[usize::from(byte & 0x0f)];
    }
    out
}

/// SHA-256 of the domain tag, the raw previous hash and the canonical entry.
pub(crate) fn entry_hash(f: &HashedFields<'_>) -> Result<[u8; 32]> {
    let mut hasher = Sha256::new();
    hasher.update(HASH_DOMAIN);
    hasher.update(f.prev_hash);
    hasher.update(canonical_entry(f)?);
    Ok(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn assembled_text_equals_canonical_json_of_the_object() {
        let payload = json!({"b": [1, 2.5, "x"], "a": {"é": null, "z": true}});
        for id in [None, Some("evt-é\"1")] {
            let fields = HashedFields {
                seq: 42,
                id,
                timestamp: "2025-10-01T09:14:03Z",
                subsystem: "payments\u{1F600}",
                event: "charge \"failed\"\\\n\u{7f}",
                payload: &payload,
                prev_hash: &[0xab; 32],
            };
            let mut object = json!({
                "seq": 42, "timestamp": "2025-10-01T09:14:03Z",
                "subsystem": "payments\u{1F600}", "event": "charge \"failed\"\\\n\u{7f}",
                "payload": payload, "prev_hash": hex::encode([0xab; 32]),
            });
            if let Some(id) = id {
                object["id"] = json!(id);
            }
            let expected = crate::dedup::canonical_json(&object).unwrap();
            assert_eq!(canonical_entry(&fields).unwrap(), expected);
        }
    }
}
