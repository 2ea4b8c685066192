//! Criterion benchmarks of the count_doubles variants on 10,000,000 code units, side by side.
//!
//! `cargo bench --bench counters`; each group reports throughput, so variants compare directly.
#![allow(
    clippy::panic,
    reason = "a benchmark without its input has nothing to measure"
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use myrustlib_core::counters::{
    count_doubles, count_doubles_fold, count_doubles_memreplace, count_doubles_once,
    count_doubles_once_bytes, count_doubles_peek, count_doubles_simd, count_doubles_simd_parallel,
    count_doubles_slice, count_doubles_slice_parallel,
};
use myrustlib_core::utils::{ASCII_LETTERS, random_string};

mod common;

const LENGTH: usize = 10_000_000;

/// The benchmark text: the same seeded string `pytest doubles_pyo3.py` uses.
fn letters() -> String {
    match random_string(LENGTH, ASCII_LETTERS, Some(2017)) {
        Ok(text) => text,
        Err(err) => panic!("cannot build the benchmark text: {err}"),
    }
}

fn ascii_letters(c: &mut Criterion) {
    let text = letters();
    let bytes = text.as_bytes();
    let mut group = c.benchmark_group("count_doubles/10M_ascii_letters");
    group.throughput(Throughput::Bytes(LENGTH as u64));
    group.bench_function("count_doubles_chars_zip", |b| {
        b.iter(|| count_doubles(black_box(text.as_str()).chars()));
    });
    group.bench_function("count_doubles_once_chars", |b| {
        b.iter(|| count_doubles_once(black_box(text.as_str()).chars()));
    });
    group.bench_function("count_doubles_peek_chars", |b| {
        b.iter(|| count_doubles_peek(black_box(text.as_str()).chars()));
    });
    group.bench_function("count_doubles_memreplace_chars", |b| {
        b.iter(|| count_doubles_memreplace(black_box(text.as_str()).chars()));
    });
    group.bench_function("count_doubles_fold_chars", |b| {
        b.iter(|| count_doubles_fold(black_box(text.as_str()).chars()));
    });
    group.bench_function("count_doubles_once_bytes", |b| {
        b.iter(|| count_doubles_once_bytes(black_box(bytes)));
    });
    group.bench_function("count_doubles_slice", |b| {
        b.iter(|| count_doubles_slice(black_box(bytes)));
    });
    group.bench_function("count_doubles_slice_parallel", |b| {
        b.iter(|| count_doubles_slice_parallel(black_box(bytes)));
    });
    group.bench_function("count_doubles_simd", |b| {
        b.iter(|| count_doubles_simd(black_box(bytes)));
    });
    group.bench_function("count_doubles_simd_parallel", |b| {
        b.iter(|| count_doubles_simd_parallel(black_box(bytes)));
    });
    group.finish();
}

/// A scan must beat a copy: the single-thread vectorised kernel against `copy_from_slice` of the
/// same 10 MB (which reads it and writes it once), in one group so the throughputs compare.
fn scan_versus_copy(c: &mut Criterion) {
    let text = letters();
    let bytes = text.as_bytes();
    let mut copy = vec![0_u8; bytes.len()];
    let mut group = c.benchmark_group("scan_vs_copy/10MB");
    group.throughput(Throughput::Bytes(LENGTH as u64));
    group.bench_function("copy_from_slice", |b| {
        b.iter(|| copy.copy_from_slice(black_box(bytes)));
    });
    group.bench_function("count_doubles_simd", |b| {
        b.iter(|| count_doubles_simd(black_box(bytes)));
    });
    group.finish();
}

/// The slice kernels on 2- and 4-byte code units (CPython's storage for wider text).
fn wide_units(c: &mut Criterion) {
    let text = letters();
    let two: Vec<u16> = text.bytes().map(|b| u16::from(b) + 0x3000).collect();
    let four: Vec<u32> = text.bytes().map(|b| u32::from(b) + 0x1_f000).collect();
    let mut group = c.benchmark_group("count_doubles/10M_wide_units");
    group.throughput(Throughput::Elements(LENGTH as u64));
    group.bench_function("slice_u16", |b| {
        b.iter(|| count_doubles_slice(black_box(&two)))
    });
    group.bench_function("slice_parallel_u16", |b| {
        b.iter(|| count_doubles_slice_parallel(black_box(&two)));
    });
    group.bench_function("simd_u16", |b| {
        b.iter(|| count_doubles_simd(black_box(&two)))
    });
    group.bench_function("simd_parallel_u16", |b| {
        b.iter(|| count_doubles_simd_parallel(black_box(&two)));
    });
    group.bench_function("slice_u32", |b| {
        b.iter(|| count_doubles_slice(black_box(&four)))
    });
    group.bench_function("slice_parallel_u32", |b| {
        b.iter(|| count_doubles_slice_parallel(black_box(&four)));
    });
    group.bench_function("simd_u32", |b| {
        b.iter(|| count_doubles_simd(black_box(&four)))
    });
    group.bench_function("simd_parallel_u32", |b| {
        b.iter(|| count_doubles_simd_parallel(black_box(&four)));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = ascii_letters, scan_versus_copy, wide_units
}
criterion_main!(benches);
