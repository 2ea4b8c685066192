"""Every public function under stress: many threads at once, a million calls, and Ctrl-C.

- Threads: 16 Python threads call every public function at once, serial and parallel variants,
  long inputs and calls that raise mixed; every answer is checked and every thread must finish.
- Leaks: 1,000,000 calls of each function and method (the raising ones included) must not grow
  the resident memory, the number of Python memory blocks or of tracked objects; and no call may
  keep a reference to (or a buffer export of) its arguments.
- Ctrl-C: a process looping over a long call exits with KeyboardInterrupt once it gets SIGINT.

The heavy parts run in fresh interpreters, so a deadlock, crash or hang fails one test with a
timeout instead of stopping the run. No durations are asserted, only generous deadlock bounds.
"""

from __future__ import annotations

import io
import json
import pickle
import select
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pytest

import myrustlib
from myrustlib import Line, Sphere, Vec

RunPython = Callable[..., subprocess.CompletedProcess[str]]

COUNTERS: list[Callable[[Any], int]] = [
    myrustlib.count_doubles,
    myrustlib.count_doubles_once,
    myrustlib.count_doubles_once_bytes,
    myrustlib.count_doubles_slice,
    myrustlib.count_doubles_slice_parallel,
    myrustlib.count_doubles_simd,
    myrustlib.count_doubles_simd_parallel,
]

# ---------------------------------------------------------------------------------------------
# 1. Many threads at once
# ---------------------------------------------------------------------------------------------

