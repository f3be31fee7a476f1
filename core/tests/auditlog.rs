//! Audit log: append, the hash format, clean logs, malformed input, options.

mod auditlog_support;

use auditlog_support::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use verity::auditlog::*;
use verity::ErrorKind;

#[test]
fn append_matches_the_documented_byte_format() {
    let first = append_log_entry(None, &event(0)).unwrap();
    assert_eq!(first.seq(), 0);
    assert_eq!(first.prev_hash(), &GENESIS_HASH);
    assert_eq!(
        serde_json::to_value(&first).unwrap(),
        entry_value(None, &event(0))
    );
    let second = append_log_entry(Some(&first), &event(1)).unwrap();
    assert_eq!(second.seq(), 1);
    assert_eq!(second.prev_hash(), first.hash());
    assert_eq!(
        serde_json::to_value(&second).unwrap(),
        entry_value(Some(&first), &event(1))
    );
    // Pure: the same inputs give the same entry.
    assert_eq!(append_log_entry(Some(&first), &event(1)).unwrap(), second);
    // JSON round trip, and the serialised key order.
    let text = serde_json::to_string(&first).unwrap();
    assert!(
        text.starts_with(
            r#"{"seq":0,"id":"evt-0","timestamp":"2025-10-01T09:14:03Z","subsystem":"executor""#
        ),
        "{text}"
    );
    assert_eq!(LogEntry::from_json_line(text.as_bytes()).unwrap(), first);
}

#[test]
fn append_refuses_bad_events() {
    let first = append_log_entry(None, &event(5)).unwrap();
    let mut ev = event(6);
    ev.timestamp = "2025-10-01T09:00:00Z".into();
    let e = append_log_entry(Some(&first), &ev).unwrap_err();
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvariantViolation, "$.event.timestamp")
    );
    ev.timestamp = "2025-10-01T11:14:09+02:00".into();
    assert_eq!(
        append_log_entry(Some(&first), &ev).unwrap_err().path(),
        "$.event.timestamp"
    );
    ev.timestamp = "yesterday".into();
    assert_eq!(
        append_log_entry(Some(&first), &ev).unwrap_err().path(),
        "$.event.timestamp"
    );
    let mut ev = event(6);
    ev.subsystem.clear();
    assert_eq!(
        append_log_entry(Some(&first), &ev).unwrap_err().path(),
        "$.event.subsystem"
    );
    let e = LogEvent::from_value(&json!({"timestamp": "2025-10-01T09:00:00Z", "subsystem": "a"}))
        .unwrap_err();
    assert_eq!((e.kind(), e.path()), (ErrorKind::MissingField, "$.event"));
    let e =
        LogEvent::from_value(&json!({"timestamp": 3, "subsystem": "a", "event": "e"})).unwrap_err();
    assert_eq!(e.path(), "$.timestamp");
}

#[test]
fn malformed_entries_name_the_field() {
    let good = serde_json::to_value(append_log_entry(None, &event(0)).unwrap()).unwrap();
    let mut bad_hash = good.clone();
    bad_hash["hash"] = json!("ABC");
    assert_eq!(
        LogEntry::from_value(&bad_hash).unwrap_err().path(),
        "$.hash"
    );
    let mut extra = good.clone();
    extra["approved"] = json!(true);
    assert_eq!(
        LogEntry::from_value(&extra).unwrap_err().kind(),
        ErrorKind::InvalidInput
    );
    let mut big = good;
    big["seq"] = json!(1u64 << 53);
    assert_eq!(LogEntry::from_value(&big).unwrap_err().path(), "$.seq");
}

/// Seals `n` entries, writes them as JSONL lines, streams them back.
fn check_clean_log(n: u64) {
    let log = build_log(n);
    let mut verifier = LogVerifier::new(VerifyOptions::default()).unwrap();
    for entry in &log {
        let line = serde_json::to_vec(entry).unwrap();
        verifier.push_line(&line);
    }
    let report = verifier.finish(None);
    assert!(report.ok, "{:?}", report.problems.first());
    assert_eq!(
        (report.entries, report.first_seq, report.last_seq),
        (n, Some(0), Some(n - 1))
    );
    assert_eq!(report.last_hash, log.last().map(LogEntry::hash_hex));
    let executor = &report.subsystems["executor"];
    assert_eq!((executor.entries, executor.failures), (n / 4, 0));
    // i % 10 == 7 ⇒ i % 4 ∈ {1, 3}: governance and jobs carry the failures.
    assert_eq!(report.subsystems["governance"].failures, n / 20);
    assert_eq!(report.subsystems["jobs"].failures, n / 20);
}

/// 20k entries in the normal (debug) suite: ~2 s.
#[test]
fn clean_log_of_20k_entries_verifies() {
    check_clean_log(20_000);
}

/// The issue's 100k entries: ~10 s in a debug build, so opt-in
/// (`cargo test -p verity --test auditlog -- --ignored`).
#[test]
#[ignore = "slow in debug builds; run with --ignored"]
fn clean_log_of_100k_entries_verifies() {
    check_clean_log(100_000);
}

