"""The command line's live progress line: drawn on terminals only, and only for slow work."""

from __future__ import annotations

import io
import time

from myrustlib._progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_slow_work_on_a_terminal_draws_a_bar_then_erases_it() -> None:
    terminal = _Terminal()
    with Progress("working", total=10, stream=terminal, delay=0.0, interval=0.01) as progress:
        progress.advance(5)
        deadline = time.monotonic() + 30
        while "50%" not in terminal.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    drawn = terminal.getvalue()
    assert "working [############------------]  50%" in drawn
    assert drawn.endswith("\r\x1b[K")


def test_fast_work_draws_nothing() -> None:
    terminal = _Terminal()
    with Progress("quick", stream=terminal, delay=60.0, interval=0.01):
        time.sleep(0.05)
    assert terminal.getvalue() == ""


def test_nothing_is_drawn_when_not_a_terminal() -> None:
    redirected = io.StringIO()
    with Progress("working", total=2, stream=redirected, delay=0.0, interval=0.01) as progress:
        progress.advance(1)
        time.sleep(0.05)
    assert redirected.getvalue() == ""


def test_line_without_a_total_is_a_spinner_with_the_elapsed_time() -> None:
    progress = Progress("counting")
    assert progress.line(1.25, 0) == "counting |   1.2 s"
    assert progress.line(1.25, 1) == "counting /   1.2 s"


def test_line_with_a_total_caps_at_100_percent() -> None:
    progress = Progress("drawing", total=4)
    progress.advance(9)
    assert progress.line(2.0, 0) == "drawing [" + "#" * 24 + "] 100%   2.0 s"
