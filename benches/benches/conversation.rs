//! conversation: per-turn update + render with a 5,000-name catalogue, and
//! the catalogue build. Goal (issue 8): ≤ 50 µs per turn.
//!
//! cargo bench -p verity-benches --bench conversation -- --warm-up-time 1 --measurement-time 3

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use verity::conversation::{
    render_context, update_conversation, Catalog, CatalogCategory, CatalogProduct,
    ConversationState, Role, Turn, DEFAULT_CONTEXT_BUDGET,
};

const FAMILIES: [&str; 10] = [
    "hydraulic pump",
    "tipper valve",
    "PTO unit",
    "hydraulic hose",
    "seal kit",
    "return filter",
    "tipper ram",
    "gear pump",
    "control cable",
    "pressure gauge",
];

/// 5,000 products (name, SKU, one alias) in 50 categories: 10,000+ patterns.
fn catalogue_input() -> (Vec<CatalogProduct>, Vec<CatalogCategory>) {
    let categories: Vec<CatalogCategory> = (0..50)
        .map(|c| CatalogCategory {
            name: format!("{} series {c}", FAMILIES[c % FAMILIES.len()]),
            aliases: vec![],
        })
        .collect();
    let products = (0..5_000)
        .map(|i| {
            let family = FAMILIES[i % FAMILIES.len()];
            CatalogProduct {
                name: format!("TX-{i:04} {family}"),
                category: Some(categories[i % 50].name.clone()),
                sku: Some(format!("TX-{i:04}")),
                aliases: vec![format!("{family} model {i}")],
            }
        })
        .collect();
    (products, categories)
}

fn turns() -> Vec<Turn> {
    let texts = [
        (Role::User, "Hi, do you have a hydraulic pump series 0 for a tipper?"),
        (Role::Assistant, "Yes: the TX-0010 hydraulic pump, the TX-0020 hydraulic pump and the TX-4990 hydraulic pump."),
        (Role::User, "How much is the second one, and is it in stock? I need 2 of them."),
        (Role::Assistant, "The TX-0020 hydraulic pump is £450 and in stock; it pairs with the TX-0014 seal kit."),
        (Role::User, "OK. Separately, where is my order #48213? Does that one ship today?"),
        (Role::Assistant, "Order 48213 ships today."),
    ];
    texts
        .iter()
        .map(|(r, t)| Turn::new(*r, *t, None).expect("turn"))
        .collect()
}

fn bench(c: &mut Criterion) {
    let (products, categories) = catalogue_input();
    c.bench_function("conversation/catalog_build_5000", |b| {
        b.iter(|| Catalog::new(black_box(&products), black_box(&categories)).expect("catalog"))
    });
    let catalog = Catalog::new(&products, &categories).expect("catalog");
    let turns = turns();
    // The state before the busiest user turn (index 2).
    let mut state = ConversationState::new();
    for turn in &turns[..2] {
        state = update_conversation(Some(&state), turn, Some(&catalog)).expect("update");
    }
    let busy = &turns[2];
    c.bench_function("conversation/update_turn", |b| {
        b.iter(|| {
            update_conversation(Some(black_box(&state)), black_box(busy), Some(&catalog))
                .expect("update")
        })
    });
    c.bench_function("conversation/update_and_render_turn", |b| {
        b.iter(|| {
            let next =
                update_conversation(Some(black_box(&state)), black_box(busy), Some(&catalog))
                    .expect("update");
            render_context(&next, DEFAULT_CONTEXT_BUDGET)
        })
    });
    // Worst case input: a 16 KiB user turn of part numbers and pronouns.
    let huge: String = (0..1_000)
        .map(|i| format!("QX-{i:04} it "))
        .collect::<String>()
        .chars()
        .take(verity::conversation::MAX_TURN_CHARS)
        .collect();
    let huge = Turn::new(Role::User, huge, None).expect("turn");
    c.bench_function("conversation/update_16k_turn", |b| {
        b.iter(|| {
            update_conversation(Some(black_box(&state)), black_box(&huge), Some(&catalog))
                .expect("update")
        })
    });
    c.bench_function("conversation/six_turns_update_render_roundtrip_json", |b| {
        // What a host does per turn: read the stored JSON, update, render, store JSON.
        b.iter(|| {
            let mut stored = serde_json::to_value(ConversationState::new()).expect("json");
            for turn in &turns {
                let current = ConversationState::from_value(&stored).expect("state");
                let next =
                    update_conversation(Some(&current), turn, Some(&catalog)).expect("update");
                black_box(render_context(&next, DEFAULT_CONTEXT_BUDGET));
                stored = serde_json::to_value(&next).expect("json");
            }
            stored
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
