//! Pairing throughput at 100, 1k, 10k and 100k images (synthetic batches at
//! realistic noise; generation outside the timed region). `pair_images`
//! times the engine on parsed images; `pair_from_value` adds validation of
//! the JSON document. Run:
//! `cargo bench -p verity-benches --bench pairing -- --warm-up-time 1 --measurement-time 3`.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use verity::pairing::{pair, pair_images, parse_analysis, PairingConfig};
use verity_benches::pairing_gen::{generate, Noise};

fn bench_pairing(c: &mut Criterion) {
    let config = PairingConfig::default();
    let mut group = c.benchmark_group("pairing");
    for images in [100usize, 1_000, 10_000, 100_000] {
        let (analysis, _) = generate(images, 7, &Noise::REALISTIC);
        let parsed = parse_analysis(&analysis).expect("valid batch");
        group.throughput(Throughput::Elements(parsed.len() as u64));
        if images >= 10_000 {
            group.sample_size(10);
        }
        group.bench_with_input(
            BenchmarkId::new("pair_images", images),
            &parsed,
            |b, parsed| b.iter(|| pair_images(black_box(parsed), &config, None).expect("pairs")),
        );
        if images <= 1_000 {
            group.bench_with_input(
                BenchmarkId::new("pair_from_value", images),
                &analysis,
                |b, analysis| b.iter(|| pair(black_box(analysis), &config, None).expect("pairs")),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench_pairing);
criterion_main!(benches);
