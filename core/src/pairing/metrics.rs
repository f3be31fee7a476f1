//! Run metrics (`pairing-metrics.json`) and the comparison of two runs
//! ("yesterday vs today").
//!
//! `pair_rate` = pairs / fronts (0 without fronts); `singleton_rate` =
//! singletons / images. Groups are keyed by the front's brand key / folded
//! category (`(none)` when missing); maps serialise in key order; rates
//! are rounded to 4 decimals.

use super::config::PairingConfig;
use super::input::{Image, View};
use super::normalize::{brand_key, label_key};
use super::result::{DecidedBy, Pair, Singleton, Tiebreak, ENGINE_VERSION};
use super::round4;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// Counts of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// Images in the batch.
    pub images: usize,
    /// `view: front` images.
    pub fronts: usize,
    /// `view: back` images.
    pub backs: usize,
    /// `side` and `detail` images.
    pub extras: usize,
    /// `view: unknown` images.
    pub unknown: usize,
    /// Viable candidate pairs scored for the assignment.
    pub candidates: usize,
    /// Pairs decided by the engine.
    pub auto_pairs: usize,
    /// Pairs decided by host tie-break decisions.
    pub model_pairs: usize,
    /// All pairs.
    pub pairs: usize,
    /// Open tie-break requests.
    pub tiebreaks: usize,
    /// Singletons.
    pub singletons: usize,
    /// Side/detail/unknown images attached to pairs.
    pub extras_attached: usize,
}

/// Pairing of one brand or category.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupStats {
    /// Fronts in the group.
    pub fronts: usize,
    /// Of those, paired.
    pub pairs: usize,
    /// pairs / fronts.
    pub pair_rate: f64,
}

/// The metrics document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub(crate) engine_version: String,
    pub(crate) totals: Totals,
    pub(crate) pair_rate: f64,
    pub(crate) singleton_rate: f64,
    pub(crate) by_brand: BTreeMap<String, GroupStats>,
    pub(crate) by_category: BTreeMap<String, GroupStats>,
    pub(crate) reasons: BTreeMap<String, usize>,
    pub(crate) thresholds: PairingConfig,
}

impl Metrics {
    /// Counts.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }
    /// pairs / fronts.
    pub fn pair_rate(&self) -> f64 {
        self.pair_rate
    }
    /// singletons / images.
    pub fn singleton_rate(&self) -> f64 {
        self.singleton_rate
    }
    /// Per brand key.
    pub fn by_brand(&self) -> &BTreeMap<String, GroupStats> {
        &self.by_brand
    }
    /// Per folded category.
    pub fn by_category(&self) -> &BTreeMap<String, GroupStats> {
        &self.by_category
    }
    /// Singleton reason histogram.
    pub fn reasons(&self) -> &BTreeMap<String, usize> {
        &self.reasons
    }
    /// Thresholds in effect.
    pub fn thresholds(&self) -> &PairingConfig {
        &self.thresholds
    }
}

fn rate(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round4(part as f64 / whole as f64)
    }
}

pub(crate) fn compute_metrics(
    images: &[Image],
    pairs: &[Pair],
    tiebreaks: &[Tiebreak],
    singletons: &[Singleton],
    candidates: usize,
    config: &PairingConfig,
) -> Metrics {
    let count = |v: View| images.iter().filter(|i| i.view == v).count();
    let paired: HashMap<&str, ()> = pairs.iter().map(|p| (p.front.as_str(), ())).collect();
    let mut by_brand: BTreeMap<String, GroupStats> = BTreeMap::new();
    let mut by_category: BTreeMap<String, GroupStats> = BTreeMap::new();
    let group = |s: Option<&str>, f: fn(&str) -> String| {
        s.map(f)
            .filter(|k| !k.is_empty())
            .unwrap_or_else(|| "(none)".to_owned())
    };
    for img in images.iter().filter(|i| i.view == View::Front) {
        let is_paired = usize::from(paired.contains_key(img.id.as_str()));
        for (map, key) in [
            (&mut by_brand, group(img.brand.as_deref(), brand_key)),
            (&mut by_category, group(img.category.as_deref(), label_key)),
        ] {
            let g = map.entry(key).or_default();
            g.fronts += 1;
            g.pairs += is_paired;
        }
    }
    for g in by_brand.values_mut().chain(by_category.values_mut()) {
        g.pair_rate = rate(g.pairs, g.fronts);
    }
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for s in singletons {
        *reasons.entry(s.reason.code().to_owned()).or_default() += 1;
    }
    let auto_pairs = pairs
        .iter()
        .filter(|p| p.decided_by == DecidedBy::Auto)
        .count();
    let totals = Totals {
        images: images.len(),
        fronts: count(View::Front),
        backs: count(View::Back),
        extras: count(View::Side) + count(View::Detail),
        unknown: count(View::Unknown),
        candidates,
        auto_pairs,
        model_pairs: pairs.len() - auto_pairs,
        pairs: pairs.len(),
        tiebreaks: tiebreaks.len(),
        singletons: singletons.len(),
        extras_attached: pairs.iter().map(|p| p.extras.len()).sum(),
    };
    Metrics {
        engine_version: ENGINE_VERSION.to_owned(),
        pair_rate: rate(totals.pairs, totals.fronts),
        singleton_rate: rate(totals.singletons, totals.images),
        totals,
        by_brand,
        by_category,
        reasons,
        thresholds: config.clone(),
    }
}

/// One numeric difference between two metrics documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricChange {
    /// `$`-rooted path of the number (`$.totals.pairs`, `$.by_brand.acme.pair_rate`).
    pub path: String,
    /// Value in the first (older) run; `null` when absent there.
    pub before: Option<f64>,
    /// Value in the second (newer) run; `null` when absent there.
    pub after: Option<f64>,
    /// after − before (4 decimals), `null` when either is absent.
    pub delta: Option<f64>,
}

/// Every numeric field that differs between two metrics documents (any
/// JSON, so older files compare too), sorted by path.
pub fn compare_metrics(before: &Value, after: &Value) -> Vec<MetricChange> {
    let mut a = BTreeMap::new();
    let mut b = BTreeMap::new();
    flatten_numbers("$", before, &mut a);
    flatten_numbers("$", after, &mut b);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (x, y) = (a.get(k).copied(), b.get(k).copied());
            (x != y).then(|| MetricChange {
                path: k.clone(),
                before: x,
                after: y,
                delta: x.zip(y).map(|(x, y)| round4(y - x)),
            })
        })
        .collect()
}

fn flatten_numbers(path: &str, v: &Value, out: &mut BTreeMap<String, f64>) {
    match v {
        Value::Number(n) => {
            if let Some(x) = n.as_f64() {
                out.insert(path.to_owned(), x);
            }
        }
        Value::Bool(b) => {
            out.insert(path.to_owned(), f64::from(u8::from(*b)));
        }
        Value::Object(map) => {
            for (k, v) in map {
                flatten_numbers(&crate::error::field_path(path, k), v, out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                flatten_numbers(&crate::error::index_path(path, i), v, out);
            }
        }
        _ => {}
    }
}
