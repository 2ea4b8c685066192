"""Pure-Python count_doubles: positions i where text[i] == text[i + 1].

Four ways a Python programmer would write it (the original project's pure-Python variants).
Each accepts what the Rust versions accept (a str, or a contiguous bytes-like object with
1-byte items) and raises TypeError otherwise.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from typing_extensions import Buffer

    Text = Union[str, Buffer]

# `(?=...)` is a zero-width lookahead, so matches overlap ("aaa" has 2). DOTALL lets `.`
# match a newline too: without it, doubled newlines would not be counted.
_DOUBLE_STR = re.compile(r"(?=(.)\1)", re.DOTALL)
_DOUBLE_BYTES = re.compile(rb"(?=(.)\1)", re.DOTALL)


def _items(text: Text) -> str | bytes:
    """The characters of a str, or the bytes of a bytes-like object; TypeError otherwise.

    Like the Rust versions, this reads what the object stores: a str or bytes subclass that
    overrides iteration or indexing is counted by its contents, not by those overrides.
    """
    if isinstance(text, str):
        return str.__str__(text)  # the stored text, as an exact str
    kind = type(text).__name__
    try:
        view = memoryview(text)
    except TypeError:
        message = f"argument 'text' must be str or a bytes-like object, not '{kind}'"
        raise TypeError(message) from None
    if view.itemsize != 1:
        raise TypeError(
            f"argument 'text' must have 1-byte items, but the '{kind}' buffer has format "
            f"'{view.format}' of {view.itemsize} bytes per item; cast it with "
            "memoryview(x).cast('B') to count bytes"
        )
    if not view.c_contiguous:
        raise TypeError(
            f"argument 'text' must be a contiguous buffer; this '{kind}' is strided "
            "(copy it with bytes(x) first)"
        )
    return text if type(text) is bytes else view.tobytes()


def count_doubles(text: Text) -> int:
    """Count doubles by zipping the items with themselves shifted by one."""
    items = _items(text)
    total = 0
    for left, right in zip(items, items[1:]):
        if left == right:
            total += 1
    return total


def count_doubles_once(text: Text) -> int:
    """Count doubles in one pass that remembers the previous item."""
    items = _items(text)
    total = 0
    previous: object = None  # equal to no str character and no byte, so "" gives 0
    for item in items:
        if item == previous:
            total += 1
        previous = item
    return total


def count_doubles_tee(text: Text) -> int:
    """Count doubles over two copies of one iterator, the second a step ahead (itertools.tee)."""
    items = _items(text)
    here, ahead = itertools.tee(items)
    next(ahead, None)
    total = 0
    for item, following in zip(here, ahead):
        if item == following:
            total += 1
    return total


def count_doubles_regex(text: Text) -> int:
    """Count doubles with an overlapping regular-expression search."""
    items = _items(text)
    pattern = _DOUBLE_STR if isinstance(items, str) else _DOUBLE_BYTES
    return len(pattern.findall(items))  # type: ignore[arg-type]
