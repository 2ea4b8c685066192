"""Ctrl-C: a loop of long calls, to be interrupted by SIGINT.

Run by test_interrupt.py in a fresh interpreter, `python interrupt.py CASE PNG_PATH`: sets the
case up, makes one call, prints "ready <seconds it took>", then repeats the call until
KeyboardInterrupt ends the process. Importing it runs nothing: CASES holds every case's setup.
"""

from __future__ import annotations

import functools
import io
import sys
import threading
import time
from typing import Callable

import myrustlib as m

Call = Callable[[], object]
Setup = Callable[[str], Call]
"""A case's setup: given the path a PNG may be written to, the call to repeat."""

CASES: dict[str, Setup] = {}


def case(name: str) -> Callable[[Setup], Setup]:
    """Registers a setup as the case `name`."""

    def register(setup: Setup) -> Setup:
        CASES[name] = setup
        return setup

    return register


@case("count_doubles_simd_parallel")
def _simd_parallel(path: str) -> Call:
    text = "ab" * 100_000_000
    return functools.partial(m.count_doubles_simd_parallel, text)


@case("count_doubles")
def _count_doubles(path: str) -> Call:
    text = "ab" * 100_000_000
    return functools.partial(m.count_doubles, text)


@case("count_doubles_slice_parallel")
def _slice_parallel(path: str) -> Call:
    text = bytearray(b"ab" * 100_000_000)
    return functools.partial(m.count_doubles_slice_parallel, text)


@case("random_string")
def _random_string(path: str) -> Call:
    return functools.partial(m.random_string, 200_000_000)


@case("render")
def _render(path: str) -> Call:
    return functools.partial(m.render, 4000, 3000)


@case("save_png")
def _save_png(path: str) -> Call:
    return functools.partial(m.save_png, path, 4000, 3000)


@case("count_doubles_stream")
def _stream(path: str) -> Call:
    data = b"ab" * 50_000_000
    return lambda: m.count_doubles_stream(io.BytesIO(data))


@case("16_threads")
def _sixteen_threads(path: str) -> Call:
    """15 daemon threads keep the pool and the GIL busy while the main thread is interrupted;
    the process must still exit (daemon threads are stopped at exit, inside Rust or not)."""
    text = "ab" * 10_000_000

    def work() -> None:
        while True:
            m.count_doubles(text)
            m.render(400, 300)
            m.random_string(1_000_000)
            m.count_doubles_simd_parallel(text)

    for _ in range(15):
        threading.Thread(target=work, daemon=True).start()
    return functools.partial(m.count_doubles_slice_parallel, text)


def main(argv: list[str]) -> None:
    name, path = argv
    call = CASES[name](path)
    began = time.perf_counter()
    call()
    print(f"ready {time.perf_counter() - began:.3f}", flush=True)
    while True:
        call()


if __name__ == "__main__":
    main(sys.argv[1:])
