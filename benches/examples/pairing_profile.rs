//! One pairing run of `n` images (argument, default 1000) for profilers:
//! `valgrind --tool=callgrind target/release/examples/pairing_profile 1000`
//! counts the instructions of the engine alone (generation and parsing are
//! excluded by running them before `pair_images` under `--toggle-collect`).
use verity::pairing::{pair_images, parse_analysis, PairingConfig};
use verity_benches::pairing_gen::{generate, Noise};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let (analysis, _) = generate(n, 7, &Noise::REALISTIC);
    let images = parse_analysis(&analysis).expect("valid batch");
    let result = run(&images);
    println!("{n} images: {} pairs", result.pairs().len());
}

#[inline(never)]
fn run(images: &[verity::pairing::Image]) -> verity::pairing::PairingResult {
    pair_images(images, &PairingConfig::default(), None).expect("pairs")
}