THREADS_SCRIPT = r"""
import faulthandler, io, json, os, random, sys, tempfile, threading, time

os.environ.update(arg.split("=", 1) for arg in sys.argv[1:])  # RAYON_NUM_THREADS, before import
import numpy as np
import myrustlib as m
from myrustlib import reference as ref

THREADS, ROUNDS = 16, 3
JOIN_BOUND = 90.0  # seconds for all threads together; run_python kills the script at 120
faulthandler.dump_traceback_later(JOIN_BOUND + 15, exit=True)  # last resort: print stacks

COUNTERS = [getattr(m, name) for name in m._myrustlib.__all__ if name.startswith("count_doubles")]
assert len(COUNTERS) == 7, COUNTERS
tmp = tempfile.mkdtemp()


def text(length, alphabet, seed):
    return "".join(random.Random(seed).choices(alphabet, k=length))


# Long inputs (several chunks of both parallel variants, every str width, buffers of 1-byte
# items) and what they count, computed once on this thread by the pure-Python reference.
ascii_text = text(3_000_000, "ab", 1)
data = ascii_text.encode()
INPUTS = {
    "ascii str": ascii_text,
    "latin-1 str": text(1_500_000, "éè", 2),
    "2-byte str": text(1_200_000, "€a", 3),
    "4-byte str": text(1_200_000, "😀a", 4),
    "bytes": data,
    "bytearray": bytearray(data),
    "memoryview": memoryview(data)[5:],
    "uint8 array": np.frombuffer(data, dtype=np.uint8).reshape(1000, 3000),
}
WANT = {label: ref.count_doubles_regex(value) for label, value in INPUTS.items()}
astral_utf8 = INPUTS["4-byte str"].encode()

# Single-threaded answers of the deterministic functions, before any other thread starts.
RANDOM = {
    (2_000_000, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 3): None,
    (300_000, "é€😀", 4): None,
    (70_000, "xy", 2**64 - 1): None,
}
for length, alphabet, seed in RANDOM:
    RANDOM[length, alphabet, seed] = m.random_string(length, alphabet=alphabet, seed=seed)
FRAME = m.render(400, 300)
SMALL = m.render(31, 17)
assert SMALL == ref.render(31, 17)
m.save_png(os.path.join(tmp, "single.png"), 160, 120)
with open(os.path.join(tmp, "single.png"), "rb") as file:
    PNG = file.read()
rng = random.Random(5)
PIXELS = [(rng.uniform(-10, 410), rng.uniform(-10, 310)) for _ in range(300)]
COLORS = [ref.color(x, y, 400, 300) for x, y in PIXELS]
RAYS = [
    ((rng.uniform(-5, 5), rng.uniform(-5, 5), rng.uniform(-5, 5)),
     (rng.uniform(0, 8), rng.uniform(0, 6), rng.uniform(8, 12)))
    for _ in range(200)
]


def plain(vec):
    return None if vec is None else (vec.x, vec.y, vec.z)


def hits(impl):
    sphere = impl.Sphere(impl.Vec(4, 3, 10), 2)
    out = []
    for origin, target in RAYS:
        p = impl.Vec(*origin)
        hit = sphere.intersect(impl.Line(p, impl.Vec(*target) - p))
        out.append((plain(hit), plain(sphere.get_normal(hit)) if hit is not None else None))
    return out


HITS = hits(ref)


def arithmetic(impl):
    v = (impl.Vec(1, 2, 3) + impl.Vec(1, 1, 1) - impl.Vec(0, 1, 0)).scale(2.5)
    return plain(v.normal()), v.length(), v * impl.Vec(-1, 0.5, 3)


class Failed(Exception):
    pass


def summary(value):
    text = repr(value)
    return text if len(text) < 80 else f"{text[:60]}... ({type(value).__name__} of {len(value)})"


def equal(got, want):
    if got != want:
        raise Failed(f"got {summary(got)}, expected {summary(want)}")


def raises(kind, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except kind:
        return
    except BaseException as error:
        raise Failed(f"raised {type(error).__name__}: {error}, not {kind.__name__}") from None
    raise Failed(f"returned instead of raising {kind.__name__}")


def save_png(me):
    path = os.path.join(tmp, f"thread{me}.png")
    m.save_png(path, 160, 120)
    with open(path, "rb") as file:
        equal(file.read(), PNG)


TASKS = []  # (name, function of the thread's index)


def returns(name, want, call, *args, **kwargs):
    TASKS.append((name, lambda me: equal(call(*args, **kwargs), want)))


def fails(name, kind, call, *args, **kwargs):
    TASKS.append((name, lambda me: raises(kind, call, *args, **kwargs)))


for f in COUNTERS:
    for label, value in INPUTS.items():
        returns(f"{f.__name__}({label})", WANT[label], f, value)
    fails(f"{f.__name__}(None)", TypeError, f, None)
    fails(f"{f.__name__}(strided)", TypeError, f, memoryview(data)[::2])
for (length, alphabet, seed), want in RANDOM.items():
    returns(f"random_string({length}, seed={seed})", want,
            m.random_string, length, alphabet=alphabet, seed=seed)
TASKS.append(("random_string(1_000_000), no seed",
              lambda me: equal(set(m.random_string(1_000_000, alphabet="pq")), {"p", "q"})))
fails("random_string(-1)", ValueError, m.random_string, -1)
fails("random_string(alphabet='')", ValueError, m.random_string, 5, alphabet="")
fails("random_string(seed=2**64)", OverflowError, m.random_string, 5, seed=2**64)
fails("random_string('5')", TypeError, m.random_string, "5")
fails("random_string(maxsize + 1)", MemoryError, m.random_string, sys.maxsize + 1)
returns("render(400, 300)", FRAME, m.render, 400, 300)
returns("render(31, 17)", SMALL, m.render, width=31, height=17)
fails("render(0, 1)", ValueError, m.render, 0, 1)
fails("render(2**40, 2**40)", MemoryError, m.render, 2**40, 2**40)
fails("render(1.5)", TypeError, m.render, 1.5)
TASKS.append(("save_png(160, 120)", save_png))
fails("save_png(missing directory)", OSError, m.save_png, os.path.join(tmp, "no", "x.png"), 2, 2)
fails("save_png(0, 1)", ValueError, m.save_png, os.path.join(tmp, "z.png"), 0, 1)
TASKS.append(("count_doubles_stream(utf-8)", lambda me: equal(
    m.count_doubles_stream(io.BytesIO(astral_utf8), chunk_size=1 << 16), WANT["4-byte str"])))
TASKS.append(("count_doubles_stream(binary)", lambda me: equal(
    m.count_doubles_stream(io.BytesIO(data), binary=True, chunk_size=1 << 17), WANT["bytes"])))
TASKS.append(("count_doubles_stream(not utf-8)", lambda me: raises(
    UnicodeDecodeError, m.count_doubles_stream, io.BytesIO(b"ab" * 70_000 + b"\xff"))))
TASKS.append(("color", lambda me: equal([m.color(x, y, 400, 300) for x, y in PIXELS], COLORS)))
returns("color(nan, 0)", (100, 100, 100), m.color, float("nan"), 0)
fails("color(width=0)", ValueError, m.color, 1, 1, 0)
TASKS.append(("intersect, get_normal", lambda me: equal(hits(m), HITS)))
TASKS.append(("Vec arithmetic", lambda me: equal(arithmetic(m), arithmetic(ref))))
fails("Sphere(radius -1)", ValueError, m.Sphere, m.Vec(0, 0, 0), -1)
fails("Vec(0, 0, 0).normal()", ZeroDivisionError, m.Vec(0, 0, 0).normal)
fails("intersect(zero direction)", ZeroDivisionError,
      m.Sphere(m.Vec(0, 0, 5), 1).intersect, m.Line(m.Vec(0, 0, 0), m.Vec(0, 0, 0)))
fails("Vec('1', 2, 3)", TypeError, m.Vec, "1", 2, 3)


start = threading.Barrier(THREADS)
failures, done = [], []


def work(me):
    start.wait()
    for round_ in range(ROUNDS):
        order = TASKS[:]
        random.Random(me * 1000 + round_).shuffle(order)  # every thread in its own order
        for name, task in order:
            try:
                task(me)
            except BaseException as error:
                failures.append(f"thread {me}, {name}: {type(error).__name__}: {error}")
            done.append(name)


began = time.perf_counter()
threads = [threading.Thread(target=work, args=(me,), daemon=True) for me in range(THREADS)]
for thread in threads:
    thread.start()
deadline = time.monotonic() + JOIN_BOUND
for thread in threads:
    thread.join(timeout=max(0.0, deadline - time.monotonic()))
alive = [thread.name for thread in threads if thread.is_alive()]
if alive:
    print(f"still running after {JOIN_BOUND} s (deadlock?): {alive}", file=sys.stderr, flush=True)
    faulthandler.dump_traceback(all_threads=True)
    os._exit(3)  # the stuck threads could also block a normal exit
print(json.dumps({
    "done": len(done),
    "expected": THREADS * ROUNDS * len(TASKS),
    "failures": failures[:30],
    "seconds": round(time.perf_counter() - began, 2),
}))
"""


