//! `verity verify-golden DIR`: re-run pairing on `DIR/analysis.json` and diff
//! against `pairing-expected.json` and `metrics-expected.json`. Uses
//! `DIR/config.json` when present and ignores `PAIR_*` variables, so the
//! check is reproducible. Exit 1 on any difference or contract violation.

use crate::io::{read_json, CliError, Outcome};
use verity::pairing::{pair, verify_golden, verify_result, PairingConfig};

/// Arguments of `verity verify-golden`.
#[derive(clap::Args)]
pub struct Args {
    /// Directory with analysis.json, pairing-expected.json, metrics-expected.json.
    pub dir: std::path::PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome, CliError> {
    let dir = &args.dir;
    let config_path = dir.join("config.json");
    let config = if config_path.exists() {
        super::pair::load_config(Some(&config_path), false)?
    } else {
        PairingConfig::default()
    };
    let analysis = read_json(&dir.join("analysis.json"))?;
    let expected_pairing = read_json(&dir.join("pairing-expected.json"))?;
    let expected_metrics = read_json(&dir.join("metrics-expected.json"))?;
    let diffs = verify_golden(&analysis, &expected_pairing, &expected_metrics, &config)?;
    let images = verity::pairing::parse_analysis(&analysis)?;
    let result = pair(&analysis, &config, None)?;
    let violations = verify_result(&images, &result);
    let totals = result.metrics().totals();
    if diffs.is_empty() && violations.is_empty() {
        println!(
            "golden OK: {} images, {} pairs, {} tie-breaks, {} singletons, 0 contract violations ({})",
            totals.images,
            totals.pairs,
            totals.tiebreaks,
            totals.singletons,
            dir.display()
        );
        return Ok(Outcome::Clean);
    }
    if !diffs.is_empty() {
        println!(
            "golden differs: {} difference(s) in {}",
            diffs.len(),
            dir.display()
        );
        for d in &diffs {
            println!("  {d}");
        }
    }
    for v in &violations {
        println!(
            "  contract violation {}: {} {:?}",
            v.code(),
            v.message(),
            v.ids()
        );
    }
    Ok(Outcome::Findings)
}
