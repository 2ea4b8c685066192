"""Every public name once, with ordinary arguments: the first thing to know on a new Python.

CI runs `pytest -m smoke` (this file, the small tour, the stream and command-line tests) on every
supported CPython the machine has; the full suite runs on one.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any, Callable

import pytest

import myrustlib

pytestmark = pytest.mark.smoke


def _counts(counter: Callable[[str], int]) -> bool:
    return counter("aabbé😀😀") == 3


def _saves(path: Path) -> bool:
    myrustlib.save_png(path, 4, 3)
    return path.read_bytes().startswith(b"\x89PNG")


def _calls(tmp: Path) -> dict[str, Callable[[], Any]]:
    """One ordinary call of each public name, and what it must give."""
    calls: dict[str, Callable[[], Any]] = {
        counter.__name__: functools.partial(_counts, counter) for counter in myrustlib.COUNTERS
    }
    calls |= {
        "COUNTERS": lambda: len(myrustlib.COUNTERS) >= 10,
        "__version__": lambda: myrustlib.__version__.count(".") == 2,
        "count_doubles_stream": lambda: myrustlib.count_doubles_stream(io.BytesIO(b"aa")) == 1,
        "random_string": lambda: len(myrustlib.random_string(5, seed=1)) == 5,
        "Vec": lambda: myrustlib.Vec(3, 0, 4).length() == 5.0,
        "Line": lambda: myrustlib.Line(myrustlib.Vec(0, 0, 0), myrustlib.Vec(0, 0, 1)).v.z == 1,
        "Sphere": lambda: myrustlib.Sphere(myrustlib.Vec(0, 0, 0), 2).r == 2.0,
        "color": lambda: myrustlib.color(0, 0) == (100, 100, 100),
        "render": lambda: len(myrustlib.render(4, 3)) == 36,
        "save_png": functools.partial(_saves, tmp / "x.png"),
    }
    return calls


def test_every_public_name_once(tmp_path: Path) -> None:
    calls = _calls(tmp_path)
    assert set(calls) == set(myrustlib.__all__), "give every public name a smoke call"
    failed = [name for name, call in calls.items() if not call()]
    assert failed == []
