"""Hostile arguments at every argument position of every public name.

Each call must do what the pure-Python reference does with the same arguments (an equal result,
or an exception of the same type) or, where there is no reference (count_doubles_stream,
save_png), give a correct result or raise a documented exception. Never a
pyo3_runtime.PanicException (a BaseException, so everything is caught as BaseException), never an
abort, a segfault or a hang.

Crash isolation: the calls of each group run in a child interpreter that imports this file,
builds the same table of cases and prints one JSON record per call. If the child dies (or a
call hangs past a watchdog), the case it was running is recorded as the culprit and a new child
carries on after it. The tests here only judge the records, so a crash fails one case, not the
pytest run. Sizes are chosen so that nothing allocates more than a few kilobytes for real: a
size is either small, or so large that the call must refuse it before allocating (and the
reference, which would loop over it pixel by pixel or character by character, is only called
when it too refuses it up front).
"""

from __future__ import annotations

import array
import copy
import ctypes
import decimal
import faulthandler
import fractions
import functools
import hashlib
import io
import json
import math
import mmap
import operator
import os
import pickle
import string
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import weakref
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

import myrustlib
from myrustlib import reference
from myrustlib.stream import count_doubles_stream

Json = Any
"""A JSON-compatible value: what a child interpreter reports about one call."""

Call = Callable[[Any], object]
"""A call to make with one implementation (RUST or REF) as its argument."""

COUNTERS = [
    "count_doubles",
    "count_doubles_once",
    "count_doubles_once_bytes",
    "count_doubles_slice",
    "count_doubles_slice_parallel",
    "count_doubles_simd",
    "count_doubles_simd_parallel",
]

# The two implementations under one set of names: every Rust counter is compared with the
# reference count_doubles, everything else with its namesake.
RUST = SimpleNamespace(**{name: getattr(myrustlib, name) for name in myrustlib.__all__})
REF = SimpleNamespace(
    **dict.fromkeys(COUNTERS, reference.count_doubles),
    random_string=reference.random_string,
    Vec=reference.Vec,
    Line=reference.Line,
    Sphere=reference.Sphere,
    color=reference.color,
    render=reference.render,
)

CASE_TIMEOUT = 30  # seconds one call may take in the child before it counts as a hang
CHILD_TIMEOUT = 120  # seconds for a whole child interpreter
RECORD = "RECORD "
START = "START "
# Typed as Any: the calls below pass what the signatures forbid, on purpose.
SAVE_PNG: Any = myrustlib.save_png
STREAM: Any = count_doubles_stream
REFERENCE_RENDER: Any = reference.render
PLACEHOLDER = Path("/nonexistent/test_hostile")  # the table is built in the parent only for ids
LETTERS = string.ascii_letters


# --- Hostile values --------------------------------------------------------------------------


class _Str(str):
    """A str subclass that changes nothing."""

    __slots__ = ()


class _Bytes(bytes):
    """A bytes subclass that changes nothing."""

    __slots__ = ()


class _LyingStr(str):
    """A str subclass that claims to be empty; its stored text is still "ab"."""

    __slots__ = ()

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:
        return False


class _LyingBytes(bytes):
    """A bytes subclass that claims to be empty and to contain nothing."""

    __slots__ = ()

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Any:
        return iter(())


class _HasStr:
    """Only __str__: not a str, not a number, not a path."""

    def __str__(self) -> str:
        return "aab"


class _HasIndex:
    """An int-like object: __index__ returns `value` (which may be no int at all)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __index__(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"_HasIndex({self.value!r})"


class _HasFloat:
    """A float-like object: __float__ returns `value` (which may be no float at all)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __float__(self) -> Any:
        return self.value


class _HasFspath:
    """A path-like object: __fspath__ returns `value` (which may be no path at all)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __fspath__(self) -> Any:
        return self.value


class _LyingFloat(float):
    """A float subclass whose __float__ lies: C code (and the reference) use the stored value."""

    __slots__ = ()

    def __float__(self) -> float:
        return 2.0


class _Boom(BaseException):
    """Raised by hostile objects; not an Exception, so only a careful binding passes it on."""


class _Raising:
    """Every conversion hook raises _Boom: __index__, __float__, __fspath__, read, __bool__."""

    def __index__(self) -> int:
        raise _Boom

    def __float__(self) -> float:
        raise _Boom

    def __fspath__(self) -> str:
        raise _Boom

    def __bool__(self) -> bool:
        raise _Boom

    def read(self, size: int) -> bytes:
        raise _Boom


class _Reentrant:
    """Conversion hooks that first call back into myrustlib, its thread pool included."""

    def _work(self) -> None:
        myrustlib.random_string(70_000, seed=1)  # generated in parallel
        myrustlib.render(4, 3)
        myrustlib.count_doubles_simd_parallel("ab" * 600_000)  # counted in parallel

    def __index__(self) -> int:
        self._work()
        return 3

    def __float__(self) -> float:
        self._work()
        return 2.5

    def __fspath__(self) -> str:
        self._work()
        return "reentrant.png"


@dataclass(frozen=True)
class _Own:
    """A value each implementation builds for itself (its own Vec, Line or Sphere), or, with
    `other`, the other implementation's: a Rust Vec where the reference expects its own."""

    name: str
    args: tuple[object, ...] = ()
    other: bool = False


def _pick(value: object, impl: Any) -> object:
    """`value` as passed to `impl`: an _Own is built by the implementation it names."""
    if isinstance(value, _Own):
        target = (REF if impl is RUST else RUST) if value.other else impl
        return getattr(target, value.name)(*(_pick(arg, target) for arg in value.args))
    return value


def _hostile() -> dict[str, object]:
    """The values thrown at every argument position, by a name that becomes part of test ids.
    Made afresh for each group (a child builds the same table, in the same order)."""
    released = memoryview(b"aa")
    released.release()
    return {
        "None": None,
        "int": 7,
        "True": True,
        "float": 2.5,
        "nan": math.nan,
        "inf": math.inf,
        "-inf": -math.inf,
        "-0.0": -0.0,
        "5e-324": 5e-324,
        "1e308": 1e308,
        "complex": 1j,
        "list": ["a", "a"],
        "empty_list": [],
        "tuple": (1.0, 2.0, 3.0),
        "dict": {"a": "a"},
        "object": object(),
        "str": "aab",
        "empty_str": "",
        "str_subclass": _Str("aab"),
        "bytes": b"aab",
        "empty_bytes": b"",
        "bytes_subclass": _Bytes(b"aab"),
        "bytearray": bytearray(b"aab"),
        "has_str": _HasStr(),
        "has_index": _HasIndex(3),
        "has_index_non_int": _HasIndex(1.5),
        "has_index_2**64": _HasIndex(2**64),
        "has_index_-1": _HasIndex(-1),
        "has_float": _HasFloat(2.5),
        "has_float_non_float": _HasFloat(1),
        "has_float_nan": _HasFloat(math.nan),
        "lying_float": _LyingFloat(3.0),
        "has_index_bool": _HasIndex(True),  # deprecated: a warning, an error under pytest
        "has_float_float_subclass": _HasFloat(_LyingFloat(1.0)),  # deprecated likewise
        "raising": _Raising(),
        "reentrant": _Reentrant(),
        "np_int64": np.int64(3),
        "np_uint64_max": np.uint64(2**64 - 1),
        "np_float64_nan": np.float64("nan"),
        "np_float32": np.float32(2.5),
        "np_bool": np.bool_(True),
        "np_uint8": np.uint8(3),
        "fraction": fractions.Fraction(3, 2),
        "decimal": decimal.Decimal("1.5"),
        "decimal_snan": decimal.Decimal("sNaN"),
        "has_fspath": _HasFspath("aab.png"),
        "mv_strided": memoryview(b"abcdef")[::2],
        "mv_reversed": memoryview(b"abcdef")[::-1],
        "mv_2d": memoryview(bytearray(12)).cast("B", (3, 4)),
        "mv_int32": memoryview(array.array("i", [1, 2])),
        "mv_uint16": memoryview(b"abcd").cast("H"),
        "mv_released": released,
        "mv_empty": memoryview(b""),
        "bytesio_buffer": io.BytesIO(b"aab").getbuffer(),
        "zero": 0,
        "-1": -1,
        "-2**63": -(2**63),
        "2**31": 2**31,
        "2**63": 2**63,
        "2**64": 2**64,
        "10**400": 10**400,
        "own_Vec": _Own("Vec", (0.0, 0.0, 1.0)),
        "other_Vec": _Own("Vec", (0.0, 0.0, 1.0), other=True),
        "own_Line": _Own("Line", (_Own("Vec", (0, 0, 0)), _Own("Vec", (0, 0, 1)))),
        "own_Sphere": _Own("Sphere", (_Own("Vec", (0, 0, 10)), 2)),
    }


