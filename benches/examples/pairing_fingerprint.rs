//! Dev aid: SHA-256 of the `pairing.json` bytes for a fixed set of synthetic
//! batches (sizes × seeds × noise levels × configs), to check that a
//! refactor of the engine leaves every output byte-identical.
use sha2::{Digest, Sha256};
use verity::pairing::{pair_images, parse_analysis, PairingConfig};
use verity_benches::pairing_gen::{generate, Noise};

fn main() {
    let configs = [
        PairingConfig::default(),
        PairingConfig::from_value(
            &serde_json::json!({"disable_tiebreak": true, "batch_max_chunk": 50}),
        )
        .expect("config"),
    ];
    let mut all = Sha256::new();
    for noise in [Noise::REALISTIC, Noise::HEAVY] {
        for (n, seed) in [(100, 1), (300, 2), (1000, 3), (3000, 4)] {
            let (analysis, _) = generate(n, seed, &noise);
            let images = parse_analysis(&analysis).expect("valid batch");
            for (c, config) in configs.iter().enumerate() {
                let result = pair_images(&images, config, None).expect("pairs");
                let bytes = serde_json::to_vec(&result).expect("json");
                let digest = Sha256::digest(&bytes);
                all.update(digest);
                println!("{} n={n} seed={seed} config={c}: {:x}", noise.name, digest);
            }
        }
    }
    println!("all: {:x}", all.finalize());
}
