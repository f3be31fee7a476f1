//! Candidate generation: which image pairs get scored at all. Scoring every
//! front against every back is quadratic; instead a pair is a candidate when
//! any of these keys brings the two together (so nothing is lost at a block
//! boundary — a pair only needs one key):
//!
//! 1. **capture window** — within [`GLOBAL_WINDOW`] positions in the batch's
//!    capture order (the path for brand-less images);
//! 2. **brand block** — same brand cluster (brand keys within the OCR typo
//!    budget are merged, found through one- and two-deletion neighbourhoods) and
//!    within [`BLOCK_WINDOW`] positions of the block's capture order;
//! 3. **barcode** — the same valid GTIN;
//! 4. **product name** — the same brand cluster and the same folded name.
//!
//! Work is O(n · window), i.e. linear in the batch size.

use super::features::{brand::same_brand, Profile};
use super::hashing::FastMap;
use super::input::{Image, View};

/// Neighbours scored in the batch's capture order.
pub(crate) const GLOBAL_WINDOW: usize = 12;
/// Neighbours scored in a brand block's capture order.
pub(crate) const BLOCK_WINDOW: usize = 24;
/// Members of one barcode or name key paired exhaustively (beyond: windowed).
const KEY_CAP: usize = 24;

/// Candidate pairs by kind (indices into the batch).
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    /// `(front, back)`.
    pub pairs: Vec<(usize, usize)>,
    /// `(front or back, side/detail/unknown)`.
    pub extras: Vec<(usize, usize)>,
}

enum Role {
    Front,
    Back,
    Extra,
}

fn role(view: View) -> Role {
    match view {
        View::Front => Role::Front,
        View::Back => Role::Back,
        View::Side | View::Detail | View::Unknown => Role::Extra,
    }
}

impl Candidates {
    fn push(&mut self, images: &[Image], a: usize, b: usize) {
        match (role(images[a].view), role(images[b].view)) {
            (Role::Front, Role::Back) => self.pairs.push((a, b)),
            (Role::Back, Role::Front) => self.pairs.push((b, a)),
            (Role::Front | Role::Back, Role::Extra) => self.extras.push((a, b)),
            (Role::Extra, Role::Front | Role::Back) => self.extras.push((b, a)),
            _ => {}
        }
    }

    fn window(&mut self, images: &[Image], ordered: &[usize], width: usize) {
        for (p, &a) in ordered.iter().enumerate() {
            for &b in ordered.iter().skip(p + 1).take(width) {
                self.push(images, a, b);
            }
        }
    }
}

