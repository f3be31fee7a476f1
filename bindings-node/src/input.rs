//! The ONE conversion of JSON-ish arguments from JS into `serde_json::Value`.
//!
//! Accepted (spec, "General contract"): a plain JS value (object, array,
//! string-as-value, number, boolean, null), JSON **text** (a JS string) or
//! JSON **bytes** (`Buffer`, any `Uint8Array`, `ArrayBuffer` — e.g. a raw
//! `fetch` body). Text and bytes go through `verity::json::parse` (8 MiB /
//! depth-128 limits, line/column on syntax errors), exactly as in Rust and
//! Python.
//!
//! A JS value is converted with `JSON.stringify` semantics (`toJSON` is
//! honoured, `undefined`/functions/symbols are dropped from objects and
//! become `null` in arrays, enumerable string keys, a nested typed array is
//! an object of its indices), except where `JSON.stringify` would silently
//! lose information, which is an error naming the path: `NaN`/`±Infinity` →
//! `invalid_number`, a lone surrogate → `invalid_string`, a `BigInt` →
//! `invalid_input`, nesting deeper than 128 (or a cycle) → `too_deep`.
//! Integral numbers within ±2^53 become JSON integers (`1`, not `1.0`).
//!
//! Speed: a document argument is first serialised by V8's own
//! `JSON.stringify` and parsed by the core (one boundary crossing instead of
//! several per property); only when that text could hide one of the errors
//! above (it contains `null` or an escaped lone surrogate, or stringify
//! threw) is the value walked property by property. Either way the result is
//! the same, and the text path also applies the core's size limit (8 MiB).
//!
//! Whether a string argument is JSON text or a JSON string *value* is decided
//! by the entry point, never guessed: "document" arguments (`response`,
//! `config`, `analysis`, `value`, ...) read strings as JSON text.

pub use crate::args::{
    array_arg, bool_arg, is_nullish, number_arg, opt_string_arg, opt_uint_arg, option, options_arg,
    string_arg, uint_arg, with_raw_bytes,
};
use crate::error::{invalid, Failure};
use napi::bindgen_prelude::{
    ArrayBuffer, FromNapiValue, Function, JsObjectValue, JsValue, Object, Uint8ArraySlice, Unknown,
};
use napi::{Env, JsString, ValueType};
use serde_json::{Map, Number, Value};
use verity::json::Limits;
use verity::{Error as CoreError, ErrorKind};

/// Largest integer a JS number holds exactly (2^53).
pub(crate) const MAX_EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// A JSON argument taken from JS, owned so it can move to a worker thread
/// (text/bytes are parsed there, off the event loop).
pub enum OwnedJson {
    /// Already a value (converted from a JS object on the main thread).
    Value(Value),
    /// JSON text or bytes, parsed by [`OwnedJson::parse`].
    Bytes(Vec<u8>),
}

impl OwnedJson {
    /// The parsed value (text/bytes under the core's limits).
    pub fn parse(self) -> Result<Value, Failure> {
        match self {
            OwnedJson::Value(v) => Ok(v),
            OwnedJson::Bytes(b) => Ok(verity::json::parse(&b)?),
        }
    }
}

/// A document argument as received: a converted JS value, or JSON text/bytes
/// still to be parsed (borrowed from the JS string/buffer, not copied).
pub enum Doc<'a> {
    /// A plain JS value, converted.
    Value(Value),
    /// JSON text (a JS string) or bytes (`Buffer`/`Uint8Array`/`ArrayBuffer`).
    Bytes(&'a [u8]),
}

/// Runs `f` on a document argument (object | JSON text | JSON bytes), for
/// entry points whose core has its own parser for text (e.g. strict RFC 8785).
pub fn with_document<R>(
    env: &Env,
    arg: Unknown,
    f: impl FnOnce(Doc) -> Result<R, Failure>,
) -> Result<R, Failure> {
    if arg.get_type()? == ValueType::String {
        let text = js_string(JsString::from_unknown(arg)?, || "$".to_owned())?;
        return f(Doc::Bytes(text.as_bytes()));
    }
    let kind = arg.get_type()?;
    if kind == ValueType::Object {
        if arg.is_typedarray()? {
            let slice = Uint8ArraySlice::from_unknown(arg).map_err(|_| not_bytes())?;
            return f(Doc::Bytes(&slice));
        }
        if arg.is_arraybuffer()? {
            let buffer = ArrayBuffer::from_unknown(arg)?;
            return f(Doc::Bytes(&buffer));
        }
    }
    if matches!(
        kind,
        ValueType::Object | ValueType::Number | ValueType::Boolean
    ) {
        if let Some(text) = stringified(env, arg)? {
            return f(Doc::Bytes(text.as_bytes()));
        }
    }
    f(Doc::Value(value(env, arg)?))
}

