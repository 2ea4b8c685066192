//! The properties myrustlib's fuzz targets check, one function per target.
//!
//! The same file is compiled into `cargo test -p core` (`crates/core/tests/fuzz_corpus.rs`),
//! which replays the committed corpus through these functions on every change.

#[path = "checks.rs"]
pub mod checks;
