"""A million calls do not leak: each function and method, with valid and invalid arguments, is
called CALLS times (fewer for the slow ones, each with its reason); after a warm-up of a fifth
of the calls, the resident memory, the number of Python memory blocks and the number of
gc-tracked objects are measured before and after the rest.

Run by test_leaks.py in a fresh interpreter, `python leaks.py GROUP`; it prints one JSON line
per measurement, and the test judges the growth. Importing it runs nothing: GROUPS builds each
group's cases, with the public names each case targets.
"""

from __future__ import annotations

import functools
import gc
import io
import json
import operator
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Callable

import numpy as np

import myrustlib as m

CALLS = 1_000_000
PUBLIC = [name for name in m.__all__ if name not in ("__version__", "COUNTERS")]


def targets_of(function: object, args: tuple[object, ...]) -> tuple[str, ...]:
    """The public names a call of function(*args) exercises: the public function or class it
    is (or calls through functools.partial), or the class whose bound method it is; else, for
    hash, repr, operators and attribute access, the public classes of the arguments."""
    if isinstance(function, functools.partial):
        function = function.func
    owner = type(getattr(function, "__self__", None))
    direct = tuple(
        name for name in PUBLIC if getattr(m, name) is function or getattr(m, name) is owner
    )
    if direct:
        return direct
    return tuple(name for name in PUBLIC if any(type(arg) is getattr(m, name) for arg in args))


def is_error(outcome: object) -> bool:
    return isinstance(outcome, type) and issubclass(outcome, BaseException)


@dataclass(frozen=True)
class Case:
    """`function(*args)`, called `calls` times. `outcome`: the exception class the call must
    raise, a type its result must be an instance of, or the value it must return. `targets`:
    the public names it exercises, derived from the call unless given."""

    name: str
    function: Callable[..., object]
    args: tuple[Any, ...]
    outcome: Any
    calls: int = CALLS
    targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        targets = self.targets or targets_of(self.function, self.args)
        assert targets, f"{self.name}: name the public names it targets"
        assert set(targets) <= set(PUBLIC), (self.name, targets)
        object.__setattr__(self, "targets", targets)


Group = Callable[[str], Iterator[Case]]
"""A group's cases, given a directory they may write files in."""

GROUPS: dict[str, Group] = {}
PLACEHOLDER = "/nonexistent/leaks"  # a directory for building cases that will not run


def group(build: Group) -> Group:
    """Registers a group under its function's name."""
    GROUPS[build.__name__] = build
    return build


@group
def counters(tmp: str) -> Iterator[Case]:
    text, wide, data = "aab", "é😀😀", b"aab"
    buffer, view, uint8 = bytearray(data), memoryview(data), np.frombuffer(data, dtype=np.uint8)
    for f in m.COUNTERS:
        name = f.__name__
        yield Case(f"{name}(ascii str)", f, (text,), 1)
        yield Case(f"{name}(4-byte str)", f, (wide,), 1)
        yield Case(f"{name}(bytes)", f, (data,), 1)
        yield Case(f"{name}(bytearray)", f, (buffer,), 1)
        yield Case(f"{name}(memoryview)", f, (view,), 1)
        yield Case(f"{name}(uint8 array)", f, (uint8,), 1)
        yield Case(f"{name}(None)", f, (None,), TypeError)
        yield Case(f"{name}(strided memoryview)", f, (view[::2],), TypeError)
        yield Case(f"{name}(int32 array)", f, (np.zeros(2, dtype=np.int32),), TypeError)


@group
def long_counters(tmp: str) -> Iterator[Case]:
    # 16,384 units: the shortest input counted with the GIL released (a separate code path).
    # The SIMD variants make 1,000,000 such calls; the others take 9-14 us a call, so 40,000
    # each (0.5 s): 32,000 measured calls, which a leaked object a call would show.
    long_text, long_bytes = "ab" * 8192, bytearray(b"ab" * 8192)
    for f in m.COUNTERS:
        name = f.__name__
        calls = CALLS if "simd" in name else 40_000
        yield Case(f"{name}(16,384-unit str)", f, (long_text,), 0, calls)
        yield Case(f"{name}(16,384-byte bytearray)", f, (long_bytes,), 0, calls)
    # Just past the sizes the parallel variants split at, so the rayon pool does the work:
    # ~200 us and ~30 us a call, so 5,000 and 20,000 calls (1 s and 0.6 s).
    yield Case(
        "count_doubles_slice_parallel(262,145 bytes, rayon)",
        m.count_doubles_slice_parallel,
        (b"ab" * (1 << 17) + b"a",),
        0,
        5_000,
    )
    yield Case(
        "count_doubles_simd_parallel(1,048,577 bytes, rayon)",
        m.count_doubles_simd_parallel,
        (b"ab" * (1 << 19) + b"a",),
        0,
        20_000,
    )


