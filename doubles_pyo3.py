"""Benchmark every count_doubles implementation on the same 10,000,000-character string.

    ./release.sh && pytest doubles_pyo3.py

prints one pytest-benchmark table: the Rust variants (myrustlib.COUNTERS), the pure-Python
peers (the original project's zip loop, one pass, itertools.tee and regex) and numpy (both from
myrustlib.bench.counters), fastest first, with each row's ratio to the fastest in brackets.
Every benchmark also checks its answer against the pure-Python reference, so the test suite
runs this file with --benchmark-disable as a correctness check (no timing is asserted).

The string is made once per session with myrustlib.random_string, not with
"".join(random.choice(...)): that line took 11 s in the project this one grew from, far
longer than anything it was meant to measure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pytest

import myrustlib
from myrustlib import reference
from myrustlib.bench import LENGTH, SEED, counters

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

IMPLEMENTATIONS: dict[str, Callable[[str], int]] = {
    **{f"rust_{count.__name__}": count for count in myrustlib.COUNTERS},
    **{peer.id: peer.function for peer in counters.PYTHON},
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
    return counters.numpy_letters(text)


@pytest.mark.parametrize("name", IMPLEMENTATIONS)
def test_count_doubles(benchmark: Any, name: str, text: str, expected: int) -> None:
    assert benchmark(IMPLEMENTATIONS[name], text) == expected


def test_numpy_count_nonzero(benchmark: Any, letters: npt.NDArray[np.uint8], expected: int) -> None:
    assert benchmark(counters.numpy_count_doubles, letters) == expected
