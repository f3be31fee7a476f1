//! Capture order: photos of one product are usually taken one after the
//! other, front first. The contribution decays with the distance in
//! `sequence` (or, without sequences, in `captured_at` seconds); a back shot
//! before its front counts as further away; far apart (hundreds of steps or
//! hours) it turns mildly negative, down to −0.6. Its maximum (0.6) is far
//! below any threshold, so it is never decisive alone.

use super::Profile;

pub(crate) const WEIGHT: f64 = 0.6;
/// Sequence steps over which the contribution falls to 1/e.
const SEQUENCE_DECAY: f64 = 4.0;
/// Seconds over which the contribution falls to 1/e.
const SECONDS_DECAY: f64 = 120.0;

/// Sequence steps / seconds over which the far-apart penalty approaches its maximum.
const FAR_STEPS: f64 = 200.0;
const FAR_SECONDS: f64 = 3600.0;

/// Mildly negative for captures far apart (at most −0.6): a back shot long
/// after a front usually belongs to another product.
fn far_penalty(scaled_distance: f64) -> f64 {
    WEIGHT * (1.0 - (-scaled_distance).exp())
}

pub(crate) fn score(front: &Profile, back: &Profile) -> Option<f64> {
    if let (Some(f), Some(b)) = (front.sequence, back.sequence) {
        let d = b.saturating_sub(f);
        let steps = if d > 0 {
            d as f64
        } else {
            d.unsigned_abs() as f64 + 2.0
        };
        return Some(
            WEIGHT * (-(steps - 1.0).max(0.0) / SEQUENCE_DECAY).exp()
                - far_penalty(steps / FAR_STEPS),
        );
    }
    if let (Some(f), Some(b)) = (front.captured_at_ms, back.captured_at_ms) {
        let d = b.saturating_sub(f) as f64 / 1000.0;
        let seconds = if d >= 0.0 { d } else { -d * 2.0 + 30.0 };
        return Some(
            WEIGHT * (-seconds / SECONDS_DECAY).exp() - far_penalty(seconds / FAR_SECONDS),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pairing::input::parse_analysis;
    use serde_json::json;

    fn profiles(v: serde_json::Value) -> Vec<Profile> {
        parse_analysis(&v)
            .unwrap()
            .iter()
            .map(Profile::new)
            .collect()
    }

    #[test]
    fn decays_with_sequence_distance_and_prefers_front_first() {
        let p = profiles(json!([
            {"id": "f", "view": "front", "sequence": 10},
            {"id": "b1", "view": "back", "sequence": 11},
            {"id": "b5", "view": "back", "sequence": 15},
            {"id": "b9", "view": "back", "sequence": 9},
            {"id": "x", "view": "back"}
        ]));
        let next = score(&p[0], &p[1]).unwrap();
        let far = score(&p[0], &p[2]).unwrap();
        let before = score(&p[0], &p[3]).unwrap();
        assert!((next - WEIGHT).abs() < 0.01);
        assert!(far < next && before < next && far > 0.0);
        assert_eq!(score(&p[0], &p[4]), None);
    }

    #[test]
    fn falls_back_to_timestamps() {
        let p = profiles(json!([
            {"id": "f", "view": "front", "captured_at": "2025-10-01T09:14:03Z"},
            {"id": "b", "view": "back", "captured_at": "2025-10-01T09:14:13Z"},
            {"id": "c", "view": "back", "captured_at": "2025-10-01T10:14:13Z"}
        ]));
        assert!(score(&p[0], &p[1]).unwrap() > 0.5);
        assert!(score(&p[0], &p[2]).unwrap() < 0.01);
    }
}
