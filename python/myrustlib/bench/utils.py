"""The random_string peers: how Python makes a random string of ASCII letters without Rust.

- `random_choice_loop`: `"".join(random.choice(...) for _ in range(n))`, the line the original
  project used (it is `myrustlib.reference.random_string`, run in blocks to report progress);
- `random_choices`: `"".join(random.choices(string.ascii_letters, k=n))`, the faster stdlib way;
- `numpy_random_string`: indices from numpy's default generator into a table of the letters.

None is seeded like myrustlib.random_string, so no two give the same string: every caller checks
a peer's output for its length and alphabet before timing it.
"""

from __future__ import annotations

import random
import string
from typing import TYPE_CHECKING, Callable

from myrustlib import reference

if TYPE_CHECKING:
    from collections.abc import Iterator

_BLOCKS = 100  # random_choice_loop makes its string in this many pieces, to report progress


def random_choice_loop(size: int, *, progress: Callable[[int], None] | None = None) -> str:
    """`size` letters drawn one random.choice at a time; `progress(n)` after every n made."""
    pieces = []
    for block in _blocks(size, _BLOCKS):
        pieces.append(reference.random_string(block))
        if progress is not None:
            progress(block)
    return "".join(pieces)


def _blocks(total: int, count: int) -> Iterator[int]:
    """`count` sizes adding up to `total` (fewer when total < count)."""
    step, extra = divmod(total, count)
    for index in range(count):
        block = step + (index < extra)
        if block:
            yield block


def random_choices(size: int) -> str:
    """`size` letters drawn with one random.choices call."""
    return "".join(random.choices(string.ascii_letters, k=size))


def numpy_random_string(seed: int) -> Callable[[int], str]:
    """A numpy generator of letter strings, the table and generator (seeded) made beforehand."""
    import numpy as np

    table = np.frombuffer(string.ascii_letters.encode("ascii"), dtype=np.uint8)
    rng = np.random.default_rng(seed)

    def generate(size: int) -> str:
        return str(table[rng.integers(0, len(table), size=size)].tobytes().decode("ascii"))

    return generate
