//! metadata benches: `extract_metadata_bytes` (parse + extract) on a ~5 KB
//! and a ~200 KB OpenAI Responses body with web searches and citations,
//! extraction alone from an already-parsed value, and `detect_provider`.
//!
//! Run: `cargo bench -p verity-benches --bench metadata -- --warm-up-time 1 --measurement-time 3`

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::{json, Value};
use verity::metadata::{detect_provider, extract_metadata, extract_metadata_bytes};

/// A Responses body with `searches` web_search_call items and a long cited
/// answer, grown until its JSON is at least `target_bytes` long.
fn responses_body(target_bytes: usize) -> Vec<u8> {
    let mut searches = 1;
    loop {
        let mut output: Vec<Value> = (0..searches)
            .map(|i| {
                json!({
                    "id": format!("ws_68a1f3c4d5e6819{i:05}"),
                    "type": "web_search_call",
                    "status": "completed",
                    "action": {"type": "search", "query": format!("swiss cantons population statistics {i}")}
                })
            })
            .collect();
        let annotations: Vec<Value> = (0..searches)
            .map(|i| {
                json!({
                    "type": "url_citation", "start_index": i * 40, "end_index": i * 40 + 39,
                    "url": format!("https://www.bfs.admin.ch/bfs/en/home/statistics/population/{i}.html?utm_source=openai"),
                    "title": format!("Population statistics, table {i}")
                })
            })
            .collect();
        let text =
            "Zurich is the most populous canton, followed by Bern and Vaud. ".repeat(searches * 2);
        output.push(json!({
            "id": "msg_68a1f3d0e1f2819", "type": "message", "status": "completed", "role": "assistant",
            "content": [{"type": "output_text", "text": text, "annotations": annotations, "logprobs": []}]
        }));
        let body = json!({
            "id": "resp_68a1f3c2b9d48190a6e3f1c7d2b4e5f6", "object": "response", "created_at": 1755445186,
            "status": "completed", "error": null, "incomplete_details": null, "model": "gpt-5-2025-08-07",
            "output": output, "service_tier": "default", "tools": [{"type": "web_search"}],
            "usage": {"input_tokens": 9412, "input_tokens_details": {"cached_tokens": 1024},
                      "output_tokens": 389, "output_tokens_details": {"reasoning_tokens": 256},
                      "total_tokens": 9801}
        });
        let bytes = serde_json::to_vec(&body).expect("serialise");
        if bytes.len() >= target_bytes {
            return bytes;
        }
        searches += 1;
    }
}

fn bench_extract(c: &mut Criterion) {
    let mut group = c.benchmark_group("metadata/extract_bytes");
    for (label, target) in [("5KB", 5 * 1024), ("200KB", 200 * 1024)] {
        let body = responses_body(target);
        eprintln!(
            "metadata/extract_bytes/{label}: body is {} bytes",
            body.len()
        );
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &body, |b, body| {
            b.iter(|| extract_metadata_bytes(black_box(body)).expect("extracts"))
        });
    }
    group.finish();

    let body = responses_body(200 * 1024);
    let value: Value = serde_json::from_slice(&body).expect("parse");
    c.bench_function("metadata/extract_value/200KB", |b| {
        b.iter(|| extract_metadata(black_box(&value)).expect("extracts"))
    });
}

fn bench_detect_provider(c: &mut Criterion) {
    let ids = [
        "gpt-4o-2024-08-06",
        "o4-mini",
        "claude-sonnet-4-5-20250929",
        "us.anthropic.claude-3-5-sonnet-20241022-v2:0",
        "projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro",
        "openai/gpt-4o",
        "o365-foo",
        "mistral-large-latest",
    ];
    let mut group = c.benchmark_group("metadata/detect_provider");
    group.throughput(Throughput::Elements(ids.len() as u64));
    group.bench_function("8_ids", |b| {
        b.iter(|| {
            for id in ids {
                black_box(detect_provider(black_box(id)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_detect_provider);
criterion_main!(benches);
