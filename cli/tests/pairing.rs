//! `verity pair`, `verity verify-golden`, `verity metrics` end to end.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;
use support::{repo_root, scratch_dir};

/// Runs `verity` from the repository root with `env` set and no inherited
/// `PAIR_*` variables.
fn verity(args: &[&str], env: &[(&str, &str)]) -> Output {
    support::verity_with(args, None, |cmd| {
        cmd.current_dir(repo_root());
        for (k, _) in std::env::vars().filter(|(k, _)| k.starts_with("PAIR_")) {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
    })
}

fn scratch(name: &str) -> PathBuf {
    scratch_dir(&format!("cli-pairing-{name}"))
}

fn twins(dir: &Path) -> PathBuf {
    let path = dir.join("twins.json");
    let doc = r#"{"images": [
        {"id": "f1", "view": "front", "brand": "Acme", "product_name": "Body Lotion"},
        {"id": "f2", "view": "front", "brand": "Acme", "product_name": "Body Lotion"},
        {"id": "b1", "view": "back", "brand": "Acme", "product_name": "Body Lotion"},
        {"id": "b2", "view": "back", "brand": "Acme", "product_name": "Body Lotion"}]}"#;
    std::fs::write(&path, doc).unwrap();
    path
}

#[test]
fn pair_writes_pairing_and_metrics() {
    let dir = scratch("pair");
    let metrics = dir.join("m.json");
    let out = verity(
        &[
            "pair",
            "tests/golden/analysis.json",
            "--metrics-out",
            metrics.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pairing: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(pairing["pairs"].as_array().is_some_and(|p| !p.is_empty()));
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&metrics).unwrap()).unwrap();
    assert_eq!(m, pairing["metrics"]);
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("tests/golden/pairing-expected.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(pairing, expected);
}

#[test]
fn environment_sets_thresholds_and_bad_values_exit_2() {
    let dir = scratch("env");
    let analysis = twins(&dir);
    let a = analysis.to_str().unwrap();
    let open: serde_json::Value =
        serde_json::from_slice(&verity(&["pair", a], &[]).stdout).unwrap();
    assert_eq!(open["tiebreaks"].as_array().map(Vec::len), Some(2));
    let safe = verity(&["pair", a], &[("PAIR_DISABLE_TIEBREAK", "1")]);
    let safe: serde_json::Value = serde_json::from_slice(&safe.stdout).unwrap();
    assert_eq!(safe["tiebreaks"], serde_json::json!([]));
    assert_eq!(safe["config"]["disable_tiebreak"], true);
    let bad = verity(&["pair", a], &[("PAIR_AUTO_SCORE", "-1")]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("invalid_config at $.PAIR_AUTO_SCORE") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn decisions_turn_tiebreaks_into_model_pairs() {
    let dir = scratch("decisions");
    let analysis = twins(&dir);
    let decisions = dir.join("d.json");
    std::fs::write(
        &decisions,
        r#"{"decisions": [{"front": "f1", "back": "b2"}, {"front": "f2", "back": "b1"}]}"#,
    )
    .unwrap();
    let out = verity(
        &[
            "pair",
            analysis.to_str().unwrap(),
            "--decisions",
            decisions.to_str().unwrap(),
        ],
        &[],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["metrics"]["totals"]["model_pairs"], 2);
    assert_eq!(v["pairs"][0]["decided_by"], "model");
}

#[test]
fn bad_analysis_exits_2_naming_image_and_field() {
    let dir = scratch("bad");
    let path = dir.join("bad.json");
    std::fs::write(
        &path,
        r##"{"images": [{"id": "a", "view": "front", "colors": ["#zzzzzz"]}]}"##,
    )
    .unwrap();
    let out = verity(&["pair", path.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("$.images[0].colors[0]") && err.contains("id \"a\""),
        "{err}"
    );
}

#[test]
fn verify_golden_passes_and_reports_drift() {
    let ok = verity(
        &["verify-golden", "tests/golden"],
        &[("PAIR_AUTO_SCORE", "9")],
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).starts_with("golden OK"));

    let dir = scratch("golden");
    for f in [
        "analysis.json",
        "pairing-expected.json",
        "metrics-expected.json",
    ] {
        std::fs::copy(repo_root().join("tests/golden").join(f), dir.join(f)).unwrap();
    }
    std::fs::write(dir.join("config.json"), r#"{"auto_pair_score": 4.5}"#).unwrap();
    let drift = verity(&["verify-golden", dir.to_str().unwrap()], &[]);
    assert_eq!(drift.status.code(), Some(1));
    let text = String::from_utf8_lossy(&drift.stdout);
    assert!(
        text.contains("golden differs")
            && text.contains("metrics $.thresholds.auto_pair_score: expected 1.8, got 4.5"),
        "{text}"
    );
}

#[test]
fn metrics_prints_and_compares() {
    let one = verity(&["metrics", "tests/golden/metrics-expected.json"], &[]);
    assert_eq!(one.status.code(), Some(0));
    let text = String::from_utf8_lossy(&one.stdout);
    assert!(
        text.contains("pair rate") && text.contains("singleton reasons:"),
        "{text}"
    );

    let dir = scratch("metrics");
    let mut m: serde_json::Value = serde_json::from_slice(
        &std::fs::read(repo_root().join("tests/golden/metrics-expected.json")).unwrap(),
    )
    .unwrap();
    m["totals"]["pairs"] = serde_json::json!(m["totals"]["pairs"].as_u64().unwrap() - 3);
    let today = dir.join("today.json");
    std::fs::write(&today, serde_json::to_vec(&m).unwrap()).unwrap();
    let cmp = verity(
        &[
            "metrics",
            "tests/golden/metrics-expected.json",
            today.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(cmp.status.code(), Some(0));
    let text = String::from_utf8_lossy(&cmp.stdout);
    assert!(
        text.contains("1 change(s)") && text.contains("$.totals.pairs") && text.contains("(-3)"),
        "{text}"
    );
    let bad = verity(&["metrics", "tests/golden/analysis.json"], &[]);
    assert_eq!(bad.status.code(), Some(2));
}
