//! Synthetic analysis batches with ground truth, for the pairing golden
//! files, quality report and benches (test utility, not product code).
//!
//! A deterministic catalogue of brands, each with product lines of
//! look-alike variants and sizes; a batch samples distinct products and
//! "photographs" them: front, then back, sometimes a side/detail shot.
//! [`Noise`] controls OCR typos, fields missing (far more on backs),
//! out-of-order and late captures, fronts without backs, and `unknown` views.

use serde_json::{json, Map, Value};
use std::collections::{HashMap, HashSet};

/// SplitMix64: tiny, seeded, deterministic.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p && p > 0.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How messy the vision model's output is.
#[derive(Debug, Clone, Copy)]
pub struct Noise {
    /// Name of the level (for reports).
    pub name: &'static str,
    /// Chance that a text field carries one OCR typo.
    pub typo: f64,
    /// Chance that a back lacks each optional field (fronts: a quarter of it).
    pub back_missing: f64,
    /// Chance that a back is shot before its front or much later.
    pub out_of_order: f64,
    /// Chance that a front has no back in the batch.
    pub front_only: f64,
    /// Chance of a side/detail shot per product.
    pub extra_shot: f64,
    /// Chance that an image's view comes back `unknown`.
    pub unknown_view: f64,
    /// Chance that a barcode is misread (bad check digit).
    pub barcode_misread: f64,
}

impl Noise {
    /// What a decent vision model produces on a real shoot.
    pub const REALISTIC: Noise = Noise {
        name: "realistic",
        typo: 0.08,
        back_missing: 0.35,
        out_of_order: 0.05,
        front_only: 0.03,
        extra_shot: 0.15,
        unknown_view: 0.01,
        barcode_misread: 0.05,
    };
    /// A bad day: blurry photos, a rushed operator.
    pub const HEAVY: Noise = Noise {
        name: "heavy",
        typo: 0.25,
        back_missing: 0.6,
        out_of_order: 0.2,
        front_only: 0.08,
        extra_shot: 0.25,
        unknown_view: 0.04,
        barcode_misread: 0.15,
    };
}

/// Ground truth of a generated batch.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    /// True (front, back) pairs among images whose views are front/back.
    pub pairs: Vec<(String, String)>,
    /// Side/detail/unknown image → the front id of its product (when that product has a true pair).
    pub extras: Vec<(String, String)>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ve", "to", "su", "ne", "do", "pa", "li", "zo", "be", "ta", "ri", "mo",
    "fe", "no", "gu", "sa",
];
const LEGAL: &[&str] = &["", "", "", " GmbH", " Inc.", " Ltd", " Co."];
const LINES: &[(&str, &str, &str)] = &[
    ("Hydrating Shampoo", "hair", "bottle"),
    ("Repair Conditioner", "hair", "bottle"),
    ("Styling Cream", "hair", "jar"),
    ("Daily Multivitamin", "supplements", "bottle"),
    ("Omega 3 Fish Oil", "supplements", "bottle"),
    ("Protein Powder", "supplements", "tub"),
    ("Greek Yogurt", "food", "cup"),
    ("Granola Clusters", "food", "box"),
    ("Hand Cream", "skin", "tube"),
    ("Body Lotion", "skin", "bottle"),
    ("Face Serum", "skin", "dropper"),
    ("Dish Soap", "household", "bottle"),
];
const VARIANTS: &[&str] = &[
    "Coconut",
    "Argan Oil",
    "Lavender",
    "Vanilla",
    "Strawberry",
    "Mint",
    "Original",
    "Sensitive",
    "Extra Strength",
    "Citrus",
];
const SIZES: &[&str] = &[
    "250 ml",
    "400 ml",
    "1 l",
    "50 ml",
    "100 g",
    "500 g",
    "1.5 kg",
    "60 capsules",
    "120 capsules",
];

