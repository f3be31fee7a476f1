//! The scorers: one file per feature, each comparing a front with a back (or
//! a pair member with an extra) and returning a signed contribution, or
//! `None` when either side lacks the field (missing is neutral, never
//! evidence against). The pair score is the sum of the contributions.
//!
//! | feature | agrees | disagrees | missing |
//! |---|---|---|---|
//! | `brand` | +1.5 × similarity (OCR typos tolerated) | **blocks** (two different known brands) | neutral |
//! | `product_name` | 1.5 × (2·token similarity − 1), in −1.5..+1.5 | | neutral |
//! | `category` | +0.3 | −0.6 | neutral |
//! | `packaging` | +0.4 + boost of that packaging | −0.8 | neutral |
//! | `variant` | +1.0 | −4.0 (look-alike guard) | neutral |
//! | `net_content` (field, else first quantity in the OCR text) | +1.0 | −4.0 (same dimension), −0.5 (ml vs g) | neutral |
//! | `barcode` | +5.0, **decisive** (equal valid GTINs) | **blocks** (different valid GTINs) | neutral (also a bad check digit) |
//! | `colors` | 0.8 × (1 − ΔE/15), clamped to −1.6..+0.8 (CIELAB best match) | | neutral |
//! | `cross_evidence` | +2.0 × share of the front's brand/name/variant words found in the back's OCR text | −3.5 / −3.0 when the text names the product but not its variant / brand | neutral |
//! | `capture_order` | +0.6, decaying with capture distance; never decisive alone | down to −0.6 when hundreds of steps / hours apart | neutral |

pub(crate) mod barcode;
pub(crate) mod brand;
pub(crate) mod capture_order;
pub(crate) mod category;
pub(crate) mod colors;
pub(crate) mod cross_evidence;
pub(crate) mod net_content;
pub(crate) mod packaging;
pub(crate) mod product_name;
pub(crate) mod variant;

use super::config::PairingConfig;
use super::input::{Image, View};
use super::normalize::{brand_key, label_key, tokens};
use serde::{Deserialize, Serialize};

/// Everything the scorers need from one image, normalised once.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub brand: Option<String>,
    pub name: Vec<String>,
    pub category: Option<String>,
    pub packaging: Option<String>,
    pub variant: Vec<String>,
    pub net: Option<net_content::Quantity>,
    /// GTIN normalised to 14 digits, only when the check digit is valid.
    pub gtin: Option<String>,
    pub labs: Vec<[f64; 3]>,
    pub text: cross_evidence::TextIndex,
    /// The words cross-evidence looks up in another image's text.
    pub query: cross_evidence::Query,
    pub sequence: Option<i64>,
    pub captured_at_ms: Option<i64>,
}

impl Profile {
    pub fn new(image: &Image) -> Profile {
        let opt = |s: &Option<String>, f: fn(&str) -> String| {
            s.as_deref().map(f).filter(|k| !k.is_empty())
        };
        let brand = opt(&image.brand, brand_key);
        let name = image
            .product_name
            .as_deref()
            .map(tokens)
            .unwrap_or_default();
        let variant = image.variant.as_deref().map(tokens).unwrap_or_default();
        Profile {
            query: cross_evidence::Query::new(brand.as_ref(), &name, &variant),
            brand,
            name,
            category: opt(&image.category, label_key),
            packaging: opt(&image.packaging, label_key),
            variant,
            // The net content printed in the OCR text stands in for a missing field.
            net: image
                .net_content
                .as_deref()
                .and_then(net_content::parse)
                .or_else(|| image.text.as_deref().and_then(net_content::parse)),
            gtin: image.barcode.as_deref().and_then(barcode::normalise_gtin),
            labs: image
                .colors
                .iter()
                .map(|c| colors::srgb_to_lab(*c))
                .collect(),
            // Only the second image of a comparison (a back or an extra) has
            // its text searched; a front never takes that role.
            text: image
                .text
                .as_deref()
                .filter(|_| image.view != View::Front)
                .map(cross_evidence::text_index)
                .unwrap_or_default(),
            sequence: image.sequence,
            captured_at_ms: image.captured_at_ms,
        }
    }
}

/// Why a pair is impossible whatever else agrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Block {
    /// Two different known brands.
    Brand,
    /// Two different valid GTINs.
    Barcode,
}

/// Per-feature contributions of one candidate pair (`null` = missing, neutral).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct FeatureScores {
    /// Brand agreement.
    pub brand: Option<f64>,
    /// Product-name token similarity.
    pub product_name: Option<f64>,
    /// Category agreement.
    pub category: Option<f64>,
    /// Packaging agreement plus its boost.
    pub packaging: Option<f64>,
    /// Variant (scent/flavour/strength) agreement.
    pub variant: Option<f64>,
    /// Net content agreement.
    pub net_content: Option<f64>,
    /// Equal valid GTINs.
    pub barcode: Option<f64>,
    /// Palette closeness.
    pub colors: Option<f64>,
    /// The front's words in the back's OCR text.
    pub cross_evidence: Option<f64>,
    /// Capture proximity.
    pub capture_order: Option<f64>,
}

impl FeatureScores {
    fn all(&self) -> [Option<f64>; 10] {
        [
            self.brand,
            self.product_name,
            self.category,
            self.packaging,
            self.variant,
            self.net_content,
            self.barcode,
            self.colors,
            self.cross_evidence,
            self.capture_order,
        ]
    }

    /// Each present value rounded to 4 decimals.
    pub(crate) fn rounded(mut self) -> Self {
        for v in [
            &mut self.brand,
            &mut self.product_name,
            &mut self.category,
            &mut self.packaging,
            &mut self.variant,
            &mut self.net_content,
            &mut self.barcode,
            &mut self.colors,
            &mut self.cross_evidence,
            &mut self.capture_order,
        ] {
            *v = v.map(super::round4);
        }
        self
    }
}

/// The score of one candidate pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Score {
    pub total: f64,
    /// The total without capture order: content evidence only.
    pub content: f64,
    pub features: FeatureScores,
    pub block: Option<Block>,
    /// Equal valid barcodes.
    pub decisive: bool,
}

/// Scores `a` (front role) against `b` (back role).
pub(crate) fn score(a: &Profile, b: &Profile, config: &PairingConfig) -> Score {
    let brand = brand::score(a.brand.as_deref(), b.brand.as_deref());
    let barcode = barcode::score(a.gtin.as_deref(), b.gtin.as_deref());
    // A blocked pair is never scored further: nothing can outweigh a block.
    let block = if brand.is_conflict() {
        Some(Block::Brand)
    } else if barcode.is_conflict() {
        Some(Block::Barcode)
    } else {
        None
    };
    if block.is_some() {
        return Score {
            total: 0.0,
            content: 0.0,
            features: FeatureScores::default(),
            block,
            decisive: false,
        };
    }
    let features = FeatureScores {
        brand: brand.contribution(),
        product_name: product_name::score(&a.name, &b.name),
        category: category::score(a.category.as_deref(), b.category.as_deref()),
        packaging: packaging::score(a.packaging.as_deref(), b.packaging.as_deref(), config),
        variant: variant::score(&a.variant, &b.variant),
        net_content: net_content::score(a.net, b.net),
        barcode: barcode.contribution(),
        colors: colors::score(&a.labs, &b.labs),
        cross_evidence: cross_evidence::score(a, &b.text),
        capture_order: capture_order::score(a, b),
    };
    let total: f64 = features.all().iter().flatten().sum();
    Score {
        total,
        content: total - features.capture_order.unwrap_or(0.0),
        features,
        block,
        decisive: barcode.is_decisive(),
    }
}
