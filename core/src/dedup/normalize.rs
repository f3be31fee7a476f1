//! Template config normalisation v1 (the table is in the module doc of
//! [`crate::dedup`]) as a borrowed view of the config.
//!
//! Most configs are already normal: ASCII (hence NFC) text without CR or
//! trailing whitespace, upper-case country codes, no null params. Every
//! field is therefore a [`Cow`] that borrows from the input and copies only
//! what normalisation actually changes, and the canonical bytes are written
//! straight from this view ([`NormalizedConfig::write_canonical`]) without
//! building an intermediate `serde_json::Value` tree.

use super::canonical::{cmp_utf16, write_canonical_member, write_string};
use crate::error::{field_path, index_path, Error, ErrorKind, Result};
use crate::json::type_name;
use serde_json::{Map, Value};
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The normalisation version written into the hashed bytes.
pub const NORMALIZATION_VERSION: u32 = 1;

/// Inference parameters that must be JSON numbers.
const NUMERIC_PARAMS: &[&str] = &[
    "temperature",
    "top_p",
    "frequency_penalty",
    "presence_penalty",
];
/// Inference parameters that must be integral JSON numbers (`1000.0` counts).
const INTEGER_PARAMS: &[&str] = &[
    "top_k",
    "max_tokens",
    "max_output_tokens",
    "max_completion_tokens",
    "seed",
    "n",
    "candidate_count",
];

/// A template config after normalisation v1, borrowing from the input
/// wherever normalisation changed nothing.
pub(super) struct NormalizedConfig<'c> {
    system_instructions: Cow<'c, str>,
    user_prompt_template: Cow<'c, str>,
    model_id: Cow<'c, str>,
    /// Sorted by UTF-16 code units, without duplicates.
    country_set: Vec<Cow<'c, str>>,
    /// Always a `Value::Object`.
    inference_params: Cow<'c, Value>,
    tools: Option<Cow<'c, Value>>,
    response_format: Option<Cow<'c, Value>>,
}

impl<'c> NormalizedConfig<'c> {
    /// Validates and normalises `config` (errors name the path at fault, in
    /// the order the fields are listed in the normalisation table).
    pub(super) fn new(config: &'c Value) -> Result<Self> {
        let Value::Object(fields) = config else {
            return Err(Error::invalid_input(
                "$",
                format!(
                    "a template config must be an object, got {}",
                    type_name(config)
                ),
            ));
        };
        let system = optional_string(fields, "system_instructions")?.unwrap_or_default();
        let system_instructions = normalized_text(system);
        let prompt = optional_string(fields, "user_prompt_template")?
            .ok_or_else(|| Error::missing_field("$.user_prompt_template"))?;
        let user_prompt_template = normalized_text(prompt);
        let model_id = optional_string(fields, "model_id")?
            .map(|m| trimmed(nfc(m)))
            .filter(|m| !m.is_empty())
            .ok_or_else(|| Error::missing_field("$.model_id"))?;
        let country_set = country_set(fields.get("country_set"))?;
        let inference_params = inference_params(fields.get("inference_params"))?;
        let tools = optional_nfc_value(fields, "tools")?;
        let response_format = optional_nfc_value(fields, "response_format")?;
        Ok(NormalizedConfig {
            system_instructions,
            user_prompt_template,
            model_id,
            country_set,
            inference_params,
            tools,
            response_format,
        })
    }

    /// The normalised document as a value, `normalization_version` included.
    pub(super) fn into_value(self) -> Value {
        let mut doc = Map::new();
        doc.insert("normalization_version".into(), NORMALIZATION_VERSION.into());
        doc.insert(
            "system_instructions".into(),
            self.system_instructions.into_owned().into(),
        );
        doc.insert(
            "user_prompt_template".into(),
            self.user_prompt_template.into_owned().into(),
        );
        doc.insert("model_id".into(), self.model_id.into_owned().into());
        let codes = self.country_set.into_iter().map(|c| c.into_owned().into());
        doc.insert("country_set".into(), Value::Array(codes.collect()));
        doc.insert(
            "inference_params".into(),
            self.inference_params.into_owned(),
        );
        if let Some(tools) = self.tools {
            doc.insert("tools".into(), tools.into_owned());
        }
        if let Some(format) = self.response_format {
            doc.insert("response_format".into(), format.into_owned());
        }
        Value::Object(doc)
    }