/// Distinct brand names: 3–4 syllables from a seeded walk, pairwise more
/// than one edit apart (real brands are not each other's OCR typos).
fn brand_names(count: usize) -> Vec<String> {
    let mut rng = Rng::new(0xB4A7D);
    let mut names: Vec<String> = Vec::with_capacity(count);
    let mut seen: HashSet<String> = HashSet::new();
    let mut attempts = 0;
    while names.len() < count && attempts < count * 200 {
        attempts += 1;
        let syllables = 3 + rng.below(2);
        let s: String = (0..syllables).map(|_| *rng.pick(SYLLABLES)).collect();
        // No other name shares a one-letter-dropped skeleton with this one.
        let chars: Vec<char> = s.chars().collect();
        let keys: Vec<String> = (0..chars.len())
            .map(|k| {
                chars
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != k)
                    .map(|(_, c)| *c)
                    .collect()
            })
            .collect();
        if seen.contains(&s) || keys.iter().any(|k| seen.contains(k)) {
            continue;
        }
        seen.extend(keys);
        seen.insert(s.clone());
        let mut c = s.chars();
        names.push(
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default(),
        );
    }
    names
}

#[derive(Clone)]
struct Product {
    brand: String,
    line: usize,
    variant: usize,
    size: usize,
    colors: Vec<String>,
    barcode: String,
}

fn gtin13(body: u64) -> String {
    let digits = format!("{:012}", body % 1_000_000_000_000);
    let sum: u32 = digits
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap_or(0) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    format!("{digits}{}", (10 - sum % 10) % 10)
}

fn typo(rng: &mut Rng, s: &str) -> String {
    const SWAPS: &[(char, char)] = &[
        ('o', '0'),
        ('l', '1'),
        ('e', 'c'),
        ('i', 'l'),
        ('a', 'o'),
        ('n', 'h'),
        ('s', '5'),
        ('g', 'q'),
        ('t', 'f'),
    ];
    let chars: Vec<char> = s.chars().collect();
    let candidates: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| SWAPS.iter().any(|(a, _)| a == &c.to_ascii_lowercase()))
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return s.to_owned();
    }
    let at = *rng.pick(&candidates);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i == at {
                SWAPS
                    .iter()
                    .find(|(a, _)| *a == c.to_ascii_lowercase())
                    .map_or(c, |(_, b)| *b)
            } else {
                c
            }
        })
        .collect()
}

fn colour(rng: &mut Rng, base: [u8; 3], jitter: u8) -> String {
    let j = |c: u8, rng: &mut Rng| {
        c.saturating_add((rng.below(jitter as usize + 1)) as u8)
            .saturating_sub(jitter / 2)
    };
    format!(
        "#{:02x}{:02x}{:02x}",
        j(base[0], rng),
        j(base[1], rng),
        j(base[2], rng)
    )
}

fn catalogue_product(
    rng: &mut Rng,
    names: &[String],
    brand: usize,
    line: usize,
    variant: usize,
    size: usize,
) -> Product {
    let mut h =
        Rng::new((brand as u64) << 32 | (line as u64) << 16 | (variant as u64) << 8 | size as u64);
    let base = [
        (h.next_u64() % 256) as u8,
        (h.next_u64() % 256) as u8,
        (h.next_u64() % 256) as u8,
    ];
    let accent = [
        (variant * 71 % 256) as u8,
        (variant * 151 % 256) as u8,
        (variant * 37 % 256) as u8,
    ];
    let _ = rng;
    Product {
        brand: format!(
            "{}{}",
            names[brand % names.len()],
            LEGAL[brand % LEGAL.len()]
        ),
        line,
        variant,
        size,
        colors: vec![
            format!("#{:02x}{:02x}{:02x}", base[0], base[1], base[2]),
            format!("#{:02x}{:02x}{:02x}", accent[0], accent[1], accent[2]),
            "#f4f4f4".to_owned(),
        ],
        barcode: gtin13(h.next_u64()),
    }
}

