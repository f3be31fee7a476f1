//! `Retry-After` / `retry-after-ms` header values → milliseconds to wait.
//!
//! - `retry-after-ms`: a non-negative decimal number of milliseconds
//!   (OpenAI's non-standard header), checked first;
//! - `Retry-After` delta-seconds: a non-negative decimal number of seconds
//!   (RFC 9110 says digits only; fractions are accepted as OpenAI's SDK does);
//! - `Retry-After` HTTP-date in IMF-fixdate form only
//!   (`Sun, 06 Nov 1994 08:49:37 GMT`); the wait is the date minus `now`,
//!   0 when the date has passed. The obsolete RFC 850 and asctime forms are
//!   not accepted.
//!
//! Values that match none of these forms are treated as absent (a garbled
//! header must not break the retry path); fractional milliseconds round up.

use crate::auditlog::Timestamp;
use crate::error::{Error, Result};

/// Milliseconds to wait from a `retry-after-ms` and/or `Retry-After` header
/// value; `now` is needed only for the HTTP-date form (without it that form
/// is `invalid_input` at `$.now`).
pub fn retry_after_millis(
    retry_after_ms: Option<&str>,
    retry_after: Option<&str>,
    now: Option<Timestamp>,
) -> Result<Option<u64>> {
    if let Some(ms) = retry_after_ms.and_then(parse_decimal) {
        return Ok(Some(to_millis(ms)));
    }
    let Some(text) = retry_after.map(str::trim) else {
        return Ok(None);
    };
    if let Some(seconds) = parse_decimal(text) {
        return Ok(Some(to_millis(seconds * 1000.0)));
    }
    let Some(date) = parse_imf_fixdate(text) else {
        return Ok(None);
    };
    let now = now.ok_or_else(|| {
        Error::invalid_input(
            "$.now",
            "Retry-After is an HTTP-date: the current time is needed to turn it into a delay",
        )
    })?;
    let wait = date.millis_since(now).max(0);
    Ok(Some(u64::try_from(wait).unwrap_or(u64::MAX)))
}

fn to_millis(ms: f64) -> u64 {
    // `as` saturates for large values; parse_decimal guarantees ms ≥ 0.
    ms.ceil() as u64
}

/// A non-negative decimal (`120`, `1.5`), else `None`.
fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let valid = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && text.bytes().filter(|&b| b == b'.').count() <= 1
        && text.bytes().any(|b| b.is_ascii_digit());
    valid
        .then(|| text.parse::<f64>().ok())
        .flatten()
        .filter(|v| v.is_finite())
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parses `Sun, 06 Nov 1994 08:49:37 GMT` (exact layout, case-sensitive
/// names as RFC 9110 §5.6.7 requires).
pub fn parse_imf_fixdate(text: &str) -> Option<Timestamp> {
    let b = text.as_bytes();
    if b.len() != 29 || &b[3..5] != b", " || &b[25..] != b" GMT" {
        return None;
    }
    if b[7] != b' ' || b[11] != b' ' || b[16] != b' ' || b[19] != b':' || b[22] != b':' {
        return None;
    }
    let day_name = std::str::from_utf8(&b[0..3]).ok()?;
    let weekday = DAYS.iter().position(|d| *d == day_name)?;
    let month_name = std::str::from_utf8(&b[8..11]).ok()?;
    let month = MONTHS.iter().position(|m| *m == month_name)? as i64 + 1;
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = &b[r];
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0i64, |a, d| a * 10 + i64::from(d - b'0')))
    };
    let (day, year) = (num(5..7)?, num(12..16)?);
    let (hour, minute, second) = (num(17..19)?, num(20..22)?, num(23..25)?);
    let days_in_month = crate::time::days_in_month(year, month);
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let days = crate::time::days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday (index 3 with Monday = 0).
    if (days + 3).rem_euclid(7) as usize != weekday {
        return None;
    }
    Timestamp::from_unix(days * 86_400 + hour * 3600 + minute * 60 + second, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        Timestamp::parse_rfc3339("1994-11-06T08:49:00Z", "$").unwrap()
    }

    #[test]
    fn imf_fixdate_parses_and_checks_weekday() {
        let t = parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(t.unix_seconds(), 784_111_777);
        assert!(parse_imf_fixdate("Mon, 06 Nov 1994 08:49:37 GMT").is_none());
        assert!(parse_imf_fixdate("Sunday, 06-Nov-94 08:49:37 GMT").is_none());
        assert!(parse_imf_fixdate("Sun, 06 Nov 1994 08:49:37 UTC").is_none());
        assert!(parse_imf_fixdate("Sun, 31 Nov 1994 08:49:37 GMT").is_none());
    }

    #[test]
    fn header_forms() {
        let f = |ms: Option<&str>, ra: Option<&str>| retry_after_millis(ms, ra, Some(now()));
        assert_eq!(f(None, Some("120")).unwrap(), Some(120_000));
        assert_eq!(f(None, Some(" 1.5 ")).unwrap(), Some(1_500));
        assert_eq!(f(Some("250.2"), Some("120")).unwrap(), Some(251));
        assert_eq!(
            f(None, Some("Sun, 06 Nov 1994 08:49:37 GMT")).unwrap(),
            Some(37_000)
        );
        assert_eq!(
            f(None, Some("Sun, 06 Nov 1994 08:48:00 GMT")).unwrap(),
            Some(0)
        );
        assert_eq!(f(None, Some("-5")).unwrap(), None);
        assert_eq!(f(None, Some("soon")).unwrap(), None);
        assert_eq!(f(Some("x"), None).unwrap(), None);
        assert_eq!(f(None, None).unwrap(), None);
    }

    #[test]
    fn http_date_without_now_is_an_error() {
        let e = retry_after_millis(None, Some("Sun, 06 Nov 1994 08:49:37 GMT"), None).unwrap_err();
        assert_eq!(e.path(), "$.now");
    }
}
