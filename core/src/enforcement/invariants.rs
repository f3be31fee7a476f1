//! `check_run_invariants`: validate a persisted run record against the truth
//! table and the outcome's own consistency rules, reporting every violation.
//!
//! This is the seed's database write path ("NEVER allow REQUIRED with 0
//! searches to be ok") and its backfill rule: a record is the outcome's JSON
//! form, possibly a legacy row. Required fields: `requested_mode`,
//! `tool_call_count`, `status`, `enforcement_passed`. Every other outcome
//! field is checked when present (`null` on a non-nullable field counts as
//! absent, like a nullable column before backfill); an absent
//! `attempted_tool_call_count` is read as `tool_call_count` (the seed's
//! backfill rule uses only `tool_call_count`). Unknown extra fields (`run_id`,
//! `latency_ms`, …) are ignored.
//!
//! Violations come in a fixed order: field-level problems in the outcome's
//! field order, then the cross-field checks in the order of [`ViolationCode`].

use super::mode::{EnforcementMode, RequestedMode};
use super::run_record::read_facts;
use super::verdict::{decide, EnforcementErrorCode, Status};
use crate::error::{Error, Result};
use crate::json::type_name;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What is wrong with a record (stable snake_case codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationCode {
    /// A required field is absent or null.
    MissingField,
    /// A field has the wrong JSON type.
    InvalidType,
    /// A field has the right type but an impossible value (unknown mode…).
    InvalidValue,
    /// `attempted_tool_call_count` < `tool_call_count`.
    AttemptedBelowSuccessful,
    /// `grounded_effective` ≠ (`tool_call_count` > 0).
    GroundedEffectiveMismatch,
    /// `status` contradicts the truth table.
    StatusMismatch,
    /// `enforcement_passed` contradicts the truth table.
    EnforcementPassedMismatch,
    /// `error_code` contradicts the truth table / enforcement mode.
    ErrorCodeMismatch,
    /// `status` and `enforcement_passed` disagree (checked when the truth
    /// table cannot be applied because the mode or count is unusable).
    StatusPassedDisagree,
    /// `retryable` ≠ (`budget_starved` and not `enforcement_passed`).
    RetryableMismatch,
    /// `citation_urls` lists the same URL twice.
    DuplicateCitationUrl,
    /// `citations_count` ≠ number of `citation_urls`.
    CitationsCountMismatch,
    /// `search_confidence` is set although no search succeeded.
    SearchConfidenceWithoutSearch,
    /// `search_confidence` is outside [0, 1].
    SearchConfidenceOutOfRange,
}

/// One invariant violation: code, `$`-rooted path of the field at fault, message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    code: ViolationCode,
    path: String,
    message: String,
}