NOT_STR: Any = b"ab"  # what the signature forbids, on purpose


@group
def random_string(tmp: str) -> Iterator[Case]:
    seeded = functools.partial(m.random_string, seed=2**63)
    yield Case("random_string(4)", m.random_string, (4,), str)  # unseeded: any str of 4 letters
    yield Case("random_string(4, seed=2**63)", seeded, (4,), seeded(4))
    yield Case(
        "random_string(3, alphabet='é😀')",
        functools.partial(m.random_string, alphabet="é😀", seed=1),
        (3,),
        m.random_string(3, alphabet="é😀", seed=1),
    )
    yield Case("random_string(0)", m.random_string, (0,), "")
    yield Case("random_string(-1)", m.random_string, (-1,), ValueError)
    yield Case("random_string(1.5)", m.random_string, (1.5,), TypeError)
    yield Case(
        "random_string(3, alphabet='')",
        functools.partial(m.random_string, alphabet=""),
        (3,),
        ValueError,
    )
    yield Case(
        "random_string(3, alphabet=b'ab')",
        functools.partial(m.random_string, alphabet=NOT_STR),
        (3,),
        TypeError,
    )
    yield Case(
        "random_string(3, seed=-1)",
        functools.partial(m.random_string, seed=-1),
        (3,),
        OverflowError,
    )
    yield Case("random_string(2**63)", m.random_string, (2**63,), MemoryError)
    # Above 65,536 characters the rayon pool generates the string: ~80 us a call, 10,000 calls.
    yield Case(
        "random_string(65,537, seed=1) (rayon)",
        functools.partial(m.random_string, seed=1),
        (65_537,),
        m.random_string(65_537, seed=1),
        10_000,
    )


@group
def vec(tmp: str) -> Iterator[Case]:
    v, u, zero = m.Vec(1, 2, 3), m.Vec(0.5, -1, 2), m.Vec(0, 0, 0)
    yield Case("Vec(1, 2, 3)", m.Vec, (1, 2, 3), v)
    yield Case("Vec(1.5, 2, 3.0)", m.Vec, (1.5, 2, np.float64(3)), m.Vec(1.5, 2, 3))
    yield Case("Vec(1, 2, '3')", m.Vec, (1, 2, "3"), TypeError)
    yield Case("Vec + Vec", operator.add, (v, u), m.Vec(1.5, 1, 5))
    yield Case("Vec - Vec", operator.sub, (v, u), m.Vec(0.5, 3, 1))
    yield Case("Vec * Vec", operator.mul, (v, u), 4.5)
    yield Case("Vec + 1", operator.add, (v, 1), TypeError)
    yield Case("Vec.scale", v.scale, (2,), m.Vec(2, 4, 6))
    yield Case("Vec.scale('2')", v.scale, ("2",), TypeError)
    yield Case("Vec.length", u.length, (), 2.29128784747792)
    yield Case("Vec.normal", m.Vec(0, 3, 4).normal, (), m.Vec(0, 0.6000000000000001, 0.8))
    yield Case("Vec(0, 0, 0).normal()", zero.normal, (), ZeroDivisionError)
    yield Case("Vec == Vec", operator.eq, (v, u), False)
    yield Case("Vec == 1", operator.eq, (v, 1), False)
    yield Case("hash(Vec)", hash, (v,), hash(v))
    yield Case("repr(Vec)", repr, (v,), "Vec(1.0, 2.0, 3.0)")
    yield Case("Vec.__reduce__", v.__reduce__, (), (m.Vec, (1.0, 2.0, 3.0)))
    yield Case("Vec.x", operator.attrgetter("x"), (v,), 1.0)
    yield Case("Vec.x = 1", setattr, (v, "x", 1), AttributeError)


