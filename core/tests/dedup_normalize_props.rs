//! The optimised template normaliser (borrowed view + streaming canonical
//! writer) against a straightforward reference normaliser on generated
//! configs: same normalised document, same canonical bytes, same errors.
//!
//! The reference below is the plain first implementation of normalisation
//! v1 (build a new `Value`, then `canonical_json`); keep it simple, it is
//! the oracle.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use unicode_normalization::UnicodeNormalization;
use verity::dedup::{
    canonical_json, cmp_utf16, normalize_template_config, normalize_text, template_config_hash,
};
use verity::error::{field_path, index_path};
use verity::{Error, ErrorKind};

type Result<T> = std::result::Result<T, Error>;

fn type_name(v: &Value) -> &'static str {
    verity::json::type_name(v)
}

fn reference_text(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let unified = nfc.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.split('\n').map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

fn reference_string<'v>(fields: &'v Map<String, Value>, name: &str) -> Result<Option<&'v str>> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(Error::invalid_input(
            field_path("$", name),
            format!("expected a string, got {}", type_name(other)),
        )),
    }
}

fn reference_nfc_value(value: &Value, path: &str) -> Result<Value> {
    Ok(match value {
        Value::String(s) => Value::String(s.nfc().collect()),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| reference_nfc_value(item, &index_path(path, i)))
                .collect::<Result<_>>()?,
        ),
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, item) in map {
                let item = reference_nfc_value(item, &field_path(path, key))?;
                reference_insert(&mut out, key, item, path)?;
            }
            Value::Object(out)
        }
        other => other.clone(),
    })
}

fn reference_insert(
    map: &mut Map<String, Value>,
    key: &str,
    value: Value,
    parent: &str,
) -> Result<()> {
    let key: String = key.nfc().collect();
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

fn reference_normalize(config: &Value) -> Result<Value> {
    let Value::Object(fields) = config else {
        return Err(Error::invalid_input("$", "not an object"));
    };
    let mut doc = Map::new();
    doc.insert("normalization_version".into(), json!(1));
    let system = reference_string(fields, "system_instructions")?.unwrap_or_default();
    doc.insert("system_instructions".into(), reference_text(system).into());
    let prompt = reference_string(fields, "user_prompt_template")?
        .ok_or_else(|| Error::missing_field("$.user_prompt_template"))?;
    doc.insert("user_prompt_template".into(), reference_text(prompt).into());
    let model = reference_string(fields, "model_id")?
        .map(|m| m.nfc().collect::<String>().trim().to_owned())
        .filter(|m| !m.is_empty())
        .ok_or_else(|| Error::missing_field("$.model_id"))?;
    doc.insert("model_id".into(), model.into());
    let mut codes = Vec::new();
    match fields.get("country_set") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let Value::String(code) = item else {
                    return Err(Error::invalid_input(index_path("$.country_set", i), "type"));
                };
                let code = code.nfc().collect::<String>().trim().to_uppercase();
                if code.is_empty() {
                    return Err(Error::invalid_input(
                        index_path("$.country_set", i),
                        "empty",
                    ));
                }
                codes.push(code);
            }
        }
        Some(_) => return Err(Error::invalid_input("$.country_set", "type")),
    }
    codes.sort_by(|a, b| cmp_utf16(a, b));
    codes.dedup();
    doc.insert("country_set".into(), json!(codes));
    let mut kept = Map::new();
    match fields.get("inference_params") {
        None | Some(Value::Null) => {}
        Some(Value::Object(params)) => {
            for (name, value) in params {
                let path = field_path("$.inference_params", name);
                if value.is_null() {
                    continue;
                }
                let integral = ["top_k", "max_tokens", "max_output_tokens"]
                    .iter()
                    .chain(&["max_completion_tokens", "seed", "n", "candidate_count"])
                    .any(|p| p == name);
                let numeric = [
                    "temperature",
                    "top_p",
                    "frequency_penalty",
                    "presence_penalty",
                ]
                .iter()
                .any(|p| p == name);
                if integral || numeric {
                    let Some(x) = value.as_f64() else {
                        return Err(Error::invalid_input(path, "number"));
                    };
                    if integral && x.fract() != 0.0 {
                        return Err(Error::invalid_input(path, "integer"));
                    }
                }
                let value = reference_nfc_value(value, &path)?;
                reference_insert(&mut kept, name, value, "$.inference_params")?;
            }
        }
        Some(_) => return Err(Error::invalid_input("$.inference_params", "type")),
    }
    doc.insert("inference_params".into(), Value::Object(kept));
    for name in ["tools", "response_format"] {
        match fields.get(name) {
            None | Some(Value::Null) => {}
            Some(value) => {
                let value = reference_nfc_value(value, &field_path("$", name))?;
                doc.insert(name.into(), value);
            }
        }
    }
    Ok(Value::Object(doc))
}

