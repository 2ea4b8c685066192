"""Measure myrustlib against the peers a user really has, side by side, and report the targets.

    python benches/report.py                 # after ./release.sh: prints every table (~6 min)
    python benches/report.py --write         # ... and writes BENCHMARKS.md and docs/*.png
    python benches/report.py --quick         # fewer rounds and sizes (CI: does it all run?)

Runs, in one process on one machine (plus two helper interpreters for the thread-count scan):
every count_doubles variant against the original project's Python loops, its regex and numpy on
a 10,000,000-character string; random_string against random.choices and numpy; the 800x600
frame against the talk's own Python and a fast numpy version; every parallel function against
its serial form at sizes from 1 to 10^8; the per-call times of the talk's color(); and the
checks the earlier speed targets name (criterion's kernel and copy, the cost of a call, memory,
threads).

Every peer's answer is checked before it is timed. Competitors take turns in interleaved rounds
(myrustlib.bench.interleaved), so that the machine's slow spells fall on all of them alike;
ratios are taken round by round, and the report gives their median and spread. A target is met
on the median. Nothing here is a test: the numbers are what this machine measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import string
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import myrustlib
from myrustlib import reference
from myrustlib.bench import (
    LENGTH,
    SEED,
    counters,
    format_ratio,
    format_seconds,
    interleaved,
    ray,
    repeat,
    utils,
)

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ratio:
    """A speed-up measured round by round: its median and its lowest and highest round."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, slow: list[float], fast: list[float]) -> Ratio:
        ratios = [s / f for s, f in zip(slow, fast)]
        return cls(statistics.median(ratios), min(ratios), max(ratios))

    def __str__(self) -> str:
        low, high = format_ratio(self.low, 2), format_ratio(self.high, 2)
        return f"{format_ratio(self.median, 2)} [{low}-{high}]"


@dataclass
class Comparison:
    """One comparison: per competitor, its time in each round."""

    title: str
    times: dict[str, list[float]]
    baselines: list[str]

    def median(self, name: str) -> float:
        return statistics.median(self.times[name])

    def ratio(self, slow: str, fast: str) -> Ratio:
        return Ratio.of(self.times[slow], self.times[fast])

    def table(self) -> str:
        heads = " | ".join(f"speed-up over {b}" for b in self.baselines)
        lines = [
            f"| implementation | median | fastest-slowest round | {heads} |",
            "|---|--:|--:|" + "--:|" * len(self.baselines),
        ]
        for name in sorted(self.times, key=self.median):
            cells = " | ".join(str(self.ratio(b, name)) for b in self.baselines)
            spread = (
                f"{format_seconds(min(self.times[name]))}-{format_seconds(max(self.times[name]))}"
            )
            lines.append(f"| {name} | {format_seconds(self.median(name))} | {spread} | {cells} |")
        return "\n".join(lines)


@dataclass
class Target:
    goal: str
    measured: str
    met: bool


def at_least(goal: str, ratio: Ratio, factor: float) -> Target:
    """A target met when the median ratio is at least `factor`."""
    return Target(goal, str(ratio), ratio.median >= factor)


def check(answer: object, expected: object, name: str) -> None:
    if answer != expected:
        msg = f"{name} gave a wrong answer; refusing to time it"
        raise SystemExit(msg)


def compare(
    title: str,
    competitors: Mapping[str, Callable[[], object]],
    expected: object,
    *,
    baselines: list[str],
    rounds: int,
    budget: float,
    least: int = 3,
    answer: Callable[[object], object] = lambda value: value,
) -> Comparison:
    """`title`'s competitors, each answer checked against `expected`, then timed in
    interleaved rounds."""
    print(title, flush=True)
    for name, call in competitors.items():
        check(answer(call()), expected, name)
    times = interleaved(competitors, rounds=rounds, budget=budget, least=least)
    for name in sorted(times, key=lambda n: statistics.median(times[n])):
        print(f"  {name:<52} median {format_seconds(statistics.median(times[name])):>10}")
    return Comparison(title, times, baselines)


@dataclass
class Settings:
    rounds: int
    scan: list[int]
    quick: bool


