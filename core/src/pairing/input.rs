//! The analysis document: parsing and validation of the images an upstream
//! vision model described. Only `id` and `view` are required; unknown extra
//! fields are ignored; `null` or an empty string counts as missing; wrong
//! types and malformed values are typed errors naming the image (index and
//! id) and the field.

use crate::error::{field_path, index_path, Error, ErrorKind, Result};
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// What side of a product a photo shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// The product's front (brand, name, variant).
    Front,
    /// The product's back (ingredients, barcode, small print).
    Back,
    /// A side shot: attached to a pair as an extra.
    Side,
    /// A close-up: attached to a pair as an extra.
    Detail,
    /// The vision model could not tell: never a pair member, may attach as an extra.
    Unknown,
}

impl View {
    /// The JSON name (`"front"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            View::Front => "front",
            View::Back => "back",
            View::Side => "side",
            View::Detail => "detail",
            View::Unknown => "unknown",
        }
    }

    fn parse(s: &str) -> Option<View> {
        match s {
            "front" => Some(View::Front),
            "back" => Some(View::Back),
            "side" => Some(View::Side),
            "detail" => Some(View::Detail),
            "unknown" => Some(View::Unknown),
            _ => None,
        }
    }
}

/// One validated image of the analysis document.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub(crate) id: String,
    pub(crate) view: View,
    pub(crate) view_confidence: Option<f64>,
    pub(crate) brand: Option<String>,
    pub(crate) product_name: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) packaging: Option<String>,
    pub(crate) variant: Option<String>,
    pub(crate) net_content: Option<String>,
    /// Parsed `#rrggbb` colours.
    pub(crate) colors: Vec<[u8; 3]>,
    pub(crate) text: Option<String>,
    /// Digits only, length 8, 12, 13 or 14 (check digit not yet verified).
    pub(crate) barcode: Option<String>,
    pub(crate) sequence: Option<i64>,
    /// Milliseconds since the Unix epoch.
    pub(crate) captured_at_ms: Option<i64>,
}

impl Image {
    /// The input id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The declared view.
    pub fn view(&self) -> View {
        self.view
    }
    /// The declared brand, verbatim.
    pub fn brand(&self) -> Option<&str> {
        self.brand.as_deref()
    }
    /// The declared category, verbatim.
    pub fn category(&self) -> Option<&str> {
        self.category.as_deref()
    }
}

/// Parses an analysis document: `{"images": [...]}` or a bare array.
pub fn parse_analysis(doc: &Value) -> Result<Vec<Image>> {
    let (list, root) = match doc {
        Value::Array(list) => (list, "$".to_owned()),
        Value::Object(map) => match map.get("images") {
            Some(Value::Array(list)) => (list, "$.images".to_owned()),
            Some(other) => {
                return Err(Error::invalid_input(
                    "$.images",
                    format!(
                        "expected an array of images, found {}",
                        crate::json::type_name(other)
                    ),
                ))
            }
            None => return Err(Error::missing_field("$.images")),
        },
        other => {
            return Err(Error::new(
                ErrorKind::UnknownShape,
                "$",
                format!(
                    "expected {{\"images\": [...]}} or an array of images, found {}",
                    crate::json::type_name(other)
                ),
            ))
        }
    };
    if list.is_empty() {
        return Err(Error::invalid_input(
            root,
            "the batch is empty: at least one image is required",
        ));
    }
    let mut seen = HashSet::with_capacity(list.len());
    let mut images = Vec::with_capacity(list.len());
    for (index, value) in list.iter().enumerate() {
        let path = index_path(&root, index);
        let image = parse_image(value, index, &path)?;
        if !seen.insert(image.id.clone()) {
            return Err(Error::invalid_input(
                field_path(&path, "id"),
                format!("image {index} (id {:?}): duplicate id", image.id),
            ));
        }
        images.push(image);
    }
    Ok(images)
}