    /// Appends the RFC 8785 canonical bytes of [`Self::into_value`]'s
    /// document to `out`, byte for byte, without building it.
    pub(super) fn write_canonical(&self, out: &mut Vec<u8>) -> Result<()> {
        // The members in RFC 8785 order: these ASCII keys sort by bytes.
        out.extend_from_slice(b"{\"country_set\":[");
        for (i, code) in self.country_set.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write_string(code, out);
        }
        out.extend_from_slice(b"],\"inference_params\":");
        write_canonical_member("inference_params", &self.inference_params, out)?;
        out.extend_from_slice(b",\"model_id\":");
        write_string(&self.model_id, out);
        out.extend_from_slice(b",\"normalization_version\":");
        out.extend_from_slice(NORMALIZATION_VERSION.to_string().as_bytes());
        if let Some(format) = &self.response_format {
            out.extend_from_slice(b",\"response_format\":");
            write_canonical_member("response_format", format, out)?;
        }
        out.extend_from_slice(b",\"system_instructions\":");
        write_string(&self.system_instructions, out);
        if let Some(tools) = &self.tools {
            out.extend_from_slice(b",\"tools\":");
            write_canonical_member("tools", tools, out)?;
        }
        out.extend_from_slice(b",\"user_prompt_template\":");
        write_string(&self.user_prompt_template, out);
        out.push(b'}');
        Ok(())
    }

    /// A capacity guess for the canonical bytes (the texts dominate).
    pub(super) fn size_hint(&self) -> usize {
        256 + self.system_instructions.len()
            + self.user_prompt_template.len()
            + if self.tools.is_some() { 256 } else { 0 }
            + if self.response_format.is_some() {
                512
            } else {
                0
            }
    }
}

fn optional_string<'v>(fields: &'v Map<String, Value>, name: &str) -> Result<Option<&'v str>> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Error::invalid_input(
            field_path("$", name),
            format!("expected a string, got {}", type_name(other)),
        )),
    }
}

/// Prompt text: NFC, CRLF/CR → LF, trailing whitespace of each line
/// removed, then leading/trailing whitespace (blank lines included) of the
/// whole text removed. Inner whitespace is kept.
pub fn normalize_text(text: &str) -> String {
    normalized_text(text).into_owned()
}

/// [`normalize_text`], borrowing `text` when it is already normal.
fn normalized_text(text: &str) -> Cow<'_, str> {
    let nfc = nfc(text);
    let unified = if nfc.contains('\r') {
        Cow::Owned(nfc.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        nfc
    };
    let tidy = unified.trim().len() == unified.len()
        && unified
            .split('\n')
            .all(|line| line.trim_end().len() == line.len());
    if tidy {
        return unified;
    }
    let mut lines = String::with_capacity(unified.len());
    for (i, line) in unified.split('\n').enumerate() {
        if i > 0 {
            lines.push('\n');
        }
        lines.push_str(line.trim_end());
    }
    trimmed(Cow::Owned(lines))
}

/// `s` without leading/trailing whitespace, copying only an owned string
/// that actually shrinks.
fn trimmed(s: Cow<'_, str>) -> Cow<'_, str> {
    match s {
        Cow::Borrowed(b) => Cow::Borrowed(b.trim()),
        Cow::Owned(o) if o.trim().len() == o.len() => Cow::Owned(o),
        Cow::Owned(o) => Cow::Owned(o.trim().to_owned()),
    }
}

/// `s` in Unicode NFC, borrowed when it already is (the common case: the
/// quick check answers for ASCII and most text without decomposing).
fn nfc(s: &str) -> Cow<'_, str> {
    if is_nfc(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

fn is_nfc(s: &str) -> bool {
    s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

fn country_set(value: Option<&Value>) -> Result<Vec<Cow<'_, str>>> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(other) => {
            return Err(Error::invalid_input(
                "$.country_set",
                format!("expected an array of strings, got {}", type_name(other)),
            ))
        }
    };
    let mut codes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::String(code) = item else {
            return Err(Error::invalid_input(
                index_path("$.country_set", i),
                format!("expected a string, got {}", type_name(item)),
            ));
        };
        let code = trimmed(nfc(code));
        if code.is_empty() {
            return Err(Error::invalid_input(
                index_path("$.country_set", i),
                "a country code must not be empty",
            ));
        }
        // `to_uppercase` only when it can change something (it allocates).
        let upper = code.is_ascii() && !code.bytes().any(|b| b.is_ascii_lowercase());
        codes.push(if upper {
            code
        } else {
            Cow::Owned(code.to_uppercase())
        });
    }
    codes.sort_by(|a, b| cmp_utf16(a, b));
    codes.dedup();
    Ok(codes)
}

