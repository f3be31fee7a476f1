//! enforcement — did a grounded (web-search) LLM run obey its requested mode?
//!
//! (Skeleton: filled by the enforcement issue.)
