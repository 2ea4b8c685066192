"""Shared test settings and fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[2]

# No deadline: hypothesis's per-example deadline is a timing assertion, and machines are noisy.
settings.register_profile("default", deadline=None, max_examples=200)
# More examples for a thorough run: HYPOTHESIS_PROFILE=thorough make test
settings.register_profile("thorough", deadline=None, max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_report_header() -> list[str]:
    """Which build the run tests, and a warning if it is older than the Rust sources (make test
    never rebuilds: `make dev` or `./release.sh` do)."""
    import myrustlib._myrustlib as compiled

    extension = Path(compiled.__file__ or "")
    where = "make dev build" if REPO in extension.parents else "installed build"
    lines = [f"myrustlib {compiled.__version__}: {where}, {extension}"]
    sources = [*REPO.glob("crates/*/src/**/*.rs"), *REPO.glob("crates/*/Cargo.toml")]
    newest = max((path.stat().st_mtime, path) for path in sources) if sources else None
    if newest and extension.is_file() and newest[0] > extension.stat().st_mtime:
        relative = newest[1].relative_to(REPO)
        lines.append(f"WARNING: {relative} is newer than this build; rebuild to test it")
    return lines


def _run_python(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def run_python() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs a script in a fresh interpreter, so a hang or crash fails the test, not the run."""
    return _run_python


def _run_script(
    path: str | Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ if env is None else env)
    # The scripts import their helpers as `scripts.<name>`, as the tests do.
    tests = str(REPO / "python" / "tests")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [tests, env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, str(path), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


@pytest.fixture
def run_script() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs a script file (one of scripts/) with arguments in a fresh interpreter, in the
    environment `env` if given, so a hang or crash fails the test, not the run."""
    return _run_script


def _releases_gil(call: Callable[[], object]) -> bool:
    """Whether another Python thread ran while `call()` was running.

    With the GIL held, the other thread could not execute a single bytecode during the call,
    so seeing it record times well inside the call's interval proves the GIL was released.
    No duration is asserted: only the order of events. Five attempts absorb scheduling noise.
    """
    ticks: list[float] = []
    stop = threading.Event()

    def ticker() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        for _attempt in range(5):
            ticks.clear()
            start = time.perf_counter()
            call()
            end = time.perf_counter()
            quarter = (end - start) / 4
            if any(start + quarter < tick < end - quarter for tick in list(ticks)):
                return True
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(old_interval)
    return False


@pytest.fixture
def releases_gil() -> Callable[[Callable[[], object]], bool]:
    """See `_releases_gil`."""
    return _releases_gil
