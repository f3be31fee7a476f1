//! auditlog — hash-chained, append-only log: append and verify integrity.
//!
//! What it decides:
//! - the sealed form of an event ([`append_log_entry`]: previous entry +
//!   event → entry with `seq`, `prev_hash` and `hash`), purely;
//! - whether a log is intact ([`LogVerifier`], [`verify_log`]): hash
//!   mismatches, broken links, sequence gaps, timestamp reversals, truncation
//!   signs, staleness, silent subsystems, with per-subsystem activity and
//!   failure summaries — every problem, located, in one pass.
//!
//! What it never does: read or write files, read the clock (`now` is a
//! parameter), or repair a log. The exact hash format, so that another
//! implementation can verify a log, is in [`hash`]:
//!
//! ```text
//! hash = hex(SHA-256("verity.auditlog.v1\0" || prev_hash[32 raw bytes] || JCS(entry without "hash")))
//! ```
//!
//! with the genesis `prev_hash` = 32 zero bytes (64 `0` characters in JSON).
//! Timestamps are RFC 3339 ([`Timestamp`], parsed here without a date crate).

mod entry;
pub mod hash;
pub mod json_ops;
mod report;
mod summary;

mod verify;
mod view;

pub use crate::time::Timestamp;
pub use entry::{append_log_entry, LogEntry, LogEvent};
pub use hash::{GENESIS_HASH, HASH_DOMAIN, MAX_SEQ};
pub use report::{Checkpoint, Problem, ProblemKind, VerifyOptions, VerifyReport};
pub use summary::{is_failure_event, SubsystemSummary};
pub use verify::{verify_entries, verify_log, LogVerifier};
