//! RFC 8785 (JSON Canonicalization Scheme) serialisation of a parsed value.
//!
//! - Object members sorted by the UTF-16 code units of their keys (§3.2.3):
//!   U+1F600 (`\ud83d\ude00`) sorts *before* U+FB33, unlike UTF-8 byte or
//!   code point order.
//! - Numbers as ECMAScript `Number.prototype.toString` prints the IEEE-754
//!   double (§3.2.2.3): every number, integers included, is first the
//!   nearest double (`u64`/`i64` beyond 2^53 round to nearest, ties to even,
//!   exactly like `JSON.parse`), so `18446744073709551615` prints as
//!   `18446744073709552000` and `-0` as `0`. Formatting is done by `ryu-js`
//!   (the Boa engine's ECMAScript-exact Ryū); the test suite checks it
//!   against an independent formulation built on Rust's shortest round-trip
//!   `{:e}` output.
//! - Strings with the minimal escaping of ECMAScript `JSON.stringify`
//!   (§3.2.2.2): `\"`, `\\`, `\b \t \n \f \r`, other C0 controls as
//!   `\u00xx` (lower-case hex); everything else verbatim as UTF-8.
//! - No whitespace.
//!
//! A `serde_json::Value` cannot hold NaN/±Infinity or lone surrogates, so the
//! only error here is nesting deeper than [`MAX_DEPTH`]; non-finite `f64`s
//! are refused by [`canonical_number`].

use super::path::Frame;
use crate::error::{Error, ErrorKind, Result};
use crate::json::Limits;
use serde_json::{Map, Number, Value};
use std::cmp::Ordering;

/// Maximum nesting of arrays/objects accepted (the same 128 as [`crate::json`]).
pub const MAX_DEPTH: usize = Limits::DEFAULT_MAX_DEPTH;

/// RFC 8785 canonical bytes of a parsed JSON value.
///
/// Errors: [`ErrorKind::TooDeep`] beyond [`MAX_DEPTH`] nested arrays/objects.
/// To canonicalise JSON *text* (and detect duplicate keys, lone surrogates
/// and overflowing numbers, which a parsed value can no longer show) use
/// [`super::canonical_json_from_bytes`].
pub fn canonical_json(value: &Value) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    write_canonical(value, &mut out)?;
    Ok(out)
}

/// Appends the canonical bytes of `value` to `out`.
pub fn write_canonical(value: &Value, out: &mut Vec<u8>) -> Result<()> {
    let mut writer = Writer {
        out,
        number: ryu_js::Buffer::new(),
    };
    writer.value(value, &Frame::ROOT, 0)
}

/// ECMAScript `Number.prototype.toString` of a finite double, as RFC 8785
/// serialises numbers. NaN and ±Infinity are [`ErrorKind::InvalidNumber`].
pub fn canonical_number(x: f64) -> Result<String> {
    if !x.is_finite() {
        return Err(Error::new(
            ErrorKind::InvalidNumber,
            "$",
            format!("{x} is not a finite number; RFC 8785 cannot represent it"),
        ));
    }
    Ok(format_finite(&mut ryu_js::Buffer::new(), x).to_owned())
}

fn format_finite(buffer: &mut ryu_js::Buffer, x: f64) -> &str {
    if x == 0.0 {
        // Both +0 and -0 print as "0" in ECMAScript.
        "0"
    } else {
        buffer.format_finite(x)
    }
}

