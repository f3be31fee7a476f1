//! Maximum-weight bipartite assignment (Hungarian algorithm, O(n²m), on
//! integer weights so the result is exact). Rows and columns arrive in a
//! deterministic order (capture order); among equally good assignments the
//! algorithm's strict comparisons always pick the same one, so ties are
//! broken deterministically.

/// Assigns rows to columns maximising the total weight. `weight(r, c)` is
/// `None` when `r` and `c` may not be paired. Returns the chosen
/// `(row, column)` pairs, only over allowed edges.
pub(crate) fn max_weight_assignment(
    rows: usize,
    cols: usize,
    weight: impl Fn(usize, usize) -> Option<i64>,
) -> Vec<(usize, usize)> {
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    let transposed = rows > cols;
    let (n, m) = if transposed {
        (cols, rows)
    } else {
        (rows, cols)
    };
    let w = |i: usize, j: usize| {
        if transposed {
            weight(j, i)
        } else {
            weight(i, j)
        }
    };
    // Cost matrix (1-based in the algorithm): cost = -weight, 0 when not allowed.
    let mut cost = vec![0i64; n * m];
    for i in 0..n {
        for j in 0..m {
            if let Some(x) = w(i, j) {
                cost[i * m + j] = -x.max(0);
            }
        }
    }
    const INF: i64 = i64::MAX / 4;
    let mut u = vec![0i64; n + 1];
    let mut v = vec![0i64; m + 1];
    let mut p = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    let mut minv = vec![INF; m + 1];
    let mut used = vec![false; m + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        minv.iter_mut().for_each(|x| *x = INF);
        used.iter_mut().for_each(|x| *x = false);
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = INF;
            let mut j1 = 0usize;
            for j in 1..=m {
                if !used[j] {
                    let cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut out = Vec::new();
    for (j, &i) in p.iter().enumerate().skip(1) {
        if i == 0 {
            continue;
        }
        let (r, c) = if transposed {
            (j - 1, i - 1)
        } else {
            (i - 1, j - 1)
        };
        if weight(r, c).is_some_and(|x| x > 0) {
            out.push((r, c));
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn total(pairs: &[(usize, usize)], w: &[Vec<Option<i64>>]) -> i64 {
        pairs.iter().map(|&(r, c)| w[r][c].unwrap_or(0)).sum()
    }

    /// Exhaustive optimum for tiny matrices.
    fn brute(w: &[Vec<Option<i64>>], row: usize, used: &mut Vec<bool>) -> i64 {
        if row == w.len() {
            return 0;
        }
        let mut best = brute(w, row + 1, used);
        for c in 0..used.len() {
            if let Some(x) = w[row][c] {
                if !used[c] && x > 0 {
                    used[c] = true;
                    best = best.max(x + brute(w, row + 1, used));
                    used[c] = false;
                }
            }
        }
        best
    }

    #[test]
    fn beats_greedy() {
        // Greedy would take (0,0)=10 and then (1,1)=1; optimal is 9+9.
        let w = [[Some(10), Some(9)], [Some(9), Some(1)]];
        let pairs = max_weight_assignment(2, 2, |r, c| w[r][c]);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn forbidden_edges_are_never_used() {
        let pairs = max_weight_assignment(2, 1, |r, _| (r == 1).then_some(5));
        assert_eq!(pairs, vec![(1, 0)]);
        assert!(max_weight_assignment(3, 3, |_, _| None).is_empty());
    }

    proptest! {
        #[test]
        fn optimal_on_small_matrices(rows in 1usize..5, cols in 1usize..5, seed in proptest::collection::vec(proptest::option::of(1i64..50), 16)) {
            let w: Vec<Vec<Option<i64>>> = (0..rows).map(|r| (0..cols).map(|c| seed[(r * 4 + c) % 16]).collect()).collect();
            let pairs = max_weight_assignment(rows, cols, |r, c| w[r][c]);
            let mut used = vec![false; cols];
            prop_assert_eq!(total(&pairs, &w), brute(&w, 0, &mut used));
            let mut rs: Vec<_> = pairs.iter().map(|p| p.0).collect();
            let mut cs: Vec<_> = pairs.iter().map(|p| p.1).collect();
            rs.dedup(); cs.sort_unstable(); cs.dedup();
            prop_assert_eq!(rs.len(), pairs.len());
            prop_assert_eq!(cs.len(), pairs.len());
        }
    }
}
