//! Text normalisation shared by the scorers: Unicode folding (compatibility
//! decomposition, diacritics dropped, lowercase, punctuation to spaces),
//! brand keys without legal suffixes, and typo-tolerant string similarity.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Legal-form suffixes removed from brand names (`"Thompson GmbH"` → `thompson`).
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "co",
    "corp",
    "corporation",
    "company",
    "kg",
    "oy",
    "ab",
    "as",
    "pty",
    "lp",
];

/// Folds text: NFKD, combining marks dropped, lowercase, every run of
/// non-alphanumeric characters to one space, trimmed. Apostrophes vanish
/// (`L'Oréal` → `loreal`).
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s.as_bytes());
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd() {
        if is_combining_mark(c) || c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// [`fold`] for ASCII, which is already in NFKD and has no combining marks:
/// byte by byte, without the per-char Unicode tables.
fn fold_ascii(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut pending_space = false;
    for &b in bytes {
        if b == b'\'' {
            continue;
        }
        if b.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            pending_space = true;
        }
    }
    out
}

/// Folded tokens of `s`.
pub(crate) fn tokens(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The brand key: folded, legal suffixes and a leading "the" removed, spaces
/// dropped (`"The Thompson Co."` → `thompson`). Empty when nothing is left.
pub(crate) fn brand_key(s: &str) -> String {
    let mut toks = tokens(s);
    while toks.len() > 1 && toks.last().is_some_and(|t| is_legal_suffix(t)) {
        toks.pop();
    }
    if toks.len() > 1 && toks.first().is_some_and(|t| t == "the") {
        toks.remove(0);
    }
    toks.concat()
}

/// A legal-form suffix, or an OCR misreading of one of 3+ chars (`Ihc` for `Inc`).
fn is_legal_suffix(token: &str) -> bool {
    LEGAL_SUFFIXES.contains(&token)
        || (token.chars().count() >= 3
            && LEGAL_SUFFIXES
                .iter()
                .any(|s| s.len() >= 3 && bounded_levenshtein(token, s, 1).is_some()))
}

/// A key for categories and packaging: folded, spaces as `_`.
pub(crate) fn label_key(s: &str) -> String {
    fold(s).replace(' ', "_")
}

/// Levenshtein distance over chars, or `None` when it exceeds `max`.
pub(crate) fn bounded_levenshtein(a: &str, b: &str, max: usize) -> Option<usize> {
    if a == b {
        return Some(0);
    }
    if a.is_ascii() && b.is_ascii() {
        return levenshtein_units(a.as_bytes(), b.as_bytes(), max);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein_units(&a, &b, max)
}

/// Row-by-row Levenshtein with early exit once every cell exceeds `max`;
/// rows live on the stack for words up to 63 units (the common case).
fn levenshtein_units<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut stack = ([0usize; 64], [0usize; 64]);
    let mut heap;
    let (prev, cur): (&mut [usize], &mut [usize]) = if b.len() < 64 {
        (&mut stack.0[..=b.len()], &mut stack.1[..=b.len()])
    } else {
        heap = (vec![0usize; b.len() + 1], vec![0usize; b.len() + 1]);
        (&mut heap.0[..], &mut heap.1[..])
    };
    for (j, cell) in prev.iter_mut().enumerate() {
        *cell = j;
    }
    let (mut prev, mut cur) = (prev, cur);
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// Edits an OCR reading of a word of `len` chars may plausibly contain:
/// none up to 3 chars, one up to 7, two from 8.
pub(crate) fn typo_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edits tolerated between two readings of one brand key (each side may
/// carry its own OCR typo): none up to 4 chars (`Dove` is not `Dave`), one
/// at 5, two from 6.
pub(crate) fn brand_typo_budget(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5 => 1,
        _ => 2,
    }
}

/// Which characters (mod 64) occur in a word. One edit changes at most two
/// of these bits, so words whose masks differ in more than `2·k` bits are
/// more than `k` edits apart: a cheap filter before the edit distance.
pub(crate) fn letter_mask(word: &str) -> u64 {
    word.chars()
        .fold(0u64, |m, c| m | 1u64 << (u32::from(c) % 64))
}

/// True when `a` and `b` may be within `max` edits (see [`letter_mask`]).
fn masks_allow(a: &str, b: &str, max: usize) -> bool {
    (letter_mask(a) ^ letter_mask(b)).count_ones() as usize <= 2 * max
}

/// Similarity of two brand keys under [`brand_typo_budget`] (0 = different brands).
pub(crate) fn brand_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let len = a.chars().count().max(b.chars().count());
    let budget = brand_typo_budget(len);
    if budget == 0 || !masks_allow(a, b, budget) {
        return 0.0;
    }
    match bounded_levenshtein(a, b, budget) {
        Some(d) => 1.0 - d as f64 / len as f64,
        None => 0.0,
    }
}

/// Similarity of two words in 0..=1: 1 when equal, `1 - d/len` when within
/// the typo budget of the longer word, else 0.
pub(crate) fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let len = la.max(lb);
    let budget = typo_budget(len);
    if la.abs_diff(lb) > budget || budget == 0 || !masks_allow(a, b, budget) {
        return 0.0;
    }
    match bounded_levenshtein(a, b, budget) {
        Some(d) => 1.0 - d as f64 / len as f64,
        None => 0.0,
    }
}

