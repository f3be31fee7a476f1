//! Aggregate measures over many outcomes (the seed's dashboard and alerts):
//! soft-required fail rate, grounded rate by provider and by mode.
//!
//! Rates are `null` when their denominator is 0 and are otherwise rounded to
//! 6 decimal places. `grounded_rate_by_provider` is ordered by provider name
//! (ascending, only providers that occur); `grounded_rate_by_mode` always
//! lists UNGROUNDED, PREFERRED, REQUIRED in that order.

use super::classify::round6;
use super::mode::{EnforcementMode, RequestedMode};
use super::outcome::Outcome;
use super::verdict::Status;
use crate::metadata::Provider;
use serde::{Deserialize, Serialize};

/// Runs and failures of one REQUIRED enforcement mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequiredFailRate {
    runs: u64,
    failed: u64,
    fail_rate: Option<f64>,
}

impl RequiredFailRate {
    /// REQUIRED runs with this enforcement mode.
    pub fn runs(&self) -> u64 {
        self.runs
    }
    /// How many of them failed.
    pub fn failed(&self) -> u64 {
        self.failed
    }
    /// `failed / runs`, `None` when there are no runs.
    pub fn fail_rate(&self) -> Option<f64> {
        self.fail_rate
    }
}

/// Grounded rate of one provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderGroundedRate {
    provider: Provider,
    runs: u64,
    grounded: u64,
    grounded_rate: Option<f64>,
}

impl ProviderGroundedRate {
    /// The provider.
    pub fn provider(&self) -> Provider {
        self.provider
    }
    /// Its runs.
    pub fn runs(&self) -> u64 {
        self.runs
    }
    /// Runs with `grounded_effective`.
    pub fn grounded(&self) -> u64 {
        self.grounded
    }
    /// `grounded / runs`.
    pub fn grounded_rate(&self) -> Option<f64> {
        self.grounded_rate
    }
}

/// Grounded rate of one requested mode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModeGroundedRate {
    requested_mode: RequestedMode,
    runs: u64,
    grounded: u64,
    grounded_rate: Option<f64>,
}

impl ModeGroundedRate {
    /// The requested mode.
    pub fn requested_mode(&self) -> RequestedMode {
        self.requested_mode
    }
    /// Its runs.
    pub fn runs(&self) -> u64 {
        self.runs
    }
    /// Runs with `grounded_effective`.
    pub fn grounded(&self) -> u64 {
        self.grounded
    }
    /// `grounded / runs`, `None` when there are no runs.
    pub fn grounded_rate(&self) -> Option<f64> {
        self.grounded_rate
    }
}

/// Measures over a set of outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateMeasures {
    runs: u64,
    ok: u64,
    failed: u64,
    budget_starved: u64,
    retryable: u64,
    soft_required: RequiredFailRate,
    hard_required: RequiredFailRate,
    grounded_rate_by_provider: Vec<ProviderGroundedRate>,
    grounded_rate_by_mode: Vec<ModeGroundedRate>,
}

impl AggregateMeasures {
    /// Number of outcomes.
    pub fn runs(&self) -> u64 {
        self.runs
    }
    /// Outcomes with status ok.
    pub fn ok(&self) -> u64 {
        self.ok
    }
    /// Outcomes with status failed.
    pub fn failed(&self) -> u64 {
        self.failed
    }
    /// Budget-starved outcomes.
    pub fn budget_starved(&self) -> u64 {
        self.budget_starved
    }
    /// Retryable outcomes.
    pub fn retryable(&self) -> u64 {
        self.retryable
    }
    /// REQUIRED runs under soft enforcement (the seed's soft-required fail rate).
    pub fn soft_required(&self) -> &RequiredFailRate {
        &self.soft_required
    }
    /// REQUIRED runs under hard enforcement.
    pub fn hard_required(&self) -> &RequiredFailRate {
        &self.hard_required
    }
    /// Grounded rate per provider, by provider name.
    pub fn grounded_rate_by_provider(&self) -> &[ProviderGroundedRate] {
        &self.grounded_rate_by_provider
    }
    /// Grounded rate per requested mode, UNGROUNDED, PREFERRED, REQUIRED.
    pub fn grounded_rate_by_mode(&self) -> &[ModeGroundedRate] {
        &self.grounded_rate_by_mode
    }
}

fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round6(part as f64 / whole as f64))
}

fn required_rate(outcomes: &[&Outcome], mode: EnforcementMode) -> RequiredFailRate {
    let runs: Vec<_> = outcomes
        .iter()
        .filter(|o| o.requested_mode() == RequestedMode::Required && o.enforcement_mode() == mode)
        .collect();
    let failed = runs.iter().filter(|o| o.status() == Status::Failed).count() as u64;
    RequiredFailRate {
        runs: runs.len() as u64,
        failed,
        fail_rate: rate(failed, runs.len() as u64),
    }
}

/// Aggregates outcomes (order of input does not matter).
pub fn aggregate_outcomes<'a>(
    outcomes: impl IntoIterator<Item = &'a Outcome>,
) -> AggregateMeasures {
    let all: Vec<&Outcome> = outcomes.into_iter().collect();
    let count = |pred: &dyn Fn(&Outcome) -> bool| all.iter().filter(|o| pred(o)).count() as u64;
    let mut providers: Vec<Provider> = all.iter().map(|o| o.provider()).collect();
    providers.sort_by_key(|p| p.as_str());
    providers.dedup();
    let grounded_rate_by_provider = providers
        .into_iter()
        .map(|provider| {
            let runs = count(&|o| o.provider() == provider);
            let grounded = count(&|o| o.provider() == provider && o.grounded_effective());
            ProviderGroundedRate {
                provider,
                runs,
                grounded,
                grounded_rate: rate(grounded, runs),
            }
        })
        .collect();
    let grounded_rate_by_mode = RequestedMode::ALL
        .into_iter()
        .map(|mode| {
            let runs = count(&|o| o.requested_mode() == mode);
            let grounded = count(&|o| o.requested_mode() == mode && o.grounded_effective());
            ModeGroundedRate {
                requested_mode: mode,
                runs,
                grounded,
                grounded_rate: rate(grounded, runs),
            }
        })
        .collect();
    AggregateMeasures {
        runs: all.len() as u64,
        ok: count(&|o| o.status() == Status::Ok),
        failed: count(&|o| o.status() == Status::Failed),
        budget_starved: count(&|o| o.budget_starved()),
        retryable: count(&|o| o.retryable()),
        soft_required: required_rate(&all, EnforcementMode::Soft),
        hard_required: required_rate(&all, EnforcementMode::Hard),
        grounded_rate_by_provider,
        grounded_rate_by_mode,
    }
}
