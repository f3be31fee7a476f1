//! RFC 3339 timestamps → unix seconds (Vertex `createTime`), via the shared
//! parser in [`crate::time`]: `T`/`t`/space separator, any fraction (dropped:
//! the result is the floor), `Z` or `±HH:MM`; a leap second `:60` counts as
//! the next second, as unix time does.

use crate::error::Result;
use crate::time::Timestamp;

/// Unix seconds of an RFC 3339 timestamp such as `2025-03-05T12:34:56.123456Z`.
///
/// Errors are [`crate::ErrorKind::InvalidInput`] at path `$` (re-root with
/// [`crate::Error::under`]) saying what is wrong.
pub fn rfc3339_to_unix_seconds(text: &str) -> Result<i64> {
    Timestamp::parse_rfc3339(text, "$").map(Timestamp::unix_seconds)
}
