//! auditlog — hash-chained, append-only log: append and verify integrity.
//!
//! (Skeleton: filled by the auditlog issue.)