/// Token-set similarity in 0..=1 (Dice over fuzzy-matched tokens), tolerant
/// of word order and OCR typos: each token of the shorter list takes its best
/// unused match in the other.
pub(crate) fn token_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * matched_tokens(a, b) / (a.len() + b.len()) as f64
}

/// Overlap in 0..=1: fuzzy-matched tokens over the shorter list's length
/// (`Lemon` is fully inside `Lemon & Aloe Vera`).
pub(crate) fn token_overlap(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    matched_tokens(a, b) / a.len().min(b.len()) as f64
}

/// Sum of best fuzzy matches of the shorter list's tokens in the longer.
fn matched_tokens(a: &[String], b: &[String]) -> f64 {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Which tokens of `long` are taken: a bit set (names are short).
    let mut used = vec![false; long.len().saturating_sub(64)];
    let mut used_bits = 0u64;
    let mut matched = 0.0;
    for t in short {
        let mut best = (0.0, None);
        for (j, u) in long.iter().enumerate() {
            let taken = if j < 64 {
                used_bits & (1 << j) != 0
            } else {
                used[j - 64]
            };
            if taken {
                continue;
            }
            let s = word_similarity(t, u);
            if s > best.0 {
                best = (s, Some(j));
                if s >= 1.0 {
                    break;
                }
            }
        }
        if let (s, Some(j)) = best {
            if j < 64 {
                used_bits |= 1 << j;
            } else {
                used[j - 64] = true;
            }
            matched += s;
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_diacritics_and_punctuation() {
        assert_eq!(fold("  L'Oréal   PARIS!! "), "loreal paris");
        assert_eq!(fold("Crème-Brûlée"), "creme brulee");
        assert_eq!(fold("ﬁne"), "fine");
    }

    #[test]
    fn brand_keys_drop_legal_suffixes() {
        assert_eq!(brand_key("Thompson GmbH"), "thompson");
        assert_eq!(brand_key("The Thompson Co."), "thompson");
        assert_eq!(brand_key("Dr. Bronner's"), "drbronners");
        assert_eq!(brand_key("Co"), "co");
        assert_eq!(brand_key("Guveve Ihc."), "guveve");
        assert_eq!(brand_key("!!!"), "");
    }

    #[test]
    fn levenshtein_is_bounded() {
        assert_eq!(bounded_levenshtein("thompson", "thornpson", 2), Some(2));
        assert_eq!(bounded_levenshtein("kitten", "sitting", 2), None);
        assert_eq!(bounded_levenshtein("abc", "abc", 0), Some(0));
    }

    #[test]
    fn token_similarity_tolerates_order_and_typos() {
        let t = |s: &str| tokens(s);
        assert_eq!(
            token_similarity(&t("Hydrating Shampoo"), &t("shampoo hydrating")),
            1.0
        );
        let typo = token_similarity(&t("Hydrating Shampoo"), &t("Hydratinq Shampo0"));
        assert!(typo > 0.8 && typo < 1.0, "{typo}");
        assert_eq!(
            token_similarity(&t("Hydrating Shampoo"), &t("Volume Conditioner")),
            0.0
        );
        assert_eq!(token_similarity(&t("a"), &[]), 0.0);
    }
}
