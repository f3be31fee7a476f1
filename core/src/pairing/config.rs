//! Thresholds in effect: defaults, then a JSON config, then an
//! environment-style map (the CLI passes the real environment; the core never
//! reads it). Unknown keys and negative values are `invalid_config` errors
//! naming the key.
//!
//! | JSON key | env variable | default |
//! |---|---|---|
//! | `auto_pair_score` | `PAIR_AUTO_SCORE` | 1.8 |
//! | `category_auto_pair_score.<category>` | `PAIR_AUTO_<CATEGORY>_SCORE` | none |
//! | `min_margin` | `PAIR_MIN_MARGIN` | 0.5 |
//! | `packaging_boosts.<packaging>` | `PAIR_BOOST_<PACKAGING>` | none |
//! | `disable_tiebreak` | `PAIR_DISABLE_TIEBREAK` (`1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`) | false |
//! | `batch_max_chunk` | `PAIR_BATCH_MAX_CHUNK` (≥ 2) | 200 |
//! | `extra_attach_score` | `PAIR_EXTRA_SCORE` | 2.0 |
//! | `tiebreak_max_candidates` | `PAIR_TIEBREAK_MAX_CANDIDATES` (≥ 1) | 3 |
//!
//! Category and packaging names are folded (`"Personal Care"` → `personal_care`;
//! `PAIR_AUTO_PERSONAL_CARE_SCORE`).

