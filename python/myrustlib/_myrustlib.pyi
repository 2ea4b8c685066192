"""Rust implementations of count_doubles and random_string (see the myrustlib package)."""

from typing import SupportsIndex

from typing_extensions import Buffer

__all__ = [
    "__version__",
    "count_doubles",
    "count_doubles_once",
    "count_doubles_once_bytes",
    "count_doubles_slice",
    "count_doubles_slice_parallel",
    "random_string",
]

__version__: str
"""The version of myrustlib (the Rust crates' version)."""

def count_doubles(text: str | Buffer) -> int:
    """Count doubles: positions i where text[i] == text[i + 1]. Pairs overlap: "aaa" has 2.

    Technique: characters zipped with themselves shifted by one. An ASCII str is read
    as UTF-8 and decoded (the naive approach; CPython stores ASCII as UTF-8, so nothing
    is copied); any other str is read as its code points.

    text: a str, whose equal neighbouring code points are counted (any str, lone
    surrogates included), or a contiguous bytes-like object with 1-byte items (bytes,
    bytearray, memoryview, numpy uint8 array, ...), whose equal neighbouring bytes are
    counted. Raises TypeError for anything else.

    Long inputs are counted with the GIL released, reading the argument in place: if
    another thread writes to a mutable buffer meanwhile, the count is unspecified.
    """

def count_doubles_once(text: str | Buffer) -> int:
    """Count doubles in one pass that remembers the previous character.

    Technique: each character is produced once (decoded from UTF-8 for an ASCII str, as
    count_doubles does). Same answers and arguments as count_doubles.
    """

def count_doubles_once_bytes(text: str | Buffer) -> int:
    """Count doubles in one pass over code units, without decoding.

    Technique: the one-pass loop over the str's own storage (1, 2 or 4 bytes per code
    point, never copied) or the buffer's bytes. Same answers and arguments as
    count_doubles.
    """

def count_doubles_slice(text: str | Buffer) -> int:
    """Count doubles with a window of two sliding over the code units.

    Technique: slice windows over the str's own storage or the buffer, never copied.
    Same answers and arguments as count_doubles.
    """

def count_doubles_slice_parallel(text: str | Buffer) -> int:
    """Count doubles on all cores: the slice split into chunks counted in parallel.

    Technique: rayon over chunks of the str's storage or the buffer, never copied; a pair
    straddling two chunks is counted once. Inputs up to 262,144 code units are counted
    on the calling thread. Same answers and arguments as count_doubles.
    """

def random_string(
    length: SupportsIndex,
    *,
    alphabet: str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    seed: SupportsIndex | None = None,
) -> str:
    """Return a random str of `length` characters drawn uniformly from `alphabet`.

    The drop-in for "".join(random.choice(alphabet) for _ in range(length)): each
    character is an independent draw; a character listed twice in `alphabet` is twice
    as likely. Any non-empty str is a valid alphabet.

    With an int `seed` (0 <= seed < 2**64) the result is the same on every run, platform
    and thread count (but differs from what random.seed(seed) would give); without one
    it is seeded from the operating system. Generated in parallel, with the GIL released,
    straight into the new str.

    Raises ValueError for a negative length or an empty alphabet, TypeError for a
    non-int length or a non-str alphabet, OverflowError for a seed outside the range,
    and MemoryError when the string cannot be allocated.
    """
