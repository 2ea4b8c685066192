"""Benchmark every count_doubles implementation on the same 10,000,000-character string.

    ./release.sh && pytest doubles_pyo3.py

prints one pytest-benchmark table: the Rust variants, the pure-Python references (zip loop,
one pass, regex) and numpy, fastest first, with each row's ratio to the fastest in brackets.
Every benchmark also checks its answer against the pure-Python reference, so the test suite
runs this file with --benchmark-disable as a correctness check (no timing is asserted).

The string is made once per session with myrustlib.random_string, not with
"".join(random.choice(...)): that line took 11 s in the project this one grew from, far
longer than anything it was meant to measure.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import numpy.typing as npt
import pytest

import myrustlib
from myrustlib import reference

LENGTH = 10_000_000
SEED = 2017  # fixed: the same string, and the same count, on every run

IMPLEMENTATIONS: dict[str, Callable[[str], int]] = {
    "rust_count_doubles": myrustlib.count_doubles,
    "rust_count_doubles_once": myrustlib.count_doubles_once,
    "rust_count_doubles_once_bytes": myrustlib.count_doubles_once_bytes,
    "rust_count_doubles_slice": myrustlib.count_doubles_slice,
    "rust_count_doubles_slice_parallel": myrustlib.count_doubles_slice_parallel,
    "rust_count_doubles_simd": myrustlib.count_doubles_simd,
    "rust_count_doubles_simd_parallel": myrustlib.count_doubles_simd_parallel,
    "python_zip_loop": reference.count_doubles,
    "python_one_pass": reference.count_doubles_once,
    "python_regex": reference.count_doubles_regex,
}


@pytest.fixture(scope="session")
def text() -> str:
    return myrustlib.random_string(LENGTH, seed=SEED)


@pytest.fixture(scope="session")
def expected(text: str) -> int:
    return reference.count_doubles(text)


@pytest.fixture(scope="session")
def letters(text: str) -> npt.NDArray[np.uint8]:
    """The string as a uint8 array, prepared once: numpy's best case."""
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


def numpy_count_doubles(letters: npt.NDArray[np.uint8]) -> int:
    return int(np.count_nonzero(letters[1:] == letters[:-1]))


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
def test_count_doubles(benchmark: Any, name: str, text: str, expected: int) -> None:
    assert benchmark(IMPLEMENTATIONS[name], text) == expected


def test_numpy_count_nonzero(benchmark: Any, letters: npt.NDArray[np.uint8], expected: int) -> None:
    assert benchmark(numpy_count_doubles, letters) == expected
