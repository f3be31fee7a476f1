//! Colours: palettes compared in CIELAB (D65) with ΔE*76, best match: each
//! colour of either palette takes its nearest colour in the other, and the
//! mean of those distances maps to +0.8 (identical), 0 (ΔE 15), down to
//! −1.6 (ΔE ≥ 45).

pub(crate) const WEIGHT: f64 = 0.8;
/// The ΔE at which palettes are neither alike nor unlike.
pub(crate) const NEUTRAL_DELTA_E: f64 = 15.0;
/// The most a palette mismatch can cost.
pub(crate) const MAX_PENALTY: f64 = 1.6;

/// sRGB bytes to CIELAB (D65 white).
pub(crate) fn srgb_to_lab(rgb: [u8; 3]) -> [f64; 3] {
    let lin = |c: u8| linear_table()[usize::from(c)];
    let (r, g, b) = (lin(rgb[0]), lin(rgb[1]), lin(rgb[2]));
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
    let z = (0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 216.0 / 24389.0 {
            t.cbrt()
        } else {
            (24389.0 / 27.0 * t + 16.0) / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// The sRGB transfer function undone, for one channel byte.
fn linearise(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// [`linearise`] of every byte, computed once per process (a `powf` per
/// channel per colour was a visible share of profiling an image).
fn linear_table() -> &'static [f64; 256] {
    static TABLE: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0.0; 256];
        for (byte, value) in (0u8..=255).zip(table.iter_mut()) {
            *value = linearise(byte);
        }
        table
    })
}

fn delta_e(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// Symmetric best-match mean ΔE between two palettes.
pub(crate) fn palette_distance(a: &[[f64; 3]], b: &[[f64; 3]]) -> Option<f64> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let nearest = |from: &[[f64; 3]], to: &[[f64; 3]]| -> f64 {
        from.iter()
            .map(|c| {
                to.iter()
                    .map(|d| delta_e(c, d))
                    .fold(f64::INFINITY, f64::min)
            })
            .sum::<f64>()
    };
    Some((nearest(a, b) + nearest(b, a)) / (a.len() + b.len()) as f64)
}

pub(crate) fn score(a: &[[f64; 3]], b: &[[f64; 3]]) -> Option<f64> {
    let d = palette_distance(a, b)?;
    Some((WEIGHT * (1.0 - d / NEUTRAL_DELTA_E)).clamp(-MAX_PENALTY, WEIGHT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_of_references() {
        let white = srgb_to_lab([255, 255, 255]);
        assert!((white[0] - 100.0).abs() < 0.01 && white[1].abs() < 0.01 && white[2].abs() < 0.01);
        let red = srgb_to_lab([255, 0, 0]);
        assert!((red[0] - 53.24).abs() < 0.05 && (red[1] - 80.09).abs() < 0.05);
    }

    #[test]
    fn close_palettes_agree_and_far_ones_disagree() {
        let p = |cs: &[[u8; 3]]| cs.iter().map(|c| srgb_to_lab(*c)).collect::<Vec<_>>();
        let navy = p(&[[0x1f, 0x3a, 0x5c], [0xf2, 0xf2, 0xf2]]);
        let navy2 = p(&[[0xf0, 0xf0, 0xf0], [0x21, 0x3c, 0x5e]]);
        let orange = p(&[[0xff, 0x88, 0x00]]);
        assert!(score(&navy, &navy2).is_some_and(|s| s > 0.7));
        assert!(score(&navy, &orange).is_some_and(|s| s < 0.0));
        assert_eq!(score(&navy, &[]), None);
    }
}
