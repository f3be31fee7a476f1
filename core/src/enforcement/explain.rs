//! Human-readable explanation of a failed run, worded as the seed's run
//! detail card (`RunDetailCard.tsx`): soft vs hard enforcement for REQUIRED
//! failures, plus the UNGROUNDED guard and the retry advice.

use super::mode::{is_gpt5_family, EnforcementMode, RequestedMode};
use super::outcome::Outcome;
use serde::{Deserialize, Serialize};

/// Title, message and detail line of a failed run, and whether to offer a retry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureExplanation {
    title: String,
    message: String,
    detail: String,
    retryable: bool,
    retry_advice: String,
}

impl FailureExplanation {
    /// Card title, e.g. "Soft Enforcement Failed".
    pub fn title(&self) -> &str {
        &self.title
    }
    /// One-sentence explanation.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// Counts, enforcement mode and error code.
    pub fn detail(&self) -> &str {
        &self.detail
    }
    /// Whether the retry button is enabled (the outcome's `retryable`).
    pub fn retryable(&self) -> bool {
        self.retryable
    }
    /// Why a retry would or would not help.
    pub fn retry_advice(&self) -> &str {
        &self.retry_advice
    }
}

/// The explanation of a failed outcome; `None` when enforcement passed.
pub fn explain_failure(outcome: &Outcome) -> Option<FailureExplanation> {
    let code = outcome.error_code()?.as_str();
    let searches = searches_phrase(outcome);
    let (title, message, detail) = match (outcome.requested_mode(), outcome.enforcement_mode()) {
        (RequestedMode::Ungrounded, _) => (
            "Ungrounded Run Searched".to_owned(),
            "A web search occurred in UNGROUNDED mode.".to_owned(),
            format!("{searches}. Error: {code}"),
        ),
        (_, EnforcementMode::Soft) => {
            let message = if is_gpt5_family(outcome.model()) {
                "GPT-5 doesn't support tool_choice:'required'. The model declined to search despite the search-first directive.".to_owned()
            } else {
                format!(
                    "{} can't be forced to search. The model declined to search despite the search-first directive.",
                    outcome.model().unwrap_or("This model")
                )
            };
            (
                "Soft Enforcement Failed".to_owned(),
                message,
                format!("{searches}. Error: {code}"),
            )
        }
        (_, EnforcementMode::Hard) => (
            "Hard Enforcement Failed".to_owned(),
            "No tool call occurred in REQUIRED mode.".to_owned(),
            format!("{searches}. Enforcement mode: hard. Error: {code}"),
        ),
    };
    let retry_advice = if outcome.retryable() {
        "The response ran out of output budget; retry with a larger max_output_tokens."
    } else {
        "Not retryable: the provider chose this outcome; retrying will not change enforcement."
    };
    Some(FailureExplanation {
        title,
        message,
        detail,
        retryable: outcome.retryable(),
        retry_advice: retry_advice.to_owned(),
    })
}

/// "0 searches performed", with failed attempts when there were any.
fn searches_phrase(outcome: &Outcome) -> String {
    let ok = outcome.tool_call_count();
    let failed = outcome.attempted_tool_call_count().saturating_sub(ok);
    let noun = if ok == 1 { "search" } else { "searches" };
    if failed == 0 {
        format!("{ok} {noun} performed")
    } else {
        format!("{ok} {noun} performed ({failed} attempted without success)")
    }
}
