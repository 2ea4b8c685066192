"""The tour behind `python -m myrustlib`: every implementation run, timed and checked."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image

import myrustlib
from myrustlib import reference, tour


def test_a_small_tour_runs_every_implementation_and_agrees(tmp_path: Path) -> None:
    png = tmp_path / "sphere.png"
    out = io.StringIO()
    results = tour.run(5_000, str(png), out=out)

    steps = [(r.step, r.language) for r in results]
    assert steps.count(("generate", "Python")) == 1
    assert steps.count(("count", "Python")) == 3
    assert steps.count(("count", "Rust")) == 7
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
    assert f"all 10 answers equal: {expected:,}" in text


def test_quiet_prints_nothing_and_json_has_every_result(tmp_path: Path) -> None:
    out = io.StringIO()
    png = str(tmp_path / "s.png")
    results = tour.run(1_000, png, out=out, quiet=True)
    assert out.getvalue() == ""
    document = json.loads(tour.to_json(results, 1_000, png))
    assert document["version"] == myrustlib.__version__
    assert document["size"] == 1_000
    assert document["frame"]["png"] == png
    assert len(document["results"]) == len(results) == 15
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
    [(4.2531, "4.25 s"), (0.231, "231 ms"), (8.62e-5, "86.2 µs"), (5e-7, "500 ns")],
)
def test_format_seconds(seconds: float, text: str) -> None:
    assert tour.format_seconds(seconds) == text


@pytest.mark.parametrize(("ratio", "text"), [(1.0, "1.0x"), (0.44, "0.4x"), (1292.4, "1,292x")])
def test_format_ratio(ratio: float, text: str) -> None:
    assert tour.format_ratio(ratio) == text


def test_disagreeing_counters_are_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(myrustlib, "count_doubles_simd", lambda text: -1)
    with pytest.raises(tour.TourError, match="disagree"):
        tour.run(1_000, str(tmp_path / "s.png"), out=io.StringIO())