impl Violation {
    pub(crate) fn new(code: ViolationCode, field: &str, message: impl Into<String>) -> Self {
        Violation {
            code,
            path: format!("$.{field}"),
            message: message.into(),
        }
    }
    /// The violation's code.
    pub fn code(&self) -> ViolationCode {
        self.code
    }
    /// The path of the field at fault (`$.status`).
    pub fn path(&self) -> &str {
        &self.path
    }
    /// Human-readable explanation.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The facts of a run record that the invariants talk about.
#[derive(Debug, Default)]
pub(crate) struct RunFacts {
    pub requested_mode: Option<RequestedMode>,
    pub enforcement_mode: Option<EnforcementMode>,
    pub tool_call_count: Option<u64>,
    pub attempted_tool_call_count: Option<u64>,
    pub grounded_effective: Option<bool>,
    pub status: Option<Status>,
    pub enforcement_passed: Option<bool>,
    /// `None`: absent/unusable; `Some(None)`: null; `Some(Some(code))`.
    pub error_code: Option<Option<EnforcementErrorCode>>,
    pub budget_starved: Option<bool>,
    pub retryable: Option<bool>,
    pub citation_urls: Option<Vec<String>>,
    pub citations_count: Option<u64>,
    pub search_confidence: Option<f64>,
}

/// Validates a persisted run record; `Ok(vec![])` means it is valid.
/// Only a record that is not a JSON object is an error (`invalid_input` at `$`).
pub fn check_run_invariants(record: &Value) -> Result<Vec<Violation>> {
    let map = record.as_object().ok_or_else(|| {
        Error::invalid_input(
            "$",
            format!(
                "a run record must be a JSON object, got {}",
                type_name(record)
            ),
        )
    })?;
    let mut found = Vec::new();
    let facts = read_facts(map, &mut found);
    check_facts(&facts, &mut found);
    Ok(found)
}

/// The cross-field checks, appended to `found` in [`ViolationCode`] order.
pub(crate) fn check_facts(facts: &RunFacts, found: &mut Vec<Violation>) {
    use ViolationCode as C;
    let successful = facts.tool_call_count;
    if let (Some(s), Some(a)) = (successful, facts.attempted_tool_call_count) {
        if a < s {
            found.push(Violation::new(
                C::AttemptedBelowSuccessful,
                "attempted_tool_call_count",
                format!("{a} attempted searches cannot be fewer than {s} successful ones"),
            ));
        }
    }
    if let (Some(s), Some(g)) = (successful, facts.grounded_effective) {
        if g != (s > 0) {
            found.push(Violation::new(
                C::GroundedEffectiveMismatch,
                "grounded_effective",
                format!(
                    "grounded_effective must be {} with tool_call_count {s}",
                    s > 0
                ),
            ));
        }
    }
    let verdict = match (facts.requested_mode, successful) {
        (Some(mode), Some(s)) => {
            let a = facts.attempted_tool_call_count.unwrap_or(s);
            let emode = facts.enforcement_mode.unwrap_or(EnforcementMode::Hard);
            Some((mode, s, a, decide(mode, s, a, emode)))
        }
        _ => None,
    };
    let expected_passed = match verdict {
        Some((mode, s, a, v)) => {
            let situation = format!(
                "{} with {s} successful and {a} attempted searches",
                mode.as_str()
            );
            if let Some(status) = facts.status.filter(|&st| st != v.status()) {
                found.push(Violation::new(
                    C::StatusMismatch,
                    "status",
                    format!(
                        "{situation} must be {:?}, not {:?}",
                        v.status().as_str(),
                        status.as_str()
                    ),
                ));
            }
            if let Some(passed) = facts
                .enforcement_passed
                .filter(|&p| p != v.enforcement_passed())
            {
                found.push(Violation::new(
                    C::EnforcementPassedMismatch,
                    "enforcement_passed",
                    format!(
                        "{situation} must have enforcement_passed {}, not {passed}",
                        v.enforcement_passed()
                    ),
                ));
            }
            if let Some(code) = facts.error_code {
                if !error_code_fits(code, v.error_code(), facts.enforcement_mode) {
                    let expected = v.error_code().map_or("null", EnforcementErrorCode::as_str);
                    let expected = match (v.error_code(), facts.enforcement_mode) {
                        (Some(EnforcementErrorCode::NoToolCallInRequired), None) => {
                            "no_tool_call_in_required or no_tool_call_in_soft_required"
                        }
                        _ => expected,
                    };
                    let actual = code.map_or("null", EnforcementErrorCode::as_str);
                    found.push(Violation::new(
                        C::ErrorCodeMismatch,
                        "error_code",
                        format!("{situation} must have error_code {expected}, not {actual}"),
                    ));
                }
            }
            Some(v.enforcement_passed())
        }
        None => {
            if let (Some(status), Some(passed)) = (facts.status, facts.enforcement_passed) {
                if (status == Status::Ok) != passed {
                    found.push(Violation::new(
                        C::StatusPassedDisagree,
                        "enforcement_passed",
                        format!(
                            "status {:?} and enforcement_passed {passed} disagree",
                            status.as_str()
                        ),
                    ));
                }
            }
            facts.enforcement_passed
        }
    };
    if let (Some(retryable), Some(starved), Some(passed)) =
        (facts.retryable, facts.budget_starved, expected_passed)
    {
        let expected = starved && !passed;
        if retryable != expected {
            found.push(Violation::new(
                C::RetryableMismatch,
                "retryable",
                format!("retryable must be {expected} (budget_starved {starved}, enforcement_passed {passed})"),
            ));
        }
    }
    if let Some(urls) = &facts.citation_urls {
        for (i, url) in urls.iter().enumerate() {
            if urls[..i].contains(url) {
                found.push(Violation {
                    code: C::DuplicateCitationUrl,
                    path: format!("$.citation_urls[{i}]"),
                    message: format!("{url:?} is listed twice; citation_urls are distinct"),
                });
            }
        }
        if let Some(n) = facts.citations_count.filter(|&n| n != urls.len() as u64) {
            found.push(Violation::new(
                C::CitationsCountMismatch,
                "citations_count",
                format!(
                    "citations_count {n} differs from the {} citation_urls",
                    urls.len()
                ),
            ));
        }
    }
    if let Some(confidence) = facts.search_confidence {
        if successful == Some(0) {
            found.push(Violation::new(
                C::SearchConfidenceWithoutSearch,
                "search_confidence",
                "search_confidence must be null when no search succeeded",
            ));
        }
        if !(0.0..=1.0).contains(&confidence) {
            found.push(Violation::new(
                C::SearchConfidenceOutOfRange,
                "search_confidence",
                format!("search_confidence {confidence} is outside [0, 1]"),
            ));
        }
    }
}

/// Whether a recorded error code fits the expected one. With no recorded
/// enforcement mode, either REQUIRED code is accepted.
fn error_code_fits(
    recorded: Option<EnforcementErrorCode>,
    expected: Option<EnforcementErrorCode>,
    enforcement_mode: Option<EnforcementMode>,
) -> bool {
    use EnforcementErrorCode::{NoToolCallInRequired, NoToolCallInSoftRequired};
    match (recorded, expected, enforcement_mode) {
        (Some(NoToolCallInSoftRequired), Some(NoToolCallInRequired), None) => true,
        _ => recorded == expected,
    }
}