@group
def line_sphere(tmp: str) -> Iterator[Case]:
    p, d, zero = m.Vec(4, 3, 0), m.Vec(0, 0, 1), m.Vec(0, 0, 0)
    line, ball = m.Line(p, d), m.Sphere(m.Vec(4, 3, 10), 2)
    yield Case("Line(Vec, Vec)", m.Line, (p, d), line)
    yield Case("Line(Vec, 1)", m.Line, (p, 1), TypeError)
    yield Case("Line.p", operator.attrgetter("p"), (line,), p)
    yield Case("Line == Line", operator.eq, (line, m.Line(p, d)), True)
    yield Case("hash(Line)", hash, (line,), hash(line))
    yield Case("repr(Line)", repr, (line,), repr(line))
    yield Case("Line.__reduce__", line.__reduce__, (), (m.Line, (p, d)))
    yield Case("Sphere(Vec, 2)", m.Sphere, (p, 2), m.Sphere(p, 2.0))
    yield Case("Sphere(Vec, 0)", m.Sphere, (zero, 0), ValueError)
    yield Case("Sphere(Vec, nan)", m.Sphere, (zero, float("nan")), ValueError)
    yield Case("Sphere(1, 1)", m.Sphere, (1, 1), TypeError)
    yield Case("Sphere.q", operator.attrgetter("q"), (ball,), m.Vec(4, 3, 10))
    yield Case("Sphere.r", operator.attrgetter("r"), (ball,), 2.0)
    yield Case("Sphere == Sphere", operator.eq, (ball, m.Sphere(m.Vec(4, 3, 10), 2)), True)
    yield Case("Sphere.__reduce__", ball.__reduce__, (), (m.Sphere, (m.Vec(4, 3, 10), 2.0)))
    yield Case("hash(Sphere)", hash, (ball,), hash(ball))
    yield Case("repr(Sphere)", repr, (ball,), repr(ball))
    yield Case("Sphere.intersect (hit)", ball.intersect, (line,), m.Vec(4, 3, 8))
    yield Case("Sphere.intersect (miss)", ball.intersect, (m.Line(p, m.Vec(1, 0, 0)),), None)
    yield Case(
        "Sphere.intersect (zero direction)", ball.intersect, (m.Line(p, zero),), ZeroDivisionError
    )
    yield Case("Sphere.intersect(Vec)", ball.intersect, (p,), TypeError)
    yield Case("Sphere.get_normal", ball.get_normal, (m.Vec(4, 3, 8),), m.Vec(0, 0, -1))
    yield Case("Sphere.get_normal (centre)", ball.get_normal, (m.Vec(4, 3, 10),), ZeroDivisionError)


@group
def color_render(tmp: str) -> Iterator[Case]:
    yield Case("color(400, 300)", m.color, (400, 300), (50, 0, 0))
    yield Case("color(0, 0)", m.color, (0, 0), (100, 100, 100))
    yield Case("color(nan, 0)", m.color, (float("nan"), 0), (100, 100, 100))
    yield Case("color(1, 1, 0)", m.color, (1, 1, 0), ValueError)
    yield Case("color('1', 1)", m.color, ("1", 1), TypeError)
    # render hands every frame to the rayon pool: ~12 us even for one pixel, so 250,000 calls
    # (3 s) rather than 1,000,000; the failing calls are checked before any work: 1,000,000.
    yield Case("render(1, 1)", m.render, (1, 1), bytes([100, 100, 100]), 250_000)
    yield Case("render(0)", m.render, (0,), ValueError)
    yield Case("render(1, -1)", m.render, (1, -1), ValueError)
    yield Case("render(2**40, 2**40)", m.render, (2**40, 2**40), MemoryError)
    yield Case("render(1.5)", m.render, (1.5,), TypeError)


