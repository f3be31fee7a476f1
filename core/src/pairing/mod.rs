//! pairing — which product photos are the front and back of one product.
//!
//! Input: an analysis document (images with `id`, `view` and whatever a
//! vision model extracted). Output: pairs (front, back, score, margin,
//! per-feature breakdown, `decided_by`, extras), tie-break requests for the
//! host's LLM, singletons with a reason code, metrics and the thresholds in
//! effect ([`PairingResult`], serialised exactly as `pairing.json`).
//!
//! Decides: candidate scores ([`features`]), a globally optimal assignment
//! (Hungarian, per component, chunked), auto / tie-break / rejection by
//! threshold and margin, extras attachment, singleton reasons, contract
//! checks and golden diffs.
//!
//! Never does: I/O, environment reads (the env-style map is a parameter of
//! [`PairingConfig::with_env`]), clock reads (timestamps are only compared
//! with each other), randomness, or calling an LLM (tie-breaks are questions
//! returned to the host; its answers come back as [`Decisions`]).
//!
//! Determinism: same input and config → same bytes. Floats in the output are
//! rounded to 4 decimals; list orders are documented in [`result`].

mod assignment;
mod blocking;
pub mod config;
pub mod contract;
pub mod decisions;
mod engine;
mod extras;
pub mod features;
pub mod golden;
mod hashing;
pub mod input;
mod matching;
pub mod metrics;
mod normalize;
pub mod result;

pub use config::PairingConfig;
pub use contract::{verify_contract, verify_result, Violation};
pub use decisions::{Decision, Decisions};
pub use features::FeatureScores;
pub use golden::{diff_json, verify_golden, Difference};
pub use input::{parse_analysis, Image, View};
pub use metrics::{compare_metrics, GroupStats, MetricChange, Metrics, Totals};
pub use result::{
    Candidate, DecidedBy, Pair, PairingResult, Reason, Singleton, Tiebreak, ENGINE_VERSION,
};

use crate::error::Result;
use serde_json::Value;

/// Pairs the images of an analysis document (`{"images": [...]}` or a bare
/// array) under `config`, applying the host's tie-break `decisions` if any.
pub fn pair(
    analysis: &Value,
    config: &PairingConfig,
    decisions: Option<&Decisions>,
) -> Result<PairingResult> {
    let images = parse_analysis(analysis)?;
    engine::run(&images, config, decisions)
}

/// [`pair`] on JSON text (parsed under the core's size/depth limits).
pub fn pair_bytes(
    analysis: &[u8],
    config: &PairingConfig,
    decisions: Option<&Decisions>,
) -> Result<PairingResult> {
    pair(&crate::json::parse(analysis)?, config, decisions)
}

/// [`pair`] on already-parsed images.
pub fn pair_images(
    images: &[Image],
    config: &PairingConfig,
    decisions: Option<&Decisions>,
) -> Result<PairingResult> {
    engine::run(images, config, decisions)
}

/// Rounds to the 4 decimals every output float carries.
pub(crate) fn round4(x: f64) -> f64 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