/// Fast path for plain JS values: V8's native `JSON.stringify`, then the
/// core's parser (far fewer boundary crossings than walking the object).
/// `None` — use the exact walker of [`value`] — whenever `JSON.stringify`
/// could have changed the value silently or failed: its text contains `null`
/// (which is also what NaN/±Infinity become) or `\ud` (an escaped lone
/// surrogate), or it threw (BigInt, cycle, a throwing getter: the walker
/// reports these with their path or re-throws).
fn stringified(env: &Env, arg: Unknown) -> Result<Option<String>, Failure> {
    let global = env.get_global()?;
    let json: Object = global.get_named_property("JSON")?;
    let stringify: Function<Unknown, Unknown> = json.get_named_property("stringify")?;
    let Ok(out) = stringify.call(arg) else {
        return Ok(None);
    };
    if out.get_type()? != ValueType::String {
        return Ok(None);
    }
    let text = JsString::from_unknown(out)?.into_utf8()?.into_owned()?;
    if text.contains("null") || text.contains("\\ud") {
        return Ok(None);
    }
    Ok(Some(text))
}

fn not_bytes() -> Failure {
    invalid(
        "$",
        "expected JSON bytes in a Buffer/Uint8Array, got another typed array",
    )
}

/// A document argument (object | JSON text | JSON bytes) as a value; text
/// and bytes go through `verity::json::parse`.
pub fn document(env: &Env, arg: Unknown) -> Result<Value, Failure> {
    with_document(env, arg, |doc| match doc {
        Doc::Value(v) => Ok(v),
        Doc::Bytes(b) => Ok(verity::json::parse(b)?),
    })
}

/// A document argument, owned for an async task (text/bytes copied, parsed
/// later on the worker thread).
pub fn owned_document(env: &Env, arg: Unknown) -> Result<OwnedJson, Failure> {
    with_document(env, arg, |doc| {
        Ok(match doc {
            Doc::Value(v) => OwnedJson::Value(v),
            Doc::Bytes(b) => OwnedJson::Bytes(b.to_vec()),
        })
    })
}

/// An optional document argument (`undefined`/`null` → `None`).
pub fn optional_document(env: &Env, arg: Option<Unknown>) -> Result<Option<Value>, Failure> {
    match arg {
        None => Ok(None),
        Some(a) if matches!(a.get_type()?, ValueType::Undefined | ValueType::Null) => Ok(None),
        Some(a) => document(env, a).map(Some),
    }
}

/// A JS value converted as a JSON value (strings are string values, not text).
pub fn value(env: &Env, arg: Unknown) -> Result<Value, Failure> {
    if arg.get_type()? == ValueType::Undefined {
        return Err(invalid("$", "expected a JSON value, got undefined"));
    }
    let mut converter = Converter {
        env,
        depth: 0,
        to_json_key: None,
    };
    converter
        .convert(arg, &Seg::Root)?
        .ok_or_else(|| invalid("$", "expected a JSON value, got a function or symbol"))
}

/// A JS string as Rust UTF-8; a lone surrogate is `invalid_string` at `path`.
pub fn js_string(s: JsString, path: impl FnOnce() -> String) -> Result<String, Failure> {
    let utf8 = s.into_utf8()?.into_owned()?;
    // napi replaces lone surrogates by U+FFFD: only then look at the UTF-16.
    if utf8.contains('\u{FFFD}') {
        let units = s.into_utf16()?;
        if String::from_utf16(units.as_slice()).is_err() {
            return Err(Failure::Core(CoreError::new(
                ErrorKind::InvalidString,
                path(),
                "string contains a lone UTF-16 surrogate",
            )));
        }
    }
    Ok(utf8)
}

/// A path under construction, rendered only when an error needs it.
enum Seg<'a> {
    Root,
    Key(&'a Seg<'a>, &'a str),
    Index(&'a Seg<'a>, usize),
}

impl Seg<'_> {
    fn render(&self) -> String {
        match self {
            Seg::Root => "$".to_owned(),
            Seg::Key(parent, key) => verity::error::field_path(&parent.render(), key),
            Seg::Index(parent, i) => verity::error::index_path(&parent.render(), *i),
        }
    }
}

