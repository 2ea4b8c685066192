"""Measure myrustlib against its competitors, side by side, and write BENCHMARKS.md.

    python benches/report.py            # after ./release.sh; about two minutes

Runs, in one process on one machine: every count_doubles variant against the pure-Python
references and numpy on a 10,000,000-character string; random_string against
random.choices and numpy; the ray tracer's frame four ways; plus the checks the speed targets
name (criterion's kernel and copy times, the cost of calling from Python, memory while counting
wide text and while generating, two threads at once, many threads at once). It writes
BENCHMARKS.md and docs/benchmarks.png at the repository root, and prints the same tables.

Every competitor's answer is checked against the reference before it is timed. Nothing here is a
test: the numbers are what this machine measured, and BENCHMARKS.md says which targets they meet.

The competitors, the timing loop and the formatting are myrustlib.bench's (the Rust counters are
myrustlib.COUNTERS); what this file adds is the report's own: its sections, the memory and thread
checks, the targets, the chart and BENCHMARKS.md.
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
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

import myrustlib
from myrustlib import reference
from myrustlib.bench import LENGTH, SEED, counters, format_ratio, format_seconds, ray, repeat, utils

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


@dataclass
class Timing:
    """Wall-clock times of repeated calls, in seconds."""

    name: str
    times: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def best(self) -> float:
        return min(self.times)


def measure(name: str, call: Callable[[], object], *, budget: float = 1.0) -> Timing:
    """Times `call` repeatedly: at least 3 rounds, more while within `budget` seconds (at most
    1000), after one warm-up call."""
    return timing(name, repeat(call, budget=budget)[0])


def timing(name: str, times: list[float]) -> Timing:
    """The Timing of `times`, its median printed as a progress line."""
    print(f"  {name:<40} median {format_seconds(statistics.median(times)):>10}", flush=True)
    return Timing(name, times)


@dataclass
class Section:
    """One comparison: its timings, the baselines the ratios refer to, and notes."""

    title: str
    timings: list[Timing]
    python: str  # name of the pure-Python reference row
    numpy: str  # name of the numpy row
    notes: list[str] = field(default_factory=list)

    def row(self, name: str) -> Timing:
        return next(t for t in self.timings if t.name == name)

    def table(self) -> str:
        python, numpy = self.row(self.python).median, self.row(self.numpy).median
        lines = [
            "| implementation | median | best | speed-up over Python | speed-up over numpy |",
            "|---|--:|--:|--:|--:|",
        ]
        lines += [
            f"| `{t.name}` | {format_seconds(t.median)} | {format_seconds(t.best)} "
            f"| {format_ratio(python / t.median, 2)} | {format_ratio(numpy / t.median, 2)} |"
            for t in sorted(self.timings, key=lambda t: t.median)
        ]
        return "\n".join(lines)


@dataclass
class Target:
    goal: str
    measured: str
    met: bool


def speedup(goal: str, baseline: float, ours: float, factor: float) -> Target:
    """A target met when `ours` takes at most 1/factor of `baseline`'s time."""
    return Target(goal, format_ratio(baseline / ours, 2), baseline / ours >= factor)


def check(answer: object, expected: object, name: str) -> None:
    if answer != expected:
        msg = f"{name} gave a wrong answer; refusing to time it"
        raise SystemExit(msg)


def compare(
    title: str,
    competitors: dict[str, Callable[[], T]],
    expected: object,
    *,
    python: str,
    numpy: str,
    budget: float,
    python_budget: float | None = None,
    answer: Callable[[T], object] = lambda value: value,
) -> Section:
    """The section `title`: each competitor's `answer(call())` checked against `expected`, then
    the call measured for about `budget` seconds (`python_budget` for the "python ..." rows)."""
    print(title, flush=True)
    timings = []
    for name, call in competitors.items():
        check(answer(call()), expected, name)
        seconds = budget
        if python_budget is not None and name.startswith("python"):
            seconds = python_budget
        timings.append(measure(name, call, budget=seconds))
    return Section(title, timings, python=python, numpy=numpy)


# --- count_doubles ------------------------------------------------------------------------


