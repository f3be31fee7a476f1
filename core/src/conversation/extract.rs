//! Explicit entity mentions in a turn: catalogue names, order numbers and
//! part numbers (SKUs) by pattern, and the numbers that may be quantities.
//!
//! Patterns (case-insensitive, on whole words; a "code" is words joined by
//! single `-` or `/`, e.g. `BX-7731`):
//! - order number: `ORD-<digits>`; `#` + 4+ digits (`#77120`); or, after the
//!   word `order` and up to three of `number no num nr id ref reference is was`,
//!   a code of 4+ characters containing a digit (`order 48213`,
//!   `order number is 90412`). Canonical name: the code upper-cased, without `#`.
//! - part number / SKU: any other code of 4..=32 characters with at least one
//!   letter and one digit (`BX-7731`, `A4VG56`), except measurements and
//!   ordinals (`500mg`, `2kg`, `3rd`, `14-inch`). Canonical name: upper-cased as written.
//! - catalogue matches win over both (a catalogued SKU is its product).
//! - a category named right after a product of that category is the
//!   product's head noun (`the TV-3 tipper valve`), not a second mention;
//!   its number makes the product mention plural (`2 HP-200 pumps`).

use super::catalog::{Catalog, EntryKind};
use super::state::{entity_key, EntityKind};
use super::text::Word;

/// An explicit mention over words `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub key: String,
    pub kind: EntityKind,
    pub name: String,
    pub category: Option<String>,
    pub plural: bool,
}

const ORDER_FILLERS: [&str; 10] = [
    "number",
    "no",
    "num",
    "nr",
    "id",
    "ref",
    "reference",
    "is",
    "was",
    "of",
];
const UNIT_SUFFIXES: [&str; 27] = [
    "mg", "g", "kg", "ml", "l", "lb", "lbs", "oz", "mm", "cm", "m", "km", "bar", "psi", "v", "w",
    "kw", "hp", "iu", "mcg", "x", "pcs", "st", "nd", "rd", "th", "s",
];

/// Unit words written after a number and a hyphen (`14-inch`).
const UNIT_WORDS: [&str; 36] = [
    "inch", "inches", "in", "foot", "feet", "ft", "metre", "metres", "meter", "meters", "m", "mm",
    "cm", "litre", "litres", "liter", "l", "ml", "kg", "g", "gram", "grams", "pack", "piece",
    "port", "way", "volt", "watt", "amp", "hour", "day", "week", "month", "year", "bar", "speed",
];

/// All explicit mentions in text order.
pub(crate) fn mentions(words: &[Word], catalog: Option<&Catalog>) -> Vec<Found> {
    let mut found = catalog
        .map(|c| catalogue_mentions(words, c))
        .unwrap_or_default();
    let mut covered = vec![false; words.len()];
    for f in &found {
        covered[f.start..f.end].iter_mut().for_each(|c| *c = true);
    }
    let mut i = 0;
    while i < words.len() {
        let end = code_end(words, i);
        if covered[i..end].iter().any(|c| *c) {
            i += 1;
            continue;
        }
        if let Some((order_start, order_end, name)) = order_at(words, i) {
            if !covered[order_start..order_end].iter().any(|c| *c) {
                covered[order_start..order_end]
                    .iter_mut()
                    .for_each(|c| *c = true);
                found.push(found_pattern(
                    order_start,
                    order_end,
                    EntityKind::Order,
                    name,
                ));
                i = order_end;
                continue;
            }
        }
        if let Some(name) = sku_at(words, i, end) {
            found.push(found_pattern(i, end, EntityKind::Sku, name));
            i = end;
            continue;
        }
        i += 1;
    }
    found.sort_by_key(|f| f.start);
    found
}

fn found_pattern(start: usize, end: usize, kind: EntityKind, name: String) -> Found {
    Found {
        start,
        end,
        key: entity_key(kind, &name),
        kind,
        name,
        category: None,
        plural: false,
    }
}

fn catalogue_mentions(words: &[Word], catalog: &Catalog) -> Vec<Found> {
    let lower: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
    let mut out: Vec<Found> = Vec::new();
    for m in catalog.find(&lower) {
        let Some(entry) = catalog.entry(m.entry) else {
            continue;
        };
        let kind = match entry.kind {
            EntryKind::Product => EntityKind::Product,
            EntryKind::Category => EntityKind::Category,
        };
        let key = entity_key(kind, &entry.name);
        // A category right after a product of that category is its head noun.
        if let Some(previous) = out.last_mut() {
            let head_noun = kind == EntityKind::Category
                && previous.end == m.start
                && previous.category.as_deref().map(str::to_lowercase)
                    == Some(entry.name.to_lowercase());
            if head_noun {
                previous.end = m.end;
                previous.plural = m.plural;
                continue;
            }
        }
        out.push(Found {
            start: m.start,
            end: m.end,
            key,
            kind,
            name: entry.name.clone(),
            category: entry.category.clone(),
            plural: m.plural,
        });
    }
    out
}

