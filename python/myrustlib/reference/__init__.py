"""The pure-Python code that myrustlib replaces: the test oracle and the benchmark baseline.

These functions define the behaviour the Rust versions must match: same answers, same
exception types. They are deliberately plain Python, written the way a Python user would.
"""

from myrustlib.reference.counters import (
    count_doubles,
    count_doubles_once,
    count_doubles_regex,
    count_doubles_tee,
)
from myrustlib.reference.ray import Line, Sphere, Vec, color, render
from myrustlib.reference.utils import random_string

__all__ = [
    "Line",
    "Sphere",
    "Vec",
    "color",
    "count_doubles",
    "count_doubles_once",
    "count_doubles_regex",
    "count_doubles_tee",
    "random_string",
    "render",
]
