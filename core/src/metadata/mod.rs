//! metadata — which provider, platform, API and model produced a response;
//! its usage; its provider version key; its OpenTelemetry GenAI attributes.
//!
//! Decides:
//! - [`detect_provider`]: a model id's provider (`openai` | `google` |
//!   `anthropic` | `unknown`) by documented family rules;
//! - [`detect_api`]: a body's API by its shape;
//! - [`extract_metadata`]: provider, [`Platform`] (OpenAI, Azure OpenAI, AI
//!   Studio, Vertex AI, Anthropic, Bedrock), model, ids, timestamps,
//!   fingerprint, finish reasons, normalised [`Usage`], Gemini grounding
//!   metadata passed through;
//! - [`provider_version_key`]: the seed's fallback chains per provider;
//! - [`otel_attributes`]: the current GenAI semantic-convention attributes.
//!
//! Never: guesses (an unrecognised model id stays `unknown`), reads the
//! network, a clock or the environment (RFC 3339 timestamps are converted by
//! arithmetic), or repairs a body (a field of the wrong type is an error
//! naming its path; a body of no known API is `unknown_shape`).

// Modules are public so their rule tables render in rustdoc; the items are
// re-exported here, and `verity::metadata::*` is the path to use.
pub mod api;
pub mod extract;
mod fields;
pub mod otel;
pub mod platform;
pub mod provider;
pub mod response_metadata;
pub mod rfc3339;
pub mod usage;

pub use api::{detect_api, Api};
pub use extract::{extract_metadata, extract_metadata_bytes, extract_metadata_with_api};
pub use otel::{otel_attributes, OtelOptions, OtelValue};
pub use platform::Platform;
pub use provider::{detect_provider, Provider};
pub use response_metadata::{CandidateGrounding, ResponseMetadata, UNKNOWN_VERSION_KEY};
pub use rfc3339::rfc3339_to_unix_seconds;
pub use usage::Usage;

use crate::error::Result;
use serde_json::Value;

/// The provider version key of a raw response (see
/// [`ResponseMetadata::provider_version_key`] for the chains);
/// `requested_model` is the model id the caller asked for.
pub fn provider_version_key(response: &Value, requested_model: Option<&str>) -> Result<String> {
    Ok(extract_metadata(response)?.provider_version_key(requested_model))
}
