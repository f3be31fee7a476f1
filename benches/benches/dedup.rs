//! dedup: canonicalise + SHA-256 a ~1 KB template config and a ~100 KB
//! document, from parsed values and from JSON text (strict parser included).
//!
//! `cargo bench -p verity-benches --bench dedup -- --warm-up-time 1 --measurement-time 3`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::hint::black_box;
use verity::dedup::{
    canonical_json, canonical_json_from_bytes, normalize_template_config, template_config_hash,
};
use verity_benches::dedup_data::template_config;

/// A deterministic ~100 KB document: objects with strings, numbers, nesting.
fn document() -> Value {
    let items: Vec<Value> = (0..420)
        .map(|i| {
            json!({
                "id": format!("img-{i:05}"),
                "view": if i % 2 == 0 { "front" } else { "back" },
                "score": (i as f64) * 0.013_7 + 0.1,
                "count": i * 7919,
                "labels": ["product", "package", format!("sku-{}", i % 37)],
                "bbox": {"x": i % 640, "y": (i * 3) % 480, "w": 120.5, "h": 88.25},
                "caption": "Vitamin D3 + K2 drops, 20 ml – «Swiss made» ✓",
                "ok": i % 3 != 0,
                "note": null
            })
        })
        .collect();
    json!({ "images": items, "version": 3 })
}

fn canonical_sha256(value: &Value) -> [u8; 32] {
    let bytes = canonical_json(value).expect("canonical");
    Sha256::digest(&bytes).into()
}

fn bench(c: &mut Criterion) {
    let config = template_config();
    let doc = document();
    let mut group = c.benchmark_group("dedup");
    for (name, value) in [("template_1kb", &config), ("document_100kb", &doc)] {
        let text = serde_json::to_vec_pretty(value).expect("text");
        let canonical_len = canonical_json(value).expect("canonical").len() as u64;
        eprintln!(
            "{name}: {canonical_len} canonical bytes, {} text bytes",
            text.len()
        );
        group.throughput(Throughput::Bytes(canonical_len));
        group.bench_with_input(
            BenchmarkId::new("canonical_sha256_value", name),
            value,
            |b, v| b.iter(|| canonical_sha256(black_box(v))),
        );
        group.bench_with_input(
            BenchmarkId::new("canonical_sha256_text", name),
            &text,
            |b, t| {
                b.iter(|| {
                    let bytes = canonical_json_from_bytes(black_box(t)).expect("canonical");
                    Sha256::digest(&bytes)
                })
            },
        );
    }
    let canonical_len = template_config_hash(&config)
        .expect("hash")
        .canonical()
        .len() as u64;
    group.throughput(Throughput::Bytes(canonical_len));
    group.bench_function("template_config_hash/template_1kb", |b| {
        b.iter(|| template_config_hash(black_box(&config)).expect("hash"))
    });
    group.bench_function("normalize_template_config/template_1kb", |b| {
        b.iter(|| normalize_template_config(black_box(&config)).expect("normalised"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