struct Converter<'e> {
    env: &'e Env,
    depth: usize,
    /// The JS string `"toJSON"`, created once per conversion.
    to_json_key: Option<JsString<'e>>,
}

impl<'e> Converter<'e> {
    /// `None` for values JSON has no form for (undefined, function, symbol).
    fn convert(&mut self, v: Unknown, at: &Seg) -> Result<Option<Value>, Failure> {
        Ok(Some(match v.get_type()? {
            ValueType::Undefined | ValueType::Function | ValueType::Symbol => return Ok(None),
            ValueType::Null => Value::Null,
            ValueType::Boolean => Value::Bool(bool::from_unknown(v)?),
            ValueType::Number => number(f64::from_unknown(v)?, at)?,
            ValueType::String => {
                Value::String(js_string(JsString::from_unknown(v)?, || at.render())?)
            }
            ValueType::BigInt => {
                return Err(invalid(at.render(), "a BigInt is not a JSON number"));
            }
            ValueType::Object => return self.object(v, at).map(Some),
            _ => return Err(invalid(at.render(), "not a JSON value")),
        }))
    }

    fn object(&mut self, v: Unknown, at: &Seg) -> Result<Value, Failure> {
        self.depth += 1;
        if self.depth > Limits::DEFAULT_MAX_DEPTH {
            return Err(Failure::Core(CoreError::new(
                ErrorKind::TooDeep,
                at.render(),
                format!(
                    "nesting deeper than {} levels (or a cycle)",
                    Limits::DEFAULT_MAX_DEPTH
                ),
            )));
        }
        let obj = Object::from_unknown(v)?;
        // Arrays first; any other object (typed arrays and Maps included, as
        // JSON.stringify does) is its `toJSON()` or its enumerable string keys.
        let result = if v.is_array()? {
            let len = obj.get_array_length()?;
            let mut items = Vec::with_capacity(len as usize);
            for i in 0..len {
                let item: Unknown = obj.get_element(i)?;
                let seg = Seg::Index(at, i as usize);
                items.push(self.convert(item, &seg)?.unwrap_or(Value::Null));
            }
            Value::Array(items)
        } else if let Some(json) = self.call_to_json(&obj)? {
            self.depth -= 1;
            return self.convert(json, at).map(|o| o.unwrap_or(Value::Null));
        } else {
            // One key array per object; each key's JS string is reused for the lookup.
            let names = obj.get_property_names()?;
            let len = names.get_array_length()?;
            let mut map = Map::new();
            for i in 0..len {
                let key_js: Unknown = names.get_element(i)?;
                let key = js_string(JsString::from_unknown(key_js)?, || at.render())?;
                let item: Unknown = obj.get_property(key_js)?;
                let seg = Seg::Key(at, &key);
                if let Some(converted) = self.convert(item, &seg)? {
                    map.insert(key, converted);
                }
            }
            Value::Object(map)
        };
        self.depth -= 1;
        Ok(result)
    }

    /// The result of `obj.toJSON()` when `obj` has such a method (Dates).
    fn call_to_json<'a>(&mut self, obj: &Object<'a>) -> Result<Option<Unknown<'a>>, Failure> {
        let key = match self.to_json_key {
            Some(key) => key,
            None => *self.to_json_key.insert(self.env.create_string("toJSON")?),
        };
        let method: Unknown = obj.get_property(key)?;
        if method.get_type()? != ValueType::Function {
            return Ok(None);
        }
        let f: Function<(), Unknown> = Function::from_unknown(method)?;
        Ok(Some(f.apply(obj, ())?))
    }
}

/// A finite JS number as a JSON number (integral values as integers).
fn number(x: f64, at: &Seg) -> Result<Value, Failure> {
    if !x.is_finite() {
        return Err(Failure::Core(CoreError::new(
            ErrorKind::InvalidNumber,
            at.render(),
            format!("{x} is not a JSON number"),
        )));
    }
    if x.fract() == 0.0 && x.abs() <= MAX_EXACT_INT {
        // -0 becomes 0, as in JSON.stringify.
        return Ok(if x >= 0.0 {
            Value::Number(Number::from(x as u64))
        } else {
            Value::Number(Number::from(x as i64))
        });
    }
    Number::from_f64(x)
        .map(Value::Number)
        .ok_or_else(|| invalid(at.render(), "not a JSON number"))
}
