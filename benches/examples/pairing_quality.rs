//! Pairing quality on synthetic batches with ground truth, at two noise
//! levels, against the naive baseline (each front takes the next back in
//! capture order). Run: `cargo run -p verity-benches --example pairing_quality --release`.

use verity::pairing::{pair, verify_contract, PairingConfig};
use verity_benches::pairing_gen::{evaluate, generate, naive_baseline, Noise};

fn main() {
    let images = 5000;
    println!("| noise | method | precision | recall | pair rate | singleton rate | extras attached | tie-breaks | contract violations |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for noise in [Noise::REALISTIC, Noise::HEAVY] {
        for (label, config) in [
            ("verity (tie-breaks open)", PairingConfig::default()),
            (
                "verity safe mode",
                PairingConfig::from_env([("PAIR_DISABLE_TIEBREAK", "1")]).expect("config"),
            ),
        ] {
            let (mut p, mut r, mut pr, mut sr, mut xa, mut tb, mut violations) =
                (0.0, 0.0, 0.0, 0.0, 0.0, 0usize, 0usize);
            let seeds = [1u64, 2, 3];
            for seed in seeds {
                let (analysis, truth) = generate(images, seed, &noise);
                let result = pair(&analysis, &config, None).expect("pairing");
                let predicted: Vec<(String, String)> = result
                    .pairs()
                    .iter()
                    .map(|p| (p.front().to_owned(), p.back().to_owned()))
                    .collect();
                let extras: Vec<(String, String)> = result
                    .pairs()
                    .iter()
                    .flat_map(|p| p.extras().iter().map(|x| (x.clone(), p.front().to_owned())))
                    .collect();
                let m = result.metrics();
                let q = evaluate(&predicted, &extras, &truth, m.totals().fronts);
                p += q.precision;
                r += q.recall;
                pr += q.pair_rate;
                sr += m.singleton_rate();
                xa += q.extras_attachment;
                tb += m.totals().tiebreaks;
                let doc = serde_json::to_value(&result).expect("json");
                violations += verify_contract(&analysis, &doc).expect("contract").len();
            }
            let n = seeds.len() as f64;
            println!(
                "| {} | {label} | {:.2}% | {:.2}% | {:.2}% | {:.2}% | {:.1}% | {:.2} per 100 fronts | {violations} |",
                noise.name, 100.0 * p / n, 100.0 * r / n, 100.0 * pr / n, 100.0 * sr / n, 100.0 * xa / n,
                100.0 * tb as f64 / n / (images as f64 * 0.43)
            );
        }
        let (mut p, mut r, mut pr) = (0.0, 0.0, 0.0);
        for seed in [1u64, 2, 3] {
            let (analysis, truth) = generate(images, seed, &noise);
            let base = naive_baseline(&analysis);
            let fronts = analysis["images"]
                .as_array()
                .map_or(0, |l| l.iter().filter(|i| i["view"] == "front").count());
            let q = evaluate(&base, &[], &truth, fronts);
            p += q.precision;
            r += q.recall;
            pr += q.pair_rate;
        }
        println!(
            "| {} | naive next-back | {:.2}% | {:.2}% | {:.2}% | – | – | – | – |",
            noise.name,
            100.0 * p / 3.0,
            100.0 * r / 3.0,
            100.0 * pr / 3.0
        );
    }
}
