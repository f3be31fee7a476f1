//! The host's product catalogue, compiled once into a multi-pattern matcher.
//!
//! Every product name, SKU and alias and every category name and alias is a
//! pattern, plus its English singular/plural variant (so `hydraulic pumps`
//! also matches `hydraulic pump`, and `HP-200 Hydraulic Pump` also matches
//! `HP-200 hydraulic pumps`) and, for SKUs with `-`/`/`, the joined form
//! (`HP-200` also matches `HP200`). Matching is case-insensitive
//! (Unicode lower case), whole words only, leftmost-longest, non-overlapping;
//! it runs over the turn's lower-cased words joined by single spaces with
//! each pattern padded by spaces, which is what makes the word boundaries
//! exact. When two entries share a pattern the first wins: products before
//! categories, each in catalogue order.
//!
//! Limits: at most [`MAX_CATALOG_ENTRIES`] products + categories, names and
//! aliases at most [`MAX_NAME_CHARS`] characters.

use super::text::{looks_plural, normalised_words, plural_of, singular_of, words};
use crate::error::{Error, ErrorKind, Result};
use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Most products + categories a catalogue may hold.
pub const MAX_CATALOG_ENTRIES: usize = 100_000;
/// Longest product/category name, SKU or alias, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// A product as the host supplies it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
pub struct CatalogProduct {
    /// Canonical name (what references resolve to), e.g. `"HP-200 Hydraulic Pump"`.
    pub name: String,
    /// Category name, e.g. `"hydraulic pumps"`.
    #[serde(default)]
    pub category: Option<String>,
    /// Part number / SKU, matched as another name of the product.
    #[serde(default)]
    pub sku: Option<String>,
    /// Other names customers use.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A category as the host supplies it (in JSON also just a string).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CatalogCategory {
    /// Canonical name, e.g. `"hydraulic pumps"`.
    pub name: String,
    /// Other names, e.g. `["pumps"]`.
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum CategoryJson {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        aliases: Vec<String>,
    },
}

#[derive(Deserialize)]
struct CatalogJson {
    #[serde(default)]
    products: Vec<CatalogProduct>,
    #[serde(default)]
    categories: Vec<CategoryJson>,
}

/// What a catalogue entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Product,
    Category,
}

/// One product or category after compilation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub kind: EntryKind,
    pub name: String,
    /// For products: the canonical category name (the catalogue's spelling
    /// when the category is also listed).
    pub category: Option<String>,
}

/// A catalogue match: entry, the word span `[start, end)` and whether the
/// matched form is plural.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CatalogMatch {
    pub entry: usize,
    pub start: usize,
    pub end: usize,
    pub plural: bool,
}

#[derive(Debug, Clone, Copy)]
struct PatternTarget {
    entry: usize,
    words: usize,
    plural: bool,
}

/// A compiled catalogue. Build once, share across turns and threads.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<Entry>,
    targets: Vec<PatternTarget>,
    matcher: Option<AhoCorasick>,
}

impl Catalog {
    /// Compiles products and categories. Errors name the entry at fault
    /// (`$.products[3].name`).
    pub fn new(products: &[CatalogProduct], categories: &[CatalogCategory]) -> Result<Catalog> {
        if products.len() + categories.len() > MAX_CATALOG_ENTRIES {
            return Err(Error::new(
                ErrorKind::TooLarge,
                "$",
                format!("more than {MAX_CATALOG_ENTRIES} products and categories"),
            ));
        }
        let mut builder = Builder::default();
        let mut category_names = Vec::with_capacity(categories.len());
        for (i, category) in categories.iter().enumerate() {
            let at = format!("$.categories[{i}]");
            let name = checked_name(&category.name, &format!("{at}.name"))?;
            for (j, alias) in category.aliases.iter().enumerate() {
                checked_name(alias, &format!("{at}.aliases[{j}]"))?;
            }
            category_names.push(name);
        }
        let by_lower: HashMap<String, &String> = category_names
            .iter()
            .map(|c| (c.to_lowercase(), c))
            .collect();
        let canonical_category = |raw: &str| {
            let trimmed = raw.trim();
            by_lower
                .get(&trimmed.to_lowercase())
                .map(|c| (*c).clone())
                .unwrap_or_else(|| trimmed.to_owned())
        };
        for (i, product) in products.iter().enumerate() {
            let at = format!("$.products[{i}]");
            let name = checked_name(&product.name, &format!("{at}.name"))?;
            let category = match &product.category {
                Some(c) => Some(canonical_category(&checked_name(
                    c,
                    &format!("{at}.category"),
                )?)),
                None => None,
            };
            let entry = builder.entry(EntryKind::Product, name.clone(), category);
            builder.name_patterns(entry, &name);
            if let Some(sku) = &product.sku {
                let sku = checked_name(sku, &format!("{at}.sku"))?;
                builder.sku_patterns(entry, &sku);
            }
            for (j, alias) in product.aliases.iter().enumerate() {
                let alias = checked_name(alias, &format!("{at}.aliases[{j}]"))?;
                builder.name_patterns(entry, &alias);
            }
        }
        for (category, name) in categories.iter().zip(category_names) {
            let entry = builder.entry(EntryKind::Category, name.clone(), None);
            builder.name_patterns(entry, &name);
            for alias in &category.aliases {
                builder.name_patterns(entry, alias.trim());
            }
        }
        builder.build()
    }

