//! `verity log append` / `verity log verify`: the file side of the audit log.
//!
//! append: seals each event line of EVENTS.jsonl (`{"timestamp", "subsystem",
//! "event", "payload"?, "id"?}`) into a chained entry. Without `--to` the
//! entries go to standard output as JSONL; with `--to LOG.jsonl` the chain
//! continues from that log's last entry and the entries are appended to it
//! (a summary goes to standard output). A malformed or refused event line is
//! reported on stderr with its line number and skipped; the exit status is
//! then 1.
//!
//! verify: streams LOG.jsonl through the core verifier and prints the report;
//! exit 1 when it lists any problem. Malformed lines are problems in the
//! report (with line numbers), not fatal errors.

use crate::io::{write_json, CliError, Outcome};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use verity::auditlog::{
    append_log_entry, Checkpoint, LogEntry, LogEvent, LogVerifier, Timestamp, VerifyOptions,
};

/// Arguments of `verity log`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Seal events (JSONL) into chained log entries.
    Append {
        /// EVENTS.jsonl (`-` for standard input).
        events: PathBuf,
        /// Continue this log and append the new entries to it.
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Verify a log and print the report (exit 1 on any problem).
    Verify {
        /// LOG.jsonl (`-` for standard input).
        log: PathBuf,
        /// Reference time (RFC 3339) for the staleness and silence checks.
        #[arg(long)]
        now: Option<String>,
        /// With --now: stale when the newest entry is older than this (default 900).
        #[arg(long, value_name = "SECONDS")]
        stale_after: Option<u64>,
        /// A silence threshold for one subsystem (repeatable).
        #[arg(long, value_name = "SUBSYSTEM=SECONDS")]
        silent_after: Vec<String>,
        /// A trusted earlier head, to detect tail truncation and rewrites.
        #[arg(long, value_name = "SEQ:HASH")]
        checkpoint: Option<String>,
        /// Do not require the first entry to be a genesis entry (rotated logs).
        #[arg(long)]
        no_genesis: bool,
    },
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    match args.action {
        Action::Append { events, to } => append(&events, to.as_deref()),
        Action::Verify {
            log,
            now,
            stale_after,
            silent_after,
            checkpoint,
            no_genesis,
        } => {
            let now = now
                .map(|t| Timestamp::parse_rfc3339(&t, "--now"))
                .transpose()?;
            let options = VerifyOptions {
                stale_after_seconds: now.and(Some(stale_after.unwrap_or(900))),
                silent_after_seconds: parse_thresholds(&silent_after)?,
                require_genesis: !no_genesis,
                checkpoint: checkpoint.as_deref().map(parse_checkpoint).transpose()?,
                ..VerifyOptions::default()
            };
            verify(&log, options, now)
        }
    }
}

fn parse_thresholds(items: &[String]) -> Result<BTreeMap<String, u64>, CliError> {
    items
        .iter()
        .map(|item| {
            let (name, seconds) = item.rsplit_once('=').ok_or_else(|| {
                CliError(format!(
                    "--silent-after {item:?}: expected SUBSYSTEM=SECONDS"
                ))
            })?;
            let seconds = seconds.parse().map_err(|_| {
                CliError(format!(
                    "--silent-after {item:?}: SECONDS must be a whole number"
                ))
            })?;
            Ok((name.to_owned(), seconds))
        })
        .collect()
}

fn parse_checkpoint(text: &str) -> Result<Checkpoint, CliError> {
    let (seq, hash) = text
        .split_once(':')
        .ok_or_else(|| CliError(format!("--checkpoint {text:?}: expected SEQ:HASH")))?;
    let seq = seq
        .parse()
        .map_err(|_| CliError(format!("--checkpoint {text:?}: SEQ must be a whole number")))?;
    Ok(Checkpoint {
        seq,
        hash: hash.to_owned(),
    })
}

