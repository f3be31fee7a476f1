//! Net content: the first quantity + unit in the string, normalised to a base
//! unit (ml, g or a count). Equal amounts (within 2 %) agree; different
//! amounts of one dimension disagree strongly (look-alike sizes); a volume
//! against a mass disagrees mildly (labels print both). Unparseable is missing.

pub(crate) const AGREE: f64 = 1.0;
pub(crate) const DISAGREE: f64 = -4.0;
pub(crate) const OTHER_DIMENSION: f64 = -0.5;

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dimension {
    Volume,
    Mass,
    Count,
}

/// An amount in its dimension's base unit (ml, g, pieces).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quantity {
    pub amount: f64,
    pub dimension: Dimension,
}

/// Units (folded) and their factor to the base unit.
const UNITS: &[(&str, f64, Dimension)] = &[
    ("ml", 1.0, Dimension::Volume),
    ("cl", 10.0, Dimension::Volume),
    ("dl", 100.0, Dimension::Volume),
    ("l", 1000.0, Dimension::Volume),
    ("ltr", 1000.0, Dimension::Volume),
    ("litre", 1000.0, Dimension::Volume),
    ("liter", 1000.0, Dimension::Volume),
    ("floz", 29.5735, Dimension::Volume),
    ("mg", 0.001, Dimension::Mass),
    ("g", 1.0, Dimension::Mass),
    ("gr", 1.0, Dimension::Mass),
    ("kg", 1000.0, Dimension::Mass),
    ("oz", 28.3495, Dimension::Mass),
    ("lb", 453.592, Dimension::Mass),
    ("lbs", 453.592, Dimension::Mass),
];

const COUNT_WORDS: &[&str] = &[
    "capsule", "capsules", "caps", "tablet", "tablets", "tabs", "softgel", "softgels", "gummies",
    "pieces", "piece", "pcs", "pc", "ct", "count", "sachets", "bags", "pods", "servings", "x",
];

/// Parses e.g. `"250 ml"`, `"1,5kg"`, `"60 capsules"`, `"8.4 fl oz"`.
pub(crate) fn parse(s: &str) -> Option<Quantity> {
    let lower = s.to_lowercase();
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || ((chars[i] == '.' || chars[i] == ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let number: String = chars[start..i]
            .iter()
            .map(|&c| if c == ',' { '.' } else { c })
            .collect();
        let amount: f64 = number.parse().ok()?;
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let mut unit = String::new();
        while j < chars.len() && (chars[j].is_alphabetic() || chars[j] == ' ' || chars[j] == '.') {
            if chars[j].is_alphabetic() {
                unit.push(chars[j]);
            } else if chars[j] == ' ' && unit != "fl" {
                break;
            }
            j += 1;
        }
        if let Some((_, factor, dimension)) = UNITS.iter().find(|(u, _, _)| *u == unit) {
            return Some(Quantity {
                amount: amount * factor,
                dimension: *dimension,
            });
        }
        if COUNT_WORDS.contains(&unit.as_str()) {
            return Some(Quantity {
                amount,
                dimension: Dimension::Count,
            });
        }
    }
    None
}

pub(crate) fn score(a: Option<Quantity>, b: Option<Quantity>) -> Option<f64> {
    let (a, b) = (a?, b?);
    if a.dimension != b.dimension {
        return Some(OTHER_DIMENSION);
    }
    let larger = a.amount.abs().max(b.amount.abs());
    let close = larger == 0.0 || (a.amount - b.amount).abs() / larger <= 0.02;
    Some(if close { AGREE } else { DISAGREE })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        parse(s).unwrap_or_else(|| panic!("{s} should parse"))
    }

    #[test]
    fn parses_units_to_base() {
        assert_eq!(
            q("250 ml"),
            Quantity {
                amount: 250.0,
                dimension: Dimension::Volume
            }
        );
        assert_eq!(
            q("1.5kg"),
            Quantity {
                amount: 1500.0,
                dimension: Dimension::Mass
            }
        );
        assert_eq!(
            q("1,5 KG"),
            Quantity {
                amount: 1500.0,
                dimension: Dimension::Mass
            }
        );
        assert_eq!(
            q("60 capsules"),
            Quantity {
                amount: 60.0,
                dimension: Dimension::Count
            }
        );
        assert_eq!(
            q("Net wt. 0.25 L e"),
            Quantity {
                amount: 250.0,
                dimension: Dimension::Volume
            }
        );
        assert!((q("8.4 fl oz").amount - 248.4174).abs() < 1e-3);
        assert_eq!(parse("large"), None);
        assert_eq!(parse("12 apples"), None);
    }

    #[test]
    fn equal_amounts_agree_across_units() {
        assert_eq!(score(Some(q("0.25 l")), Some(q("250ml"))), Some(AGREE));
        assert_eq!(score(Some(q("250 ml")), Some(q("400 ml"))), Some(DISAGREE));
        assert_eq!(
            score(Some(q("250 ml")), Some(q("250 g"))),
            Some(OTHER_DIMENSION)
        );
        assert_eq!(score(None, Some(q("250 g"))), None);
    }
}
