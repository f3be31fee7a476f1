//! RFC 8785 number serialisation checked against an independent ES6
//! formatter on many random IEEE-754 doubles.
//!
//! The product formats with `ryu-js`; the reference here rearranges Rust's
//! own shortest round-trip `{:e}` output (a different algorithm: Grisu with
//! Dragon4 fallback in `core::fmt`) into the layout of ECMAScript
//! `Number::toString` (ECMA-262 §6.1.6.1.20), written from the spec text.

use verity::dedup::{canonical_json_from_bytes, canonical_number};

/// ECMAScript Number::toString(x) for finite x, from the shortest digits.
fn es6_reference(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if x < 0.0 {
        return format!("-{}", es6_reference(-x));
    }
    let (digits, exponent) = shortest_digits(x);
    let k = digits.len() as i32;
    let n = exponent + 1;
    if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let (first, rest) = digits.split_at(1);
        let sign = if n - 1 < 0 { '-' } else { '+' };
        let dot = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        format!("{first}{dot}e{sign}{}", (n - 1).abs())
    }
}

/// Shortest round-trip significant digits and decimal exponent of x > 0.
///
/// `{:e}` breaks an exact tie between two shortest candidates upwards;
/// ECMAScript picks the even one (1424953923781206.25 → `…206.2`), so a
/// tie is detected on the exact decimal expansion and resolved to even.
fn shortest_digits(x: f64) -> (String, i32) {
    let (digits, exponent) = split_sci(&format!("{x:e}"));
    let k = digits.len();
    // Cheap gate: the (k+1)-th rounded digit is 5 for every real tie.
    let (rounded, _) = split_sci(&format!("{x:.k$e}"));
    if !rounded.ends_with('5') {
        return (digits, exponent);
    }
    // 767 fractional digits hold the exact expansion of any double.
    let (exact, exact_exponent) = split_sci(&format!("{x:.767e}"));
    let (head, tail) = exact.split_at(k);
    let is_tie =
        exact_exponent == exponent && tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0');
    let head_is_even = head.bytes().last().is_some_and(|d| (d - b'0') % 2 == 0);
    let head_round_trips = format!("{head}e{}", exponent - k as i32 + 1).parse::<f64>() == Ok(x);
    if is_tie && head_is_even && head_round_trips {
        (head.trim_end_matches('0').to_owned(), exponent)
    } else {
        (digits, exponent)
    }
}

fn split_sci(sci: &str) -> (String, i32) {
    let (mantissa, exponent) = sci.split_once('e').expect("{:e} has an exponent");
    let digits = mantissa.chars().filter(|c| *c != '.').collect();
    (digits, exponent.parse().expect("integer exponent"))
}

/// xorshift64* with a fixed seed: deterministic "random" bit patterns.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

#[test]
fn random_doubles_match_the_independent_es6_formatter() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0;
    for i in 0..500_000u32 {
        let bits = rng.next();
        // Mix raw bit patterns (all exponents) with values in everyday ranges.
        let x = match i % 4 {
            0 => f64::from_bits(bits),
            1 => (bits >> 11) as f64 / (1u64 << 53) as f64 * 1e6,
            2 => (bits >> 11) as f64,
            _ => f64::from_bits(bits).abs().sqrt(),
        };
        if !x.is_finite() {
            continue;
        }
        assert_eq!(
            canonical_number(x).unwrap(),
            es6_reference(x),
            "bits {:016x}",
            x.to_bits()
        );
        checked += 1;
    }
    assert!(checked > 495_000);
}

#[test]
fn text_numbers_round_trip_through_parser_and_formatter() {
    // Parse the 17-significant-digit spelling of random doubles: the
    // parser must land on the same double, the formatter on the reference.
    let mut rng = XorShift(42);
    for _ in 0..50_000 {
        let x = f64::from_bits(rng.next());
        if !x.is_finite() {
            continue;
        }
        let text = format!("{x:.16e}");
        let out = canonical_json_from_bytes(text.as_bytes()).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), es6_reference(x), "{text}");
    }
}

#[test]
fn reference_formatter_reproduces_rfc_8785_appendix_b() {
    // The reference is itself checked against the RFC's published table.
    for (bits, expected) in APPENDIX_B {
        assert_eq!(
            es6_reference(f64::from_bits(*bits)),
            *expected,
            "{bits:016x}"
        );
        assert_eq!(canonical_number(f64::from_bits(*bits)).unwrap(), *expected);
    }
    for bits in [
        0x7fff_ffff_ffff_ffffu64,
        0x7ff0_0000_0000_0000,
        0xfff0_0000_0000_0000,
    ] {
        assert!(canonical_number(f64::from_bits(bits)).is_err());
    }
}

/// RFC 8785 Appendix B: IEEE-754 bit patterns and their serialisation
/// (the NaN and Infinity rows are errors, checked separately).
const APPENDIX_B: &[(u64, &str)] = &[
    (0x0000000000000000, "0"),
    (0x8000000000000000, "0"),
    (0x0000000000000001, "5e-324"),
    (0x8000000000000001, "-5e-324"),
    (0x7fefffffffffffff, "1.7976931348623157e+308"),
    (0xffefffffffffffff, "-1.7976931348623157e+308"),
    (0x4340000000000000, "9007199254740992"),
    (0xc340000000000000, "-9007199254740992"),
    (0x4430000000000000, "295147905179352830000"),
    (0x44b52d02c7e14af5, "9.999999999999997e+22"),
    (0x44b52d02c7e14af6, "1e+23"),
    (0x44b52d02c7e14af7, "1.0000000000000001e+23"),
    (0x444b1ae4d6e2ef4e, "999999999999999700000"),
    (0x444b1ae4d6e2ef4f, "999999999999999900000"),
    (0x444b1ae4d6e2ef50, "1e+21"),
    (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
    (0x3eb0c6f7a0b5ed8d, "0.000001"),
    (0x41b3de4355555553, "333333333.3333332"),
    (0x41b3de4355555554, "333333333.33333325"),
    (0x41b3de4355555555, "333333333.3333333"),
    (0x41b3de4355555556, "333333333.3333334"),
    (0x41b3de4355555557, "333333333.33333343"),
    (0xbecbf647612f3696, "-0.0000033333333333333333"),
    (0x43143ff3c1cb0959, "1424953923781206.2"),
];
