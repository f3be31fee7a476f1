//! Timestamps given as parameters (the core has no clock) and their UTC hour
//! `YYYYMMDDHH`; parsing and the calendar are the shared [`crate::time`].

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
    /// second is the same instant as the following second).
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
        let (year, month, day) = crate::time::civil_from_days(days);
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
    crate::time::Timestamp::parse_rfc3339(text, "$").map(crate::time::Timestamp::unix_seconds)
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
        // A leap second is the same instant as the next second (POSIX time).
        assert_eq!(hour("2016-12-31T23:59:60Z"), "2017010100");
        assert_eq!(hour("0000-01-01T00:00:00Z"), "0000010100");
        assert_eq!(hour("9999-12-31T23:59:59z"), "9999123123");
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
