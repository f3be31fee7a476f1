//! The immutable classification outcome.
//!
//! Fields are private and only readable: an outcome is built by the
//! classifier from the truth table, and deserialising one (from a stored
//! row, a cache, another language) re-checks every run invariant, so a
//! REQUIRED run with zero successful searches can never be `ok`, whatever
//! path the value took.

use super::invariants::{check_facts, RunFacts};
use super::mode::{EnforcementMode, RequestedMode};
use super::verdict::{EnforcementErrorCode, Status, Verdict};
use crate::error::{Error, ErrorKind, Result};
use crate::metadata::Provider;
use serde::{Deserialize, Serialize};

/// The outcome of classifying one grounded run. JSON field names and order
/// are the spec's; `search_queries` and `citation_urls` are distinct, in
/// first-seen order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "OutcomeRecord")]
pub struct Outcome {
    requested_mode: RequestedMode,
    enforcement_mode: EnforcementMode,
    provider: Provider,
    model: Option<String>,
    tool_call_count: u64,
    attempted_tool_call_count: u64,
    grounded_effective: bool,
    status: Status,
    enforcement_passed: bool,
    error_code: Option<EnforcementErrorCode>,
    budget_starved: bool,
    usage_reasoning_tokens: Option<u64>,
    search_queries: Vec<String>,
    citation_urls: Vec<String>,
    citations_count: u64,
    search_confidence: Option<f64>,
    answer_text: String,
    retryable: bool,
}

/// Everything the classifier measured, before the verdict is applied.
pub(crate) struct Measured {
    pub requested_mode: RequestedMode,
    pub enforcement_mode: EnforcementMode,
    pub provider: Provider,
    pub model: Option<String>,
    pub successful: u64,
    pub attempted: u64,
    pub budget_starved: bool,
    pub usage_reasoning_tokens: Option<u64>,
    pub search_queries: Vec<String>,
    pub citation_urls: Vec<String>,
    pub search_confidence: Option<f64>,
    pub answer_text: String,
}

impl Outcome {
    /// Applies the verdict: the only way an outcome comes into being.
    pub(crate) fn from_measured(m: Measured, verdict: Verdict) -> Self {
        let attempted = m.attempted.max(m.successful);
        Outcome {
            requested_mode: m.requested_mode,
            enforcement_mode: m.enforcement_mode,
            provider: m.provider,
            model: m.model,
            tool_call_count: m.successful,
            attempted_tool_call_count: attempted,
            grounded_effective: m.successful > 0,
            status: verdict.status(),
            enforcement_passed: verdict.enforcement_passed(),
            error_code: verdict.error_code(),
            budget_starved: m.budget_starved,
            usage_reasoning_tokens: m.usage_reasoning_tokens,
            search_queries: m.search_queries,
            citations_count: m.citation_urls.len() as u64,
            citation_urls: m.citation_urls,
            search_confidence: if m.successful > 0 {
                m.search_confidence
            } else {
                None
            },
            answer_text: m.answer_text,
            retryable: m.budget_starved && !verdict.enforcement_passed(),
        }
    }

    /// The mode the caller asked for.
    pub fn requested_mode(&self) -> RequestedMode {
        self.requested_mode
    }
    /// Hard or soft enforcement (override, or the capability table's answer).
    pub fn enforcement_mode(&self) -> EnforcementMode {
        self.enforcement_mode
    }
    /// Provider of the model.
    pub fn provider(&self) -> Provider {
        self.provider
    }
    /// The caller's model id, else the body's.
    pub fn model(&self) -> Option<&str> {
        self.model.as_deref()
    }
    /// Successful searches.
    pub fn tool_call_count(&self) -> u64 {
        self.tool_call_count
    }
    /// Attempted searches (successful or not); ≥ `tool_call_count`.
    pub fn attempted_tool_call_count(&self) -> u64 {
        self.attempted_tool_call_count
    }
    /// `tool_call_count > 0`.
    pub fn grounded_effective(&self) -> bool {
        self.grounded_effective
    }
    /// `ok` or `failed`, from the truth table.
    pub fn status(&self) -> Status {
        self.status
    }
    /// Whether the run obeyed its mode (⇔ `status == ok`).
    pub fn enforcement_passed(&self) -> bool {
        self.enforcement_passed
    }
    /// Failure code, `None` when passed.
    pub fn error_code(&self) -> Option<EnforcementErrorCode> {
        self.error_code
    }
    /// The response stopped on its output budget.
    pub fn budget_starved(&self) -> bool {
        self.budget_starved
    }
    /// Reasoning tokens reported by the provider.
    pub fn usage_reasoning_tokens(&self) -> Option<u64> {
        self.usage_reasoning_tokens
    }
    /// Search queries issued (also by failed searches), distinct, first-seen order.
    pub fn search_queries(&self) -> &[String] {
        &self.search_queries
    }
    /// Structured citation URLs (document order) then inline answer URLs; distinct.
    pub fn citation_urls(&self) -> &[String] {
        &self.citation_urls
    }
    /// Number of `citation_urls`.
    pub fn citations_count(&self) -> u64 {
        self.citations_count
    }
    /// Mean Gemini grounding confidence (6 decimals); `None` when absent or no search.
    pub fn search_confidence(&self) -> Option<f64> {
        self.search_confidence
    }
    /// The answer text.
    pub fn answer_text(&self) -> &str {
        &self.answer_text
    }
    /// Worth retrying: failed enforcement on a budget-starved response only.
    pub fn retryable(&self) -> bool {
        self.retryable
    }

