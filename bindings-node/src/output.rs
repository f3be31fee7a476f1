//! The ONE conversion of results to JS: serde output → plain JS values.
//!
//! Field names are the core's serde names (the spec's JSON shapes), never
//! re-cased. Numbers become JS numbers (integers beyond ±2^53 lose precision,
//! as with `JSON.parse`). Outcome values the spec calls immutable are
//! returned deeply frozen (`Object.freeze` at every level) and typed
//! `readonly` in `index.d.ts`.

use crate::error::Failure;
use napi::bindgen_prelude::{
    Array, JsObjectValue, JsValue, Null, Object, ToNapiValue, TypeName, Unknown,
};
use napi::{sys, Env, ValueType};
use serde::Serialize;
use serde_json::Value;

/// A JSON result on its way to JS.
pub struct Json {
    value: Value,
    frozen: bool,
}

impl Json {
    /// A plain (mutable) JS value.
    pub fn plain(value: Value) -> Self {
        Json {
            value,
            frozen: false,
        }
    }

    /// A deeply frozen JS value (immutable outcomes).
    pub fn frozen(value: Value) -> Self {
        Json {
            value,
            frozen: true,
        }
    }

    /// The serde JSON form of `output`, plain.
    pub fn of<T: Serialize>(output: &T) -> Result<Self, Failure> {
        Ok(Self::plain(serialize(output)?))
    }

    /// The serde JSON form of `output`, deeply frozen.
    pub fn frozen_of<T: Serialize>(output: &T) -> Result<Self, Failure> {
        Ok(Self::frozen(serialize(output)?))
    }
}

fn serialize<T: Serialize>(output: &T) -> Result<Value, Failure> {
    serde_json::to_value(output).map_err(|e| Failure::Internal(format!("serialising output: {e}")))
}

impl TypeName for Json {
    fn type_name() -> &'static str {
        "unknown"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for Json {
    unsafe fn to_napi_value(raw_env: sys::napi_env, val: Self) -> napi::Result<sys::napi_value> {
        let env = Env::from_raw(raw_env);
        Ok(to_js(&env, &val.value, val.frozen)?.raw())
    }
}

/// A JSON value as a JS value (frozen at every level when `frozen`).
pub fn to_js<'e>(env: &'e Env, value: &Value, frozen: bool) -> napi::Result<Unknown<'e>> {
    match value {
        Value::Null => Null.into_unknown(env),
        Value::Bool(b) => b.into_unknown(env),
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN).into_unknown(env),
        Value::String(s) => s.as_str().into_unknown(env),
        Value::Array(items) => {
            let mut array: Array = env.create_array(items.len() as u32)?;
            for (i, item) in items.iter().enumerate() {
                array.set(i as u32, to_js(env, item, frozen)?)?;
            }
            let mut obj = array.coerce_to_object()?;
            if frozen {
                obj.freeze()?;
            }
            Ok(obj.to_unknown())
        }
        Value::Object(map) => {
            let mut obj = Object::new(env)?;
            for (key, item) in map {
                obj.set(key, to_js(env, item, frozen)?)?;
            }
            if frozen {
                obj.freeze()?;
            }
            Ok(obj.to_unknown())
        }
    }
}