use super::normalize::label_key;
use crate::error::{field_path, Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The pairing thresholds in effect (serialised into `pairing.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairingConfig {
    auto_pair_score: f64,
    category_auto_pair_score: BTreeMap<String, f64>,
    min_margin: f64,
    packaging_boosts: BTreeMap<String, f64>,
    disable_tiebreak: bool,
    batch_max_chunk: usize,
    extra_attach_score: f64,
    tiebreak_max_candidates: usize,
}

impl Default for PairingConfig {
    fn default() -> Self {
        PairingConfig {
            auto_pair_score: 1.8,
            category_auto_pair_score: BTreeMap::new(),
            min_margin: 0.5,
            packaging_boosts: BTreeMap::new(),
            disable_tiebreak: false,
            batch_max_chunk: 200,
            extra_attach_score: 2.0,
            tiebreak_max_candidates: 3,
        }
    }
}

fn config_error(path: impl Into<String>, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidConfig, path, message)
}

fn non_negative(path: &str, value: &Value) -> Result<f64> {
    let v = value
        .as_f64()
        .ok_or_else(|| config_error(path, format!("expected a number, found {value}")))?;
    if v < 0.0 || !v.is_finite() {
        return Err(config_error(
            path,
            format!("must be a non-negative number, found {v}"),
        ));
    }
    Ok(v)
}

fn count(path: &str, value: &Value, min: u64) -> Result<usize> {
    match value.as_u64() {
        Some(n) if n >= min => usize::try_from(n).map_err(|_| config_error(path, "too large")),
        _ => Err(config_error(
            path,
            format!("must be an integer ≥ {min}, found {value}"),
        )),
    }
}

fn number_map(path: &str, value: &Value) -> Result<BTreeMap<String, f64>> {
    let Value::Object(map) = value else {
        return Err(config_error(path, "expected an object of numbers"));
    };
    map.iter()
        .map(|(k, v)| Ok((label_key(k), non_negative(&field_path(path, k), v)?)))
        .collect()
}

fn env_number(key: &str, value: &str) -> Result<f64> {
    let v: f64 = value.trim().parse().map_err(|_| {
        config_error(
            field_path("$", key),
            format!("expected a number, found {value:?}"),
        )
    })?;
    if v < 0.0 || !v.is_finite() {
        return Err(config_error(
            field_path("$", key),
            format!("must be a non-negative number, found {value:?}"),
        ));
    }
    Ok(v)
}

fn env_flag(key: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        _ => Err(config_error(
            field_path("$", key),
            format!("expected 1/0/true/false, found {value:?}"),
        )),
    }
}

fn env_count(key: &str, value: &str, min: u64) -> Result<usize> {
    let n: u64 = value.trim().parse().map_err(|_| {
        config_error(
            field_path("$", key),
            format!("expected an integer ≥ {min}, found {value:?}"),
        )
    })?;
    count(&field_path("$", key), &serde_json::json!(n), min)
}

impl PairingConfig {
    /// Defaults overridden by a JSON object (every key optional).
    pub fn from_value(doc: &Value) -> Result<Self> {
        Self::default().with_value(doc)
    }

    /// This config overridden by a JSON object.
    pub fn with_value(mut self, doc: &Value) -> Result<Self> {
        let Value::Object(map) = doc else {
            return Err(config_error(
                "$",
                "the pairing config must be a JSON object",
            ));
        };
        for (key, value) in map {
            let path = field_path("$", key);
            match key.as_str() {
                "auto_pair_score" => self.auto_pair_score = non_negative(&path, value)?,
                "category_auto_pair_score" => self
                    .category_auto_pair_score
                    .extend(number_map(&path, value)?),
                "min_margin" => self.min_margin = non_negative(&path, value)?,
                "packaging_boosts" => self.packaging_boosts.extend(number_map(&path, value)?),
                "disable_tiebreak" => {
                    self.disable_tiebreak = value.as_bool().ok_or_else(|| {
                        config_error(&path, format!("expected true or false, found {value}"))
                    })?
                }
                "batch_max_chunk" => self.batch_max_chunk = count(&path, value, 2)?,
                "extra_attach_score" => self.extra_attach_score = non_negative(&path, value)?,
                "tiebreak_max_candidates" => self.tiebreak_max_candidates = count(&path, value, 1)?,
                _ => return Err(config_error(&path, format!("unknown config key {key:?}"))),
            }
        }
        Ok(self)
    }

    /// Defaults overridden by an environment-style map (`PAIR_*` keys; other keys ignored).
    pub fn from_env<I, K, V>(env: I) -> Result<Self>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        Self::default().with_env(env)
    }

    /// This config overridden by an environment-style map. Keys not starting
    /// with `PAIR_` are ignored; an unknown `PAIR_*` key is an error. Keys are
    /// applied in sorted order so the result never depends on map order.
    pub fn with_env<I, K, V>(mut self, env: I) -> Result<Self>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut vars: Vec<(String, String)> = env
            .into_iter()
            .filter(|(k, _)| k.as_ref().starts_with("PAIR_"))
            .map(|(k, v)| (k.as_ref().to_owned(), v.as_ref().to_owned()))
            .collect();
        vars.sort();
        for (key, value) in &vars {
            match key.as_str() {
                "PAIR_AUTO_SCORE" => self.auto_pair_score = env_number(key, value)?,
                "PAIR_MIN_MARGIN" => self.min_margin = env_number(key, value)?,
                "PAIR_DISABLE_TIEBREAK" => self.disable_tiebreak = env_flag(key, value)?,
                "PAIR_BATCH_MAX_CHUNK" => self.batch_max_chunk = env_count(key, value, 2)?,
                "PAIR_EXTRA_SCORE" => self.extra_attach_score = env_number(key, value)?,
                "PAIR_TIEBREAK_MAX_CANDIDATES" => {
                    self.tiebreak_max_candidates = env_count(key, value, 1)?
                }
                _ => {
                    if let Some(category) = key
                        .strip_prefix("PAIR_AUTO_")
                        .and_then(|k| k.strip_suffix("_SCORE"))
                        .filter(|c| !c.is_empty())
                    {
                        self.category_auto_pair_score
                            .insert(label_key(category), env_number(key, value)?);
                    } else if let Some(packaging) =
                        key.strip_prefix("PAIR_BOOST_").filter(|p| !p.is_empty())
                    {
                        self.packaging_boosts
                            .insert(label_key(packaging), env_number(key, value)?);
                    } else {
                        return Err(config_error(
                            field_path("$", key),
                            format!("unknown pairing variable {key}"),
                        ));
                    }
                }
            }
        }
        Ok(self)
    }

    /// The auto-pair threshold for a folded category (its override, else the default).
    pub fn auto_pair_score_for(&self, category: Option<&str>) -> f64 {
        category
            .and_then(|c| self.category_auto_pair_score.get(c))
            .copied()
            .unwrap_or(self.auto_pair_score)
    }
    /// The default auto-pair threshold.
    pub fn auto_pair_score(&self) -> f64 {
        self.auto_pair_score
    }
    /// Per-category threshold overrides (folded category → score).
    pub fn category_auto_pair_score(&self) -> &BTreeMap<String, f64> {
        &self.category_auto_pair_score
    }
    /// Minimum margin of an auto pair over its best alternative.
    pub fn min_margin(&self) -> f64 {
        self.min_margin
    }
    /// The boost added when both images have this folded packaging.
    pub fn packaging_boost(&self, packaging: &str) -> f64 {
        self.packaging_boosts.get(packaging).copied().unwrap_or(0.0)
    }
    /// Per-packaging boosts.
    pub fn packaging_boosts(&self) -> &BTreeMap<String, f64> {
        &self.packaging_boosts
    }
    /// Safe mode: no tie-break requests.
    pub fn disable_tiebreak(&self) -> bool {
        self.disable_tiebreak
    }
    /// Maximum images per assignment chunk.
    pub fn batch_max_chunk(&self) -> usize {
        self.batch_max_chunk
    }
    /// Minimum score for a side/detail/unknown image to attach to a pair.
    pub fn extra_attach_score(&self) -> f64 {
        self.extra_attach_score
    }
    /// Candidates listed per tie-break.
    pub fn tiebreak_max_candidates(&self) -> usize {
        self.tiebreak_max_candidates
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_overrides_defaults() {
        let c = PairingConfig::from_value(&json!({"auto_pair_score": 2.8, "category_auto_pair_score": {"Hair": 2.2}, "packaging_boosts": {"jar": 1.2}})).unwrap();
        assert_eq!(c.auto_pair_score_for(Some("hair")), 2.2);
        assert_eq!(c.auto_pair_score_for(Some("food")), 2.8);
        assert_eq!(c.auto_pair_score_for(None), 2.8);
        assert_eq!(c.packaging_boost("jar"), 1.2);
        assert_eq!(c.min_margin(), 0.5);
    }

    #[test]
    fn json_errors_name_the_key() {
        let e = PairingConfig::from_value(&json!({"auto_pair_scor": 2.0})).unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::InvalidConfig, "$.auto_pair_scor")
        );
        let e = PairingConfig::from_value(&json!({"min_margin": -1})).unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::InvalidConfig, "$.min_margin")
        );
        let e = PairingConfig::from_value(&json!({"category_auto_pair_score": {"hair": -2}}))
            .unwrap_err();
        assert_eq!(e.path(), "$.category_auto_pair_score.hair");
        let e = PairingConfig::from_value(&json!({"batch_max_chunk": 1})).unwrap_err();
        assert_eq!(e.path(), "$.batch_max_chunk");
        assert!(PairingConfig::from_value(&json!([])).is_err());
    }

    #[test]
    fn env_map_overrides() {
        let env = [
            ("PAIR_AUTO_SCORE", "2.8"),
            ("PAIR_AUTO_HAIR_SCORE", "2.2"),
            ("PAIR_AUTO_PERSONAL_CARE_SCORE", "2.5"),
            ("PAIR_DISABLE_TIEBREAK", "1"),
            ("PAIR_BATCH_MAX_CHUNK", "50"),
            ("PAIR_BOOST_JAR", "1.2"),
            ("HOME", "/root"),
        ];
        let c = PairingConfig::from_env(env).unwrap();
        assert_eq!(c.auto_pair_score(), 2.8);
        assert_eq!(c.auto_pair_score_for(Some("hair")), 2.2);
        assert_eq!(c.auto_pair_score_for(Some("personal_care")), 2.5);
        assert!(c.disable_tiebreak());
        assert_eq!(c.batch_max_chunk(), 50);
        assert_eq!(c.packaging_boost("jar"), 1.2);
    }

    #[test]
    fn env_errors_name_the_variable() {
        for (k, v) in [
            ("PAIR_AUTO_SCORE", "-1"),
            ("PAIR_AUTO_SCORE", "high"),
            ("PAIR_DISABLE_TIEBREAK", "maybe"),
            ("PAIR_BATCH_MAX_CHUNK", "1"),
            ("PAIR_FROBNICATE", "1"),
        ] {
            let e = PairingConfig::from_env([(k, v)]).unwrap_err();
            assert_eq!(
                (e.kind(), e.path()),
                (ErrorKind::InvalidConfig, format!("$.{k}").as_str()),
                "{k}={v}"
            );
        }
    }
}
