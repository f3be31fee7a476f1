//! Regenerates the pairing golden files from the synthetic generator:
//! `cargo run -p verity-benches --example pairing_golden` (then review the
//! diff and commit). Writes tests/golden/{analysis,pairing-expected,metrics-expected}.json.

use verity::pairing::{pair, PairingConfig};
use verity_benches::pairing_gen::{generate, Noise};

fn main() -> std::io::Result<()> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden");
    std::fs::create_dir_all(&dir)?;
    let (analysis, _) = generate(300, 20251001, &Noise::REALISTIC);
    let result = pair(&analysis, &PairingConfig::default(), None).expect("golden batch pairs");
    let write = |name: &str, v: &serde_json::Value| {
        let mut bytes = serde_json::to_vec_pretty(v).expect("json");
        bytes.push(b'\n');
        std::fs::write(dir.join(name), bytes)
    };
    write("analysis.json", &analysis)?;
    write(
        "pairing-expected.json",
        &serde_json::to_value(&result).expect("json"),
    )?;
    write(
        "metrics-expected.json",
        &serde_json::to_value(result.metrics()).expect("json"),
    )?;
    println!("wrote {}", dir.display());
    Ok(())
}