/// Generates a batch of about `images` images (`{"images": [...]}`) and its truth.
pub fn generate(images: usize, seed: u64, noise: &Noise) -> (Value, Truth) {
    let mut rng = Rng::new(seed);
    let products = (images * 10 / 23).max(1);
    let names = brand_names((products / 12).clamp(4, 4000));
    let brands = names.len();
    let mut chosen: HashSet<(usize, usize, usize, usize)> = HashSet::new();
    let mut list = Vec::new();
    while list.len() < products {
        let brand = rng.below(brands);
        let line = (brand * 3 + rng.below(3)) % LINES.len();
        // Look-alikes: few variants/sizes per line, so a batch holds siblings.
        let variant = (brand + line + rng.below(3)) % VARIANTS.len();
        let size = (line + rng.below(2)) % SIZES.len();
        if chosen.insert((brand, line, variant, size)) {
            list.push(catalogue_product(
                &mut rng, &names, brand, line, variant, size,
            ));
        }
        if chosen.len() >= brands * 18 {
            break;
        }
    }
    let mut out: Vec<(i64, Map<String, Value>)> = Vec::new();
    let mut truth = Truth::default();
    let mut seq: i64 = 1000;
    let mut views: HashMap<String, &'static str> = HashMap::new();
    let mut product_front: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    for (n, p) in list.iter().enumerate() {
        let (name, category, packaging) = LINES[p.line];
        let front_id = format!("IMG_{:06}_F", n);
        let back_id = format!("IMG_{:06}_B", n);
        let has_back = !rng.chance(noise.front_only);
        let mut shots: Vec<(String, &'static str, i64)> = vec![(front_id.clone(), "front", seq)];
        seq += 1;
        if has_back {
            let at = if rng.chance(noise.out_of_order) {
                if rng.chance(0.5) {
                    seq - 2
                } else {
                    seq + 5 + rng.below(40) as i64
                }
            } else {
                seq
            };
            shots.push((back_id.clone(), "back", at));
            seq += 1;
        }
        let mut extra_ids = Vec::new();
        if rng.chance(noise.extra_shot) {
            let id = format!("IMG_{:06}_X", n);
            shots.push((
                id.clone(),
                if rng.chance(0.5) { "side" } else { "detail" },
                seq,
            ));
            extra_ids.push(id);
            seq += 1;
        }
        seq += rng.below(3) as i64;
        for (id, view, at) in shots {
            let view = if rng.chance(noise.unknown_view) {
                "unknown"
            } else {
                view
            };
            views.insert(id.clone(), view);
            let role = if id.ends_with("_F") {
                0
            } else if id.ends_with("_B") {
                1
            } else {
                2
            };
            let miss = match role {
                0 => noise.back_missing / 4.0,
                1 => noise.back_missing,
                _ => noise.back_missing / 2.0,
            };
            let mut m = Map::new();
            m.insert("id".into(), json!(id));
            m.insert("view".into(), json!(view));
            m.insert(
                "view_confidence".into(),
                json!(0.8 + (rng.below(20) as f64) / 100.0),
            );
            let text_field =
                |rng: &mut Rng, m: &mut Map<String, Value>, key: &str, value: &str, p_miss: f64| {
                    if !rng.chance(p_miss) {
                        // Labels come from a fixed vocabulary: no OCR typos there.
                        let label = matches!(key, "category" | "packaging" | "net_content");
                        let v = if !label && rng.chance(noise.typo) {
                            typo(rng, value)
                        } else {
                            value.to_owned()
                        };
                        m.insert(key.into(), json!(v));
                    }
                };
            text_field(
                &mut rng,
                &mut m,
                "brand",
                &p.brand,
                if role == 0 { 0.02 } else { miss },
            );
            text_field(
                &mut rng,
                &mut m,
                "product_name",
                name,
                if role == 1 { miss * 1.4 } else { miss },
            );
            text_field(&mut rng, &mut m, "category", category, miss);
            text_field(&mut rng, &mut m, "packaging", packaging, miss);
            text_field(
                &mut rng,
                &mut m,
                "variant",
                VARIANTS[p.variant],
                if role == 1 {
                    (miss * 2.0).min(0.95)
                } else {
                    miss
                },
            );
            text_field(&mut rng, &mut m, "net_content", SIZES[p.size], miss);
            if !rng.chance(miss / 2.0) {
                let cs: Vec<String> = p
                    .colors
                    .iter()
                    .map(|c| {
                        let rgb = [
                            u8::from_str_radix(&c[1..3], 16).unwrap_or(0),
                            u8::from_str_radix(&c[3..5], 16).unwrap_or(0),
                            u8::from_str_radix(&c[5..7], 16).unwrap_or(0),
                        ];
                        colour(&mut rng, rgb, 12)
                    })
                    .collect();
                m.insert("colors".into(), json!(cs));
            }
            if role == 1 && !rng.chance(miss) {
                let code = if rng.chance(noise.barcode_misread) {
                    let mut d: Vec<char> = p.barcode.chars().collect();
                    let i = rng.below(12);
                    d[i] = char::from(b'0' + ((d[i] as u8 - b'0' + 1) % 10));
                    d.into_iter().collect()
                } else {
                    p.barcode.clone()
                };
                m.insert("barcode".into(), json!(code));
            }
            if role != 0 || rng.chance(0.5) {
                let body = if role == 1 {
                    format!(
                        "{} {} {} {}. Ingredients: aqua, glycerin. Made for {}.",
                        p.brand, name, VARIANTS[p.variant], SIZES[p.size], p.brand
                    )
                } else {
                    format!("{} {} {}", p.brand, name, VARIANTS[p.variant])
                };
                text_field(&mut rng, &mut m, "text", &body, miss / 2.0);
            }
            m.insert("sequence".into(), json!(at));
            out.push((at, m));
        }
        product_front.push((front_id, has_back.then_some(back_id), extra_ids));
    }
    for (front, back, extras) in product_front {
        let Some(back) = back else { continue };
        if views.get(&front) == Some(&"front") && views.get(&back) == Some(&"back") {
            truth.pairs.push((front.clone(), back));
            for x in extras {
                truth.extras.push((x, front.clone()));
            }
        }
    }
    out.sort_by_key(|(at, m)| (*at, m.get("id").and_then(Value::as_str).map(str::to_owned)));
    let images: Vec<Value> = out.into_iter().map(|(_, m)| Value::Object(m)).collect();
    (json!({ "images": images }), truth)
}

/// The naive baseline people write first: in capture order, each front takes
/// the next unused back.
pub fn naive_baseline(analysis: &Value) -> Vec<(String, String)> {
    let mut imgs: Vec<(i64, String, String)> = analysis["images"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|i| {
                    (
                        i["sequence"].as_i64().unwrap_or(0),
                        i["id"].as_str().unwrap_or("").to_owned(),
                        i["view"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    imgs.sort();
    let mut used = vec![false; imgs.len()];
    let mut out = Vec::new();
    for i in 0..imgs.len() {
        if imgs[i].2 != "front" {
            continue;
        }
        if let Some(j) = (i + 1..imgs.len()).find(|&j| imgs[j].2 == "back" && !used[j]) {
            used[j] = true;
            out.push((imgs[i].1.clone(), imgs[j].1.clone()));
        }
    }
    out
}

/// Quality of predicted pairs against the truth.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quality {
    /// Correct predicted pairs / predicted pairs.
    pub precision: f64,
    /// Correct predicted pairs / true pairs.
    pub recall: f64,
    /// Predicted pairs / fronts.
    pub pair_rate: f64,
    /// Correctly attached extras / true extras (of correctly paired products).
    pub extras_attachment: f64,
}

/// Scores predicted pairs (and extras as (extra, front)) against the truth.
pub fn evaluate(
    predicted: &[(String, String)],
    extras: &[(String, String)],
    truth: &Truth,
    fronts: usize,
) -> Quality {
    let truth_set: HashSet<&(String, String)> = truth.pairs.iter().collect();
    let correct = predicted.iter().filter(|p| truth_set.contains(p)).count();
    let extra_truth: HashSet<&(String, String)> = truth.extras.iter().collect();
    let extras_ok = extras.iter().filter(|x| extra_truth.contains(x)).count();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Quality {
        precision: ratio(correct, predicted.len()),
        recall: ratio(correct, truth.pairs.len()),
        pair_rate: ratio(predicted.len(), fronts),
        extras_attachment: ratio(extras_ok, truth.extras.len()),
    }
}
