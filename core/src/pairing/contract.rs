//! The contract a pairing must keep with its analysis, checked from the
//! outside (a stored `pairing.json` can be re-checked any time):
//!
//! - every image appears exactly once as a pair member, extra or singleton —
//!   except images only waiting on a tie-break (its front and candidates),
//!   which appear in `tiebreaks` and nowhere else (`missing_image`,
//!   `duplicate_image`, `unknown_image`);
//! - a pair is one `front` and one `back` image; extras are side/detail/unknown
//!   (`pair_views`, `extra_view`); singletons carry their input view (`singleton_view`);
//! - no pair across two different known brands (`cross_brand`);
//! - auto pairs meet the threshold of their category (`below_threshold`);
//! - every tie-break lists at least one candidate (`empty_tiebreak`);
//! - the metrics agree with the lists (`metrics_mismatch`).

use super::config::PairingConfig;
use super::features::brand::same_brand;
use super::input::{parse_analysis, Image, View};
use super::metrics::compute_metrics;
use super::normalize::{brand_key, label_key};
use super::result::{DecidedBy, PairingResult};
use crate::error::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    code: String,
    message: String,
    ids: Vec<String>,
}

impl Violation {
    fn new(code: &str, ids: Vec<String>, message: String) -> Self {
        Violation {
            code: code.to_owned(),
            message,
            ids,
        }
    }
    /// Stable code (`missing_image`, `cross_brand`, ...).
    pub fn code(&self) -> &str {
        &self.code
    }
    /// Human explanation.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// The image ids involved.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

/// Checks a pairing document against its analysis document. Malformed
/// documents are errors; broken rules are violations (empty = clean), in
/// the order: images, pairs, extras, singletons, tie-breaks, metrics.
pub fn verify_contract(analysis: &Value, pairing: &Value) -> Result<Vec<Violation>> {
    let images = parse_analysis(analysis)?;
    let result: PairingResult = crate::json::from_value(pairing)?;
    Ok(verify_result(&images, &result))
}

/// [`verify_contract`] on parsed values.
pub fn verify_result(images: &[Image], result: &PairingResult) -> Vec<Violation> {
    let mut out = Vec::new();
    let by_id: HashMap<&str, &Image> = images.iter().map(|i| (i.id.as_str(), i)).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut mentions: Vec<&str> = Vec::new();
    for p in &result.pairs {
        mentions.push(&p.front);
        mentions.push(&p.back);
        mentions.extend(p.extras.iter().map(String::as_str));
    }
    mentions.extend(result.singletons.iter().map(|s| s.id.as_str()));
    for t in &result.tiebreaks {
        mentions.push(&t.front);
        mentions.extend(t.candidates.iter().map(|c| c.back.as_str()));
    }
    let tiebreak_start = mentions.len()
        - result
            .tiebreaks
            .iter()
            .map(|t| 1 + t.candidates.len())
            .sum::<usize>();
    let mut in_tiebreak: HashMap<&str, usize> = HashMap::new();
    for (n, id) in mentions.iter().enumerate() {
        if n >= tiebreak_start {
            *in_tiebreak.entry(id).or_default() += 1;
        } else {
            *seen.entry(id).or_default() += 1;
        }
    }
    let mut unknown: Vec<&str> = mentions
        .iter()
        .copied()
        .filter(|id| !by_id.contains_key(id))
        .collect();
    unknown.sort_unstable();
    unknown.dedup();
    for id in unknown {
        out.push(Violation::new(
            "unknown_image",
            vec![id.to_owned()],
            format!("{id:?} is not in the analysis"),
        ));
    }
    for img in images {
        let placed = seen.get(img.id.as_str()).copied().unwrap_or(0);
        let waiting = in_tiebreak.contains_key(img.id.as_str());
        if placed == 0 && !waiting {
            out.push(Violation::new(
                "missing_image",
                vec![img.id.clone()],
                format!("{:?} is in no pair, extra, singleton or tie-break", img.id),
            ));
        } else if placed > 1 || (placed == 1 && waiting) {
            out.push(Violation::new(
                "duplicate_image",
                vec![img.id.clone()],
                format!("{:?} appears more than once", img.id),
            ));
        }
    }
    let config: &PairingConfig = &result.config;
    for p in &result.pairs {
        let ids = vec![p.front.clone(), p.back.clone()];
        let (Some(f), Some(b)) = (by_id.get(p.front.as_str()), by_id.get(p.back.as_str())) else {
            continue;
        };
        if f.view != View::Front || b.view != View::Back {
            out.push(Violation::new(
                "pair_views",
                ids.clone(),
                format!(
                    "pair {:?}/{:?} is {}/{}, not front/back",
                    p.front,
                    p.back,
                    f.view.as_str(),
                    b.view.as_str()
                ),
            ));
        }
        let (fb, bb) = (
            f.brand.as_deref().map(brand_key),
            b.brand.as_deref().map(brand_key),
        );
        if let (Some(fb), Some(bb)) = (fb.filter(|k| !k.is_empty()), bb.filter(|k| !k.is_empty())) {
            if !same_brand(&fb, &bb) {
                out.push(Violation::new(
                    "cross_brand",
                    ids.clone(),
                    format!(
                        "pair {:?}/{:?} joins brands {fb:?} and {bb:?}",
                        p.front, p.back
                    ),
                ));
            }
        }
        if p.decided_by == DecidedBy::Auto {
            let category = f
                .category
                .as_deref()
                .or(b.category.as_deref())
                .map(label_key);
            let t = config.auto_pair_score_for(category.as_deref());
            if p.score + 1e-9 < t {
                out.push(Violation::new(
                    "below_threshold",
                    ids.clone(),
                    format!(
                        "auto pair {:?}/{:?} scores {} < threshold {t}",
                        p.front, p.back, p.score
                    ),
                ));
            }
        }
        for x in &p.extras {
            if by_id
                .get(x.as_str())
                .is_some_and(|i| matches!(i.view, View::Front | View::Back))
            {
                out.push(Violation::new(
                    "extra_view",
                    vec![x.clone()],
                    format!("extra {x:?} is a front or back"),
                ));
            }
        }
    }
    for s in &result.singletons {
        if by_id.get(s.id.as_str()).is_some_and(|i| i.view != s.view) {
            out.push(Violation::new(
                "singleton_view",
                vec![s.id.clone()],
                format!("singleton {:?} has a different view than its image", s.id),
            ));
        }
    }
    for t in &result.tiebreaks {
        if t.candidates.is_empty() {
            out.push(Violation::new(
                "empty_tiebreak",
                vec![t.front.clone()],
                format!("tie-break for {:?} has no candidates", t.front),
            ));
        }
    }
    let expected = compute_metrics(
        images,
        &result.pairs,
        &result.tiebreaks,
        &result.singletons,
        result.metrics.totals.candidates,
        config,
    );
    let m = &result.metrics;
    let mut mismatched = Vec::new();
    if m.totals != expected.totals {
        mismatched.push("totals");
    }
    if m.pair_rate != expected.pair_rate || m.singleton_rate != expected.singleton_rate {
        mismatched.push("rates");
    }
    if m.by_brand != expected.by_brand || m.by_category != expected.by_category {
        mismatched.push("groups");
    }
    if m.reasons != expected.reasons {
        mismatched.push("reasons");
    }
    if m.thresholds != *config {
        mismatched.push("thresholds");
    }
    if !mismatched.is_empty() {
        out.push(Violation::new(
            "metrics_mismatch",
            Vec::new(),
            format!(
                "metrics disagree with the pairing in: {}",
                mismatched.join(", ")
            ),
        ));
    }
    out
}
