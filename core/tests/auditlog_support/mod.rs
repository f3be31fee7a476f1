//! Shared helpers of the audit-log tests: generated events, chains, and a
//! from-scratch implementation of the documented hash format.
#![allow(dead_code)] // each test file uses a subset

use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use verity::auditlog::*;

const SUBSYSTEMS: [&str; 4] = ["executor", "governance", "sentinel", "jobs"];

pub fn event(i: u64) -> LogEvent {
    let second = 1_759_310_043 + i; // 2025-10-01T09:14:03Z + i s
    let t = Timestamp::from_unix(second as i64, 0).unwrap().to_rfc3339();
    LogEvent {
        id: (i % 3 == 0).then(|| format!("evt-{i}")),
        timestamp: t,
        subsystem: SUBSYSTEMS[(i % 4) as usize].to_owned(),
        event: if i % 10 == 7 {
            "action.failed"
        } else {
            "action.executed"
        }
        .to_owned(),
        payload: json!({"n": i, "tier": "tier_2"}),
    }
}

pub fn build_log(n: u64) -> Vec<LogEntry> {
    let mut log: Vec<LogEntry> = Vec::with_capacity(n as usize);
    for i in 0..n {
        let entry = append_log_entry(log.last(), &event(i)).unwrap();
        log.push(entry);
    }
    log
}

pub fn verify(log: &[LogEntry]) -> VerifyReport {
    verify_entries(log, &VerifyOptions::default(), None).unwrap()
}

/// (kind, index) of every problem, in report order.
pub fn located(report: &VerifyReport) -> Vec<(ProblemKind, Option<u64>)> {
    report.problems.iter().map(|p| (p.kind, p.index)).collect()
}

/// Re-seals entries from `from` on, as a forger who controls the file would.
pub fn reseal(log: &mut [LogEntry], from: usize, edit: impl Fn(&mut LogEvent, usize)) {
    for i in from..log.len() {
        let e = &log[i];
        let mut ev = LogEvent {
            id: e.id().map(str::to_owned),
            timestamp: e.timestamp().to_owned(),
            subsystem: e.subsystem().to_owned(),
            event: e.event().to_owned(),
            payload: e.payload().clone(),
        };
        edit(&mut ev, i);
        let value = entry_value(i.checked_sub(1).map(|p| &log[p]), &ev);
        log[i] = LogEntry::from_value(&value).unwrap();
    }
}

/// An entry built by hand from the documented byte format (no reuse of
/// `append_log_entry`), without the ordering checks append enforces.
pub fn entry_value(previous: Option<&LogEntry>, ev: &LogEvent) -> Value {
    let seq = previous.map_or(0, |p| p.seq() + 1);
    let prev_hash = previous.map_or([0u8; 32], |p| *p.hash());
    let mut object = json!({
        "seq": seq, "timestamp": ev.timestamp, "subsystem": ev.subsystem,
        "event": ev.event, "payload": ev.payload, "prev_hash": hex::encode(prev_hash),
    });
    if let Some(id) = &ev.id {
        object["id"] = json!(id);
    }
    let mut hasher = Sha256::new();
    hasher.update(b"verity.auditlog.v1\0");
    hasher.update(prev_hash);
    hasher.update(verity::dedup::canonical_json(&object).unwrap());
    object["hash"] = json!(hex::encode(hasher.finalize()));
    object
}