@pytest.mark.parametrize(
    "rayon_threads", ["", "1", "3"], ids=["rayon_default", "rayon_1", "rayon_3"]
)
def test_many_threads_calling_every_function_at_once(
    run_python: RunPython, rayon_threads: str
) -> None:
    """16 threads, each running every public function (long inputs, serial and parallel
    variants, raising calls) in its own order, three times. A pool of one rayon thread, where
    all 16 callers queue behind each other, and a pool larger than the CPU count included."""
    args = [f"RAYON_NUM_THREADS={rayon_threads}"] if rayon_threads else []
    result = run_python(THREADS_SCRIPT, *args)
    assert result.returncode == 0, result.stderr[-5000:]
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["failures"] == []
    assert summary["done"] == summary["expected"]


# ---------------------------------------------------------------------------------------------
# 2. Leaks
# ---------------------------------------------------------------------------------------------

LEAK_SCRIPT = r"""
import functools, gc, io, json, operator, os, sys, tempfile, time
from itertools import repeat
import numpy as np
import myrustlib as m

PAGE = os.sysconf("SC_PAGE_SIZE")
CALLS = 1_000_000


def rss():
    with open("/proc/self/statm") as file:
        return int(file.read().split()[1]) * PAGE


def returning(k, f, args):
    for _ in repeat(None, k):
        f(*args)


def raising(k, f, args, kind):
    for _ in repeat(None, k):
        try:
            f(*args)
        except kind:
            pass


def is_error(outcome):
    return isinstance(outcome, type) and issubclass(outcome, BaseException)


def measure(name, f, args, outcome, calls=CALLS):
    # outcome: the exception class the call must raise, a type its result must be an instance
    # of, or the value it must return. Checked first: a call that stopped raising (or started
    # to, or answers wrongly) cannot pass by running a million times doing something else.
    try:
        got = f(*args)
    except BaseException as error:
        assert is_error(outcome) and isinstance(error, outcome), (name, error, outcome)
    else:
        assert not is_error(outcome), (name, got, outcome)
        assert isinstance(got, outcome) if isinstance(outcome, type) else got == outcome, (
            name, got, outcome)
    loop = raising if is_error(outcome) else returning
    extra = (outcome,) if is_error(outcome) else ()
    began = time.perf_counter()
    warm_up = calls // 5  # caches, free lists, allocator arenas and worker threads settle
    loop(warm_up, f, args, *extra)
    gc.collect()
    before = rss(), sys.getallocatedblocks(), len(gc.get_objects())
    loop(calls - warm_up, f, args, *extra)
    gc.collect()
    after = rss(), sys.getallocatedblocks(), len(gc.get_objects())
    print(json.dumps({
        "case": name,
        "calls": calls,
        "measured": calls - warm_up,
        "rss": after[0] - before[0],
        "blocks": after[1] - before[1],
        "objects": after[2] - before[2],
        "seconds": round(time.perf_counter() - began, 2),
    }), flush=True)


group = sys.argv[1]
if group == "counters":
    S, W, B = "aab", "é😀😀", b"aab"
    BA, MV, NP = bytearray(B), memoryview(B), np.frombuffer(B, dtype=np.uint8)
    for name in [n for n in m._myrustlib.__all__ if n.startswith("count_doubles")]:
        f = getattr(m, name)
        measure(f"{name}(ascii str)", f, (S,), 1)
        measure(f"{name}(4-byte str)", f, (W,), 1)
        measure(f"{name}(bytes)", f, (B,), 1)
        measure(f"{name}(bytearray)", f, (BA,), 1)
        measure(f"{name}(memoryview)", f, (MV,), 1)
        measure(f"{name}(uint8 array)", f, (NP,), 1)
        measure(f"{name}(None)", f, (None,), TypeError)
        measure(f"{name}(strided memoryview)", f, (MV[::2],), TypeError)
        measure(f"{name}(int32 array)", f, (np.zeros(2, dtype=np.int32),), TypeError)
elif group == "long_counters":
    # 16,384 units: the shortest input counted with the GIL released (a separate code path).
    # The SIMD variants make 1,000,000 such calls; the others take 9-14 us a call, so 40,000
    # each (0.5 s): 32,000 measured calls, which a leaked object a call would show.
    LONG, LONG_BYTES = "ab" * 8192, bytearray(b"ab" * 8192)
    for name in [n for n in m._myrustlib.__all__ if n.startswith("count_doubles")]:
        f = getattr(m, name)
        calls = CALLS if "simd" in name else 40_000
        measure(f"{name}(16,384-unit str)", f, (LONG,), 0, calls)
        measure(f"{name}(16,384-byte bytearray)", f, (LONG_BYTES,), 0, calls)
    # Just past the sizes the parallel variants split at, so the rayon pool does the work:
    # ~200 us and ~30 us a call, so 5,000 and 20,000 calls (1 s and 0.6 s).
    measure("count_doubles_slice_parallel(262,145 bytes, rayon)", m.count_doubles_slice_parallel,
            (b"ab" * (1 << 17) + b"a",), 0, 5_000)
    measure("count_doubles_simd_parallel(1,048,577 bytes, rayon)", m.count_doubles_simd_parallel,
            (b"ab" * (1 << 19) + b"a",), 0, 20_000)
elif group == "random_string":
    seeded = functools.partial(m.random_string, seed=2**63)
    measure("random_string(4)", m.random_string, (4,), str)  # unseeded: any str of 4 letters
    measure("random_string(4, seed=2**63)", seeded, (4,), seeded(4))
    measure("random_string(3, alphabet='é😀')",
            functools.partial(m.random_string, alphabet="é😀", seed=1), (3,),
            m.random_string(3, alphabet="é😀", seed=1))
    measure("random_string(0)", m.random_string, (0,), "")
    measure("random_string(-1)", m.random_string, (-1,), ValueError)
    measure("random_string(1.5)", m.random_string, (1.5,), TypeError)
    measure("random_string(3, alphabet='')",
            functools.partial(m.random_string, alphabet=""), (3,), ValueError)
    measure("random_string(3, alphabet=b'ab')",
            functools.partial(m.random_string, alphabet=b"ab"), (3,), TypeError)
    measure("random_string(3, seed=-1)", functools.partial(m.random_string, seed=-1), (3,),
            OverflowError)
    measure("random_string(2**63)", m.random_string, (2**63,), MemoryError)
    # Above 65,536 characters the rayon pool generates the string: ~80 us a call, 10,000 calls.
    measure("random_string(65,537, seed=1) (rayon)",
            functools.partial(m.random_string, seed=1), (65_537,),
            m.random_string(65_537, seed=1), 10_000)
elif group == "vec":
    V, U, Z = m.Vec(1, 2, 3), m.Vec(0.5, -1, 2), m.Vec(0, 0, 0)
    measure("Vec(1, 2, 3)", m.Vec, (1, 2, 3), V)
    measure("Vec(1.5, 2, 3.0)", m.Vec, (1.5, 2, np.float64(3)), m.Vec(1.5, 2, 3))
    measure("Vec(1, 2, '3')", m.Vec, (1, 2, "3"), TypeError)
    measure("Vec + Vec", operator.add, (V, U), m.Vec(1.5, 1, 5))
    measure("Vec - Vec", operator.sub, (V, U), m.Vec(0.5, 3, 1))
    measure("Vec * Vec", operator.mul, (V, U), 4.5)
    measure("Vec + 1", operator.add, (V, 1), TypeError)
    measure("Vec.scale", V.scale, (2,), m.Vec(2, 4, 6))
    measure("Vec.scale('2')", V.scale, ("2",), TypeError)
    measure("Vec.length", U.length, (), 2.29128784747792)
    measure("Vec.normal", m.Vec(0, 3, 4).normal, (), m.Vec(0, 0.6, 0.8))
    measure("Vec(0, 0, 0).normal()", Z.normal, (), ZeroDivisionError)
    measure("Vec == Vec", operator.eq, (V, U), False)
    measure("Vec == 1", operator.eq, (V, 1), False)
    measure("hash(Vec)", hash, (V,), hash(V))
    measure("repr(Vec)", repr, (V,), "Vec(1.0, 2.0, 3.0)")
    measure("Vec.__reduce__", V.__reduce__, (), (m.Vec, (1.0, 2.0, 3.0)))
    measure("Vec.x", operator.attrgetter("x"), (V,), 1.0)
    measure("Vec.x = 1", setattr, (V, "x", 1), AttributeError)
elif group == "line_sphere":
    P, D, Z = m.Vec(4, 3, 0), m.Vec(0, 0, 1), m.Vec(0, 0, 0)
    L, S = m.Line(P, D), m.Sphere(m.Vec(4, 3, 10), 2)
    measure("Line(Vec, Vec)", m.Line, (P, D), L)
    measure("Line(Vec, 1)", m.Line, (P, 1), TypeError)
    measure("Line.p", operator.attrgetter("p"), (L,), P)
    measure("Line == Line", operator.eq, (L, m.Line(P, D)), True)
    measure("hash(Line)", hash, (L,), hash(L))
    measure("repr(Line)", repr, (L,), repr(L))
    measure("Line.__reduce__", L.__reduce__, (), (m.Line, (P, D)))
    measure("Sphere(Vec, 2)", m.Sphere, (P, 2), m.Sphere(P, 2.0))
    measure("Sphere(Vec, 0)", m.Sphere, (Z, 0), ValueError)
    measure("Sphere(Vec, nan)", m.Sphere, (Z, float("nan")), ValueError)
    measure("Sphere(1, 1)", m.Sphere, (1, 1), TypeError)
    measure("Sphere.q", operator.attrgetter("q"), (S,), m.Vec(4, 3, 10))
    measure("Sphere.r", operator.attrgetter("r"), (S,), 2.0)
    measure("Sphere == Sphere", operator.eq, (S, m.Sphere(m.Vec(4, 3, 10), 2)), True)
    measure("Sphere.__reduce__", S.__reduce__, (), (m.Sphere, (m.Vec(4, 3, 10), 2.0)))
    measure("hash(Sphere)", hash, (S,), hash(S))
    measure("repr(Sphere)", repr, (S,), repr(S))
    measure("Sphere.intersect (hit)", S.intersect, (L,), m.Vec(4, 3, 8))
    measure("Sphere.intersect (miss)", S.intersect, (m.Line(P, m.Vec(1, 0, 0)),), None)
    measure("Sphere.intersect (zero direction)", S.intersect, (m.Line(P, Z),), ZeroDivisionError)
    measure("Sphere.intersect(Vec)", S.intersect, (P,), TypeError)
    measure("Sphere.get_normal", S.get_normal, (m.Vec(4, 3, 8),), m.Vec(0, 0, -1))
    measure("Sphere.get_normal (centre)", S.get_normal, (m.Vec(4, 3, 10),), ZeroDivisionError)
elif group == "color_render":
    measure("color(400, 300)", m.color, (400, 300), (50, 0, 0))
    measure("color(0, 0)", m.color, (0, 0), (100, 100, 100))
    measure("color(nan, 0)", m.color, (float("nan"), 0), (100, 100, 100))
    measure("color(1, 1, 0)", m.color, (1, 1, 0), ValueError)
    measure("color('1', 1)", m.color, ("1", 1), TypeError)
    # render hands every frame to the rayon pool: ~12 us even for one pixel, so 250,000 calls
    # (3 s) rather than 1,000,000; the failing calls are checked before any work: 1,000,000.
    measure("render(1, 1)", m.render, (1, 1), bytes([100, 100, 100]), 250_000)
    measure("render(0)", m.render, (0,), ValueError)
    measure("render(1, -1)", m.render, (1, -1), ValueError)
    measure("render(2**40, 2**40)", m.render, (2**40, 2**40), MemoryError)
    measure("render(1.5)", m.render, (1.5,), TypeError)
elif group == "save_png":
    tmp = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    path = os.path.join(tmp, "frame.png")
    # Each call renders, encodes and writes a 1x1 PNG file: 50-140 us on tmpfs (more on a
    # disk, hence tmpfs), so 50,000 calls (2-7 s). A failed open() costs ~20 us (a system call
    # and an OSError with the file name): 100,000 calls (2 s).
    measure("save_png(path, 1, 1)", m.save_png, (path, 1, 1), None, 50_000)
    measure("save_png(missing directory)", m.save_png,
            (os.path.join(tmp, "missing", "x.png"), 1, 1), FileNotFoundError, 100_000)
    measure("save_png(path, 0, 1)", m.save_png, (path, 0, 1), ValueError)
    measure("save_png(path, 2**31, 1)", m.save_png, (path, 2**31, 1), ValueError)
    measure("save_png(1)", m.save_png, (1,), TypeError)
elif group == "stream":
    B, BAD = b"aab", b"a\xff"
    measure("count_doubles_stream(BytesIO)",
            lambda: m.count_doubles_stream(io.BytesIO(B)), (), 1)
    measure("count_doubles_stream(BytesIO, binary=True)",
            lambda: m.count_doubles_stream(io.BytesIO(B), binary=True), (), 1)
    measure("count_doubles_stream(not utf-8)",
            lambda: m.count_doubles_stream(io.BytesIO(BAD)), (), UnicodeDecodeError)
    measure("count_doubles_stream(chunk_size=0)",
            lambda: m.count_doubles_stream(io.BytesIO(B), chunk_size=0), (), ValueError)
else:
    raise SystemExit(f"unknown group {group}")
"""

