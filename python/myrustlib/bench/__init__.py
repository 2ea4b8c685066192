"""The benchmark toolkit: the peers myrustlib is measured against, one timing loop (and its
interleaved rounds), one formatter.

Every place that times myrustlib (the tour, `pytest doubles_pyo3.py`, `pytest raytrace_pyo3.py`,
`python benches/report.py`) takes its competitors from here, so each is written once. The
submodules are named after the core's modules:

- `myrustlib.bench.counters`: the pure-Python count_doubles peers and the numpy one;
- `myrustlib.bench.utils`: the random-string peers (random.choice, random.choices, numpy);
- `myrustlib.bench.ray`: the talk's own classes and color(), the per-pixel frame loop and the
  numpy frame.

The Rust side needs no list: `myrustlib.COUNTERS` holds every count_doubles variant. Every
caller checks a peer's answer against the pure-Python reference before timing it. numpy is
optional: only the numpy peers import it, when called, so the tour runs without it.
"""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING, Callable, TypeVar

if TYPE_CHECKING:
    from collections.abc import Mapping

T = TypeVar("T")

LENGTH = 10_000_000
"""Characters in the benchmark string: the talk's 10 million."""

SEED = 2017
"""The benchmark string's seed: the same string, and the same count, on every run."""


def repeat(
    call: Callable[[], T],
    *,
    budget: float = 1.0,
    least: int = 3,
    most: int = 1000,
    warmup: bool = True,
) -> tuple[list[float], T]:
    """Time `call()` over and over: the wall-clock seconds of each call, and the last value.

    After one untimed warm-up call (unless `warmup` is false), `call` runs at least `least`
    times (and at least once), then again while the time spent stays under `budget` seconds,
    at most `most` times in all.
    """
    if warmup:
        call()
    times: list[float] = []
    spent = 0.0
    while True:
        started = time.perf_counter()
        value = call()
        took = time.perf_counter() - started
        times.append(took)
        spent += took
        if len(times) >= least and (spent >= budget or len(times) >= most):
            return times, value


def interleaved(
    calls: Mapping[str, Callable[[], object]], *, rounds: int, budget: float, least: int = 3
) -> dict[str, list[float]]:
    """Times every call in `rounds` rounds: per call and round, the median of as many samples
    as fit in `budget` seconds (at least `least`). Within a round the calls take turns, in an
    order that rotates from round to round, so that a slow spell of the machine falls on all of
    them alike; a ratio is then taken round by round, and its median and spread reported.

    Each call is made once, untimed, first; a call that takes under 20 µs is timed in batches
    of as many calls as make 20 µs, so that the clock's own cost does not count."""
    names = list(calls)
    batched: dict[str, Callable[[], object]] = {}
    sizes: dict[str, int] = {}
    for name in names:
        started = time.perf_counter()
        calls[name]()
        took = time.perf_counter() - started
        sizes[name] = max(1, int(20e-6 / max(took, 1e-9)))
        batched[name] = _batch(calls[name], sizes[name])
    times: dict[str, list[float]] = {name: [] for name in names}
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            samples, _ = repeat(batched[name], budget=budget, least=least, warmup=False)
            times[name].append(statistics.median(samples) / sizes[name])
    return times


def _batch(call: Callable[[], object], size: int) -> Callable[[], object]:
    if size == 1:
        return call

    def batch() -> object:
        for _ in range(size - 1):
            call()
        return call()

    return batch


_UNITS = (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6))


def format_seconds(seconds: float) -> str:
    """A duration with three significant digits and a unit: '4.25 s', '231 ms', '86.2 µs',
    '120 ns'; whole numbers from 100 up ('1,234 s')."""
    unit, scale = next(((unit, scale) for unit, scale in _UNITS if seconds >= scale), ("ns", 1e-9))
    value = seconds / scale
    return f"{value:.3g} {unit}" if value < 100 else f"{value:,.0f} {unit}"


def format_ratio(ratio: float, decimals: int = 1) -> str:
    """A speed-up: '1.0x', '29x', '1,292x'; `decimals` places below 10 ('1.05x' with 2)."""
    return f"{ratio:.{decimals}f}x" if ratio < 10 else f"{ratio:,.0f}x"