/// Orders two strings by their UTF-16 code units (RFC 8785 §3.2.3).
///
/// UTF-8 byte order equals code point order, which differs from UTF-16
/// order only when a supplementary-plane char (encoded as surrogates
/// U+D800..U+DFFF) meets a BMP char at or above U+E000. So: compare bytes,
/// and at the first differing char fix up exactly that case.
pub fn cmp_utf16(a: &str, b: &str) -> Ordering {
    let Some(first_diff) = a.bytes().zip(b.bytes()).position(|(x, y)| x != y) else {
        return a.len().cmp(&b.len());
    };
    let boundary = (0..=first_diff)
        .rev()
        .find(|&i| a.is_char_boundary(i))
        .unwrap_or(0);
    let ca = a.get(boundary..).and_then(|s| s.chars().next());
    let cb = b.get(boundary..).and_then(|s| s.chars().next());
    match (ca, cb) {
        (Some(ca), Some(cb)) => first_utf16_unit(ca)
            .cmp(&first_utf16_unit(cb))
            .then(ca.cmp(&cb)),
        _ => a.cmp(b),
    }
}

/// The first UTF-16 code unit of `c` (its high surrogate when astral).
fn first_utf16_unit(c: char) -> u32 {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .first()
        .copied()
        .map_or(0, u32::from)
}

struct Writer<'o> {
    out: &'o mut Vec<u8>,
    number: ryu_js::Buffer,
}

impl Writer<'_> {
    fn value(&mut self, value: &Value, at: &Frame<'_>, depth: usize) -> Result<()> {
        match value {
            Value::Null => self.out.extend_from_slice(b"null"),
            Value::Bool(true) => self.out.extend_from_slice(b"true"),
            Value::Bool(false) => self.out.extend_from_slice(b"false"),
            Value::Number(n) => self.number(n, at)?,
            Value::String(s) => write_string(s, self.out),
            Value::Array(items) => {
                let depth = enter(at, depth)?;
                self.out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(b',');
                    }
                    self.value(item, &at.index(i), depth)?;
                }
                self.out.push(b']');
            }
            Value::Object(map) => {
                let depth = enter(at, depth)?;
                self.object(map, at, depth)?;
            }
        }
        Ok(())
    }

    fn object(&mut self, map: &Map<String, Value>, at: &Frame<'_>, depth: usize) -> Result<()> {
        // serde_json's default map iterates in byte order, which is already
        // UTF-16 order unless BMP chars >= U+E000 meet astral ones: check in
        // one pass and only then collect and sort (also correct under
        // serde_json's `preserve_order`).
        let mut keys = map.keys();
        let in_order = keys.next().is_none_or(|first| {
            keys.try_fold(first, |previous, key| {
                (cmp_utf16(previous, key) == Ordering::Less).then_some(key)
            })
            .is_some()
        });
        if in_order {
            self.members(map.iter(), at, depth)
        } else {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|(a, _), (b, _)| cmp_utf16(a, b));
            self.members(members.into_iter(), at, depth)
        }
    }

    fn members<'m>(
        &mut self,
        members: impl Iterator<Item = (&'m String, &'m Value)>,
        at: &Frame<'_>,
        depth: usize,
    ) -> Result<()> {
        self.out.push(b'{');
        for (i, (key, item)) in members.enumerate() {
            if i > 0 {
                self.out.push(b',');
            }
            write_string(key, self.out);
            self.out.push(b':');
            self.value(item, &at.key(key), depth)?;
        }
        self.out.push(b'}');
        Ok(())
    }

    fn number(&mut self, n: &Number, at: &Frame<'_>) -> Result<()> {
        // `as f64` on i64/u64 rounds to nearest, ties to even: the double
        // `JSON.parse` would produce for the same digits.
        let x = if let Some(i) = n.as_i64() {
            i as f64
        } else if let Some(u) = n.as_u64() {
            u as f64
        } else {
            n.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidNumber,
                    at.path(),
                    format!("{n} is not a finite IEEE-754 double"),
                )
            })?
        };
        let text = format_finite(&mut self.number, x);
        self.out.extend_from_slice(text.as_bytes());
        Ok(())
    }
}

fn enter(at: &Frame<'_>, depth: usize) -> Result<usize> {
    if depth >= MAX_DEPTH {
        return Err(Error::new(
            ErrorKind::TooDeep,
            at.path(),
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ));
    }
    Ok(depth + 1)
}

