//! pairing: front/back product image pairing, its config (also from an
//! environment-style map such as `process.env`), contract checks, golden
//! verification and metrics comparison.

use crate::error::{call, invalid, Failure};
use crate::input::{self, OwnedJson};
use crate::output::Json;
use crate::tasks::{self, JsonTask};
use napi::bindgen_prelude::{AsyncTask, FromNapiValue, JsObjectValue, Object, Unknown};
use napi::{Env, JsString, JsValue, ValueType};
use napi_derive::napi;
use serde_json::Value;
use verity::pairing::{self, Decisions, PairingConfig};

/// An optional config document (`null`/`undefined` → defaults). Like every
/// document argument, its error paths are rooted at the document itself.
fn config_arg(env: &Env, config: Option<Unknown>) -> Result<PairingConfig, Failure> {
    match input::optional_document(env, config)? {
        None => Ok(PairingConfig::default()),
        Some(doc) => Ok(PairingConfig::from_value(&doc)?),
    }
}

/// Optional host tie-break decisions `{"decisions": [{front, back|null}]}`.
fn decisions_arg(env: &Env, decisions: Option<Unknown>) -> Result<Option<Decisions>, Failure> {
    match input::optional_document(env, decisions)? {
        None => Ok(None),
        Some(doc) => Ok(Some(Decisions::from_value(&doc)?)),
    }
}

fn pair_owned(
    analysis: OwnedJson,
    config: &PairingConfig,
    decisions: Option<&Decisions>,
) -> Result<Json, Failure> {
    let result = match analysis {
        OwnedJson::Value(v) => pairing::pair(&v, config, decisions)?,
        OwnedJson::Bytes(b) => pairing::pair_bytes(&b, config, decisions)?,
    };
    Json::of(&result)
}

/// Pairs the images of an analysis document (`{"images": [...]}` or a bare array):
/// pairs, extras, tie-break questions, singletons, metrics — `pairing.json`'s shape.
#[napi(
    ts_args_type = "analysis: JsonInput, config?: PairingConfigInput | JsonInput | null, decisions?: PairingDecisions | JsonInput | null",
    ts_return_type = "PairingResult"
)]
pub fn pair(
    env: Env,
    analysis: Unknown,
    config: Option<Unknown>,
    decisions: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let config = config_arg(&env, config)?;
        let decisions = decisions_arg(&env, decisions)?;
        input::with_document(&env, analysis, |doc| {
            let result = match doc {
                input::Doc::Value(v) => pairing::pair(&v, &config, decisions.as_ref())?,
                input::Doc::Bytes(b) => pairing::pair_bytes(b, &config, decisions.as_ref())?,
            };
            Json::of(&result)
        })
    })
}

/// `pair` on the libuv thread pool (raw bytes/text are parsed there too).
#[napi(
    ts_args_type = "analysis: JsonInput, config?: PairingConfigInput | JsonInput | null, decisions?: PairingDecisions | JsonInput | null, signal?: AbortSignal | null",
    ts_return_type = "Promise<PairingResult>"
)]
pub fn pair_async(
    env: Env,
    analysis: Unknown,
    config: Option<Unknown>,
    decisions: Option<Unknown>,
    signal: Option<Unknown>,
) -> napi::Result<AsyncTask<JsonTask>> {
    call(&env, || {
        let config = config_arg(&env, config)?;
        let decisions = decisions_arg(&env, decisions)?;
        let analysis = input::owned_document(&env, analysis)?;
        tasks::spawn(signal, move |_| {
            pair_owned(analysis, &config, decisions.as_ref())
        })
    })
}

/// Contract violations of a pairing against its analysis (every image exactly once, one
/// front + one back per pair, no cross-brand pair, auto pairs meet their threshold).
#[napi(
    ts_args_type = "analysis: JsonInput, pairing: PairingResult | JsonInput",
    ts_return_type = "PairingViolation[]"
)]
pub fn verify_contract(env: Env, analysis: Unknown, pairing: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let analysis = input::document(&env, analysis)?;
        let result = input::document(&env, pairing)?;
        Json::frozen_of(&pairing::verify_contract(&analysis, &result)?)
    })
}

