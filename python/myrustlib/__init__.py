"""Rust-accelerated drop-in replacements for slow pure-Python code.

Every function here gives the same answer as its pure-Python reference in
`myrustlib.reference`, and raises the same kind of exception, only faster.

- count_doubles, count_doubles_once, count_doubles_once_bytes, count_doubles_slice,
  count_doubles_slice_parallel, count_doubles_simd, count_doubles_simd_parallel: how many
  positions i have text[i] == text[i + 1], for a str or a bytes-like object. One function
  per technique; all give the same answer. count_doubles_simd_parallel is the fastest on
  long inputs, count_doubles_simd on short ones.
- count_doubles_stream: the same count for a binary file or pipe read in chunks, in constant
  memory (also `python -m myrustlib count FILE`).
- random_string: a random str drawn uniformly from an alphabet, reproducible with a seed.
- Vec, Line, Sphere, color: the ray tracer of the "Rusty Python" talk, as immutable value
  classes and the per-pixel colour of its one-sphere scene.
- render, save_png: a whole frame of that scene, rendered in parallel, as RGB bytes or a PNG
  file (also `python -m myrustlib render sphere.png`).

`python -m myrustlib` runs a tour that times every Python and Rust implementation side by side.
"""

from myrustlib._myrustlib import (
    Line,
    Sphere,
    Vec,
    __version__,
    color,
    count_doubles,
    count_doubles_once,
    count_doubles_once_bytes,
    count_doubles_simd,
    count_doubles_simd_parallel,
    count_doubles_slice,
    count_doubles_slice_parallel,
    random_string,
    render,
    save_png,
)
from myrustlib.stream import count_doubles_stream

__all__ = [
    "Line",
    "Sphere",
    "Vec",
    "__version__",
    "color",
    "count_doubles",
    "count_doubles_once",
    "count_doubles_once_bytes",
    "count_doubles_simd",
    "count_doubles_simd_parallel",
    "count_doubles_slice",
    "count_doubles_slice_parallel",
    "count_doubles_stream",
    "random_string",
    "render",
    "save_png",
]
