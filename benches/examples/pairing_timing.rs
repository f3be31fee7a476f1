//! Quick wall-clock check of one pairing run per size (development aid; the
//! numbers in BENCHMARKS.md come from the criterion bench).
use verity::pairing::{pair_images, parse_analysis, PairingConfig};
use verity_benches::pairing_gen::{generate, Noise};
fn main() {
    for n in [100usize, 1000, 10_000] {
        let (analysis, _) = generate(n, 7, &Noise::REALISTIC);
        let images = parse_analysis(&analysis).unwrap();
        let t = std::time::Instant::now();
        let r = pair_images(&images, &PairingConfig::default(), None).unwrap();
        println!(
            "{n}: {:?} candidates={}",
            t.elapsed(),
            r.metrics().totals().candidates
        );
    }
}
