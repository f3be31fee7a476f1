//! Prompt hashes and the idempotency keys of seed 001.
//!
//! Key formats (`YYYYMMDDHH` = UTC hour of the given time):
//! - `probe:{org}:{workspace}:{template}:{provider}:{model}:{YYYYMMDDHH}`
//! - `run:{org}:{workspace}:{template}:{version}:{country}:{YYYYMMDDHH}`
//!
//! Each component is escaped `%` → `%25`, then `:` → `%3A` (nothing else
//! changes), so an escaped component never contains `:` and splitting a key
//! on `:` recovers the components exactly: the mapping is injective and
//! [`parse_idempotency_key`] inverts it. Components must be non-empty.
//! Components are used verbatim otherwise (no case folding: `CH` and `ch`
//! are different countries here; normalise before calling if you want that).

use super::template::sha256_hex;
use super::timestamp::Timestamp;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// SHA-256 hex of the exact UTF-8 bytes of a rendered prompt (no normalisation).
pub fn rendered_prompt_sha256(text: &str) -> String {
    sha256_hex(text.as_bytes())
}

/// `probe:{org}:{workspace}:{template}:{provider}:{model}:{YYYYMMDDHH}`.
///
/// Errors name the argument: `$.org_id`, `$.workspace_id`, `$.template_id`,
/// `$.provider`, `$.model` (empty) or `$.at` (invalid time).
pub fn probe_idempotency_key(
    org_id: &str,
    workspace_id: &str,
    template_id: &str,
    provider: &str,
    model: &str,
    at: &Timestamp,
) -> Result<String> {
    build_key(
        "probe",
        &[
            ("org_id", org_id),
            ("workspace_id", workspace_id),
            ("template_id", template_id),
            ("provider", provider),
            ("model", model),
        ],
        at,
    )
}

/// `run:{org}:{workspace}:{template}:{version}:{country}:{YYYYMMDDHH}`.
///
/// Errors name the argument as [`probe_idempotency_key`] does (`$.version`,
/// `$.country`).
pub fn run_idempotency_key(
    org_id: &str,
    workspace_id: &str,
    template_id: &str,
    version: &str,
    country: &str,
    at: &Timestamp,
) -> Result<String> {
    build_key(
        "run",
        &[
            ("org_id", org_id),
            ("workspace_id", workspace_id),
            ("template_id", template_id),
            ("version", version),
            ("country", country),
        ],
        at,
    )
}

/// A parsed idempotency key. JSON form: `{"kind": "probe", "org_id": ..,
/// "workspace_id": .., "template_id": .., "provider": .., "model": .., "hour": "YYYYMMDDHH"}`
/// or `{"kind": "run", ..., "version": .., "country": .., "hour": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IdempotencyKey {
    /// A provider-version probe key.
    Probe {
        /// Organisation id.
        org_id: String,
        /// Workspace id.
        workspace_id: String,
        /// Template id.
        template_id: String,
        /// Provider name.
        provider: String,
        /// Model id.
        model: String,
        /// UTC hour `YYYYMMDDHH`.
        hour: String,
    },
    /// A template-run key.
    Run {
        /// Organisation id.
        org_id: String,
        /// Workspace id.
        workspace_id: String,
        /// Template id.
        template_id: String,
        /// Template version id.
        version: String,
        /// Country code as given.
        country: String,
        /// UTC hour `YYYYMMDDHH`.
        hour: String,
    },
}

/// Parses a key built by [`probe_idempotency_key`] or
/// [`run_idempotency_key`] back into its components (unescaped).
pub fn parse_idempotency_key(key: &str) -> Result<IdempotencyKey> {
    let bad = |why: &str| Error::invalid_input("$", format!("not an idempotency key: {why}"));
    let parts: Vec<&str> = key.split(':').collect();
    let [kind, org, workspace, template, fourth, fifth, hour] = parts.as_slice() else {
        return Err(bad("expected 7 ':'-separated parts"));
    };
    if !is_valid_hour(hour) {
        return Err(bad("the last part is not a UTC hour YYYYMMDDHH"));
    }
    let field = |part: &str| {
        unescape(part).ok_or_else(|| bad("invalid component escape or empty component"))
    };
    let (org_id, workspace_id, template_id) = (field(org)?, field(workspace)?, field(template)?);
    let (fourth, fifth, hour) = (field(fourth)?, field(fifth)?, (*hour).to_owned());
    match *kind {
        "probe" => Ok(IdempotencyKey::Probe {
            org_id,
            workspace_id,
            template_id,
            provider: fourth,
            model: fifth,
            hour,
        }),
        "run" => Ok(IdempotencyKey::Run {
            org_id,
            workspace_id,
            template_id,
            version: fourth,
            country: fifth,
            hour,
        }),
        _ => Err(bad("the prefix is neither 'probe' nor 'run'")),
    }
}

fn build_key(prefix: &str, components: &[(&str, &str)], at: &Timestamp) -> Result<String> {
    let mut key = String::from(prefix);
    for (name, value) in components {
        if value.is_empty() {
            return Err(Error::invalid_input(
                format!("$.{name}"),
                "must not be empty",
            ));
        }
        key.push(':');
        escape_into(value, &mut key);
    }
    let hour = at.utc_hour().map_err(|e| e.under("$.at"))?;
    key.push(':');
    key.push_str(&hour);
    Ok(key)
}

fn escape_into(component: &str, out: &mut String) {
    for c in component.chars() {
        match c {
            '%' => out.push_str("%25"),
            ':' => out.push_str("%3A"),
            other => out.push(other),
        }
    }
}

