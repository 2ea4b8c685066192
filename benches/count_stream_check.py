"""`myrustlib count` on a 2 GiB file: the in-memory answer, in constant memory.

    python benches/count_stream_check.py [--gib 2] [--dir DIR] [--keep]

Writes a file of random text (ASCII letters mixed with 2-, 3- and 4-byte UTF-8 characters,
so that characters and doubles straddle the 1 MiB chunk boundaries), then runs
`python -m myrustlib count` on it three ways: the file as text, the file through a pipe on
stdin, and the file with --bytes. Each run's peak resident memory is that child process's
own (os.wait4). Then it counts the same file in memory (read whole, decoded, counted with
count_doubles_simd_parallel) and compares.

Exits with status 1 if any answer differs or any run's peak RSS reaches 100 MB. Needs the
file's size on disk and about three times it in RAM for the in-memory count; about a
minute per GiB on the 2-core development machine. Not part of the test suite (too big).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import myrustlib
from myrustlib.bench import format_seconds

ALPHABET = "aabé€😀"  # 1-, 2-, 3- and 4-byte characters; "a" twice, so doubles are common
RSS_LIMIT_MB = 100
BLOCK_CHARS = 1 << 22


def write_file(path: Path, size: int) -> None:
    """Write at least `size` bytes of random text drawn from ALPHABET (seeded: reproducible)."""
    written = 0
    with path.open("wb") as file:
        for seed in range(sys.maxsize):
            if written >= size:
                break
            block = myrustlib.random_string(BLOCK_CHARS, alphabet=ALPHABET, seed=seed)
            written += file.write(block.encode("utf-8"))


def run_count(args: list[str], stdin_path: Path | None = None) -> tuple[int, float, float]:
    """Run `python -m myrustlib count ARGS`; return its answer, peak RSS (MB) and seconds."""
    command = [sys.executable, "-m", "myrustlib", "count", *args]
    started = time.perf_counter()
    feeder = None
    if stdin_path is not None:
        feeder = subprocess.Popen(["cat", str(stdin_path)], stdout=subprocess.PIPE)
    with subprocess.Popen(
        command,
        stdin=feeder.stdout if feeder else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
    ) as child:
        if feeder is not None and feeder.stdout is not None:
            feeder.stdout.close()  # the child holds the read end now
        assert child.stdout is not None
        output = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if feeder is not None:
        feeder.wait()
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited with {child.returncode}")
    return int(output), usage.ru_maxrss / 1024, seconds  # ru_maxrss is in KiB on Linux


def main() -> int:
    """Write the file, count it every way, compare; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=2.0, help="file size in GiB (default 2)")
    parser.add_argument("--dir", default=tempfile.gettempdir(), help="where to write the file")
    parser.add_argument("--keep", action="store_true", help="keep the file afterwards")
    args = parser.parse_args()

    path = Path(args.dir) / "myrustlib-count-check.txt"
    started = time.perf_counter()
    write_file(path, int(args.gib * (1 << 30)))
    size = path.stat().st_size
    print(f"wrote {path}: {size:,} bytes in {format_seconds(time.perf_counter() - started)}")
    try:
        runs = {
            "count FILE": run_count([str(path)]),
            "count - (a pipe)": run_count(["-"], stdin_path=path),
            "count FILE --bytes": run_count([str(path), "--bytes"]),
        }
        started = time.perf_counter()
        data = path.read_bytes()
        in_memory_bytes = myrustlib.count_doubles_simd_parallel(data)
        text = data.decode("utf-8")
        del data
        in_memory_text = myrustlib.count_doubles_simd_parallel(text)
        took = format_seconds(time.perf_counter() - started)
        print(f"{len(text):,} characters; counted in memory in {took}")
        del text
    finally:
        if not args.keep:
            path.unlink()

    failed = False
    for name, (answer, rss, seconds) in runs.items():
        expected = in_memory_bytes if name.endswith("--bytes") else in_memory_text
        ok = answer == expected and rss < RSS_LIMIT_MB
        failed |= not ok
        print(
            f"{'ok  ' if ok else 'FAIL'} myrustlib {name:<20} {answer:>14,} (in memory "
            f"{expected:,})  peak RSS {rss:5.1f} MB  {format_seconds(seconds):>7} "
            f"({size / seconds / 1e9:.2f} GB/s)"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
