//! A strict JSON text parser for canonicalisation.
//!
//! Why not `serde_json::from_slice` (or a custom serde visitor over it)?
//! - Duplicate keys: a parsed map has already dropped all but the last
//!   value; RFC 8785 input with `{"a":1,"a":2}` must be an error, with the
//!   path of the duplicate.
//! - Numbers: serde_json's default float parser is not guaranteed to be
//!   correctly rounded (exactness needs its `float_roundtrip` feature, which a
//!   workspace cannot turn off once any crate turns it on, or rely on being
//!   on). Canonical bytes must not depend on that, so every non-integer
//!   number goes through `f64::from_str`, which is correctly rounded, and a
//!   number that rounds to infinity (`1e400`) is an error, not a silent
//!   `null` or a generic message.
//! - Strings: lone or reversed surrogate escapes (`"\ud800"`,
//!   `"\udc00\ud800"`) are [`ErrorKind::InvalidString`] naming the path.
//! - Errors name the `$`-rooted path of the value at fault plus line and
//!   column, which a visitor over serde_json cannot report for keys.
//!
//! Limits: input size and nesting depth as in [`crate::json::Limits`]
//! (8 MiB, 128 nested arrays/objects by default). Recursion is bounded by the
//! depth limit, so deep input cannot overflow the stack.

use super::path::Frame;
use crate::error::{Error, ErrorKind, Result};
use crate::json::Limits;
use serde_json::{Map, Number, Value};

/// Parses JSON text strictly under the default [`Limits`]: duplicate keys,
/// lone surrogates and numbers overflowing to infinity are errors.
pub fn parse_strict(bytes: &[u8]) -> Result<Value> {
    parse_strict_with_limits(bytes, Limits::default())
}

