"""Leaks: every function and method, the raising calls included, called a million times
(scripts/leaks.py, in a fresh interpreter) must not grow the resident memory, the number of
Python memory blocks or of tracked objects; and no call may keep a reference to (or a buffer
export of) its arguments.
"""

from __future__ import annotations

import io
import json
import pickle
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest
from scripts import leaks

import myrustlib
from myrustlib import Line, Sphere, Vec

RunScript = Callable[..., subprocess.CompletedProcess[str]]

RSS_BOUND = 4 << 20  # bytes; a leak of 16 bytes a call adds 12.8 MB over 800,000 measured calls
BLOCKS_BOUND = 1_000  # pymalloc blocks; one leaked object a call adds 800,000 (40,000 at least)
OBJECTS_BOUND = 100  # objects tracked by the garbage collector


@pytest.mark.parametrize("group", leaks.GROUPS)
def test_a_million_calls_do_not_leak(run_script: RunScript, group: str) -> None:
    """After a warm-up of a fifth of the calls, the remaining calls of each function (with
    valid and invalid arguments) leave the resident memory, the number of allocated Python
    memory blocks and the number of gc-tracked objects where they were."""
    result = run_script(leaks.__file__, group)
    assert result.returncode == 0, result.stderr[-5000:]
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["case"] for row in rows] == [
        case.name for case in leaks.GROUPS[group](leaks.PLACEHOLDER)
    ]
    for row in rows:
        print(
            f"{row['case']:48} {row['calls']:>9,} calls: RSS {row['rss']:+,} B, "
            f"blocks {row['blocks']:+}, objects {row['objects']:+}"
        )
    grown = [
        row
        for row in rows
        if row["rss"] > RSS_BOUND or row["blocks"] > BLOCKS_BOUND or row["objects"] > OBJECTS_BOUND
    ]
    assert grown == []


def _unchanged_refcount(
    arg: object,
    returning: Sequence[Callable[[Any], object]],
    raising: Sequence[tuple[Callable[[Any], object], type[BaseException]]],
    calls: int = 20_000,
) -> None:
    """Calls each function `calls` times with `arg`; asserts sys.getrefcount(arg) is unchanged
    (a reference kept by any call would add `calls` to it)."""
    for call in returning:
        call(arg)
    for call, kind in raising:
        with pytest.raises(kind):
            call(arg)
    before = sys.getrefcount(arg)
    for call in returning:
        for _ in range(calls):
            call(arg)
    for call, kind in raising:
        for _ in range(calls):
            with pytest.raises(kind):
                call(arg)
    assert sys.getrefcount(arg) == before


def _fresh_str(text: str) -> str:
    """An equal str that is not interned or cached, so its refcount is ours alone to watch."""
    return "".join(list(text))


COUNTER_ARGS: dict[str, Callable[[], Any]] = {
    "ascii_str": lambda: _fresh_str("aabbc"),
    "latin1_str": lambda: _fresh_str("ééa"),
    "4_byte_str": lambda: _fresh_str("😀😀a"),
    "long_str": lambda: _fresh_str("ab" * 8192 + "€"),  # GIL released
    "bytes": lambda: bytes(bytearray(b"aabbc")),
    "bytearray": lambda: bytearray(b"aabbc"),
    "memoryview": lambda: memoryview(bytearray(b"aabbc")),
    "long_bytearray": lambda: bytearray(b"ab" * (1 << 20)),  # rayon for the parallel ones
    "uint8_array": lambda: np.frombuffer(b"aabbc", dtype=np.uint8).copy(),
}
COUNTER_BAD_ARGS: dict[str, Callable[[], Any]] = {
    "list": lambda: ["a", "a"],
    "strided_memoryview": lambda: memoryview(bytearray(b"aabb"))[::2],
    "int32_array": lambda: np.zeros(4, dtype=np.int32),
    "float": lambda: float("1.5"),
}


@pytest.mark.parametrize("make", COUNTER_ARGS.values(), ids=COUNTER_ARGS.keys())
def test_counters_keep_no_reference_or_buffer_export(make: Callable[[], Any]) -> None:
    arg = make()
    calls = 20_000 if len(arg) < 10_000 else 2_000 if len(arg) < 100_000 else 100
    _unchanged_refcount(arg, myrustlib.COUNTERS, [], calls)
    # A buffer export never released would forbid resizing a bytearray and releasing a view.
    if isinstance(arg, bytearray):
        arg.extend(b"x")
        arg.pop()
    if isinstance(arg, memoryview):
        arg.release()
    if isinstance(arg, np.ndarray):
        arg.resize(10, refcheck=True)


@pytest.mark.parametrize("make", COUNTER_BAD_ARGS.values(), ids=COUNTER_BAD_ARGS.keys())
def test_refused_counter_arguments_are_not_kept(make: Callable[[], Any]) -> None:
    arg = make()
    _unchanged_refcount(arg, [], [(counter, TypeError) for counter in myrustlib.COUNTERS])
    if isinstance(arg, memoryview):
        arg.release()


