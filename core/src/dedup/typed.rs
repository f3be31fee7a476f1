//! Canonical JSON of typed Rust values (`impl Serialize`).
//!
//! `serde_json::to_value` turns a NaN or infinite `f32`/`f64` into `null`
//! before any canonicaliser sees it, so a typed value is first walked by a
//! check-only serializer that refuses non-finite floats (naming the path),
//! and only then converted and canonicalised.

use super::canonical::canonical_json;
use crate::error::{field_path, index_path, Error, ErrorKind, Result};
use serde::{ser, Serialize};

/// RFC 8785 canonical bytes of any `Serialize` value. NaN/±Infinity
/// anywhere are [`ErrorKind::InvalidNumber`] at their path (never `null`);
/// a value serde_json cannot represent (e.g. a map with non-string keys) is
/// [`ErrorKind::InvalidInput`].
pub fn canonical_json_of<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    value
        .serialize(FiniteCheck {
            path: "$".to_owned(),
        })
        .map_err(|CheckError(e)| e)?;
    let value = serde_json::to_value(value)
        .map_err(|e| Error::invalid_input("$", format!("not representable as JSON: {e}")))?;
    canonical_json(&value)
}

/// The checker's error: a private wrapper so that `serde::ser::Error` is
/// not implemented for the crate-wide [`Error`] (other modules may want
/// their own serde mapping).
#[derive(Debug)]
struct CheckError(Error);

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for CheckError {}

impl ser::Error for CheckError {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        CheckError(Error::invalid_input("$", msg.to_string()))
    }
}

type CheckResult<T = ()> = std::result::Result<T, CheckError>;

/// Serializer that produces nothing and fails on non-finite floats.
struct FiniteCheck {
    path: String,
}

/// Compound state: the parent path and the next element index / map key.
struct Compound {
    path: String,
    index: usize,
    key: Option<String>,
}

impl FiniteCheck {
    fn float(&self, x: f64) -> CheckResult {
        if x.is_finite() {
            Ok(())
        } else {
            Err(CheckError(Error::new(
                ErrorKind::InvalidNumber,
                self.path.clone(),
                format!("{x} is not a finite number; RFC 8785 cannot represent it"),
            )))
        }
    }

    fn compound(self) -> Compound {
        Compound {
            path: self.path,
            index: 0,
            key: None,
        }
    }
}

impl Compound {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> CheckResult {
        let path = index_path(&self.path, self.index);
        self.index += 1;
        value.serialize(FiniteCheck { path })
    }

    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> CheckResult {
        value.serialize(FiniteCheck {
            path: field_path(&self.path, name),
        })
    }
}

macro_rules! ok_scalars {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, _: $ty) -> CheckResult { Ok(()) })*
    };
}

impl ser::Serializer for FiniteCheck {
    type Ok = ();
    type Error = CheckError;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    ok_scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_char: char,
        serialize_str: &str, serialize_bytes: &[u8]);

    fn serialize_f32(self, x: f32) -> CheckResult {
        self.float(f64::from(x))
    }
    fn serialize_f64(self, x: f64) -> CheckResult {
        self.float(x)
    }
    fn serialize_none(self) -> CheckResult {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> CheckResult {
        value.serialize(self)
    }
    fn serialize_unit(self) -> CheckResult {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> CheckResult {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> CheckResult {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> CheckResult {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> CheckResult {
        self.compound().field(variant, value)
    }
    fn serialize_seq(self, _: Option<usize>) -> CheckResult<Compound> {
        Ok(self.compound())
    }
    fn serialize_tuple(self, _: usize) -> CheckResult<Compound> {
        Ok(self.compound())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> CheckResult<Compound> {
        Ok(self.compound())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> CheckResult<Compound> {
        let path = field_path(&self.path, variant);
        Ok(FiniteCheck { path }.compound())
    }
    fn serialize_map(self, _: Option<usize>) -> CheckResult<Compound> {
        Ok(self.compound())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> CheckResult<Compound> {
        Ok(self.compound())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> CheckResult<Compound> {
        let path = field_path(&self.path, variant);
        Ok(FiniteCheck { path }.compound())
    }
}

impl ser::SerializeSeq for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> CheckResult {
        self.element(value)
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> CheckResult {
        self.element(value)
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> CheckResult {
        self.element(value)
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> CheckResult {
        self.element(value)
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

impl ser::SerializeMap for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> CheckResult {
        // The key names the path of the value that follows (string keys only).
        self.key = serde_json::to_value(key)
            .ok()
            .and_then(|k| k.as_str().map(str::to_owned));
        key.serialize(FiniteCheck {
            path: self.path.clone(),
        })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> CheckResult {
        match self.key.take() {
            Some(key) => self.field(&key, value),
            None => self.element(value),
        }
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> CheckResult {
        self.field(name, value)
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Compound {
    type Ok = ();
    type Error = CheckError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> CheckResult {
        self.field(name, value)
    }
    fn end(self) -> CheckResult {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Event {
        name: String,
        score: f64,
        tags: Vec<f32>,
        extra: BTreeMap<String, f64>,
        kind: Kind,
    }

    #[derive(Serialize)]
    enum Kind {
        Measured { value: f64 },
    }

    fn event() -> Event {
        Event {
            name: "probe".into(),
            score: 0.5,
            tags: vec![1.0, 2.5],
            extra: BTreeMap::from([("b".to_owned(), 1e21), ("a".to_owned(), -0.0)]),
            kind: Kind::Measured { value: 3.0 },
        }
    }

    #[test]
    fn typed_values_canonicalise() {
        let bytes = canonical_json_of(&event()).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"{"extra":{"a":0,"b":1e+21},"kind":{"Measured":{"value":3}},"name":"probe","score":0.5,"tags":[1,2.5]}"#
        );
    }

    #[test]
    fn non_finite_floats_are_errors_with_paths_not_null() {
        let mut e = event();
        e.score = f64::NAN;
        let err = canonical_json_of(&e).unwrap_err();
        assert_eq!(
            (err.kind(), err.path()),
            (ErrorKind::InvalidNumber, "$.score")
        );
        let mut e = event();
        e.tags[1] = f32::INFINITY;
        assert_eq!(canonical_json_of(&e).unwrap_err().path(), "$.tags[1]");
        let mut e = event();
        e.extra.insert("z z".into(), f64::NEG_INFINITY);
        assert_eq!(
            canonical_json_of(&e).unwrap_err().path(),
            "$.extra[\"z z\"]"
        );
        let mut e = event();
        e.kind = Kind::Measured { value: f64::NAN };
        assert_eq!(
            canonical_json_of(&e).unwrap_err().path(),
            "$.kind.Measured.value"
        );
        assert_eq!(canonical_json_of(&f64::INFINITY).unwrap_err().path(), "$");
    }

    #[test]
    fn non_string_map_keys_are_invalid_input() {
        let map = BTreeMap::from([((1, 2), 3)]);
        assert_eq!(
            canonical_json_of(&map).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
}
