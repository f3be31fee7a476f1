//! Typed, path-naming access to fields of a raw provider body.
//!
//! Provider bodies are read leniently about *presence* (an absent or `null`
//! field is simply not there: providers omit and null fields freely) and
//! strictly about *type* (a field that is present with the wrong JSON type is
//! an [`ErrorKind::InvalidInput`] naming its exact path). Paths are built
//! lazily from a chain of [`Loc`]s, so the happy path allocates nothing.

use crate::error::{field_path, index_path, Error, Result};
use crate::json::type_name;
use serde_json::{Map, Value};

/// One step of a path.
#[derive(Debug, Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

/// A location in the body, as a borrowed chain back to the root.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    step: Step<'a>,
}

/// The root of the body (`$`).
pub(crate) const ROOT: Loc<'static> = Loc {
    parent: None,
    step: Step::Root,
};

impl<'a> Loc<'a> {
    /// The field `name` under this location.
    pub(crate) fn field(&'a self, name: &'a str) -> Loc<'a> {
        Loc {
            parent: Some(self),
            step: Step::Field(name),
        }
    }

    /// Element `index` under this location.
    pub(crate) fn index(&'a self, index: usize) -> Loc<'a> {
        Loc {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    /// The `$`-rooted path text (only built when an error is reported).
    pub(crate) fn path(&self) -> String {
        let parent = self.parent.map_or_else(|| "$".to_owned(), Loc::path);
        match self.step {
            Step::Root => parent,
            Step::Field(name) => field_path(&parent, name),
            Step::Index(index) => index_path(&parent, index),
        }
    }

    /// An invalid-input error at this location: "expected X, got Y".
    pub(crate) fn wrong_type(&self, expected: &str, got: &Value) -> Error {
        Error::invalid_input(
            self.path(),
            format!("expected {expected}, got {}", type_name(got)),
        )
    }
}

/// `value` as an object, or an error naming `loc`.
pub(crate) fn object<'v>(value: &'v Value, loc: &Loc<'_>) -> Result<&'v Map<String, Value>> {
    value
        .as_object()
        .ok_or_else(|| loc.wrong_type("an object", value))
}

/// The field `key`, treating `null` as absent.
pub(crate) fn field<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.get(key).filter(|v| !v.is_null())
}

/// An optional string field.
pub(crate) fn opt_str<'v>(
    map: &'v Map<String, Value>,
    key: &str,
    loc: &Loc<'_>,
) -> Result<Option<&'v str>> {
    match field(map, key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(loc.field(key).wrong_type("a string", other)),
    }
}

/// An optional array field.
pub(crate) fn opt_array<'v>(
    map: &'v Map<String, Value>,
    key: &str,
    loc: &Loc<'_>,
) -> Result<&'v [Value]> {
    match field(map, key) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(loc.field(key).wrong_type("an array", other)),
    }
}

/// An optional object field.
pub(crate) fn opt_object<'v>(
    map: &'v Map<String, Value>,
    key: &str,
    loc: &Loc<'_>,
) -> Result<Option<&'v Map<String, Value>>> {
    match field(map, key) {
        None => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner)),
        Some(other) => Err(loc.field(key).wrong_type("an object", other)),
    }
}

/// An optional non-negative integer field (token counts).
pub(crate) fn opt_u64(map: &Map<String, Value>, key: &str, loc: &Loc<'_>) -> Result<Option<u64>> {
    match field(map, key) {
        None => Ok(None),
        Some(value) => value
            .as_u64()
            .map(Some)
            .ok_or_else(|| loc.field(key).wrong_type("a non-negative integer", value)),
    }
}

/// An optional boolean field.
pub(crate) fn opt_bool(map: &Map<String, Value>, key: &str, loc: &Loc<'_>) -> Result<Option<bool>> {
    match field(map, key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(loc.field(key).wrong_type("a boolean", other)),
    }
}

/// The strings of an optional array-of-strings field, each type-checked.
pub(crate) fn opt_strings<'v>(
    map: &'v Map<String, Value>,
    key: &'v str,
    loc: &Loc<'_>,
) -> Result<Vec<&'v str>> {
    let items = opt_array(map, key, loc)?;
    let here = loc.field(key);
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .ok_or_else(|| here.index(i).wrong_type("a string", item))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_are_built_from_the_chain() {
        let output = ROOT.field("output");
        let item = output.index(3);
        assert_eq!(item.field("status").path(), "$.output[3].status");
        assert_eq!(ROOT.path(), "$");
    }

    #[test]
    fn null_is_absent_and_wrong_types_name_the_path() {
        let body = json!({"a": null, "b": 3, "c": ["x", 1]});
        let map = body.as_object().unwrap();
        assert_eq!(opt_str(map, "a", &ROOT).unwrap(), None);
        let e = opt_str(map, "b", &ROOT).unwrap_err();
        assert_eq!(e.path(), "$.b");
        assert!(e.message().contains("got number"));
        let e = opt_strings(map, "c", &ROOT).unwrap_err();
        assert_eq!(e.path(), "$.c[1]");
        assert!(opt_u64(map, "b", &ROOT).unwrap() == Some(3));
    }
}
