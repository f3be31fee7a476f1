//! Extras policy: side, detail and `unknown` images never become a pair's
//! front or back. Each one is scored against both members of every final
//! pair it is a candidate of (same scorers, the pair member in the front
//! role); it attaches to the pair with the best such score when that score
//! reaches `extra_attach_score` and is not blocked (ties: smaller front id).
//! Otherwise it is a singleton (`unattached_extra`, or `unknown_view`).

use super::config::PairingConfig;
use super::features::{score, Profile};
use super::input::Image;
use super::result::Pair;
use std::collections::{HashMap, HashSet};

/// Attaches extras to `pairs` (sorted ids in each pair's `extras`) and
/// returns the attached image indices.
pub(crate) fn attach_extras(
    images: &[Image],
    profiles: &[Profile],
    candidates: &[(usize, usize)],
    pairs: &mut [Pair],
    config: &PairingConfig,
) -> HashSet<usize> {
    let index_of: HashMap<&str, usize> = images
        .iter()
        .enumerate()
        .map(|(i, img)| (img.id.as_str(), i))
        .collect();
    let mut pair_of_member: HashMap<usize, usize> = HashMap::new();
    for (p, pair) in pairs.iter().enumerate() {
        for id in [&pair.front, &pair.back] {
            if let Some(&i) = index_of.get(id.as_str()) {
                pair_of_member.insert(i, p);
            }
        }
    }
    // Best (score, pair) per extra.
    let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
    for &(member, extra) in candidates {
        let Some(&p) = pair_of_member.get(&member) else {
            continue;
        };
        let sc = score(&profiles[member], &profiles[extra], config);
        if sc.block.is_some() || sc.content <= 0.0 || sc.total + 1e-9 < config.extra_attach_score()
        {
            continue;
        }
        let better = match best.get(&extra) {
            None => true,
            Some(&(s, q)) => sc.total > s || (sc.total == s && pairs[p].front < pairs[q].front),
        };
        if better {
            best.insert(extra, (sc.total, p));
        }
    }
    let mut attached = HashSet::new();
    for (&extra, &(_, p)) in &best {
        pairs[p].extras.push(images[extra].id.clone());
        attached.insert(extra);
    }
    for pair in pairs.iter_mut() {
        pair.extras.sort();
    }
    attached
}