fn open(path: &Path) -> Result<Box<dyn Read>, CliError> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    File::open(path)
        .map(|f| Box::new(f) as Box<dyn Read>)
        .map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))
}

/// Calls `f(line_number, line)` for each line (without `\n` / `\r\n`).
fn for_each_line(path: &Path, mut f: impl FnMut(u64, &[u8])) -> Result<(), CliError> {
    let mut reader = BufReader::with_capacity(1 << 16, open(path)?);
    let mut line = Vec::with_capacity(512);
    let mut number = 0;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| CliError(format!("cannot read {}: {e}", path.display())))?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let mut content: &[u8] = &line;
        content = content.strip_suffix(b"\n").unwrap_or(content);
        content = content.strip_suffix(b"\r").unwrap_or(content);
        f(number, content);
    }
}

fn verify(
    path: &Path,
    options: VerifyOptions,
    now: Option<Timestamp>,
) -> Result<Outcome, CliError> {
    let mut verifier = LogVerifier::new(options)?;
    for_each_line(path, |_, line| verifier.push_line(line))?;
    let report = verifier.finish(now);
    write_json(None, &report)?;
    Ok(if report.ok {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// The last entry of an existing log (None when the file is absent or empty).
fn last_entry(log: &Path) -> Result<Option<LogEntry>, CliError> {
    if !log.exists() {
        return Ok(None);
    }
    let mut last: Option<(u64, Vec<u8>)> = None;
    for_each_line(log, |n, line| {
        if !line.iter().all(u8::is_ascii_whitespace) {
            last = Some((n, line.to_vec()));
        }
    })?;
    last.map(|(n, line)| {
        LogEntry::from_json_line(&line)
            .map_err(|e| CliError(format!("{}: line {n}: {e}", log.display())))
    })
    .transpose()
}

fn append(events: &Path, to: Option<&Path>) -> Result<Outcome, CliError> {
    let mut previous = match to {
        Some(log) => last_entry(log)?,
        None => None,
    };
    let mut sealed = Vec::new();
    let mut rejected = 0u64;
    let mut count = 0u64;
    for_each_line(events, |n, line| {
        if line.iter().all(u8::is_ascii_whitespace) {
            return;
        }
        let entry = verity::json::parse(line)
            .and_then(|value| LogEvent::from_value(&value))
            .and_then(|event| append_log_entry(previous.as_ref(), &event));
        match entry {
            Ok(entry) => {
                // Serialising an entry of parsed JSON cannot fail.
                sealed.extend(serde_json::to_vec(&entry).unwrap_or_default());
                sealed.push(b'\n');
                count += 1;
                previous = Some(entry);
            }
            Err(e) => {
                rejected += 1;
                eprintln!("verity: {}: line {n}: {e}", events.display());
            }
        }
    })?;
    match to {
        None => std::io::stdout()
            .lock()
            .write_all(&sealed)
            .map_err(|e| CliError(format!("cannot write standard output: {e}")))?,
        Some(log) => {
            append_to_file(log, &sealed)?;
            let summary = serde_json::json!({
                "appended": count,
                "rejected": rejected,
                "last_seq": previous.as_ref().map(LogEntry::seq),
                "last_hash": previous.as_ref().map(LogEntry::hash_hex),
            });
            write_json(None, &summary)?;
        }
    }
    Ok(if rejected > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn append_to_file(log: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let fail = |e: std::io::Error| CliError(format!("cannot write {}: {e}", log.display()));
    let needs_newline = ends_without_newline(log);
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(fail)?;
    if needs_newline {
        file.write_all(b"\n").map_err(fail)?;
    }
    file.write_all(bytes).map_err(fail)
}

/// Whether an existing, non-empty file lacks a final newline.
fn ends_without_newline(path: &Path) -> bool {
    use std::io::{Seek, SeekFrom};
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1)).is_ok() && file.read_exact(&mut last).is_ok() && last[0] != b'\n'
}
