"""Benchmark the ray tracer's 800x600 frame four ways, side by side.

    ./release.sh && pytest raytrace_pyo3.py

prints one pytest-benchmark table, fastest first (the loop and the numpy frame are
myrustlib.bench.ray's):

- python_color_per_pixel: the talk's loop, the talk's own pure-Python color(x, y) (on its own
  plain classes) called for each pixel;
- rust_color_per_pixel: the same Python loop calling myrustlib.color, the Rust drop-in;
- rust_render: the whole frame in one call, myrustlib.render: four pixels per instruction, rows
  in parallel;
- numpy_vectorised: the scene written for speed with numpy (broadcast coordinates, one
  discriminant, shading only where the rays hit), the peer a Python user would reach for.

Every benchmark checks its frame byte for byte against the pure-Python reference frame, so the
test suite runs this file with --benchmark-disable as a correctness check (no timing asserted).
"""

from __future__ import annotations

from typing import Any

import pytest

import myrustlib
from myrustlib import reference
from myrustlib.bench.ray import HEIGHT, WIDTH, color, numpy_frame, per_pixel_frame


@pytest.fixture(scope="session")
def expected() -> bytes:
    """The pure-Python reference frame (a few seconds)."""
    return reference.render(WIDTH, HEIGHT)


def test_python_color_per_pixel(benchmark: Any, expected: bytes) -> None:
    # About a second per frame: five rounds are enough to see the spread.
    frame = benchmark.pedantic(per_pixel_frame, (color,), rounds=5, iterations=1)
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
