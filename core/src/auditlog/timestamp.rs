//! RFC 3339 timestamps, parsed by hand (no clock, no date crate).
//!
//! A [`Timestamp`] is an instant: Unix seconds plus nanoseconds, ordered in
//! time. Parsing accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` with
//! `T`/`t` and `Z`/`z`, seconds `00`–`60` (a leap second counts as the next
//! second), and up to 9 fraction digits; anything else is an error naming
//! the path given by the caller. Formatting always produces UTC with `Z`.

use crate::error::{Error, Result};
use serde::{Serialize, Serializer};

/// An instant in time, Unix seconds plus nanoseconds (UTC).
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

    /// Parses an RFC 3339 date-time; errors are `invalid_input` at `path`.
    pub fn parse_rfc3339(text: &str, path: &str) -> Result<Timestamp> {
        parse(text.as_bytes()).ok_or_else(|| {
            Error::invalid_input(
                path,
                format!("{text:?} is not an RFC 3339 date-time (e.g. 2025-10-01T09:14:03Z)"),
            )
        })
    }

    /// Whether `text` is an RFC 3339 date-time in UTC spelled with `Z`.
    pub fn is_utc_z(text: &str) -> bool {
        text.ends_with(['Z', 'z']) && parse(text.as_bytes()).is_some()
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
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0i64, |acc, b| acc * 10 + i64::from(b - b'0')),
    )
}

fn parse(b: &[u8]) -> Option<Timestamp> {
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't')) || b.get(13) != Some(&b':') {
        return None;
    }
    if b.get(16) != Some(&b':') {
        return None;
    }
    let year = digits(b.get(0..4)?)?;
    let month = digits(b.get(5..7)?)?;
    let day = digits(b.get(8..10)?)?;
    let hour = digits(b.get(11..13)?)?;
    let minute = digits(b.get(14..16)?)?;
    let second = digits(b.get(17..19)?)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = b.get(19..)?;
    let mut nanos = 0u32;
    if rest.first() == Some(&b'.') {
        let frac_len = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if frac_len == 0 || frac_len > 9 {
            return None;
        }
        let frac = digits(&rest[1..=frac_len])?;
        nanos = u32::try_from(frac * 10i64.pow(9 - frac_len as u32)).ok()?;
        rest = &rest[1 + frac_len..];
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits(&[*h1, *h2])?;
            let om = digits(&[*m1, *m2])?;
            if oh > 23 || om > 59 {
                return None;
            }
            let magnitude = oh * 3600 + om * 60;
            if *sign == b'+' {
                magnitude
            } else {
                -magnitude
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
    Some(Timestamp { seconds, nanos })
}

pub(crate) fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
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
    fn parses_known_instants() {
        assert_eq!(ts("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(ts("2025-10-01T09:14:03Z").unix_seconds(), 1_759_310_043);
        assert_eq!(ts("2000-02-29T23:59:59z").unix_seconds(), 951_868_799);
        let t = ts("2025-10-01T11:14:03.25+02:00");
        assert_eq!(t.unix_seconds(), 1_759_310_043);
        assert_eq!(t.subsec_nanos(), 250_000_000);
        assert_eq!(ts("1969-12-31T23:59:59Z").unix_seconds(), -1);
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
    fn rejects_malformed() {
        for bad in [
            "",
            "2025-10-01",
            "2025-10-01 09:14:03Z",
            "2025-13-01T09:14:03Z",
            "2025-02-29T09:14:03Z",
            "2025-10-01T24:00:00Z",
            "2025-10-01T09:14:03",
            "2025-10-01T09:14:03.Z",
            "2025-10-01T09:14:03.1234567890Z",
            "2025-10-01T09:14:03+0200",
            "2025-10-01T09:14:03Z ",
            "٢٠٢٥-10-01T09:14:03Z",
        ] {
            let e = Timestamp::parse_rfc3339(bad, "$.when").unwrap_err();
            assert_eq!(e.path(), "$.when", "{bad}");
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
}