@group
def save_png(tmp: str) -> Iterator[Case]:
    path = os.path.join(tmp, "frame.png")
    # Each call renders, encodes and writes a 1x1 PNG file: 50-140 us on tmpfs (more on a
    # disk, hence tmpfs), so 50,000 calls (2-7 s). A failed open() costs ~20 us (a system call
    # and an OSError with the file name): 100,000 calls (2 s).
    yield Case("save_png(path, 1, 1)", m.save_png, (path, 1, 1), None, 50_000)
    yield Case(
        "save_png(missing directory)",
        m.save_png,
        (os.path.join(tmp, "missing", "x.png"), 1, 1),
        FileNotFoundError,
        100_000,
    )
    yield Case("save_png(path, 0, 1)", m.save_png, (path, 0, 1), ValueError)
    yield Case("save_png(path, 2**31, 1)", m.save_png, (path, 2**31, 1), ValueError)
    yield Case("save_png(1)", m.save_png, (1,), TypeError)


@group
def stream(tmp: str) -> Iterator[Case]:
    data, bad = b"aab", b"a\xff"
    target = ("count_doubles_stream",)
    yield Case(
        "count_doubles_stream(BytesIO)",
        lambda: m.count_doubles_stream(io.BytesIO(data)),
        (),
        1,
        targets=target,
    )
    yield Case(
        "count_doubles_stream(BytesIO, binary=True)",
        lambda: m.count_doubles_stream(io.BytesIO(data), binary=True),
        (),
        1,
        targets=target,
    )
    yield Case(
        "count_doubles_stream(not utf-8)",
        lambda: m.count_doubles_stream(io.BytesIO(bad)),
        (),
        UnicodeDecodeError,
        targets=target,
    )
    yield Case(
        "count_doubles_stream(chunk_size=0)",
        lambda: m.count_doubles_stream(io.BytesIO(data), chunk_size=0),
        (),
        ValueError,
        targets=target,
    )


def targets() -> set[str]:
    """The public names the groups call."""
    return {
        name for build in GROUPS.values() for case in build(PLACEHOLDER) for name in case.targets
    }


PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * PAGE


def returning(k: int, f: Callable[..., object], args: tuple[Any, ...]) -> None:
    for _ in repeat(None, k):
        f(*args)


def raising(
    k: int, f: Callable[..., object], args: tuple[Any, ...], kind: type[BaseException]
) -> None:
    for _ in repeat(None, k):
        try:
            f(*args)
        except kind:  # noqa: PERF203 (the raising call is what is measured)
            continue


def measure(case: Case) -> None:
    """Checks the outcome first (a call that stopped raising, or started to, or answers wrongly,
    cannot pass by running a million times doing something else), then measures."""
    f, args, outcome, calls = case.function, case.args, case.outcome, case.calls
    error: BaseException | None = None
    try:
        got = f(*args)
    except BaseException as raised:
        got, error = None, raised
    if error is not None:
        assert is_error(outcome), (case.name, error, outcome)
        assert isinstance(error, outcome), (case.name, error, outcome)
    else:
        assert not is_error(outcome), (case.name, got, outcome)
        if isinstance(outcome, type):
            assert isinstance(got, outcome), (case.name, got, outcome)
        else:
            assert got == outcome, (case.name, got, outcome)
    began = time.perf_counter()
    warm_up = calls // 5  # caches, free lists, allocator arenas and worker threads settle
    if is_error(outcome):
        raising(warm_up, f, args, outcome)
    else:
        returning(warm_up, f, args)
    gc.collect()
    before = rss(), sys.getallocatedblocks(), len(gc.get_objects())
    if is_error(outcome):
        raising(calls - warm_up, f, args, outcome)
    else:
        returning(calls - warm_up, f, args)
    gc.collect()
    after = rss(), sys.getallocatedblocks(), len(gc.get_objects())
    row = {
        "case": case.name,
        "calls": calls,
        "measured": calls - warm_up,
        "rss": after[0] - before[0],
        "blocks": after[1] - before[1],
        "objects": after[2] - before[2],
        "seconds": round(time.perf_counter() - began, 2),
    }
    print(json.dumps(row), flush=True)


def main(argv: list[str]) -> None:
    (name,) = argv
    if name not in GROUPS:
        raise SystemExit(f"unknown group {name}; the groups: {', '.join(GROUPS)}")
    # In memory (tmpfs) where there is one: save_png's files.
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=shm) as tmp:
        for case in GROUPS[name](tmp):
            measure(case)


if __name__ == "__main__":
    main(sys.argv[1:])
