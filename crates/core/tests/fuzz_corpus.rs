//! Replays the fuzzers' corpus through the fuzz targets' own checks on every `cargo test`.
//!
//! `fuzz/src/checks.rs` holds the properties (one function per fuzz target); `fuzz/corpus/<target>`
//! the minimised inputs the fuzzer found interesting, and `fuzz/regressions/<target>` any input
//! that once failed. Fuzzing itself needs nightly Rust and cargo-fuzz (see the README); the
//! properties run here on stable with every change.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test code: a failure should be loud"
)]

use std::fs;
use std::path::Path;

#[path = "../../../fuzz/src/checks.rs"]
mod checks;

/// Runs `check` on every file kept for `target`; returns how many there were.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut replayed = 0;
    for kind in ["corpus", "regressions"] {
        let Ok(entries) = fs::read_dir(fuzz.join(kind).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = fs::read(&path).unwrap();
            check(&data);
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn counters_corpus() {
    assert!(
        replay("counters", checks::counters) > 10,
        "fuzz/corpus/counters is missing"
    );
}

#[test]
fn random_string_corpus() {
    let replayed = replay("random_string", checks::random_string);
    assert!(replayed > 10, "fuzz/corpus/random_string is missing");
}

#[test]
fn ray_corpus() {
    assert!(
        replay("ray", checks::ray) > 10,
        "fuzz/corpus/ray is missing"
    );
}

/// Inputs chosen by hand for what the fuzzer might take long to reach.
#[test]
fn hand_made_inputs() {
    // 64 × 4,096 equal bytes: runs far past the vectorised kernel's 8-bit lane counters.
    let mut long_run = vec![0_u8, 63];
    long_run.extend([b'a'; 4096]);
    checks::counters(&long_run);
    // The same with 2- and 4-byte units, and chunks of one unit for the parallel variants.
    long_run[0] = 1;
    checks::counters(&long_run);
    long_run[0] = 2;
    checks::counters(&long_run);
    // A string spanning three generator chunks, from a one-letter and a four-letter alphabet.
    checks::random_string(&[0xff, 0xff, 0x82, 7, 0, 0, 0, 0, 0, 0, 0, b'x']);
    let mut wide = vec![0xff, 0xff, 0x82, 0, 0, 0, 0, 0, 0, 0, 0];
    wide.extend("aé€😀".as_bytes());
    checks::random_string(&wide);
    // An empty alphabet, and raw NaN and infinite floats for the ray math.
    checks::random_string(&[5, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
    let mut raw = vec![1_u8, 47, 35];
    for value in [
        f64::NAN,
        f64::INFINITY,
        -0.0,
        1e308,
        f64::MIN_POSITIVE,
        2.0,
        -1e-300,
    ] {
        raw.extend(value.to_le_bytes());
    }
    checks::ray(&raw);
}
