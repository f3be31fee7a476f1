//! Aggregation of many `ExecutionResult`s into one summary.
//!
//! Output order is documented and deterministic:
//! - `by_status` always has the three keys `success`, `failure`, `partial`;
//! - `metrics` sums each metric over the results that have it, keys sorted;
//! - `first_error_code` is the code of the first result (input order) that
//!   carries an error (failures and partials alike);
//! - `error_codes` lists each code with its count, by count descending, ties
//!   in order of first appearance; `most_common_error_code` is its head (so a
//!   tie goes to the code seen first).

use super::result::{metric_value, ExecutionResult, Status};
use crate::error::{field_path, index_path, Error, Result};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

/// Counts of results per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// `success` results.
    pub success: u64,
    /// `failure` results.
    pub failure: u64,
    /// `partial` results.
    pub partial: u64,
}

/// One error code and how many results carried it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCodeCount {
    /// The error code.
    pub code: String,
    /// How many results carried it.
    pub count: u64,
}

/// Summary of many results (see the module doc for the order rules).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultSummary {
    /// Number of results.
    pub total: u64,
    /// Results with `ok: true`.
    pub ok_count: u64,
    /// Results with `error_resolved: true`.
    pub error_resolved_count: u64,
    /// Counts per status.
    pub by_status: StatusCounts,
    /// Sum of each metric, by name.
    #[serde(serialize_with = "serialize_metrics")]
    pub metrics: BTreeMap<String, f64>,
    /// Code of the first result carrying an error.
    pub first_error_code: Option<String>,
    /// The most frequent error code (ties: first seen).
    pub most_common_error_code: Option<String>,
    /// Every error code with its count (count descending, then first seen).
    pub error_codes: Vec<ErrorCodeCount>,
}

fn serialize_metrics<S: Serializer>(
    metrics: &BTreeMap<String, f64>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_map(metrics.iter().map(|(k, v)| (k, metric_value(*v))))
}

/// Aggregates `results`. A metric sum that overflows to infinity is
/// `invalid_input` at `$[i].metrics.<name>` (the result that overflowed it).
pub fn aggregate_results(results: &[ExecutionResult]) -> Result<ResultSummary> {
    let mut by_status = StatusCounts::default();
    let mut metrics: BTreeMap<String, f64> = BTreeMap::new();
    // code → (count, first position)
    let mut codes: BTreeMap<&str, (u64, usize)> = BTreeMap::new();
    let mut first_error_code = None;
    let mut ok_count = 0;
    let mut error_resolved_count = 0;
    for (i, result) in results.iter().enumerate() {
        match result.status() {
            Status::Success => by_status.success += 1,
            Status::Failure => by_status.failure += 1,
            Status::Partial => by_status.partial += 1,
        }
        ok_count += u64::from(result.ok());
        error_resolved_count += u64::from(result.error_resolved());
        for (name, value) in result.metrics() {
            let sum = metrics.entry(name.clone()).or_insert(0.0);
            *sum += value;
            if !sum.is_finite() {
                return Err(Error::invalid_input(
                    field_path(&format!("{}.metrics", index_path("$", i)), name),
                    "metric sum overflows a 64-bit float",
                ));
            }
        }
        if let Some(error) = result.error() {
            first_error_code.get_or_insert_with(|| error.code().to_owned());
            codes.entry(error.code()).or_insert((0, i)).0 += 1;
        }
    }
    let mut error_codes: Vec<(&str, u64, usize)> = codes
        .into_iter()
        .map(|(c, (n, first))| (c, n, first))
        .collect();
    error_codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let error_codes: Vec<ErrorCodeCount> = error_codes
        .into_iter()
        .map(|(code, count, _)| ErrorCodeCount {
            code: code.to_owned(),
            count,
        })
        .collect();
    Ok(ResultSummary {
        total: results.len() as u64,
        ok_count,
        error_resolved_count,
        by_status,
        metrics,
        first_error_code,
        most_common_error_code: error_codes.first().map(|c| c.code.clone()),
        error_codes,
    })
}
