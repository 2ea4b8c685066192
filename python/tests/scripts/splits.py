"""When the parallel functions split their work across threads, as their docstrings state.

A docstring says "inputs shorter than N code units are counted on the calling thread"; a binding
test (crates/pyo3-myrustlib/src/counters.rs) keeps N equal to the core's Split constant. Tests
that must reach the parallel code size their inputs from here, so a retuned threshold cannot
quietly turn them into tests of the serial code.
"""

from __future__ import annotations

import re
from typing import Callable

import myrustlib

_STATED = re.compile(r"shorter\s+than\s+([\d,]+)\s+code\s+units")


def split_len(function: Callable[..., object]) -> int | None:
    """The input length from which `function` splits its work, or None if it never does."""
    found = _STATED.search(function.__doc__ or "")
    return int(found.group(1).replace(",", "")) if found else None


def splitting_counters() -> list[Callable[..., object]]:
    """The counters that split long inputs across threads."""
    return [counter for counter in myrustlib.COUNTERS if split_len(counter) is not None]


def longest_split() -> int:
    """An input length at which every splitting counter splits."""
    return max(split_len(counter) or 0 for counter in splitting_counters())
