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
