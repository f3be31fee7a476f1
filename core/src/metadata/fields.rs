//! Typed, path-naming reads of optional fields from a JSON object.
//!
//! Every provider field verity reads is optional; `null` counts as absent
//! (providers send `"system_fingerprint": null`). A present value of the
//! wrong type is an [`ErrorKind::InvalidInput`] naming its `$`-rooted path.

use crate::error::{field_path, index_path, Error, Result};
use crate::json::type_name;
use serde_json::{Map, Value};

/// A JSON object and its `$`-rooted path (used only to name errors).
#[derive(Clone)]
pub(crate) struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

fn wrong_type(path: String, expected: &str, got: &Value) -> Error {
    Error::invalid_input(path, format!("expected {expected}, got {}", type_name(got)))
}

impl<'a> Obj<'a> {
    /// Wraps an object found at `path`.
    pub fn new(map: &'a Map<String, Value>, path: impl Into<String>) -> Self {
        Obj {
            map,
            path: path.into(),
        }
    }

    /// The path of field `key` under this object.
    pub fn child_path(&self, key: &str) -> String {
        field_path(&self.path, key)
    }

    fn present(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// An optional string.
    pub fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.present(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong_type(self.child_path(key), "a string", other)),
        }
    }

    /// An optional non-negative integer (token counts). Integral floats
    /// (`12.0`, as some SDK dumps write them) are accepted.
    pub fn count(&self, key: &str) -> Result<Option<u64>> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => as_count(v)
                .map(Some)
                .ok_or_else(|| wrong_type(self.child_path(key), "a non-negative integer", v)),
        }
    }

    /// An optional integer (unix seconds may in principle be negative).
    pub fn int(&self, key: &str) -> Result<Option<i64>> {
        match self.present(key) {
            None => Ok(None),
            Some(v) => as_int(v)
                .map(Some)
                .ok_or_else(|| wrong_type(self.child_path(key), "an integer", v)),
        }
    }

    /// An optional object.
    pub fn obj(&self, key: &str) -> Result<Option<Obj<'a>>> {
        match self.present(key) {
            None => Ok(None),
            Some(Value::Object(map)) => Ok(Some(Obj::new(map, self.child_path(key)))),
            Some(other) => Err(wrong_type(self.child_path(key), "an object", other)),
        }
    }

    /// An optional object, returned as the raw value (for pass-through).
    pub fn raw_object(&self, key: &str) -> Result<Option<&'a Value>> {
        match self.present(key) {
            None => Ok(None),
            Some(v @ Value::Object(_)) => Ok(Some(v)),
            Some(other) => Err(wrong_type(self.child_path(key), "an object", other)),
        }
    }

    /// An optional array.
    pub fn array(&self, key: &str) -> Result<Option<&'a [Value]>> {
        match self.present(key) {
            None => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(wrong_type(self.child_path(key), "an array", other)),
        }
    }

    /// Whether `key` is present with a non-null value.
    pub fn has(&self, key: &str) -> bool {
        self.present(key).is_some()
    }
}

/// Element `index` of an array at `array_path` as an object, or a typed error.
pub(crate) fn element_object<'a>(
    item: &'a Value,
    array_path: &str,
    index: usize,
) -> Result<&'a Map<String, Value>> {
    item.as_object()
        .ok_or_else(|| wrong_type(index_path(array_path, index), "an object", item))
}

fn as_count(v: &Value) -> Option<u64> {
    if let Some(n) = v.as_u64() {
        return Some(n);
    }
    let f = v
        .as_f64()
        .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9.0e15)?;
    Some(f as u64)
}

fn as_int(v: &Value) -> Option<i64> {
    if let Some(n) = v.as_i64() {
        return Some(n);
    }
    let f = v
        .as_f64()
        .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)?;
    Some(f as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    #[test]
    fn null_is_absent_and_wrong_types_name_the_path() {
        let v = json!({"a": null, "n": "12", "f": 12.0, "neg": -1, "o": {"x": 1}});
        let obj = Obj::new(v.as_object().unwrap(), "$.usage");
        assert_eq!(obj.str("a").unwrap(), None);
        assert_eq!(obj.count("f").unwrap(), Some(12));
        let e = obj.count("n").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert_eq!(e.path(), "$.usage.n");
        assert!(e.message().contains("got string"), "{}", e.message());
        assert_eq!(obj.count("neg").unwrap_err().path(), "$.usage.neg");
        assert_eq!(obj.int("neg").unwrap(), Some(-1));
        let inner = obj.obj("o").unwrap().unwrap();
        assert_eq!(inner.child_path("x"), "$.usage.o.x");
        assert_eq!(obj.array("o").unwrap_err().path(), "$.usage.o");
        assert_eq!(
            element_object(&json!(3), "$.choices", 2)
                .unwrap_err()
                .path(),
            "$.choices[2]"
        );
    }
}
