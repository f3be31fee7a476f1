//! Log entries and the pure append step.
//!
//! JSON form of an entry (one line of a `.jsonl` log):
//! `{"seq", "id"?, "timestamp", "subsystem", "event", "payload", "prev_hash", "hash"}`.
//! On input every field but `id` is required, `seq` is an integer in
//! 0..=2⁵³−1, both hashes are 64 lowercase hex characters, and unknown
//! fields are refused (a field outside the hash could be forged freely).
//! The hash itself is checked by the verifier, not here.

use super::hash::{entry_hash, HashedFields, GENESIS_HASH, MAX_SEQ};
use crate::error::{Error, ErrorKind, Result};
use crate::time::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// One sealed log entry. Immutable: fields are private, read with getters.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    seq: u64,
    id: Option<String>,
    timestamp: String,
    subsystem: String,
    event: String,
    payload: Value,
    prev_hash: [u8; 32],
    hash: [u8; 32],
}

/// An event to seal: `{"id"?, "timestamp", "subsystem", "event", "payload"?}`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogEvent {
    /// Optional host-side id (kept and hashed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// RFC 3339 UTC time ending in `Z`.
    pub timestamp: String,
    /// Emitting subsystem (non-empty).
    pub subsystem: String,
    /// Event name (non-empty), e.g. `action.failed`.
    pub event: String,
    /// Any JSON; `null` when absent.
    #[serde(default)]
    pub payload: Value,
}

impl LogEvent {
    /// Parses an event from JSON; errors name the field (`$.timestamp`, ...).
    pub fn from_value(value: &Value) -> Result<Self> {
        crate::json::from_value(value)
    }
}

impl LogEntry {
    /// Sequence number: 0 for the first entry, +1 for each next one.
    pub fn seq(&self) -> u64 {
        self.seq
    }
    /// The host's id, if any.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
    /// RFC 3339 timestamp text as sealed.
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }
    /// Emitting subsystem.
    pub fn subsystem(&self) -> &str {
        &self.subsystem
    }
    /// Event name.
    pub fn event(&self) -> &str {
        &self.event
    }
    /// Event payload.
    pub fn payload(&self) -> &Value {
        &self.payload
    }
    /// Raw previous hash (zeros for the first entry).
    pub fn prev_hash(&self) -> &[u8; 32] {
        &self.prev_hash
    }
    /// Raw stored hash.
    pub fn hash(&self) -> &[u8; 32] {
        &self.hash
    }
    /// Stored hash as 64 lowercase hex characters.
    pub fn hash_hex(&self) -> String {
        hex::encode(self.hash)
    }

    /// Recomputes the hash from the entry's fields (see [`super::hash`]).
    pub fn compute_hash(&self) -> Result<[u8; 32]> {
        entry_hash(&self.fields())
    }

    pub(crate) fn fields(&self) -> HashedFields<'_> {
        HashedFields {
            seq: self.seq,
            id: self.id.as_deref(),
            timestamp: &self.timestamp,
            subsystem: &self.subsystem,
            event: &self.event,
            payload: &self.payload,
            prev_hash: &self.prev_hash,
        }
    }

    /// Parses an entry from JSON; errors name the field.
    pub fn from_value(value: &Value) -> Result<Self> {
        crate::json::from_value(value)
    }

    /// Parses one JSONL line (fast path; on failure the error names the field).
    pub fn from_json_line(line: &[u8]) -> Result<Self> {
        serde_json::from_slice(line).map_err(|fast| match crate::json::parse(line) {
            Ok(value) => Self::from_value(&value)
                .err()
                .unwrap_or_else(|| crate::json::from_serde_error(&fast)),
            Err(e) => e,
        })
    }
}

