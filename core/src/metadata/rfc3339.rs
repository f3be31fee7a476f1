//! RFC 3339 timestamps → unix seconds, without a clock or a date crate.
//!
//! Accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (RFC 3339 §5.6; `t`/`z`
//! and a space separator are accepted, as the RFC permits). Calendar rules
//! are checked (month lengths, leap years); a leap second `:60` is accepted
//! and counts as the next second, as unix time does. Fractions are dropped
//! (the result is the floor, so `…:56.9Z` → `…:56`).

use crate::error::{Error, Result};

/// Unix seconds of an RFC 3339 timestamp such as `2025-03-05T12:34:56.123456Z`.
///
/// Errors are [`crate::ErrorKind::InvalidInput`] at path `$` (re-root with
/// [`Error::under`]) saying what is wrong.
pub fn rfc3339_to_unix_seconds(text: &str) -> Result<i64> {
    parse(text.as_bytes()).map_err(|why| {
        Error::invalid_input("$", format!("not an RFC 3339 timestamp ({why}): {text:?}"))
    })
}

fn parse(b: &[u8]) -> std::result::Result<i64, &'static str> {
    if b.len() < 20 {
        return Err("too short");
    }
    let year = digits(b, 0, 4)?;
    expect(b, 4, b'-')?;
    let month = digits(b, 5, 2)?;
    expect(b, 7, b'-')?;
    let day = digits(b, 8, 2)?;
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
        return Err("expected 'T' between date and time");
    }
    let hour = digits(b, 11, 2)?;
    expect(b, 13, b':')?;
    let minute = digits(b, 14, 2)?;
    expect(b, 16, b':')?;
    let second = digits(b, 17, 2)?;
    let mut pos = 19;
    if b.get(pos) == Some(&b'.') {
        let start = pos + 1;
        pos = start;
        while b.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        if pos == start {
            return Err("empty fraction");
        }
    }
    let offset_seconds = match b.get(pos) {
        Some(b'Z' | b'z') if pos + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if pos + 6 == b.len() => {
            let oh = digits(b, pos + 1, 2)?;
            expect(b, pos + 3, b':')?;
            let om = digits(b, pos + 4, 2)?;
            if oh > 23 || om > 59 {
                return Err("offset out of range");
            }
            let magnitude = oh * 3600 + om * 60;
            if *sign == b'+' {
                magnitude
            } else {
                -magnitude
            }
        }
        _ => return Err("expected 'Z' or a ±HH:MM offset at the end"),
    };
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("day out of range");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("time out of range");
    }
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds)
}

fn digits(b: &[u8], start: usize, len: usize) -> std::result::Result<i64, &'static str> {
    let slice = b.get(start..start + len).ok_or("truncated")?;
    slice.iter().try_fold(0i64, |acc, &c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + i64::from(c - b'0'))
        } else {
            Err("expected a digit")
        }
    })
}

fn expect(b: &[u8], at: usize, c: u8) -> std::result::Result<(), &'static str> {
    match b.get(at) {
        Some(&x) if x == c => Ok(()),
        _ => Err("unexpected character"),
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        let cases = [
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59Z", -1),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2024-05-13T18:30:00Z", 1_715_625_000),
            ("2025-03-05T12:34:56.123456Z", 1_741_178_096),
            ("2025-03-05T12:34:56.999999999Z", 1_741_178_096),
            ("2025-03-05T14:34:56+02:00", 1_741_178_096),
            ("2025-03-05T07:04:56-05:30", 1_741_178_096),
            ("2025-03-05t12:34:56z", 1_741_178_096),
            ("2025-03-05 12:34:56Z", 1_741_178_096),
            ("2016-12-31T23:59:60Z", 1_483_228_800),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
        ];
        for (text, expected) in cases {
            assert_eq!(rfc3339_to_unix_seconds(text).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn rejects_malformed() {
        for text in [
            "",
            "2025-03-05",
            "2025-03-05T12:34:56",
            "2025-03-05T12:34:56.Z",
            "2025-02-29T00:00:00Z",
            "1900-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-00-10T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-03-05T24:00:00Z",
            "2025-03-05T12:60:00Z",
            "2025-03-05T12:34:61Z",
            "2025-03-05T12:34:56+0200",
            "2025-03-05T12:34:56+24:00",
            "2025-03-05T12:34:56Zjunk",
            "2025/03/05T12:34:56Z",
            "+025-03-05T12:34:56Z",
            "2025-03-05T12:34:56ZZ",
            "２０２５-03-05T12:34:56Z",
        ] {
            let e = rfc3339_to_unix_seconds(text).unwrap_err();
            assert_eq!(e.path(), "$", "{text}");
            assert!(e.message().contains("RFC 3339"), "{text}");
        }
    }

    #[test]
    fn days_from_civil_matches_day_by_day_walk() {
        let mut days = 0i64;
        for year in 1970..2101 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    days += 1;
                }
            }
        }
    }
}
