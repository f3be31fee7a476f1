//! Golden verification: run the engine on a frozen analysis and diff the
//! result against the blessed `pairing-expected.json` and
//! `metrics-expected.json`, as a list of readable differences.

use super::config::PairingConfig;
use super::pair;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One difference between an expected and an actual JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    /// Which document (`pairing` or `metrics`).
    pub document: String,
    /// `$`-rooted path of the differing value.
    pub path: String,
    /// The expected value (`null` when absent).
    pub expected: Option<Value>,
    /// The actual value (`null` when absent).
    pub actual: Option<Value>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |v: &Option<Value>| {
            v.as_ref()
                .map_or_else(|| "(absent)".to_owned(), Value::to_string)
        };
        write!(
            f,
            "{} {}: expected {}, got {}",
            self.document,
            self.path,
            show(&self.expected),
            show(&self.actual)
        )
    }
}

/// Differences between two JSON values, in document order. Arrays of
/// objects with an `id` or `front` key are compared by that key (so one
/// inserted pair shows as one difference, not a cascade).
pub fn diff_json(document: &str, expected: &Value, actual: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    diff("$", expected, actual, &mut |path, e, a| {
        out.push(Difference {
            document: document.to_owned(),
            path,
            expected: e.cloned(),
            actual: a.cloned(),
        })
    });
    out
}

fn key_of(v: &Value) -> Option<String> {
    let obj = v.as_object()?;
    ["id", "front"].iter().find_map(|k| {
        obj.get(*k)
            .and_then(Value::as_str)
            .map(|s| format!("{k}={s}"))
    })
}

/// Receives each difference: path, expected, actual.
type Emit<'a> = dyn FnMut(String, Option<&Value>, Option<&Value>) + 'a;

fn diff(path: &str, e: &Value, a: &Value, emit: &mut Emit<'_>) {
    match (e, a) {
        (Value::Object(em), Value::Object(am)) => {
            for (k, ev) in em {
                let p = crate::error::field_path(path, k);
                match am.get(k) {
                    Some(av) => diff(&p, ev, av, emit),
                    None => emit(p, Some(ev), None),
                }
            }
            for (k, av) in am {
                if !em.contains_key(k) {
                    emit(crate::error::field_path(path, k), None, Some(av));
                }
            }
        }
        (Value::Array(el), Value::Array(al)) => {
            let keyed = !el.is_empty() && el.iter().chain(al.iter()).all(|v| key_of(v).is_some());
            if keyed {
                let akeys: std::collections::HashMap<String, &Value> = al
                    .iter()
                    .filter_map(|v| key_of(v).map(|k| (k, v)))
                    .collect();
                let ekeys: std::collections::HashSet<String> =
                    el.iter().filter_map(key_of).collect();
                for ev in el {
                    let k = key_of(ev).unwrap_or_default();
                    let p = format!("{path}[{k}]");
                    match akeys.get(&k) {
                        Some(av) => diff(&p, ev, av, emit),
                        None => emit(p, Some(ev), None),
                    }
                }
                for av in al {
                    let k = key_of(av).unwrap_or_default();
                    if !ekeys.contains(&k) {
                        emit(format!("{path}[{k}]"), None, Some(av));
                    }
                }
            } else {
                for i in 0..el.len().max(al.len()) {
                    let p = crate::error::index_path(path, i);
                    match (el.get(i), al.get(i)) {
                        (Some(ev), Some(av)) => diff(&p, ev, av, emit),
                        (ev, av) => emit(p, ev, av),
                    }
                }
            }
        }
        _ if e == a => {}
        _ => emit(path.to_owned(), Some(e), Some(a)),
    }
}

/// Runs pairing on `analysis` with `config` and diffs against the expected
/// documents: empty means the golden run still holds.
pub fn verify_golden(
    analysis: &Value,
    expected_pairing: &Value,
    expected_metrics: &Value,
    config: &PairingConfig,
) -> Result<Vec<Difference>> {
    let result = pair(analysis, config, None)?;
    let actual = serde_json::to_value(&result).unwrap_or(Value::Null);
    let actual_metrics = serde_json::to_value(result.metrics()).unwrap_or(Value::Null);
    let mut out = diff_json("pairing", expected_pairing, &actual);
    out.extend(diff_json("metrics", expected_metrics, &actual_metrics));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diffs_by_key_and_path() {
        let e =
            json!({"pairs": [{"front": "a", "score": 1.0}, {"front": "b", "score": 2.0}], "n": 1});
        let a = json!({"pairs": [{"front": "b", "score": 2.5}, {"front": "c", "score": 1.0}], "n": 1, "x": true});
        let d = diff_json("pairing", &e, &a);
        let paths: Vec<&str> = d.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "$.pairs[front=a]",
                "$.pairs[front=b].score",
                "$.pairs[front=c]",
                "$.x"
            ]
        );
        assert_eq!(
            d[1].to_string(),
            "pairing $.pairs[front=b].score: expected 2.0, got 2.5"
        );
        assert!(diff_json("m", &e, &e).is_empty());
    }
}
