//! Time as data: RFC 3339 parsing and formatting and the proleptic Gregorian
//! calendar, shared by every module (the core has no clock: instants arrive
//! as parameters and are parsed here).
//!
//! Grammar accepted (RFC 3339 §5.6 `date-time`):
//! `YYYY-MM-DD(T|t| )HH:MM:SS[.fraction](Z|z|±HH:MM)`. The space separator is
//! the one RFC 3339 permits "for readability"; the fraction has one or more
//! digits (kept to nanoseconds, further digits truncated). Calendar rules are
//! checked (month lengths, leap years). A leap second `:60` is accepted and
//! is the same instant as the following second, as POSIX time counts it.
//! Formatting always produces UTC with `Z` and the shortest fraction.

use crate::error::{Error, Result};
use serde::{Serialize, Serializer};

/// An instant in time: Unix seconds plus nanoseconds (UTC), ordered in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

impl Timestamp {
    /// An instant from Unix seconds and nanoseconds (`nanos` < 10⁹, else `None`).
    pub fn from_unix(seconds: i64, nanos: u32) -> Option<Timestamp> {
        (nanos < 1_000_000_000).then_some(Timestamp { seconds, nanos })
    }

    /// Unix seconds (floor).
    pub fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// Nanoseconds within the second.
    pub fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// Milliseconds from `earlier` to `self`, negative when `self` is earlier.
    pub fn millis_since(self, earlier: Timestamp) -> i128 {
        let a = i128::from(self.seconds) * 1_000_000_000 + i128::from(self.nanos);
        let b = i128::from(earlier.seconds) * 1_000_000_000 + i128::from(earlier.nanos);
        (a - b).div_euclid(1_000_000)
    }

    /// Parses an RFC 3339 date-time; errors are `invalid_input` at `path`,
    /// saying what is wrong.
    pub fn parse_rfc3339(text: &str, path: &str) -> Result<Timestamp> {
        parse(text.as_bytes()).map_err(|why| {
            Error::invalid_input(
                path,
                format!("{text:?} is not an RFC 3339 date-time ({why}; e.g. 2025-10-01T09:14:03Z)"),
            )
        })
    }

