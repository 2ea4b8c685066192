"""The tour (`python -m myrustlib`): every Python and Rust implementation, side by side.

Three steps, each timed on this machine and checked for equal answers: generating a random
test string, counting its doubles, rendering the sphere scene (written to a PNG). The
summary table gives each implementation's speed-up over the fastest pure-Python one of its
step. Times are the best of a few runs (one run for anything slower than a second):
enough to see the gaps, not a benchmark; `python benches/report.py` measures carefully.
"""

from __future__ import annotations

import json
import math
import textwrap
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Callable, TextIO, TypeVar

import myrustlib
from myrustlib._progress import Progress
from myrustlib.bench import counters, format_ratio, format_seconds, ray, repeat, utils

if TYPE_CHECKING:
    from collections.abc import Sequence

T = TypeVar("T")

DEFAULT_SIZE = 10_000_000
"""Characters in the test string by default; the frame is then 800x600, the talk's."""


@dataclass(frozen=True)
class Result:
    """One implementation's run in the tour."""

    step: str
    """"generate", "count" or "render"."""
    implementation: str
    language: str
    """"Python" or "Rust"."""
    seconds: float
    """Best time of the runs made."""
    speedup: float = 1.0
    """The fastest Python implementation's time in this step divided by this one's."""
    answer: int | None = None
    """The count, for the "count" step."""


class TourError(RuntimeError):
    """Two implementations disagreed: a bug, reported instead of a table."""


def frame_size(size: int) -> tuple[int, int]:
    """The frame rendered for a tour of `size` characters: 800x600 scaled by size/10M in area."""
    scale = math.sqrt(size / DEFAULT_SIZE)
    return max(1, round(800 * scale)), max(1, round(600 * scale))


def run(
    size: int = DEFAULT_SIZE,
    png: str = "sphere.png",
    *,
    out: TextIO,
    progress: TextIO | None = None,
    quiet: bool = False,
) -> list[Result]:
    """Run the tour on a `size`-character string, writing the picture to `png`.

    Prints each step to `out` unless `quiet`; live progress goes to `progress` (default
    stderr) when that is a terminal. Returns every result, speed-ups filled in.
    """
    say: Callable[[str], None] = (
        (lambda _line: None) if quiet else (lambda line: print(line, file=out))
    )
    width, height = frame_size(size)
    say(f"myrustlib {myrustlib.__version__} tour: {size:,} characters, {width}x{height} pixels")
    say("(best of a few runs each; `python benches/report.py` benchmarks carefully)")

    say("\n1. Generate the test string: random ASCII letters")
    results = [
        _run(say, "generate", "Rust", "random_string(n)", lambda _: myrustlib.random_string(size)),
        _run(
            say,
            "generate",
            "Python",
            "random.choice per character",
            lambda progress: utils.random_choice_loop(size, progress=progress.advance),
            total=size,
        ),
    ]
    text = myrustlib.random_string(size, seed=2024)

    say("\n2. Count doubles (positions i where s[i] == s[i + 1]) in that string")
    counting = [("Python", peer.label, peer.function) for peer in counters.PYTHON]
    counting += [("Rust", f"{count.__name__}(s)", count) for count in myrustlib.COUNTERS]
    for language, name, count in counting:
        results.append(_run(say, "count", language, name, _counting(count, text), show=True))
    answers = {result.answer for result in results if result.step == "count"}
    if len(answers) != 1:
        raise TourError(f"the counters disagree: {sorted(a for a in answers if a is not None)}")
    say(f"   all {len(counting)} answers equal: {answers.pop():,}")

    say(f"\n3. Render the sphere, {width}x{height} pixels")
    frames: list[bytes] = []
    pixels = width * height
    drawings: list[tuple[str, str, Callable[[Progress], bytes], int | None]] = [
        (
            "Python",
            "color(x, y) per pixel, the talk's",
            _per_pixel(ray.color, width, height),
            pixels,
        ),
        (
            "Rust",
            "color(x, y) per pixel, from Python",
            _per_pixel(myrustlib.color, width, height),
            pixels,
        ),
        ("Rust", f"render({width}, {height}), the whole frame", _whole_frame(width, height), None),
    ]
    for language, name, draw, total in drawings:
        results.append(_run(say, "render", language, name, draw, total=total, keep=frames.append))
    if any(frame != frames[0] for frame in frames):
        raise TourError("the rendered frames differ")
    myrustlib.save_png(png, width, height)
    say(f"   all {len(frames)} frames identical, byte for byte; wrote {png}")

    results = _with_speedups(results)
    say("\n4. Summary: speed-up over the fastest pure-Python implementation of each step")
    for line in table(results):
        say(line)
    generate = min(r.seconds for r in results if r.step == "generate" and r.language == "Python")
    slowest = max(r.seconds for r in results if r.step == "count" and r.language == "Python")
    ratio = format_ratio(generate / slowest)
    lesson = (
        f"Making the test string in Python took {ratio} as long as counting its doubles with "
        "the slowest Python counter: profile (python -m cProfile) before deciding what to "
        "move to Rust."
    )
    say("\n" + textwrap.fill(lesson, width=92))
    return results


