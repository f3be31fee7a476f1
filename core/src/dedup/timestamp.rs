//! Timestamps given as parameters (the core has no clock) and their UTC hour
//! `YYYYMMDDHH`, with the proleptic Gregorian calendar conversions written
//! out (Howard Hinnant's `days_from_civil` / `civil_from_days`).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// A point in time: RFC 3339 text (`2026-11-21T23:05:00+01:00`) or Unix
/// seconds. JSON form: the string or the integer itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Timestamp {
    /// Unix seconds (UTC, leap seconds not counted, as POSIX time).
    UnixSeconds(i64),
    /// RFC 3339 date-time: `T`/`t`/space separator, optional fraction,
    /// `Z`/`z` or a `±HH:MM` offset. A leap second (`:60`) is accepted.
    Rfc3339(String),
}

impl From<i64> for Timestamp {
    fn from(seconds: i64) -> Self {
        Timestamp::UnixSeconds(seconds)
    }
}

impl From<&str> for Timestamp {
    fn from(text: &str) -> Self {
        Timestamp::Rfc3339(text.to_owned())
    }
}

impl Timestamp {
    /// Unix seconds of this timestamp (the fraction is dropped; a leap
    /// second counts as the second before it).
    pub fn unix_seconds(&self) -> Result<i64> {
        match self {
            Timestamp::UnixSeconds(s) => Ok(*s),
            Timestamp::Rfc3339(text) => parse_rfc3339(text),
        }
    }

    /// The UTC hour `YYYYMMDDHH` (years 0000–9999).
    pub fn utc_hour(&self) -> Result<String> {
        let seconds = self.unix_seconds()?;
        let days = seconds.div_euclid(86_400);
        let hour = seconds.rem_euclid(86_400) / 3_600;
        let (year, month, day) = civil_from_days(days);
        if !(0..=9999).contains(&year) {
            return Err(Error::invalid_input(
                "$",
                format!("year {year} is outside 0000-9999"),
            ));
        }
        Ok(format!("{year:04}{month:02}{day:02}{hour:02}"))
    }
}

fn parse_rfc3339(text: &str) -> Result<i64> {
    let bad = |why: &str| {
        Error::invalid_input("$", format!("{text:?} is not an RFC 3339 date-time: {why}"))
    };
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    };
    let punct = |i: usize, allowed: &[u8]| b.get(i).is_some_and(|c| allowed.contains(c));
    let shape =
        punct(4, b"-") && punct(7, b"-") && punct(10, b"Tt ") && punct(13, b":") && punct(16, b":");
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        num(0..4),
        num(5..7),
        num(8..10),
        num(11..13),
        num(14..16),
        num(17..19),
    ) else {
        return Err(bad("expected YYYY-MM-DDTHH:MM:SS"));
    };
    if !shape {
        return Err(bad("expected YYYY-MM-DDTHH:MM:SS"));
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(bad("no such date"));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(bad("no such time of day"));
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let digits = b
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 {
            return Err(bad("empty fraction"));
        }
        i += 1 + digits;
    }
    let offset_minutes = match b.get(i..) {
        Some(b"Z" | b"z") => 0,
        Some([sign @ (b'+' | b'-'), ..]) if b.len() == i + 6 && punct(i + 3, b":") => {
            let (Some(oh), Some(om)) = (num(i + 1..i + 3), num(i + 4..i + 6)) else {
                return Err(bad("invalid offset"));
            };
            if oh > 23 || om > 59 {
                return Err(bad("invalid offset"));
            }
            let minutes = oh * 60 + om;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        _ => return Err(bad("expected Z or an offset ±HH:MM")),
    };
    let second = second.min(59);
    let local = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Ok(local - offset_minutes * 60)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
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

    fn hour(t: impl Into<Timestamp>) -> String {
        t.into().utc_hour().unwrap()
    }

    #[test]
    fn known_hours() {
        assert_eq!(hour(0), "1970010100");
        assert_eq!(hour(-1), "1969123123");
        assert_eq!(hour(951_782_400), "2000022900");
        assert_eq!(hour(1_763_766_300), "2025112123");
        assert_eq!(hour("2025-11-21T23:05:00Z"), "2025112123");
        assert_eq!(hour("2025-11-22T00:05:00.123456+01:00"), "2025112123");
        assert_eq!(hour("2025-11-21 18:35:00-04:30"), "2025112123");
        assert_eq!(hour("2016-12-31T23:59:60Z"), "2016123123");
        assert_eq!(hour("0000-01-01T00:00:00Z"), "0000010100");
        assert_eq!(hour("9999-12-31T23:59:59z"), "9999123123");
    }

    #[test]
    fn civil_round_trip_over_a_wide_range() {
        for days in (-800_000..800_000).step_by(7) {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn bad_timestamps_are_errors() {
        for text in [
            "",
            "2025-11-21",
            "2025-11-21T23:05:00",
            "2025-02-29T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-11-21T24:00:00Z",
            "2025-11-21T23:05:00+0100",
            "2025-11-21T23:05:00.Z",
            "2025/11/21T23:05:00Z",
            "2025-11-21T23:05:00Zjunk",
            "+2025-11-21T23:05:00Z",
            "2025-11-21T23:05:00+24:00",
        ] {
            assert!(Timestamp::from(text).utc_hour().is_err(), "{text:?}");
        }
        assert!(Timestamp::UnixSeconds(i64::MAX / 2).utc_hour().is_err());
        assert!(Timestamp::UnixSeconds(-62_167_219_201).utc_hour().is_err());
    }
}
