//! The requested grounding mode and the hard/soft enforcement mode, with the
//! default capability table that decides which models can be forced to search.

use crate::error::{Error, ErrorKind, Result};
use crate::metadata::Provider;
use serde::{Deserialize, Serialize};

/// What the caller asked of the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestedMode {
    /// The run must not search the web at all.
    Ungrounded,
    /// Searching is allowed, not required.
    Preferred,
    /// The run must perform at least one successful search.
    Required,
}

impl RequestedMode {
    /// All modes, in their documented output order.
    pub const ALL: [RequestedMode; 3] = [
        RequestedMode::Ungrounded,
        RequestedMode::Preferred,
        RequestedMode::Required,
    ];

    /// Parses `UNGROUNDED` | `PREFERRED` | `REQUIRED` (case-sensitive).
    /// The error is [`ErrorKind::InvalidInput`] at `$.mode`.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "UNGROUNDED" => Ok(RequestedMode::Ungrounded),
            "PREFERRED" => Ok(RequestedMode::Preferred),
            "REQUIRED" => Ok(RequestedMode::Required),
            other => Err(Error::invalid_input(
                "$.mode",
                format!("unknown mode {other:?}: expected UNGROUNDED, PREFERRED or REQUIRED"),
            )),
        }
    }

    /// The wire name, e.g. `"REQUIRED"`.
    pub fn as_str(self) -> &'static str {
        match self {
            RequestedMode::Ungrounded => "UNGROUNDED",
            RequestedMode::Preferred => "PREFERRED",
            RequestedMode::Required => "REQUIRED",
        }
    }
}

impl std::str::FromStr for RequestedMode {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        Self::parse(text)
    }
}

/// How strongly REQUIRED could be enforced on the provider side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnforcementMode {
    /// The provider was told to call a tool (`tool_choice: "required"` or
    /// equivalent); a run without a search is a hard failure.
    Hard,
    /// The model cannot be forced to call a tool (GPT-5 family, Gemini
    /// grounding); only a search-first directive was given.
    Soft,
}

impl EnforcementMode {
    /// Parses `hard` | `soft` (case-sensitive). The error is
    /// [`ErrorKind::InvalidInput`] at `$.enforcement_mode`.
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "hard" => Ok(EnforcementMode::Hard),
            "soft" => Ok(EnforcementMode::Soft),
            other => Err(Error::invalid_input(
                "$.enforcement_mode",
                format!("unknown enforcement mode {other:?}: expected hard or soft"),
            )),
        }
    }

    /// The wire name, e.g. `"soft"`.
    pub fn as_str(self) -> &'static str {
        match self {
            EnforcementMode::Hard => "hard",
            EnforcementMode::Soft => "soft",
        }
    }
}

impl std::str::FromStr for EnforcementMode {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        Self::parse(text)
    }
}

/// One row of the capability table: models matching `model_prefix` (on the
/// normalised model id) and/or `provider` get `enforcement_mode`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnforcementModeRule {
    /// Prefix of the normalised model id (lower-case, routing and resource
    /// prefixes such as `openai/` or `models/` removed, `ft:` removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_prefix: Option<String>,
    /// Provider the rule applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    /// The mode given to matching models.
    pub enforcement_mode: EnforcementMode,
}

/// The default enforcement-mode capability table, as data: the first rule
/// that matches wins, otherwise `default`. Callers replace or extend it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "TableData")]
pub struct EnforcementModeTable {
    rules: Vec<EnforcementModeRule>,
    default: EnforcementMode,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableData {
    rules: Vec<EnforcementModeRule>,
    default: EnforcementMode,
}

impl TryFrom<TableData> for EnforcementModeTable {
    type Error = Error;
    fn try_from(data: TableData) -> Result<Self> {
        Self::new(data.rules, data.default)
    }
}

impl Default for EnforcementModeTable {
    /// GPT-5 family → soft (`tool_choice: "required"` unsupported); Google
    /// (Gemini grounding cannot be forced) → soft; everything else → hard.
    fn default() -> Self {
        EnforcementModeTable {
            rules: vec![
                EnforcementModeRule {
                    model_prefix: Some("gpt-5".to_owned()),
                    provider: None,
                    enforcement_mode: EnforcementMode::Soft,
                },
                EnforcementModeRule {
                    model_prefix: None,
                    provider: Some(Provider::Google),
                    enforcement_mode: EnforcementMode::Soft,
                },
            ],
            default: EnforcementMode::Hard,
        }
    }
}

impl EnforcementModeTable {
    /// A table from rules and a fallback; every rule must name a model
    /// prefix or a provider ([`ErrorKind::InvalidConfig`] otherwise).
    pub fn new(rules: Vec<EnforcementModeRule>, default: EnforcementMode) -> Result<Self> {
        for (i, rule) in rules.iter().enumerate() {
            if rule.model_prefix.is_none() && rule.provider.is_none() {
                return Err(Error::new(
                    ErrorKind::InvalidConfig,
                    format!("$.rules[{i}]"),
                    "a rule needs model_prefix or provider",
                ));
            }
        }
        let rules = rules
            .into_iter()
            .map(|mut rule| {
                rule.model_prefix = rule.model_prefix.map(|p| p.to_ascii_lowercase());
                rule
            })
            .collect();
        Ok(EnforcementModeTable { rules, default })
    }

