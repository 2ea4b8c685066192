"""Benchmark the ray tracer's 800x600 frame four ways, side by side.

    ./release.sh && pytest raytrace_pyo3.py

prints one pytest-benchmark table, fastest first:

- python_color_per_pixel: the talk's loop, the pure-Python color(x, y) called for each pixel;
- rust_color_per_pixel: the same Python loop calling myrustlib.color, the Rust drop-in;
- rust_render: the whole frame in one call, myrustlib.render, in parallel;
- numpy_vectorised: the same scene written with numpy arrays, the peer a Python user would
  reach for instead of Rust.

Every benchmark checks its frame byte for byte against the pure-Python reference frame, so the
test suite runs this file with --benchmark-disable as a correctness check (no timing asserted).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

import myrustlib
from myrustlib import reference

WIDTH, HEIGHT = 800, 600


def per_pixel_frame(color: Callable[[int, int], tuple[int, int, int]]) -> bytes:
    """The frame drawn one color(x, y) call at a time, as the talk's drawing loop did."""
    frame = bytearray()
    for y in range(HEIGHT):
        for x in range(WIDTH):
            frame.extend(color(x, y))
    return bytes(frame)


def numpy_frame(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The scene vectorised with numpy: one array operation per step of color(x, y).

    The same float operations in the same order as the reference, element-wise, so the frame is
    identical to it.
    """
    qx, qy, qz, r = 4.0, 3.0, 10.0, 2.0  # the sphere
    vx, vy, vz = 0.0, 0.0, 1.0  # every ray looks along +z
    ys, xs = np.indices((height, width), dtype=np.float64)
    px, py, pz = 8.0 * xs / width, 6.0 * ys / height, np.zeros_like(xs)
    with np.errstate(divide="ignore", invalid="ignore"):  # missed pixels compute garbage
        dx, dy, dz = px - qx, py - qy, pz - qz
        a = vx * vx + vy * vy + vz * vz
        h = vx * dx + vy * dy + vz * dz
        c = dx * dx + dy * dy + dz * dz - r * r
        discriminant = h * h - a * c
        hit = discriminant >= 0
        root = np.sqrt(np.where(hit, discriminant, 0.0))
        near, far = (-h - root) / a, (-h + root) / a
        t = np.where(near >= 0, near, far)
        hit &= t >= 0
        hx, hy, hz = px + vx * t, py + vy * t, pz + vz * t
        nx, ny, nz = hx - qx, hy - qy, hz - qz
        n_length = np.sqrt(nx * nx + ny * ny + nz * nz)
        lx, ly, lz = 8.0 - hx, 0.0 - hy, 7.0 - hz
        l_length = np.sqrt(lx * lx + ly * ly + lz * lz)
        shade = (
            (nx / n_length) * (lx / l_length)
            + (ny / n_length) * (ly / l_length)
            + (nz / n_length) * (lz / l_length)
        ) * 255
        red = np.where(hit, np.maximum(np.trunc(shade), 30), 100)
    other = np.where(hit, 0, 100)
    return np.stack([red, other, other], axis=-1).astype(np.uint8).tobytes()


@pytest.fixture(scope="session")
def expected() -> bytes:
    """The pure-Python reference frame (a few seconds)."""
    return reference.render(WIDTH, HEIGHT)


def test_python_color_per_pixel(benchmark: Any, expected: bytes) -> None:
    # A few seconds per frame: three rounds are enough to see the spread.
    frame = benchmark.pedantic(per_pixel_frame, (reference.color,), rounds=3, iterations=1)
    assert frame == expected


def test_rust_color_per_pixel(benchmark: Any, expected: bytes) -> None:
    assert benchmark(per_pixel_frame, myrustlib.color) == expected


def test_rust_render(benchmark: Any, expected: bytes) -> None:
    assert benchmark(myrustlib.render, WIDTH, HEIGHT) == expected


def test_numpy_vectorised(benchmark: Any, expected: bytes) -> None:
    assert benchmark(numpy_frame, WIDTH, HEIGHT) == expected


@pytest.mark.parametrize("size", [(123, 77), (1, 1), (64, 480)])
def test_numpy_peer_matches_the_reference_at_other_sizes(size: tuple[int, int]) -> None:
    """The numpy peer is a fair competitor only if it draws the same picture."""
    assert numpy_frame(*size) == reference.render(*size)