#[test]
fn malformed_lines_are_reported_and_verification_continues() {
    let log = build_log(6);
    let mut lines: Vec<Vec<u8>> = log.iter().map(|e| serde_json::to_vec(e).unwrap()).collect();
    lines[2] = b"{not json".to_vec();
    lines.insert(4, b"   ".to_vec());
    lines.push(br#"{"seq": 6}"#.to_vec());
    let mut verifier = LogVerifier::new(VerifyOptions::default()).unwrap();
    for line in &lines {
        verifier.push_line(line);
    }
    let report = verifier.finish(None);
    let kinds = located(&report);
    assert_eq!(
        kinds,
        [
            (ProblemKind::MalformedEntry, Some(2)),
            (ProblemKind::MalformedEntry, Some(7))
        ]
    );
    assert_eq!(report.problems[0].line, Some(3));
    assert!(
        report.problems[1].message.contains("missing field"),
        "{}",
        report.problems[1].message
    );
    assert_eq!((report.entries, report.lines), (5, 8));
}

#[test]
fn oversized_lines_are_malformed_not_parsed() {
    let mut verifier = LogVerifier::new(VerifyOptions::default()).unwrap();
    let huge = format!("{{\"payload\": \"{}\"}}", "x".repeat(8 * 1024 * 1024));
    verifier.push_line(huge.as_bytes());
    let report = verifier.finish(None);
    assert_eq!(located(&report), [(ProblemKind::MalformedEntry, Some(0))]);
    assert!(
        report.problems[0].message.starts_with("too_large"),
        "{}",
        report.problems[0].message
    );
}

#[test]
fn stale_log_and_silent_subsystems() {
    let log = build_log(8); // 09:14:03 .. 09:14:10, subsystems cycle
    let now = Timestamp::parse_rfc3339("2025-10-01T09:30:00Z", "$").unwrap();
    let mut silent = BTreeMap::new();
    silent.insert("executor".to_owned(), 3_600);
    silent.insert("billing".to_owned(), 60);
    silent.insert("jobs".to_owned(), 300);
    let options = VerifyOptions {
        stale_after_seconds: Some(900),
        silent_after_seconds: silent,
        ..Default::default()
    };
    let report = verify_entries(&log, &options, Some(now)).unwrap();
    let found: Vec<(ProblemKind, Option<&str>)> = report
        .problems
        .iter()
        .map(|p| (p.kind, p.subsystem.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (ProblemKind::StaleLog, None),
            (ProblemKind::SilentSubsystem, Some("billing")),
            (ProblemKind::SilentSubsystem, Some("jobs")),
        ]
    );
    let fresh = Timestamp::parse_rfc3339("2025-10-01T09:20:00Z", "$").unwrap();
    assert!(
        verify_entries(
            &log,
            &VerifyOptions {
                stale_after_seconds: Some(900),
                ..Default::default()
            },
            Some(fresh)
        )
        .unwrap()
        .ok
    );
    let empty = verify_entries(&[], &options, Some(now)).unwrap();
    assert_eq!(empty.problem_counts[&ProblemKind::StaleLog], 1);
}

#[test]
fn problem_list_is_capped_but_counts_are_complete() {
    let values: Vec<Value> = (0..20).map(|_| json!("nope")).collect();
    let options = VerifyOptions {
        max_problems: 5,
        ..Default::default()
    };
    let report = verify_log(&values, &options, None).unwrap();
    assert_eq!((report.problems.len(), report.problems_omitted), (5, 15));
    assert_eq!(report.problem_counts[&ProblemKind::MalformedEntry], 20);
    assert!(!report.ok);
}

#[test]
fn options_from_json_are_validated() {
    let o = VerifyOptions::from_value(
        &json!({"stale_after_seconds": 900, "silent_after_seconds": {"jobs": 60}}),
    )
    .unwrap();
    assert_eq!(o.stale_after_seconds, Some(900));
    assert!(o.require_genesis);
    let e =
        VerifyOptions::from_value(&json!({"checkpoint": {"seq": 1, "hash": "xyz"}})).unwrap_err();
    assert_eq!(
        (e.kind(), e.path()),
        (ErrorKind::InvalidConfig, "$.checkpoint.hash")
    );
    let e = VerifyOptions::from_value(&json!({"stale_after": 1})).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidConfig);
}

proptest::proptest! {
    /// The sealed hash equals the documented format computed from scratch,
    /// whatever the strings hold (plain ASCII fast path or escapes).
    #[test]
    fn append_hash_matches_the_reference_for_any_strings(
        id in proptest::option::of(".{0,12}"),
        subsystem in ".{1,12}",
        name in ".{1,12}",
        text in ".{0,20}",
    ) {
        let ev = LogEvent {
            id,
            timestamp: "2025-10-01T09:14:03Z".into(),
            subsystem,
            event: name,
            payload: json!({"text": text, "n": 1}),
        };
        let first = append_log_entry(None, &ev).unwrap();
        proptest::prop_assert_eq!(serde_json::to_value(&first).unwrap(), entry_value(None, &ev));
        let second = append_log_entry(Some(&first), &ev).unwrap();
        proptest::prop_assert_eq!(serde_json::to_value(&second).unwrap(), entry_value(Some(&first), &ev));
    }
}
