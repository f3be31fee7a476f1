//! Cross-evidence: the share of the front's brand, name and variant words
//! that appear in the back's OCR text (a back often repeats them in small
//! print). Absent words are not held against the pair — except when the text
//! does name the front's product: then a missing variant (−3.5) or brand
//! (−3.0) means the text belongs to a look-alike sibling.

use super::Profile;
use crate::pairing::hashing::FastSet;
use crate::pairing::normalize::{fold, typo_budget, word_similarity};

pub(crate) const WEIGHT: f64 = 2.0;
/// Penalty when the text names the front's product but not its variant.
pub(crate) const VARIANT_ABSENT: f64 = 3.5;
/// Penalty when the text names the front's product but not its brand.
pub(crate) const BRAND_ABSENT: f64 = 3.0;

/// The OCR text as a set of folded words plus each adjacent-word join (so a
/// brand key like `loreal` matches `L' Oreal`), and the same words ordered
/// by length for the typo-tolerant lookup.
#[derive(Debug, Clone, Default)]
pub(crate) struct TextIndex {
    words: FastSet<String>,
    by_length: Vec<(usize, u64, String)>,
}

impl TextIndex {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Exact lookup, else a word within the OCR typo budget (5+ chars only).
    pub fn contains_fuzzy(&self, word: &str) -> bool {
        if self.words.contains(word) {
            return true;
        }
        let len = word.chars().count();
        if len < 5 {
            return false;
        }
        let budget = typo_budget(len);
        let mask = letter_mask(word);
        let start = self
            .by_length
            .partition_point(|(l, _, _)| *l + budget < len);
        self.by_length[start..]
            .iter()
            .take_while(|(l, _, _)| *l <= len + budget)
            // One edit changes at most two letter-presence bits: a cheap
            // filter before the edit distance.
            .filter(|(_, m, _)| (m ^ mask).count_ones() as usize <= 2 * budget)
            .any(|(_, _, t)| word_similarity(t, word) > 0.0)
    }
}

/// Which characters (mod 64) occur in a word.
fn letter_mask(word: &str) -> u64 {
    word.chars()
        .fold(0u64, |m, c| m | 1u64 << (u32::from(c) % 64))
}

pub(crate) fn text_index(text: &str) -> TextIndex {
    let folded = fold(text);
    let list: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut words: FastSet<String> = list.iter().map(|w| (*w).to_owned()).collect();
    for pair in list.windows(2) {
        words.insert(pair.concat());
    }
    let mut by_length: Vec<(usize, u64, String)> = words
        .iter()
        .map(|w| (w.chars().count(), letter_mask(w), w.clone()))
        .collect();
    by_length.sort_unstable();
    TextIndex { words, by_length }
}

pub(crate) fn score(front: &Profile, back_text: &TextIndex) -> Option<f64> {
    if back_text.is_empty() {
        return None;
    }
    let long = |w: &&String| w.chars().count() >= 3;
    let brand: Vec<&String> = front.brand.iter().filter(long).collect();
    let name: Vec<&String> = front.name.iter().filter(long).collect();
    let variant: Vec<&String> = front.variant.iter().filter(long).collect();
    let total = brand.len() + name.len() + variant.len();
    if total == 0 {
        return None;
    }
    let found = |words: &[&String]| words.iter().filter(|w| back_text.contains_fuzzy(w)).count();
    let (brand_found, name_found, variant_found) = (found(&brand), found(&name), found(&variant));
    let mut score = WEIGHT * (brand_found + name_found + variant_found) as f64 / total as f64;
    // The back's text names this product line but not this brand/variant:
    // it is a sibling's back (the look-alike guard).
    if name_found > 0 {
        if !variant.is_empty() && variant_found == 0 {
            score -= VARIANT_ABSENT;
        }
        if !brand.is_empty() && brand_found == 0 {
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
