//! Category: equal labels agree a little; different labels disagree more
//! (a vision model rarely confuses "hair" with "food").

pub(crate) const AGREE: f64 = 0.3;
pub(crate) const DISAGREE: f64 = -0.6;

pub(crate) fn score(a: Option<&str>, b: Option<&str>) -> Option<f64> {
    Some(if a? == b? { AGREE } else { DISAGREE })
}

#[cfg(test)]
mod tests {
    #[test]
    fn equal_agrees_different_disagrees_missing_neutral() {
        assert_eq!(super::score(Some("hair"), Some("hair")), Some(0.3));
        assert_eq!(super::score(Some("hair"), Some("food")), Some(-0.6));
        assert_eq!(super::score(None, Some("food")), None);
    }
}