/// Brand cluster of every image (`None` without a brand key).
pub(crate) fn brand_clusters(profiles: &[Profile]) -> Vec<Option<usize>> {
    let mut key_ids: FastMap<&str, usize> = FastMap::default();
    let mut keys: Vec<&str> = Vec::new();
    for p in profiles {
        if let Some(k) = p.brand.as_deref() {
            key_ids.entry(k).or_insert_with(|| {
                keys.push(k);
                keys.len() - 1
            });
        }
    }
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // Keys within the typo budget share a single-deletion variant.
    let mut by_variant: FastMap<String, Vec<usize>> = FastMap::default();
    for (id, key) in keys.iter().enumerate() {
        let chars: Vec<char> = key.chars().collect();
        if chars.len() < 5 {
            continue;
        }
        by_variant.entry((*key).to_owned()).or_default().push(id);
        for skip in 0..chars.len() {
            let variant: String = chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect();
            by_variant.entry(variant).or_default().push(id);
        }
    }
    let mut groups: Vec<&Vec<usize>> = by_variant.values().filter(|g| g.len() > 1).collect();
    groups.sort();
    for group in groups {
        for (i, &a) in group.iter().enumerate() {
            for &b in &group[i + 1..] {
                if a != b && same_brand(keys[a], keys[b]) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    profiles
        .iter()
        .map(|p| {
            p.brand
                .as_deref()
                .and_then(|k| key_ids.get(k))
                .map(|&id| find(&mut parent, id))
        })
        .collect()
}

/// All candidate pairs of the batch; `order` is the capture order and
/// `clusters` the brand cluster of each image.
pub(crate) fn generate(
    images: &[Image],
    profiles: &[Profile],
    order: &[usize],
    clusters: &[Option<usize>],
) -> Candidates {
    let mut out = Candidates::default();
    out.window(images, order, GLOBAL_WINDOW);

    let mut blocks: FastMap<usize, Vec<usize>> = FastMap::default();
    let mut barcodes: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut names: FastMap<(usize, String), Vec<usize>> = FastMap::default();
    for &i in order {
        if let Some(c) = clusters[i] {
            blocks.entry(c).or_default().push(i);
            if !profiles[i].name.is_empty() {
                names
                    .entry((c, profiles[i].name.join(" ")))
                    .or_default()
                    .push(i);
            }
        }
        if let Some(g) = profiles[i].gtin.as_deref() {
            barcodes.entry(g).or_default().push(i);
        }
    }
    for members in blocks.values() {
        out.window(images, members, BLOCK_WINDOW);
    }
    for members in barcodes.values().chain(names.values()) {
        out.window(images, members, KEY_CAP);
    }
    sort_dedup(&mut out.pairs, images.len());
    sort_dedup(&mut out.extras, images.len());
    out
}

/// Sorts and dedups index pairs (each below `n`) in linear time: a counting
/// sort on the first index, then each (short) run sorted on the second.
/// Same result as `sort_unstable` + `dedup`.
fn sort_dedup(pairs: &mut Vec<(usize, usize)>, n: usize) {
    let mut starts = vec![0usize; n + 1];
    for &(a, _) in pairs.iter() {
        if let Some(count) = starts.get_mut(a + 1) {
            *count += 1;
        }
    }
    for i in 0..n {
        starts[i + 1] += starts[i];
    }
    let mut sorted = vec![0usize; pairs.len()];
    let mut next = starts.clone();
    for &(a, b) in pairs.iter() {
        if let Some(slot) = next.get_mut(a) {
            if let Some(cell) = sorted.get_mut(*slot) {
                *cell = b;
            }
            *slot += 1;
        }
    }
    pairs.clear();
    for a in 0..n {
        let run = &mut sorted[starts[a]..starts[a + 1]];
        run.sort_unstable();
        let mut last = None;
        for &b in run.iter() {
            if last != Some(b) {
                pairs.push((a, b));
                last = Some(b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::input::parse_analysis;
    use serde_json::json;

    #[test]
    fn sort_dedup_matches_sort_and_dedup() {
        let mut pairs = vec![(3, 1), (0, 2), (3, 1), (1, 0), (0, 1), (3, 0), (0, 2)];
        let mut expected = pairs.clone();
        expected.sort_unstable();
        expected.dedup();
        sort_dedup(&mut pairs, 4);
        assert_eq!(pairs, expected);
    }

    #[test]
    fn typo_brands_share_a_cluster_and_different_brands_do_not() {
        let images = parse_analysis(&json!([
            {"id": "a", "view": "front", "brand": "Thompson"},
            {"id": "b", "view": "back", "brand": "THOMPS0N GmbH"},
            {"id": "c", "view": "back", "brand": "Nivea"},
            {"id": "d", "view": "back"}
        ]))
        .unwrap();
        let profiles: Vec<Profile> = images.iter().map(Profile::new).collect();
        let c = brand_clusters(&profiles);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_eq!(c[3], None);
    }

    #[test]
    fn far_apart_pairs_of_one_brand_are_still_candidates() {
        let mut list = vec![json!({"id": "f", "view": "front", "brand": "Acme", "sequence": 0})];
        for i in 1..200 {
            list.push(json!({"id": format!("x{i}"), "view": "front", "brand": format!("Other{i}"), "sequence": i}));
        }
        list.push(json!({"id": "b", "view": "back", "brand": "ACME", "sequence": 500}));
        let images = parse_analysis(&json!(list)).unwrap();
        let profiles: Vec<Profile> = images.iter().map(Profile::new).collect();
        let order: Vec<usize> = (0..images.len()).collect();
        let cands = generate(&images, &profiles, &order, &brand_clusters(&profiles));
        assert!(cands.pairs.contains(&(0, 200)));
    }
}
