//! classify from bytes (typed fast path) on a ~5 KB and a ~200 KB OpenAI
//! Responses body, with the Value path (parse + classify, the previous
//! classify_bytes), parsing alone and classification of an already-parsed
//! value alongside.
//! Run: `cargo bench -p verity-benches --bench enforcement`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::Value;
use verity::enforcement::{classify, classify_bytes, ClassifyOptions, RequestedMode};

fn small_body() -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/responses/openai_responses/web_search_long.json"
    );
    std::fs::read(path).expect("fixture exists")
}

/// The small body's output items repeated with distinct queries and URLs
/// until the pretty-printed body reaches 200 KB: a long multi-search run.
fn large_body(small: &[u8]) -> Vec<u8> {
    let mut body: Value = serde_json::from_slice(small).expect("fixture is JSON");
    let items = body["output"].as_array().cloned().expect("output array");
    let mut output = Vec::new();
    let mut round = 0;
    loop {
        for item in &items {
            let mut item = item.clone();
            if let Some(query) = item.pointer_mut("/action/query") {
                *query = Value::from(format!("{} ({round})", query.as_str().unwrap_or("")));
            }
            if let Some(parts) = item.get_mut("content").and_then(Value::as_array_mut) {
                for part in parts {
                    if let Some(annotations) =
                        part.get_mut("annotations").and_then(Value::as_array_mut)
                    {
                        for a in annotations {
                            let url = format!("{}&r={round}", a["url"].as_str().unwrap_or(""));
                            a["url"] = Value::from(url);
                        }
                    }
                }
            }
            output.push(item);
        }
        round += 1;
        body["output"] = Value::from(output.clone());
        let bytes = serde_json::to_vec_pretty(&body).expect("serialises");
        if bytes.len() >= 200 * 1024 {
            return bytes;
        }
    }
}

fn bench_classify(c: &mut Criterion) {
    let small = small_body();
    let large = large_body(&small);
    let options = ClassifyOptions::default();
    let mut group = c.benchmark_group("enforcement/classify_bytes");
    for (name, body) in [("5KB", &small), ("200KB", &large)] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), body, |b, body| {
            b.iter(|| classify_bytes(black_box(body), RequestedMode::Required, &options).unwrap())
        });
    }
    group.finish();
    // The previous classify_bytes, kept as the baseline of the fast path:
    // parse into a Value, then classify the Value (what the fast path skips).
    let mut group = c.benchmark_group("enforcement/value_path");
    for (name, body) in [("5KB", &small), ("200KB", &large)] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), body, |b, body| {
            b.iter(|| {
                let value = verity::json::parse(black_box(body)).unwrap();
                classify(&value, RequestedMode::Required, &options).unwrap()
            })
        });
    }
    group.finish();
    // The JSON limits pre-scan alone (the first step of both paths).
    let mut group = c.benchmark_group("enforcement/limits_scan");
    for (name, body) in [("5KB", &small), ("200KB", &large)] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), body, |b, body| {
            b.iter(|| verity::json::check_limits(black_box(body), Default::default()).unwrap())
        });
    }
    group.finish();
    // Baseline: parsing alone (the share of classify_bytes that is serde_json).
    let mut group = c.benchmark_group("enforcement/parse_only");
    for (name, body) in [("5KB", &small), ("200KB", &large)] {
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), body, |b, body| {
            b.iter(|| verity::json::parse(black_box(body)).unwrap())
        });
    }
    group.finish();
    // Classification alone, from an already-parsed value.
    let mut group = c.benchmark_group("enforcement/classify_value");
    for (name, body) in [("5KB", &small), ("200KB", &large)] {
        let value = verity::json::parse(body).unwrap();
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &value, |b, value| {
            b.iter(|| classify(black_box(value), RequestedMode::Required, &options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench_classify);
criterion_main!(benches);
