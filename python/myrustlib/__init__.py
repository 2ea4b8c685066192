"""Rust-accelerated drop-in replacements for slow pure-Python code.

Every function here gives the same answer as its pure-Python reference in
`myrustlib.reference`, and raises the same kind of exception, only faster.

- The count_doubles family (COUNTERS holds every variant): how many positions i have
  text[i] == text[i + 1], for a str or a bytes-like object. One function per technique; all
  give the same answer. count_doubles_simd_parallel is the fastest on long inputs,
  count_doubles_simd on short ones.
- count_doubles_stream: the same count for a binary file or pipe read in chunks, in constant
  memory (also `python -m myrustlib count FILE`).
- random_string: a random str drawn uniformly from an alphabet, reproducible with a seed.
- Vec, Line, Sphere, color: the ray tracer of the "Rusty Python" talk, as immutable value
  classes and the per-pixel colour of its one-sphere scene.
- render, save_png: a whole frame of that scene, rendered in parallel, as RGB bytes or a PNG
  file (also `python -m myrustlib render sphere.png`).

`python -m myrustlib` runs a tour that times every Python and Rust implementation side by side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Union

# The compiled module declares every Rust-backed name once (PyO3 fills its __all__); the
# package re-exports them all and derives every other list from that one.
from myrustlib import _myrustlib
from myrustlib._myrustlib import *  # noqa: F403
from myrustlib._myrustlib import __version__ as __version__
from myrustlib.stream import count_doubles_stream

if TYPE_CHECKING:
    from typing_extensions import Buffer

    Counter = Callable[[Union[str, Buffer]], int]

COUNTERS: tuple[Counter, ...] = tuple(
    getattr(_myrustlib, name) for name in _myrustlib.__all__ if name.startswith("count_doubles")
)
"""Every count_doubles variant, in the order the compiled module declares them. Tests,
benchmarks and the tour iterate this tuple, so a new variant needs no list edited."""

__all__ = [*_myrustlib.__all__, "COUNTERS", "count_doubles_stream"]
