//! dedup: RFC 8785 canonical JSON.

use crate::error::call;
use crate::input;
use napi::bindgen_prelude::{Buffer, Unknown};
use napi::Env;
use napi_derive::napi;

/// RFC 8785 (JCS) canonical bytes of a JSON value (object, JSON text or bytes).
#[napi(ts_args_type = "value: JsonInput")]
pub fn canonical_json(env: Env, value: Unknown) -> napi::Result<Buffer> {
    call(&env, || {
        let parsed = input::document(&env, value)?;
        Ok(verity::dedup::canonical_json(&parsed)?.into())
    })
}
