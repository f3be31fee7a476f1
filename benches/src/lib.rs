//! Shared helpers for the criterion benches (data builders live next to each bench).

pub mod dedup_data;
pub mod pairing_gen;
