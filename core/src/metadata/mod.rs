//! metadata — which provider, API and model produced a response; usage;
//! provider version keys; OpenTelemetry GenAI attributes.
//!
//! Decides: provider from a model id, API from a response body's shape.
//! Never: guesses (unknown stays `unknown`), reads the network or a clock.

mod api;
mod provider;

pub use api::{detect_api, Api};
pub use provider::{detect_provider, Provider};
