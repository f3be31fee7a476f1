//! Per-subsystem activity and failure summaries.
//!
//! An entry counts as a **failure** when either
//! - its event name, split on every character that is not an ASCII letter or
//!   digit and lower-cased, has a token among `fail`, `failed`, `failure`,
//!   `failures`, `error`, `errors`, `errored`, `exception`, `timeout`,
//!   `rejected` (`action.failed`, `job_error`, `approval.Rejected` are
//!   failures; `errorless` and `ApprovalRejected` are not: one token each); or
//! - its payload is an object whose `status` is the string `failure`,
//!   `failed` or `error` (ASCII case-insensitive), or whose `ok` is `false`.

use crate::time::Timestamp;
use serde::Serialize;
use serde_json::Value;

const FAILURE_TOKENS: [&str; 10] = [
    "fail",
    "failed",
    "failure",
    "failures",
    "error",
    "errors",
    "errored",
    "exception",
    "timeout",
    "rejected",
];

/// Whether an entry is a failure (see the module doc for the rule).
pub fn is_failure_event(event: &str, payload: &Value) -> bool {
    let by_name = event
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| FAILURE_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(token)));
    by_name
        || match payload {
            Value::Object(map) => {
                let bad_status = map.get("status").and_then(Value::as_str).is_some_and(|s| {
                    ["failure", "failed", "error"]
                        .iter()
                        .any(|f| f.eq_ignore_ascii_case(s))
                });
                bad_status || map.get("ok") == Some(&Value::Bool(false))
            }
            _ => false,
        }
}

/// Activity of one subsystem over the verified entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubsystemSummary {
    /// Well-formed entries from this subsystem.
    pub entries: u64,
    /// Of which failures.
    pub failures: u64,
    /// Sequence number of its first entry.
    pub first_seq: u64,
    /// Sequence number of its last entry.
    pub last_seq: u64,
    /// Its latest (greatest) valid timestamp, in UTC.
    pub last_timestamp: Option<Timestamp>,
    /// Sequence number of its last failure.
    pub last_failure_seq: Option<u64>,
}

impl SubsystemSummary {
    pub(crate) fn new(seq: u64) -> Self {
        SubsystemSummary {
            entries: 0,
            failures: 0,
            first_seq: seq,
            last_seq: seq,
            last_timestamp: None,
            last_failure_seq: None,
        }
    }

    pub(crate) fn record(&mut self, seq: u64, when: Option<Timestamp>, failure: bool) {
        self.entries += 1;
        self.last_seq = seq;
        if let Some(when) = when {
            self.last_timestamp = Some(self.last_timestamp.map_or(when, |t| t.max(when)));
        }
        if failure {
            self.failures += 1;
            self.last_failure_seq = Some(seq);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn failure_rule() {
        assert!(is_failure_event("action.failed", &Value::Null));
        assert!(is_failure_event("job_error", &Value::Null));
        assert!(is_failure_event("approval.Rejected", &Value::Null));
        assert!(!is_failure_event("errorless", &Value::Null));
        assert!(!is_failure_event(
            "action.executed",
            &json!({"status": "success"})
        ));
        assert!(is_failure_event(
            "action.executed",
            &json!({"status": "FAILED"})
        ));
        assert!(is_failure_event("action.executed", &json!({"ok": false})));
        assert!(!is_failure_event(
            "action.executed",
            &json!({"ok": "false"})
        ));
    }
}
