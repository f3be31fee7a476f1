//! Quick wall-clock check of pairing runs per size (development aid; the
//! numbers in BENCHMARKS.md come from the criterion bench).
use verity::pairing::{pair_images, parse_analysis, PairingConfig};
use verity_benches::pairing_gen::{generate, Noise};
fn main() {
    for (n, reps) in sizes() {
        let (analysis, _) = generate(n, 7, &Noise::REALISTIC);
        let images = parse_analysis(&analysis).unwrap();
        let t = std::time::Instant::now();
        for _ in 0..reps {
            pair_images(&images, &PairingConfig::default(), None).unwrap();
        }
        println!("{n}: {:?} per run", t.elapsed() / reps);
    }
}

/// Sizes and repetitions; `PAIRING_TIMING_SMALL=1` times 100-image runs only.
fn sizes() -> Vec<(usize, u32)> {
    if std::env::var_os("PAIRING_TIMING_SMALL").is_some() {
        vec![(100, 3000)]
    } else {
        vec![(100, 200), (1000, 20), (10_000, 2)]
    }
}