RSS_BOUND = 4 << 20  # bytes; a leak of 16 bytes a call adds 12.8 MB over 800,000 measured calls
BLOCKS_BOUND = 1_000  # pymalloc blocks; one leaked object a call adds 800,000 (40,000 at least)
OBJECTS_BOUND = 100  # objects tracked by the garbage collector


@pytest.mark.parametrize(
    "group",
    [
        "counters",
        "long_counters",
        "random_string",
        "vec",
        "line_sphere",
        "color_render",
        "save_png",
        "stream",
    ],
)
def test_a_million_calls_do_not_leak(run_python: RunPython, group: str) -> None:
    """After a warm-up of a fifth of the calls, the remaining calls of each function (with
    valid and invalid arguments) leave the resident memory, the number of allocated Python
    memory blocks and the number of gc-tracked objects where they were."""
    result = run_python(LEAK_SCRIPT, group)
    assert result.returncode == 0, result.stderr[-5000:]
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows, "no measurement"
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
    _unchanged_refcount(arg, list(COUNTERS), [], calls)
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
    _unchanged_refcount(arg, [], [(counter, TypeError) for counter in COUNTERS])
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


# ---------------------------------------------------------------------------------------------
# 3. Ctrl-C
# ---------------------------------------------------------------------------------------------

