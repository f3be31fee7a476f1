//! outcome: `ExecutionResult` factories, aggregation, envelopes, failure
//! classification and retry decisions.
//!
//! Each entry point assembles the keyword-argument object of the core's
//! JSON-level operation (`verity::outcome::json_ops`, the functions the
//! conformance vectors pin down), so argument errors name the same paths
//! (`$.policy.base_ms`, `$.random_unit`) as in Rust and Python.

use crate::error::{call, invalid, Failure};
use crate::input;
use crate::output::Json;
use napi::bindgen_prelude::{Buffer, Unknown};
use napi::{Env, JsValue, ValueType};
use napi_derive::napi;
use serde_json::{Map, Value};
use verity::outcome::json_ops;

/// How a positional argument is read.
pub enum Arg<'a> {
    /// A JSON value as given (a string stays a string).
    Value(Option<Unknown<'a>>),
    /// A document: object | JSON text | JSON bytes.
    Document(Option<Unknown<'a>>),
}

/// Builds the keyword-argument object: positional arguments by name, then
/// the options object's members (unknown names are left to the core to
/// refuse or ignore, as in Python). `undefined` arguments are left out.
pub fn kwargs(
    env: &Env,
    positional: Vec<(&str, Arg)>,
    options: Option<Unknown>,
) -> Result<Value, Failure> {
    let mut args = Map::new();
    if let Some(options) = options {
        match options.get_type()? {
            ValueType::Undefined | ValueType::Null => {}
            ValueType::Object if !options.is_array()? => {
                if let Value::Object(map) = input::value(env, options)? {
                    args.extend(map);
                }
            }
            _ => return Err(invalid("$.options", "expected an options object")),
        }
    }
    for (name, arg) in positional {
        let (unknown, document) = match arg {
            Arg::Value(u) => (u, false),
            Arg::Document(u) => (u, true),
        };
        let Some(unknown) = unknown else { continue };
        if unknown.get_type()? == ValueType::Undefined {
            continue;
        }
        let prefix = verity::error::field_path("$", name);
        let value = if document {
            input::document(env, unknown)
        } else {
            input::value(env, unknown)
        }
        .map_err(|e| e.under(&prefix))?;
        args.insert(name.to_owned(), value);
    }
    Ok(Value::Object(args))
}

/// Runs a JSON-level core operation on assembled keyword arguments.
pub fn run(op: fn(&Value) -> verity::Result<Value>, args: &Value) -> Result<Json, Failure> {
    Ok(Json::frozen(op(args)?))
}

/// Factories of immutable `ExecutionResult` values (plain frozen objects:
/// `{ok, status, error_resolved, metrics, error?, data?, correlation_id?}`).
/// Invariants (`ok` ⇔ success, a failure carries an error, finite metrics)
/// are enforced here and whenever a result is read back.
#[napi]
pub struct ExecutionResult {}

#[napi]
impl ExecutionResult {
    /// A success (`ok: true`), optionally with data, metrics, correlation id.
    #[napi(
        ts_args_type = "data?: JsonValue, options?: ResultOptions | null",
        ts_return_type = "ExecutionResultValue"
    )]
    pub fn success(
        env: Env,
        data: Option<Unknown>,
        options: Option<Unknown>,
    ) -> napi::Result<Json> {
        call(&env, || {
            let args = kwargs(&env, vec![("data", Arg::Value(data))], options)?;
            run(json_ops::execution_result_success, &args)
        })
    }

    /// A failure (`ok: false`) carrying `error: {code, message, retryable}`.
    #[napi(
        ts_args_type = "error: ErrorInfo, options?: ResultOptions | null",
        ts_return_type = "ExecutionResultValue"
    )]
    pub fn failure(
        env: Env,
        error: Option<Unknown>,
        options: Option<Unknown>,
    ) -> napi::Result<Json> {
        call(&env, || {
            let args = kwargs(&env, vec![("error", Arg::Value(error))], options)?;
            run(json_ops::execution_result_failure, &args)
        })
    }

    /// A partial result: some data and/or an error.
    #[napi(
        ts_args_type = "data?: JsonValue, error?: ErrorInfo | null, options?: ResultOptions | null",
        ts_return_type = "ExecutionResultValue"
    )]
    pub fn partial(
        env: Env,
        data: Option<Unknown>,
        error: Option<Unknown>,
        options: Option<Unknown>,
    ) -> napi::Result<Json> {
        call(&env, || {
            let args = kwargs(
                &env,
                vec![("data", Arg::Value(data)), ("error", Arg::Value(error))],
                options,
            )?;
            run(json_ops::execution_result_partial, &args)
        })
    }

    /// Reads a stored result back (object | JSON text | bytes), invariants re-checked.
    #[napi(
        ts_args_type = "value: JsonInput",
        ts_return_type = "ExecutionResultValue"
    )]
    pub fn from_dict(env: Env, value: Unknown) -> napi::Result<Json> {
        call(&env, || {
            let mut args = Map::new();
            args.insert("value".to_owned(), input::document(&env, value)?);
            run(json_ops::execution_result_from_dict, &Value::Object(args))
        })
    }
}