/// Inverse of [`escape_into`]; `None` for any `%` not starting `%25`/`%3A`
/// (such text is never produced, so accepting it would break round-trips).
fn unescape(part: &str) -> Option<String> {
    if part.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(i) = rest.find('%') {
        out.push_str(rest.get(..i)?);
        let after = rest.get(i..)?;
        if let Some(tail) = after.strip_prefix("%25") {
            out.push('%');
            rest = tail;
        } else if let Some(tail) = after.strip_prefix("%3A") {
            out.push(':');
            rest = tail;
        } else {
            return None;
        }
    }
    out.push_str(rest);
    Some(out)
}

fn is_valid_hour(hour: &str) -> bool {
    hour.len() == 10
        && hour.bytes().all(|b| b.is_ascii_digit())
        && hour.get(..8).is_some_and(|date| {
            let text = format!(
                "{}-{}-{}T{}:00:00Z",
                date.get(..4).unwrap_or_default(),
                date.get(4..6).unwrap_or_default(),
                date.get(6..8).unwrap_or_default(),
                hour.get(8..).unwrap_or_default()
            );
            Timestamp::Rfc3339(text).utc_hour().is_ok_and(|h| h == hour)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn seed_formats() {
        let at = Timestamp::from("2025-11-21T23:05:00Z");
        let probe =
            probe_idempotency_key("default", "ws-1", "tpl-9", "openai", "gpt-4o", &at).unwrap();
        assert_eq!(probe, "probe:default:ws-1:tpl-9:openai:gpt-4o:2025112123");
        let run = run_idempotency_key(
            "default",
            "ws-1",
            "tpl-9",
            "3",
            "CH",
            &Timestamp::from(1_763_766_300),
        )
        .unwrap();
        assert_eq!(run, "run:default:ws-1:tpl-9:3:CH:2025112123");
    }

    #[test]
    fn colons_cannot_forge_keys() {
        let at = Timestamp::from(0);
        let a = run_idempotency_key("o", "w:x", "t", "1", "CH", &at).unwrap();
        let b = run_idempotency_key("o:w", "x", "t", "1", "CH", &at).unwrap();
        assert_ne!(a, b);
        assert_eq!(a, "run:o:w%3Ax:t:1:CH:1970010100");
        let pct = run_idempotency_key("o", "w%3Ax", "t", "1", "CH", &at).unwrap();
        assert_eq!(pct, "run:o:w%253Ax:t:1:CH:1970010100");
        assert_ne!(pct, a);
    }

    #[test]
    fn errors_name_the_argument() {
        let at = Timestamp::from(0);
        let e = probe_idempotency_key("o", "", "t", "p", "m", &at).unwrap_err();
        assert_eq!(e.path(), "$.workspace_id");
        let e = run_idempotency_key("o", "w", "t", "1", "CH", &Timestamp::from("yesterday"))
            .unwrap_err();
        assert_eq!(e.path(), "$.at");
    }

    #[test]
    fn malformed_keys_are_refused() {
        for key in [
            "",
            "probe:a:b:c:d:e",
            "probe:a:b:c:d:e:f:2025112123",
            "walk:a:b:c:d:e:2025112123",
            "run:a::c:d:e:2025112123",
            "run:a:b%:c:d:e:2025112123",
            "run:a:b%3a:c:d:e:2025112123",
            "run:a:b:c:d:e:2025112124x",
            "run:a:b:c:d:e:2025113123",
            "run:a:b:c:d:e:2025112124",
        ] {
            assert!(parse_idempotency_key(key).is_err(), "{key:?}");
        }
    }

    fn component() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-z:%]{1,6}",
            // Alphabet of escape sequences: tries to forge %3A / %25 by hand.
            "[:%3A25]{1,5}",
            "\\PC{1,8}",
            Just("%3A".to_owned()),
            Just(":".to_owned()),
        ]
    }

    fn inputs() -> impl Strategy<Value = (bool, [String; 5], i64)> {
        (
            any::<bool>(),
            proptest::array::uniform5(component()),
            0i64..4_000_000_000,
        )
    }

    fn key_of((probe, c, at): &(bool, [String; 5], i64)) -> String {
        let at = Timestamp::from(*at);
        let build = if *probe {
            probe_idempotency_key
        } else {
            run_idempotency_key
        };
        build(&c[0], &c[1], &c[2], &c[3], &c[4], &at).unwrap()
    }

    proptest! {
        #[test]
        fn keys_round_trip(input in inputs()) {
            let key = key_of(&input);
            let (probe, c, at) = &input;
            let hour = Timestamp::from(*at).utc_hour().unwrap();
            let expected = if *probe {
                IdempotencyKey::Probe { org_id: c[0].clone(), workspace_id: c[1].clone(), template_id: c[2].clone(), provider: c[3].clone(), model: c[4].clone(), hour }
            } else {
                IdempotencyKey::Run { org_id: c[0].clone(), workspace_id: c[1].clone(), template_id: c[2].clone(), version: c[3].clone(), country: c[4].clone(), hour }
            };
            prop_assert_eq!(parse_idempotency_key(&key).unwrap(), expected);
        }

        #[test]
        fn distinct_inputs_give_distinct_keys(a in inputs(), b in inputs()) {
            let hours_equal = Timestamp::from(a.2).utc_hour().unwrap() == Timestamp::from(b.2).utc_hour().unwrap();
            let same = a.0 == b.0 && a.1 == b.1 && hours_equal;
            prop_assert_eq!(key_of(&a) == key_of(&b), same);
        }

        #[test]
        fn near_miss_components_give_distinct_keys(c in proptest::array::uniform5(component()), i in 0usize..5, extra in component()) {
            let mut other = c.clone();
            other[i].push_str(&extra);
            prop_assert_ne!(key_of(&(true, c, 0)), key_of(&(true, other, 0)));
        }
    }
}
