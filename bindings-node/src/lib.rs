//! Node.js bindings of verity (napi-rs): convert, call the core, map errors.
//!
//! No decision is made here. Every entry point converts its arguments with
//! [`input`], calls one core function under [`error::call`] (typed errors →
//! JS `Error` with a stable `code`, panics caught) and returns plain JS
//! values built by [`output`]. One file per core module.

// Under `cfg(test)` napi-derive registers nothing, so every binding looks
// unused to clippy's test target; the crate has no Rust tests (`test = false`).
#![cfg_attr(test, allow(dead_code))]

mod args;
mod error;
mod input;
mod output;
mod tasks;

mod auditlog;
mod conversation;
mod dedup;
mod enforcement;
mod metadata;
mod outcome;
mod pairing;
