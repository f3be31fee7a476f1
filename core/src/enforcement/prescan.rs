//! Which bodies the bytes fast path may read: serde skips ignored values
//! without every check a full parse makes (lone surrogate escapes, numbers
//! too large for an `f64`), so bodies that contain such text anywhere are
//! left to the `Value` path. UTF-8 is checked separately (`fast`).
//!
//! The same pass applies the core's JSON limits (`json::Limits`: 8 MiB,
//! nesting 128) with `json::check_limits`' own tokenisation: a body over
//! either limit is declined here, so the `Value` path's `json::parse` runs
//! `check_limits` first and reports exactly its error. Scanning once instead
//! of twice is a third of the fast path's time on a 5 KB body.

use crate::json::Limits;

/// Whether serde's skipping of ignored values would accept only what a full
/// parse accepts: no `\uD800`–`\uDFFF` escapes (a full parse rejects lone
/// surrogates) and no number that could overflow an `f64` (more than 200
/// characters, or an exponent of three or more digits), and within the
/// default JSON limits. Conservative: a body that fails this simply takes
/// the `Value` path.
pub(crate) fn skipped_parts_are_plain(body: &[u8]) -> bool {
    let limits = Limits::default();
    if body.len() > limits.max_bytes {
        return false;
    }
    let mut depth = 0usize;
    let mut number_len = 0usize;
    let mut exponent_digits: Option<usize> = None;
    let mut i = 0;
    while let Some(&byte) = body.get(i) {
        if byte == b'"' {
            // Jump through the string to its closing quote (most of a body).
            match string_end(body, i + 1) {
                Some(end) => i = end,
                None => return false,
            }
            number_len = 0;
            exponent_digits = None;
            continue;
        }
        match byte {
            b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' => {
                number_len += 1;
                if matches!(byte, b'e' | b'E') && number_len > 1 {
                    exponent_digits = Some(0);
                } else if let (Some(n), b'0'..=b'9') = (exponent_digits.as_mut(), byte) {
                    *n += 1;
                }
                if number_len > 200 || exponent_digits.is_some_and(|n| n >= 3) {
                    return false;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > limits.max_depth {
                    return false;
                }
                number_len = 0;
                exponent_digits = None;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                number_len = 0;
                exponent_digits = None;
            }
            _ => {
                number_len = 0;
                exponent_digits = None;
            }
        }
        i += 1;
    }
    true
}

/// The index after the string starting at `from` (just past its opening
/// quote), or `None` if it holds a surrogate escape (or never ends: the
/// parser reports that).
fn string_end(body: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', body.get(from..)?)?;
        if body.get(at) == Some(&b'"') {
            return Some(at + 1);
        }
        let escape = body.get(at + 1..at + 4).unwrap_or_default();
        if let [b'u', b'd' | b'D', b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'] = escape {
            return None;
        }
        from = at + 2;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn nesting_past_the_limit_is_declined_like_check_limits() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(plain(nested(128).as_bytes()));
        assert!(!plain(nested(129).as_bytes()));
        // Brackets inside strings (with escaped quotes) do not nest.
        let text = format!("[\"\\\"{}\"]", "[".repeat(300));
        assert!(plain(text.as_bytes()));
        assert!(crate::json::check_limits(text.as_bytes(), Default::default()).is_ok());
    }

    use super::skipped_parts_are_plain as plain;

    #[test]
    fn ordinary_json_is_plain() {
        assert!(plain(
            br#"{"a":[true,false,null,-1.5e-7,12,"x\"\\u00e9\n"],"b":1E+99}"#
        ));
        assert!(plain(
            br#"{"emoji":"\u0041","e":"1e400 in a string is text"}"#
        ));
    }

    #[test]
    fn surrogates_and_huge_numbers_are_not() {
        assert!(!plain(br#"{"a":"\ud83d\ude00"}"#));
        assert!(!plain(br#"{"a":"\uDC00"}"#));
        assert!(!plain(br#"{"a":1e400}"#));
        assert!(!plain(br#"{"a":-2E-0400}"#));
        assert!(!plain(format!("[{}]", "9".repeat(201)).as_bytes()));
        assert!(plain(format!("[{}]", "9".repeat(200)).as_bytes()));
    }
}
