"""Pure-Python random_string: independent random.choice draws from an alphabet."""

from __future__ import annotations

import operator
import random
import string
import sys


def random_string(
    length: int, *, alphabet: str = string.ascii_letters, seed: int | None = None
) -> str:
    """Return `length` characters drawn uniformly from `alphabet` with random.choice.

    With a `seed` the output is reproducible (random.Random(seed)); it is not the same string
    the Rust version returns for that seed. Arguments are checked in the same order and with
    the same exception types as the Rust version.
    """
    length = operator.index(length)
    if not -sys.maxsize - 1 <= length <= sys.maxsize:
        raise OverflowError(f"length {length} does not fit in a C ssize_t")
    if not isinstance(alphabet, str):
        raise TypeError(f"alphabet must be str, not '{type(alphabet).__name__}'")
    if seed is not None:
        seed = operator.index(seed)
        if not 0 <= seed < 2**64:
            raise OverflowError(f"seed must be in range(2**64), got {seed}")
    if length < 0:
        raise ValueError(f"length must be non-negative, got {length}")
    if not alphabet:
        raise ValueError("alphabet must not be empty")
    choice = random.Random(seed).choice
    return "".join(choice(alphabet) for _ in range(length))