/// Writes `s` as a JSON string with RFC 8785's minimal escaping.
fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\x08' => b"\\b",
            b'\t' => b"\\t",
            b'\n' => b"\\n",
            b'\x0c' => b"\\f",
            b'\r' => b"\\r",
            0x00..=0x1f => &[],
            _ => continue,
        };
        out.extend_from_slice(bytes.get(run_start..i).unwrap_or_default());
        if escape.is_empty() {
            let hex = |nibble: u8| HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(b >> 4), hex(b & 0xf)]);
        } else {
            out.extend_from_slice(escape);
        }
        run_start = i + 1;
    }
    out.extend_from_slice(bytes.get(run_start..).unwrap_or_default());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(value: &Value) -> String {
        String::from_utf8(canonical_json(value).unwrap()).unwrap()
    }

    #[test]
    fn sorts_by_utf16_code_units() {
        let v = json!({"\u{fb33}": 1, "\u{1f600}": 2, "\u{e000}": 3, "a": 4, "\u{ffff}": 5});
        assert_eq!(
            text(&v),
            "{\"a\":4,\"\u{1f600}\":2,\"\u{e000}\":3,\"\u{fb33}\":1,\"\u{ffff}\":5}"
        );
        assert_eq!(cmp_utf16("\u{1f600}", "\u{fb33}"), Ordering::Less);
        assert_eq!(cmp_utf16("ab", "a"), Ordering::Greater);
        assert_eq!(cmp_utf16("\u{d7ff}", "\u{1f600}"), Ordering::Less);
        assert_eq!(cmp_utf16("\u{10000}", "\u{1f600}"), Ordering::Less);
        assert_eq!(cmp_utf16("é", "é"), Ordering::Equal);
    }

    #[test]
    fn cmp_utf16_agrees_with_encode_utf16_everywhere() {
        let samples = [
            "",
            "a",
            "ab",
            "é",
            "\u{7ff}",
            "\u{800}",
            "\u{d7ff}",
            "\u{e000}",
            "\u{fb33}",
            "\u{ffff}",
            "\u{10000}",
            "\u{1f600}",
            "\u{10ffff}",
            "a\u{1f600}",
            "a\u{fb33}",
        ];
        for a in samples {
            for b in samples {
                assert_eq!(
                    cmp_utf16(a, b),
                    a.encode_utf16().cmp(b.encode_utf16()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn escapes_minimally() {
        let v = json!("\u{0}\u{1f}\u{7f}\u{2028}\"\\/\u{8}\u{c}\n\r\t€");
        assert_eq!(
            text(&v),
            "\"\\u0000\\u001f\u{7f}\u{2028}\\\"\\\\/\\b\\f\\n\\r\\t€\""
        );
    }

    #[test]
    fn numbers_follow_ecmascript() {
        let v = json!([
            0,
            -0.0,
            1.0,
            -1.5,
            1e21,
            1e20,
            1e-7,
            1e-6,
            u64::MAX,
            i64::MIN,
            9007199254740993u64
        ]);
        assert_eq!(
            text(&v),
            "[0,0,1,-1.5,1e+21,100000000000000000000,1e-7,0.000001,18446744073709552000,-9223372036854776000,9007199254740992]"
        );
    }

    #[test]
    fn canonical_number_refuses_non_finite() {
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(
                canonical_number(x).unwrap_err().kind(),
                ErrorKind::InvalidNumber
            );
        }
        assert_eq!(canonical_number(-0.0).unwrap(), "0");
        assert_eq!(canonical_number(5e-324).unwrap(), "5e-324");
    }

    #[test]
    fn too_deep_values_are_refused_with_path() {
        let mut v = json!(1);
        for _ in 0..129 {
            v = json!({ "k": v });
        }
        let e = canonical_json(&v).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooDeep);
        assert!(e.path().starts_with("$.k.k"), "{}", e.path());
        let mut ok = json!(1);
        for _ in 0..128 {
            ok = json!([ok]);
        }
        assert!(canonical_json(&ok).is_ok());
    }
}
