//! Runs the conformance vectors in `tests/vectors/pairing/` (format:
//! `tests/vectors/README.md`) through the shared runner (`support::vectors`).

mod support;

use serde_json::Value;
use support::vectors;
use verity::pairing::{pair, verify_contract, Decisions, PairingConfig};

fn call(op: &str, args: &Value) -> verity::Result<Value> {
    let opt = |k: &str| args.get(k).filter(|v| !v.is_null());
    match op {
        "pair" => {
            let config = match opt("config") {
                Some(c) => PairingConfig::from_value(c)?,
                None => PairingConfig::default(),
            };
            let decisions = opt("decisions").map(Decisions::from_value).transpose()?;
            let result = pair(&args["analysis"], &config, decisions.as_ref())?;
            Ok(serde_json::to_value(result).expect("serialises"))
        }
        "verify_contract" => {
            let violations = verify_contract(&args["analysis"], &args["pairing"])?;
            Ok(serde_json::to_value(violations).expect("serialises"))
        }
        other => panic!("unknown op {other}"),
    }
}

#[test]
fn pairing_vectors() {
    let ran = vectors::run_module("pairing", &call);
    assert!(ran >= 18, "only {ran} vectors ran");
}
