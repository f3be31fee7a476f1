//! `template_config_hash`: the dedup key of a prompt template.
//!
//! The config is normalised (v1, table in the module doc of
//! [`crate::dedup`]), wrapped with `"normalization_version": 1`,
//! canonicalised with RFC 8785 and hashed with SHA-256. The canonical bytes
//! are returned with the hash so a host can store what was hashed.

use super::canonical::{canonical_json, cmp_utf16};
use super::parse::parse_strict;
use crate::error::{field_path, index_path, Error, ErrorKind, Result};
use crate::json::type_name;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The normalisation version this build writes into the hashed bytes.
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

/// A template's config hash and the canonical bytes that were hashed.
///
/// JSON form: `{"config_hash": hex, "canonical": string, "normalization_version": 1}`.
/// Deserialising checks that `config_hash` is the SHA-256 of `canonical` and
/// that the version is one this build knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTemplateConfigHash")]
pub struct TemplateConfigHash {
    config_hash: String,
    canonical: String,
    normalization_version: u32,
}

impl TemplateConfigHash {
    /// SHA-256 of [`Self::canonical`], 64 lower-case hex digits.
    pub fn config_hash(&self) -> &str {
        &self.config_hash
    }

    /// The RFC 8785 canonical text that was hashed (always valid UTF-8).
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// [`Self::canonical`] as bytes.
    pub fn canonical_bytes(&self) -> &[u8] {
        self.canonical.as_bytes()
    }

    /// The normalisation version inside the hashed bytes.
    pub fn normalization_version(&self) -> u32 {
        self.normalization_version
    }
}

#[derive(Deserialize)]
struct RawTemplateConfigHash {
    config_hash: String,
    canonical: String,
    normalization_version: u32,
}

impl TryFrom<RawTemplateConfigHash> for TemplateConfigHash {
    type Error = Error;

    fn try_from(raw: RawTemplateConfigHash) -> Result<Self> {
        if raw.normalization_version != NORMALIZATION_VERSION {
            return Err(Error::new(
                ErrorKind::UnsupportedVersion,
                "$.normalization_version",
                format!(
                    "normalization version {} is unknown",
                    raw.normalization_version
                ),
            ));
        }
        if sha256_hex(raw.canonical.as_bytes()) != raw.config_hash {
            return Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.config_hash",
                "config_hash is not the SHA-256 of canonical",
            ));
        }
        Ok(TemplateConfigHash {
            config_hash: raw.config_hash,
            canonical: raw.canonical,
            normalization_version: raw.normalization_version,
        })
    }
}

/// Hashes a template config (a parsed JSON object).
pub fn template_config_hash(config: &Value) -> Result<TemplateConfigHash> {
    let normalized = normalize_template_config(config)?;
    let canonical = canonical_json(&normalized)?;
    let config_hash = sha256_hex(&canonical);
    let canonical = String::from_utf8(canonical).map_err(|_| {
        Error::new(
            ErrorKind::InvariantViolation,
            "$",
            "canonical JSON is not UTF-8",
        )
    })?;
    Ok(TemplateConfigHash {
        config_hash,
        canonical,
        normalization_version: NORMALIZATION_VERSION,
    })
}

/// Hashes a template config given as JSON text, parsed strictly (duplicate
/// keys, lone surrogates and overflowing numbers are errors).
pub fn template_config_hash_from_bytes(bytes: &[u8]) -> Result<TemplateConfigHash> {
    template_config_hash(&parse_strict(bytes)?)
}

/// The normalised document that [`template_config_hash`] canonicalises,
/// `normalization_version` included.
pub fn normalize_template_config(config: &Value) -> Result<Value> {
    let Value::Object(fields) = config else {
        return Err(Error::invalid_input(
            "$",
            format!(
                "a template config must be an object, got {}",
                type_name(config)
            ),
        ));
    };
    let mut doc = Map::new();
    doc.insert("normalization_version".into(), NORMALIZATION_VERSION.into());
    let system = optional_string(fields, "system_instructions")?.unwrap_or_default();
    doc.insert("system_instructions".into(), normalize_text(system).into());
    let prompt = optional_string(fields, "user_prompt_template")?
        .ok_or_else(|| Error::missing_field("$.user_prompt_template"))?;
    doc.insert("user_prompt_template".into(), normalize_text(prompt).into());
    let model = optional_string(fields, "model_id")?
        .map(|m| nfc(m).trim().to_owned())
        .filter(|m| !m.is_empty())
        .ok_or_else(|| Error::missing_field("$.model_id"))?;
    doc.insert("model_id".into(), model.into());
    doc.insert(
        "country_set".into(),
        country_set(fields.get("country_set"))?,
    );
    doc.insert(
        "inference_params".into(),
        inference_params(fields.get("inference_params"))?,
    );
    for name in ["tools", "response_format"] {
        match fields.get(name) {
            None | Some(Value::Null) => {}
            Some(value) => {
                doc.insert(name.into(), nfc_value(value, &field_path("$", name))?);
            }
        }
    }
    Ok(Value::Object(doc))
}

/// SHA-256 of `bytes` as 64 lower-case hex digits.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
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
    let nfc = nfc(text);
    let unified = if nfc.contains('\r') {
        Cow::Owned(nfc.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        nfc
    };
    let lines: Vec<&str> = unified.split('\n').map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

/// `s` in Unicode NFC, borrowed when it already is (the common case: the
/// quick check answers for ASCII and most text without decomposing).
fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.nfc().collect())
    }
}

fn country_set(value: Option<&Value>) -> Result<Value> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Value::Array(Vec::new())),
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
        let code = nfc(code).trim().to_uppercase();
        if code.is_empty() {
            return Err(Error::invalid_input(
                index_path("$.country_set", i),
                "a country code must not be empty",
            ));
        }
        codes.push(code);
    }
    codes.sort_by(|a, b| cmp_utf16(a, b));
    codes.dedup();
    Ok(Value::Array(codes.into_iter().map(Value::String).collect()))
}

fn inference_params(value: Option<&Value>) -> Result<Value> {
    let params = match value {
        None | Some(Value::Null) => return Ok(Value::Object(Map::new())),
        Some(Value::Object(params)) => params,
        Some(other) => {
            return Err(Error::invalid_input(
                "$.inference_params",
                format!("expected an object, got {}", type_name(other)),
            ))
        }
    };
    let mut kept = Map::new();
    for (name, value) in params {
        let path = field_path("$.inference_params", name);
        if value.is_null() {
            continue;
        }
        let integral = INTEGER_PARAMS.contains(&name.as_str());
        if integral || NUMERIC_PARAMS.contains(&name.as_str()) {
            let Some(x) = value.as_f64() else {
                return Err(Error::invalid_input(
                    path,
                    format!("expected a number, got {}", type_name(value)),
                ));
            };
            if integral && x.fract() != 0.0 {
                return Err(Error::invalid_input(
                    path,
                    format!("expected an integer, got {x}"),
                ));
            }
        }
        insert_nfc_key(
            &mut kept,
            name,
            nfc_value(value, &path)?,
            "$.inference_params",
        )?;
    }
    Ok(Value::Object(kept))
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

fn is_nfc(s: &str) -> bool {
    matches!(nfc(s), Cow::Borrowed(_))
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
