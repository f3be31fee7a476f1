//! Audit-log throughput: verify (raw JSONL lines and typed entries) and append,
//! on small (~200-byte) entries. Goal: ≥ 1 M entries/s verified on one core.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use serde_json::json;
use verity::auditlog::{
    append_log_entry, LogEntry, LogEvent, LogVerifier, Timestamp, VerifyOptions,
};

const N: u64 = 10_000;

fn event(i: u64) -> LogEvent {
    LogEvent {
        id: None,
        timestamp: Timestamp::from_unix(1_759_310_043 + i as i64, 0)
            .unwrap()
            .to_rfc3339(),
        subsystem: "executor".to_owned(),
        event: "action.executed".to_owned(),
        payload: json!({"n": i}),
    }
}

fn build() -> (Vec<LogEntry>, Vec<Vec<u8>>) {
    let mut entries: Vec<LogEntry> = Vec::with_capacity(N as usize);
    for i in 0..N {
        let entry = append_log_entry(entries.last(), &event(i)).unwrap();
        entries.push(entry);
    }
    let lines = entries
        .iter()
        .map(|e| serde_json::to_vec(e).unwrap())
        .collect();
    (entries, lines)
}

fn verify_lines(lines: &[Vec<u8>]) -> bool {
    let mut verifier = LogVerifier::new(VerifyOptions::default()).unwrap();
    for line in lines {
        verifier.push_line(line);
    }
    verifier.finish(None).ok
}

fn benches(c: &mut Criterion) {
    let (entries, lines) = build();
    let bytes: u64 = lines.iter().map(|l| l.len() as u64 + 1).sum();
    eprintln!("auditlog bench: {N} entries, mean line {} bytes", bytes / N);
    assert!(verify_lines(&lines));

    let mut g = c.benchmark_group("auditlog_verify_lines");
    g.throughput(Throughput::Elements(N));
    g.bench_function("entries", |b| b.iter(|| black_box(verify_lines(&lines))));
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("bytes", |b| b.iter(|| black_box(verify_lines(&lines))));
    g.finish();

    let mut g = c.benchmark_group("auditlog_parse_lines");
    g.throughput(Throughput::Elements(N));
    g.bench_function("entries", |b| {
        b.iter(|| {
            for line in &lines {
                black_box(LogEntry::from_json_line(line).is_ok());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("auditlog_verify_typed");
    g.throughput(Throughput::Elements(N));
    g.bench_function("entries", |b| {
        b.iter(|| {
            let mut verifier = LogVerifier::new(VerifyOptions::default()).unwrap();
            for entry in &entries {
                verifier.push_entry(entry);
            }
            black_box(verifier.finish(None).ok)
        })
    });
    g.finish();

    let events: Vec<LogEvent> = (0..N).map(event).collect();
    let mut g = c.benchmark_group("auditlog_append");
    g.throughput(Throughput::Elements(N));
    g.bench_function("entries", |b| {
        b.iter(|| {
            let mut last: Option<LogEntry> = None;
            for ev in &events {
                last = Some(append_log_entry(last.as_ref(), ev).unwrap());
            }
            black_box(last)
        })
    });
    g.finish();
}

criterion_group!(auditlog, benches);
criterion_main!(auditlog);
