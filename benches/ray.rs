//! Criterion benchmarks of the ray tracer: one intersection, one pixel, the scalar and the vector
//! kernel over a frame on one thread, and whole 800×600 frames on one thread and on every core.
//!
//! `cargo bench --bench ray`.
#![allow(
    clippy::panic,
    reason = "a benchmark without its input has nothing to measure"
)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use myrustlib_core::ray::{Kernel, Line, Sphere, Vec3, color, draw_rows, render};

mod common;

fn intersection(c: &mut Criterion) {
    let mut group = c.benchmark_group("ray/intersect");
    let sphere = Sphere::new(Vec3::new(4.0, 3.0, 10.0), 2.0).unwrap_or_else(|err| panic!("{err}"));
    let hit = Line::new(Vec3::new(4.5, 2.5, 0.0), Vec3::new(0.0, 0.0, 1.0));
    let miss = Line::new(Vec3::new(0.5, 0.5, 0.0), Vec3::new(0.0, 0.0, 1.0));
    group.bench_function("hit", |b| {
        b.iter(|| black_box(&sphere).intersect(black_box(&hit)))
    });
    group.bench_function("miss", |b| {
        b.iter(|| black_box(&sphere).intersect(black_box(&miss)))
    });
    group.bench_function("color_pixel", |b| {
        b.iter(|| color(black_box(410.0), black_box(280.0), 800.0, 600.0));
    });
    group.finish();
}

/// The two kernels on one thread over a whole 800×600 frame: criterion's time divided by the
/// 480,000 pixels is the cost of a pixel (the throughput line gives pixels per second).
fn kernels(c: &mut Criterion) {
    let (width, height) = (800, 600);
    let mut group = c.benchmark_group("ray/kernel_800x600_one_thread");
    group.throughput(Throughput::Elements((width * height) as u64));
    let mut frame = vec![0_u8; width * height * 3];
    for (name, kernel) in [("scalar", Kernel::Scalar), ("vector", Kernel::Vector)] {
        group.bench_function(name, |b| {
            b.iter(|| draw_rows(black_box(&mut frame), width, height, 0, kernel));
        });
    }
    group.finish();
}

fn frames(c: &mut Criterion) {
    let (width, height) = (800, 600);
    let mut group = c.benchmark_group("ray/render_800x600");
    group.throughput(Throughput::Elements((width * height) as u64));
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap_or_else(|err| panic!("{err}"));
    group.bench_function("one_thread", |b| {
        b.iter(|| one.install(|| render(black_box(width), black_box(height))));
    });
    group.bench_function("all_cores", |b| {
        b.iter(|| render(black_box(width), black_box(height)));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = intersection, kernels, frames
}
criterion_main!(benches);
