//! Extras policy: side, detail and `unknown` images never become a pair's
//! front or back. Each one is scored against both members of every final
//! pair it is a candidate of (same scorers, the pair member in the front
//! role). A pair is eligible when neither member blocks it (brand/barcode
//! conflict) and its better member scores at least `extra_attach_score`; the
//! extra attaches to the eligible pair with the highest sum of both members'
//! scores (so a detailed front contradicting it outweighs a terse back;
//! ties: smaller front id).
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
    let member_index = |id: &str| index_of.get(id).copied();
    // Each (extra, pair) reached through either member is judged on both.
    let mut reached: Vec<(usize, usize)> = candidates
        .iter()
        .filter_map(|&(member, extra)| pair_of_member.get(&member).map(|&p| (extra, p)))
        .collect();
    reached.sort_unstable();
    reached.dedup();
    // Best (sum of both members' scores, pair) per extra.
    let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
    for (extra, p) in reached {
        let (Some(f), Some(b)) = (member_index(&pairs[p].front), member_index(&pairs[p].back))
        else {
            continue;
        };
        let (sf, sb) = (
            score(&profiles[f], &profiles[extra], config),
            score(&profiles[b], &profiles[extra], config),
        );
        if sf.block.is_some() || sb.block.is_some() {
            continue;
        }
        let strongest = if sf.total >= sb.total { sf } else { sb };
        if strongest.content <= 0.0 || strongest.total + 1e-9 < config.extra_attach_score() {
            continue;
        }
        let total = sf.total + sb.total;
        let better = match best.get(&extra) {
            None => true,
            Some(&(s, q)) => total > s || (total == s && pairs[p].front < pairs[q].front),
        };
        if better {
            best.insert(extra, (total, p));
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
