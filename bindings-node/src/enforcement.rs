//! enforcement: classify a grounded run, check persisted run records,
//! explain failures, aggregate outcomes (and batch classification, sync and
//! off the main thread).

use crate::error::{call, Failure};
use crate::input::{self, Doc, OwnedJson};
use crate::output::Json;
use crate::tasks::{self, Cancel, JsonTask};
use napi::bindgen_prelude::{AsyncTask, Unknown};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use verity::enforcement::{
    self, ClassifyOptions, EnforcementMode, EnforcementModeTable, Outcome, RequestedMode,
};

const CLASSIFY_OPTIONS: &[&str] = &[
    "enforcement_mode",
    "model",
    "max_output_tokens",
    "search_tool_names",
    "api",
    "enforcement_mode_table",
];

/// `{enforcement_mode?, model?, max_output_tokens?, search_tool_names?, api?,
/// enforcement_mode_table?}` (Python's keyword names).
fn classify_options(env: &Env, options: Option<Unknown>) -> Result<ClassifyOptions, Failure> {
    let options = input::options_arg(options, CLASSIFY_OPTIONS)?;
    let get = |name| input::option(&options, name);
    let mut out = ClassifyOptions {
        model: input::opt_string_arg(get("model")?, "model")?,
        max_output_tokens: input::opt_uint_arg(get("max_output_tokens")?, "max_output_tokens")?,
        ..ClassifyOptions::default()
    };
    if let Some(mode) = input::opt_string_arg(get("enforcement_mode")?, "enforcement_mode")? {
        out.enforcement_mode = Some(EnforcementMode::parse(&mode)?);
    }
    if let Some(api) = input::opt_string_arg(get("api")?, "api")? {
        out.api = Some(enforcement::parse_api(&api)?);
    }
    if let Some(names) = get("search_tool_names")? {
        if !input::is_nullish(names)? {
            out.search_tool_names = input::array_arg(names, "search_tool_names")?
                .into_iter()
                .enumerate()
                .map(|(i, n)| input::string_arg(n, &format!("search_tool_names[{i}]")))
                .collect::<Result<_, _>>()?;
        }
    }
    if let Some(table) = get("enforcement_mode_table")? {
        if !input::is_nullish(table)? {
            let value =
                input::document(env, table).map_err(|e| e.under("$.enforcement_mode_table"))?;
            out.enforcement_mode_table = EnforcementModeTable::from_json(&value)?;
        }
    }
    Ok(out)
}

fn mode_arg(mode: Unknown) -> Result<RequestedMode, Failure> {
    Ok(RequestedMode::parse(&input::string_arg(mode, "mode")?)?)
}

fn classify_doc(
    doc: Doc,
    mode: RequestedMode,
    options: &ClassifyOptions,
) -> Result<Outcome, Failure> {
    Ok(match doc {
        Doc::Value(v) => enforcement::classify(&v, mode, options)?,
        Doc::Bytes(b) => enforcement::classify_bytes(b, mode, options)?,
    })
}

/// Did a grounded run obey `mode` (`UNGROUNDED | PREFERRED | REQUIRED`)? The outcome is frozen.
#[napi(
    ts_args_type = "response: JsonInput, mode: RequestedMode, options?: ClassifyOptions | null",
    ts_return_type = "ClassifyOutcome"
)]
pub fn classify(
    env: Env,
    response: Unknown,
    mode: Unknown,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let mode = mode_arg(mode)?;
        let options = classify_options(&env, options)?;
        let outcome =
            input::with_document(&env, response, |doc| classify_doc(doc, mode, &options))?;
        Json::frozen_of(&outcome)
    })
}

fn owned_responses(env: &Env, list: Unknown) -> Result<Vec<OwnedJson>, Failure> {
    input::array_arg(list, "responses")?
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            input::owned_document(env, item)
                .map_err(|e| e.under(&verity::error::index_path("$", i)))
        })
        .collect()
}

fn classify_all(
    docs: Vec<OwnedJson>,
    mode: RequestedMode,
    options: &ClassifyOptions,
    cancel: &Cancel,
) -> Result<Json, Failure> {
    let mut out = Vec::with_capacity(docs.len());
    for (i, doc) in docs.into_iter().enumerate() {
        cancel.check()?;
        let at = |f: Failure| f.under(&verity::error::index_path("$", i));
        let outcome = match &doc {
            OwnedJson::Value(v) => classify_doc(Doc::Value(v.clone()), mode, options),
            OwnedJson::Bytes(b) => classify_doc(Doc::Bytes(b), mode, options),
        }
        .map_err(at)?;
        out.push(outcome);
    }
    Json::frozen_of(&out)
}

