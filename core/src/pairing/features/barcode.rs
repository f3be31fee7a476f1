//! Barcode: GTIN-8/12/13/14 with a valid check digit, compared as 14 digits
//! (a UPC-A and its EAN-13 form are equal). Equal valid codes are decisive;
//! different valid codes block; a failed check digit is an OCR misread and
//! counts as missing.

pub(crate) const DECISIVE: f64 = 5.0;

/// The outcome of comparing two normalised GTINs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BarcodeEvidence {
    Missing,
    Equal,
    Conflict,
}

impl BarcodeEvidence {
    pub fn contribution(self) -> Option<f64> {
        (self == BarcodeEvidence::Equal).then_some(DECISIVE)
    }
    pub fn is_conflict(self) -> bool {
        self == BarcodeEvidence::Conflict
    }
    pub fn is_decisive(self) -> bool {
        self == BarcodeEvidence::Equal
    }
}

/// True when the last digit is the GS1 mod-10 check digit of the others.
pub(crate) fn check_digit_valid(code: &str) -> bool {
    let digits: Vec<u32> = code.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != code.len() || digits.len() < 2 {
        return false;
    }
    let (body, check) = digits.split_at(digits.len() - 1);
    let sum: u32 = body
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    check.first() == Some(&((10 - sum % 10) % 10))
}

/// The code left-padded to 14 digits, when its check digit is valid.
pub(crate) fn normalise_gtin(code: &str) -> Option<String> {
    (check_digit_valid(code) && code.len() <= 14).then(|| format!("{code:0>14}"))
}

pub(crate) fn score(a: Option<&str>, b: Option<&str>) -> BarcodeEvidence {
    match (a, b) {
        (Some(a), Some(b)) if a == b => BarcodeEvidence::Equal,
        (Some(_), Some(_)) => BarcodeEvidence::Conflict,
        _ => BarcodeEvidence::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits() {
        assert!(check_digit_valid("5012345678900"));
        assert!(check_digit_valid("4006381333931"));
        assert!(check_digit_valid("96385074"));
        assert!(check_digit_valid("036000291452"));
        assert!(!check_digit_valid("5012345678901"));
    }

    #[test]
    fn upc_and_ean_forms_are_equal_and_bad_check_digits_are_missing() {
        let upc = normalise_gtin("036000291452");
        assert_eq!(upc, normalise_gtin("0036000291452"));
        assert_eq!(normalise_gtin("5012345678901"), None);
        assert_eq!(
            score(upc.as_deref(), upc.as_deref()),
            BarcodeEvidence::Equal
        );
        let other = normalise_gtin("5012345678900");
        assert_eq!(
            score(upc.as_deref(), other.as_deref()),
            BarcodeEvidence::Conflict
        );
        assert_eq!(score(None, other.as_deref()), BarcodeEvidence::Missing);
    }
}