    fn facts(&self) -> RunFacts {
        RunFacts {
            requested_mode: Some(self.requested_mode),
            enforcement_mode: Some(self.enforcement_mode),
            tool_call_count: Some(self.tool_call_count),
            attempted_tool_call_count: Some(self.attempted_tool_call_count),
            grounded_effective: Some(self.grounded_effective),
            status: Some(self.status),
            enforcement_passed: Some(self.enforcement_passed),
            error_code: Some(self.error_code),
            budget_starved: Some(self.budget_starved),
            retryable: Some(self.retryable),
            citation_urls: Some(self.citation_urls.clone()),
            citations_count: Some(self.citations_count),
            search_confidence: self.search_confidence,
        }
    }
}

/// The plain serde shape of an [`Outcome`], validated on conversion.
#[derive(Deserialize)]
struct OutcomeRecord {
    requested_mode: RequestedMode,
    enforcement_mode: EnforcementMode,
    provider: Provider,
    model: Option<String>,
    tool_call_count: u64,
    attempted_tool_call_count: u64,
    grounded_effective: bool,
    status: Status,
    enforcement_passed: bool,
    error_code: Option<EnforcementErrorCode>,
    budget_starved: bool,
    usage_reasoning_tokens: Option<u64>,
    search_queries: Vec<String>,
    citation_urls: Vec<String>,
    citations_count: u64,
    search_confidence: Option<f64>,
    answer_text: String,
    retryable: bool,
}

impl TryFrom<OutcomeRecord> for Outcome {
    type Error = Error;

    fn try_from(r: OutcomeRecord) -> Result<Self> {
        let outcome = Outcome {
            requested_mode: r.requested_mode,
            enforcement_mode: r.enforcement_mode,
            provider: r.provider,
            model: r.model,
            tool_call_count: r.tool_call_count,
            attempted_tool_call_count: r.attempted_tool_call_count,
            grounded_effective: r.grounded_effective,
            status: r.status,
            enforcement_passed: r.enforcement_passed,
            error_code: r.error_code,
            budget_starved: r.budget_starved,
            usage_reasoning_tokens: r.usage_reasoning_tokens,
            search_queries: r.search_queries,
            citation_urls: r.citation_urls,
            citations_count: r.citations_count,
            search_confidence: r.search_confidence,
            answer_text: r.answer_text,
            retryable: r.retryable,
        };
        let mut violations = Vec::new();
        check_facts(&outcome.facts(), &mut violations);
        match violations.first() {
            None => Ok(outcome),
            Some(first) => {
                let all: Vec<String> = violations
                    .iter()
                    .map(|v| format!("{} ({})", v.message(), v.path()))
                    .collect();
                Err(Error::new(
                    ErrorKind::InvariantViolation,
                    first.path(),
                    format!("not a valid outcome: {}", all.join("; ")),
                ))
            }
        }
    }
}

impl Outcome {
    /// Reads a stored outcome (its JSON form). Type errors are
    /// `invalid_input`/`missing_field` naming the field; a record that breaks
    /// a run invariant is `invariant_violation` naming the first field at
    /// fault (use [`super::check_run_invariants`] to list them all).
    pub fn from_json(value: &serde_json::Value) -> Result<Self> {
        let record: OutcomeRecord = crate::json::from_value(value)?;
        Outcome::try_from(record)
    }
}
