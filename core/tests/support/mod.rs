//! Shared plumbing of the core's integration tests, included by each test
//! file with `mod support;`: the generic conformance-vector runner
//! (`vectors`) and JSON Schema validation of outputs (`schema`). It decides
//! nothing about any module's behaviour; each test file keeps its own op →
//! function dispatch and its own assertions.
#![allow(dead_code)] // each test file uses a subset

pub mod schema;
pub mod vectors;

use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository's `tests/` directory (vectors, fixtures, schemas, golden data).
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// Parses a JSON file, panicking with its path when it is missing or not JSON.
pub fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `read_json` of a path relative to `tests/`.
pub fn tests_json(relative: &str) -> Value {
    read_json(&tests_dir().join(relative))
}

/// The `*.json` files directly in `dir`, sorted by name.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}
