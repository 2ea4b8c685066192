//! Criterion benchmarks of random_string: 10,000,000 characters from alphabets of each width.
//!
//! `cargo bench --bench utils`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use myrustlib_core::utils::{ASCII_LETTERS, fill_random, random_string};

mod common;

const LENGTH: usize = 10_000_000;

fn random_strings(c: &mut Criterion) {
    let mut group = c.benchmark_group("random_string/10M");
    group.throughput(Throughput::Elements(LENGTH as u64));
    group.bench_function("ascii_letters_string", |b| {
        b.iter(|| random_string(black_box(LENGTH), ASCII_LETTERS, Some(1)));
    });
    group.bench_function("non_ascii_string", |b| {
        b.iter(|| random_string(black_box(LENGTH), "αβγδεζηθ😀", Some(1)));
    });
    // The kernel the Python binding uses: filling an existing buffer of code units in place.
    let mut bytes = vec![0_u8; LENGTH];
    group.bench_function("fill_u8_ascii_letters", |b| {
        b.iter(|| fill_random(black_box(&mut bytes), ASCII_LETTERS.as_bytes(), Some(1)));
    });
    let alphabet: Vec<u32> = (0x1_f600..0x1_f650).collect();
    let mut wide = vec![0_u32; LENGTH];
    group.bench_function("fill_u32_emoji", |b| {
        b.iter(|| fill_random(black_box(&mut wide), &alphabet, Some(1)));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = random_strings
}
criterion_main!(benches);
