//! JSON input handling shared by every module: parse text/bytes under
//! documented limits and turn parse failures into typed [`Error`]s.
//!
//! Limits (callers may pass their own [`Limits`]):
//! - size: [`Limits::DEFAULT_MAX_BYTES`] (8 MiB) — a provider response or an
//!   analysis document larger than that is refused as [`ErrorKind::TooLarge`];
//! - nesting: [`Limits::DEFAULT_MAX_DEPTH`] (128 arrays/objects) — deeper input
//!   is refused as [`ErrorKind::TooDeep`] before any recursive parsing starts.
//!
//! This module never repairs input: invalid UTF-8, syntax errors and trailing
//! garbage are errors with the line and column.

use crate::error::{Error, ErrorKind, Result};
use serde_json::Value;

/// Size and depth limits applied before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum input length in bytes.
    pub max_bytes: usize,
    /// Maximum nesting of arrays and objects.
    pub max_depth: usize,
}

impl Limits {
    /// Default maximum input size: 8 MiB.
    pub const DEFAULT_MAX_BYTES: usize = 8 * 1024 * 1024;
    /// Default maximum nesting depth: 128 (serde_json's own recursion limit).
    pub const DEFAULT_MAX_DEPTH: usize = 128;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: Self::DEFAULT_MAX_BYTES,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }
}

/// Parses JSON text under the default [`Limits`].
pub fn parse(bytes: &[u8]) -> Result<Value> {
    parse_with_limits(bytes, Limits::default())
}

/// Parses JSON text under explicit limits.
pub fn parse_with_limits(bytes: &[u8], limits: Limits) -> Result<Value> {
    check_limits(bytes, limits)?;
    // serde_json's own recursion guard stops at 128 levels *inclusive* of the
    // root; our pre-scan has already bounded the depth to `limits.max_depth`,
    // so the guard is lifted to let exactly-`max_depth` documents through.
    // Larger caller limits keep serde_json's guard (no unbounded recursion).
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    if limits.max_depth <= Limits::DEFAULT_MAX_DEPTH {
        deserializer.disable_recursion_limit();
    }
    let value = serde::Deserialize::deserialize(&mut deserializer)
        .and_then(|value: Value| deserializer.end().map(|()| value))
        .map_err(|e| from_serde_error(&e))?;
    Ok(value)
}

/// Checks size and nesting depth without parsing (a linear scan that skips
/// string contents), so that deep input is refused before recursion.
pub fn check_limits(bytes: &[u8], limits: Limits) -> Result<()> {
    check_size(bytes, limits)?;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(Error::new(
                        ErrorKind::TooDeep,
                        "$",
                        format!(
                            "nesting deeper than {} levels (at byte {offset})",
                            limits.max_depth
                        ),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Checks the size limit alone (for parsers that bound depth themselves).
pub fn check_size(bytes: &[u8], limits: Limits) -> Result<()> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            "$",
            format!(
                "input is {} bytes, more than the limit of {} bytes",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    Ok(())
}

/// Maps a serde_json parse error to a typed error with line and column.
pub fn from_serde_error(e: &serde_json::Error) -> Error {
    let kind = match e.classify() {
        serde_json::error::Category::Data => ErrorKind::InvalidInput,
        _ => ErrorKind::InvalidJson,
    };
    let message = e.to_string();
    let kind = if message.contains("recursion limit") {
        ErrorKind::TooDeep
    } else if message.contains("number out of range") {
        ErrorKind::InvalidNumber
    } else {
        kind
    };
    Error::new(kind, "$", message)
}

/// Deserialises a typed value from a parsed JSON value; the error names the
/// exact path that failed (via `serde_path_to_error`).
pub fn from_value<T: serde::de::DeserializeOwned>(value: &Value) -> Result<T> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." || path.is_empty() {
            "$".to_owned()
        } else {
            format!("$.{path}").replace(".[", "[")
        };
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde reports a missing field at the object that lacks it; the
        // error names the absent field itself (`$.images[2].view`).
        match missing_field_name(&message) {
            Some(name) => Error::new(
                ErrorKind::MissingField,
                crate::error::field_path(&path, name),
                message,
            ),
            None => Error::new(ErrorKind::InvalidInput, path, message),
        }
    })
}

/// The field name of serde's "missing field `name`" message.
fn missing_field_name(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// Name of a JSON value's type, for error messages (`"expected a string, got number"`).
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_json() {
        assert_eq!(parse(br#"{"a":[1,2]}"#).unwrap()["a"][1], 2);
    }

    #[test]
    fn not_json_is_invalid_json_with_position() {
        let e = parse(b"{\"a\": }").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidJson);
        assert!(e.message().contains("line 1"), "{}", e.message());
    }

    #[test]
    fn too_deep_is_refused_before_parsing() {
        let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
        assert_eq!(
            parse(deep.as_bytes()).unwrap_err().kind(),
            ErrorKind::TooDeep
        );
        let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse(ok.as_bytes()).is_ok());
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!("[\"{}\"]", "[".repeat(500));
        assert!(parse(text.as_bytes()).is_ok());
    }

    #[test]
    fn too_large_is_refused() {
        let limits = Limits {
            max_bytes: 4,
            max_depth: 128,
        };
        let e = parse_with_limits(b"[1,2,3]", limits).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooLarge);
    }

    #[test]
    fn typed_errors_name_the_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Inner {
            view: String,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            images: Vec<Inner>,
        }
        let v: Value = serde_json::json!({"images": [{"view": "front"}, {"view": 3}]});
        let e = from_value::<Doc>(&v).unwrap_err();
        assert_eq!(e.path(), "$.images[1].view");
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        let v: Value = serde_json::json!({"images": [{"view": "front"}, {}]});
        let e = from_value::<Doc>(&v).unwrap_err();
        assert_eq!(e.path(), "$.images[1].view");
        assert_eq!(e.kind(), ErrorKind::MissingField);
    }
}
