//! The streaming verifier: push entries (typed, JSON values or raw lines) one
//! at a time, then `finish(now)` for the report. Memory is O(subsystems +
//! reported problems), whatever the log length.
//!
//! Checks per pushed item, in this order (all problems are reported, the
//! verifier never stops early):
//! 1. `malformed_entry`: not JSON / not an entry (message names the field).
//!    The chain cannot be followed across it, so the next entry's link and
//!    sequence checks are skipped (its timestamp is still compared).
//! 2. `hash_mismatch`: the recomputed hash differs from the stored one.
//! 3. first entry: `truncated_start` when it is not a genesis entry (seq 0 and
//!    zero `prev_hash`), unless `require_genesis` is false.
//!    Later entries: `broken_link` when `prev_hash` is not the previous
//!    entry's stored hash; `sequence_gap` when `seq` is not previous + 1.
//! 4. `invalid_timestamp` (not RFC 3339) or `timestamp_reversal` (earlier
//!    than the previous entry's timestamp).
//! 5. `checkpoint_mismatch`: the entry at the checkpoint's seq has another hash.
//!
//! At `finish(now)`: `truncated_end` when a checkpoint's seq is beyond the
//! last entry (tail truncation is only detectable against a checkpoint or
//! by staleness); `stale_log` when `now − newest timestamp > stale_after_seconds`
//! (or the log is empty); `silent_subsystem` for each configured subsystem
//! (name order) with no entry within its threshold before the reference time
//! — `now`, or the newest timestamp in the log when `now` is not given.
//!
//! Positions: `index` is the 0-based position of the pushed item (blank lines
//! included), `line` = `index + 1`; `seq` when known. Problems are listed in
//! stream order, then the end-of-stream ones; at most `max_problems` are
//! kept (`problems_omitted` counts the rest; `problem_counts` is complete).

use super::entry::LogEntry;
use super::hash::{entry_hash, HashedFields, GENESIS_HASH};
use super::report::{Problem, ProblemKind, VerifyOptions, VerifyReport};
use super::summary::{is_failure_event, SubsystemSummary};
use super::view::EntryView;
use crate::error::{Error, Result};
use crate::time::Timestamp;
use serde_json::Value;
use std::collections::BTreeMap;

struct Previous {
    seq: u64,
    hash: [u8; 32],
}

/// Streaming verifier (see the module doc).
pub struct LogVerifier {
    options: VerifyOptions,
    position: u64,
    entries: u64,
    first_seq: Option<u64>,
    previous: Option<Previous>,
    previous_time: Option<Timestamp>,
    newest: Option<Timestamp>,
    after_malformed: bool,
    checkpoint_seen: bool,
    report_problems: Vec<Problem>,
    problem_counts: BTreeMap<ProblemKind, u64>,
    omitted: u64,
    subsystems: BTreeMap<String, SubsystemSummary>,
}

impl LogVerifier {
    /// A verifier with `options` (see [`VerifyOptions::from_value`] for JSON).
    pub fn new(options: VerifyOptions) -> Result<Self> {
        options.validate()?;
        Ok(LogVerifier {
            options,
            position: 0,
            entries: 0,
            first_seq: None,
            previous: None,
            previous_time: None,
            newest: None,
            after_malformed: false,
            checkpoint_seen: false,
            report_problems: Vec::new(),
            problem_counts: BTreeMap::new(),
            omitted: 0,
            subsystems: BTreeMap::new(),
        })
    }