/// Seals `event` as the entry after `previous` (`None`: the first entry,
/// seq 0, genesis previous hash). Pure: same inputs, same entry.
///
/// Errors: empty `subsystem`/`event` (`invalid_input` at `$.event.<field>`),
/// a timestamp that is not RFC 3339 UTC with `Z` (`$.event.timestamp`), a
/// timestamp earlier than the previous entry's (`invariant_violation` at
/// `$.event.timestamp`), a previous entry with an unparsable timestamp
/// (`$.previous.timestamp`) or at the last sequence number (`$.previous.seq`).
pub fn append_log_entry(previous: Option<&LogEntry>, event: &LogEvent) -> Result<LogEntry> {
    for (name, value) in [("subsystem", &event.subsystem), ("event", &event.event)] {
        if value.is_empty() {
            return Err(Error::invalid_input(
                format!("$.event.{name}"),
                "must be a non-empty string",
            ));
        }
    }
    let when = Timestamp::parse_rfc3339(&event.timestamp, "$.event.timestamp")?;
    if !Timestamp::is_utc_z(&event.timestamp) {
        return Err(Error::invalid_input(
            "$.event.timestamp",
            "log timestamps are UTC and end in Z",
        ));
    }
    let (seq, prev_hash) = match previous {
        None => (0, GENESIS_HASH),
        Some(prev) => {
            let prev_when = Timestamp::parse_rfc3339(&prev.timestamp, "$.previous.timestamp")?;
            if when < prev_when {
                return Err(Error::new(
                    ErrorKind::InvariantViolation,
                    "$.event.timestamp",
                    format!(
                        "{} is earlier than the previous entry's {}",
                        event.timestamp, prev.timestamp
                    ),
                ));
            }
            if prev.seq >= MAX_SEQ {
                return Err(Error::invalid_input(
                    "$.previous.seq",
                    "the log is full (seq 2^53-1)",
                ));
            }
            (prev.seq + 1, prev.hash)
        }
    };
    let mut entry = LogEntry {
        seq,
        id: event.id.clone(),
        timestamp: event.timestamp.clone(),
        subsystem: event.subsystem.clone(),
        event: event.event.clone(),
        payload: event.payload.clone(),
        prev_hash,
        hash: [0; 32],
    };
    entry.hash = entry.compute_hash().map_err(|e| e.under("$.event"))?;
    Ok(entry)
}

impl Serialize for LogEntry {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("LogEntry", 8)?;
        st.serialize_field("seq", &self.seq)?;
        if let Some(id) = &self.id {
            st.serialize_field("id", id)?;
        }
        st.serialize_field("timestamp", &self.timestamp)?;
        st.serialize_field("subsystem", &self.subsystem)?;
        st.serialize_field("event", &self.event)?;
        st.serialize_field("payload", &self.payload)?;
        st.serialize_field("prev_hash", &hex::encode(self.prev_hash))?;
        st.serialize_field("hash", &hex::encode(self.hash))?;
        st.end()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    seq: Seq,
    #[serde(default)]
    id: Option<String>,
    timestamp: String,
    subsystem: String,
    event: String,
    payload: Value,
    prev_hash: HexHash,
    hash: HexHash,
}

/// An integer in 0..=2⁵³−1.
pub(crate) struct Seq(pub(crate) u64);

impl<'de> Deserialize<'de> for Seq {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let seq = u64::deserialize(d)?;
        if seq > MAX_SEQ {
            return Err(serde::de::Error::custom("seq exceeds 2^53-1"));
        }
        Ok(Seq(seq))
    }
}

/// 64 lowercase hex characters → 32 bytes.
pub(crate) struct HexHash(pub(crate) [u8; 32]);

impl<'de> Deserialize<'de> for HexHash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct HexVisitor;
        impl serde::de::Visitor<'_> for HexVisitor {
            type Value = HexHash;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("64 lowercase hex characters")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<HexHash, E> {
                parse_hex_hash(text)
                    .map(HexHash)
                    .ok_or_else(|| E::custom("expected 64 lowercase hex characters"))
            }
        }
        d.deserialize_str(HexVisitor)
    }
}

/// 64 lowercase hex characters → 32 bytes, else `None`.
pub(crate) fn parse_hex_hash(text: &str) -> Option<[u8; 32]> {
    // Hand-rolled with a table: the generic hex decoder dominated
    // verification profiles.
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    let mut invalid = 0u8;
    for (byte, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        let (hi, lo) = (NIBBLE[usize::from(pair[0])], NIBBLE[usize::from(pair[1])]);
        invalid |= (hi | lo) & 0x80;
        *byte = (hi << 4) | (lo & 0x0f);
    }
    (invalid == 0).then_some(out)
}

/// Lowercase hex digit → value; 0x80 marks everything else.
const NIBBLE: [u8; 256] = {
    let mut table = [0x80u8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut j = 0;
    while j < 6 {
        table[b'a' as usize + j] = 10 + j as u8;
        j += 1;
    }
    table
};

impl<'de> Deserialize<'de> for LogEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let raw = RawEntry::deserialize(d)?;
        Ok(LogEntry {
            seq: raw.seq.0,
            id: raw.id,
            timestamp: raw.timestamp,
            subsystem: raw.subsystem,
            event: raw.event,
            payload: raw.payload,
            prev_hash: raw.prev_hash.0,
            hash: raw.hash.0,
        })
    }
}
