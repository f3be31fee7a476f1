//! Packaging: equal packaging agrees, plus the configured boost for that
//! packaging (seed: "packaging boost for jars (+1.2)"); different packaging
//! disagrees.

use crate::pairing::config::PairingConfig;

pub(crate) const AGREE: f64 = 0.4;
pub(crate) const DISAGREE: f64 = -0.8;

pub(crate) fn score(a: Option<&str>, b: Option<&str>, config: &PairingConfig) -> Option<f64> {
    let (a, b) = (a?, b?);
    Some(if a == b {
        AGREE + config.packaging_boost(a)
    } else {
        DISAGREE
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn boosts_apply_to_equal_packaging_only() {
        let config = PairingConfig::from_value(&json!({"packaging_boosts": {"jar": 1.2}})).unwrap();
        assert_eq!(score(Some("jar"), Some("jar"), &config), Some(1.6));
        assert_eq!(score(Some("bottle"), Some("bottle"), &config), Some(0.4));
        assert_eq!(score(Some("jar"), Some("tube"), &config), Some(-0.8));
        assert_eq!(score(Some("jar"), None, &config), None);
    }
}
