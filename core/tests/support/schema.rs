//! Validates outputs against the JSON Schemas in `tests/schemas/<module>/`
//! with the `jsonschema` crate, with two guards the hand-written checkers
//! this replaced had: a schema keyword outside `KNOWN` panics (a misspelt
//! keyword would otherwise be skipped as an annotation, leaving part of a
//! schema silently unchecked), and `"type": "integer"` means a JSON integer
//! literal (the draft's rule also accepts `1.0`; our outputs never write one).

use super::{read_json, tests_dir};
use jsonschema::{paths::LocationSegment, Keyword, ValidationError, Validator};
use serde_json::{Map, Value};

/// The keywords our schemas may use: each is either enforced by the
/// validator or pure annotation.
const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "title",
    "description",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "oneOf",
    "anyOf",
    "pattern",
];

/// One compiled schema file.
pub struct Schema {
    name: String,
    validator: Validator,
}

/// Loads `tests/schemas/<name>.schema.json`, e.g. `load("outcome/envelope")`.
/// Panics when the schema uses a keyword outside `KNOWN` or is not a valid
/// schema of the draft it names.
pub fn load(name: &str) -> Schema {
    let schema = read_json(&tests_dir().join(format!("schemas/{name}.schema.json")));
    assert_known_keywords(&schema, name);
    let validator = jsonschema::options()
        .with_keyword("type", strict_type)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}: not a valid schema: {e}"));
    Schema {
        name: name.to_owned(),
        validator,
    }
}

impl Schema {
    /// Every violation of this schema by `value`, as `$.path: keyword: message`.
    pub fn violations(&self, value: &Value) -> Vec<String> {
        self.validator
            .iter_errors(value)
            .map(|e| {
                let keyword = e.schema_path().iter().last().map(|s| s.to_string());
                let path = dollar_path(e.instance_path().iter());
                format!("{path}: {}: {e}", keyword.unwrap_or_default())
            })
            .collect()
    }

    pub fn is_valid(&self, value: &Value) -> bool {
        self.validator.is_valid(value)
    }

    /// Panics listing every violation, naming `what` was checked.
    pub fn assert_valid(&self, value: &Value, what: &str) {
        let found = self.violations(value);
        assert!(
            found.is_empty(),
            "{what} violates {}:\n{}",
            self.name,
            found.join("\n")
        );
    }
}

impl Schema {
    /// Asserts that `value` is rejected with, for each of `expected`, a
    /// violation starting with it (`"$.path: keyword"`); returns them all.
    pub fn assert_rejects(&self, value: &Value, expected: &[&str]) -> Vec<String> {
        let found = self.violations(value);
        assert!(!self.is_valid(value), "{} accepts {value}", self.name);
        for prefix in expected {
            assert!(
                found.iter().any(|v| v.starts_with(prefix)),
                "{prefix} not among the violations of {}: {found:#?}",
                self.name
            );
        }
        found
    }
}

/// `/usage/0/x` → `$.usage[0].x`, the paths verity's errors use.
fn dollar_path<'a>(segments: impl Iterator<Item = LocationSegment<'a>>) -> String {
    let mut path = String::from("$");
    for segment in segments {
        match segment {
            LocationSegment::Property(name) => path.push_str(&format!(".{name}")),
            LocationSegment::Index(i) => path.push_str(&format!("[{i}]")),
        }
    }
    path
}

fn assert_known_keywords(schema: &Value, at: &str) {
    let Some(keywords) = schema.as_object() else {
        return; // `true` / `false` schemas
    };
    for (keyword, value) in keywords {
        assert!(
            KNOWN.contains(&keyword.as_str()),
            "{at}: unsupported keyword {keyword}"
        );
        match (keyword.as_str(), value) {
            ("properties", Value::Object(properties)) => {
                for (name, sub) in properties {
                    assert_known_keywords(sub, &format!("{at}/properties/{name}"));
                }
            }
            ("items" | "additionalProperties", sub) => {
                assert_known_keywords(sub, &format!("{at}/{keyword}"))
            }
            ("oneOf" | "anyOf", Value::Array(options)) => {
                for (i, sub) in options.iter().enumerate() {
                    assert_known_keywords(sub, &format!("{at}/{keyword}/{i}"));
                }
            }
            _ => {}
        }
    }
}

/// `type` with JSON's own types: `integer` is an integer literal only.
struct StrictType(Vec<String>);

fn strict_type<'a>(
    _parent: &'a Map<String, Value>,
    value: &'a Value,
    _location: jsonschema::paths::Location,
) -> Result<Box<dyn for<'i> Keyword<'i>>, ValidationError<'a>> {
    let names = match value {
        Value::String(name) => vec![name.clone()],
        Value::Array(names) => names
            .iter()
            .map(|n| n.as_str().map(str::to_owned))
            .collect::<Option<_>>()
            .ok_or_else(|| ValidationError::custom("type names must be strings"))?,
        _ => return Err(ValidationError::custom("type must be a string or an array")),
    };
    if let Some(unknown) = names
        .iter()
        .find(|n| type_matches(n, &Value::Null).is_none())
    {
        return Err(ValidationError::custom(format!("unknown type {unknown}")));
    }
    Ok(Box::new(StrictType(names)))
}

/// Whether `value` has JSON type `name`; `None` for a name that is no type.
fn type_matches(name: &str, value: &Value) -> Option<bool> {
    Some(match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => return None,
    })
}

impl<'i> Keyword<'i> for StrictType {
    fn validate(&self, instance: &'i Value) -> Result<(), ValidationError<'i>> {
        if self.is_valid(instance) {
            Ok(())
        } else {
            let expected = self.0.join(" or ");
            Err(ValidationError::custom(format!(
                "{instance} is not of type {expected}"
            )))
        }
    }

    fn is_valid(&self, instance: &'i Value) -> bool {
        self.0
            .iter()
            .any(|name| type_matches(name, instance) == Some(true))
    }
}
