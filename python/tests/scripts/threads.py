"""Many threads at once: 16 Python threads call every public function, serial and parallel
variants, long inputs and calls that raise mixed, each thread in its own order, three times.
Every answer is checked against a single-threaded result or the reference, and every thread
must finish within JOIN_BOUND seconds (else all stacks are dumped and the exit status is 3).

Run by test_threads.py in a fresh interpreter, `python threads.py`, with RAYON_NUM_THREADS in
the environment when the pool size is under test; it prints one JSON summary line. Importing it
runs nothing: `tasks()` lists what the threads run, with the public names each task targets.
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Optional

import numpy as np

import myrustlib as m
from myrustlib import reference as ref
from scripts.splits import longest_split, splitting_counters

THREADS, ROUNDS = 16, 3
JOIN_BOUND = 90.0  # seconds for all threads together; test_threads.py kills the script at 120
PUBLIC = [name for name in m.__all__ if name not in ("__version__", "COUNTERS")]

# Long inputs: every str width, buffers of 1-byte items, and (for the counters that split
# their work, which alone are given it) bytes long enough for every one of them to split.
# Fixtures.inputs builds them under these labels.
INPUT_LABELS = (
    "ascii str",
    "latin-1 str",
    "2-byte str",
    "4-byte str",
    "bytes",
    "bytearray",
    "memoryview",
    "uint8 array",
    "bytes past every split",
)
SPLIT_LABEL = INPUT_LABELS[-1]
RANDOM_ARGS = (  # (length, alphabet, seed) of seeded random_string calls
    (2_000_000, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 3),
    (300_000, "é€😀", 4),
    (70_000, "xy", 2**64 - 1),
)

Counter = Callable[[Any], int]


def text(length: int, alphabet: str, seed: int) -> str:
    return "".join(random.Random(seed).choices(alphabet, k=length))


def plain(vec: Any) -> tuple[float, float, float] | None:
    return None if vec is None else (vec.x, vec.y, vec.z)


Point = Optional[tuple[float, float, float]]  # Optional, not |: this runs on Python 3.9 too
Hit = tuple[Point, Point]
Ray = tuple[tuple[float, float, float], tuple[float, float, float]]


def hits(impl: Any, rays: list[Ray]) -> list[Hit]:
    sphere = impl.Sphere(impl.Vec(4, 3, 10), 2)
    out = []
    for origin, target in rays:
        p = impl.Vec(*origin)
        hit = sphere.intersect(impl.Line(p, impl.Vec(*target) - p))
        out.append((plain(hit), plain(sphere.get_normal(hit)) if hit is not None else None))
    return out


def arithmetic(impl: Any) -> tuple[object, ...]:
    v = (impl.Vec(1, 2, 3) + impl.Vec(1, 1, 1) - impl.Vec(0, 1, 0)).scale(2.5)
    return plain(v.normal()), v.length(), v * impl.Vec(-1, 0.5, 3)


class Fixtures:
    """The long inputs, and the answers the tasks must give: by the pure-Python reference, or
    by myrustlib itself single-threaded. Each is computed on first use; `prepare` computes them
    all on the main thread before any other thread starts."""

    @cached_property
    def tmp(self) -> str:
        return tempfile.mkdtemp()

    @cached_property
    def ascii_text(self) -> str:
        return text(3_000_000, "ab", 1)

    @cached_property
    def data(self) -> bytes:
        return self.ascii_text.encode()

    @cached_property
    def inputs(self) -> dict[str, Any]:
        data = self.data
        inputs = {
            "ascii str": self.ascii_text,
            "latin-1 str": text(1_500_000, "éè", 2),
            "2-byte str": text(1_200_000, "€a", 3),
            "4-byte str": text(1_200_000, "😀a", 4),
            "bytes": data,
            "bytearray": bytearray(data),
            "memoryview": memoryview(data)[5:],
            "uint8 array": np.frombuffer(data, dtype=np.uint8).reshape(1000, 3000),
            SPLIT_LABEL: m.random_string(longest_split() + 12_345, alphabet="ab", seed=5).encode(),
        }
        assert tuple(inputs) == INPUT_LABELS
        return inputs

    @cached_property
    def want(self) -> dict[str, int]:
        return {label: ref.count_doubles_regex(value) for label, value in self.inputs.items()}

    @cached_property
    def strided(self) -> memoryview:
        return memoryview(self.data)[::2]

    @cached_property
    def astral_utf8(self) -> bytes:
        return str(self.inputs["4-byte str"]).encode()

    @cached_property
    def random(self) -> dict[tuple[int, str, int], str]:
        return {
            (length, alphabet, seed): m.random_string(length, alphabet=alphabet, seed=seed)
            for length, alphabet, seed in RANDOM_ARGS
        }

    @cached_property
    def frame(self) -> bytes:
        return m.render(400, 300)

    @cached_property
    def small(self) -> bytes:
        small = m.render(31, 17)
        assert small == ref.render(31, 17)
        return small

    @cached_property
    def png(self) -> bytes:
        path = os.path.join(self.tmp, "single.png")
        m.save_png(path, 160, 120)
        with open(path, "rb") as file:
            return file.read()

    @cached_property
    def probes(self) -> tuple[list[tuple[float, float]], list[Ray]]:
        """Pixels to colour and rays to shoot at the sphere."""
        rng = random.Random(5)
        pixels = [(rng.uniform(-10, 410), rng.uniform(-10, 310)) for _ in range(300)]
        rays = [
            (
                (rng.uniform(-5, 5), rng.uniform(-5, 5), rng.uniform(-5, 5)),
                (rng.uniform(0, 8), rng.uniform(0, 6), rng.uniform(8, 12)),
            )
            for _ in range(200)
        ]
        return pixels, rays

    @cached_property
    def colors(self) -> list[tuple[int, int, int]]:
        return [ref.color(x, y, 400, 300) for x, y in self.probes[0]]

    @cached_property
    def hits(self) -> list[Hit]:
        return hits(ref, self.probes[1])

    def prepare(self) -> None:
        for name, attribute in vars(Fixtures).items():
            if isinstance(attribute, cached_property):
                getattr(self, name)


FX = Fixtures()


class WrongError(Exception):
    """A task returned or raised something other than what it must."""


def summary(value: Any) -> str:
    shown = repr(value)
    if len(shown) < 80:
        return shown
    return f"{shown[:60]}... ({type(value).__name__} of {len(value)})"


def equal(got: object, want: object) -> None:
    if got != want:
        raise WrongError(f"got {summary(got)}, expected {summary(want)}")


def raises(
    kind: type[BaseException], call: Callable[..., object], *args: object, **kwargs: object
) -> None:
    try:
        call(*args, **kwargs)
    except kind:
        return
    except BaseException as error:
        raise WrongError(f"raised {type(error).__name__}: {error}, not {kind.__name__}") from None
    raise WrongError(f"returned instead of raising {kind.__name__}")


def targets_of(call: object) -> tuple[str, ...]:
    """The public name `call` is: a function or class of myrustlib, or a method of one of its
    classes (bound to an instance)."""
    owner = type(getattr(call, "__self__", None))
    return tuple(name for name in PUBLIC if getattr(m, name) is call or getattr(m, name) is owner)


@dataclass(frozen=True)
class Task:
    name: str
    targets: tuple[str, ...]  # the public names it calls
    run: Callable[[int], None]  # given the index of the thread running it


class Tasks:
    """The task list under construction."""

    def __init__(self) -> None:
        self.all: list[Task] = []

    def task(self, name: str, targets: tuple[str, ...], run: Callable[[int], None]) -> None:
        assert targets, f"{name}: name the public names it targets"
        assert set(targets) <= set(PUBLIC), (name, targets)
        self.all.append(Task(name, targets, run))

    def returns(
        self,
        name: str,
        want: Callable[[], object],
        call: Callable[..., object],
        *args: object,
        **kwargs: object,
    ) -> None:
        """call(*args, **kwargs) must equal want(), an answer computed before the threads."""
        self.task(name, targets_of(call), lambda me: equal(call(*args, **kwargs), want()))

    def fails(
        self,
        name: str,
        kind: type[BaseException],
        call: Callable[..., object],
        *args: object,
        **kwargs: object,
    ) -> None:
        """call(*args, **kwargs) must raise `kind`."""
        self.task(name, targets_of(call), lambda me: raises(kind, call, *args, **kwargs))

    def counts(self, counter: Counter, label: str) -> None:
        """counter(a long input) must count what the reference counted."""

        def run(me: int) -> None:
            equal(counter(FX.inputs[label]), FX.want[label])

        self.task(f"{counter.__name__}({label})", (counter.__name__,), run)

    def refuses_strided(self, counter: Counter) -> None:
        def run(me: int) -> None:
            raises(TypeError, counter, FX.strided)

        self.task(f"{counter.__name__}(strided)", (counter.__name__,), run)

    def seeded(self, length: int, alphabet: str, seed: int) -> None:
        self.returns(
            f"random_string({length}, seed={seed})",
            lambda: FX.random[length, alphabet, seed],
            m.random_string,
            length,
            alphabet=alphabet,
            seed=seed,
        )


def save_png(me: int) -> None:
    path = os.path.join(FX.tmp, f"thread{me}.png")
    m.save_png(path, 160, 120)
    with open(path, "rb") as file:
        equal(file.read(), FX.png)


def tasks() -> list[Task]:
    """What every thread runs (each in its own order)."""
    t = Tasks()
    splitting = splitting_counters()
    for counter in m.COUNTERS:
        for label in INPUT_LABELS:
            if label != SPLIT_LABEL or counter in splitting:
                t.counts(counter, label)
        t.fails(f"{counter.__name__}(None)", TypeError, counter, None)
        t.refuses_strided(counter)
    for length, alphabet, seed in RANDOM_ARGS:
        t.seeded(length, alphabet, seed)
    t.task(
        "random_string(1_000_000), no seed",
        ("random_string",),
        lambda me: equal(set(m.random_string(1_000_000, alphabet="pq")), {"p", "q"}),
    )
    t.fails("random_string(-1)", ValueError, m.random_string, -1)
    t.fails("random_string(alphabet='')", ValueError, m.random_string, 5, alphabet="")
    t.fails("random_string(seed=2**64)", OverflowError, m.random_string, 5, seed=2**64)
    t.fails("random_string('5')", TypeError, m.random_string, "5")
    t.fails("random_string(maxsize + 1)", MemoryError, m.random_string, sys.maxsize + 1)
    t.returns("render(400, 300)", lambda: FX.frame, m.render, 400, 300)
    t.returns("render(31, 17)", lambda: FX.small, m.render, width=31, height=17)
    t.fails("render(0, 1)", ValueError, m.render, 0, 1)
    t.fails("render(2**40, 2**40)", MemoryError, m.render, 2**40, 2**40)
    t.fails("render(1.5)", TypeError, m.render, 1.5)
    t.task("save_png(160, 120)", ("save_png",), save_png)
    t.task(
        "save_png(missing directory)",
        ("save_png",),
        lambda me: raises(OSError, m.save_png, os.path.join(FX.tmp, "no", "x.png"), 2, 2),
    )
    t.task(
        "save_png(0, 1)",
        ("save_png",),
        lambda me: raises(ValueError, m.save_png, os.path.join(FX.tmp, "z.png"), 0, 1),
    )
    stream = ("count_doubles_stream",)
    t.task(
        "count_doubles_stream(utf-8)",
        stream,
        lambda me: equal(
            m.count_doubles_stream(io.BytesIO(FX.astral_utf8), chunk_size=1 << 16),
            FX.want["4-byte str"],
        ),
    )
    t.task(
        "count_doubles_stream(binary)",
        stream,
        lambda me: equal(
            m.count_doubles_stream(io.BytesIO(FX.data), binary=True, chunk_size=1 << 17),
            FX.want["bytes"],
        ),
    )
    t.task(
        "count_doubles_stream(not utf-8)",
        stream,
        lambda me: raises(
            UnicodeDecodeError, m.count_doubles_stream, io.BytesIO(b"ab" * 70_000 + b"\xff")
        ),
    )
    t.task(
        "color",
        ("color",),
        lambda me: equal([m.color(x, y, 400, 300) for x, y in FX.probes[0]], FX.colors),
    )
    t.returns("color(nan, 0)", lambda: (100, 100, 100), m.color, float("nan"), 0)
    t.fails("color(width=0)", ValueError, m.color, 1, 1, 0)
    t.task(
        "intersect, get_normal",
        ("Vec", "Line", "Sphere"),
        lambda me: equal(hits(m, FX.probes[1]), FX.hits),
    )
    t.task("Vec arithmetic", ("Vec",), lambda me: equal(arithmetic(m), arithmetic(ref)))
    t.fails("Sphere(radius -1)", ValueError, m.Sphere, m.Vec(0, 0, 0), -1)
    t.fails("Vec(0, 0, 0).normal()", ZeroDivisionError, m.Vec(0, 0, 0).normal)
    t.fails(
        "intersect(zero direction)",
        ZeroDivisionError,
        m.Sphere(m.Vec(0, 0, 5), 1).intersect,
        m.Line(m.Vec(0, 0, 0), m.Vec(0, 0, 0)),
    )
    t.fails("Vec('1', 2, 3)", TypeError, m.Vec, "1", 2, 3)
    return t.all


def targets() -> set[str]:
    """The public names the threads call."""
    return {name for task in tasks() for name in task.targets}


def main() -> None:
    faulthandler.dump_traceback_later(JOIN_BOUND + 15, exit=True)  # last resort: print stacks
    todo = tasks()
    FX.prepare()  # single-threaded answers, before any other thread starts
    start = threading.Barrier(THREADS)
    failures: list[str] = []
    done: list[str] = []

    def work(me: int) -> None:
        start.wait()
        for round_ in range(ROUNDS):
            order = todo[:]
            random.Random(me * 1000 + round_).shuffle(order)  # every thread in its own order
            for task in order:
                try:
                    task.run(me)
                except BaseException as error:
                    failures.append(f"thread {me}, {task.name}: {type(error).__name__}: {error}")
                done.append(task.name)

    began = time.perf_counter()
    threads = [threading.Thread(target=work, args=(me,), daemon=True) for me in range(THREADS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + JOIN_BOUND
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    alive = [thread.name for thread in threads if thread.is_alive()]
    if alive:
        print(f"still running after {JOIN_BOUND} s (deadlock?): {alive}", file=sys.stderr)
        sys.stderr.flush()
        faulthandler.dump_traceback(all_threads=True)
        os._exit(3)  # the stuck threads could also block a normal exit
    shutil.rmtree(FX.tmp, ignore_errors=True)
    report = {
        "done": len(done),
        "expected": THREADS * ROUNDS * len(todo),
        "failures": failures[:30],
        "seconds": round(time.perf_counter() - began, 2),
        "rayon_threads": os.environ.get("RAYON_NUM_THREADS", ""),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
