"""The count_doubles peers: what a Python user would write instead of calling Rust.

- `PYTHON`: the pure-Python counters of `myrustlib.reference` (the zip loop of the original
  project, one pass remembering the previous character, itertools.tee, an overlapping regex),
  each with the names the tour, the pytest-benchmark table and the report show for it.
- `numpy_count_doubles`: `np.count_nonzero(a[1:] == a[:-1])` on the text as a uint8 array,
  prepared beforehand by `numpy_letters` (numpy's best case: the conversion is not timed).

The Rust variants are `myrustlib.COUNTERS`. Every caller checks each peer's count against the
pure-Python reference before timing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from myrustlib import reference

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class Peer(NamedTuple):
    """A pure-Python count_doubles and the names it is shown by."""

    name: str
    """Short and unique: the pytest-benchmark row is `python_<name>`."""
    label: str
    """What it does, in words: the tour's line."""
    title: str
    """The report's row (BENCHMARKS.md)."""
    function: Callable[[str], int]
    """The counter itself."""


PYTHON: tuple[Peer, ...] = (
    Peer(
        "zip_loop",
        "zip loop (the original)",
        "python count_doubles (zip loop)",
        reference.count_doubles,
    ),
    Peer(
        "one_pass",
        "one pass, previous char",
        "python count_doubles_once",
        reference.count_doubles_once,
    ),
    Peer(
        "tee",
        "itertools.tee pairs",
        "python count_doubles_tee",
        reference.count_doubles_tee,
    ),
    Peer(
        "regex",
        "regex with lookahead",
        "python count_doubles_regex",
        reference.count_doubles_regex,
    ),
)
"""The pure-Python counters, slowest first (as the original project wrote them, then faster)."""

NUMPY_TITLE = "numpy count_nonzero(a[1:] == a[:-1])"
"""The numpy peer's row in the report."""


def numpy_letters(text: str) -> npt.NDArray[np.uint8]:
    """An ASCII `text` as the uint8 array numpy_count_doubles takes (prepared once, not timed)."""
    import numpy as np

    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


def numpy_count_doubles(letters: npt.NDArray[np.uint8]) -> int:
    """The doubles in `letters`, numpy's way: one vectorised comparison, then a count."""
    import numpy as np

    return int(np.count_nonzero(letters[1:] == letters[:-1]))
