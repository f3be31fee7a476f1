//! The output document (`pairing.json`) and its parts. Values are immutable:
//! private fields, getters, serde with the spec's field names.
//!
//! List orders: `pairs` by front id, `extras` by id, `tiebreaks` by front id,
//! `candidates` by score (descending) then back id, `singletons` by id. Ids
//! compare as strings (byte order). Scores are rounded to 4 decimals.

use super::config::PairingConfig;
use super::features::FeatureScores;
use super::input::View;
use super::metrics::Metrics;
use serde::{Deserialize, Serialize};

/// Version of the scoring rules; golden files pin it.
pub const ENGINE_VERSION: &str = "1.0.0";

/// Who decided a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The engine: score ≥ threshold and margin ≥ minimum (or equal valid barcodes).
    Auto,
    /// The host's tie-break decision.
    Model,
}

/// Why an image is a singleton (the documented set).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// No image of the opposite view was a candidate at all.
    NoCandidate,
    /// The best candidate scored below the auto-pair threshold.
    BelowThreshold,
    /// Every candidate carried a different known brand.
    BrandConflict,
    /// Every candidate carried a different valid barcode.
    BarcodeConflict,
    /// The only evidence was capture order, which never decides alone.
    CaptureOnly,
    /// Its best candidate went to another image in the optimal assignment.
    Outcompeted,
    /// Too close to call, and tie-breaks are disabled (safe mode) or the tie-break went elsewhere.
    Ambiguous,
    /// The host's decision was "none of the candidates".
    ModelDeclined,
    /// The host chose a back that was already taken.
    DecisionConflict,
    /// A side/detail image that no pair claimed.
    UnattachedExtra,
    /// A `view: "unknown"` image that no pair claimed.
    UnknownView,
}

impl Reason {
    /// The snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            Reason::NoCandidate => "no_candidate",
            Reason::BelowThreshold => "below_threshold",
            Reason::BrandConflict => "brand_conflict",
            Reason::BarcodeConflict => "barcode_conflict",
            Reason::CaptureOnly => "capture_only",
            Reason::Outcompeted => "outcompeted",
            Reason::Ambiguous => "ambiguous",
            Reason::ModelDeclined => "model_declined",
            Reason::DecisionConflict => "decision_conflict",
            Reason::UnattachedExtra => "unattached_extra",
            Reason::UnknownView => "unknown_view",
        }
    }
}

/// A front and its back, with extras.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    pub(crate) front: String,
    pub(crate) back: String,
    pub(crate) score: f64,
    pub(crate) margin: f64,
    pub(crate) decided_by: DecidedBy,
    pub(crate) features: FeatureScores,
    pub(crate) extras: Vec<String>,
}

impl Pair {
    /// Front image id.
    pub fn front(&self) -> &str {
        &self.front
    }
    /// Back image id.
    pub fn back(&self) -> &str {
        &self.back
    }
    /// Pair score (sum of features, 4 decimals).
    pub fn score(&self) -> f64 {
        self.score
    }
    /// Lead over the best alternative assignment (4 decimals).
    pub fn margin(&self) -> f64 {
        self.margin
    }
    /// `auto` or `model`.
    pub fn decided_by(&self) -> DecidedBy {
        self.decided_by
    }
    /// Per-feature breakdown.
    pub fn features(&self) -> &FeatureScores {
        &self.features
    }
    /// Attached side/detail/unknown images, by id.
    pub fn extras(&self) -> &[String] {
        &self.extras
    }
}

/// A ranked candidate of a tie-break.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub(crate) back: String,
    pub(crate) score: f64,
}

impl Candidate {
    /// Candidate back id.
    pub fn back(&self) -> &str {
        &self.back
    }
    /// Its score with the front.
    pub fn score(&self) -> f64 {
        self.score
    }
}

/// An ambiguous front waiting on the host's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tiebreak {
    pub(crate) front: String,
    pub(crate) candidates: Vec<Candidate>,
}

impl Tiebreak {
    /// The ambiguous front's id.
    pub fn front(&self) -> &str {
        &self.front
    }
    /// Ranked candidate backs.
    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }
}

/// An image in no pair, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Singleton {
    pub(crate) id: String,
    pub(crate) view: View,
    pub(crate) reason: Reason,
}

impl Singleton {
    /// Image id.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Its declared view.
    pub fn view(&self) -> View {
        self.view
    }
    /// Why it is alone.
    pub fn reason(&self) -> Reason {
        self.reason
    }
}

/// The whole `pairing.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairingResult {
    pub(crate) engine_version: String,
    pub(crate) config: PairingConfig,
    pub(crate) pairs: Vec<Pair>,
    pub(crate) tiebreaks: Vec<Tiebreak>,
    pub(crate) singletons: Vec<Singleton>,
    pub(crate) metrics: Metrics,
}

impl PairingResult {
    /// The engine version that produced it.
    pub fn engine_version(&self) -> &str {
        &self.engine_version
    }
    /// Thresholds in effect.
    pub fn config(&self) -> &PairingConfig {
        &self.config
    }
    /// Pairs, by front id.
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }
    /// Tie-break requests, by front id.
    pub fn tiebreaks(&self) -> &[Tiebreak] {
        &self.tiebreaks
    }
    /// Singletons, by id.
    pub fn singletons(&self) -> &[Singleton] {
        &self.singletons
    }
    /// Metrics of this run (also `pairing-metrics.json`).
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }
    /// Deterministic pretty JSON bytes (what the CLI writes).
    pub fn to_json_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}