    /// Pushes one raw JSONL line (without its newline). Blank lines only
    /// advance the position; a line over the core's 8 MiB input limit is a
    /// `malformed_entry` (`too_large`).
    pub fn push_line(&mut self, line: &[u8]) {
        if line.iter().all(u8::is_ascii_whitespace) {
            self.position += 1;
            return;
        }
        if line.len() > crate::json::Limits::DEFAULT_MAX_BYTES {
            let limits = crate::json::Limits::default();
            if let Err(e) = crate::json::check_limits(line, limits) {
                self.push_malformed(&e);
                return;
            }
        }
        match serde_json::from_slice::<EntryView<'_>>(line) {
            Ok(view) => self.check(&view.fields(), view.hash()),
            // Re-parse only to name the field at fault.
            Err(fast) => match LogEntry::from_json_line(line) {
                Err(e) => self.push_malformed(&e),
                Ok(_) => self.push_malformed(&crate::json::from_serde_error(&fast)),
            },
        }
    }

    /// Pushes one entry as a parsed JSON value.
    pub fn push_value(&mut self, value: &Value) {
        match LogEntry::from_value(value) {
            Ok(entry) => self.push_entry(&entry),
            Err(e) => self.push_malformed(&e),
        }
    }

    fn push_malformed(&mut self, error: &Error) {
        let index = self.position;
        self.position += 1;
        self.after_malformed = true;
        self.problem(
            ProblemKind::MalformedEntry,
            Some(index),
            None,
            error.to_string(),
        );
    }

    /// Pushes one typed entry.
    pub fn push_entry(&mut self, entry: &LogEntry) {
        self.check(&entry.fields(), entry.hash());
    }

    fn check(&mut self, entry: &HashedFields<'_>, stored: &[u8; 32]) {
        let index = self.position;
        self.position += 1;
        let seq = entry.seq;
        let at = Some(index);
        match entry_hash(entry) {
            Ok(hash) if hash == *stored => {}
            Ok(hash) => self.problem_at(
                ProblemKind::HashMismatch,
                at,
                seq,
                format!(
                    "stored hash {} but the entry hashes to {}",
                    hex::encode(stored),
                    hex::encode(hash)
                ),
            ),
            Err(e) => self.problem_at(ProblemKind::HashMismatch, at, seq, e.to_string()),
        }
        match &self.previous {
            None if self.options.require_genesis
                && !self.after_malformed
                && (seq != 0 || *entry.prev_hash != GENESIS_HASH) =>
            {
                self.problem_at(
                    ProblemKind::TruncatedStart,
                    at,
                    seq,
                    format!(
                        "the first entry is not a genesis entry (seq {seq}, prev_hash {})",
                        hex::encode(entry.prev_hash)
                    ),
                );
            }
            Some(prev) if !self.after_malformed => {
                let (prev_seq, prev_hash) = (prev.seq, prev.hash);
                if *entry.prev_hash != prev_hash {
                    self.problem_at(
                        ProblemKind::BrokenLink,
                        at,
                        seq,
                        format!(
                            "prev_hash {} is not the previous entry's hash {}",
                            hex::encode(entry.prev_hash),
                            hex::encode(prev_hash)
                        ),
                    );
                }
                if prev_seq.checked_add(1) != Some(seq) {
                    self.problem_at(
                        ProblemKind::SequenceGap,
                        at,
                        seq,
                        format!(
                            "expected seq {} after {prev_seq}, found {seq}",
                            prev_seq.saturating_add(1)
                        ),
                    );
                }
            }
            _ => {}
        }
        let when = match Timestamp::parse_rfc3339(entry.timestamp, "$.timestamp") {
            Ok(when) => Some(when),
            Err(e) => {
                self.problem_at(
                    ProblemKind::InvalidTimestamp,
                    at,
                    seq,
                    e.message().to_owned(),
                );
                None
            }
        };
        if let (Some(when), Some(before)) = (when, self.previous_time) {
            if when < before {
                self.problem_at(
                    ProblemKind::TimestampReversal,
                    at,
                    seq,
                    format!(
                        "{} is earlier than the previous entry's {}",
                        when.to_rfc3339(),
                        before.to_rfc3339()
                    ),
                );
            }
        }
        if let Some(cp) = &self.options.checkpoint {
            if cp.seq == seq {
                self.checkpoint_seen = true;
                if cp.hash != hex::encode(stored) {
                    let message = format!(
                        "checkpoint says {} but the entry has {}",
                        cp.hash,
                        hex::encode(stored)
                    );
                    self.problem_at(ProblemKind::CheckpointMismatch, at, seq, message);
                }
            }
        }
        let failure = is_failure_event(entry.event, entry.payload);
        match self.subsystems.get_mut(entry.subsystem) {
            Some(summary) => summary.record(seq, when, failure),
            None => {
                let mut summary = SubsystemSummary::new(seq);
                summary.record(seq, when, failure);
                self.subsystems.insert(entry.subsystem.to_owned(), summary);
            }
        }
        self.entries += 1;
        self.first_seq.get_or_insert(seq);
        self.previous = Some(Previous { seq, hash: *stored });
        if when.is_some() {
            self.previous_time = when;
            self.newest = self.newest.max(when);
        }
        self.after_malformed = false;
    }

    fn problem_at(&mut self, kind: ProblemKind, index: Option<u64>, seq: u64, message: String) {
        self.problem(kind, index, Some(seq), message);
    }

    fn problem(
        &mut self,
        kind: ProblemKind,
        index: Option<u64>,
        seq: Option<u64>,
        message: String,
    ) {
        self.push_problem(Problem {
            kind,
            index,
            line: index.map(|i| i + 1),
            seq,
            subsystem: None,
            message,
        });
    }

    fn push_problem(&mut self, problem: Problem) {
        *self.problem_counts.entry(problem.kind).or_insert(0) += 1;
        if (self.report_problems.len() as u64) < self.options.max_problems {
            self.report_problems.push(problem);
        } else {
            self.omitted += 1;
        }
    }

    /// Ends the stream: end-of-stream checks against `now`, then the report.
    pub fn finish(mut self, now: Option<Timestamp>) -> VerifyReport {
        self.end_checks(now);
        let last_seq = self.previous.as_ref().map(|p| p.seq);
        let last_hash = self.previous.as_ref().map(|p| hex::encode(p.hash));
        VerifyReport {
            ok: self.problem_counts.is_empty(),
            entries: self.entries,
            lines: self.position,
            first_seq: self.first_seq,
            last_seq,
            last_hash,
            newest_timestamp: self.newest,
            problem_counts: self.problem_counts,
            problems: self.report_problems,
            problems_omitted: self.omitted,
            subsystems: self.subsystems,
        }
    }

    fn end_checks(&mut self, now: Option<Timestamp>) {
        if let Some(cp) = self.options.checkpoint.clone() {
            let last = self.previous.as_ref().map(|p| p.seq);
            if last.is_none_or(|last| last < cp.seq) {
                let message = format!(
                    "the log ends at seq {} but a checkpoint records seq {}",
                    last.map_or("(none)".to_owned(), |s| s.to_string()),
                    cp.seq
                );
                self.problem(ProblemKind::TruncatedEnd, None, last, message);
            } else if !self.checkpoint_seen {
                let message = format!("no entry with the checkpoint's seq {}", cp.seq);
                self.problem(ProblemKind::CheckpointMismatch, None, Some(cp.seq), message);
            }
        }
        if let (Some(now), Some(limit)) = (now, self.options.stale_after_seconds) {
            match self.newest {
                None => self.problem(
                    ProblemKind::StaleLog,
                    None,
                    None,
                    "the log has no timestamped entries".into(),
                ),
                Some(newest) if now.millis_since(newest) > i128::from(limit) * 1000 => {
                    let message = format!(
                        "newest entry {} is more than {limit} s before {}",
                        newest.to_rfc3339(),
                        now.to_rfc3339()
                    );
                    self.problem(ProblemKind::StaleLog, None, None, message);
                }
                Some(_) => {}
            }
        }
        let Some(reference) = now.or(self.newest) else {
            return;
        };
        let thresholds: Vec<(String, u64)> = self
            .options
            .silent_after_seconds
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (subsystem, limit) in thresholds {
            let summary = self.subsystems.get(&subsystem);
            let last = summary.and_then(|s| s.last_timestamp);
            let message = match last {
                None => "no entries from this subsystem".to_owned(),
                Some(t) if reference.millis_since(t) > i128::from(limit) * 1000 => format!(
                    "last entry {} is more than {limit} s before {}",
                    t.to_rfc3339(),
                    reference.to_rfc3339()
                ),
                Some(_) => continue,
            };
            self.push_problem(Problem {
                kind: ProblemKind::SilentSubsystem,
                index: None,
                line: None,
                seq: summary.map(|s| s.last_seq),
                subsystem: Some(subsystem),
                message,
            });
        }
    }
}

/// Verifies a whole log given as entries (JSON values; malformed ones are
/// reported, not fatal).
pub fn verify_log(
    entries: &[Value],
    options: &VerifyOptions,
    now: Option<Timestamp>,
) -> Result<VerifyReport> {
    let mut verifier = LogVerifier::new(options.clone())?;
    for entry in entries {
        verifier.push_value(entry);
    }
    Ok(verifier.finish(now))
}

/// Verifies typed entries.
pub fn verify_entries(
    entries: &[LogEntry],
    options: &VerifyOptions,
    now: Option<Timestamp>,
) -> Result<VerifyReport> {
    let mut verifier = LogVerifier::new(options.clone())?;
    for entry in entries {
        verifier.push_entry(entry);
    }
    Ok(verifier.finish(now))
}
