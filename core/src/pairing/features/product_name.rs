//! Product name: token similarity tolerant of word order and OCR typos,
//! mapped to −1.5..+1.5 (half the tokens matching is neutral).

use crate::pairing::normalize::token_similarity;

/// Weight of a full name match.
pub(crate) const WEIGHT: f64 = 1.5;

pub(crate) fn score(a: &[String], b: &[String]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(WEIGHT * (2.0 * token_similarity(a, b) - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::normalize::tokens;

    #[test]
    fn names_agree_across_order_and_typos_and_disagree_otherwise() {
        assert_eq!(
            score(&tokens("Hydrating Shampoo"), &tokens("SHAMPOO, hydrating")),
            Some(1.5)
        );
        assert!(
            score(&tokens("Hydrating Shampoo"), &tokens("Hydratlng Shampoo"))
                .is_some_and(|s| s > 1.2)
        );
        assert_eq!(
            score(&tokens("Hydrating Shampoo"), &tokens("Repair Mask")),
            Some(-1.5)
        );
        assert_eq!(score(&[], &tokens("Repair Mask")), None);
    }
}
