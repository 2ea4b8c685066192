"""Counting doubles in a stream too long to hold in memory (files, pipes, sockets)."""

from __future__ import annotations

import codecs
import operator
from typing import TYPE_CHECKING, Protocol

from myrustlib._myrustlib import count_doubles_simd

if TYPE_CHECKING:
    from typing import SupportsIndex

CHUNK_SIZE = 1 << 20
"""Bytes read at a time by default: large enough that per-chunk Python overhead vanishes."""


class BinaryReader(Protocol):
    """What count_doubles_stream reads from: anything with a binary `read(size)`."""

    def read(self, size: int, /) -> bytes:
        """Return up to `size` bytes; an empty result means the end of the stream."""
        ...


def count_doubles_stream(
    stream: BinaryReader, *, binary: bool = False, chunk_size: SupportsIndex = CHUNK_SIZE
) -> int:
    """Count doubles in everything `stream` yields, holding one chunk in memory at a time.

    stream: a binary file object (open(path, "rb"), sys.stdin.buffer, io.BytesIO, a
    socket's makefile("rb"), ...), read with stream.read(chunk_size) until it is exhausted.

    By default the bytes are decoded as UTF-8 and equal neighbouring code points are
    counted: the answer is count_doubles(stream.read().decode("utf-8")), with no newline
    translation ("\\r\\n" stays two characters). Bytes that are not UTF-8, including a
    sequence cut off at the end, raise UnicodeDecodeError (a ValueError) naming their
    offset in the stream. With binary=True equal neighbouring bytes are counted instead:
    count_doubles(stream.read()).

    A pair split between two chunks, or a character whose bytes are, counts exactly once.
    Memory use is a few times chunk_size whatever the stream's length. Raises TypeError if
    the stream has no read() or yields str or None (a non-blocking stream with no data
    ready: open it in blocking mode), ValueError if chunk_size < 1.
    """
    if not callable(getattr(stream, "read", None)):
        msg = f"stream must be a binary file object with read(), not '{type(stream).__name__}'"
        raise TypeError(msg)
    size = operator.index(chunk_size)
    if size < 1:
        msg = f"chunk_size must be at least 1, got {size}"
        raise ValueError(msg)
    if binary:
        return _count_bytes(stream, size)
    return _count_utf8(stream, size)


def _read(stream: BinaryReader, size: int) -> bytes:
    data = stream.read(size)
    if isinstance(data, str):
        msg = "the stream yields str; open it in binary mode ('rb', or sys.stdin.buffer)"
        raise TypeError(msg)
    if data is None:  # what a non-blocking stream returns when no data is ready yet
        msg = "the stream's read() returned None: non-blocking streams are not supported"
        raise TypeError(msg)
    return data


def _count_bytes(stream: BinaryReader, size: int) -> int:
    total = 0
    last = -1  # the previous chunk's last byte; -1 before the first chunk
    while data := _read(stream, size):
        total += count_doubles_simd(data) + (data[0] == last)
        last = data[-1]
    return total


def _count_utf8(stream: BinaryReader, size: int) -> int:
    decoder = codecs.getincrementaldecoder("utf-8")()
    total = 0
    last = ""  # the last character decoded so far
    consumed = 0  # bytes of the stream passed to the decoder before this chunk
    while True:
        data = _read(stream, size)
        held = len(decoder.getstate()[0])  # bytes of an unfinished character, kept back
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as err:
            # The decoder reports positions within held + data; give the stream offset.
            offset = consumed - held + err.start
            reason = f"{err.reason} at byte {offset} of the stream"
            raise UnicodeDecodeError("utf-8", err.object, err.start, err.end, reason) from None
        if text:
            total += count_doubles_simd(text) + (text[0] == last)
            last = text[-1]
        if not data:
            return total
        consumed += len(data)
