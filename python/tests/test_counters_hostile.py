"""Hostile arguments for every count_doubles variant (every function in myrustlib.COUNTERS, so
a variant added later gets every case), against the reference count_doubles.

The calls run in crash-isolated child interpreters: see isolation.py.
"""

from __future__ import annotations

import array
import ctypes
import functools
import mmap
import pickle
import sys
import threading
from pathlib import Path
from typing import Callable

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from isolation import (
    Bytes,
    Case,
    LyingBytes,
    LyingStr,
    Str,
    Table,
    agree,
    both,
    hostile,
    invoke,
    mixed,
    mixture_settings,
    mixtures_test,
    table_tests,
)

import myrustlib

NAMES = [counter.__name__ for counter in myrustlib.COUNTERS]


def counter_cases(tmp: Path) -> list[Case]:
    closed = mmap.mmap(-1, 16)
    closed.close()
    extra: dict[str, object] = {
        "lying_str": LyingStr("aab"),
        "lying_bytes": LyingBytes(b"aab"),
        "long_str_subclass": Str("ab" * 10_000 + "é"),  # past the GIL-release threshold
        "nul_str": "a\0\0",
        "surrogates": "\ud800\ud800\udfff",
        "astral": "😀😀é",
        "bytes_nul": b"\0\0\0",
        # 'u' (wchar_t) is deprecated from Python 3.13; 'w' (UCS4, new there) is its successor.
        "array_u": array.array("w" if sys.version_info >= (3, 13) else "u", "aa"),
        "array_b": array.array("b", [-1, -1]),
        "array_B_empty": array.array("B"),
        "mv_char": memoryview(b"aab").cast("c"),
        "mv_bytes_subclass": memoryview(Bytes(b"aab")),
        "pickle_buffer": pickle.PickleBuffer(b"aab"),
        "mmap": mmap.mmap(-1, 16),
        "mmap_closed": closed,
        "ctypes_uint8": ctypes.c_uint8(3),
        "ctypes_int": ctypes.c_int(3),
        "ctypes_char_array": (ctypes.c_char * 3)(b"a", b"a", b"b"),
        "np_object": np.array([None, None], dtype=object),
        "np_datetime": np.array(["2020-01-01"] * 2, dtype="datetime64[D]"),
        "np_fortran": np.asfortranarray(np.zeros((2, 3), dtype=np.uint8)),
        "np_uint8_3d": np.zeros((2, 2, 2), dtype=np.uint8),
    }
    cases = []
    for counter in myrustlib.COUNTERS:
        name = counter.__name__
        for key, value in {**hostile(), **extra}.items():
            cases.append(both(f"{name}({key})", invoke(name, value)))
        cases += [
            both(f"{name}()", invoke(name)),
            both(f"{name}('a', 'b')", invoke(name, "a", "b")),
            both(f"{name}(txt='aa')", invoke(name, txt="aa")),
            both(f"{name}(text='aa')", invoke(name, text="aa")),
            both(f"{name}('aa', text='aa')", invoke(name, "aa", text="aa")),
            Case(
                f"{name}(bytearray written by another thread meanwhile) [rust only]",
                functools.partial(_count_while_written, counter),
                check=lambda result: result is True,
                targets=(name,),
            ),
        ]
    return cases


def _count_while_written(counter: Callable[[bytearray], int]) -> bool:
    """Counts a 4 MiB bytearray (long enough to be counted with the GIL released) while
    another thread keeps writing to it: the count is unspecified, but must be a count."""
    data = bytearray(b"ab" * (2 << 20))
    stop = threading.Event()

    def write() -> None:
        position = 0
        while not stop.is_set():
            data[position] = data[position - 1]
            position = (position + 7919) % len(data)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        counts = [counter(data) for _ in range(10)]
    finally:
        stop.set()
        writer.join()
    return all(type(count) is int and 0 <= count < len(data) for count in counts)


TABLES: list[Table] = [counter_cases]

test_hostile_call, test_children_exit_cleanly = table_tests(TABLES)


@mixture_settings(max_examples=700)
@given(name=st.sampled_from(NAMES), value=mixed())
def _mixtures(name: str, value: object) -> None:
    """Any value, hostile or ordinary: every counter gives the reference's outcome."""
    agree(invoke(name, value))


test_hypothesis_mixtures_agree_with_the_reference = mixtures_test(_mixtures)