/// Totals over many results (status counts, error-code histogram, metric sums).
#[napi(
    ts_args_type = "results: ReadonlyArray<ExecutionResultValue | JsonValue> | string | Uint8Array",
    ts_return_type = "ResultSummary"
)]
pub fn aggregate_results(env: Env, results: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let mut args = Map::new();
        args.insert("results".to_owned(), input::document(&env, results)?);
        run(json_ops::aggregate_results_json, &Value::Object(args))
    })
}

/// `{data, meta}` for a success, `{error, meta}` for a failure; meta carries version and correlation id.
#[napi(
    ts_args_type = "result: ExecutionResultValue | JsonInput, version: string, options?: EnvelopeOptions | null",
    ts_return_type = "Envelope"
)]
pub fn envelope_from_result(
    env: Env,
    result: Unknown,
    version: Option<Unknown>,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let args = kwargs(
            &env,
            vec![
                ("result", Arg::Document(Some(result))),
                ("version", Arg::Value(version)),
            ],
            options,
        )?;
        run(json_ops::envelope_from_result, &args)
    })
}

/// What kind of failure a call hit (HTTP status, provider code, enforcement, timeout);
/// `now` (RFC 3339 or a `Date`) resolves HTTP-date `Retry-After`.
#[napi(
    ts_args_type = "signal: FailureSignal, now?: string | Date | null",
    ts_return_type = "ClassifiedFailure"
)]
pub fn classify_failure(env: Env, signal: Unknown, now: Option<Unknown>) -> napi::Result<Json> {
    call(&env, || {
        let args = kwargs(
            &env,
            vec![
                ("signal", Arg::Value(Some(signal))),
                ("now", Arg::Value(now)),
            ],
            None,
        )?;
        run(json_ops::classify_failure_json, &args)
    })
}

/// Retry or give up for attempt `attempt` under `policy`; `randomUnit` in [0, 1) is the jitter draw.
#[napi(
    ts_args_type = "policy: RetryPolicy, attempt: number, failure: ClassifiedFailure, randomUnit: number",
    ts_return_type = "RetryDecision"
)]
pub fn decide_retry(
    env: Env,
    policy: Unknown,
    attempt: Unknown,
    failure: Unknown,
    random_unit: Unknown,
) -> napi::Result<Json> {
    call(&env, || {
        let args = kwargs(
            &env,
            vec![
                ("policy", Arg::Value(Some(policy))),
                ("attempt", Arg::Value(Some(attempt))),
                ("failure", Arg::Value(Some(failure))),
                ("random_unit", Arg::Value(Some(random_unit))),
            ],
            None,
        )?;
        run(json_ops::decide_retry_json, &args)
    })
}

