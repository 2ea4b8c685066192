"""Ctrl-C: a process looping over a long call (scripts/interrupt.py) exits with
KeyboardInterrupt once it gets SIGINT."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scripts import interrupt


@pytest.mark.parametrize("name", interrupt.CASES)
def test_a_long_call_in_a_loop_stops_on_ctrl_c(name: str, tmp_path: Path) -> None:
    """SIGINT half a second into a loop of long calls ends the process with KeyboardInterrupt,
    as soon as the call running at that moment returns (30 s is a deadlock bound, not a timing
    assertion: every call here takes well under a second)."""
    process = subprocess.Popen(
        [sys.executable, interrupt.__file__, name, str(tmp_path / "frame.png")],
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
