//! The one error type of the core.
//!
//! Every error carries a stable machine-readable [`ErrorKind`] (its
//! [`ErrorKind::code`] is what bindings expose as `kind` / `code`), the path
//! of the offending value in the input (`$` is the root, `$.output[3].status`
//! a nested field; CLI and bindings print it verbatim) and a human message.
//! Bindings map kinds to exception classes / error codes in one place each.

use serde::Serialize;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, as a stable, machine-readable category.
///
/// New kinds are appended at the end; codes never change once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input text is not JSON at all (syntax error, bad UTF-8).
    InvalidJson,
    /// JSON, but a value has the wrong type or an invalid value.
    InvalidInput,
    /// A required field is absent.
    MissingField,
    /// JSON of a shape no supported API/document produces.
    UnknownShape,
    /// The input exceeds a documented size limit.
    TooLarge,
    /// The input nests deeper than the documented limit.
    TooDeep,
    /// An object has the same key twice (detected while parsing text).
    DuplicateKey,
    /// A number that cannot be represented (overflow to infinity, NaN).
    InvalidNumber,
    /// A string that is not valid Unicode (lone or reversed surrogate).
    InvalidString,
    /// A value violates an invariant of its type (e.g. an `ok` failure).
    InvariantViolation,
    /// A stored value from a newer (or unknown) format version.
    UnsupportedVersion,
    /// A configuration is invalid (unknown key, negative threshold, ...).
    InvalidConfig,
}

impl ErrorKind {
    /// Stable snake_case code, e.g. `"invalid_json"`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::UnknownShape => "unknown_shape",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::TooDeep => "too_deep",
            ErrorKind::DuplicateKey => "duplicate_key",
            ErrorKind::InvalidNumber => "invalid_number",
            ErrorKind::InvalidString => "invalid_string",
            ErrorKind::InvariantViolation => "invariant_violation",
            ErrorKind::UnsupportedVersion => "unsupported_version",
            ErrorKind::InvalidConfig => "invalid_config",
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A typed error naming the path at fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{kind} at {path}: {message}")]
pub struct Error {
    kind: ErrorKind,
    path: String,
    message: String,
}

impl Error {
    /// A new error of `kind` at `path` (`$`-rooted, e.g. `$.images[2].view`).
    pub fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`ErrorKind::InvalidInput`].
    pub fn invalid_input(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InvalidInput, path, message)
    }

    /// Shorthand for [`ErrorKind::MissingField`]; `path` is the absent field's path.
    pub fn missing_field(path: impl Into<String>) -> Self {
        Self::new(ErrorKind::MissingField, path, "required field is missing")
    }

    /// The machine-readable kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The `$`-rooted path of the value at fault.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The human-readable message (without kind and path).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same error re-rooted under `prefix` (`$.images[2]` + `$.view` → `$.images[2].view`).
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }
}

/// Joins a `$`-rooted prefix and a `$`-rooted suffix path.
pub fn join_path(prefix: &str, suffix: &str) -> String {
    let rest = suffix.strip_prefix('$').unwrap_or(suffix);
    format!("{prefix}{rest}")
}

/// Path of field `name` under `parent` (`$` + `model` → `$.model`).
pub fn field_path(parent: &str, name: &str) -> String {
    let simple = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if simple {
        format!("{parent}.{name}")
    } else {
        format!("{parent}[{}]", serde_json::Value::String(name.to_owned()))
    }
}

/// Path of element `index` under `parent` (`$.output` + 3 → `$.output[3]`).
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_kind_path_and_message() {
        let e = Error::invalid_input("$.output[3].status", "expected a string");
        assert_eq!(
            e.to_string(),
            "invalid_input at $.output[3].status: expected a string"
        );
        assert_eq!(e.kind().code(), "invalid_input");
    }

    #[test]
    fn paths_compose() {
        assert_eq!(field_path("$", "model"), "$.model");
        assert_eq!(field_path("$", "a b"), "$[\"a b\"]");
        assert_eq!(index_path("$.images", 2), "$.images[2]");
        let e = Error::missing_field("$.view").under("$.images[2]");
        assert_eq!(e.path(), "$.images[2].view");
    }
}
