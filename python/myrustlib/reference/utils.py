"""Pure-Python random_string: independent random.choice draws from an alphabet."""

from __future__ import annotations

import operator
import random
import string
import sys
from typing import SupportsIndex


def random_string(
    length: SupportsIndex,
    *,
    alphabet: str = string.ascii_letters,
    seed: SupportsIndex | None = None,
) -> str:
    """Return `length` characters drawn uniformly from `alphabet` with random.choice.

    With a `seed` the output is reproducible (random.Random(seed)); it is not the same string
    the Rust version returns for that seed. Arguments are checked in the same order and with
    the same exception types as the Rust version.
    """
    if not isinstance(alphabet, str):
        raise TypeError(f"argument 'alphabet' must be str, not '{type(alphabet).__name__}'")
    # Like the Rust version, draw from the text the str stores: a subclass that overrides
    # __len__ or __getitem__ does not change the alphabet.
    alphabet = str.__str__(alphabet)
    seed_value = None if seed is None else operator.index(seed)
    if seed_value is not None and not 0 <= seed_value < 2**64:
        raise OverflowError(f"seed must be in range(2**64), got {seed_value}")
    size = operator.index(length)
    if size < 0:
        raise ValueError(f"length must be non-negative, got {size}")
    if size > sys.maxsize:
        raise MemoryError(f"cannot allocate a str of {size} characters")
    if not alphabet:
        raise ValueError("alphabet must not be empty")
    choice = random.Random(seed_value).choice
    return "".join(choice(alphabet) for _ in range(size))