def _rust_values() -> dict[str, object]:
    """The hostile values for functions with no reference: _Own values built by Rust."""
    return {key: _pick(value, RUST) for key, value in _hostile().items()}


def _index_or_none(value: object) -> int | None:
    """operator.index(value), or None if that raises anything."""
    try:
        picked: Any = _pick(value, RUST)
        return operator.index(picked)
    except BaseException:
        return None


def _too_big_to_run(*sizes: object) -> bool:
    """Whether sizes (a str length, or a frame's sides) would make a real, slow job: fine for
    the Rust version to refuse or to do, but the reference would loop for minutes. Sizes past
    sys.maxsize are refused by both before any work, so they stay in."""
    values = [_index_or_none(size) for size in sizes]
    if any(value is None or value < 1 for value in values):
        return False
    product = math.prod(value for value in values if value is not None)
    return 20_000 < product * 3 <= sys.maxsize


# --- Cases and outcomes ----------------------------------------------------------------------


def _plain(value: object) -> Json:
    """A result as JSON, implementation-neutral and exact (floats by their hex form, so NaN
    equals NaN and -0.0 differs from 0.0)."""
    if value is None:
        return ["None"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", int(value)]
    if isinstance(value, float):
        return ["float", float(value).hex()]
    if isinstance(value, str):
        return ["str", type(value).__name__, value]
    if isinstance(value, bytes):
        return ["bytes", len(value), hashlib.sha256(value).hexdigest()]
    if isinstance(value, tuple):
        return ["tuple", [_plain(item) for item in value]]
    if isinstance(value, (RUST.Vec, REF.Vec)):
        return ["Vec", _plain(value.x), _plain(value.y), _plain(value.z)]
    if isinstance(value, (RUST.Line, REF.Line)):
        return ["Line", _plain(value.p), _plain(value.v)]
    if isinstance(value, (RUST.Sphere, REF.Sphere)):
        return ["Sphere", _plain(value.q), _plain(value.r)]
    return ["object", type(value).__qualname__]


def _random_summary(alphabet: object) -> Callable[[object], Json]:
    """random_string's result, summarised so that Rust and the reference compare: type, length,
    and whether every character is from the alphabet's stored text."""
    letters = str.__str__(alphabet) if isinstance(alphabet, str) else LETTERS

    def summary(value: object) -> Json:
        if not isinstance(value, str):
            return _plain(value)
        return ["random_str", type(value).__name__, len(value), set(value) <= set(letters)]

    return summary


@dataclass(frozen=True)
class Case:
    """One call. With `reference`: same outcome as the reference (with `same_value=False`, the
    same exception type, or success judged by `check`). Without: an exception with a name in
    `allowed` somewhere in its MRO, or a result for which `check` returns True."""

    id: str
    rust: Callable[[], object]
    reference: Callable[[], object] | None = None
    same_value: bool = True
    allowed: tuple[str, ...] = ()
    check: Callable[[object], bool] | None = None
    summary: Callable[[object], Json] = _plain


def _both(case_id: str, call: Call, summary: Callable[[object], Json] = _plain) -> Case:
    return Case(case_id, lambda: call(RUST), lambda: call(REF), summary=summary)


def _call(name: str, *args: object, **kwargs: object) -> Call:
    def call(impl: Any) -> object:
        positional = [_pick(arg, impl) for arg in args]
        keywords = {key: _pick(value, impl) for key, value in kwargs.items()}
        return getattr(impl, name)(*positional, **keywords)

    return call


def _method(owner: _Own, method: str, *args: object, **kwargs: object) -> Call:
    def call(impl: Any) -> object:
        positional = [_pick(arg, impl) for arg in args]
        keywords = {key: _pick(value, impl) for key, value in kwargs.items()}
        return getattr(_pick(owner, impl), method)(*positional, **keywords)

    return call


def _apply(function: Callable[..., object], *args: object) -> Call:
    return lambda impl: function(*(_pick(arg, impl) for arg in args))


def _outcome(call: Callable[[], object], summary: Callable[[object], Json]) -> tuple[Json, object]:
    """(JSON of what `call` did, its result or None). Warnings are errors, as under pytest."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            value = call()
    except BaseException as error:  # PanicException derives from BaseException
        kind = type(error)
        mro = [cls.__name__ for cls in kind.__mro__]
        return ["raised", f"{kind.__module__}.{kind.__qualname__}", mro, str(error)[:200]], None
    return ["ok", summary(value)], value


def _is_panic(outcome: Json) -> bool:
    return bool(
        outcome[0] == "raised"
        and ("PanicException" in outcome[2] or outcome[1].startswith("pyo3_runtime"))
    )


def _judge(case: Case, record: dict[str, Any]) -> str | None:
    """What is wrong with `record` (a child's report of `case`), or None."""
    if "died" in record:
        return f"the child interpreter died or hung on this call: {record['died']}"
    rust, ref, check = record["rust"], record["reference"], record["check"]
    if _is_panic(rust):
        return f"PanicException: {rust}"
    if case.reference is not None:
        if case.same_value or ref[0] == "raised":
            if rust[:2] == ref[:2]:
                return None
            return f"rust {rust} but reference {ref}"
        if rust[0] == "raised":
            return f"rust raised {rust} where the reference succeeded"
        return None if check is True else f"rust returned {rust}, which fails the check ({check})"
    if rust[0] == "raised":
        if set(rust[2]) & set(case.allowed):
            return None
        return f"rust raised {rust}, expected one of {case.allowed}"
    if check is True:
        return None
    return f"rust returned {rust}, expected one of {case.allowed} (check: {check})"


# --- The tables ------------------------------------------------------------------------------


def _counter_cases(tmp: Path) -> list[Case]:
    closed = mmap.mmap(-1, 16)
    closed.close()
    extra: dict[str, object] = {
        "lying_str": _LyingStr("aab"),
        "lying_bytes": _LyingBytes(b"aab"),
        "long_str_subclass": _Str("ab" * 10_000 + "é"),  # past the GIL-release threshold
        "nul_str": "a\0\0",
        "surrogates": "\ud800\ud800\udfff",
        "astral": "😀😀é",
        "bytes_nul": b"\0\0\0",
        "array_u": array.array("u", "aa"),
        "array_b": array.array("b", [-1, -1]),
        "array_B_empty": array.array("B"),
        "mv_char": memoryview(b"aab").cast("c"),
        "mv_bytes_subclass": memoryview(_Bytes(b"aab")),
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
    for name in COUNTERS:
        for key, value in {**_hostile(), **extra}.items():
            cases.append(_both(f"{name}({key})", _call(name, value)))
        cases += [
            _both(f"{name}()", _call(name)),
            _both(f"{name}('a', 'b')", _call(name, "a", "b")),
            _both(f"{name}(txt='aa')", _call(name, txt="aa")),
            _both(f"{name}(text='aa')", _call(name, text="aa")),
            _both(f"{name}('aa', text='aa')", _call(name, "aa", text="aa")),
            Case(
                f"{name}(bytearray written by another thread meanwhile) [rust only]",
                functools.partial(_count_while_written, getattr(myrustlib, name)),
                check=lambda result: result is True,
            ),
        ]
    return cases


def _count_while_written(counter: Callable[[object], int]) -> bool:
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


def _random_string_cases(tmp: Path) -> list[Case]:
    cases = []
    for key, value in _hostile().items():
        if not _too_big_to_run(value):
            cases.append(
                _both(
                    f"random_string({key}, seed=1)",
                    _call("random_string", value, seed=1),
                    _random_summary(None),
                )
            )
        cases.append(
            _both(
                f"random_string(5, alphabet={key}, seed=1)",
                _call("random_string", 5, alphabet=value, seed=1),
                _random_summary(value),
            )
        )
        cases.append(
            _both(
                f"random_string(5, seed={key})",
                _call("random_string", 5, seed=value),
                _random_summary(None),
            )
        )
    alphabets: dict[str, object] = {
        "nul": "\0",
        "surrogate": "\ud800",
        "astral": "😀",
        "mixed_widths": "aé€😀",
        "lying_str": _LyingStr("ab"),
    }
    for key, alphabet in alphabets.items():
        cases.append(
            _both(
                f"random_string(5, alphabet={key})",
                _call("random_string", 5, alphabet=alphabet),
                _random_summary(alphabet),
            )
        )
    # Several bad arguments at once: the same one must be reported first by both. Sizes that
    # would allocate gigabytes only appear next to an error checked before the allocation.
    combos: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
        "2**31, alphabet=''": ((2**31,), {"alphabet": ""}),
        "2**31, seed=-1": ((2**31,), {"seed": -1}),
        "2**31, alphabet=None": ((2**31,), {"alphabet": None}),
        "2**31, alphabet=b'ab'": ((2**31,), {"alphabet": b"ab"}),
        "2**63, alphabet=''": ((2**63,), {"alphabet": ""}),
        "2**64, seed='x'": ((2**64,), {"seed": "x"}),
        "-2**63, seed=2**64": ((-(2**63),), {"seed": 2**64}),
        "raising, alphabet=1": ((_Raising(),), {"alphabet": 1}),
        "raising, seed=raising": ((_Raising(),), {"seed": _Raising()}),
        "None, alphabet=None": ((None,), {"alphabet": None}),
        "-1, alphabet=''": ((-1,), {"alphabet": ""}),
        "(no arguments)": ((), {}),
        "3, 'ab'": ((3, "ab"), {}),
        "3, 'ab', 1": ((3, "ab", 1), {}),
        "3, alphabt='a'": ((3,), {"alphabt": "a"}),
        "3, sed=1": ((3,), {"sed": 1}),
        "3, length=3": ((3,), {"length": 3}),
        "length=3": ((), {"length": 3}),
        "length=3, alphabet='ab', seed=2**64-1": (
            (),
            {"length": 3, "alphabet": "ab", "seed": 2**64 - 1},
        ),
    }
    for text, (args, kwargs) in combos.items():
        summary = _random_summary(kwargs.get("alphabet"))
        cases.append(
            _both(f"random_string({text})", _call("random_string", *args, **kwargs), summary)
        )
    # Past any address space: refused with MemoryError (the reference would loop over these).
    for text, length in {"2**62": 2**62, "sys.maxsize": sys.maxsize, "2**47": 2**47}.items():
        cases.append(
            Case(
                f"random_string({text}) [rust only]",
                functools.partial(myrustlib.random_string, length),
                allowed=("MemoryError",),
            )
        )
    return cases


SPECIAL_COORDS: dict[str, tuple[float, float, float]] = {
    "nan": (math.nan, 0.0, 0.0),
    "inf": (math.inf, -math.inf, 0.0),
    "-0.0": (-0.0, 0.0, -0.0),
    "huge": (1e308, 1e308, 1e308),
    "subnormal": (5e-324, 0.0, 0.0),
    "zero": (0.0, 0.0, 0.0),
    "tiny": (1e-200, 0.0, 0.0),
    "plain": (1.0, -2.0, 3.0),
}


def _vec_cases(tmp: Path) -> list[Case]:
    vec = _Own("Vec", (1, -2, 3))
    cases = []
    for key, value in _hostile().items():
        cases += [
            _both(f"Vec({key}, 0, 0)", _call("Vec", value, 0, 0)),
            _both(f"Vec(0, {key}, 0)", _call("Vec", 0, value, 0)),
            _both(f"Vec(0, 0, {key})", _call("Vec", 0, 0, value)),
            _both(f"Vec(1, -2, 3).scale({key})", _method(vec, "scale", value)),
            _both(f"Vec(1, -2, 3) + {key}", _apply(operator.add, vec, value)),
            _both(f"Vec(1, -2, 3) - {key}", _apply(operator.sub, vec, value)),
            _both(f"Vec(1, -2, 3) * {key}", _apply(operator.mul, vec, value)),
            _both(f"{key} + Vec(1, -2, 3)", _apply(operator.add, value, vec)),
            _both(f"{key} * Vec(1, -2, 3)", _apply(operator.mul, value, vec)),
            _both(f"Vec(1, -2, 3) == {key}", _apply(operator.eq, vec, value)),
            _both(f"Vec(1, -2, 3) != {key}", _apply(operator.ne, vec, value)),
            _both(f"Vec(1, -2, 3) < {key}", _apply(operator.lt, vec, value)),
        ]
    shapes: dict[str, Call] = {
        "Vec()": _call("Vec"),
        "Vec(1, 2)": _call("Vec", 1, 2),
        "Vec(1, 2, 3, 4)": _call("Vec", 1, 2, 3, 4),
        "Vec(1, 2, w=3)": _call("Vec", 1, 2, w=3),
        "Vec(1, 2, 3, x=1)": _call("Vec", 1, 2, 3, x=1),
        "Vec(x=1, y=2, z=3)": _call("Vec", x=1, y=2, z=3),
        "Vec(1, -2, 3).scale()": _method(vec, "scale"),
        "Vec(1, -2, 3).scale(1, 2)": _method(vec, "scale", 1, 2),
        "Vec(1, -2, 3).scale(factor=2)": _method(vec, "scale", factor=2),
        "Vec(1, -2, 3).scale(fctor=2)": _method(vec, "scale", fctor=2),
        "Vec(1, -2, 3).length(1)": _method(vec, "length", 1),
        "Vec(1, -2, 3).normal(1)": _method(vec, "normal", 1),
        "Vec(1, -2, 3).x = 1": _apply(setattr, vec, "x", 1.0),
        "del Vec(1, -2, 3).x": _apply(delattr, vec, "x"),
        "Vec(1, -2, 3).w": _apply(getattr, vec, "w"),
        "len(Vec(1, -2, 3))": _apply(len, vec),
        "iter(Vec(1, -2, 3))": _apply(iter, vec),
        "bool(Vec(1, -2, 3))": _apply(bool, vec),
    }
    cases += [_both(text, call) for text, call in shapes.items()]
    cases += [
        _both("weakref.ref(Vec)", _apply(weakref.ref, vec)),
        _both("pickle protocol 0 (Vec, Line, Sphere)", _pickle_all(0)),
        _both("pickle protocol 5 (Vec, Line, Sphere)", _pickle_all(5)),
    ]
    rust_vec, rust_line, rust_ball = (
        myrustlib.Vec(1, 2, 3),
        myrustlib.Line(RUST.Vec(0, 0, 0), RUST.Vec(0, 0, 1)),
        myrustlib.Sphere(RUST.Vec(0, 0, 10), 2),
    )
    # Methods and properties called on the wrong `self`, and ways around __new__: TypeError.
    unbound: dict[str, Callable[[], object]] = {
        "object.__new__(Vec)": functools.partial(object.__new__, myrustlib.Vec),
        "Vec.__new__(Line, 1, 2, 3)": functools.partial(
            _unbound, myrustlib.Vec, "__new__", myrustlib.Line, 1, 2, 3
        ),
        "Vec.__new__(Vec)": functools.partial(_unbound, myrustlib.Vec, "__new__", myrustlib.Vec),
        "Vec.length(None)": functools.partial(_unbound, myrustlib.Vec, "length", None),
        "Vec.normal(1)": functools.partial(_unbound, myrustlib.Vec, "normal", 1),
        "Vec.scale(Line, 2)": functools.partial(_unbound, myrustlib.Vec, "scale", rust_line, 2),
        "Vec.__repr__(Sphere)": functools.partial(_unbound, myrustlib.Vec, "__repr__", rust_ball),
        "Vec.__hash__(1)": functools.partial(_unbound, myrustlib.Vec, "__hash__", 1),
        "Vec.__reduce__(None)": functools.partial(_unbound, myrustlib.Vec, "__reduce__", None),
        "Vec.__eq__(Line, Vec)": functools.partial(
            _unbound, myrustlib.Vec, "__eq__", rust_line, rust_vec
        ),
        "Vec.__add__(Line, Vec)": functools.partial(
            _unbound, myrustlib.Vec, "__add__", rust_line, rust_vec
        ),
        "Vec.__mul__(reference Vec, Vec)": functools.partial(
            _unbound, myrustlib.Vec, "__mul__", reference.Vec(1, 2, 3), rust_vec
        ),
        "Vec.x.__get__(reference Vec)": functools.partial(
            _unbound, myrustlib.Vec.x, "__get__", reference.Vec(1, 2, 3)
        ),
        "Line.p.__get__(Vec)": functools.partial(_unbound, myrustlib.Line.p, "__get__", rust_vec),
        "Line.__reduce__(Vec)": functools.partial(_unbound, myrustlib.Line, "__reduce__", rust_vec),
        "Sphere.intersect(Vec, Line)": functools.partial(
            _unbound, myrustlib.Sphere, "intersect", rust_vec, rust_line
        ),
        "Sphere.get_normal(None, Vec)": functools.partial(
            _unbound, myrustlib.Sphere, "get_normal", None, rust_vec
        ),
        "Sphere.r.__get__(Vec)": functools.partial(
            _unbound, myrustlib.Sphere.r, "__get__", rust_vec
        ),
        "class V(Vec)": functools.partial(type, "V", (myrustlib.Vec,), {}),
        "class L(Line)": functools.partial(type, "L", (myrustlib.Line,), {}),
        "class S(Sphere)": functools.partial(type, "S", (myrustlib.Sphere,), {}),
    }
    for text, call in unbound.items():
        cases.append(Case(f"{text} [rust only]", call, allowed=("TypeError",)))
    cases += [
        Case(
            "object.__setattr__(Vec, 'x', 3) [rust only]",
            functools.partial(object.__setattr__, rust_vec, "x", 3),
            allowed=("AttributeError",),
        ),
        Case(
            "Vec.__add__(Vec, Line) [rust only]",
            functools.partial(_unbound, myrustlib.Vec, "__add__", rust_vec, rust_line),
            check=lambda result: result is NotImplemented,
        ),
        Case(
            "Vec.__init__(Vec, 4, 5, 6) leaves it unchanged [rust only]",
            functools.partial(_reinit, rust_vec),
            check=lambda result: result is True,
        ),
    ]
    for key, coords in SPECIAL_COORDS.items():
        v = _Own("Vec", coords)
        cases += [
            _both(f"Vec<{key}>.x,y,z", _apply(_coordinates, v)),
            _both(f"Vec<{key}>.length()", _method(v, "length")),
            _both(f"Vec<{key}>.normal()", _method(v, "normal")),
            _both(f"repr(Vec<{key}>)", _apply(repr, v)),
            _both(f"eval(repr(Vec<{key}>))", _eval_repr(v)),
            _both(f"pickle(Vec<{key}>)", _apply(_pickled, v)),
            _both(f"deepcopy(Vec<{key}>)", _apply(copy.deepcopy, v)),
            _both(f"Vec<{key}> + itself", _apply(operator.add, v, v)),
            _both(f"Vec<{key}> - itself", _apply(operator.sub, v, v)),
            _both(f"Vec<{key}> * itself", _apply(operator.mul, v, v)),
            _both(f"Vec<{key}> == itself", _apply(operator.eq, v, v)),
            _both(f"Vec<{key}>.scale(nan)", _method(v, "scale", math.nan)),
            _both(f"Vec<{key}>.scale(inf)", _method(v, "scale", math.inf)),
            _both(f"Vec<{key}>.scale(-0.0)", _method(v, "scale", -0.0)),
        ]
        if math.isnan(sum(coords)):
            # hash(nan) depends on the float object's identity in the reference: only Rust's
            # own hash is checked, to be a stable int.
            cases.append(
                Case(
                    f"hash(Vec<{key}>) [rust only]",
                    functools.partial(_stable_hash, myrustlib.Vec(*coords)),
                    check=lambda result: result is True,
                )
            )
        else:
            cases.append(_both(f"hash(Vec<{key}>)", _apply(hash, v)))
    return cases


def _attrs(value: object, *names: str) -> tuple[object, ...]:
    return tuple(getattr(value, name) for name in names)


def _unbound(owner: object, name: str, *args: object) -> object:
    """`owner.name(*args)`: a method or descriptor called with any `self`."""
    return getattr(owner, name)(*args)


def _reinit(v: Any) -> bool:
    before = (v.x, v.y, v.z)
    v.__init__(4, 5, 6)
    return (v.x, v.y, v.z) == before


def _pickle_all(protocol: int) -> Call:
    def call(impl: Any) -> object:
        p, d = impl.Vec(1, -0.0, math.inf), impl.Vec(math.nan, 2, 3)
        values = (p, impl.Line(p, d), impl.Sphere(d, 5e-324))
        return tuple(pickle.loads(pickle.dumps(value, protocol)) for value in values)

    return call


def _coordinates(value: Any) -> tuple[object, ...]:
    return _attrs(value, "x", "y", "z")


def _eval_repr(value: _Own) -> Call:
    def call(impl: Any) -> object:
        namespace = {"Vec": impl.Vec, "Line": impl.Line, "Sphere": impl.Sphere}
        return eval(repr(_pick(value, impl)), namespace)  # our classes' repr, made to evaluate

    return call


def _pickled(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


def _stable_hash(value: object) -> bool:
    first = hash(value)
    return type(first) is int and first == hash(value) == hash(copy.copy(value))


def _line_sphere_cases(tmp: Path) -> list[Case]:
    vec = _Own("Vec", (0, 0, 1))
    sphere = _Own("Sphere", (_Own("Vec", (0, 0, 10)), 2))
    line = _Own("Line", (_Own("Vec", (0, 0, 0)), _Own("Vec", (0, 0, 1))))
    cases = []
    for key, value in _hostile().items():
        cases += [
            _both(f"Line({key}, Vec)", _call("Line", value, vec)),
            _both(f"Line(Vec, {key})", _call("Line", vec, value)),
            _both(f"Sphere({key}, 2)", _call("Sphere", value, 2)),
            _both(f"Sphere(Vec, {key})", _call("Sphere", vec, value)),
            _both(f"Sphere.intersect({key})", _method(sphere, "intersect", value)),
            _both(f"Sphere.get_normal({key})", _method(sphere, "get_normal", value)),
            _both(f"Line == {key}", _apply(operator.eq, line, value)),
            _both(f"Sphere == {key}", _apply(operator.eq, sphere, value)),
        ]
    shapes: dict[str, Call] = {
        "Line()": _call("Line"),
        "Line(Vec)": _call("Line", vec),
        "Line(Vec, Vec, Vec)": _call("Line", vec, vec, vec),
        "Line(p=Vec, v=Vec)": _call("Line", p=vec, v=vec),
        "Line(p=Vec, w=Vec)": _call("Line", p=vec, w=vec),
        "Line.p, Line.v": lambda impl: _attrs(_pick(line, impl), "p", "v"),
        "Line.p = Vec": _apply(setattr, line, "p", vec),
        "Sphere(Vec)": _call("Sphere", vec),
        "Sphere(q=Vec, r=2)": _call("Sphere", q=vec, r=2),
        "Sphere(q=Vec, radius=2)": _call("Sphere", q=vec, radius=2),
        "Sphere.q, Sphere.r": lambda impl: _attrs(_pick(sphere, impl), "q", "r"),
        "Sphere.r = 1": _apply(setattr, sphere, "r", 1.0),
        "Sphere.intersect()": _method(sphere, "intersect"),
        "Sphere.intersect(line=Line)": _method(sphere, "intersect", line=line),
        "Sphere.intersect(Line, Line)": _method(sphere, "intersect", line, line),
        "Sphere.get_normal(p=Vec)": _method(sphere, "get_normal", p=vec),
        "Sphere.get_normal(Vec, Vec)": _method(sphere, "get_normal", vec, vec),
        "repr(Line), repr(Sphere)": lambda impl: (
            repr(_pick(line, impl)),
            repr(_pick(sphere, impl)),
        ),
        "hash(Line), hash(Sphere)": lambda impl: (
            hash(_pick(line, impl)),
            hash(_pick(sphere, impl)),
        ),
        "pickle(Line), pickle(Sphere)": lambda impl: (
            _pickled(_pick(line, impl)),
            _pickled(_pick(sphere, impl)),
        ),
    }
    cases += [_both(text, call) for text, call in shapes.items()]
    centres = {"q": (0.0, 0.0, 10.0), "q_inf": (math.inf, 0.0, 10.0)}
    radii = {"r1": 1.0, "r1e200": 1e200, "r5e-324": 5e-324}
    origins = {"p0": (0.0, 0.0, 0.0), "p_centre": (0.0, 0.0, 10.0), "p_nan": (math.nan, 0.0, 0.0)}
    directions = {
        "v": (0.0, 0.0, 1.0),
        "v_zero": (0.0, 0.0, 0.0),
        "v_tiny": (1e-200, 0.0, 0.0),
        "v_huge": (0.0, 0.0, 1e200),
        "v_nan": (math.nan, 0.0, 1.0),
        "v_inf": (math.inf, 0.0, 1.0),
        "v_back": (0.0, 0.0, -1.0),
    }
    for qk, q in centres.items():
        for rk, r in radii.items():
            ball = _Own("Sphere", (_Own("Vec", q), r))
            for pk, p in origins.items():
                for vk, v in directions.items():
                    ray = _Own("Line", (_Own("Vec", p), _Own("Vec", v)))
                    cases.append(
                        _both(
                            f"Sphere({qk}, {rk}).intersect(Line({pk}, {vk}))",
                            _method(ball, "intersect", ray),
                        )
                    )
            for pk, p in {
                **origins,
                "p_inf": (0.0, math.inf, 0.0),
                "p_near": (0.0, 1e-300, 10.0),
            }.items():
                cases.append(
                    _both(
                        f"Sphere({qk}, {rk}).get_normal({pk})",
                        _method(ball, "get_normal", _Own("Vec", p)),
                    )
                )
    return cases


def _color_cases(tmp: Path) -> list[Case]:
    cases = []
    for key, value in _hostile().items():
        cases += [
            _both(f"color({key}, 300)", _call("color", value, 300)),
            _both(f"color(400, {key})", _call("color", 400, value)),
            _both(f"color(400, 300, {key}, 600)", _call("color", 400, 300, value, 600)),
            _both(f"color(400, 300, 800, {key})", _call("color", 400, 300, 800, value)),
        ]
    specials: dict[str, float] = {
        "nan": math.nan,
        "inf": math.inf,
        "-inf": -math.inf,
        "-0.0": -0.0,
        "1e308": 1e308,
        "5e-324": 5e-324,
        "1e-300": 1e-300,
        "400": 400.0,
    }
    for xk, x in specials.items():
        for wk, w in specials.items():
            cases.append(
                _both(f"color(x={xk}, 300, width={wk}, 600)", _call("color", x, 300, w, 600))
            )
            cases.append(
                _both(f"color(400, y={xk}, 800, height={wk})", _call("color", 400, x, 800, w))
            )
    shapes: dict[str, Call] = {
        "color()": _call("color"),
        "color(1)": _call("color", 1),
        "color(1, 2, 3, 4, 5)": _call("color", 1, 2, 3, 4, 5),
        "color(1, 2, widht=3)": _call("color", 1, 2, widht=3),
        "color(x=1, y=2)": _call("color", x=1, y=2),
        "color(1, 2, width=80, height=60)": _call("color", 1, 2, width=80, height=60),
        "color(1, 2, 3, width=3)": _call("color", 1, 2, 3, width=3),
        "color(1, 2, height=0)": _call("color", 1, 2, height=0),
    }
    cases += [_both(text, call) for text, call in shapes.items()]
    return cases


def _render_cases(tmp: Path) -> list[Case]:
    cases = []
    for key, value in _hostile().items():
        if not _too_big_to_run(value, 3):
            cases.append(_both(f"render({key}, 3)", _call("render", value, 3)))
        if not _too_big_to_run(4, value):
            cases.append(_both(f"render(4, {key})", _call("render", 4, value)))
    combos: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
        "2**31, 2**31": ((2**31, 2**31), {}),
        "2**31, 0": ((2**31, 0), {}),
        "0, 2**31": ((0, 2**31), {}),
        "2**31, None": ((2**31, None), {}),
        "-1, 2**64": ((-1, 2**64), {}),
        "2**64, -1": ((2**64, -1), {}),
        "-2**63, 1": ((-(2**63),), {"height": 1}),
        "2**63, 2**63": ((2**63, 2**63), {}),
        "has_index_2**64, None": ((_HasIndex(2**64), None), {}),
        "raising, 0": ((_Raising(), 0), {}),
        "0, raising": ((0, _Raising()), {}),
        "True, True": ((True, True), {}),
        "8, height=6": ((8,), {"height": 6}),
        "widht=3": ((), {"widht": 3}),
        "width=3, height=2": ((), {"width": 3, "height": 2}),
        "3, width=3": ((3,), {"width": 3}),
        "1, 2, 3": ((1, 2, 3), {}),
        "height=2": ((), {"height": 2}),
    }
    for text, (args, kwargs) in combos.items():
        cases.append(_both(f"render({text})", _call("render", *args, **kwargs)))
    # Allocatable in principle only with more memory than any machine has: Rust alone.
    for text, size in {
        "2**40, 2**20": (2**40, 2**20),
        "2**30, 2**30": (2**30, 2**30),
        "1, sys.maxsize // 3": (1, sys.maxsize // 3),
    }.items():
        cases.append(
            Case(
                f"render({text}) [rust only]",
                functools.partial(myrustlib.render, *size),
                allowed=("MemoryError",),
            )
        )
    return cases


def _png_matches(path: str, width: int, height: int) -> Callable[[object], bool]:
    """A check that save_png returned None and wrote the width x height frame to `path`."""

    def check(result: object) -> bool:
        with Image.open(path) as image:
            return (
                result is None
                and image.size == (width, height)
                and image.mode == "RGB"
                and image.tobytes() == myrustlib.render(width, height)
            )

    return check


def _path_expectation(value: object) -> tuple[tuple[str, ...], str | None]:
    """(exception names save_png may raise for `value` as its path, the path it may write)."""
    candidate: Any = value
    try:
        path = os.fspath(candidate)
    except BaseException as error:
        return (type(error).__name__,), None
    if isinstance(path, bytes):
        # The signature says str | os.PathLike[str]; open() would take bytes too. Either a
        # TypeError or a correctly written file is acceptable.
        return ("TypeError",), os.fsdecode(path)
    if not isinstance(path, str):
        return ("TypeError",), None
    if path == "":
        return ("FileNotFoundError",), None
    if "\0" in path:
        return ("ValueError",), None
    try:
        os.fsencode(path)
    except UnicodeEncodeError:
        return ("UnicodeEncodeError",), None
    return (), path


def _save_png_cases(tmp: Path) -> list[Case]:
    cases = []
    values = {
        **_rust_values(),
        "has_fspath_bytes": _HasFspath(b"fspath_bytes.png"),
        "has_fspath_int": _HasFspath(3),
        "path": tmp / "pathlib.png",
        "surrogate_escape": "\udcff.png",  # stands for the byte 0xff in a file name
        "lone_surrogate": "\ud800.png",
        "nul": "nul\0.png",
        "directory": tmp,
        "missing_directory": tmp / "no" / "such.png",
        "name_too_long": "x" * 300 + ".png",
    }
    for key, value in values.items():
        allowed, path = _path_expectation(value)
        if key == "directory":
            allowed, path = ("IsADirectoryError",), None
        elif key == "missing_directory":
            allowed, path = ("FileNotFoundError",), None
        elif key == "name_too_long":
            allowed, path = ("OSError",), None
        check = None if path is None else _png_matches(path, 4, 3)
        cases.append(
            Case(
                f"save_png({key}, 4, 3)",
                functools.partial(SAVE_PNG, value, 4, 3),
                allowed=allowed,
                check=check,
            )
        )
    # Sizes: the exception reference.render raises for them, else a correct file.
    for key, value in _rust_values().items():
        for width, height, text in ((value, 3, f"{key}, 3"), (4, value, f"4, {key}")):
            if _too_big_to_run(width, height):
                continue
            path = str(tmp / f"size_{len(cases)}.png")
            w, h = _index_or_none(width), _index_or_none(height)
            check = None if w is None or h is None else _png_matches(path, w, h)
            cases.append(
                Case(
                    f"save_png(path, {text})",
                    functools.partial(SAVE_PNG, path, width, height),
                    reference=functools.partial(REFERENCE_RENDER, width, height),
                    same_value=False,
                    check=check,
                )
            )
    target = str(tmp / "shapes.png")
    shapes: dict[
        str, tuple[Callable[[], object], tuple[str, ...], Callable[[object], bool] | None]
    ] = {
        "()": (functools.partial(SAVE_PNG), ("TypeError",), None),
        "(path, widht=3)": (
            functools.partial(SAVE_PNG, target, widht=3),
            ("TypeError",),
            None,
        ),
        "(path, 4, 3, 5)": (
            functools.partial(SAVE_PNG, target, 4, 3, 5),
            ("TypeError",),
            None,
        ),
        "(path, 4, width=4)": (
            functools.partial(SAVE_PNG, target, 4, width=4),
            ("TypeError",),
            None,
        ),
        "(path=path, width=4, height=3)": (
            functools.partial(SAVE_PNG, path=target, width=4, height=3),
            (),
            _png_matches(target, 4, 3),
        ),
        "(None, 0, 0)": (functools.partial(SAVE_PNG, None, 0, 0), ("TypeError",), None),
        "(directory, 0, 3)": (
            functools.partial(SAVE_PNG, tmp, 0, 3),
            ("ValueError",),
            None,
        ),
        "(missing_directory, 2**31, 1)": (
            functools.partial(SAVE_PNG, tmp / "no" / "x.png", 2**31, 1),
            ("ValueError",),
            None,
        ),
        # PNG's side limit is 2**31 - 1: refused before rendering gigabytes.
        "(path, 2**31, 1)": (
            functools.partial(SAVE_PNG, target, 2**31, 1),
            ("ValueError",),
            None,
        ),
        "(path, 1, 2**31)": (
            functools.partial(SAVE_PNG, target, 1, 2**31),
            ("ValueError",),
            None,
        ),
        "(path, 2**31, 2**31)": (
            functools.partial(SAVE_PNG, target, 2**31, 2**31),
            ("MemoryError",),
            None,
        ),
        "(path, 2**40, 2**20)": (
            functools.partial(SAVE_PNG, target, 2**40, 2**20),
            ("ValueError",),
            None,
        ),
        # Within PNG's limits and below sys.maxsize, but no machine has 3 * 2**60 bytes.
        "(path, 2**30, 2**30)": (
            functools.partial(SAVE_PNG, target, 2**30, 2**30),
            ("MemoryError",),
            None,
        ),
        "(path, 2**64, 2**64)": (
            functools.partial(SAVE_PNG, target, 2**64, 2**64),
            ("MemoryError",),
            None,
        ),
    }
    for text, (call, allowed, check) in shapes.items():
        cases.append(Case(f"save_png{text}", call, allowed=allowed, check=check))
    return cases


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


def _counts(expected: int) -> Callable[[object], bool]:
    return lambda result: type(result) is int and result == expected


def _stream_cases(tmp: Path) -> list[Case]:
    data = "aaéé😀😀".encode()  # 3 doubles as text, 1 as bytes
    as_text = reference.count_doubles(data.decode())
    as_bytes = reference.count_doubles(data)
    cases = []
    allowed: tuple[str, ...]
    check: Callable[[object], bool] | None
    value: Any
    for key, value in _rust_values().items():
        # The stream itself: anything without read() is refused with TypeError.
        allowed = ("_Boom",) if isinstance(value, _Raising) else ("TypeError",)
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
                allowed, check = (), _counts(as_text)
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
            allowed, check = (), _counts(as_bytes if truth else as_text)
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
        "bytes_subclass": ((_Bytes(b"aab"),), 1, 1),
        "oversized": ((b"aaaa",), 3, 3),  # read(1) returning more than asked for
        "empty_first": ((b"", b"aa"), 0, 0),  # b"" is the end of the stream
        "str": (("aa",), ("TypeError",), ("TypeError",)),
        "str_subclass": ((_Str("aa"),), ("TypeError",), ("TypeError",)),
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
                (outcome, None) if isinstance(outcome, tuple) else ((), _counts(outcome))
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
            check=_counts(2),
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
        "empty BytesIO": (functools.partial(STREAM, io.BytesIO()), (), _counts(0)),
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
            _counts(2),
        ),
        "a file opened 'r'": (lambda: _count_file(text_file, "r"), ("TypeError",), None),
        "a file opened 'rb'": (lambda: _count_file(text_file, "rb"), (), _counts(as_text)),
    }
    for text, (call, expected, ok) in others.items():
        cases.append(Case(f"count_doubles_stream({text})", call, allowed=expected, check=ok))
    if tmp is not PLACEHOLDER:
        text_file.write_bytes(data)
    return cases


def _count_file(path: Path, mode: str) -> int:
    with open(path, mode) as stream:
        return int(STREAM(stream))


GROUPS: dict[str, Callable[[Path], list[Case]]] = {
    "counters": _counter_cases,
    "random_string": _random_string_cases,
    "vec": _vec_cases,
    "line_sphere": _line_sphere_cases,
    "color": _color_cases,
    "render": _render_cases,
    "save_png": _save_png_cases,
    "stream": _stream_cases,
}


def _selftest_cases(tmp: Path) -> list[Case]:
    """For testing the isolation itself: a segfault and a hang between two fine calls."""
    return [
        Case("fine before", lambda: 1, check=_counts(1)),
        Case("segfault", functools.partial(ctypes.string_at, 0)),
        Case("hang", functools.partial(time.sleep, 3600)),
        Case("fine after", lambda: 2, check=_counts(2)),
    ]


ALL_GROUPS = {**GROUPS, "selftest": _selftest_cases}

# Real disagreements with the reference or the documentation, found by this file.
# Calls whose outcome is a known, reported bug: marked xfail(strict=True) until fixed. Empty now:
# a lying str subclass as alphabet (the reference now reads the stored text, as Rust does) and
# read() returning None mid-stream (now a TypeError) were fixed after this file found them.
KNOWN_BUGS: dict[str, str] = {}


# --- The child interpreter -------------------------------------------------------------------

CHILD = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("_hostile_cases", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules["_hostile_cases"] = module
spec.loader.exec_module(module)
module._child_main(sys.argv[2:])
"""


def _child_main(argv: list[str]) -> None:
    """Runs in the child: a group's cases from index `start` on, or the hypothesis mixtures."""
    faulthandler.enable()
    if argv[0] == "hypothesis":
        _mixtures()
        print("hypothesis: ok")
        return
    group, start, timeout = argv[0], int(argv[1]), float(argv[2])
    cases = ALL_GROUPS[group](Path.cwd())
    for index in range(start, len(cases)):
        case = cases[index]
        sys.stderr.write(f"{START}{index} {case.id!r}\n")
        sys.stderr.flush()
        faulthandler.dump_traceback_later(timeout, exit=True)
        rust, value = _outcome(case.rust, case.summary)
        ref = None if case.reference is None else _outcome(case.reference, case.summary)[0]
        faulthandler.cancel_dump_traceback_later()
        check: bool | str | None = None
        if rust[0] == "ok" and case.check is not None:
            try:
                check = bool(case.check(value))
            except Exception as error:
                check = f"the check raised {error!r}"
        record = {"id": case.id, "rust": rust, "reference": ref, "check": check}
        sys.stdout.write(RECORD + json.dumps(record) + "\n")
        sys.stdout.flush()


def _text(output: str | bytes | None) -> str:
    if output is None:
        return ""
    return output if isinstance(output, str) else output.decode(errors="replace")


def _run_child(*args: str, cwd: str) -> tuple[int | None, str, str]:
    """(exit status, or None after the time limit; stdout; stderr) of a child interpreter."""
    command = [sys.executable, "-c", CHILD, str(Path(__file__).resolve()), *args]
    try:
        done = subprocess.run(
            command, cwd=cwd, capture_output=True, text=True, timeout=CHILD_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as expired:
        return None, _text(expired.stdout), _text(expired.stderr)
    return done.returncode, done.stdout, done.stderr


@functools.cache
def _records(
    group: str, case_timeout: float = CASE_TIMEOUT
) -> tuple[dict[str, dict[str, Any]], tuple[str, ...]]:
    """The records of a group's cases, from as many children as it takes: after a child dies,
    the case it was running is recorded as dead and the next child starts after it. Also the
    reports of children that died with no case to blame (e.g. at exit)."""
    ids = [case.id for case in ALL_GROUPS[group](PLACEHOLDER)]
    assert len(set(ids)) == len(ids), "duplicate case ids"
    records: dict[str, dict[str, Any]] = {}
    unexplained: list[str] = []
    start = 0
    with tempfile.TemporaryDirectory(prefix="hostile_") as tmp:
        while start < len(ids):
            status, stdout, stderr = _run_child(group, str(start), str(case_timeout), cwd=tmp)
            for line in stdout.splitlines():
                if line.startswith(RECORD):
                    record = json.loads(line[len(RECORD) :])
                    records[record["id"]] = record
            missing = [i for i in range(start, len(ids)) if ids[i] not in records]
            if status == 0 and not missing:
                break
            tail = stderr[-3000:]
            if not missing:
                unexplained.append(f"exit status {status} after all cases: {tail}")
                break
            culprit = missing[0]
            how = "timed out" if status is None else f"exit status {status}"
            records[ids[culprit]] = {"id": ids[culprit], "died": f"{how}; stderr: {tail}"}
            start = culprit + 1
    return records, tuple(unexplained)


def _params() -> list[Any]:
    params = []
    for group, build in GROUPS.items():
        for case in build(PLACEHOLDER):
            marks = []
            if case.id in KNOWN_BUGS:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[case.id]))
            params.append(pytest.param(group, case, id=f"{group}:{case.id}", marks=marks))
    return params


@pytest.mark.parametrize(("group", "case"), _params())
def test_hostile_call(group: str, case: Case) -> None:
    records, _ = _records(group)
    record = records.get(case.id)
    assert record is not None, f"no record for {case.id!r}"
    problem = _judge(case, record)
    assert problem is None, f"{case.id}: {problem}"


@pytest.mark.parametrize("group", list(GROUPS))
def test_children_exit_cleanly(group: str) -> None:
    _, unexplained = _records(group)
    assert unexplained == ()


# --- The judge itself can fail ---------------------------------------------------------------


def test_the_judge_catches_panics_disagreements_and_deaths() -> None:
    same = Case("same", lambda: 1, lambda: 1)
    panic = ["raised", "pyo3_runtime.PanicException", ["PanicException", "BaseException"], ""]
    value_error = ["raised", "builtins.ValueError", ["ValueError", "Exception"], ""]
    type_error = ["raised", "builtins.TypeError", ["TypeError", "Exception"], ""]
    assert _judge(same, {"rust": ["ok", 1], "reference": ["ok", 1], "check": None}) is None
    assert _judge(same, {"rust": ["ok", 1], "reference": ["ok", 2], "check": None})
    assert _judge(same, {"rust": panic, "reference": panic, "check": None})
    assert _judge(same, {"rust": type_error, "reference": value_error, "check": None})
    assert _judge(same, {"died": "exit status -11"})
    only = Case("only", lambda: 1, allowed=("ValueError",))
    assert _judge(only, {"rust": value_error, "reference": None, "check": None}) is None
    assert _judge(only, {"rust": type_error, "reference": None, "check": None})
    assert _judge(only, {"rust": ["ok", 1], "reference": None, "check": None})
    assert _judge(only, {"rust": ["ok", 1], "reference": None, "check": False})
    assert _judge(only, {"rust": ["ok", 1], "reference": None, "check": "the check raised"})
    types_only = Case("types", lambda: 1, lambda: 1, same_value=False)
    assert _judge(types_only, {"rust": ["ok", 1], "reference": ["ok", 2], "check": True}) is None
    assert _judge(types_only, {"rust": ["ok", 1], "reference": ["ok", 2], "check": False})
    assert _judge(types_only, {"rust": value_error, "reference": ["ok", 2], "check": None})


def test_outcomes_tell_nan_signed_zero_and_exception_types_apart() -> None:
    assert _outcome(lambda: math.nan, _plain)[0] == _outcome(lambda: -math.nan * 0, _plain)[0]
    assert _outcome(lambda: -0.0, _plain)[0] != _outcome(lambda: 0.0, _plain)[0]
    assert _outcome(lambda: 1, _plain)[0] != _outcome(lambda: True, _plain)[0]
    boom = _outcome(_Raising().__index__, _plain)[0]
    assert boom[0] == "raised"
    assert boom[1].endswith("._Boom")


def test_a_crash_or_hang_fails_only_its_own_case() -> None:
    """The isolation works: a segfault and a hang in children become records of those two
    cases, and the cases around them still run."""
    records, unexplained = _records("selftest", case_timeout=2)
    assert unexplained == ()
    assert records["fine before"]["check"] is True
    segfault, hang = records["segfault"]["died"], records["hang"]["died"]
    assert "exit status -11" in segfault  # SIGSEGV
    assert "Segmentation fault" in segfault  # faulthandler's report
    assert "exit status 1" in hang  # the watchdog's exit
    assert "Timeout" in hang
    assert records["fine after"]["check"] is True


# --- Hypothesis: random mixtures of hostile and ordinary values, in a child ------------------

_POOL = _hostile()
_KEYS = sorted(_POOL)

# Half the draws are the hostile values above, half ordinary values of every kind. (A plain
# union would give the pool one share in seven: hypothesis flattens nested unions.)
ordinary = (
    st.integers(-3, 40)
    | st.sampled_from([2**63, 2**64, -(2**63), 10**400, sys.maxsize + 1])
    | st.floats()
    | st.text(max_size=4)
    | st.binary(max_size=4)
    | st.none()
)
hostile = st.sampled_from(_KEYS).map(_POOL.__getitem__)
mixed = st.booleans().flatmap(lambda pick_hostile: hostile if pick_hostile else ordinary)
TEMPLATES = [
    *COUNTERS,
    "random_string",
    "Vec",
    "scale",
    "Sphere",
    "intersect",
    "normal",
    "color",
    "render",
]


@settings(
    max_examples=1500,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(
    template=st.sampled_from(TEMPLATES),
    args=st.lists(mixed, min_size=6, max_size=6),
    data=st.data(),
)
def _mixtures(template: str, args: list[object], data: st.DataObject) -> None:
    """Any mixture of values at any positions: Rust gives the reference's outcome."""
    a, b, c, d, e, f = args
    summary: Callable[[object], Json] = _plain
    if template in COUNTERS:
        call = _call(template, a)
    elif template == "random_string":
        assume(not _too_big_to_run(a))
        kwargs = {}
        if data.draw(st.booleans()):
            kwargs["alphabet"] = b
        if data.draw(st.booleans()):
            kwargs["seed"] = c
        call = _call("random_string", a, **kwargs)
        summary = _random_summary(kwargs.get("alphabet"))
    elif template == "Vec":
        call = _call("Vec", a, b, c)
    elif template == "scale":
        call = _method(_Own("Vec", (1, -2, 3)), "scale", a)
    elif template == "Sphere":
        call = _call("Sphere", _Own("Vec", (a, b, c)), d)
    elif template == "intersect":
        ray = _Own("Line", (_Own("Vec", (a, b, c)), _Own("Vec", (d, e, f))))
        call = _method(_Own("Sphere", (_Own("Vec", (0, 0, 10)), 2)), "intersect", ray)
    elif template == "normal":
        call = _method(
            _Own("Sphere", (_Own("Vec", (0, 0, 10)), 2)), "get_normal", _Own("Vec", (a, b, c))
        )
    elif template == "color":
        call = _call("color", a, b, c, d) if data.draw(st.booleans()) else _call("color", a, b)
    else:
        assume(not _too_big_to_run(a, b))
        call = _call("render", a, b)
    rust = _outcome(lambda: call(RUST), summary)[0]
    ref = _outcome(lambda: call(REF), summary)[0]
    assert not _is_panic(rust), rust
    assert rust[:2] == ref[:2], f"rust {rust} but reference {ref}"


def test_hypothesis_mixtures_agree_with_the_reference(tmp_path: Path) -> None:
    status, stdout, stderr = _run_child("hypothesis", cwd=str(tmp_path))
    assert status == 0, f"exit status {status}\n{stdout[-3000:]}\n{stderr[-5000:]}"
    assert "hypothesis: ok" in stdout
