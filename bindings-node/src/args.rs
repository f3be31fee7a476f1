//! Scalar, list and options arguments (everything that is not a JSON
//! document): typed checks whose errors name the argument the way the core
//! names keyword arguments (`$.mode`, `$.texts[1]`, `$.options`).

use crate::error::{invalid, Failure};
use crate::input::{js_string, MAX_EXACT_INT};
use napi::bindgen_prelude::{
    FromNapiValue, JsObjectValue, JsValue, Object, Uint8ArraySlice, Unknown,
};
use napi::{JsString, ValueType};
use verity::{Error as CoreError, ErrorKind};

/// Path of a named scalar argument in errors (`mode` → `$.mode`), as the
/// core reports keyword arguments.
/// `name` may carry an index (`texts[1]` → `$.texts[1]`).
pub(crate) fn arg_path(name: &str) -> String {
    match name.split_once('[') {
        Some((field, index)) => format!("{}[{index}", verity::error::field_path("$", field)),
        None => verity::error::field_path("$", name),
    }
}

/// A required string argument; anything else is `invalid_input` at `$.name`.
pub fn string_arg(arg: Unknown, name: &str) -> Result<String, Failure> {
    match arg.get_type()? {
        ValueType::String => js_string(JsString::from_unknown(arg)?, || arg_path(name)),
        other => Err(invalid(
            arg_path(name),
            format!("expected a string, got {}", js_type_name(other)),
        )),
    }
}

/// An optional string argument (`undefined`/`null` → `None`).
pub fn opt_string_arg(arg: Option<Unknown>, name: &str) -> Result<Option<String>, Failure> {
    match arg {
        Some(a) if !is_nullish(a)? => string_arg(a, name).map(Some),
        _ => Ok(None),
    }
}

/// A required finite number argument.
pub fn number_arg(arg: Unknown, name: &str) -> Result<f64, Failure> {
    match arg.get_type()? {
        ValueType::Number => {
            let x = f64::from_unknown(arg)?;
            if x.is_finite() {
                Ok(x)
            } else {
                Err(Failure::Core(CoreError::new(
                    ErrorKind::InvalidNumber,
                    arg_path(name),
                    format!("{x} is not a finite number"),
                )))
            }
        }
        other => Err(invalid(
            arg_path(name),
            format!("expected a number, got {}", js_type_name(other)),
        )),
    }
}

/// A required non-negative integer argument (≤ 2^53).
pub fn uint_arg(arg: Unknown, name: &str) -> Result<u64, Failure> {
    let x = number_arg(arg, name)?;
    if x.fract() == 0.0 && (0.0..=MAX_EXACT_INT).contains(&x) {
        Ok(x as u64)
    } else {
        Err(invalid(
            arg_path(name),
            format!("expected a non-negative integer, got {x}"),
        ))
    }
}

/// An optional non-negative integer argument.
pub fn opt_uint_arg(arg: Option<Unknown>, name: &str) -> Result<Option<u64>, Failure> {
    match arg {
        Some(a) if !is_nullish(a)? => uint_arg(a, name).map(Some),
        _ => Ok(None),
    }
}

/// A required boolean argument.
pub fn bool_arg(arg: Unknown, name: &str) -> Result<bool, Failure> {
    match arg.get_type()? {
        ValueType::Boolean => Ok(bool::from_unknown(arg)?),
        other => Err(invalid(
            arg_path(name),
            format!("expected a boolean, got {}", js_type_name(other)),
        )),
    }
}

/// `undefined` or `null`.
pub fn is_nullish(arg: Unknown) -> Result<bool, Failure> {
    Ok(matches!(
        arg.get_type()?,
        ValueType::Undefined | ValueType::Null
    ))
}

fn js_type_name(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "boolean",
        ValueType::Number => "number",
        ValueType::String => "string",
        ValueType::Symbol => "symbol",
        ValueType::Object => "object",
        ValueType::Function => "function",
        ValueType::External => "external",
        ValueType::BigInt => "bigint",
        _ => "unknown value",
    }
}

/// The elements of a required array argument (`$.name` when not an array).
pub fn array_arg<'a>(arg: Unknown<'a>, name: &str) -> Result<Vec<Unknown<'a>>, Failure> {
    if arg.get_type()? != ValueType::Object || !arg.is_array()? {
        return Err(invalid(arg_path(name), "expected an array"));
    }
    let obj = Object::from_unknown(arg)?;
    let len = obj.get_array_length()?;
    (0..len)
        .map(|i| obj.get_element::<Unknown>(i).map_err(Failure::from))
        .collect()
}

/// An optional options object (`undefined`/`null` → `None`) whose keys must
/// be among `allowed` (Python's keyword names): a typo is an error, not ignored.
pub fn options_arg<'a>(
    arg: Option<Unknown<'a>>,
    allowed: &[&str],
) -> Result<Option<Object<'a>>, Failure> {
    let Some(arg) = arg else { return Ok(None) };
    match arg.get_type()? {
        ValueType::Undefined | ValueType::Null => return Ok(None),
        ValueType::Object if !arg.is_array()? => {}
        _ => return Err(invalid("$.options", "expected an options object")),
    }
    let obj = Object::from_unknown(arg)?;
    for key in Object::keys(&obj)? {
        if !allowed.contains(&key.as_str()) {
            return Err(invalid(
                arg_path(&key),
                format!(
                    "unknown option {key:?} (expected one of {})",
                    allowed.join(", ")
                ),
            ));
        }
    }
    Ok(Some(obj))
}

/// Option `name` of an options object (`undefined` when absent).
pub fn option<'a>(
    options: &Option<Object<'a>>,
    name: &str,
) -> Result<Option<Unknown<'a>>, Failure> {
    match options {
        None => Ok(None),
        Some(obj) => Ok(Some(obj.get_named_property::<Unknown>(name)?)),
    }
}

/// Runs `f` on the raw bytes of a string or `Buffer`/`Uint8Array` argument
/// (no JSON parsing: e.g. one JSONL line).
pub fn with_raw_bytes<R>(
    arg: Unknown,
    name: &str,
    f: impl FnOnce(&[u8]) -> R,
) -> Result<R, Failure> {
    match arg.get_type()? {
        ValueType::String => {
            let text = js_string(JsString::from_unknown(arg)?, || arg_path(name))?;
            Ok(f(text.as_bytes()))
        }
        ValueType::Object if arg.is_typedarray()? => {
            let slice = Uint8ArraySlice::from_unknown(arg)
                .map_err(|_| invalid(arg_path(name), "expected a string or a Uint8Array"))?;
            Ok(f(&slice))
        }
        _ => Err(invalid(arg_path(name), "expected a string or a Uint8Array")),
    }
}