def count_doubles_section(text: str) -> Section:
    letters = counters.numpy_letters(text)
    competitors: dict[str, Callable[[], int]] = {
        count.__name__: partial(count, text) for count in myrustlib.COUNTERS
    }
    competitors |= {peer.title: partial(peer.function, text) for peer in counters.PYTHON}
    competitors[counters.NUMPY_TITLE] = partial(counters.numpy_count_doubles, letters)
    return compare(
        "count_doubles: 10,000,000 ASCII letters",
        competitors,
        reference.count_doubles_regex(text),
        python="python count_doubles_regex",
        numpy=counters.NUMPY_TITLE,
        budget=1.0,
        python_budget=2.0,
    )


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
    of `alphabet`, measured in a fresh interpreter (whose high-water mark is the string itself)
    so that a hidden copy anywhere, Rust's allocations included, would show."""
    script = PEAK_RSS + textwrap.dedent(
        """
        import sys, myrustlib
        text = myrustlib.random_string(10_000_000, alphabet=sys.argv[1], seed=1)
        myrustlib.count_doubles_simd_parallel("ab" * 2_000_000)  # start the worker threads
        reset_peak()
        for count in myrustlib.COUNTERS:
            count(text)
        print(peak_growth())
        """
    )
    return int(fresh_python(script, alphabet))


def wide_text_rows() -> tuple[list[str], bool]:
    """Counting 10M-character strings stored with 2 and 4 bytes per character: time per code
    unit, and the memory counting allocates (tracemalloc for Python's allocator; the resident
    high-water mark, in a fresh interpreter, for everything)."""
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
        for name in ("count_doubles_simd", "count_doubles_simd_parallel"):
            function = getattr(myrustlib, name)
            check(function(text), expected, name)
            tracemalloc.start()
            function(text)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            timed = measure(f"{name} ({label})", partial(function, text))
            all_small &= peak < 2**20
            rows.append(
                f"| {label} | `{name}` | {format_seconds(timed.median)} "
                f"| {format_seconds(timed.median / LENGTH)} | {peak:,} B |"
            )
    rows.append("")
    for (label, alphabet), width in zip(WIDE_TEXTS.items(), (2, 4)):
        grown = resident_growth_while_counting(alphabet)
        all_small &= grown < 2**20
        rows.append(
            f"Resident memory growth while every variant counted the {label} text "
            f"(fresh interpreter): {grown / 2**10:,.0f} KiB, against "
            f"{LENGTH * width / 2**20:.0f} MiB of text."
        )
        rows.append("")
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
        data = json.loads(estimates.read_text())
        results[name] = data["median"]["point_estimate"] * 1e-9
    return results


def two_threads_at_once(rounds: int = 9) -> tuple[float, float, float]:
    """One call of a serial variant alone, then two threads each calling it on its own string,
    released together: (median time of one, best and median time of both) over `rounds`.

    The best round shows what releasing the GIL allows; the median also includes how long
    CPython takes to wake the second thread, which on this VM is sometimes milliseconds."""
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


def many_threads_at_once(threads: int = 16, calls: int = 50) -> float:
    """`threads` threads each mixing parallel and serial variants and random_string: the time
    until all have finished (a deadlock would never finish; the join has a timeout)."""
    text = myrustlib.random_string(3 * 2**20, seed=5)
    expected = myrustlib.count_doubles_slice(text)
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


# --- random_string ------------------------------------------------------------------------


def random_string_section() -> Section:
    competitors: dict[str, Callable[[], str]] = {
        "myrustlib.random_string (seeded)": lambda: myrustlib.random_string(LENGTH, seed=SEED),
        "myrustlib.random_string (OS entropy)": lambda: myrustlib.random_string(LENGTH),
        'python "".join(random.choices(...))': partial(utils.random_choices, LENGTH),
        "numpy rng.integers into a letter table": partial(utils.numpy_random_string(SEED), LENGTH),
    }
    return compare(
        "random_string: 10,000,000 ASCII letters",
        competitors,
        (LENGTH, True),
        python='python "".join(random.choices(...))',
        numpy="numpy rng.integers into a letter table",
        budget=2.0,
        answer=lambda sample: (len(sample), set(sample) <= set(string.ascii_letters)),
    )


def random_string_one_thread() -> Timing:
    """random_string(10M) in a fresh interpreter whose pool has one thread (RAYON_NUM_THREADS=1):
    the like-for-like comparison with single-threaded numpy and random.choices."""
    script = textwrap.dedent(
        """
        import json, myrustlib
        from myrustlib.bench import repeat
        call = lambda: myrustlib.random_string(10_000_000, seed=2017)
        print(json.dumps(repeat(call, least=30, most=30)[0]))  # after one warm-up call
        """
    )
    times = json.loads(fresh_python(script, threads="1"))
    return timing("myrustlib.random_string (seeded, 1 thread)", times)


