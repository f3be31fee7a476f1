//! dedup — RFC 8785 canonical JSON, template config hashes, prompt hashes,
//! idempotency keys and the in-memory [`DedupIndex`].
//!
//! What it decides:
//! - the canonical bytes of a JSON value ([`canonical_json`], RFC 8785
//!   exactly: UTF-16 key order, ECMAScript number formatting, minimal
//!   escaping, no whitespace) and of JSON text ([`canonical_json_from_bytes`],
//!   which also refuses duplicate keys, lone/reversed surrogates, numbers
//!   overflowing to infinity and nesting deeper than 128);
//!   Typed Rust values go through [`canonical_json_of`], which refuses
//!   NaN/±Infinity (serde_json would silently write `null`);
//! - when two prompt templates are "the same" ([`template_config_hash`]);
//! - whether a create is a 201 or a 409 ([`DedupIndex`]);
//! - prompt hashes and the seed's idempotency keys ([`probe_idempotency_key`],
//!   [`run_idempotency_key`], [`parse_idempotency_key`]).
//!
//! What it never does: read a clock (times are [`Timestamp`] parameters),
//! talk to a database or Redis (the index documents its SQL mapping), or
//! repair input silently.
//!
//! Numbers: every JSON number is the IEEE-754 double nearest to it, as RFC
//! 8785 and `JSON.parse` define; integers beyond 2^53 (including `u64`/`i64`
//! values in a parsed value) are rounded to nearest-even and printed the
//! way ECMAScript prints that double (`18446744073709551615` →
//! `18446744073709552000`). Distinct large integers can therefore share
//! canonical bytes; callers needing exact big integers must send strings.
//!
//! # Template config normalisation, version 1
//!
//! The hash covers exactly these fields of the config object; every other
//! field (`name`, `description`, ids, `org_id`, `workspace_id`,
//! `created_at`/`updated_at`/`deleted_at`, ...) is ignored.
//!
//! | field | accepted | normalisation |
//! |---|---|---|
//! | `system_instructions` | string, null or absent | NFC; CRLF and lone CR → LF; trailing whitespace of every line removed; leading/trailing whitespace and blank lines of the whole text removed; absent/null = `""` |
//! | `user_prompt_template` | string (required) | as `system_instructions` |
//! | `model_id` | non-empty string (required) | NFC, trimmed; case kept |
//! | `country_set` | array of strings, null or absent | each NFC, trimmed, upper-cased (must be non-empty); duplicates removed; sorted; absent/null = `[]` |
//! | `inference_params` | object, null or absent | members whose value is null dropped (top level only); `temperature`, `top_p`, `frequency_penalty`, `presence_penalty` must be numbers; `top_k`, `max_tokens`, `max_output_tokens`, `max_completion_tokens`, `seed`, `n`, `candidate_count` integral numbers; strings and keys NFC; absent/null = `{}` |
//! | `tools`, `response_format` | any JSON; null/absent = left out | strings and keys NFC; order kept |
//!
//! Then `"normalization_version": 1` is added, the document is
//! canonicalised (numbers compare as numbers: `0.7` == `0.70`, `1000` ==
//! `1000.0`; key order never matters) and the canonical bytes are hashed
//! with SHA-256. Inner whitespace of prompts, letter case of prompts and
//! model ids, array order in `tools` and `[]` vs absent `tools` all still
//! make templates different. Wrong types are [`crate::ErrorKind::InvalidInput`]
//! naming the path (`$.inference_params.temperature`); keys equal after NFC
//! are [`crate::ErrorKind::DuplicateKey`].

mod canonical;
mod index;
mod keys;
mod parse;
mod path;
mod template;
mod timestamp;
mod typed;

pub use canonical::{canonical_json, canonical_number, cmp_utf16, write_canonical, MAX_DEPTH};
pub use index::{CreateOutcome, DedupIndex, DuplicateCheck};
pub use keys::{
    parse_idempotency_key, probe_idempotency_key, rendered_prompt_sha256, run_idempotency_key,
    IdempotencyKey,
};
pub use parse::{parse_strict, parse_strict_with_limits};
pub use template::{
    normalize_template_config, normalize_text, template_config_hash,
    template_config_hash_from_bytes, TemplateConfigHash, NORMALIZATION_VERSION,
};
pub use timestamp::Timestamp;
pub use typed::canonical_json_of;

use crate::error::Result;

/// RFC 8785 canonical bytes of JSON text: parsed strictly ([`parse_strict`]:
/// duplicate keys, lone surrogates, `1e400`, depth > 128 and input > 8 MiB
/// are errors), then serialised by [`canonical_json`].
pub fn canonical_json_from_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    canonical_json(&parse_strict(bytes)?)
}
