//! Cross-evidence: the share of the front's brand, name and variant words
//! that appear in the back's OCR text (a back often repeats them in small
//! print). Absent words are not held against the pair.

use super::Profile;
use crate::pairing::normalize::{fold, word_similarity};
use std::collections::HashSet;

pub(crate) const WEIGHT: f64 = 2.0;

/// The OCR text as a set of folded words plus each adjacent-word join (so a
/// brand key like `loreal` matches `L' Oreal`).
pub(crate) fn text_index(text: &str) -> HashSet<String> {
    let folded = fold(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut index: HashSet<String> = words.iter().map(|w| (*w).to_owned()).collect();
    for pair in words.windows(2) {
        index.insert(pair.concat());
    }
    index
}

pub(crate) fn score(front: &Profile, back_text: &HashSet<String>) -> Option<f64> {
    if back_text.is_empty() {
        return None;
    }
    let words: Vec<&String> = front
        .brand
        .iter()
        .chain(front.name.iter())
        .chain(front.variant.iter())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    if words.is_empty() {
        return None;
    }
    let found = words
        .iter()
        .filter(|w| contains_fuzzy(back_text, w))
        .count();
    Some(WEIGHT * found as f64 / words.len() as f64)
}

/// Exact lookup, else any word of the text within the OCR typo budget.
fn contains_fuzzy(text: &HashSet<String>, word: &str) -> bool {
    text.contains(word)
        || (word.chars().count() >= 5 && text.iter().any(|t| word_similarity(t, word) > 0.0))
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
        assert!(score(&front, &half).is_some_and(|s| (s - 1.0).abs() < 1e-9));
        assert_eq!(score(&front, &HashSet::new()), None);
    }
}