def _counting(count: Callable[[str], int], text: str) -> Callable[[Progress], int]:
    return lambda _progress: count(text)


def _per_pixel(
    color: Callable[[int, int, int, int], tuple[int, int, int]], width: int, height: int
) -> Callable[[Progress], bytes]:
    """bench.ray's per-pixel frame loop as a tour step, its progress counted in pixels."""
    return lambda progress: ray.per_pixel_frame(color, width, height, progress=progress.advance)


def _whole_frame(width: int, height: int) -> Callable[[Progress], bytes]:
    return lambda _progress: myrustlib.render(width, height)


def _run(
    say: Callable[[str], None],
    step: str,
    language: str,
    name: str,
    work: Callable[[Progress], T],
    *,
    total: int | None = None,
    show: bool = False,
    keep: Callable[[T], None] | None = None,
) -> Result:
    """Time `work` (best of up to 5 runs within about a second) and print its line."""
    with Progress(f"   {language} {name}", total=total) as progress:

        def once() -> T:
            progress.done = 0  # each run's bar starts empty
            return work(progress)

        times, value = repeat(once, budget=1.0, least=1, most=5, warmup=False)
    best = min(times)
    if keep is not None:
        keep(value)
    answer = value if show and isinstance(value, int) else None
    shown = f"{answer:>12,}" if answer is not None else ""
    say(f"   {language:<6} {name:<44} {shown} {format_seconds(best):>9}")
    return Result(step, name, language, best, answer=answer)


def _with_speedups(results: Sequence[Result]) -> list[Result]:
    baseline = {
        step: min(r.seconds for r in results if r.step == step and r.language == "Python")
        for step in dict.fromkeys(r.step for r in results)
    }
    return [
        Result(
            r.step, r.implementation, r.language, r.seconds, baseline[r.step] / r.seconds, r.answer
        )
        for r in results
    ]


def table(results: Sequence[Result]) -> list[str]:
    """The summary table's lines: step, language, implementation, time, speed-up."""
    lines = [f"   {'step':<9} {'':<6} {'implementation':<44} {'time':>9} {'speed-up':>10}"]
    lines += [
        f"   {r.step:<9} {r.language:<6} {r.implementation:<44} "
        f"{format_seconds(r.seconds):>9} {format_ratio(r.speedup):>10}"
        for r in results
    ]
    return lines


def to_json(results: Sequence[Result], size: int, png: str) -> str:
    """The tour's results as a JSON document (the `--json` output)."""
    width, height = frame_size(size)
    document = {
        "version": myrustlib.__version__,
        "size": size,
        "frame": {"width": width, "height": height, "png": png},
        "results": [asdict(result) for result in results],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
