//! `verity log append` / `verity log verify` end to end.

mod support;

use serde_json::Value;
use support::{assert_exit, repo_path, scratch_dir, stdout_json, verity};

fn events() -> String {
    repo_path("examples/data/events.jsonl")
}

#[test]
fn append_to_stdout_then_verify_clean() {
    let dir = scratch_dir("log-test-stdout");
    let out = verity(&["log", "append", &events()], None);
    assert_exit(&out, 0);
    let log = dir.join("log.jsonl");
    std::fs::write(&log, &out.stdout).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
    let out = verity(&["log", "verify", log.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0));
    let r = stdout_json(&out);
    assert_eq!(
        (r["ok"].as_bool(), r["entries"].as_u64()),
        (Some(true), Some(10))
    );
}

#[test]
fn append_to_a_log_continues_its_chain() {
    let dir = scratch_dir("log-test-to");
    let log = dir.join("log.jsonl");
    let _ = std::fs::remove_file(&log);
    let log_arg = log.to_str().unwrap();
    let first = verity(&["log", "append", &events(), "--to", log_arg], None);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(stdout_json(&first)["last_seq"], 9);
    // Later events continue at seq 10 with the previous head as prev_hash.
    let more = dir.join("more.jsonl");
    std::fs::write(
        &more,
        "{\"timestamp\":\"2025-10-01T10:00:00Z\",\"subsystem\":\"jobs\",\"event\":\"job.started\"}\n",
    )
    .unwrap();
    let second = verity(
        &["log", "append", more.to_str().unwrap(), "--to", log_arg],
        None,
    );
    assert_eq!(stdout_json(&second)["last_seq"], 10);
    let out = verity(
        &["log", "verify", log_arg, "--now", "2025-10-01T10:05:00Z"],
        None,
    );
    let r = stdout_json(&out);
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["entries"], 11);
    // Stale once more than 900 s (the default) pass.
    let out = verity(
        &["log", "verify", log_arg, "--now", "2025-10-01T11:00:00Z"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["problems"][0]["kind"], "stale_log");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_event_lines_are_reported_with_line_numbers_and_skipped() {
    let dir = scratch_dir("log-test-bad-events");
    let events = dir.join("events.jsonl");
    std::fs::write(
        &events,
        concat!(
            "{\"timestamp\":\"2025-10-01T09:00:00Z\",\"subsystem\":\"a\",\"event\":\"x\"}\n",
            "{oops\n",
            "\n",
            "{\"timestamp\":\"2025-10-01T08:00:00Z\",\"subsystem\":\"a\",\"event\":\"y\"}\n",
            "{\"timestamp\":\"2025-10-01T09:00:01Z\",\"subsystem\":\"a\",\"event\":\"z\"}\n",
        ),
    )
    .unwrap();
    let out = verity(&["log", "append", events.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2:"), "{stderr}");
    assert!(
        stderr.contains("line 4:") && stderr.contains("$.event.timestamp"),
        "{stderr}"
    );
    let sealed: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(sealed.len(), 2);
    assert_eq!(sealed[1]["seq"], 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn tampered_log_exits_1_with_located_problems() {
    let dir = scratch_dir("log-test-tampered");
    let out = verity(&["log", "append", &events()], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replace("ops-oncall", "mallory");
    lines.insert(6, "not json at all".to_owned());
    let log = dir.join("log.jsonl");
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let out = verity(&["log", "verify", log.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let r = stdout_json(&out);
    let found: Vec<(String, u64)> = r["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_owned(),
                p["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("hash_mismatch".to_owned(), 4),
            ("malformed_entry".to_owned(), 7)
        ]
    );
}

#[test]
fn bad_arguments_exit_2() {
    let out = verity(&["log", "verify", "/nonexistent/log.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = verity(&["log", "verify", &events(), "--now", "soon"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = verity(&["log", "verify", &events(), "--checkpoint", "nope"], None);
    assert_eq!(out.status.code(), Some(2));
}
