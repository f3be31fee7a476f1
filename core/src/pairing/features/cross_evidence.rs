//! Cross-evidence: the share of the front's brand, name and variant words
//! that appear in the back's OCR text (a back often repeats them in small
//! print). Absent words are not held against the pair — except when the text
//! does name the front's product: then a missing variant (−3.5) or brand
//! (−3.0) means the text belongs to a look-alike sibling.

use super::Profile;
use crate::pairing::normalize::{fold, word_similarity};
use std::collections::HashSet;

pub(crate) const WEIGHT: f64 = 2.0;
/// Penalty when the text names the front's product but not its variant.
pub(crate) const VARIANT_ABSENT: f64 = 3.5;
/// Penalty when the text names the front's product but not its brand.
pub(crate) const BRAND_ABSENT: f64 = 3.0;

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
    let long = |w: &&String| w.chars().count() >= 3;
    let brand: Vec<&String> = front.brand.iter().filter(long).collect();
    let name: Vec<&String> = front.name.iter().filter(long).collect();
    let variant: Vec<&String> = front.variant.iter().filter(long).collect();
    let total = brand.len() + name.len() + variant.len();
    if total == 0 {
        return None;
    }
    let found = |words: &[&String]| {
        words
            .iter()
            .filter(|w| contains_fuzzy(back_text, w))
            .count()
    };
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
        assert!(
            score(&front, &half).is_some_and(|s| (s - (1.0 - 3.0)).abs() < 1e-9),
            "names the line, not the brand"
        );
        assert_eq!(score(&front, &HashSet::new()), None);
        let sibling = text_index("L'Oreal Hydrating Shampoo Argan Oil");
        assert!(score(&front, &sibling).is_some_and(|s| (s - (2.0 * 3.0 / 4.0 - 3.5)).abs() < 1e-9));
    }
}
