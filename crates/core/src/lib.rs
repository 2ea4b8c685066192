//! The pure-Rust core of myrustlib.
//!
//! Everything here is plain Rust: no Python types, no PyO3. The Python package `myrustlib` is a
//! thin binding over these functions (crate `pyo3-myrustlib`), and a Rust program can depend on
//! this crate directly.
//!
//! - [`counters`]: count the positions where an item equals the next one ("doubles"), in several
//!   variants that each show one technique, from a naive iterator zip to a parallel slice scan.
//! - [`utils`]: random strings drawn uniformly from an alphabet, reproducible for a given seed.
//! - [`ray`]: ray–sphere geometry and the "Rusty Python" one-sphere scene, rendered in parallel.
//! - [`picture`]: frames encoded as PNG, in memory or as files.
//! - [`text`]: text as fixed-width code units (CPython's `str` storage), read or written.
//! - [`parallel`]: when a parallel function splits its input across threads.
//! - [`Error`]: what can go wrong, for the binding to map onto Python exceptions.
//!
//! ```
//! use myrustlib_core::counters::{count_doubles, count_doubles_slice, count_doubles_slice_parallel};
//! use myrustlib_core::utils::{random_string, ASCII_LETTERS};
//!
//! assert_eq!(count_doubles("aaa".chars()), 2);
//! assert_eq!(count_doubles_slice(b"abba"), 1);
//!
//! let text = random_string(1_000, ASCII_LETTERS, Some(42))?;
//! assert_eq!(count_doubles(text.chars()), count_doubles_slice_parallel(text.as_bytes()));
//! # Ok::<(), myrustlib_core::Error>(())
//! ```
#![warn(missing_docs)]

pub mod counters;
mod error;
pub mod parallel;
pub mod picture;
pub mod ray;
pub mod text;
pub mod utils;

pub use error::{Error, Result};
