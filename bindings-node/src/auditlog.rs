//! auditlog: append to and verify a hash-chained, append-only log.
//!
//! Like [`crate::outcome`], entry points assemble the keyword arguments of
//! the core's JSON-level operations (`verity::auditlog::json_ops`), so
//! errors name the same paths (`$.event.subsystem`, `$.stale_after`) as in
//! Rust and Python. `verifyLogAsync` parses and verifies off the main thread.

use crate::error::{call, Failure};
use crate::input::{self, OwnedJson};
use crate::outcome::{kwargs, run, Arg};
use crate::output::Json;
use crate::tasks::{self, JsonTask};
use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use verity::auditlog::json_ops;

/// Seals `event` as the entry after `previous` (`null` for the first entry): sequence,
/// previous hash and this entry's hash over its canonical form.
#[napi(
    ts_args_type = "previous: LogEntry | JsonValue | null, event: LogEvent",
    ts_return_type = "LogEntry"
)]
pub fn append_log_entry(env: Env, previous: Unknown, event: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let args = kwargs(
            &env,
            vec![
                ("previous", Arg::Value(Some(previous))),
                ("event", Arg::Value(Some(event))),
            ],
            None,
        )?;
        run(json_ops::append_log_entry_json, &args)
    })
}

/// Appends many events after `previous` (`null`: a new log); returns the sealed entries in order.
#[napi(
    ts_args_type = "previous: LogEntry | JsonValue | null, events: ReadonlyArray<LogEvent>",
    ts_return_type = "LogEntry[]"
)]
pub fn append_log_entries(env: Env, previous: Unknown, events: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let mut previous = input::value(&env, previous).map_err(|e| e.under("$.previous"))?;
        let mut out = Vec::new();
        for (i, event) in input::array_arg(events, "events")?.into_iter().enumerate() {
            let event =
                input::value(&env, event).map_err(|e| e.under(&format!("$.events[{i}]")))?;
            let mut args = serde_json::Map::new();
            args.insert("previous".to_owned(), previous);
            args.insert("event".to_owned(), event);
            let entry = json_ops::append_log_entry_json(&Value::Object(args)).map_err(|e| {
                // `$.event.subsystem` of the i-th call is `$.events[i].subsystem` here.
                Failure::Core(match e.path().strip_prefix("$.event") {
                    Some(rest) => {
                        verity::Error::new(e.kind(), format!("$.events[{i}]{rest}"), e.message())
                    }
                    None => e,
                })
            })?;
            out.push(entry.clone());
            previous = entry;
        }
        Ok(Json::frozen(Value::Array(out)))
    })
}

/// Verifies a whole log: hash mismatches, broken links, sequence gaps, timestamp
/// reversals, a stale log, silent subsystems, and per-subsystem summaries.
#[napi(
    ts_args_type = "entries: ReadonlyArray<LogEntry | JsonValue> | string | Uint8Array, options?: VerifyLogOptions | null",
    ts_return_type = "VerifyReport"
)]
pub fn verify_log(env: Env, entries: Unknown, options: Option<Unknown>) -> napi::Result<Json> {
    call(&env, || {
        let args = kwargs(
            &env,
            vec![("entries", Arg::Document(Some(entries)))],
            options,
        )?;
        run(json_ops::verify_log_json, &args)
    })
}

/// `verifyLog` on the libuv thread pool (entries given as text/bytes are parsed there).
#[napi(
    ts_args_type = "entries: ReadonlyArray<LogEntry | JsonValue> | string | Uint8Array, options?: VerifyLogOptions | null, signal?: AbortSignal | null",
    ts_return_type = "Promise<VerifyReport>"
)]
pub fn verify_log_async(
    env: Env,
    entries: Unknown,
    options: Option<Unknown>,
    signal: Option<Unknown>,
) -> napi::Result<AsyncTask<JsonTask>> {
    call(&env, || {
        let entries = input::owned_document(&env, entries).map_err(|e| e.under("$.entries"))?;
        let args = kwargs(&env, vec![], options)?;
        tasks::spawn(signal, move |_cancel| {
            let mut args = args;
            let entries = match entries {
                OwnedJson::Value(v) => v,
                bytes => bytes.parse().map_err(|e: Failure| e.under("$.entries"))?,
            };
            if let Value::Object(map) = &mut args {
                map.insert("entries".to_owned(), entries);
            }
            run(json_ops::verify_log_json, &args)
        })
    })
}