    /// Whether `text` is an RFC 3339 date-time in UTC spelled with `Z`.
    pub fn is_utc_z(text: &str) -> bool {
        text.ends_with(['Z', 'z']) && parse(text.as_bytes()).is_ok()
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (fraction without trailing zeros).
    pub fn to_rfc3339(self) -> String {
        let days = self.seconds.div_euclid(86_400);
        let secs = self.seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        let mut out = format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs % 3600 / 60,
            secs % 60
        );
        if self.nanos > 0 {
            let frac = format!("{:09}", self.nanos);
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        out.push('Z');
        out
    }

    /// The UTC calendar date and hour: `(year, month, day, hour)`.
    pub fn utc_date_hour(self) -> (i64, i64, i64, i64) {
        let (year, month, day) = civil_from_days(self.seconds.div_euclid(86_400));
        (year, month, day, self.seconds.rem_euclid(86_400) / 3_600)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

type Why = &'static str;

fn parse(b: &[u8]) -> std::result::Result<Timestamp, Why> {
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
    let mut nanos = 0u32;
    if b.get(pos) == Some(&b'.') {
        let start = pos + 1;
        pos = start;
        while let Some(&c) = b.get(pos).filter(|c| c.is_ascii_digit()) {
            if pos - start < 9 {
                nanos = nanos * 10 + u32::from(c - b'0');
            }
            pos += 1;
        }
        match pos - start {
            0 => return Err("empty fraction"),
            n if n < 9 => nanos *= 10u32.pow((9 - n) as u32),
            _ => {}
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
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    Ok(Timestamp { seconds, nanos })
}

fn digits(b: &[u8], start: usize, len: usize) -> std::result::Result<i64, Why> {
    let slice = b.get(start..start + len).ok_or("truncated")?;
    slice.iter().try_fold(0i64, |acc, &c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + i64::from(c - b'0'))
        } else {
            Err("expected a digit")
        }
    })
}

fn expect(b: &[u8], at: usize, c: u8) -> std::result::Result<(), Why> {
    match b.get(at) {
        Some(&x) if x == c => Ok(()),
        _ => Err("unexpected character"),
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian `(year, month, day)` of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse_rfc3339(text, "$.t").unwrap()
    }

    #[test]
    fn known_instants() {
        let cases = [
            ("1970-01-01T00:00:00Z", 0),
            ("1969-12-31T23:59:59Z", -1),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2000-02-29T23:59:59z", 951_868_799),
            ("2025-10-01T09:14:03Z", 1_759_310_043),
            ("2025-10-01T11:14:03.25+02:00", 1_759_310_043),
            ("2025-03-05T12:34:56.123456Z", 1_741_178_096),
            ("2025-03-05T12:34:56.9999999999Z", 1_741_178_096),
            ("2025-03-05T07:04:56-05:30", 1_741_178_096),
            ("2025-03-05t12:34:56z", 1_741_178_096),
            ("2025-03-05 12:34:56Z", 1_741_178_096),
            ("2016-12-31T23:59:60Z", 1_483_228_800),
            ("0001-01-01T00:00:00Z", -62_135_596_800),
            ("9999-12-31T23:59:59Z", 253_402_300_799),
        ];
        for (text, expected) in cases {
            assert_eq!(ts(text).unix_seconds(), expected, "{text}");
        }
        assert_eq!(
            ts("2025-10-01T11:14:03.25+02:00").subsec_nanos(),
            250_000_000
        );
        assert_eq!(
            ts("2025-03-05T12:34:56.9999999999Z").subsec_nanos(),
            999_999_999
        );
    }

    #[test]
    fn rejects_malformed_naming_the_path() {
        for bad in [
            "",
            "2025-10-01",
            "2025-10-01T09:14:03",
            "2025-10-01T09:14:03.Z",
            "2025-02-29T09:14:03Z",
            "1900-02-29T00:00:00Z",
            "2025-13-01T09:14:03Z",
            "2025-00-10T00:00:00Z",
            "2025-04-31T00:00:00Z",
            "2025-10-01T24:00:00Z",
            "2025-03-05T12:60:00Z",
            "2025-03-05T12:34:61Z",
            "2025-10-01T09:14:03+0200",
            "2025-03-05T12:34:56+24:00",
            "2025-10-01T09:14:03Z ",
            "2025-03-05T12:34:56Zjunk",
            "2025/03/05T12:34:56Z",
            "+025-03-05T12:34:56Z",
            "٢٠٢٥-10-01T09:14:03Z",
            "２０２５-03-05T12:34:56Z",
        ] {
            let e = Timestamp::parse_rfc3339(bad, "$.when").unwrap_err();
            assert_eq!(e.path(), "$.when", "{bad}");
            assert!(e.message().contains("RFC 3339"), "{bad}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for text in [
            "2025-10-01T09:14:03Z",
            "1999-12-31T23:59:59.123Z",
            "1960-03-01T00:00:00Z",
        ] {
            assert_eq!(ts(text).to_rfc3339(), text);
        }
    }

    #[test]
    fn orders_by_instant_not_text() {
        assert!(ts("2025-10-01T10:00:00+02:00") < ts("2025-10-01T09:00:00Z"));
        assert_eq!(
            ts("2025-10-01T09:00:01Z").millis_since(ts("2025-10-01T09:00:00.5Z")),
            500
        );
    }

    #[test]
    fn calendar_matches_a_day_by_day_walk() {
        let mut days = 0i64;
        for year in 1970..2101 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    assert_eq!(days_from_civil(year, month, day), days);
                    assert_eq!(civil_from_days(days), (year, month, day));
                    days += 1;
                }
            }
        }
    }
}
