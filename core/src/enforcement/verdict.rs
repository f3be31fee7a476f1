//! The truth table: requested mode × successful × attempted searches → verdict.
//!
//! | requested_mode | successful | attempted | status | enforcement_passed | error_code |
//! |---|---|---|---|---|---|
//! | REQUIRED | ≥1 | any | ok | true | — |
//! | REQUIRED | 0 | any | failed | false | `no_tool_call_in_required` (hard) / `no_tool_call_in_soft_required` (soft) |
//! | UNGROUNDED | 0 | 0 | ok | true | — |
//! | UNGROUNDED | any | ≥1 | failed | false | `tool_used_in_ungrounded` |
//! | PREFERRED | any | any | ok | true | — |

use super::mode::{EnforcementMode, RequestedMode};
use serde::{Deserialize, Serialize};

/// Run status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The run obeyed its requested mode.
    Ok,
    /// The run violated its requested mode.
    Failed,
}

impl Status {
    /// The wire name, `"ok"` or `"failed"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
        }
    }
}

/// Why a run failed enforcement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnforcementErrorCode {
    /// REQUIRED, hard enforcement, no successful search.
    NoToolCallInRequired,
    /// REQUIRED, soft enforcement, no successful search.
    NoToolCallInSoftRequired,
    /// UNGROUNDED, but a search was attempted.
    ToolUsedInUngrounded,
}

impl EnforcementErrorCode {
    /// The wire name, e.g. `"no_tool_call_in_required"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EnforcementErrorCode::NoToolCallInRequired => "no_tool_call_in_required",
            EnforcementErrorCode::NoToolCallInSoftRequired => "no_tool_call_in_soft_required",
            EnforcementErrorCode::ToolUsedInUngrounded => "tool_used_in_ungrounded",
        }
    }

    /// Parses a wire name; `None` for any other string.
    pub fn parse(text: &str) -> Option<Self> {
        [
            EnforcementErrorCode::NoToolCallInRequired,
            EnforcementErrorCode::NoToolCallInSoftRequired,
            EnforcementErrorCode::ToolUsedInUngrounded,
        ]
        .into_iter()
        .find(|code| code.as_str() == text)
    }
}

/// The truth table's answer for one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Verdict {
    status: Status,
    enforcement_passed: bool,
    error_code: Option<EnforcementErrorCode>,
}

impl Verdict {
    /// `ok` or `failed`.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Whether the run obeyed its mode (⇔ status ok).
    pub fn enforcement_passed(&self) -> bool {
        self.enforcement_passed
    }
    /// The failure code, `None` when passed.
    pub fn error_code(&self) -> Option<EnforcementErrorCode> {
        self.error_code
    }
}

/// Applies the truth table. `attempted` below `successful` is read as
/// `successful` (a successful search was certainly attempted).
pub fn decide(
    mode: RequestedMode,
    successful: u64,
    attempted: u64,
    enforcement_mode: EnforcementMode,
) -> Verdict {
    let attempted = attempted.max(successful);
    let error_code = match mode {
        RequestedMode::Required if successful == 0 => Some(match enforcement_mode {
            EnforcementMode::Hard => EnforcementErrorCode::NoToolCallInRequired,
            EnforcementMode::Soft => EnforcementErrorCode::NoToolCallInSoftRequired,
        }),
        RequestedMode::Ungrounded if attempted > 0 => {
            Some(EnforcementErrorCode::ToolUsedInUngrounded)
        }
        _ => None,
    };
    Verdict {
        status: if error_code.is_some() {
            Status::Failed
        } else {
            Status::Ok
        },
        enforcement_passed: error_code.is_none(),
        error_code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EnforcementMode::{Hard, Soft};
    use RequestedMode::{Preferred, Required, Ungrounded};

    fn row(
        mode: RequestedMode,
        s: u64,
        a: u64,
        e: EnforcementMode,
    ) -> (Status, bool, Option<&'static str>) {
        let v = decide(mode, s, a, e);
        (
            v.status(),
            v.enforcement_passed(),
            v.error_code().map(EnforcementErrorCode::as_str),
        )
    }

    #[test]
    fn truth_table_exactly() {
        assert_eq!(row(Required, 1, 1, Hard), (Status::Ok, true, None));
        assert_eq!(row(Required, 2, 5, Soft), (Status::Ok, true, None));
        assert_eq!(
            row(Required, 0, 0, Hard),
            (Status::Failed, false, Some("no_tool_call_in_required"))
        );
        assert_eq!(
            row(Required, 0, 3, Soft),
            (Status::Failed, false, Some("no_tool_call_in_soft_required"))
        );
        assert_eq!(row(Ungrounded, 0, 0, Hard), (Status::Ok, true, None));
        assert_eq!(
            row(Ungrounded, 0, 1, Hard),
            (Status::Failed, false, Some("tool_used_in_ungrounded"))
        );
        assert_eq!(
            row(Ungrounded, 1, 0, Soft),
            (Status::Failed, false, Some("tool_used_in_ungrounded"))
        );
        assert_eq!(row(Preferred, 0, 0, Hard), (Status::Ok, true, None));
        assert_eq!(row(Preferred, 0, 4, Soft), (Status::Ok, true, None));
        assert_eq!(row(Preferred, 3, 4, Hard), (Status::Ok, true, None));
    }
}