/// Whether an event counts as a failure in subsystem summaries (by name or payload).
#[napi(ts_args_type = "event: string, payload?: JsonValue")]
pub fn is_failure_event(env: Env, event: Unknown, payload: Option<Unknown>) -> napi::Result<bool> {
    call(&env, || {
        let event = input::string_arg(event, "event")?;
        let payload = match payload {
            Some(p) if !input::is_nullish(p)? => input::value(&env, p)?,
            _ => Value::Null,
        };
        Ok(verity::auditlog::is_failure_event(&event, &payload))
    })
}

/// Streaming verification of a log of any length: push JSONL lines (or entries) as they
/// are read, then `finish(now?)` for the report. Memory stays bounded by the options.
#[napi]
pub struct LogVerifier {
    inner: Option<verity::auditlog::LogVerifier>,
}

#[napi]
impl LogVerifier {
    /// A verifier with `verifyLog`'s options (except `now`, given to `finish`).
    #[napi(
        constructor,
        ts_args_type = "options?: Omit<VerifyLogOptions, 'now'> | null"
    )]
    pub fn new(env: Env, options: Option<Unknown>) -> napi::Result<Self> {
        call(&env, || {
            let options = kwargs(&env, vec![], options)?;
            let options = verity::auditlog::VerifyOptions::from_value(&options)?;
            Ok(LogVerifier {
                inner: Some(verity::auditlog::LogVerifier::new(options)?),
            })
        })
    }

    fn live(&mut self) -> Result<&mut verity::auditlog::LogVerifier, Failure> {
        self.inner
            .as_mut()
            .ok_or_else(|| crate::error::invalid("$", "this LogVerifier has finished"))
    }

    /// Pushes one JSONL line (text or bytes, without its newline).
    #[napi(ts_args_type = "line: string | Uint8Array")]
    pub fn push_line(&mut self, env: Env, line: Unknown) -> napi::Result<()> {
        call(&env, || {
            let verifier = self.live()?;
            input::with_raw_bytes(line, "line", |bytes| verifier.push_line(bytes))
        })
    }

    /// Pushes a chunk of JSONL (text or bytes holding whole lines, one entry per line).
    #[napi(ts_args_type = "chunk: string | Uint8Array")]
    pub fn push_lines(&mut self, env: Env, chunk: Unknown) -> napi::Result<()> {
        call(&env, || {
            let verifier = self.live()?;
            input::with_raw_bytes(chunk, "chunk", |bytes| {
                let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
                for line in bytes.split(|b| *b == b'\n') {
                    verifier.push_line(line.strip_suffix(b"\r").unwrap_or(line));
                }
            })
        })
    }

    /// Pushes one entry given as a JS object.
    #[napi(ts_args_type = "entry: LogEntry | JsonValue")]
    pub fn push_entry(&mut self, env: Env, entry: Unknown) -> napi::Result<()> {
        call(&env, || {
            let value = input::value(&env, entry)?;
            self.live()?.push_value(&value);
            Ok(())
        })
    }

    /// Ends the stream (end-of-stream checks against `now`) and returns the report.
    #[napi(
        ts_args_type = "now?: string | Date | null",
        ts_return_type = "VerifyReport"
    )]
    pub fn finish(&mut self, env: Env, now: Option<Unknown>) -> napi::Result<Json> {
        call(&env, || {
            let now = crate::outcome::now_arg(&env, now)?;
            self.live()?;
            let verifier = self
                .inner
                .take()
                .ok_or_else(|| crate::error::invalid("$", "finished"))?;
            Json::frozen_of(&verifier.finish(now))
        })
    }
}