INTERRUPTIBLE: dict[str, tuple[str, str]] = {
    # name: (setup, the call repeated until SIGINT arrives)
    "count_doubles_simd_parallel": (
        "text = 'ab' * 100_000_000",
        "m.count_doubles_simd_parallel(text)",
    ),
    "count_doubles": ("text = 'ab' * 100_000_000", "m.count_doubles(text)"),
    "count_doubles_slice_parallel": (
        "text = bytearray(b'ab' * 100_000_000)",
        "m.count_doubles_slice_parallel(text)",
    ),
    "random_string": ("", "m.random_string(200_000_000)"),
    "render": ("", "m.render(4000, 3000)"),
    "save_png": ("import sys; path = sys.argv[1]", "m.save_png(path, 4000, 3000)"),
    "count_doubles_stream": (
        "import io; data = b'ab' * 50_000_000",
        "m.count_doubles_stream(io.BytesIO(data))",
    ),
    "16_threads": (
        # 15 daemon threads keep the pool and the GIL busy while the main thread is interrupted;
        # the process must still exit (daemon threads are stopped at exit, inside Rust or not).
        textwrap.dedent(
            """
            import threading
            text = 'ab' * 10_000_000
            def work():
                while True:
                    m.count_doubles(text)
                    m.render(400, 300)
                    m.random_string(1_000_000)
                    m.count_doubles_simd_parallel(text)
            for _ in range(15):
                threading.Thread(target=work, daemon=True).start()
            """
        ),
        "m.count_doubles_slice_parallel(text)",
    ),
}


