//! The pipeline: profile every image, generate and score candidates, assign
//! fronts to backs optimally per connected component (chunked), decide each
//! assigned pair (auto / tie-break / rejected), apply host decisions, attach
//! extras, give every leftover image a reason.

use super::assignment::{assign, exchange_margin};
use super::blocking::{brand_clusters, generate};
use super::config::PairingConfig;
use super::decisions::Decisions;
use super::extras::attach_extras;
use super::features::{score, Block, Profile, Score};
use super::hashing::{FastMap, FastSet};
use super::input::{Image, View};
use super::metrics::compute_metrics;
use super::result::{
    Candidate, DecidedBy, Pair, PairingResult, Reason, Singleton, Tiebreak, ENGINE_VERSION,
};
use super::round4;
use crate::error::{field_path, index_path, Error, Result};
use std::collections::HashMap;

/// A pair below this score, or without content evidence, is not a candidate
/// for the assignment at all.
pub(crate) const CANDIDATE_FLOOR: f64 = 0.5;

/// A scored candidate front/back pair.
pub(crate) struct Edge {
    pub front: usize,
    pub back: usize,
    pub score: EdgeScore,
}

/// What the engine keeps of a candidate's [`Score`]: the per-feature
/// breakdown is needed only for the final pairs and is recomputed for them
/// (scoring is deterministic), which keeps an edge a few words instead of
/// ~200 bytes — candidates outnumber images ten to one.
#[derive(Clone, Copy)]
pub(crate) struct EdgeScore {
    pub total: f64,
    pub content: f64,
    pub block: Option<Block>,
    pub decisive: bool,
    /// The capture-order feature was present.
    pub has_capture: bool,
    /// The brand feature was present.
    pub has_brand: bool,
}

impl From<Score> for EdgeScore {
    fn from(s: Score) -> EdgeScore {
        EdgeScore {
            total: s.total,
            content: s.content,
            block: s.block,
            decisive: s.decisive,
            has_capture: s.features.capture_order.is_some(),
            has_brand: s.features.brand.is_some(),
        }
    }
}

impl Edge {
    fn viable(&self) -> bool {
        self.score.block.is_none() && self.score.total > CANDIDATE_FLOOR && self.score.content > 0.0
    }
    pub(crate) fn weight(&self) -> i64 {
        (self.score.total * 10_000.0).round() as i64
    }
}

/// What the candidates say about one image, for its singleton reason.
#[derive(Default, Clone, Copy)]
struct Evidence {
    brand_blocked: bool,
    barcode_blocked: bool,
    best_viable: Option<f64>,
    best_unblocked_content: Option<f64>,
    has_capture: bool,
    /// Some unblocked candidate had a content feature (not just capture order).
    has_content: bool,
}

/// Capture order: by sequence, then captured_at, then input position;
/// images missing a key sort after those that have it.
pub(crate) fn capture_order(images: &[Image]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..images.len()).collect();
    order.sort_by_key(|&i| {
        let img = &images[i];
        (
            img.sequence.is_none(),
            img.sequence,
            img.captured_at_ms.is_none(),
            img.captured_at_ms,
            i,
        )
    });
    order
}