fn parse_image(value: &Value, index: usize, path: &str) -> Result<Image> {
    let Value::Object(map) = value else {
        return Err(Error::invalid_input(
            path,
            format!(
                "image {index}: expected an object, found {}",
                crate::json::type_name(value)
            ),
        ));
    };
    let who = |id: &str| format!("image {index} (id {id:?})");
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::String(_)) => {
            return Err(Error::invalid_input(
                field_path(path, "id"),
                format!("image {index}: id is empty"),
            ))
        }
        None | Some(Value::Null) => {
            return Err(Error::new(
                ErrorKind::MissingField,
                field_path(path, "id"),
                format!("image {index}: required field id is missing"),
            ))
        }
        Some(other) => {
            return Err(Error::invalid_input(
                field_path(path, "id"),
                format!(
                    "image {index}: id must be a string, found {}",
                    crate::json::type_name(other)
                ),
            ))
        }
    };
    let fields = Fields {
        map,
        path,
        who: who(&id),
    };
    let view = match map.get("view") {
        None | Some(Value::Null) => {
            return Err(Error::new(
                ErrorKind::MissingField,
                field_path(path, "view"),
                format!("{}: required field view is missing", fields.who),
            ))
        }
        Some(Value::String(s)) => View::parse(s).ok_or_else(|| {
            fields.err(
                "view",
                format!("unknown view {s:?} (expected front, back, side, detail or unknown)"),
            )
        })?,
        Some(other) => {
            return Err(fields.err(
                "view",
                format!("must be a string, found {}", crate::json::type_name(other)),
            ))
        }
    };
    let view_confidence = match fields.number("view_confidence")? {
        Some(c) if !(0.0..=1.0).contains(&c) => {
            return Err(fields.err("view_confidence", format!("{c} is outside 0..1")))
        }
        other => other,
    };
    let colors = match map.get("colors") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => {
            let mut colors = Vec::with_capacity(list.len());
            for (i, c) in list.iter().enumerate() {
                let field = format!("colors[{i}]");
                let parsed = c.as_str().and_then(parse_hex_color).ok_or_else(|| {
                    fields.err(&field, format!("expected a \"#rrggbb\" colour, found {c}"))
                })?;
                colors.push(parsed);
            }
            colors
        }
        Some(other) => {
            return Err(fields.err(
                "colors",
                format!(
                    "must be an array of \"#rrggbb\" strings, found {}",
                    crate::json::type_name(other)
                ),
            ))
        }
    };
    let barcode = match fields.string("barcode")? {
        Some(code) => {
            if !code.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 13, 14].contains(&code.len()) {
                return Err(fields.err(
                    "barcode",
                    format!("{code:?} is not a GTIN (8, 12, 13 or 14 digits)"),
                ));
            }
            Some(code)
        }
        None => None,
    };
    let sequence = match map.get("sequence") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(
            n.as_i64()
                .ok_or_else(|| fields.err("sequence", format!("{n} is not an integer")))?,
        ),
        Some(other) => {
            return Err(fields.err(
                "sequence",
                format!(
                    "must be an integer, found {}",
                    crate::json::type_name(other)
                ),
            ))
        }
    };
    let captured_at_ms = match fields.string("captured_at")? {
        // The crate's one RFC 3339 parser; only differences matter here.
        Some(s) => Some(
            Timestamp::parse_rfc3339(&s, "$")
                .map(|t| {
                    t.unix_seconds().saturating_mul(1000) + i64::from(t.subsec_nanos() / 1_000_000)
                })
                .map_err(|_| {
                    fields.err("captured_at", format!("{s:?} is not an RFC 3339 timestamp"))
                })?,
        ),
        None => None,
    };
    Ok(Image {
        view,
        view_confidence,
        brand: fields.string("brand")?,
        product_name: fields.string("product_name")?,
        category: fields.string("category")?,
        packaging: fields.string("packaging")?,
        variant: fields.string("variant")?,
        net_content: fields.string("net_content")?,
        colors,
        text: fields.string("text")?,
        barcode,
        sequence,
        captured_at_ms,
        id,
    })
}

/// Field access for one image, producing errors that name the image and field.
struct Fields<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
    who: String,
}

impl Fields<'_> {
    fn err(&self, field: &str, message: String) -> Error {
        let path = if field.contains('[') {
            format!("{}.{field}", self.path)
        } else {
            field_path(self.path, field)
        };
        Error::invalid_input(path, format!("{}: {field}: {message}", self.who))
    }

    fn string(&self, field: &str) -> Result<Option<String>> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(other) => Err(self.err(
                field,
                format!("must be a string, found {}", crate::json::type_name(other)),
            )),
        }
    }

    fn number(&self, field: &str) -> Result<Option<f64>> {
        match self.map.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(other) => Err(self.err(
                field,
                format!("must be a number, found {}", crate::json::type_name(other)),
            )),
        }
    }
}

/// `#rrggbb` (case-insensitive) to RGB bytes.
pub(crate) fn parse_hex_color(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    Some([channel(0)?, channel(2)?, channel(4)?])
}
