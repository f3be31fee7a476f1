//! `{data, meta}` / `{error, meta}` response envelopes.
//!
//! `meta` always carries `correlation_id` (string or `null`) and `version`
//! (the host's API version string); hosts may add more keys (`extra`), which
//! serialise after those two in key order. An envelope built from an
//! [`ExecutionResult`] adds `meta.status` and, when non-empty,
//! `meta.metrics`; a partial result's error (if any) goes to `meta.error`,
//! because the body is `{data, ...}`.

use super::result::{ErrorInfo, ExecutionResult, MetricsJson, Status};
use crate::error::{field_path, Error, ErrorKind, Result};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Keys of `meta` the envelope owns; `extra` may not shadow them.
const RESERVED_META_KEYS: [&str; 2] = ["correlation_id", "version"];

/// The `meta` object of an envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    correlation_id: Option<String>,
    version: String,
    extra: BTreeMap<String, Value>,
}

impl Meta {
    /// Meta for API `version`, no correlation id, no extra keys.
    pub fn new(version: impl Into<String>) -> Self {
        Meta {
            correlation_id: None,
            version: version.into(),
            extra: BTreeMap::new(),
        }
    }

    /// The same meta with a correlation id.
    pub fn with_correlation_id(mut self, id: impl Into<String>) -> Self {
        self.correlation_id = Some(id.into());
        self
    }

    /// The same meta with one extra key; `correlation_id` and `version` are
    /// refused (`invalid_input` at `$.meta.<key>`).
    pub fn with_extra(mut self, key: impl Into<String>, value: Value) -> Result<Self> {
        let key = key.into();
        if RESERVED_META_KEYS.contains(&key.as_str()) {
            return Err(Error::invalid_input(
                field_path("$.meta", &key),
                "reserved meta key; use the dedicated setter",
            ));
        }
        self.extra.insert(key, value);
        Ok(self)
    }

    /// The correlation id, if any.
    pub fn correlation_id(&self) -> Option<&str> {
        self.correlation_id.as_deref()
    }

    /// The API version string.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Extra keys, sorted.
    pub fn extra(&self) -> &BTreeMap<String, Value> {
        &self.extra
    }
}

impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(2 + self.extra.len()))?;
        map.serialize_entry("correlation_id", &self.correlation_id)?;
        map.serialize_entry("version", &self.version)?;
        for (k, v) in &self.extra {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A response envelope: `{"data": ..., "meta": {...}}` or `{"error": {...}, "meta": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Envelope {
    /// A success (or partial) body.
    Data {
        /// The payload (`null` when there is none).
        data: Value,
        /// Correlation id, version, extras.
        meta: Meta,
    },
    /// A failure body.
    Error {
        /// `{code, message, retryable}`.
        error: ErrorInfo,
        /// Correlation id, version, extras.
        meta: Meta,
    },
}

impl Envelope {
    /// `{data, meta}`.
    pub fn data(data: Value, meta: Meta) -> Self {
        Envelope::Data { data, meta }
    }

    /// `{error, meta}`.
    pub fn error(error: ErrorInfo, meta: Meta) -> Self {
        Envelope::Error { error, meta }
    }

    /// The envelope of a result: failure → `{error, meta}`, success and
    /// partial → `{data, meta}`. `meta.correlation_id` falls back to the
    /// result's; `meta.status` is set, and `meta.metrics` when non-empty.
    pub fn from_result(result: &ExecutionResult, meta: Meta) -> Result<Self> {
        let mut meta = meta;
        if meta.correlation_id.is_none() {
            meta.correlation_id = result.correlation_id().map(str::to_owned);
        }
        meta.extra
            .insert("status".into(), Value::from(result.status().as_str()));
        if !result.metrics().is_empty() {
            let metrics = serde_json::to_value(MetricsJson(result.metrics()))
                .map_err(|e| Error::invalid_input("$.metrics", e.to_string()))?;
            meta.extra.insert("metrics".into(), metrics);
        }
        match (result.status(), result.error()) {
            (Status::Failure, Some(error)) => Ok(Envelope::error(error.clone(), meta)),
            (Status::Failure, None) => Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.error",
                "a failure must carry an error",
            )),
            (_, error) => {
                if let Some(error) = error {
                    let error = serde_json::to_value(error)
                        .map_err(|e| Error::invalid_input("$.error", e.to_string()))?;
                    meta.extra.insert("error".into(), error);
                }
                Ok(Envelope::data(
                    result.data().cloned().unwrap_or(Value::Null),
                    meta,
                ))
            }
        }
    }

    /// The `meta` of either form.
    pub fn meta(&self) -> &Meta {
        match self {
            Envelope::Data { meta, .. } | Envelope::Error { meta, .. } => meta,
        }
    }

    /// Parses an envelope: exactly one of `data`/`error`, plus `meta` with a
    /// string `version` and a string-or-null `correlation_id`.
    pub fn from_value(value: &Value) -> Result<Self> {
        let object = value
            .as_object()
            .ok_or_else(|| Error::invalid_input("$", "an envelope is a JSON object"))?;
        if let Some(key) = object
            .keys()
            .find(|k| !matches!(k.as_str(), "data" | "error" | "meta"))
        {
            return Err(Error::invalid_input(
                field_path("$", key),
                "unknown envelope key (expected data|error and meta)",
            ));
        }
        let meta = parse_meta(object)?;
        match (object.get("data"), object.get("error")) {
            (Some(data), None) => Ok(Envelope::data(data.clone(), meta)),
            (None, Some(error)) => {
                let error: ErrorInfo =
                    crate::json::from_value(error).map_err(|e| e.under("$.error"))?;
                Ok(Envelope::error(error, meta))
            }
            (Some(_), Some(_)) => Err(Error::invalid_input(
                "$.error",
                "an envelope has data or error, not both",
            )),
            (None, None) => Err(Error::missing_field("$.data")),
        }
    }
}

fn parse_meta(object: &Map<String, Value>) -> Result<Meta> {
    let meta = object
        .get("meta")
        .ok_or_else(|| Error::missing_field("$.meta"))?
        .as_object()
        .ok_or_else(|| Error::invalid_input("$.meta", "meta is a JSON object"))?;
    let version = match meta.get("version") {
        Some(Value::String(v)) => v.clone(),
        Some(_) => return Err(Error::invalid_input("$.meta.version", "expected a string")),
        None => return Err(Error::missing_field("$.meta.version")),
    };
    let correlation_id = match meta.get("correlation_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(_) => {
            return Err(Error::invalid_input(
                "$.meta.correlation_id",
                "expected a string or null",
            ))
        }
    };
    let extra = meta
        .iter()
        .filter(|(k, _)| !RESERVED_META_KEYS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Ok(Meta {
        correlation_id,
        version,
        extra,
    })
}