def random_string_memory_and_threads() -> tuple[float, float, bool]:
    """In fresh interpreters: (peak traced memory / output size, resident peak growth / output size)
    for random_string(10M), and whether 1 and 2 worker threads give the same seeded string."""
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


# --- the ray tracer -----------------------------------------------------------------------


def render_section() -> Section:
    competitors: dict[str, Callable[[], bytes]] = {
        "myrustlib.render": partial(myrustlib.render, ray.WIDTH, ray.HEIGHT),
        "myrustlib.color per pixel, Python loop": partial(ray.per_pixel_frame, myrustlib.color),
        "python color per pixel (the talk)": partial(ray.per_pixel_frame, reference.color),
        "numpy vectorised frame": partial(ray.numpy_frame, ray.WIDTH, ray.HEIGHT),
    }
    return compare(
        "render: the 800x600 frame",
        competitors,
        reference.render(ray.WIDTH, ray.HEIGHT),
        python="python color per pixel (the talk)",
        numpy="numpy vectorised frame",
        budget=3.0,
    )


# --- the report ---------------------------------------------------------------------------


def machine() -> list[str]:
    import numpy as np

    cpu = platform.processor() or platform.machine()
    for line in (
        Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []
    ):
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


def chart(sections: list[Section], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(
        len(sections),
        1,
        figsize=(9, 2.2 + 0.42 * sum(len(s.timings) for s in sections)),
        gridspec_kw={"height_ratios": [len(s.timings) for s in sections]},
    )
    for axis, section in zip(axes, sections):
        rows = sorted(section.timings, key=lambda t: t.median, reverse=True)
        colors = [
            "#b7410e"
            if t.name.startswith(("myrustlib", "count_doubles"))
            else "#4c72b0"
            if t.name.startswith("numpy")
            else "#888888"
            for t in rows
        ]
        axis.barh([t.name for t in rows], [t.median * 1e3 for t in rows], color=colors)
        axis.set_xscale("log")
        axis.set_title(section.title, loc="left", fontsize=10)
        axis.tick_params(axis="y", labelsize=8)
        for index, t in enumerate(rows):
            axis.text(
                t.median * 1e3 * 1.08, index, format_seconds(t.median), va="center", fontsize=7
            )
        axis.set_xlim(right=max(t.median for t in rows) * 1e3 * 8)
    axes[-1].set_xlabel("median time per call, milliseconds (log scale; shorter is faster)")
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--no-criterion", action="store_true", help="skip cargo bench")
    args = parser.parse_args()

    text = myrustlib.random_string(LENGTH, seed=SEED)
    doubles = count_doubles_section(text)
    wide_rows, wide_small = wide_text_rows()
    criterion = None if args.no_criterion else criterion_kernel_and_copy()
    # The same kernel from Python, measured right after criterion so both see the same machine.
    simd_python = measure(
        "count_doubles_simd, beside criterion", partial(myrustlib.count_doubles_simd, text)
    ).median
    one, both, both_median = two_threads_at_once()
    many = many_threads_at_once()
    strings = random_string_section()
    strings.timings.append(random_string_one_thread())
    traced, resident, same_for_threads = random_string_memory_and_threads()
    frames = render_section()
    sections = [doubles, strings, frames]
    chart(sections, ROOT / "docs" / "benchmarks.png")

    fastest = doubles.row("count_doubles_simd_parallel").median
    regex = doubles.row("python count_doubles_regex").median
    numpy_doubles = doubles.row(doubles.numpy).median
    rust_string = strings.row("myrustlib.random_string (seeded)").median
    rust_string_1 = strings.row("myrustlib.random_string (seeded, 1 thread)").median
    render = frames.row("myrustlib.render").median
    color = frames.row("myrustlib.color per pixel, Python loop").median
    python_frame = frames.row(frames.python).median
    targets = [
        speedup("count_doubles fastest ≥ 800x Python regex", regex, fastest, 800),
        speedup(
            "count_doubles fastest ≥ 5x numpy (all cores; numpy uses one)",
            numpy_doubles,
            fastest,
            5,
        ),
        speedup(
            "for comparison, not a target: count_doubles_simd (one thread) ≥ 5x numpy",
            numpy_doubles,
            doubles.row("count_doubles_simd").median,
            5,
        ),
        speedup(
            "random_string ≥ 100x random.choices",
            strings.row(strings.python).median,
            rust_string,
            100,
        ),
        speedup(
            "random_string ≥ 5x numpy (all cores; numpy uses one)",
            strings.row(strings.numpy).median,
            rust_string,
            5,
        ),
        speedup(
            "for comparison, not a target: random_string ≥ 5x numpy on one thread each",
            strings.row(strings.numpy).median,
            rust_string_1,
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
        speedup("render ≥ 1000x Python per-pixel frame", python_frame, render, 1000),
        speedup("render ≥ 20x numpy frame", frames.row(frames.numpy).median, render, 20),
        speedup("Rust color per pixel ≥ 10x Python color", python_frame, color, 10),
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
        targets.insert(
            2,
            Target(
                "criterion: simd kernel ≥ 2x the throughput of copy_from_slice",
                f"{format_seconds(kernel)} vs {format_seconds(copy)} "
                f"({format_ratio(copy / kernel, 2)})",
                copy / kernel >= 2,
            ),
        )
        targets.insert(
            3,
            Target(
                "Python call within 1.2x of the criterion kernel time",
                f"{format_seconds(simd_python)} vs {format_seconds(kernel)} "
                f"({format_ratio(simd_python / kernel, 2)})",
                simd_python / kernel <= 1.2,
            ),
        )

    report = [
        "# Benchmarks",
        "",
        "Written by `python benches/report.py` (after `./release.sh`); rerun it to measure your "
        "machine. Every competitor ran in the same process, one after another, on the same "
        "inputs, and its answer was checked against the pure-Python reference first. Times are "
        "medians of repeated calls (best in the next column); ratios use medians.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|:-:|",
        *[f"| {t.goal} | {t.measured} | {'yes' if t.met else '**no**'} |" for t in targets],
        "",
        "![Median times, log scale](docs/benchmarks.png)",
        "",
    ]
    for section in sections:
        report += [f"## {section.title}", "", section.table(), ""]
    report += ["## Wide text", "", *wide_rows, ""]
    report += [EXPLANATIONS]
    args.output.write_text("\n".join(report))
    print(f"\nwrote {args.output} and docs/benchmarks.png")
    for t in targets:
        print(f"  [{'met' if t.met else 'NOT MET'}] {t.goal}: {t.measured}")


EXPLANATIONS = """## Reading the numbers

- **Why `count_doubles_once_bytes` beats `count_doubles_once`**: both make one pass, but
  `once` first decodes each character from UTF-8 (a branch per byte to find character
  boundaries), while `once_bytes` compares the str's stored code units directly.
- **Why `count_doubles_simd` is an order of magnitude faster again**: the compiler already
  vectorises the seed's slice loops, but they count into 64-bit lanes, two per 16-byte register,
  with shuffles to line up the pairs. The kernel keeps an 8-bit counter per lane, 32 lanes per
  AVX2 register, and widens them only every 255 steps, so each instruction does 16 times the
  work. numpy's `a[1:] == a[:-1]` is vectorised too, but writes a 10 MB boolean array and reads
  it back to count it: three passes over memory where the kernel makes one.
- **Why parallel helps less than 2x on 2 cores**: the single-thread kernel already reads tens of
  GB/s from cache; two cores share the last-level cache and memory bandwidth, and splitting the
  work, waking the second thread and joining cost microseconds that matter when the whole call
  takes about a hundred.
- **What memory bandwidth allows**: where the 10 MB string fits in the last-level cache (32 MB
  on the development machine) it is read from cache, not DRAM. `copy_from_slice` reads and
  writes every byte, so a scan that only reads should run at least twice as fast; the criterion
  target checks exactly that. Wide text is 20 or 40 MB: once it no longer fits the cache, its
  rate per code unit drops to what DRAM delivers.
- **Per-call overhead**: `myrustlib.color` is about 20 ns of Rust work behind about 200 ns of
  Python loop, call and tuple building, which is why the per-pixel frame is only tens of times
  faster than pure Python while `render`, one call for 480,000 pixels, is over a thousand times
  faster.
- **random_string**: generation is ChaCha8 key stream plus a multiply per character; the str is
  allocated once by CPython and filled in place by every core, so peak memory is the output
  itself. The one-thread row shows what the second core adds.
- **Two threads at once**: each thread releases the GIL while it counts, so two calls can overlap
  completely, as the best round shows. Even plain Rust threads take about 1.2x the time of one
  for two calls on this 2-vCPU virtual machine, and in some rounds CPython wakes the second
  thread only milliseconds later (it waits for the GIL until the first thread's call has
  released it and the scheduler runs it), which is why the median round is slower.
"""


if __name__ == "__main__":
    main()