def test_random_string_keeps_no_reference_to_its_arguments() -> None:
    alphabet = _fresh_str("abcé")
    wide = _fresh_str("a😀")
    seed = 2**62 + 12345  # large ints are not cached, so the count is ours
    length = 10**3 + 7
    _unchanged_refcount(
        alphabet,
        [lambda a: myrustlib.random_string(5, alphabet=a)],
        [(lambda a: myrustlib.random_string(-1, alphabet=a), ValueError)],
    )
    rayon = [lambda a: myrustlib.random_string(70_000, alphabet=a, seed=1)]  # 80 us a call
    _unchanged_refcount(alphabet, rayon, [], calls=2_000)
    _unchanged_refcount(wide, [lambda a: myrustlib.random_string(5, alphabet=a, seed=3)], [])
    _unchanged_refcount(
        seed,
        [lambda s: myrustlib.random_string(5, seed=s)],
        [(lambda s: myrustlib.random_string(-1, seed=s), ValueError)],
    )
    _unchanged_refcount(
        length,
        [lambda n: myrustlib.random_string(n, seed=1)],
        [(lambda n: myrustlib.random_string(n, alphabet=""), ValueError)],
    )


def test_ray_classes_keep_no_extra_reference() -> None:
    p, d, zero = Vec(4, 3, 0), Vec(0, 0, 1), Vec(0, 0, 0)
    sphere = Sphere(Vec(4, 3, 10), 2)
    _unchanged_refcount(
        p,
        [
            lambda v: v + d,
            lambda v: v - d,
            lambda v: v * d,
            lambda v: d + v,
            lambda v: v.scale(2),
            lambda v: v.length(),
            lambda v: v.normal(),
            lambda v: v == d,
            lambda v: hash(v),
            lambda v: repr(v),
            lambda v: v.x,
            lambda v: pickle.loads(pickle.dumps(v)),
            lambda v: sphere.get_normal(v),
            lambda v: Sphere(v, 1),
            lambda v: sphere.intersect(Line(v, d)),
        ],
        [
            (lambda v: Line(v, 1), TypeError),  # type: ignore[arg-type]
            (lambda v: Sphere(v, -1), ValueError),
            (lambda v: v + 1, TypeError),
            (lambda v: sphere.intersect(Line(v, zero)), ZeroDivisionError),
        ],
    )
    _unchanged_refcount(zero, [lambda v: v.length()], [(lambda v: v.normal(), ZeroDivisionError)])
    hit, miss = Line(p, d), Line(p, Vec(1, 0, 0))
    _unchanged_refcount(
        hit,
        [sphere.intersect, lambda line: line == hit, hash, repr, lambda line: line.__reduce__()],
        [(lambda line: Sphere(line, 1), TypeError)],
    )
    _unchanged_refcount(miss, [sphere.intersect], [])
    _unchanged_refcount(sphere, [lambda s: s.intersect(hit), lambda s: s.q, hash, repr], [])


def test_numbers_passed_to_the_ray_tracer_are_not_kept() -> None:
    number = float("1.25")  # a float object of our own
    _unchanged_refcount(
        number,
        [
            lambda f: Vec(f, f, f),
            lambda f: Vec(1, 2, 3).scale(f),
            lambda f: Sphere(Vec(0, 0, 0), f),
            lambda f: myrustlib.color(f, f),
            lambda f: myrustlib.color(1, 1, f, f),
        ],
        [(lambda f: myrustlib.color(1, 1, -f), ValueError)],
    )
    side = 2**62 + 1  # too large to render: MemoryError before any work
    _unchanged_refcount(side, [], [(lambda n: myrustlib.render(n, n), MemoryError)])
    size = _Size()  # read through __index__, as a length or frame side
    _unchanged_refcount(
        size,
        [lambda n: myrustlib.render(n, n), lambda n: myrustlib.random_string(n, seed=n)],
        [(lambda n: myrustlib.render(n, 0), ValueError)],
        calls=2_000,
    )


class _Size:
    """An object that is an int only through __index__."""

    def __index__(self) -> int:
        return 3


def test_save_png_and_stream_keep_no_reference(tmp_path: Path) -> None:
    text_path = str(tmp_path / "frame.png")
    object_path = tmp_path / "other.png"
    missing = tmp_path / "missing" / "x.png"
    _unchanged_refcount(text_path, [lambda p: myrustlib.save_png(p, 1, 1)], [], calls=300)
    _unchanged_refcount(object_path, [lambda p: myrustlib.save_png(p, 1, 1)], [], calls=300)
    _unchanged_refcount(missing, [], [(lambda p: myrustlib.save_png(p, 1, 1), OSError)])
    stream = io.BytesIO(b"aab")
    _unchanged_refcount(
        stream,
        [lambda s: (s.seek(0), myrustlib.count_doubles_stream(s))],
        [(lambda s: myrustlib.count_doubles_stream(s, chunk_size=0), ValueError)],
    )