/// Milliseconds to wait from a `retry-after-ms` and/or `Retry-After` header value (seconds
/// or an HTTP date, which needs `now`); `null` when neither says anything.
#[napi(
    ts_args_type = "retryAfterMs?: string | null, retryAfter?: string | null, now?: string | Date | null",
    ts_return_type = "number | null"
)]
pub fn retry_after_millis(
    env: Env,
    retry_after_ms: Option<Unknown>,
    retry_after: Option<Unknown>,
    now: Option<Unknown>,
) -> napi::Result<Option<f64>> {
    call(&env, || {
        let ms = input::opt_string_arg(retry_after_ms, "retry_after_ms")?;
        let header = input::opt_string_arg(retry_after, "retry_after")?;
        let now = now_arg(&env, now)?;
        Ok(
            verity::outcome::retry_after::retry_after_millis(
                ms.as_deref(),
                header.as_deref(),
                now,
            )?
            .map(|n| n as f64),
        )
    })
}

/// An optional `now`: RFC 3339 text or a `Date` (path `$.now`).
pub fn now_arg(
    env: &Env,
    now: Option<Unknown>,
) -> Result<Option<verity::time::Timestamp>, Failure> {
    let Some(now) = now else { return Ok(None) };
    if input::is_nullish(now)? {
        return Ok(None);
    }
    match input::value(env, now)? {
        Value::String(text) => Ok(Some(verity::time::Timestamp::parse_rfc3339(
            &text, "$.now",
        )?)),
        _ => Err(invalid("$.now", "expected an RFC 3339 string or a Date")),
    }
}

/// Meta of an envelope: `version` plus `{correlation_id?, extra?}`.
fn meta_arg(
    env: &Env,
    version: Unknown,
    options: Option<Unknown>,
) -> Result<verity::outcome::Meta, Failure> {
    let version = input::string_arg(version, "version")?;
    let options = input::options_arg(options, &["correlation_id", "extra"])?;
    let mut meta = verity::outcome::Meta::new(version);
    if let Some(id) =
        input::opt_string_arg(input::option(&options, "correlation_id")?, "correlation_id")?
    {
        meta = meta.with_correlation_id(id);
    }
    if let Some(extra) = input::option(&options, "extra")? {
        if !input::is_nullish(extra)? {
            match input::value(env, extra).map_err(|e| e.under("$.extra"))? {
                Value::Object(map) => {
                    for (key, value) in map {
                        meta = meta.with_extra(key, value)?;
                    }
                }
                _ => return Err(invalid("$.extra", "expected an object")),
            }
        }
    }
    Ok(meta)
}

/// `{data, meta}` for a successful response body.
#[napi(
    ts_args_type = "data: JsonValue, version: string, options?: EnvelopeOptions | null",
    ts_return_type = "Envelope"
)]
pub fn data_envelope(
    env: Env,
    data: Unknown,
    version: Unknown,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let data = input::value(&env, data).map_err(|e| e.under("$.data"))?;
        let meta = meta_arg(&env, version, options)?;
        Json::frozen_of(&verity::outcome::Envelope::data(data, meta))
    })
}

/// `{error, meta}` for a failed response body.
#[napi(
    ts_args_type = "error: ErrorInfo, version: string, options?: EnvelopeOptions | null",
    ts_return_type = "Envelope"
)]
pub fn error_envelope(
    env: Env,
    error: Unknown,
    version: Unknown,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let error = input::value(&env, error).map_err(|e| e.under("$.error"))?;
        let error: verity::outcome::ErrorInfo =
            verity::json::from_value(&error).map_err(|e| e.under("$.error"))?;
        let meta = meta_arg(&env, version, options)?;
        Json::frozen_of(&verity::outcome::Envelope::error(error, meta))
    })
}

/// Reads an envelope back (object | JSON text | bytes), validated.
#[napi(ts_args_type = "value: JsonInput", ts_return_type = "Envelope")]
pub fn parse_envelope(env: Env, value: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let doc = input::document(&env, value)?;
        Json::frozen_of(&verity::outcome::Envelope::from_value(&doc)?)
    })
}

/// The canonical (RFC 8785) bytes of a result, as written to the immutable log.
#[napi(ts_args_type = "result: ExecutionResultValue | JsonInput")]
pub fn execution_result_canonical_json(env: Env, result: Unknown) -> napi::Result<Buffer> {
    call(&env, || {
        let doc = input::document(&env, result)?;
        let result = verity::outcome::ExecutionResult::from_value(&doc)?;
        Ok(result.to_canonical_json()?.into())
    })
}