pub(crate) fn run(
    images: &[Image],
    config: &PairingConfig,
    decisions: Option<&Decisions>,
) -> Result<PairingResult> {
    let profiles: Vec<Profile> = images.iter().map(Profile::new).collect();
    let order = capture_order(images);
    let mut rank = vec![0usize; images.len()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    let clusters = brand_clusters(&profiles);
    let cands = generate(images, &profiles, &order, &clusters);

    let edges: Vec<Edge> = cands
        .pairs
        .iter()
        .map(|&(f, b)| Edge {
            front: f,
            back: b,
            score: score(&profiles[f], &profiles[b], config).into(),
        })
        .collect();
    let mut evidence = vec![Evidence::default(); images.len()];
    for e in &edges {
        for node in [e.front, e.back] {
            let ev = &mut evidence[node];
            match e.score.block {
                Some(Block::Brand) => ev.brand_blocked = true,
                Some(Block::Barcode) => ev.barcode_blocked = true,
                None => {
                    ev.best_unblocked_content = Some(
                        ev.best_unblocked_content
                            .map_or(e.score.content, |c: f64| c.max(e.score.content)),
                    );
                    ev.has_capture |= e.score.has_capture;
                    ev.has_content |= e.score.content != 0.0 || e.score.has_brand;
                    if e.viable() {
                        ev.best_viable = Some(
                            ev.best_viable
                                .map_or(e.score.total, |s: f64| s.max(e.score.total)),
                        );
                    }
                }
            }
        }
    }
    let viable: Vec<usize> = (0..edges.len()).filter(|&k| edges[k].viable()).collect();
    let edge_of: FastMap<(usize, usize), usize> = viable
        .iter()
        .map(|&k| ((edges[k].front, edges[k].back), k))
        .collect();
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); images.len()];
    for &k in &viable {
        adjacency[edges[k].front].push(k);
        adjacency[edges[k].back].push(k);
    }

    let assigned = assign(
        images.len(),
        &edges,
        &viable,
        &adjacency,
        &rank,
        config.batch_max_chunk(),
    );
    let mut partner: Vec<Option<usize>> = vec![None; images.len()];
    for &k in &assigned {
        partner[edges[k].front] = Some(edges[k].back);
        partner[edges[k].back] = Some(edges[k].front);
    }
    let s = |f: usize, b: usize| edge_of.get(&(f, b)).map_or(0.0, |&k| edges[k].score.total);
    let threshold = |f: usize, b: usize| {
        config.auto_pair_score_for(
            profiles[f]
                .category
                .as_deref()
                .or(profiles[b].category.as_deref()),
        )
    };

    // Decide each assigned pair.
    let mut pairs: Vec<Pair> = Vec::new();
    let mut used: FastSet<usize> = FastSet::default();
    let mut ambiguous: Vec<(usize, usize)> = Vec::new();
    for &k in &assigned {
        let e = &edges[k];
        let margin = exchange_margin(e, &edges, &adjacency, &partner, &s);
        let t = threshold(e.front, e.back);
        if e.score.total + 1e-9 < t {
            continue;
        }
        if margin + 1e-9 >= config.min_margin() || e.score.decisive {
            used.insert(e.front);
            used.insert(e.back);
            pairs.push(make_pair(
                images,
                &profiles,
                config,
                e,
                margin,
                DecidedBy::Auto,
            ));
        } else {
            ambiguous.push((e.front, k));
        }
    }

    // Tie-breaks: candidates, host decisions, safe-mode fallback.
    let decided = index_decisions(images, decisions)?;
    let mut awaiting: Vec<(usize, Vec<(usize, f64)>)> = Vec::new();
    let mut reasons: HashMap<usize, Reason> = HashMap::new();
    ambiguous.sort_by(|a, b| images[a.0].id.cmp(&images[b.0].id));
    let mut ambiguous_fronts: FastSet<usize> = FastSet::default();
    let mut lists: Vec<(usize, Vec<(usize, f64)>)> = Vec::new();
    for &(f, k) in &ambiguous {
        ambiguous_fronts.insert(f);
        let chosen = edges[k].back;
        let t = threshold(f, chosen);
        let mut list: Vec<(usize, f64)> = adjacency[f]
            .iter()
            .map(|&j| (edges[j].back, edges[j].score.total))
            .filter(|&(b, sc)| b != chosen && sc + 1e-9 >= t && !used.contains(&b))
            .collect();
        list.push((chosen, edges[k].score.total));
        list.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| images[a.0].id.cmp(&images[b.0].id))
        });
        list.truncate(config.tiebreak_max_candidates());
        if !list.iter().any(|c| c.0 == chosen) {
            list.pop();
            list.push((chosen, edges[k].score.total));
        }
        lists.push((f, list));
    }
    // Candidate lists are fixed before any decision applies, so the second
    // call sees exactly the lists the first call returned.
    for (f, list) in lists {
        match decided.get(&f) {
            Some((index, Some(b))) => {
                let Some(&(_, sc)) = list.iter().find(|c| c.0 == *b) else {
                    return Err(Error::invalid_input(
                        field_path(&index_path("$.decisions", *index), "back"),
                        format!(
                            "{:?} is not a tie-break candidate of front {:?}",
                            images[*b].id, images[f].id
                        ),
                    ));
                };
                if used.contains(b) {
                    reasons.insert(f, Reason::DecisionConflict);
                    continue;
                }
                let best_other = list
                    .iter()
                    .filter(|c| c.0 != *b)
                    .map(|c| c.1)
                    .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
                let e = Edge {
                    front: f,
                    back: *b,
                    score: edges[edge_of[&(f, *b)]].score,
                };
                used.insert(f);
                used.insert(*b);
                pairs.push(make_pair(
                    images,
                    &profiles,
                    config,
                    &e,
                    sc - best_other.unwrap_or(0.0),
                    DecidedBy::Model,
                ));
            }
            Some((_, None)) => {
                reasons.insert(f, Reason::ModelDeclined);
            }
            None if config.disable_tiebreak() => {
                reasons.insert(f, Reason::Ambiguous);
            }
            None => awaiting.push((f, list)),
        }
    }
    let mut decided_fronts: Vec<(usize, usize)> =
        decided.iter().map(|(&f, &(index, _))| (index, f)).collect();
    decided_fronts.sort_unstable();
    for (index, front) in decided_fronts {
        if !ambiguous_fronts.contains(&front) {
            return Err(Error::invalid_input(
                field_path(&index_path("$.decisions", index), "front"),
                format!("front {:?} is not awaiting a tie-break", images[front].id),
            ));
        }
    }
    // A tie-break whose candidates were all taken by decisions is void.
    let mut tiebreaks: Vec<Tiebreak> = Vec::new();
    let mut waiting: FastSet<usize> = FastSet::default();
    for (f, list) in awaiting {
        let open: Vec<(usize, f64)> = list.into_iter().filter(|c| !used.contains(&c.0)).collect();
        if open.is_empty() {
            reasons.insert(f, Reason::Ambiguous);
            continue;
        }
        waiting.insert(f);
        waiting.extend(open.iter().map(|c| c.0));
        tiebreaks.push(Tiebreak {
            front: images[f].id.clone(),
            candidates: open
                .iter()
                .map(|&(b, sc)| Candidate {
                    back: images[b].id.clone(),
                    score: round4(sc),
                })
                .collect(),
        });
    }
    for &(_, k) in &ambiguous {
        let b = edges[k].back;
        if !used.contains(&b) && !waiting.contains(&b) {
            reasons.entry(b).or_insert(Reason::Ambiguous);
        }
    }

    let attached = attach_extras(images, &profiles, &cands.extras, &mut pairs, config);
    let mut singletons: Vec<Singleton> = Vec::new();
    for (i, img) in images.iter().enumerate() {
        if used.contains(&i) || waiting.contains(&i) || attached.contains(&i) {
            continue;
        }
        let reason = match img.view {
            View::Side | View::Detail => Reason::UnattachedExtra,
            View::Unknown => Reason::UnknownView,
            View::Front | View::Back => reasons.get(&i).copied().unwrap_or_else(|| {
                let t = config.auto_pair_score_for(profiles[i].category.as_deref());
                reason_from(evidence[i], t)
            }),
        };
        singletons.push(Singleton {
            id: img.id.clone(),
            view: img.view,
            reason,
        });
    }
    pairs.sort_by(|a, b| a.front.cmp(&b.front));
    tiebreaks.sort_by(|a, b| a.front.cmp(&b.front));
    singletons.sort_by(|a, b| a.id.cmp(&b.id));
    let metrics = compute_metrics(
        images,
        &pairs,
        &tiebreaks,
        &singletons,
        viable.len(),
        config,
    );
    Ok(PairingResult {
        engine_version: ENGINE_VERSION.to_owned(),
        config: config.clone(),
        pairs,
        tiebreaks,
        singletons,
        metrics,
    })
}

