//! Verification options, problems and the report (the verifier's data
//! shapes; the checks themselves are in `verify.rs`).

use super::entry::parse_hex_hash;
use super::summary::SubsystemSummary;
use crate::error::{Error, ErrorKind, Result};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A trusted `(seq, hash)` pair recorded earlier (e.g. anchored elsewhere).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Sequence number of the anchored entry.
    pub seq: u64,
    /// Its hash, 64 lowercase hex characters.
    pub hash: String,
}

/// What to check beyond the chain itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct VerifyOptions {
    /// `stale_log` when the newest entry is older than this before `now`.
    pub stale_after_seconds: Option<u64>,
    /// Per-subsystem silence thresholds (seconds).
    pub silent_after_seconds: BTreeMap<String, u64>,
    /// The first entry must be a genesis entry (default true).
    pub require_genesis: bool,
    /// A trusted earlier head; detects tail truncation and rewrites.
    pub checkpoint: Option<Checkpoint>,
    /// Most problems kept in the report (default 10 000).
    pub max_problems: u64,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            stale_after_seconds: None,
            silent_after_seconds: BTreeMap::new(),
            require_genesis: true,
            checkpoint: None,
            max_problems: 10_000,
        }
    }
}

impl VerifyOptions {
    /// Parses options from JSON; errors are `invalid_config` naming the field.
    pub fn from_value(value: &Value) -> Result<Self> {
        let options: VerifyOptions = crate::json::from_value(value)
            .map_err(|e| Error::new(ErrorKind::InvalidConfig, e.path(), e.message()))?;
        options.validate()?;
        Ok(options)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        match &self.checkpoint {
            Some(cp) if parse_hex_hash(&cp.hash).is_none() => Err(Error::new(
                ErrorKind::InvalidConfig,
                "$.checkpoint.hash",
                "expected 64 lowercase hex characters",
            )),
            _ => Ok(()),
        }
    }
}

/// The kind of a verification problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not JSON, or not an entry.
    MalformedEntry,
    /// Stored hash ≠ recomputed hash: the entry was altered.
    HashMismatch,
    /// `prev_hash` ≠ the previous entry's hash.
    BrokenLink,
    /// `seq` ≠ previous + 1 (deleted, duplicated or reordered entries).
    SequenceGap,
    /// Timestamp earlier than the previous entry's.
    TimestampReversal,
    /// Timestamp is not RFC 3339.
    InvalidTimestamp,
    /// The first entry is not a genesis entry.
    TruncatedStart,
    /// The log ends before the checkpoint's seq.
    TruncatedEnd,
    /// The entry at the checkpoint's seq has another hash (or is missing).
    CheckpointMismatch,
    /// No entry within the staleness threshold before `now`.
    StaleLog,
    /// A subsystem has been silent longer than its threshold.
    SilentSubsystem,
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What is wrong.
    pub kind: ProblemKind,
    /// 0-based position of the pushed item (`null` for end-of-stream problems).
    pub index: Option<u64>,
    /// 1-based line (`index + 1`).
    pub line: Option<u64>,
    /// Sequence number of the entry, when known.
    pub seq: Option<u64>,
    /// The subsystem concerned (`silent_subsystem`), else `null`.
    pub subsystem: Option<String>,
    /// Human-readable detail.
    pub message: String,
}

/// The verification report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// No problem found.
    pub ok: bool,
    /// Well-formed entries checked.
    pub entries: u64,
    /// Items pushed (lines, blank and malformed included).
    pub lines: u64,
    /// Seq of the first well-formed entry.
    pub first_seq: Option<u64>,
    /// Seq of the last well-formed entry.
    pub last_seq: Option<u64>,
    /// Stored hash of the last well-formed entry (the head to anchor).
    pub last_hash: Option<String>,
    /// Newest valid timestamp in the log (UTC).
    pub newest_timestamp: Option<Timestamp>,
    /// Number of problems per kind (complete even when some are omitted).
    pub problem_counts: BTreeMap<ProblemKind, u64>,
    /// Problems in stream order, then end-of-stream problems.
    pub problems: Vec<Problem>,
    /// Problems not listed because of `max_problems`.
    pub problems_omitted: u64,
    /// Activity and failures per subsystem, by name.
    pub subsystems: BTreeMap<String, SubsystemSummary>,
}