fn inference_params(value: Option<&Value>) -> Result<Cow<'_, Value>> {
    let (whole, params) = match value {
        None | Some(Value::Null) => return Ok(Cow::Owned(Value::Object(Map::new()))),
        Some(whole @ Value::Object(params)) => (whole, params),
        Some(other) => {
            return Err(Error::invalid_input(
                "$.inference_params",
                format!("expected an object, got {}", type_name(other)),
            ))
        }
    };
    // Without nulls and non-NFC text nothing can change and no key can
    // collide, so the only possible errors are the type checks.
    let unchanged = params
        .iter()
        .all(|(name, value)| !value.is_null() && is_nfc(name) && is_all_nfc(value));
    if unchanged {
        for (name, value) in params {
            check_param(name, value)?;
        }
        return Ok(Cow::Borrowed(whole));
    }
    let mut kept = Map::new();
    for (name, value) in params {
        if value.is_null() {
            continue;
        }
        check_param(name, value)?;
        let path = field_path("$.inference_params", name);
        insert_nfc_key(
            &mut kept,
            name,
            nfc_value(value, &path)?,
            "$.inference_params",
        )?;
    }
    Ok(Cow::Owned(Value::Object(kept)))
}

/// The numeric parameters must be (integral) numbers.
fn check_param(name: &str, value: &Value) -> Result<()> {
    let integral = INTEGER_PARAMS.contains(&name);
    if !integral && !NUMERIC_PARAMS.contains(&name) {
        return Ok(());
    }
    let path = || field_path("$.inference_params", name);
    let Some(x) = value.as_f64() else {
        return Err(Error::invalid_input(
            path(),
            format!("expected a number, got {}", type_name(value)),
        ));
    };
    if integral && x.fract() != 0.0 {
        return Err(Error::invalid_input(
            path(),
            format!("expected an integer, got {x}"),
        ));
    }
    Ok(())
}

/// The member `name` of the config in NFC; null or absent is `None`.
fn optional_nfc_value<'v>(
    fields: &'v Map<String, Value>,
    name: &str,
) -> Result<Option<Cow<'v, Value>>> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) if is_all_nfc(value) => Ok(Some(Cow::Borrowed(value))),
        Some(value) => Ok(Some(Cow::Owned(nfc_value(value, &field_path("$", name))?))),
    }
}

/// A copy of `value` with every string and key in Unicode NFC.
fn nfc_value(value: &Value, path: &str) -> Result<Value> {
    if is_all_nfc(value) {
        // The common case: a plain clone, no per-node paths or key checks.
        return Ok(value.clone());
    }
    Ok(match value {
        Value::String(s) => Value::String(nfc(s).into_owned()),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| nfc_value(item, &index_path(path, i)))
                .collect::<Result<_>>()?,
        ),
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, item) in map {
                let item = nfc_value(item, &field_path(path, key))?;
                insert_nfc_key(&mut out, key, item, path)?;
            }
            Value::Object(out)
        }
        other => other.clone(),
    })
}

fn is_all_nfc(value: &Value) -> bool {
    match value {
        Value::String(s) => is_nfc(s),
        Value::Array(items) => items.iter().all(is_all_nfc),
        Value::Object(map) => map.iter().all(|(k, v)| is_nfc(k) && is_all_nfc(v)),
        _ => true,
    }
}

/// Inserts under the NFC form of `key`; two keys equal after NFC are a
/// duplicate (they would otherwise collide silently).
fn insert_nfc_key(
    map: &mut Map<String, Value>,
    key: &str,
    value: Value,
    parent: &str,
) -> Result<()> {
    let key = nfc(key).into_owned();
    if map.contains_key(&key) {
        return Err(Error::new(
            ErrorKind::DuplicateKey,
            field_path(parent, &key),
            "two keys are equal after Unicode NFC normalisation",
        ));
    }
    map.insert(key, value);
    Ok(())
}
