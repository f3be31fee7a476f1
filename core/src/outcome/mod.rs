//! outcome — `ExecutionResult`, `{data, meta}` envelopes, retry decisions.
//!
//! (Skeleton: filled by the outcome issue.)