fn reason_from(ev: Evidence, threshold: f64) -> Reason {
    match (ev.best_viable, ev.best_unblocked_content) {
        (Some(best), _) if best + 1e-9 >= threshold => Reason::Outcompeted,
        (Some(_), _) => Reason::BelowThreshold,
        (None, Some(_)) if !ev.has_content && ev.has_capture => Reason::CaptureOnly,
        (None, Some(_)) => Reason::BelowThreshold,
        (None, None) if ev.brand_blocked => Reason::BrandConflict,
        (None, None) if ev.barcode_blocked => Reason::BarcodeConflict,
        (None, None) => Reason::NoCandidate,
    }
}

fn make_pair(
    images: &[Image],
    profiles: &[Profile],
    config: &PairingConfig,
    e: &Edge,
    margin: f64,
    decided_by: DecidedBy,
) -> Pair {
    let features = score(&profiles[e.front], &profiles[e.back], config).features;
    Pair {
        front: images[e.front].id.clone(),
        back: images[e.back].id.clone(),
        score: round4(e.score.total),
        margin: round4(margin),
        decided_by,
        features: features.rounded(),
        extras: Vec::new(),
    }
}

/// Host decisions by front index, with their position in the decisions list.
fn index_decisions(
    images: &[Image],
    decisions: Option<&Decisions>,
) -> Result<HashMap<usize, (usize, Option<usize>)>> {
    let mut out = HashMap::new();
    let Some(decisions) = decisions else {
        return Ok(out);
    };
    let by_id: HashMap<&str, usize> = images
        .iter()
        .enumerate()
        .map(|(i, img)| (img.id.as_str(), i))
        .collect();
    for (index, d) in decisions.decisions().iter().enumerate() {
        let path = index_path("$.decisions", index);
        let front = *by_id.get(d.front()).ok_or_else(|| {
            Error::invalid_input(
                field_path(&path, "front"),
                format!("unknown image id {:?}", d.front()),
            )
        })?;
        let back = match d.back() {
            Some(id) => Some(*by_id.get(id).ok_or_else(|| {
                Error::invalid_input(
                    field_path(&path, "back"),
                    format!("unknown image id {id:?}"),
                )
            })?),
            None => None,
        };
        out.insert(front, (index, back));
    }
    Ok(out)
}