    /// Parses a table from its JSON form `{"rules": [...], "default": "hard"}`.
    /// Type errors name the field (`$.rules[0].enforcement_mode`); a rule
    /// without prefix or provider is `invalid_config` at `$.rules[i]`.
    pub fn from_json(value: &serde_json::Value) -> Result<Self> {
        let data: TableData = crate::json::from_value(value)?;
        Self::new(data.rules, data.default)
    }

    /// The rules, in matching order.
    pub fn rules(&self) -> &[EnforcementModeRule] {
        &self.rules
    }

    /// The mode of models no rule matches.
    pub fn default_mode(&self) -> EnforcementMode {
        self.default
    }

    /// The mode for `model` served by `provider`.
    pub fn lookup(&self, model: Option<&str>, provider: Provider) -> EnforcementMode {
        let normalised = model.map(normalise_model_id);
        self.rules
            .iter()
            .find(|rule| {
                let model_ok = match (&rule.model_prefix, &normalised) {
                    (None, _) => true,
                    (Some(prefix), Some(id)) => id.starts_with(prefix.as_str()),
                    (Some(_), None) => false,
                };
                model_ok && rule.provider.is_none_or(|p| p == provider)
            })
            .map_or(self.default, |rule| rule.enforcement_mode)
    }
}

/// Lower-cases a model id and drops routing/resource prefixes (everything up
/// to the last `/`, e.g. `openai/`, `models/`, `publishers/google/models/`)
/// and the fine-tune marker `ft:`.
pub(crate) fn normalise_model_id(model: &str) -> String {
    let lower = model.trim().to_ascii_lowercase();
    let last = lower.rsplit('/').next().unwrap_or(&lower);
    last.strip_prefix("ft:").unwrap_or(last).to_owned()
}

/// Whether `model` belongs to the GPT-5 family (the seed's `/^gpt-5/i`).
pub(crate) fn is_gpt5_family(model: Option<&str>) -> bool {
    model.is_some_and(|m| normalise_model_id(m).starts_with("gpt-5"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_case_sensitively() {
        assert_eq!(
            RequestedMode::parse("REQUIRED").unwrap(),
            RequestedMode::Required
        );
        let e = RequestedMode::parse("required").unwrap_err();
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, "$.mode"));
        let e = EnforcementMode::parse("HARD").unwrap_err();
        assert_eq!(e.path(), "$.enforcement_mode");
    }

    #[test]
    fn default_table_matches_the_spec() {
        let table = EnforcementModeTable::default();
        let soft = EnforcementMode::Soft;
        let hard = EnforcementMode::Hard;
        assert_eq!(table.lookup(Some("gpt-5"), Provider::Openai), soft);
        assert_eq!(
            table.lookup(Some("openai/GPT-5-mini"), Provider::Openai),
            soft
        );
        assert_eq!(table.lookup(Some("gpt-4.1"), Provider::Openai), hard);
        assert_eq!(table.lookup(Some("gemini-2.5-pro"), Provider::Google), soft);
        assert_eq!(table.lookup(None, Provider::Google), soft);
        assert_eq!(
            table.lookup(Some("claude-sonnet-4-5"), Provider::Anthropic),
            hard
        );
        assert_eq!(table.lookup(None, Provider::Unknown), hard);
    }

    #[test]
    fn tables_round_trip_and_refuse_empty_rules() {
        let json = serde_json::to_value(EnforcementModeTable::default()).unwrap();
        assert_eq!(
            EnforcementModeTable::from_json(&json).unwrap(),
            EnforcementModeTable::default()
        );
        let bad = serde_json::json!({"rules": [{"enforcement_mode": "soft"}], "default": "hard"});
        let e = EnforcementModeTable::from_json(&bad).unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::InvalidConfig, "$.rules[0]")
        );
        let bad = serde_json::json!({"rules": [{"provider": "google", "enforcement_mode": "firm"}], "default": "hard"});
        let e = EnforcementModeTable::from_json(&bad).unwrap_err();
        assert_eq!(e.path(), "$.rules[0].enforcement_mode");
        let custom = serde_json::json!({
            "rules": [{"model_prefix": "O3", "enforcement_mode": "soft"}],
            "default": "hard"
        });
        let table = EnforcementModeTable::from_json(&custom).unwrap();
        assert_eq!(
            table.lookup(Some("o3-mini"), Provider::Openai),
            EnforcementMode::Soft
        );
    }
}