    /// Compiles a catalogue from its JSON form:
    /// `{"products": [{"name", "category"?, "sku"?, "aliases"?}], "categories": ["name" | {"name", "aliases"?}]}`.
    /// Unknown keys are ignored (hosts may pass their product rows as they are).
    pub fn from_value(value: &Value) -> Result<Catalog> {
        if !value.is_object() {
            return Err(Error::invalid_input(
                "$",
                format!(
                    "a catalog is an object, got {}",
                    crate::json::type_name(value)
                ),
            ));
        }
        let parsed: CatalogJson = crate::json::from_value(value)?;
        let categories: Vec<CatalogCategory> = parsed
            .categories
            .into_iter()
            .map(|c| match c {
                CategoryJson::Name(name) => CatalogCategory {
                    name,
                    aliases: Vec::new(),
                },
                CategoryJson::Full { name, aliases } => CatalogCategory { name, aliases },
            })
            .collect();
        Catalog::new(&parsed.products, &categories)
    }

    /// Number of products + categories.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the catalogue has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub(crate) fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// Leftmost-longest, non-overlapping whole-word matches over `words`
    /// (lower case), in text order.
    pub(crate) fn find(&self, lower_words: &[&str]) -> Vec<CatalogMatch> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut haystack =
            String::with_capacity(lower_words.iter().map(|w| w.len() + 1).sum::<usize>() + 1);
        let mut word_starts = Vec::with_capacity(lower_words.len());
        haystack.push(' ');
        for w in lower_words {
            word_starts.push(haystack.len());
            haystack.push_str(w);
            haystack.push(' ');
        }
        let mut found: Vec<CatalogMatch> = Vec::new();
        for m in matcher.find_overlapping_iter(&haystack) {
            let Some(target) = self.targets.get(m.pattern().as_usize()) else {
                continue;
            };
            // The pattern starts with the space before its first word.
            let Ok(start) = word_starts.binary_search(&(m.start() + 1)) else {
                continue;
            };
            found.push(CatalogMatch {
                entry: target.entry,
                start,
                end: start + target.words,
                plural: target.plural,
            });
        }
        found.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(a.entry.cmp(&b.entry))
        });
        let mut chosen: Vec<CatalogMatch> = Vec::new();
        for m in found {
            if chosen.last().is_none_or(|last| m.start >= last.end) {
                chosen.push(m);
            }
        }
        chosen
    }
}

/// A name with its whitespace runs (newlines, tabs) collapsed to one space,
/// so it renders on one line of the context block.
fn checked_name(raw: &str, path: &str) -> Result<String> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = name.as_str();
    if name.is_empty() {
        return Err(Error::invalid_input(path, "a name must not be empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Error::new(
            ErrorKind::TooLarge,
            path,
            format!("a name is at most {MAX_NAME_CHARS} characters"),
        ));
    }
    if !name.chars().any(char::is_alphanumeric) {
        return Err(Error::invalid_input(
            path,
            "a name needs at least one letter or digit",
        ));
    }
    Ok(name.to_owned())
}

#[derive(Default)]
struct Builder {
    entries: Vec<Entry>,
    patterns: Vec<String>,
    targets: Vec<PatternTarget>,
    seen: HashSet<String>,
}

impl Builder {
    fn entry(&mut self, kind: EntryKind, name: String, category: Option<String>) -> usize {
        self.entries.push(Entry {
            kind,
            name,
            category,
        });
        self.entries.len() - 1
    }

