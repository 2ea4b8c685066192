"""Many threads at once: scripts/threads.py's 16 threads call every public function, serial and
parallel variants, long inputs and calls that raise mixed; every answer is checked and every
thread must finish. In a fresh interpreter, so a deadlock or crash fails one test."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Callable

import pytest
from scripts import threads

RunScript = Callable[..., subprocess.CompletedProcess[str]]


@pytest.mark.parametrize(
    "rayon_threads", ["", "1", "3"], ids=["rayon_default", "rayon_1", "rayon_3"]
)
def test_many_threads_calling_every_function_at_once(
    run_script: RunScript, rayon_threads: str
) -> None:
    """16 threads, each running every public function (long inputs, serial and parallel
    variants, raising calls) in its own order, three times. A pool of one rayon thread, where
    all 16 callers queue behind each other, and a pool larger than the CPU count included."""
    env = {key: value for key, value in os.environ.items() if key != "RAYON_NUM_THREADS"}
    if rayon_threads:
        env["RAYON_NUM_THREADS"] = rayon_threads
    result = run_script(threads.__file__, env=env)
    assert result.returncode == 0, result.stderr[-5000:]
    summary = json.loads(result.stdout.splitlines()[-1])
    assert summary["rayon_threads"] == rayon_threads
    assert summary["failures"] == []
    assert summary["expected"] == threads.THREADS * threads.ROUNDS * len(threads.tasks())
    assert summary["done"] == summary["expected"]
