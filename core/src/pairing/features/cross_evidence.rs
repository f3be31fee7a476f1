//! Cross-evidence: the share of the front's brand, name and variant words
//! that appear in the back's OCR text (a back often repeats them in small
//! print). Absent words are not held against the pair — except when the text
//! does name the front's product: then a missing variant (−3.5) or brand
//! (−3.0) means the text belongs to a look-alike sibling.

use super::Profile;
use crate::pairing::hashing::FxHasher;
use crate::pairing::normalize::{fold, letter_mask, typo_budget, word_similarity};
use std::hash::Hasher;

pub(crate) const WEIGHT: f64 = 2.0;
/// Penalty when the text names the front's product but not its variant.
pub(crate) const VARIANT_ABSENT: f64 = 3.5;
/// Penalty when the text names the front's product but not its brand.
pub(crate) const BRAND_ABSENT: f64 = 3.0;

/// One word of an index or a query, with what the lookup compares first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct WordKey {
    /// Length in chars.
    len: usize,
    hash: u64,
    /// Which characters (mod 64) occur in the word.
    mask: u64,
}

impl WordKey {
    fn of(word: &str) -> WordKey {
        let mut hasher = FxHasher::default();
        hasher.write(word.as_bytes());
        WordKey {
            len: word.chars().count(),
            hash: hasher.finish(),
            mask: letter_mask(word),
        }
    }
}

/// The OCR text as its folded words plus each adjacent-word join (so a
/// brand key like `loreal` matches `L' Oreal`), built once per image: the
/// words live in one string, their keys sorted by (length, hash) so an exact
/// lookup is a binary search and a typo-tolerant one scans only the words of
/// plausible length.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextIndex {
    arena: String,
    /// Keys with the byte range of their word in `arena`.
    entries: Vec<(WordKey, u32, u32)>,
}

/// A word the front contributes to the lookup (3+ chars), keyed once.
#[derive(Debug, Clone)]
pub(crate) struct QueryWord {
    word: String,
    key: WordKey,
}

/// The front's brand, name and variant words that cross-evidence looks up.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    brand: Vec<QueryWord>,
    name: Vec<QueryWord>,
    variant: Vec<QueryWord>,
}

impl Query {
    /// Words of 3+ chars of the brand key, name tokens and variant tokens.
    pub fn new(brand: Option<&String>, name: &[String], variant: &[String]) -> Query {
        let keep = |words: &mut dyn Iterator<Item = &String>| -> Vec<QueryWord> {
            words
                .filter(|w| w.chars().count() >= 3)
                .map(|w| QueryWord {
                    word: w.clone(),
                    key: WordKey::of(w),
                })
                .collect()
        };
        Query {
            brand: keep(&mut brand.into_iter()),
            name: keep(&mut name.iter()),
            variant: keep(&mut variant.iter()),
        }
    }
}

impl TextIndex {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn word(&self, start: u32, end: u32) -> &str {
        self.arena.get(start as usize..end as usize).unwrap_or("")
    }

    /// Exact lookup, else a word within the OCR typo budget (5+ chars only).
    fn contains_fuzzy(&self, query: &QueryWord) -> bool {
        let (word, key) = (query.word.as_str(), query.key);
        let exact = self
            .entries
            .partition_point(|(k, _, _)| (k.len, k.hash) < (key.len, key.hash));
        if self.entries[exact..]
            .iter()
            .take_while(|(k, _, _)| k.len == key.len && k.hash == key.hash)
            .any(|&(_, s, e)| self.word(s, e) == word)
        {
            return true;
        }
        let len = key.len;
        if len < 5 {
            return false;
        }
        let budget = typo_budget(len);
        let start = self
            .entries
            .partition_point(|(k, _, _)| k.len + budget < len);
        self.entries[start..]
            .iter()
            .take_while(|(k, _, _)| k.len <= len + budget)
            // One edit changes at most two letter-presence bits: a cheap
            // filter before the edit distance.
            .filter(|(k, _, _)| (k.mask ^ key.mask).count_ones() as usize <= 2 * budget)
            .any(|&(_, s, e)| word_similarity(self.word(s, e), word) > 0.0)
    }
}

pub(crate) fn text_index(text: &str) -> TextIndex {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut arena = String::with_capacity(folded.len() * 3);
    let mut entries = Vec::with_capacity(words.len() * 2);
    let mut push = |parts: &[&str]| {
        let start = arena.len();
        for p in parts {
            arena.push_str(p);
        }
        let word = &arena[start..];
        entries.push((WordKey::of(word), start as u32, arena.len() as u32));
    };
    for (i, w) in words.iter().enumerate() {
        push(&[w]);
        if let Some(next) = words.get(i + 1) {
            push(&[w, next]);
        }
    }
    entries.sort_unstable_by_key(|e| e.0);
    TextIndex { arena, entries }
}

pub(crate) fn score(front: &Profile, back_text: &TextIndex) -> Option<f64> {
    if back_text.is_empty() {
        return None;
    }
    let q = &front.query;
    let total = q.brand.len() + q.name.len() + q.variant.len();
    if total == 0 {
        return None;
    }
    let found = |words: &[QueryWord]| words.iter().filter(|w| back_text.contains_fuzzy(w)).count();
    let (brand_found, name_found, variant_found) =
        (found(&q.brand), found(&q.name), found(&q.variant));
    let mut score = WEIGHT * (brand_found + name_found + variant_found) as f64 / total as f64;
    // The back's text names this product line but not this brand/variant:
    // it is a sibling's back (the look-alike guard).
    if name_found > 0 {
        if !q.variant.is_empty() && variant_found == 0 {
            score -= VARIANT_ABSENT;
        }
        if !q.brand.is_empty() && brand_found == 0 {
            score -= BRAND_ABSENT;
        }
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::input::parse_analysis;
    use serde_json::json;

    #[test]
    fn counts_front_words_in_back_text() {
        let images = parse_analysis(&json!([{"id": "f", "view": "front", "brand": "L'Oréal", "product_name": "Hydrating Shampoo", "variant": "Coconut"}])).unwrap();
        let front = Profile::new(&images[0]);
        let all = text_index("L' Oreal hydrating shampoo with COCONUT oil");
        assert_eq!(score(&front, &all), Some(2.0));
        let typo = text_index("LOREAL Hydratinq shampoo coconut");
        assert_eq!(score(&front, &typo), Some(2.0));
        let half = text_index("Shampoo. Ingredients: aqua, coconut");
        assert!(
            score(&front, &half).is_some_and(|s| (s - (1.0 - 3.0)).abs() < 1e-9),
            "names the line, not the brand"
        );
        assert_eq!(score(&front, &TextIndex::default()), None);
        let sibling = text_index("L'Oreal Hydrating Shampoo Argan Oil");
        assert!(score(&front, &sibling).is_some_and(|s| (s - (2.0 * 3.0 / 4.0 - 3.5)).abs() < 1e-9));
    }
}