/// End (exclusive) of the code starting at `i`: words joined by `-` or `/`.
pub(crate) fn code_end(words: &[Word], i: usize) -> usize {
    let mut end = i;
    while end < words.len() {
        end += 1;
        if words[end - 1].joiner.is_none() {
            break;
        }
    }
    end.max(i + 1).min(words.len())
}

fn code_text(words: &[Word], start: usize, end: usize) -> String {
    let mut text = String::new();
    for w in &words[start..end] {
        text.push_str(&w.raw);
        if let Some(j) = w.joiner {
            text.push(j);
        }
    }
    text.trim_end_matches(['-', '/']).to_uppercase()
}

fn order_at(words: &[Word], i: usize) -> Option<(usize, usize, String)> {
    let word = &words[i];
    let digits = |w: &Word| !w.lower.is_empty() && w.lower.chars().all(|c| c.is_ascii_digit());
    if word.lower == "ord" && word.joiner.is_some() && words.get(i + 1).is_some_and(digits) {
        let end = code_end(words, i);
        return Some((i, end, code_text(words, i, end)));
    }
    if word.hash_before && digits(word) && word.lower.len() >= 4 {
        return Some((i, i + 1, word.lower.clone()));
    }
    if word.lower == "order" || word.lower == "orders" {
        let mut j = i + 1;
        while j < words.len() && j <= i + 3 && ORDER_FILLERS.contains(&words[j].lower.as_str()) {
            j += 1;
        }
        if j < words.len() {
            let end = code_end(words, j);
            let text = code_text(words, j, end);
            if text.chars().count() >= 4
                && text.chars().count() <= 32
                && text.chars().any(|c| c.is_ascii_digit())
            {
                return Some((j, end, text));
            }
        }
    }
    None
}

fn sku_at(words: &[Word], start: usize, end: usize) -> Option<String> {
    let text = code_text(words, start, end);
    let chars = text.chars().count();
    if !(4..=32).contains(&chars) {
        return None;
    }
    let has_letter = text.chars().any(char::is_alphabetic);
    let has_digit = text.chars().any(|c| c.is_ascii_digit());
    if !has_letter || !has_digit {
        return None;
    }
    // `14-inch`, `10-metre`, `2-pack`: a number and a unit, not a part.
    if end - start == 2
        && words[start].lower.chars().all(|c| c.is_ascii_digit())
        && UNIT_WORDS.contains(&words[start + 1].lower.as_str())
    {
        return None;
    }
    if end - start == 1 {
        let lower = &words[start].lower;
        let suffix = lower.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if suffix.len() < lower.len() && UNIT_SUFFIXES.contains(&suffix) {
            return None;
        }
    }
    Some(text)
}

/// A number word: digits (1..=100000) or `one`..`twelve`, `a dozen` excluded.
pub(crate) fn number(word: &Word) -> Option<u64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word.lower) {
        return Some(i as u64 + 1);
    }
    if word.lower.len() <= 6 && word.lower.chars().all(|c| c.is_ascii_digit()) {
        return word
            .lower
            .parse()
            .ok()
            .filter(|n| (1..=100_000).contains(n));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conversation::text::words;

    fn names(text: &str) -> Vec<(EntityKind, String)> {
        mentions(&words(text), None)
            .into_iter()
            .map(|f| (f.kind, f.name))
            .collect()
    }

    #[test]
    fn orders_by_pattern() {
        assert_eq!(
            names("where is order #77120?"),
            [(EntityKind::Order, "77120".to_owned())]
        );
        assert_eq!(
            names("my order number is 90412"),
            [(EntityKind::Order, "90412".to_owned())]
        );
        assert_eq!(
            names("ORD-55120 is late"),
            [(EntityKind::Order, "ORD-55120".to_owned())]
        );
        assert_eq!(
            names("order ord-55120"),
            [(EntityKind::Order, "ORD-55120".to_owned())]
        );
        assert!(names("I'll order that valve, 2 of them").is_empty());
    }

    #[test]
    fn skus_by_pattern_but_not_measurements() {
        assert_eq!(
            names("part BX-7731 or a4vg56"),
            [
                (EntityKind::Sku, "BX-7731".to_owned()),
                (EntityKind::Sku, "A4VG56".to_owned())
            ]
        );
        assert!(names("500mg, 2kg, the 3rd, 10 micron, 1/2 inch, £450, D3").is_empty());
        assert!(names("a 14-inch laptop, 10-metre hose, a 2-pack").is_empty());
        assert_eq!(names("PT-550"), [(EntityKind::Sku, "PT-550".to_owned())]);
    }

    #[test]
    fn numbers() {
        let w = words("two 12 0 1000000 dozen");
        let n: Vec<Option<u64>> = w.iter().map(number).collect();
        assert_eq!(n, [Some(2), Some(12), None, None, None]);
    }
}
