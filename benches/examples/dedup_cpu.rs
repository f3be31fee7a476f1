//! CPU time per call of `template_config_hash` / `normalize_template_config`
//! on the bench's ~1 KB template config, for a loaded shared machine where
//! criterion's wall-clock medians are inflated by other processes:
//!
//! `cargo build --release -p verity-benches --example dedup_cpu &&
//!  /usr/bin/time -f '%U s user' target/release/examples/dedup_cpu hash 400000`
//!
//! (`bytes` instead of `hash`: from the compact JSON text, strict parse
//! included.) Divide the user time by the iteration count (setup is negligible).

use std::hint::black_box;
use verity::dedup::{
    normalize_template_config, template_config_hash, template_config_hash_from_bytes,
};
use verity_benches::dedup_data::template_config;

fn main() {
    let mut args = std::env::args().skip(1);
    let op = args.next().unwrap_or_else(|| "hash".to_owned());
    let iterations: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200_000);
    let config = template_config();
    let text = serde_json::to_vec(&config).unwrap_or_default();
    let mut sink = 0usize;
    for _ in 0..iterations {
        sink += match op.as_str() {
            "normalize" => normalize_template_config(black_box(&config))
                .map(|v| v.as_object().map_or(0, |m| m.len()))
                .unwrap_or(0),
            "bytes" => template_config_hash_from_bytes(black_box(&text))
                .map(|h| h.canonical().len())
                .unwrap_or(0),
            _ => template_config_hash(black_box(&config))
                .map(|h| h.canonical().len())
                .unwrap_or(0),
        };
    }
    println!("{op}: {iterations} calls, checksum {sink}");
}
