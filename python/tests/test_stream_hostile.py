"""Hostile streams, chunks and arguments for count_doubles_stream, which has no reference:
a correct count or a documented exception.

The calls run in crash-isolated child interpreters: see isolation.py.
"""

from __future__ import annotations

import functools
import io
import operator
import sys
from pathlib import Path
from typing import Any, Callable

from isolation import (
    PLACEHOLDER,
    Bytes,
    Case,
    Raising,
    Str,
    Table,
    counts,
    rust_values,
    table_tests,
)

from myrustlib import reference
from myrustlib.stream import count_doubles_stream

# Typed as Any: the calls below pass what the signatures forbid, on purpose.
STREAM: Any = count_doubles_stream


class _Reader:
    """A stream whose read(size) returns the given chunks one by one, then b""."""

    def __init__(self, *chunks: object) -> None:
        self.chunks = list(chunks)

    def read(self, size: int) -> Any:
        return self.chunks.pop(0) if self.chunks else b""


class _FailingReader:
    def read(self, size: int) -> bytes:
        raise OSError("the disk is on fire")


class _ReadWithoutSize:
    def read(self) -> bytes:
        return b""


def stream_cases(tmp: Path) -> list[Case]:
    data = "aaéé😀😀".encode()  # 3 doubles as text, 1 as bytes
    as_text = reference.count_doubles(data.decode())
    as_bytes = reference.count_doubles(data)
    cases = []
    allowed: tuple[str, ...]
    check: Callable[[object], bool] | None
    value: Any
    for key, value in rust_values().items():
        # The stream itself: anything without read() is refused with TypeError.
        allowed = ("Boom",) if isinstance(value, Raising) else ("TypeError",)
        cases.append(
            Case(
                f"count_doubles_stream({key})",
                functools.partial(STREAM, value),
                allowed=allowed,
            )
        )
        # chunk_size: an index >= 1, else TypeError / ValueError; past sys.maxsize the stream's
        # read() refuses it (OverflowError).
        try:
            size = operator.index(value)
        except BaseException as error:
            allowed, check = (type(error).__name__,), None
        else:
            if size < 1:
                allowed, check = ("ValueError",), None
            elif size > sys.maxsize:
                allowed, check = ("OverflowError", "MemoryError"), None
            else:
                allowed, check = (), counts(as_text)
        cases.append(
            Case(
                f"count_doubles_stream(BytesIO, chunk_size={key})",
                functools.partial(STREAM, io.BytesIO(data), chunk_size=value),
                allowed=allowed,
                check=check,
            )
        )
        # binary: only its truth value matters.
        try:
            truth = bool(value)
        except BaseException as error:
            allowed, check = (type(error).__name__,), None
        else:
            allowed, check = (), counts(as_bytes if truth else as_text)
        cases.append(
            Case(
                f"count_doubles_stream(BytesIO, binary={key}, chunk_size=3)",
                functools.partial(STREAM, io.BytesIO(data), binary=value, chunk_size=3),
                allowed=allowed,
                check=check,
            )
        )
    # Streams that yield hostile chunks: (chunks, outcome as text, outcome as bytes), an
    # outcome being an expected count or a tuple of allowed exception names.
    chunked: dict[str, tuple[tuple[object, ...], int | tuple[str, ...], int | tuple[str, ...]]] = {
        "bytes": ((b"a", b"a\xc3", b"\xa9\xc3\xa9"), 2, 1),
        "bytearray": ((bytearray(b"aa"),), 1, 1),
        "memoryview": ((memoryview(b"aab"),), 1, 1),
        "bytes_subclass": ((Bytes(b"aab"),), 1, 1),
        "oversized": ((b"aaaa",), 3, 3),  # read(1) returning more than asked for
        "empty_first": ((b"", b"aa"), 0, 0),  # b"" is the end of the stream
        "str": (("aa",), ("TypeError",), ("TypeError",)),
        "str_subclass": ((Str("aa"),), ("TypeError",), ("TypeError",)),
        "int": ((5,), ("TypeError",), ("TypeError",)),
        "list": (([97, 97],), ("TypeError",), ("TypeError",)),
        "mv_strided": ((memoryview(b"aabb")[::2],), ("TypeError",), ("TypeError",)),
        "bytes_none_bytes": ((b"aa", None, b"aa"), ("TypeError",), ("TypeError",)),
        "invalid_utf8": ((b"a\xff",), ("UnicodeDecodeError",), 0),
        "truncated_utf8": ((b"a\xc3",), ("UnicodeDecodeError",), 0),
        "surrogate_utf8": ((b"\xed\xa0\x80\xed\xa0\x80",), ("UnicodeDecodeError",), 0),
    }
    for key, (chunks, text_outcome, bytes_outcome) in chunked.items():
        for binary, outcome in ((False, text_outcome), (True, bytes_outcome)):
            allowed, check = (
                (outcome, None) if isinstance(outcome, tuple) else ((), counts(outcome))
            )
            cases.append(
                Case(
                    f"count_doubles_stream(reader yielding {key}, binary={binary}, chunk_size=1)",
                    functools.partial(STREAM, _Reader(*chunks), binary=binary, chunk_size=1),
                    allowed=allowed,
                    check=check,
                )
            )
    # A uint16 memoryview chunk: refused by the byte counter; UTF-8 decoding reads any buffer's
    # bytes, so text mode may count them ("aabb": 2).
    cases += [
        Case(
            f"count_doubles_stream(reader yielding mv_uint16, binary={binary}, chunk_size=1)",
            functools.partial(
                STREAM,
                _Reader(memoryview(b"aabb").cast("H")),
                binary=binary,
                chunk_size=1,
            ),
            allowed=("TypeError",),
            check=counts(2),
        )
        for binary in (False, True)
    ]
    closed = io.BytesIO(b"aa")
    closed.close()
    text_file = tmp / "text.txt"
    others: dict[
        str, tuple[Callable[[], object], tuple[str, ...], Callable[[object], bool] | None]
    ] = {
        "failing reader": (
            functools.partial(STREAM, _FailingReader()),
            ("OSError",),
            None,
        ),
        "read() without size": (
            functools.partial(STREAM, _ReadWithoutSize()),
            ("TypeError",),
            None,
        ),
        "closed BytesIO": (functools.partial(STREAM, closed), ("ValueError",), None),
        "StringIO": (
            functools.partial(STREAM, io.StringIO("aa")),
            ("TypeError",),
            None,
        ),
        "empty BytesIO": (functools.partial(STREAM, io.BytesIO()), (), counts(0)),
        "()": (functools.partial(STREAM), ("TypeError",), None),
        "BytesIO, True": (
            functools.partial(STREAM, io.BytesIO(b"aa"), True),
            ("TypeError",),
            None,
        ),
        "BytesIO, chunksize=1": (
            functools.partial(STREAM, io.BytesIO(b"aa"), chunksize=1),
            ("TypeError",),
            None,
        ),
        "stream=BytesIO": (
            functools.partial(STREAM, stream=io.BytesIO(b"aaa")),
            (),
            counts(2),
        ),
        "a file opened 'r'": (lambda: _count_file(text_file, "r"), ("TypeError",), None),
        "a file opened 'rb'": (lambda: _count_file(text_file, "rb"), (), counts(as_text)),
    }
    for text, (call, expected, ok) in others.items():
        cases.append(
            Case(
                f"count_doubles_stream({text})",
                call,
                allowed=expected,
                check=ok,
                targets=("count_doubles_stream",),
            )
        )
    if tmp is not PLACEHOLDER:
        text_file.write_bytes(data)
    return cases


def _count_file(path: Path, mode: str) -> int:
    with open(path, mode) as stream:
        return int(STREAM(stream))


TABLES: list[Table] = [stream_cases]

test_hostile_call, test_children_exit_cleanly = table_tests(TABLES)