    fn add(&mut self, entry: usize, words: &[String], plural: bool) {
        if words.is_empty() {
            return;
        }
        let pattern = format!(" {} ", words.join(" "));
        if self.seen.insert(pattern.clone()) {
            self.patterns.push(pattern);
            self.targets.push(PatternTarget {
                entry,
                words: words.len(),
                plural,
            });
        }
    }

    /// A name and its singular/plural variant.
    fn name_patterns(&mut self, entry: usize, name: &str) {
        let mut ws = normalised_words(name);
        let Some(last) = ws.last().cloned() else {
            return;
        };
        if last.chars().any(|c| c.is_ascii_digit()) || last.chars().count() < 2 {
            self.add(entry, &ws, false);
        } else if looks_plural(&last) {
            self.add(entry, &ws, true);
            if let Some(slot) = ws.last_mut() {
                *slot = singular_of(&last);
            }
            self.add(entry, &ws, false);
        } else {
            self.add(entry, &ws, false);
            if let Some(slot) = ws.last_mut() {
                *slot = plural_of(&last);
            }
            self.add(entry, &ws, true);
        }
    }

    /// A SKU as written and with its separators removed (`HP-200`, `HP200`).
    fn sku_patterns(&mut self, entry: usize, sku: &str) {
        let ws = normalised_words(sku);
        self.add(entry, &ws, false);
        let joined: String = words(sku).into_iter().map(|w| w.lower).collect();
        self.add(entry, &[joined], false);
    }

    fn build(self) -> Result<Catalog> {
        let matcher = if self.patterns.is_empty() {
            None
        } else {
            let built = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&self.patterns)
                .map_err(|e| {
                    Error::new(
                        ErrorKind::TooLarge,
                        "$",
                        format!("catalogue too large to compile: {e}"),
                    )
                })?;
            Some(built)
        };
        Ok(Catalog {
            entries: self.entries,
            targets: self.targets,
            matcher,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parts() -> Catalog {
        Catalog::from_value(&json!({
            "products": [
                {"name": "HP-200 Hydraulic Pump", "category": "Hydraulic Pumps", "sku": "HP-200"},
                {"name": "Seal Kit", "category": "seal kits"}
            ],
            "categories": ["hydraulic pumps", {"name": "seal kits", "aliases": ["seals"]}]
        }))
        .unwrap()
    }

    fn find(c: &Catalog, text: &str) -> Vec<(String, usize, usize, bool)> {
        let ws = words(text);
        let lower: Vec<&str> = ws.iter().map(|w| w.lower.as_str()).collect();
        c.find(&lower)
            .into_iter()
            .map(|m| {
                (
                    c.entry(m.entry).unwrap().name.clone(),
                    m.start,
                    m.end,
                    m.plural,
                )
            })
            .collect()
    }

    #[test]
    fn longest_whole_word_case_insensitive() {
        let c = parts();
        assert_eq!(
            find(&c, "Two HP-200 HYDRAULIC PUMPS and a hydraulic pump"),
            vec![
                ("HP-200 Hydraulic Pump".to_owned(), 1, 5, true),
                ("hydraulic pumps".to_owned(), 7, 9, false)
            ]
        );
        assert_eq!(find(&c, "hp200?")[0].0, "HP-200 Hydraulic Pump");
        assert!(find(&c, "sealskin pumpsets").is_empty());
        assert_eq!(find(&c, "seals")[0].0, "seal kits");
    }

    #[test]
    fn product_category_uses_catalogue_spelling() {
        let c = parts();
        assert_eq!(
            c.entry(0).unwrap().category.as_deref(),
            Some("hydraulic pumps")
        );
        assert_eq!(c.len(), 4);
        let odd =
            Catalog::from_value(&json!({"products": [{"name": " Seal\n\tKit  X "}]})).unwrap();
        assert_eq!(odd.entry(0).unwrap().name, "Seal Kit X");
    }

    #[test]
    fn bad_entries_name_the_path() {
        let e = Catalog::from_value(&json!({"products": [{"name": "ok"}, {"name": "  "}]}))
            .unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::InvalidInput, "$.products[1].name")
        );
        let e = Catalog::from_value(&json!({"products": [{"name": 3}]})).unwrap_err();
        assert_eq!(e.path(), "$.products[0].name");
        let e = Catalog::from_value(
            &json!({"categories": [{"name": "x", "aliases": ["x".repeat(201)]}]}),
        )
        .unwrap_err();
        assert_eq!(
            (e.kind(), e.path()),
            (ErrorKind::TooLarge, "$.categories[0].aliases[0]")
        );
        assert_eq!(Catalog::from_value(&json!([])).unwrap_err().path(), "$");
    }
}
