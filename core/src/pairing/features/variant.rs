//! Variant (scent, flavour, strength): the look-alike guard. Products of one
//! line share brand and name and differ here, so disagreement costs more than
//! agreement earns. Variants agree when the shorter one's words are (up to
//! OCR typos) inside the longer one (`Lemon` vs `Lemon & Aloe Vera`).

use crate::pairing::normalize::token_overlap;

pub(crate) const AGREE: f64 = 1.0;
pub(crate) const DISAGREE: f64 = -4.0;

pub(crate) fn score(a: &[String], b: &[String]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(if token_overlap(a, b) >= 0.7 {
        AGREE
    } else {
        DISAGREE
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::normalize::tokens;

    #[test]
    fn look_alike_variants_disagree_strongly() {
        assert_eq!(score(&tokens("Coconut"), &tokens("coconut")), Some(1.0));
        assert_eq!(score(&tokens("Coconut"), &tokens("Coc0nut")), Some(1.0));
        assert_eq!(score(&tokens("Mint"), &tokens("Mlnt")), Some(1.0));
        assert_eq!(score(&tokens("Mint"), &tokens("Lime")), Some(-4.0));
        assert_eq!(
            score(&tokens("Lemon"), &tokens("Lemon & Aloe Vera")),
            Some(1.0)
        );
        assert_eq!(
            score(&tokens("Lemon & Aloe"), &tokens("Lemon & Mint")),
            Some(-4.0)
        );
        assert_eq!(score(&tokens("Coconut"), &tokens("Argan Oil")), Some(-4.0));
        assert_eq!(score(&tokens("Coconut"), &[]), None);
    }
}
