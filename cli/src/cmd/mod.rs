//! One file per subcommand; each parses its arguments, does the file I/O and
//! calls the core.

pub mod classify;
pub mod hash;
pub mod log;
pub mod metadata;
pub mod metrics;
pub mod pair;
pub mod provider;
pub mod verify_golden;