# --- count_doubles ------------------------------------------------------------------------


def python(label: str) -> str:
    return f"python {label}"


def count_doubles_comparison(text: str, settings: Settings) -> Comparison:
    letters = counters.numpy_letters(text)
    competitors: dict[str, Callable[[], object]] = {
        count.__name__: partial(count, text) for count in myrustlib.COUNTERS
    }
    competitors |= {python(peer.label): partial(peer.function, text) for peer in counters.PYTHON}
    competitors[counters.NUMPY] = partial(counters.numpy_count_doubles, letters)
    return compare(
        "count_doubles: 10,000,000 ASCII letters",
        competitors,
        reference.count_doubles_regex(text),
        baselines=[python("regex with lookahead"), counters.NUMPY],
        rounds=settings.rounds,
        budget=0.3,
        least=1,
    )


# --- random_string ------------------------------------------------------------------------

RANDOM_CHOICES = 'python "".join(random.choices(ascii_letters, k=n))'
NUMPY_LETTERS = "numpy letters[rng.integers(0, 52, n)]"


def random_string_comparison(settings: Settings) -> Comparison:
    competitors: dict[str, Callable[[], object]] = {
        "myrustlib.random_string (seeded)": lambda: myrustlib.random_string(LENGTH, seed=SEED),
        "myrustlib.random_string (OS entropy)": lambda: myrustlib.random_string(LENGTH),
        RANDOM_CHOICES: partial(utils.random_choices, LENGTH),
        NUMPY_LETTERS: partial(utils.numpy_random_string(SEED), LENGTH),
    }
    return compare(
        "random_string: 10,000,000 ASCII letters",
        competitors,
        (LENGTH, True),
        baselines=[RANDOM_CHOICES, NUMPY_LETTERS],
        rounds=settings.rounds,
        budget=0.3,
        least=1,
        answer=lambda sample: (
            len(str(sample)),
            set(str(sample)) <= set(string.ascii_letters),
        ),
    )


# --- the ray tracer -----------------------------------------------------------------------

TALK_FRAME = "python color() per pixel (the talk's code)"
NUMPY_FRAME = "numpy frame (broadcast, hits only)"


def render_comparison(settings: Settings) -> Comparison:
    competitors: dict[str, Callable[[], object]] = {
        "myrustlib.render": partial(myrustlib.render, ray.WIDTH, ray.HEIGHT),
        "myrustlib.color per pixel, Python loop": partial(ray.per_pixel_frame, myrustlib.color),
        TALK_FRAME: partial(ray.per_pixel_frame, ray.color),
        NUMPY_FRAME: partial(ray.numpy_frame, ray.WIDTH, ray.HEIGHT),
    }
    return compare(
        "render: the 800x600 frame",
        competitors,
        reference.render(ray.WIDTH, ray.HEIGHT),
        baselines=[TALK_FRAME, NUMPY_FRAME],
        rounds=settings.rounds,
        budget=0.3,
        least=1,
    )


def color_call_times(samples: int) -> dict[str, list[int]]:
    """Nanoseconds of each call of the talk's color(x, y) and of myrustlib.color, each from a
    Python loop over the same pixels (spread over the frame), as the talk's profiling lesson
    measured them."""
    pixels = [(i * 7919 % ray.WIDTH, i * 104729 % ray.HEIGHT) for i in range(samples)]
    clock = time.perf_counter_ns
    out: dict[str, list[int]] = {}
    for name, color in (("Python (the talk's)", ray.color), ("Rust (myrustlib)", myrustlib.color)):
        times = []
        for x, y in pixels:
            start = clock()
            color(x, y)
            times.append(clock() - start)
        out[name] = times
    return out