/// `classify` over many responses with one mode and options (outcomes in input order;
/// the first error, re-rooted at `$[i]`, fails the batch).
#[napi(
    ts_args_type = "responses: ReadonlyArray<JsonInput>, mode: RequestedMode, options?: ClassifyOptions | null",
    ts_return_type = "ClassifyOutcome[]"
)]
pub fn classify_many(
    env: Env,
    responses: Unknown,
    mode: Unknown,
    options: Option<Unknown>,
) -> napi::Result<Json> {
    call(&env, || {
        let mode = mode_arg(mode)?;
        let options = classify_options(&env, options)?;
        let docs = owned_responses(&env, responses)?;
        classify_all(docs, mode, &options, &Cancel::default())
    })
}

/// `classifyMany` on the libuv thread pool; raw bodies are parsed there too.
#[napi(
    ts_args_type = "responses: ReadonlyArray<JsonInput>, mode: RequestedMode, options?: ClassifyOptions | null, signal?: AbortSignal | null",
    ts_return_type = "Promise<ClassifyOutcome[]>"
)]
pub fn classify_many_async(
    env: Env,
    responses: Unknown,
    mode: Unknown,
    options: Option<Unknown>,
    signal: Option<Unknown>,
) -> napi::Result<AsyncTask<JsonTask>> {
    call(&env, || {
        let mode = mode_arg(mode)?;
        let options = classify_options(&env, options)?;
        let docs = owned_responses(&env, responses)?;
        tasks::spawn(signal, move |cancel| {
            classify_all(docs, mode, &options, cancel)
        })
    })
}

/// Every violation of the truth table in a stored/persisted run record (empty: valid).
#[napi(ts_args_type = "record: JsonInput", ts_return_type = "RunViolation[]")]
pub fn check_run_invariants(env: Env, record: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let record = input::document(&env, record)?;
        Json::frozen_of(&enforcement::check_run_invariants(&record)?)
    })
}

/// An outcome argument: a classify result (re-validated against the truth table).
fn outcome_arg(env: &Env, arg: Unknown) -> Result<Outcome, Failure> {
    let value: Value = input::document(env, arg)?;
    Ok(Outcome::from_json(&value)?)
}

/// The run-detail-card explanation of a failed outcome; `null` when it passed.
#[napi(
    ts_args_type = "outcome: ClassifyOutcome | JsonInput",
    ts_return_type = "FailureExplanation | null"
)]
pub fn explain_failure(env: Env, outcome: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let outcome = outcome_arg(&env, outcome)?;
        Json::frozen_of(&enforcement::explain_failure(&outcome))
    })
}

/// Aggregate measures over many outcomes (soft/hard REQUIRED fail rates, grounded rate by
/// provider and by mode).
#[napi(
    ts_args_type = "outcomes: ReadonlyArray<ClassifyOutcome | JsonInput>",
    ts_return_type = "AggregateMeasures"
)]
pub fn aggregate_outcomes(env: Env, outcomes: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let list = input::array_arg(outcomes, "outcomes")?
            .into_iter()
            .enumerate()
            .map(|(i, o)| {
                outcome_arg(&env, o).map_err(|e| e.under(&verity::error::index_path("$", i)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Json::frozen_of(&enforcement::aggregate_outcomes(&list))
    })
}

/// URLs in free text (`http(s)://`, trailing punctuation trimmed), distinct, first-seen order.
#[napi(ts_args_type = "text: string", ts_return_type = "string[]")]
pub fn inline_urls(env: Env, text: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let text = input::string_arg(text, "text")?;
        Json::of(&enforcement::inline_urls(&text))
    })
}

/// The truth table alone: `{status, enforcement_passed, error_code}` for a mode, the counts of
/// successful and attempted searches, and `hard`/`soft` enforcement.
#[napi(
    ts_args_type = "mode: RequestedMode, successful: number, attempted: number, enforcementMode: EnforcementMode",
    ts_return_type = "Verdict"
)]
pub fn decide(
    env: Env,
    mode: Unknown,
    successful: Unknown,
    attempted: Unknown,
    enforcement_mode: Unknown,
) -> napi::Result<Json> {
    call(&env, || {
        let mode = mode_arg(mode)?;
        let successful = input::uint_arg(successful, "successful")?;
        let attempted = input::uint_arg(attempted, "attempted")?;
        let enforcement_mode =
            EnforcementMode::parse(&input::string_arg(enforcement_mode, "enforcement_mode")?)?;
        Json::frozen_of(&enforcement::decide(
            mode,
            successful,
            attempted,
            enforcement_mode,
        ))
    })
}
