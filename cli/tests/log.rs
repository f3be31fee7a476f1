//! `verity log append` / `verity log verify` end to end.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn verity(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verity"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("verity-log-test-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn events() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/data/events.jsonl")
        .display()
        .to_string()
}

fn report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn append_to_stdout_then_verify_clean() {
    let dir = scratch("stdout");
    let out = verity(&["log", "append", &events()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = dir.join("log.jsonl");
    std::fs::write(&log, &out.stdout).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 10);
    let out = verity(&["log", "verify", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let r = report(&out);
    assert_eq!(
        (r["ok"].as_bool(), r["entries"].as_u64()),
        (Some(true), Some(10))
    );
}

#[test]
fn append_to_a_log_continues_its_chain() {
    let dir = scratch("to");
    let log = dir.join("log.jsonl");
    let _ = std::fs::remove_file(&log);
    let log_arg = log.to_str().unwrap();
    let first = verity(&["log", "append", &events(), "--to", log_arg]);
    assert_eq!(first.status.code(), Some(0));
    assert_eq!(report(&first)["last_seq"], 9);
    // Later events continue at seq 10 with the previous head as prev_hash.
    let more = dir.join("more.jsonl");
    std::fs::write(
        &more,
        "{\"timestamp\":\"2025-10-01T10:00:00Z\",\"subsystem\":\"jobs\",\"event\":\"job.started\"}\n",
    )
    .unwrap();
    let second = verity(&["log", "append", more.to_str().unwrap(), "--to", log_arg]);
    assert_eq!(report(&second)["last_seq"], 10);
    let out = verity(&["log", "verify", log_arg, "--now", "2025-10-01T10:05:00Z"]);
    let r = report(&out);
    assert_eq!(r["ok"], true, "{r}");
    assert_eq!(r["entries"], 11);
    // Stale once more than 900 s (the default) pass.
    let out = verity(&["log", "verify", log_arg, "--now", "2025-10-01T11:00:00Z"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(report(&out)["problems"][0]["kind"], "stale_log");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_event_lines_are_reported_with_line_numbers_and_skipped() {
    let dir = scratch("bad-events");
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
    let out = verity(&["log", "append", events.to_str().unwrap()]);
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
    let dir = scratch("tampered");
    let out = verity(&["log", "append", &events()]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replace("ops-oncall", "mallory");
    lines.insert(6, "not json at all".to_owned());
    let log = dir.join("log.jsonl");
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let out = verity(&["log", "verify", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
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
    let out = verity(&["log", "verify", "/nonexistent/log.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let out = verity(&["log", "verify", &events(), "--now", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    let out = verity(&["log", "verify", &events(), "--checkpoint", "nope"]);
    assert_eq!(out.status.code(), Some(2));
}
