//! metadata: provider of a model id, API of a response body.

use crate::error::call;
use crate::input;
use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;

/// Provider of a model id: `"openai" | "google" | "anthropic" | "unknown"` (never guessed).
#[napi(ts_args_type = "modelId: string", ts_return_type = "Provider")]
pub fn detect_provider(env: Env, model_id: Unknown) -> napi::Result<String> {
    call(&env, || {
        let id = input::string_arg(model_id, "model_id")?;
        Ok(verity::metadata::detect_provider(&id).as_str().to_owned())
    })
}

/// Which provider API a raw response body came from, by its shape; `null` when none matches.
#[napi(ts_args_type = "response: JsonInput", ts_return_type = "Api | null")]
pub fn detect_api(env: Env, response: Unknown) -> napi::Result<Option<String>> {
    call(&env, || {
        let body = input::document(&env, response)?;
        Ok(verity::metadata::detect_api(&body).map(|api| api.as_str().to_owned()))
    })
}