/// Text pieces that exercise every rule: whitespace kinds, CR/LF, NFD and
/// singleton decompositions, astral and high-BMP chars, escapes.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "a",
        "Z",
        "us",
        "ch",
        " ",
        "  ",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\u{a0}",
        "\u{3000}",
        "e\u{301}",
        "\u{e9}",
        "\u{212b}",
        "\u{1f600}",
        "\u{fb33}",
        "\"",
        "\\",
        "\u{1}",
        "{{x}}",
        "ß",
        "ǅ",
    ]);
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(|x| json!(x)),
        Just(json!(1000.0)),
        text().prop_map(Value::from),
    ]
}

fn nested() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((text(), inner), 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn params() -> impl Strategy<Value = Value> {
    let name = prop::sample::select(vec![
        "temperature",
        "top_p",
        "max_tokens",
        "seed",
        "stop",
        "e\u{301}",
        "\u{e9}",
        "x",
    ]);
    let value = prop_oneof![leaf(), Just(json!(0.70)), Just(json!(1.5)), nested()];
    prop::collection::vec((name, value), 0..5)
        .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

fn config() -> impl Strategy<Value = Value> {
    let optional = |s: BoxedStrategy<Value>| prop::option::weighted(0.85, s);
    (
        optional(prop_oneof![9 => text().prop_map(Value::from), 1 => leaf()].boxed()),
        optional(prop_oneof![9 => text().prop_map(Value::from), 1 => leaf()].boxed()),
        optional(prop_oneof![9 => text().prop_map(|t| Value::from(t + "m")), 1 => leaf()].boxed()),
        optional(prop_oneof![
            9 => prop::collection::vec(text().prop_map(|t| Value::from(t + "x")), 0..5).prop_map(Value::from),
            1 => nested()
        ].boxed()),
        optional(prop_oneof![9 => params(), 1 => leaf()].boxed()),
        optional(nested().boxed()),
        optional(nested().boxed()),
    )
        .prop_map(|(system, prompt, model, countries, params, tools, format)| {
            let mut doc = Map::new();
            let fields = [
                ("system_instructions", system),
                ("user_prompt_template", prompt),
                ("model_id", model),
                ("country_set", countries),
                ("inference_params", params),
                ("tools", tools),
                ("response_format", format),
            ];
            for (name, value) in fields {
                if let Some(value) = value {
                    doc.insert(name.to_owned(), value);
                }
            }
            Value::Object(doc)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn optimised_normaliser_equals_reference(config in config()) {
        match reference_normalize(&config) {
            Ok(expected) => {
                prop_assert_eq!(&normalize_template_config(&config).unwrap(), &expected);
                let canonical = canonical_json(&expected).unwrap();
                let hashed = template_config_hash(&config).unwrap();
                prop_assert_eq!(hashed.canonical_bytes(), &canonical[..]);
            }
            Err(expected) => {
                for got in [
                    normalize_template_config(&config).unwrap_err(),
                    template_config_hash(&config).unwrap_err(),
                ] {
                    prop_assert_eq!(got.kind(), expected.kind());
                    prop_assert_eq!(got.path(), expected.path());
                }
            }
        }
    }

    #[test]
    fn normalize_text_equals_reference(text in text()) {
        prop_assert_eq!(normalize_text(&text), reference_text(&text));
    }
}
