//! `template_config_hash`: the dedup key of a prompt template.
//!
//! The config is normalised (v1, table in the module doc of
//! [`crate::dedup`]), wrapped with `"normalization_version": 1`,
//! canonicalised with RFC 8785 and hashed with SHA-256. The canonical bytes
//! are returned with the hash so a host can store what was hashed.

use super::normalize::{NormalizedConfig, NORMALIZATION_VERSION};
use super::parse::parse_strict;
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A template's config hash and the canonical bytes that were hashed.
///
/// JSON form: `{"config_hash": hex, "canonical": string, "normalization_version": 1}`.
/// Deserialising checks that `config_hash` is the SHA-256 of `canonical` and
/// that the version is one this build knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTemplateConfigHash")]
pub struct TemplateConfigHash {
    config_hash: String,
    canonical: String,
    normalization_version: u32,
}

impl TemplateConfigHash {
    /// SHA-256 of [`Self::canonical`], 64 lower-case hex digits.
    pub fn config_hash(&self) -> &str {
        &self.config_hash
    }

    /// The RFC 8785 canonical text that was hashed (always valid UTF-8).
    pub fn canonical(&self) -> &str {
        &self.canonical
    }

    /// [`Self::canonical`] as bytes.
    pub fn canonical_bytes(&self) -> &[u8] {
        self.canonical.as_bytes()
    }

    /// The normalisation version inside the hashed bytes.
    pub fn normalization_version(&self) -> u32 {
        self.normalization_version
    }
}

#[derive(Deserialize)]
struct RawTemplateConfigHash {
    config_hash: String,
    canonical: String,
    normalization_version: u32,
}

impl TryFrom<RawTemplateConfigHash> for TemplateConfigHash {
    type Error = Error;

    fn try_from(raw: RawTemplateConfigHash) -> Result<Self> {
        if raw.normalization_version != NORMALIZATION_VERSION {
            return Err(Error::new(
                ErrorKind::UnsupportedVersion,
                "$.normalization_version",
                format!(
                    "normalization version {} is unknown",
                    raw.normalization_version
                ),
            ));
        }
        if sha256_hex(raw.canonical.as_bytes()) != raw.config_hash {
            return Err(Error::new(
                ErrorKind::InvariantViolation,
                "$.config_hash",
                "config_hash is not the SHA-256 of canonical",
            ));
        }
        Ok(TemplateConfigHash {
            config_hash: raw.config_hash,
            canonical: raw.canonical,
            normalization_version: raw.normalization_version,
        })
    }
}

/// Hashes a template config (a parsed JSON object).
pub fn template_config_hash(config: &Value) -> Result<TemplateConfigHash> {
    let normalized = NormalizedConfig::new(config)?;
    let mut canonical = Vec::with_capacity(normalized.size_hint());
    normalized.write_canonical(&mut canonical)?;
    let config_hash = sha256_hex(&canonical);
    let canonical = String::from_utf8(canonical).map_err(|_| {
        Error::new(
            ErrorKind::InvariantViolation,
            "$",
            "canonical JSON is not UTF-8",
        )
    })?;
    Ok(TemplateConfigHash {
        config_hash,
        canonical,
        normalization_version: NORMALIZATION_VERSION,
    })
}

/// Hashes a template config given as JSON text, parsed strictly (duplicate
/// keys, lone surrogates and overflowing numbers are errors).
pub fn template_config_hash_from_bytes(bytes: &[u8]) -> Result<TemplateConfigHash> {
    template_config_hash(&parse_strict(bytes)?)
}

/// The normalised document that [`template_config_hash`] canonicalises,
/// `normalization_version` included.
pub fn normalize_template_config(config: &Value) -> Result<Value> {
    Ok(NormalizedConfig::new(config)?.into_value())
}

/// SHA-256 of `bytes` as 64 lower-case hex digits.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digit = |nibble: u8| char::from(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'));
    let mut hex = String::with_capacity(64);
    for byte in Sha256::digest(bytes) {
        hex.push(digit(byte >> 4));
        hex.push(digit(byte & 0xf));
    }
    hex
}
