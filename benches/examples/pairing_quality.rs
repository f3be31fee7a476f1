//! Pairing quality on synthetic batches with ground truth, at two noise
//! levels, against the naive baseline (each front takes the next back in
//! capture order). Run: `cargo run -p verity-benches --example pairing_quality --release`.
//!
//! Rows: tie-breaks left open (ambiguous fronts count as unpaired); tie-breaks
//! answered by an oracle standing in for the host's LLM (second `pair` call
//! with decisions); safe mode (`PAIR_DISABLE_TIEBREAK=1`); the naive baseline.

use std::collections::HashMap;
use verity::pairing::{pair, verify_contract, Decision, Decisions, PairingConfig, PairingResult};
use verity_benches::pairing_gen::{evaluate, generate, naive_baseline, Noise, Truth};

const IMAGES: usize = 5000;
const SEEDS: [u64; 3] = [1, 2, 3];

#[derive(Default)]
struct Sum {
    precision: f64,
    recall: f64,
    pair_rate: f64,
    singleton_rate: f64,
    extras: f64,
    tiebreak_rate: f64,
    violations: usize,
}

fn oracle(result: &PairingResult, truth: &Truth) -> Decisions {
    let back_of: HashMap<&str, &str> = truth
        .pairs
        .iter()
        .map(|(f, b)| (f.as_str(), b.as_str()))
        .collect();
    Decisions::new(
        result
            .tiebreaks()
            .iter()
            .map(|t| {
                let right = back_of
                    .get(t.front())
                    .filter(|b| t.candidates().iter().any(|c| c.back() == **b));
                Decision::new(t.front(), right.map(|b| (*b).to_owned()))
            })
            .collect(),
    )
}

fn main() {
    println!("| noise | method | precision | recall | pair rate | singleton rate | extras attached | tie-breaks / fronts | contract violations |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let safe = PairingConfig::from_env([("PAIR_DISABLE_TIEBREAK", "1")]).expect("config");
    for noise in [Noise::REALISTIC, Noise::HEAVY] {
        for method in [
            "tie-breaks open",
            "tie-breaks answered (oracle)",
            "safe mode",
        ] {
            let mut sum = Sum::default();
            for seed in SEEDS {
                let (analysis, truth) = generate(IMAGES, seed, &noise);
                let config = if method == "safe mode" {
                    safe.clone()
                } else {
                    PairingConfig::default()
                };
                let first = pair(&analysis, &config, None).expect("pairing");
                let fronts = first.metrics().totals().fronts.max(1);
                sum.tiebreak_rate += first.metrics().totals().tiebreaks as f64 / fronts as f64;
                let result = if method.starts_with("tie-breaks answered") {
                    pair(&analysis, &config, Some(&oracle(&first, &truth))).expect("second pass")
                } else {
                    first
                };
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
                let q = evaluate(&predicted, &extras, &truth, fronts);
                sum.precision += q.precision;
                sum.recall += q.recall;
                sum.pair_rate += q.pair_rate;
                sum.singleton_rate += result.metrics().singleton_rate();
                sum.extras += q.extras_attachment;
                let doc = serde_json::to_value(&result).expect("json");
                sum.violations += verify_contract(&analysis, &doc).expect("contract").len();
            }
            let n = SEEDS.len() as f64;
            println!(
                "| {} | verity, {method} | {:.2}% | {:.2}% | {:.2}% | {:.2}% | {:.1}% | {:.2}% | {} |",
                noise.name,
                100.0 * sum.precision / n,
                100.0 * sum.recall / n,
                100.0 * sum.pair_rate / n,
                100.0 * sum.singleton_rate / n,
                100.0 * sum.extras / n,
                100.0 * sum.tiebreak_rate / n,
                sum.violations
            );
        }
        let (mut p, mut r, mut pr) = (0.0, 0.0, 0.0);
        for seed in SEEDS {
            let (analysis, truth) = generate(IMAGES, seed, &noise);
            let base = naive_baseline(&analysis);
            let fronts = analysis["images"]
                .as_array()
                .map_or(0, |l| l.iter().filter(|i| i["view"] == "front").count());
            let q = evaluate(&base, &[], &truth, fronts);
            p += q.precision;
            r += q.recall;
            pr += q.pair_rate;
        }
        let n = SEEDS.len() as f64;
        println!(
            "| {} | naive next back | {:.2}% | {:.2}% | {:.2}% | – | – | – | – |",
            noise.name,
            100.0 * p / n,
            100.0 * r / n,
            100.0 * pr / n
        );
    }
}