/// [`parse_strict`] under explicit limits.
pub fn parse_strict_with_limits(bytes: &[u8], limits: Limits) -> Result<Value> {
    crate::json::check_size(bytes, limits)?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::InvalidJson,
            "$",
            format!("input is not UTF-8 (at byte {})", e.valid_up_to()),
        )
    })?;
    let mut parser = Parser {
        text,
        bytes,
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth,
    };
    let root = Frame::ROOT;
    parser.skip_whitespace();
    let value = parser.value(&root)?;
    parser.skip_whitespace();
    if parser.pos != bytes.len() {
        return Err(parser.error(ErrorKind::InvalidJson, &root, "trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, kind: ErrorKind, frame: &Frame<'_>, what: &str) -> Error {
        let before = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = 1 + self.pos - line_start;
        Error::new(
            kind,
            frame.path(),
            format!("{what} at line {line} column {column}"),
        )
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, literal: &str, value: Value, frame: &Frame<'_>) -> Result<Value> {
        if self.bytes.get(self.pos..self.pos + literal.len()) == Some(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(value)
        } else {
            Err(self.error(ErrorKind::InvalidJson, frame, "expected a JSON value"))
        }
    }

    fn value(&mut self, frame: &Frame<'_>) -> Result<Value> {
        match self.peek() {
            Some(b'{') => self.object(frame),
            Some(b'[') => self.array(frame),
            Some(b'"') => Ok(Value::String(self.string(frame)?)),
            Some(b't') => self.expect_literal("true", Value::Bool(true), frame),
            Some(b'f') => self.expect_literal("false", Value::Bool(false), frame),
            Some(b'n') => self.expect_literal("null", Value::Null, frame),
            Some(b'-' | b'0'..=b'9') => self.number(frame),
            Some(_) => Err(self.error(ErrorKind::InvalidJson, frame, "expected a JSON value")),
            None => Err(self.error(ErrorKind::InvalidJson, frame, "unexpected end of input")),
        }
    }

    fn enter(&mut self, frame: &Frame<'_>) -> Result<()> {
        self.depth += 1;
        if self.depth > self.max_depth {
            let what = format!("nesting deeper than {} levels", self.max_depth);
            return Err(self.error(ErrorKind::TooDeep, frame, &what));
        }
        self.pos += 1;
        self.skip_whitespace();
        Ok(())
    }

    fn object(&mut self, frame: &Frame<'_>) -> Result<Value> {
        self.enter(frame)?;
        let mut map = Map::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(map));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.error(ErrorKind::InvalidJson, frame, "expected a string key"));
            }
            let key = self.string(frame)?;
            let child = frame.key(&key);
            if map.contains_key(&key) {
                return Err(self.error(ErrorKind::DuplicateKey, &child, "duplicate object key"));
            }
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error(ErrorKind::InvalidJson, &child, "expected ':'"));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(&child)?;
            map.insert(key, value);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(map));
                }
                _ => return Err(self.error(ErrorKind::InvalidJson, frame, "expected ',' or '}'")),
            }
        }
    }

    fn array(&mut self, frame: &Frame<'_>) -> Result<Value> {
        self.enter(frame)?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            let child = frame.index(items.len());
            items.push(self.value(&child)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error(ErrorKind::InvalidJson, frame, "expected ',' or ']'")),
            }
        }
    }

    /// Parses a string starting at its opening quote. Runs between escapes
    /// are copied as `&str` slices: the whole input was validated as UTF-8
    /// and every run boundary is next to an ASCII byte, so a boundary is
    /// always a char boundary (`str::get` still checks it).
    fn string(&mut self, frame: &Frame<'_>) -> Result<String> {
        self.pos += 1;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            // memchr finds the next quote/backslash fast; a control byte
            // before it (rare, always an error) is then looked for in the run.
            let stop = memchr::memchr2(b'"', b'\\', rest).map(|end| {
                let run = rest.get(..end).unwrap_or_default();
                run.iter().position(|&b| b < 0x20).unwrap_or(end)
            });
            let Some(offset) = stop else {
                self.pos = self.bytes.len();
                return Err(self.error(ErrorKind::InvalidJson, frame, "unterminated string"));
            };
            self.pos += offset;
            out.push_str(self.slice(run_start, self.pos, frame)?);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.escape(&mut out, frame)?;
                    run_start = self.pos;
                }
                _ => {
                    let what = "unescaped control character in string";
                    return Err(self.error(ErrorKind::InvalidJson, frame, what));
                }
            }
        }
    }

    fn slice(&self, start: usize, end: usize, frame: &Frame<'_>) -> Result<&'a str> {
        self.text
            .get(start..end)
            .ok_or_else(|| self.error(ErrorKind::InvalidJson, frame, "invalid UTF-8 boundary"))
    }

    fn escape(&mut self, out: &mut String, frame: &Frame<'_>) -> Result<()> {
        let Some(&code) = self.bytes.get(self.pos + 1) else {
            return Err(self.error(ErrorKind::InvalidJson, frame, "unterminated escape"));
        };
        self.pos += 2;
        let simple = match code {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(out, frame),
            _ => return Err(self.error(ErrorKind::InvalidJson, frame, "invalid escape")),
        };
        out.push(simple);
        Ok(())
    }

    /// `\uXXXX`, pairing a high surrogate with the `\uXXXX` low surrogate
    /// that must follow it; anything else involving surrogates is an error.
    fn unicode_escape(&mut self, out: &mut String, frame: &Frame<'_>) -> Result<()> {
        let first = self.hex4(frame)?;
        let code = match first {
            0xD800..=0xDBFF => {
                let pair_follows = self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u");
                if !pair_follows {
                    return Err(self.error(ErrorKind::InvalidString, frame, "lone high surrogate"));
                }
                self.pos += 2;
                let second = self.hex4(frame)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    let what = "high surrogate not followed by a low surrogate";
                    return Err(self.error(ErrorKind::InvalidString, frame, what));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                let what = "lone (or reversed) low surrogate";
                return Err(self.error(ErrorKind::InvalidString, frame, what));
            }
            other => other,
        };
        let c = char::from_u32(code)
            .ok_or_else(|| self.error(ErrorKind::InvalidString, frame, "invalid code point"))?;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self, frame: &Frame<'_>) -> Result<u32> {
        let digits = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        let Some(value) = digits else {
            return Err(self.error(ErrorKind::InvalidJson, frame, "invalid \\u escape"));
        };
        self.pos += 4;
        Ok(value)
    }

    /// JSON number grammar; integers that fit `i64`/`u64` stay integers,
    /// everything else becomes the correctly rounded `f64`.
    fn number(&mut self, frame: &Frame<'_>) -> Result<Value> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error(ErrorKind::InvalidJson, frame, "invalid number")),
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            integral = false;
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(ErrorKind::InvalidJson, frame, "invalid number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            integral = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(ErrorKind::InvalidJson, frame, "invalid number"));
            }
            self.digits();
        }
        let text = self.slice(start, self.pos, frame)?;
        if integral {
            if let Ok(n) = text.parse::<i64>() {
                return Ok(Value::Number(n.into()));
            }
            if let Ok(n) = text.parse::<u64>() {
                return Ok(Value::Number(n.into()));
            }
        }
        let float = text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .ok_or_else(|| {
                let what = format!("number {text} is not a finite IEEE-754 double");
                self.error(ErrorKind::InvalidNumber, frame, &what)
            })?;
        Ok(Value::Number(float))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }
}
