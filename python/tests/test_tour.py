"""The tour behind `python -m myrustlib`: every implementation run, timed and checked."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image

import myrustlib
from myrustlib import bench, reference, tour
from myrustlib.bench import counters

RUST = len(myrustlib.COUNTERS)
PYTHON = len(counters.PYTHON)


@pytest.mark.smoke
def test_a_small_tour_runs_every_implementation_and_agrees(tmp_path: Path) -> None:
    png = tmp_path / "sphere.png"
    out = io.StringIO()
    results = tour.run(5_000, str(png), out=out)

    steps = [(r.step, r.language) for r in results]
    assert steps.count(("generate", "Python")) == 1
    assert steps.count(("count", "Python")) == PYTHON
    assert steps.count(("count", "Rust")) == RUST
    assert steps.count(("render", "Rust")) == 2
    expected = reference.count_doubles(myrustlib.random_string(5_000, seed=2024))
    assert {r.answer for r in results if r.step == "count"} == {expected}
    for step in ("generate", "count", "render"):
        python = [r.speedup for r in results if r.step == step and r.language == "Python"]
        assert max(python) == 1.0  # the fastest Python implementation is the baseline
    assert all(r.seconds > 0 for r in results)

    width, height = tour.frame_size(5_000)
    with Image.open(png) as image:
        assert image.size == (width, height)
        assert image.tobytes() == reference.render(width, height)
    text = out.getvalue()
    for heading in ("1. Generate", "2. Count doubles", "3. Render", "4. Summary"):
        assert heading in text
    assert f"all {PYTHON + RUST} answers equal: {expected:,}" in text


def test_quiet_prints_nothing_and_json_has_every_result(tmp_path: Path) -> None:
    out = io.StringIO()
    png = str(tmp_path / "s.png")
    results = tour.run(1_000, png, out=out, quiet=True)
    assert out.getvalue() == ""
    document = json.loads(tour.to_json(results, 1_000, png))
    assert document["version"] == myrustlib.__version__
    assert document["size"] == 1_000
    assert document["frame"]["png"] == png
    assert len(document["results"]) == len(results) == 2 + PYTHON + RUST + 3
    assert set(document["results"][0]) == {
        "step",
        "implementation",
        "language",
        "seconds",
        "speedup",
        "answer",
    }


@pytest.mark.parametrize(
    ("size", "frame"),
    [(10_000_000, (800, 600)), (2_500_000, (400, 300)), (40_000_000, (1600, 1200)), (1, (1, 1))],
)
def test_frame_size_scales_the_pixel_count_with_the_size(size: int, frame: tuple[int, int]) -> None:
    assert tour.frame_size(size) == frame


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (4.2531, "4.25 s"),
        (1234.5, "1,234 s"),
        (0.231, "231 ms"),
        (8.62e-5, "86.2 µs"),
        (5e-7, "500 ns"),
        (1.2e-7, "120 ns"),
        (8.62e-8, "86.2 ns"),
    ],
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert bench.format_seconds(seconds) == text


@pytest.mark.parametrize(
    ("ratio", "decimals", "text"),
    [
        (1.0, 1, "1.0x"),
        (0.44, 1, "0.4x"),
        (29.2, 1, "29x"),
        (1292.4, 1, "1,292x"),
        (1.054, 2, "1.05x"),
    ],
)
def test_format_ratio(ratio: float, decimals: int, text: str) -> None:
    assert bench.format_ratio(ratio, decimals) == text


@pytest.mark.parametrize(
    ("least", "most", "budget", "timed"), [(1, 5, 0.0, 1), (3, 5, 0.0, 3), (1, 4, 60.0, 4)]
)
def test_repeat_times_at_least_least_and_at_most_most_calls(
    least: int, most: int, budget: float, timed: int
) -> None:
    calls = 0

    def call() -> int:
        nonlocal calls
        calls += 1
        return calls

    times, value = bench.repeat(call, budget=budget, least=least, most=most)
    assert len(times) == timed
    assert value == calls == timed + 1  # one untimed warm-up call first
    assert all(took >= 0 for took in times)


def test_the_tour_and_its_peers_need_no_numpy(
    run_python: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    result = run_python(
        """
        import sys
        sys.modules["numpy"] = None  # any import of numpy now fails
        import io, tempfile, myrustlib.tour
        from myrustlib.bench import counters, ray, utils
        with tempfile.TemporaryDirectory() as folder:
            myrustlib.tour.run(300, folder + "/s.png", out=io.StringIO())
        """
    )
    assert result.returncode == 0, result.stderr


def test_disagreeing_counters_are_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def count_doubles_wrong(text: object) -> int:
        return -1

    monkeypatch.setattr(myrustlib, "COUNTERS", (*myrustlib.COUNTERS, count_doubles_wrong))
    with pytest.raises(tour.TourError, match="disagree"):
        tour.run(1_000, str(tmp_path / "s.png"), out=io.StringIO())