@pytest.mark.parametrize("name", INTERRUPTIBLE)
def test_a_long_call_in_a_loop_stops_on_ctrl_c(name: str, tmp_path: Path) -> None:
    """SIGINT half a second into a loop of long calls ends the process with KeyboardInterrupt,
    as soon as the call running at that moment returns (30 s is a deadlock bound, not a timing
    assertion: every call here takes well under a second)."""
    setup, call = INTERRUPTIBLE[name]
    script = (
        f"import time\nimport myrustlib as m\n{setup}\n"
        f"began = time.perf_counter()\n{call}\n"
        "print(f'ready {time.perf_counter() - began:.3f}', flush=True)\n"
        f"while True:\n    {call}\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "frame.png")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], 60)
        line = process.stdout.readline() if ready else ""
        assert line.startswith("ready"), f"did not start: {process.poll()}, {line!r}"
        time.sleep(0.5)
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running 30 s after SIGINT (one call took {line.split()[1]} s)")
        latency = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    print(f"{name}: one call {line.split()[1]} s, exited {latency:.3f} s after SIGINT")
    # CPython re-raises an uncaught KeyboardInterrupt as death by SIGINT, after the traceback.
    assert process.returncode == -signal.SIGINT, stderr[-3000:]
    assert stderr.rstrip().endswith("KeyboardInterrupt"), stderr[-3000:]
