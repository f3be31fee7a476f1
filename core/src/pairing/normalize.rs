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
    while toks.len() > 1
        && toks
            .last()
            .is_some_and(|t| LEGAL_SUFFIXES.contains(&t.as_str()))
    {
        toks.pop();
    }
    if toks.len() > 1 && toks.first().is_some_and(|t| t == "the") {
        toks.remove(0);
    }
    toks.concat()
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
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
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

/// Similarity of two brand keys under [`brand_typo_budget`] (0 = different brands).
pub(crate) fn brand_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let len = a.chars().count().max(b.chars().count());
    match bounded_levenshtein(a, b, brand_typo_budget(len)) {
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
    let len = a.chars().count().max(b.chars().count());
    match bounded_levenshtein(a, b, typo_budget(len)) {
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
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut used = vec![false; long.len()];
    let mut matched = 0.0;
    for t in short {
        let mut best = (0.0, None);
        for (j, u) in long.iter().enumerate() {
            if used[j] {
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
            used[j] = true;
            matched += s;
        }
    }
    2.0 * matched / (a.len() + b.len()) as f64
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