def color_histogram(times: dict[str, list[int]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(8, 3.6))
    every = sorted(t for calls in times.values() for t in calls)
    low, high = max(every[0], 1), every[len(every) * 995 // 1000]  # the slowest 0.5% left out
    bins = [low * (high / low) ** (i / 120) for i in range(121)]
    for (name, calls), colour in zip(times.items(), ("#888888", "#b7410e")):
        median = statistics.median(calls)
        axis.hist(
            calls, bins=bins, color=colour, alpha=0.75, label=f"{name}: median {median:,.0f} ns"
        )
    axis.set_xscale("log")
    axis.set_xlabel("time of one color(x, y) call from a Python loop, nanoseconds (log scale)")
    axis.set_ylabel("calls")
    axis.legend()
    axis.set_title("Per-call times of color(), as the talk profiled them", loc="left", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


# --- parallel against serial ----------------------------------------------------------------

# A helper interpreter, started with RAYON_NUM_THREADS set, that times random_string and render
# on request: "random_string <n>" or "render <pixels>" on stdin, the median seconds on stdout.
HELPER = """
import math, statistics, sys, myrustlib
from myrustlib.bench import repeat
for line in sys.stdin:
    kind, size, budget = line.split()
    size, budget = int(size), float(budget)
    if kind == "random_string":
        call = lambda: myrustlib.random_string(size, seed=1)
    else:
        width = max(1, round(math.sqrt(size * 4 / 3)))
        height = max(1, size // width)
        call = lambda: myrustlib.render(width, height)
    print(statistics.median(repeat(call, budget=budget, least=3)[0]), flush=True)
"""


class Helper:
    """A helper interpreter with `threads` threads in myrustlib's pool."""

    def __init__(self, threads: str | None) -> None:
        env = dict(os.environ)
        env.pop("RAYON_NUM_THREADS", None)
        if threads is not None:
            env["RAYON_NUM_THREADS"] = threads
        self.process = subprocess.Popen(
            [sys.executable, "-c", HELPER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def time(self, kind: str, size: int, budget: float) -> float:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(f"{kind} {size} {budget}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


@dataclass
class Scan:
    """A parallel function against its serial form at every size: the ratios, round by round."""

    name: str
    serial: str
    unit: str
    ratios: dict[int, Ratio] = field(default_factory=dict)


def budget_for(size: int) -> float:
    return 0.05 if size < 10**7 else 0.3


def counter_scans(settings: Settings) -> list[Scan]:
    pairs = [
        (myrustlib.count_doubles_slice_parallel, myrustlib.count_doubles_slice),
        (myrustlib.count_doubles_simd_parallel, myrustlib.count_doubles_simd),
    ]
    scans = [Scan(p.__name__, s.__name__, "code units") for p, s in pairs]
    for size in settings.scan:
        text = myrustlib.random_string(size, seed=size)
        for scan, (parallel, serial) in zip(scans, pairs):
            check(parallel(text), serial(text), scan.name)
            times = interleaved(
                {"parallel": partial(parallel, text), "serial": partial(serial, text)},
                rounds=settings.rounds,
                budget=budget_for(size),
            )
            scan.ratios[size] = Ratio.of(times["serial"], times["parallel"])
            print(f"  {scan.name} at {size:,}: {scan.ratios[size]}", flush=True)
    return scans


def thread_count_scans(settings: Settings) -> list[Scan]:
    """random_string and render on all cores against one thread (RAYON_NUM_THREADS=1), in two
    helper interpreters taking turns."""
    one, every = Helper("1"), Helper(None)
    scans = [
        Scan("random_string", "random_string on one thread", "characters"),
        Scan("render", "render on one thread", "pixels"),
    ]
    try:
        for scan in scans:
            for size in settings.scan:
                serial: list[float] = []
                parallel: list[float] = []
                for index in range(settings.rounds):
                    helpers = [(one, serial), (every, parallel)]
                    for helper, times in helpers if index % 2 == 0 else reversed(helpers):
                        times.append(helper.time(scan.name, size, budget_for(size)))
                scan.ratios[size] = Ratio.of(serial, parallel)
                print(f"  {scan.name} at {size:,}: {scan.ratios[size]}", flush=True)
    finally:
        one.close()
        every.close()
    return scans


def scan_table(scans: list[Scan]) -> str:
    sizes = sorted(scans[0].ratios)
    lines = [
        "| parallel function (against) | " + " | ".join(f"{n:,}" for n in sizes) + " |",
        "|---|" + "--:|" * len(sizes),
    ]
    for scan in scans:
        cells = " | ".join(str(scan.ratios[n]) for n in sizes)
        lines.append(f"| `{scan.name}` (`{scan.serial}`), {scan.unit} | {cells} |")
    return "\n".join(lines)


def scan_targets(scans: list[Scan]) -> list[Target]:
    targets = []
    for scan in scans:
        worst = min(scan.ratios, key=lambda n: scan.ratios[n].median)
        targets.append(
            Target(
                f"`{scan.name}` ≥ 0.95x `{scan.serial}` at every size",
                f"lowest median {format_ratio(scan.ratios[worst].median, 2)} at {worst:,}",
                scan.ratios[worst].median >= 0.95,
            )
        )
        if 10**8 in scan.ratios:
            targets.append(
                at_least(f"`{scan.name}` ≥ 1.15x at 10^8 {scan.unit}", scan.ratios[10**8], 1.15)
            )
    return targets


# --- memory, threads, criterion -------------------------------------------------------------

# Python source for fresh interpreters: the resident-set peak (VmHWM) reset to the current
# resident size, so that `peak_growth()` is what the code after `reset_peak()` added at most.
PEAK_RSS = """
def _status(field):
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) * 1024 for l in status if l.startswith(field + ":"))
def reset_peak():
    global _start
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    _start = _status("VmRSS")
def peak_growth():
    return _status("VmHWM") - _start
"""


def fresh_python(script: str, *args: str, threads: str | None = None) -> str:
    """What `script` prints in a fresh interpreter, with `threads` worker threads in myrustlib's
    pool (RAYON_NUM_THREADS) if given."""
    env = os.environ if threads is None else os.environ | {"RAYON_NUM_THREADS": threads}
    command = [sys.executable, "-c", script, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout


WIDE_TEXTS = {"2 bytes per character": "αβγδε", "4 bytes per character": "😀😁😂🤣😃"}


def resident_growth_while_counting(alphabet: str) -> int:
    """Bytes the resident high-water mark grows while each variant counts a 10M-character str
    of `alphabet`, in a fresh interpreter, so that a hidden copy anywhere would show."""
    script = PEAK_RSS + textwrap.dedent(
        """
        import sys, myrustlib
        text = myrustlib.random_string(10_000_000, alphabet=sys.argv[1], seed=1)
        myrustlib.count_doubles_slice_parallel("ab" * 2_000_000)  # start the worker threads
        reset_peak()
        for count in myrustlib.COUNTERS:
            count(text)
        print(peak_growth())
        """
    )
    return int(fresh_python(script, alphabet))


def wide_text(settings: Settings) -> tuple[list[str], bool]:
    """Counting 10M-character strings stored with 2 and 4 bytes per character: time per code
    unit, and the memory counting allocates."""
    print("count_doubles on wide text", flush=True)
    rows = [
        "| text (10,000,000 characters) | variant | median | per code unit "
        "| tracemalloc peak during the call |",
        "|---|---|--:|--:|--:|",
    ]
    all_small = True
    for label, alphabet in WIDE_TEXTS.items():
        text = myrustlib.random_string(LENGTH, alphabet=alphabet, seed=SEED)
        expected = reference.count_doubles_regex(text)
        for function in (myrustlib.count_doubles_simd, myrustlib.count_doubles_simd_parallel):
            check(function(text), expected, function.__name__)
            tracemalloc.start()
            function(text)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            median = statistics.median(repeat(partial(function, text), budget=0.3)[0])
            all_small &= peak < 2**20
            rows.append(
                f"| {label} | `{function.__name__}` | {format_seconds(median)} "
                f"| {format_seconds(median / LENGTH)} | {peak:,} B |"
            )
    rows.append("")
    for (label, alphabet), width in zip(WIDE_TEXTS.items(), (2, 4)):
        grown = resident_growth_while_counting(alphabet)
        all_small &= grown < 2**20
        rows += [
            f"Resident memory growth while every variant counted the {label} text "
            f"(fresh interpreter): {grown / 2**10:,.0f} KiB, against "
            f"{LENGTH * width / 2**20:.0f} MiB of text.",
            "",
        ]
    return rows, all_small


def criterion_kernel_and_copy() -> dict[str, float] | None:
    """Runs the criterion group `scan_vs_copy/10MB` and returns its median times (seconds)."""
    print("criterion: cargo bench --bench counters -- scan_vs_copy", flush=True)
    started = time.time()
    try:
        metadata = subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--no-deps"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        group = Path(json.loads(metadata.stdout)["target_directory"]) / "criterion"
        group /= "scan_vs_copy_10MB"
        subprocess.run(
            ["cargo", "bench", "--bench", "counters", "--", "scan_vs_copy"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"  criterion did not run: {err}\n{getattr(err, 'stderr', '')}")
        return None
    results = {}
    for name in ("copy_from_slice", "count_doubles_simd"):
        estimates = group / name / "new" / "estimates.json"
        if not estimates.is_file() or estimates.stat().st_mtime < started:
            print(f"  criterion wrote no fresh result at {estimates}")
            return None
        results[name] = json.loads(estimates.read_text())["median"]["point_estimate"] * 1e-9
    return results


def two_threads_at_once(rounds: int = 9) -> tuple[float, float, float]:
    """One call of a serial variant alone, then two threads each calling it on its own string,
    released together: (median time of one, best and median time of both) over `rounds`."""
    texts = [myrustlib.random_string(LENGTH, seed=seed) for seed in (1, 2)]
    one, both = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        myrustlib.count_doubles_slice(texts[0])
        one.append(time.perf_counter() - start)
        barrier = threading.Barrier(3)

        def work(text: str, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            myrustlib.count_doubles_slice(text)

        threads = [threading.Thread(target=work, args=(text,)) for text in texts]
        for thread in threads:
            thread.start()
        start = time.perf_counter()  # before the release, so no work escapes the timer
        barrier.wait()
        for thread in threads:
            thread.join()
        both.append(time.perf_counter() - start)
    return statistics.median(one), min(both), statistics.median(both)


def many_threads_at_once(threads: int = 16, calls: int = 20) -> float:
    """`threads` threads each mixing the parallel variants (on an input they split), a serial
    one and random_string: the time until all have finished (the join has a timeout)."""
    text = myrustlib.random_string(2**25 + 5, seed=5)
    expected = myrustlib.count_doubles_simd(text)
    failures: list[str] = []

    def work() -> None:
        for i in range(calls):
            failures.extend(
                function.__name__
                for function in (
                    myrustlib.count_doubles_simd_parallel,
                    myrustlib.count_doubles_slice_parallel,
                    myrustlib.count_doubles_simd,
                )
                if function(text) != expected
            )
            myrustlib.random_string(200_000, seed=i)

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    elapsed = time.perf_counter() - start
    if failures or any(worker.is_alive() for worker in workers):
        msg = f"many threads: wrong answers {failures[:3]} or a thread still running"
        raise SystemExit(msg)
    return elapsed


def random_string_memory_and_threads() -> tuple[float, float, bool]:
    """In fresh interpreters: (peak traced memory / output size, resident peak growth / output
    size) for random_string(10M), and whether 1 and 2 threads give the same seeded string."""
    script = PEAK_RSS + textwrap.dedent(
        """
        import hashlib, tracemalloc, myrustlib
        myrustlib.random_string(1_000_000, seed=1)  # start the worker threads first
        reset_peak()
        text = myrustlib.random_string(10_000_000, seed=2017)
        grown = peak_growth()
        tracemalloc.start()
        again = myrustlib.random_string(10_000_000, seed=2017)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert again == text
        print(peak / len(text), grown / len(text), hashlib.sha256(text.encode()).hexdigest())
        """
    )
    outputs = [fresh_python(script, threads=threads).split() for threads in ("1", "2")]
    traced, resident = float(outputs[1][0]), float(outputs[1][1])
    return traced, resident, outputs[0][2] == outputs[1][2]


# --- the report ---------------------------------------------------------------------------


def machine() -> list[str]:
    import numpy as np

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    for line in cpuinfo.read_text().splitlines() if cpuinfo.exists() else []:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    try:
        rustc = subprocess.run(
            ["rustc", "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        rustc = "rustc not found"
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return [
        f"- CPU: {cpu}, {os.cpu_count()} logical cores; {memory:.0f} GiB memory",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()} ({platform.python_implementation()}), "
        f"numpy {np.__version__}, myrustlib {myrustlib.__version__}, {rustc}",
        f"- Measured {time.strftime('%Y-%m-%d %H:%M %Z')}",
    ]


def chart(comparisons: list[Comparison], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(
        len(comparisons),
        1,
        figsize=(9, 2.2 + 0.42 * sum(len(c.times) for c in comparisons)),
        gridspec_kw={"height_ratios": [len(c.times) for c in comparisons]},
    )
    for axis, comparison in zip(axes, comparisons):
        names = sorted(comparison.times, key=comparison.median, reverse=True)
        medians = [comparison.median(name) for name in names]
        colors = [
            "#b7410e"
            if name.startswith(("myrustlib", "count_doubles"))
            else "#4c72b0"
            if name.startswith("numpy")
            else "#888888"
            for name in names
        ]
        axis.barh(names, [m * 1e3 for m in medians], color=colors)
        axis.set_xscale("log")
        axis.set_title(comparison.title, loc="left", fontsize=10)
        axis.tick_params(axis="y", labelsize=8)
        for index, median in enumerate(medians):
            axis.text(median * 1e3 * 1.08, index, format_seconds(median), va="center", fontsize=7)
        axis.set_xlim(right=max(medians) * 1e3 * 8)
    axes[-1].set_xlabel("median time per call, milliseconds (log scale; shorter is faster)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--write",
        action="store_true",
        help="write BENCHMARKS.md (or --output) and the pictures in docs/; without it, only print",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-criterion", action="store_true", help="skip cargo bench")
    parser.add_argument(
        "--quick", action="store_true", help="two rounds and a few sizes: checks that it all runs"
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    settings = (
        Settings(rounds=2, scan=[1, 10_000, 3_000_000], quick=True)
        if args.quick
        else Settings(
            rounds=7,
            scan=[1, 10, 100, 1_000, 10**4, 10**5, 10**6, 3 * 10**6, 10**7, 4 * 10**7, 10**8],
            quick=False,
        )
    )
    text = myrustlib.random_string(LENGTH, seed=SEED)
    doubles = count_doubles_comparison(text, settings)
    strings = random_string_comparison(settings)
    frames = render_comparison(settings)
    comparisons = [doubles, strings, frames]
    print("parallel against serial", flush=True)
    scans = counter_scans(settings) + thread_count_scans(settings)
    wide_rows, wide_small = wide_text(settings)
    criterion = None if args.no_criterion else criterion_kernel_and_copy()
    # The same kernel from Python, measured right after criterion so both see the same machine.
    simd_python = statistics.median(
        repeat(partial(myrustlib.count_doubles_simd, text), budget=1.0)[0]
    )
    one, both, both_median = two_threads_at_once()
    many = many_threads_at_once(calls=3 if settings.quick else 20)
    traced, resident, same_for_threads = random_string_memory_and_threads()
    color_times = color_call_times(20_000 if settings.quick else 200_000)

    fastest = min((c.__name__ for c in myrustlib.COUNTERS), key=doubles.median)
    regex, numpy_count = python("regex with lookahead"), counters.NUMPY
    rust_string = "myrustlib.random_string (seeded)"
    color_medians = {name: statistics.median(t) for name, t in color_times.items()}
    python_call, rust_call = color_medians.values()
    targets = [
        at_least(
            f"count_doubles fastest (`{fastest}`) ≥ 800x the Python regex",
            doubles.ratio(regex, fastest),
            800,
        ),
        at_least(f"`{fastest}` ≥ 5x numpy", doubles.ratio(numpy_count, fastest), 5),
        at_least(
            "random_string ≥ 100x random.choices", strings.ratio(RANDOM_CHOICES, rust_string), 100
        ),
        at_least(
            "random_string ≥ 5x numpy (all cores; numpy uses one)",
            strings.ratio(NUMPY_LETTERS, rust_string),
            5,
        ),
        Target(
            "random_string peak memory ≤ 1.5x output",
            f"{format_ratio(traced, 2)} traced, {format_ratio(resident, 2)} resident",
            max(traced, resident) <= 1.5,
        ),
        Target(
            "random_string seeded output independent of thread count",
            "identical for 1 and 2 threads" if same_for_threads else "DIFFERENT",
            same_for_threads,
        ),
        at_least(
            "render ≥ 1000x the talk's Python frame",
            frames.ratio(TALK_FRAME, "myrustlib.render"),
            1000,
        ),
        at_least(
            "render ≥ 40x the fast numpy frame", frames.ratio(NUMPY_FRAME, "myrustlib.render"), 40
        ),
        at_least(
            "Rust color per pixel ≥ 10x the talk's color per pixel",
            frames.ratio(TALK_FRAME, "myrustlib.color per pixel, Python loop"),
            10,
        ),
        *scan_targets(scans),
        Target(
            "wide text (2- and 4-byte) counted without allocating in proportion",
            "< 1 MB traced and < 1 MB resident growth" if wide_small else "ALLOCATED",
            wide_small,
        ),
        Target(
            "two threads on a serial variant take about the time of one (best of 9 rounds)",
            f"{format_seconds(one)} alone, {format_seconds(both)} for two "
            f"({format_ratio(both / one, 2)}); median round {format_seconds(both_median)} "
            f"({format_ratio(both_median / one, 2)})",
            both / one < 1.5,
        ),
        Target(
            "parallel variants from 16 threads at once: no deadlock, right answers",
            f"all done in {format_seconds(many)}",
            True,
        ),
    ]
    if criterion is not None:
        copy, kernel = criterion["copy_from_slice"], criterion["count_doubles_simd"]
        targets[2:2] = [
            Target(
                "criterion: simd kernel ≥ 2x the throughput of copy_from_slice",
                f"{format_seconds(kernel)} vs {format_seconds(copy)} "
                f"({format_ratio(copy / kernel, 2)})",
                copy / kernel >= 2,
            ),
            Target(
                "Python call within 1.2x of the criterion kernel time",
                f"{format_seconds(simd_python)} vs {format_seconds(kernel)} "
                f"({format_ratio(simd_python / kernel, 2)})",
                simd_python / kernel <= 1.2,
            ),
        ]

    report = [
        "# Benchmarks",
        "",
        "Written by `python benches/report.py --write` (after `./release.sh`); rerun it to "
        "measure your machine. Every competitor ran in the same process on the same inputs, its "
        f"answer checked first, in {settings.rounds} interleaved rounds; times are medians over "
        "the rounds, and each speed-up is the median of the round-by-round ratios with the "
        "lowest and highest round in brackets. Targets are judged on the median.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Targets",
        "",
        "| target | measured: median [lowest-highest round] | met |",
        "|---|---|:-:|",
        *[f"| {t.goal} | {t.measured} | {'yes' if t.met else '**no**'} |" for t in targets],
        "",
        "![Median times, log scale](docs/benchmarks.png)",
        "",
        PEERS,
    ]
    for comparison in comparisons:
        report += [f"## {comparison.title}", "", comparison.table(), ""]
    report += [
        "## Parallel against serial, at every size",
        "",
        "Speed-up of each parallel function over its serial form (the counters' serial variants;"
        " random_string and render on a one-thread pool, `RAYON_NUM_THREADS=1`, in a second "
        "interpreter taking turns with the first), median [lowest-highest round]. Below the "
        "size from which a function splits its work (docs/design.md) both run the same code.",
        "",
        scan_table(scans),
        "",
        "## The talk's profiling lesson: per-call times of color()",
        "",
        "![Histogram of per-call times of color(), Python and Rust](docs/color_times.png)",
        "",
        "Medians: "
        + ", ".join(f"{name} {median:,.0f} ns" for name, median in color_medians.items())
        + f" per call, of {len(next(iter(color_times.values()))):,} calls each (the Python "
        "times have two peaks: rays that miss, and rays that hit and are shaded). "
        f"The Rust color() is only {format_ratio(python_call / rust_call)} faster per call, "
        "because each call from a Python loop still pays for the loop, the "
        "call and the tuple; the pixel's own arithmetic is about 20 ns. That is the talk's "
        "lesson: move the loop, not only its body (render draws all 480,000 pixels in one call).",
        "",
        "## Wide text",
        "",
        *wide_rows,
        EXPLANATIONS,
    ]
    for t in targets:
        print(f"  [{'met' if t.met else 'NOT MET'}] {t.goal}: {t.measured}")
    if args.write:
        chart(comparisons, ROOT / "docs" / "benchmarks.png")
        color_histogram(color_times, ROOT / "docs" / "color_times.png")
        args.output.write_text("\n".join(report))
        print(f"\nwrote {args.output}, docs/benchmarks.png and docs/color_times.png")
    else:
        print("\n(nothing written: --write writes BENCHMARKS.md and the pictures)")


PEERS = """## The peers, and how each was made fast

- **count_doubles, Python**: the original project's own loops (zip, one pass, itertools.tee)
  and its regex, as plain functions without the argument checks `myrustlib.reference` adds
  (`myrustlib.bench.counters`).
- **count_doubles, numpy**: `np.count_nonzero(a[1:] == a[:-1])` on the text already converted
  to a uint8 array (the conversion is not timed): one vectorised comparison and a count.
- **random_string, Python**: `"".join(random.choices(string.ascii_letters, k=n))`, the fastest
  stdlib way (one call, no per-character Python loop; the original `random.choice` loop is about
  three times slower and appears in the tour).
- **random_string, numpy**: `letters[rng.integers(0, 52, size=n)].tobytes().decode("ascii")`
  with a `default_rng` made beforehand: one vectorised draw, one gather, one decode. Drawing
  into int64 is faster here than asking for uint8 (measured: 29 ms against 55 ms for 10M), and
  `rng.choice(letters, n)` is no faster.
- **The frame, Python**: the talk's own `color(x, y)` on the talk's own classes (plain
  attributes, no checks; `myrustlib.bench.ray`), one call per pixel, as its drawing loop did.
- **The frame, numpy**: the coordinates broadcast (a row vector against a column vector), one
  discriminant for the whole frame, and everything after it computed only where the rays hit the
  sphere (a quarter of the pixels), with the constants the scene implies folded exactly (the ray
  looks along +z); no per-pixel Python. It draws the identical frame.
"""

EXPLANATIONS = """## Reading the numbers

- **Why `count_doubles_once_bytes` is not faster than `count_doubles_once` on ASCII**: an ASCII
  str is UTF-8 already, and decoding ASCII characters from UTF-8 costs one predictable branch a
  byte; the compiler turns both loops into the same kind of scalar loop. `peek`, `memreplace`
  and `fold` are the same pass written three more ways, and compile to loops of the same cost:
  the table shows what each technique costs, and for these it is the same.
- **Why `count_doubles_simd` is an order of magnitude faster again**: the kernel keeps an 8-bit
  counter per lane, 32 lanes per AVX2 register, widened only every 255 steps, so each
  instruction does 16 times the work of the slice loops. numpy's `a[1:] == a[:-1]` writes a
  10 MB boolean array and reads it back to count it: three passes over memory where the kernel
  makes one.
- **Why the parallel functions start late**: splitting costs the wake-up of a second thread, tens
  of microseconds on this virtual machine, and often more when the hypervisor has parked the
  second vCPU. The vectorised counter reads cached text at tens of GB/s, so a second thread only
  pays when the text no longer fits the 32 MB cache and comes from memory; the windowed counter
  and random_string pay from about a millisecond of work. The thresholds (docs/design.md) were
  chosen from these scans.
- **The frame**: render computes four pixels per instruction (AVX2) with the same IEEE
  operations as the scalar code, fills the background with one memset per row, and spends its
  time on the three square roots and two divisions of each lit pixel, which the FPU cannot
  issue faster. numpy does the same arithmetic on the same hardware, but on one core, and with
  every step a pass over memory.
- **Per-call overhead**: `myrustlib.color` is about 20 ns of Rust behind about 200 ns of Python
  loop, call and tuple building, which is why the per-pixel frame is only tens of times faster
  than the talk's while `render`, one call for the frame, is thousands of times faster.
"""


if __name__ == "__main__":
    main()
