//! Threshold sweep on synthetic batches (development aid):
//! `cargo run -p verity-benches --example pairing_sweep --release`.
use verity::pairing::{pair, PairingConfig};
use verity_benches::pairing_gen::{evaluate, generate, Noise};
fn main() {
    for noise in [Noise::REALISTIC, Noise::HEAVY] {
        let batches: Vec<_> = [1u64, 2]
            .iter()
            .map(|s| generate(4000, *s, &noise))
            .collect();
        for t in ["1.6", "1.8", "2.0", "2.2", "2.4"] {
            for mm in ["0.3", "0.5"] {
                let cfg =
                    PairingConfig::from_env([("PAIR_AUTO_SCORE", t), ("PAIR_MIN_MARGIN", mm)])
                        .unwrap();
                let (mut p, mut r, mut tb) = (0.0, 0.0, 0);
                for (analysis, truth) in &batches {
                    let res = pair(analysis, &cfg, None).unwrap();
                    let got: Vec<_> = res
                        .pairs()
                        .iter()
                        .map(|p| (p.front().to_owned(), p.back().to_owned()))
                        .collect();
                    let q = evaluate(&got, &[], truth, 1);
                    p += q.precision / 2.0;
                    r += q.recall / 2.0;
                    tb += res.metrics().totals().tiebreaks;
                }
                println!("{} auto_pair_score={t} min_margin={mm} precision={:.4} recall={:.4} tiebreaks={tb}", noise.name, p, r);
            }
        }
    }
}
