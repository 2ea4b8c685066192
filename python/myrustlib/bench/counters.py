"""The count_doubles peers: what a Python user has instead of calling Rust.

- `PYTHON`: the original project's pure-Python counters as its users run them, plain functions
  with no argument checks: the zip loop, one pass remembering the previous character,
  itertools.tee, and the overlapping regex (with re.DOTALL, which fixes the original's miss of
  doubled newlines at no cost). `myrustlib.reference` holds the same techniques with the
  argument checks of a drop-in; these are the faster, unchecked originals.
- `numpy_count_doubles`: `np.count_nonzero(a[1:] == a[:-1])` on the text as a uint8 array,
  prepared beforehand by `numpy_letters` (numpy's best case: the conversion is not timed).

The Rust variants are `myrustlib.COUNTERS`. Every caller checks each peer's count against
`myrustlib.reference` before timing it.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Callable, NamedTuple

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def zip_loop(text: str) -> int:
    """The original: the characters zipped with themselves shifted by one."""
    total = 0
    for left, right in zip(text, text[1:]):
        if left == right:
            total += 1
    return total


def one_pass(text: str) -> int:
    """One pass that remembers the previous character."""
    total = 0
    chars = iter(text)
    previous = next(chars, None)
    for char in chars:
        if char == previous:
            total += 1
        previous = char
    return total


def tee_pairs(text: str) -> int:
    """Two copies of one iterator, the second a step ahead."""
    here, ahead = itertools.tee(text)
    next(ahead, None)
    total = 0
    for left, right in zip(here, ahead):
        if left == right:
            total += 1
    return total


_DOUBLE = re.compile(r"(?=(.)\1)", re.DOTALL)


def regex(text: str) -> int:
    """An overlapping search: a lookahead for a character followed by itself."""
    return len(_DOUBLE.findall(text))


class Peer(NamedTuple):
    """A pure-Python count_doubles: its name in every table (after "Python"), and `id`, its
    name in test ids."""

    label: str
    function: Callable[[str], int]

    @property
    def id(self) -> str:
        return f"python_{self.function.__name__}"


PYTHON: tuple[Peer, ...] = (
    Peer("zip loop (the original)", zip_loop),
    Peer("one pass, previous char", one_pass),
    Peer("itertools.tee pairs", tee_pairs),
    Peer("regex with lookahead", regex),
)
"""The pure-Python counters, slowest first (as the original project wrote them, then faster)."""

NUMPY = "numpy count_nonzero(a[1:] == a[:-1])"
"""The numpy peer's row."""


def numpy_letters(text: str) -> npt.NDArray[np.uint8]:
    """An ASCII `text` as the uint8 array numpy_count_doubles takes (prepared once, not timed)."""
    import numpy as np

    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


def numpy_count_doubles(letters: npt.NDArray[np.uint8]) -> int:
    """The doubles in `letters`, numpy's way: one vectorised comparison, then a count."""
    import numpy as np

    return int(np.count_nonzero(letters[1:] == letters[:-1]))
