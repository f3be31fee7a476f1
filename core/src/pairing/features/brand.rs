//! Brand: keys compared after normalisation (case, diacritics, punctuation,
//! legal suffixes); an OCR typo within the typo budget still agrees, with a
//! lower similarity; two different known brands block the pair.

use crate::pairing::normalize::brand_similarity;

/// Weight of an exact brand match.
pub(crate) const WEIGHT: f64 = 1.5;

/// The outcome of comparing two brand keys.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum BrandEvidence {
    Missing,
    Agrees(f64),
    Conflict,
}

impl BrandEvidence {
    pub fn contribution(self) -> Option<f64> {
        match self {
            BrandEvidence::Agrees(sim) => Some(WEIGHT * sim),
            BrandEvidence::Missing | BrandEvidence::Conflict => None,
        }
    }
    pub fn is_conflict(self) -> bool {
        self == BrandEvidence::Conflict
    }
}

/// Compares two brand keys (see `normalize::brand_key`).
pub(crate) fn score(a: Option<&str>, b: Option<&str>) -> BrandEvidence {
    match (a, b) {
        (Some(a), Some(b)) => match brand_similarity(a, b) {
            s if s > 0.0 => BrandEvidence::Agrees(s),
            _ => BrandEvidence::Conflict,
        },
        _ => BrandEvidence::Missing,
    }
}

/// True when two brand keys are the same brand (what blocking merges).
pub(crate) fn same_brand(a: &str, b: &str) -> bool {
    brand_similarity(a, b) > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::normalize::brand_key;

    fn cmp(a: &str, b: &str) -> BrandEvidence {
        score(Some(&brand_key(a)), Some(&brand_key(b)))
    }

    #[test]
    fn normalised_brands_agree() {
        assert_eq!(cmp("L'ORÉAL", "loreal"), BrandEvidence::Agrees(1.0));
        assert_eq!(cmp("Thompson GmbH", "thompson"), BrandEvidence::Agrees(1.0));
    }

    #[test]
    fn ocr_typos_agree_with_lower_similarity() {
        let BrandEvidence::Agrees(s) = cmp("Thompson", "Thornpson") else {
            panic!("typo should agree")
        };
        assert!(s > 0.7 && s < 1.0);
    }

    #[test]
    fn different_brands_block_and_missing_is_neutral() {
        assert!(cmp("Thompson", "Nivea").is_conflict());
        assert!(
            cmp("Dove", "Dave").is_conflict(),
            "short brands need an exact match"
        );
        assert_eq!(score(None, Some("nivea")), BrandEvidence::Missing);
        assert_eq!(score(None, Some("nivea")).contribution(), None);
    }
}
