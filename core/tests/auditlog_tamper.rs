//! Audit log: each kind of tampering is detected and located.

mod auditlog_support;

use auditlog_support::*;
use serde_json::{json, Value};
use verity::auditlog::*;

#[test]
fn edited_payload_is_a_hash_mismatch_at_that_entry() {
    let mut values: Vec<Value> = build_log(10)
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    values[4]["payload"]["n"] = json!(400);
    let report = verify_log(&values, &VerifyOptions::default(), None).unwrap();
    assert_eq!(located(&report), [(ProblemKind::HashMismatch, Some(4))]);
    assert_eq!(report.problems[0].seq, Some(4));
    // Re-sealing the edited entry moves the break to the next link.
    let mut log = build_log(10);
    reseal(&mut log[..5], 4, |ev, _| ev.payload = json!({"n": 400}));
    assert_eq!(located(&verify(&log)), [(ProblemKind::BrokenLink, Some(5))]);
}

#[test]
fn deleted_entry_is_a_gap_and_a_broken_link() {
    let mut log = build_log(10);
    log.remove(6);
    let report = verify(&log);
    assert_eq!(
        located(&report),
        [
            (ProblemKind::BrokenLink, Some(6)),
            (ProblemKind::SequenceGap, Some(6))
        ]
    );
    assert_eq!(
        report.problems[1].message,
        "expected seq 6 after 5, found 7"
    );
}

#[test]
fn reordered_entries_are_located() {
    let mut log = build_log(10);
    log.swap(3, 4);
    let report = verify(&log);
    let kinds = located(&report);
    assert!(
        kinds.contains(&(ProblemKind::SequenceGap, Some(3))),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ProblemKind::SequenceGap, Some(4))),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ProblemKind::TimestampReversal, Some(4))),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(ProblemKind::BrokenLink, Some(5))),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().all(|(_, i)| (3..=5).contains(&i.unwrap())),
        "{kinds:?}"
    );
}

#[test]
fn rewound_timestamp_is_a_reversal_even_when_resealed() {
    let mut log = build_log(10);
    reseal(&mut log, 5, |ev, i| {
        if i == 5 {
            ev.timestamp = "2025-10-01T09:00:00Z".into();
        }
    });
    let report = verify(&log);
    assert_eq!(
        located(&report),
        [(ProblemKind::TimestampReversal, Some(5))]
    );
}

#[test]
fn spliced_logs_break_at_the_seam() {
    let a = build_log(10);
    let mut b = build_log(10);
    reseal(&mut b, 0, |ev, _| ev.subsystem = "other".into());
    let spliced: Vec<LogEntry> = a[..6].iter().chain(&b[6..]).cloned().collect();
    assert_eq!(
        located(&verify(&spliced)),
        [(ProblemKind::BrokenLink, Some(6))]
    );
}

#[test]
fn truncation_at_either_end_is_detected() {
    let log = build_log(10);
    let head_cut = verify(&log[3..]);
    assert_eq!(located(&head_cut), [(ProblemKind::TruncatedStart, Some(0))]);
    let options = VerifyOptions {
        checkpoint: Some(Checkpoint {
            seq: 9,
            hash: log[9].hash_hex(),
        }),
        ..Default::default()
    };
    assert!(verify_entries(&log, &options, None).unwrap().ok);
    let tail_cut = verify_entries(&log[..7], &options, None).unwrap();
    assert_eq!(located(&tail_cut), [(ProblemKind::TruncatedEnd, None)]);
    assert_eq!(tail_cut.problems[0].seq, Some(6));
    // A rewritten history no longer matches the anchored hash.
    let mut rewritten = log.clone();
    reseal(&mut rewritten, 2, |ev, _| ev.payload = json!("rewritten"));
    let report = verify_entries(&rewritten, &options, None).unwrap();
    assert_eq!(
        located(&report),
        [(ProblemKind::CheckpointMismatch, Some(9))]
    );
}
