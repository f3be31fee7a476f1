//! Assignment: connected components of viable candidate edges, the optimal
//! front/back assignment per component (chunked for large components, with
//! carry-over across chunk boundaries), and each assigned pair's margin.

use super::engine::Edge;
use super::hashing::FastMap;
use super::matching::max_weight_assignment;
use std::collections::BTreeMap;

/// How much total score the assignment loses under the best single
/// alternative for this pair: the front taking another back (whose front, if
/// any, takes this back instead), or the back taking another front likewise.
/// Without any alternative the margin is the score itself.
pub(crate) fn exchange_margin(
    e: &Edge,
    edges: &[Edge],
    adjacency: &[Vec<usize>],
    partner: &[Option<usize>],
    s: &impl Fn(usize, usize) -> f64,
) -> f64 {
    let (f, b, total) = (e.front, e.back, e.score.total);
    let mut margin = total;
    for &j in adjacency[f].iter().chain(adjacency[b].iter()) {
        let alt = &edges[j];
        if alt.front == f && alt.back == b {
            continue;
        }
        let loss = if alt.front == f {
            match partner[alt.back] {
                Some(f2) => total + s(f2, alt.back) - alt.score.total - s(f2, b),
                None => total - alt.score.total,
            }
        } else {
            match partner[alt.front] {
                Some(b2) => total + s(alt.front, b2) - alt.score.total - s(f, b2),
                None => total - alt.score.total,
            }
        };
        margin = margin.min(loss);
    }
    margin
}

/// Optimal assignment per connected component of viable edges; components
/// larger than `max_chunk` images are cut in capture order into chunks, and
/// images left unmatched in one chunk carry over into the next, so a pair
/// straddling a chunk boundary is still found.
pub(crate) fn assign(
    n: usize,
    edges: &[Edge],
    viable: &[usize],
    adjacency: &[Vec<usize>],
    rank: &[usize],
    max_chunk: usize,
) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &k in viable {
        let (a, b) = (
            find(&mut parent, edges[k].front),
            find(&mut parent, edges[k].back),
        );
        parent[a.max(b)] = a.min(b);
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (node, edges_of_node) in adjacency.iter().enumerate().take(n) {
        if !edges_of_node.is_empty() {
            let root = find(&mut parent, node);
            components.entry(root).or_default().push(node);
        }
    }
    let mut chosen = Vec::new();
    let mut matched = vec![false; n];
    for nodes in components.values_mut() {
        nodes.sort_by_key(|&i| rank[i]);
        let step = max_chunk.max(2);
        let mut carry: Vec<usize> = Vec::new();
        let mut start = 0;
        while start < nodes.len() {
            let fresh = step.saturating_sub(carry.len()).max(step / 2);
            let end = (start + fresh).min(nodes.len());
            let mut chunk: Vec<usize> = std::mem::take(&mut carry);
            chunk.extend_from_slice(&nodes[start..end]);
            start = end;
            chosen.extend(assign_chunk(&chunk, edges, adjacency, &mut matched));
            carry = chunk.into_iter().filter(|&i| !matched[i]).collect();
            if carry.len() > step / 2 {
                carry.drain(..carry.len() - step / 2);
            }
        }
    }
    chosen.sort_unstable();
    chosen
}

fn assign_chunk(
    chunk: &[usize],
    edges: &[Edge],
    adjacency: &[Vec<usize>],
    matched: &mut [bool],
) -> Vec<usize> {
    let fronts: Vec<usize> = chunk
        .iter()
        .copied()
        .filter(|&i| adjacency[i].first().is_some_and(|&k| edges[k].front == i))
        .collect();
    let backs: Vec<usize> = chunk
        .iter()
        .copied()
        .filter(|&i| adjacency[i].first().is_some_and(|&k| edges[k].back == i))
        .collect();
    let col_of: FastMap<usize, usize> = backs.iter().enumerate().map(|(c, &b)| (b, c)).collect();
    let mut weights: FastMap<(usize, usize), (i64, usize)> = FastMap::default();
    for (r, &f) in fronts.iter().enumerate() {
        for &k in &adjacency[f] {
            if let Some(&c) = col_of.get(&edges[k].back) {
                weights.insert((r, c), (edges[k].weight(), k));
            }
        }
    }
    let picks = max_weight_assignment(fronts.len(), backs.len(), |r, c| {
        weights.get(&(r, c)).map(|w| w.0)
    });
    picks
        .into_iter()
        .filter_map(|(r, c)| weights.get(&(r, c)).map(|w| w.1))
        .inspect(|&k| {
            matched[edges[k].front] = true;
            matched[edges[k].back] = true;
        })
        .collect()
}