/// The pairing config from an environment-style map (e.g. `process.env`): `PAIR_AUTO_SCORE`,
/// `PAIR_AUTO_<CATEGORY>_SCORE`, `PAIR_DISABLE_TIEBREAK`, `PAIR_BATCH_MAX_CHUNK`, ...
/// Keys not starting with `PAIR_` are ignored; an unknown `PAIR_*` key is an error.
#[napi(
    ts_args_type = "env: { readonly [name: string]: string | undefined }, base?: PairingConfigInput | JsonInput | null",
    ts_return_type = "PairingConfigValue"
)]
pub fn pairing_config_from_env(
    env: Env,
    vars: Unknown,
    base: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let base = config_arg(&env, base)?;
        let map = env_map(vars)?;
        Json::frozen_of(&base.with_env(map)?)
    })
}

/// The `PAIR_*` string entries of a JS object (other keys, `undefined` values skipped).
fn env_map(vars: Unknown) -> Result<Vec<(String, String)>, Failure> {
    if vars.get_type()? != ValueType::Object || vars.is_array()? {
        return Err(invalid(
            "$.env",
            "expected an object of environment variables",
        ));
    }
    let obj = Object::from_unknown(vars)?;
    let mut out = Vec::new();
    for key in Object::keys(&obj)? {
        if !key.starts_with("PAIR_") {
            continue;
        }
        let value: Unknown = obj.get_named_property(&key)?;
        match value.get_type()? {
            ValueType::Undefined => {}
            ValueType::String => {
                let path = verity::error::field_path("$", &key);
                out.push((
                    key,
                    input::js_string(JsString::from_unknown(value)?, || path)?,
                ));
            }
            _ => {
                return Err(invalid(
                    verity::error::field_path("$", &key),
                    "environment values must be strings",
                ))
            }
        }
    }
    Ok(out)
}

/// Runs pairing and diffs it against `pairing-expected.json` / `metrics-expected.json`:
/// an empty list means the golden run still holds.
#[napi(
    ts_args_type = "analysis: JsonInput, expectedPairing: JsonInput, expectedMetrics: JsonInput, config?: PairingConfigInput | JsonInput | null",
    ts_return_type = "GoldenDifference[]"
)]
pub fn verify_golden(
    env: Env,
    analysis: Unknown,
    expected_pairing: Unknown,
    expected_metrics: Unknown,
    config: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let config = config_arg(&env, config)?;
        let analysis = input::document(&env, analysis)?;
        let pairing_doc = input::document(&env, expected_pairing)?;
        let metrics_doc = input::document(&env, expected_metrics)?;
        Json::frozen_of(&pairing::verify_golden(
            &analysis,
            &pairing_doc,
            &metrics_doc,
            &config,
        )?)
    })
}

/// Every numeric field that differs between two metrics documents (yesterday vs today),
/// sorted by path.
#[napi(
    ts_args_type = "before: JsonInput, after: JsonInput",
    ts_return_type = "MetricChange[]"
)]
pub fn compare_metrics(env: Env, before: Unknown, after: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let before: Value = input::document(&env, before)?;
        let after: Value = input::document(&env, after)?;
        Json::frozen_of(&pairing::compare_metrics(&before, &after))
    })
}

/// Differences between two JSON documents in document order (arrays of objects with an `id`
/// or `front` key compared by that key); `document` labels them.
#[napi(
    ts_args_type = "document: string, expected: JsonInput, actual: JsonInput",
    ts_return_type = "GoldenDifference[]"
)]
pub fn diff_json(
    env: Env,
    document: Unknown,
    expected: Unknown,
    actual: Unknown,
) -> napi::Result<Json> {
    call(&env, || {
        let document = input::string_arg(document, "document")?;
        let expected = input::document(&env, expected)?;
        let actual = input::document(&env, actual)?;
        Json::frozen_of(&pairing::diff_json(&document, &expected, &actual))
    })
}

/// The pairing engine version written into every result (`engine_version`).
#[napi]
pub fn pairing_engine_version() -> String {
    pairing::ENGINE_VERSION.to_owned()
}
