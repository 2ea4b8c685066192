"""A one-line live progress display on stderr, for the command line's slow steps."""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO, final

if TYPE_CHECKING:
    from types import TracebackType

_SPINNER = "|/-\\"
_BAR_WIDTH = 24


@final
class Progress:
    """Shows `label`, elapsed time and (with a `total`) a bar, once the work is slow.

    Drawn by a background thread every `interval` seconds, only after `delay` seconds and
    only when `stream` (default sys.stderr) is a terminal, so fast work and redirected
    output stay quiet. The line is erased when the `with` block ends. The timed code only
    calls advance(), which costs an addition: the drawing never runs on its thread.
    """

    def __init__(
        self,
        label: str,
        total: int | None = None,
        *,
        stream: TextIO | None = None,
        delay: float = 1.0,
        interval: float = 0.1,
    ) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self._stream = sys.stderr if stream is None else stream
        self._delay = delay
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False
        self._started = 0.0

    def advance(self, amount: int = 1) -> None:
        """Record `amount` more units of work done (out of `total`)."""
        self.done += amount

    def __enter__(self) -> Progress:
        self._started = time.perf_counter()
        isatty = getattr(self._stream, "isatty", None)
        if isatty is not None and isatty():
            self._thread = threading.Thread(target=self._run, name="myrustlib-progress")
            self._thread.daemon = True
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._drawn:
            self._stream.write("\r\x1b[K")  # back to column 0, erase the line
            self._stream.flush()

    def line(self, elapsed: float, tick: int) -> str:
        """The text drawn after `elapsed` seconds, on the `tick`-th redraw."""
        if self.total:
            fraction = min(self.done / self.total, 1.0)
            filled = int(fraction * _BAR_WIDTH)
            bar = "#" * filled + "-" * (_BAR_WIDTH - filled)
            return f"{self.label} [{bar}] {fraction:4.0%} {elapsed:5.1f} s"
        return f"{self.label} {_SPINNER[tick % len(_SPINNER)]} {elapsed:5.1f} s"

    def _run(self) -> None:
        tick = 0
        while not self._stop.wait(self._interval):
            elapsed = time.perf_counter() - self._started
            if elapsed < self._delay:
                continue
            self._stream.write("\r\x1b[K" + self.line(elapsed, tick))
            self._stream.flush()
            self._drawn = True
            tick += 1
