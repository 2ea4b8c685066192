"""The `myrustlib` command line (also `python -m myrustlib`).

    python -m myrustlib [tour] [--size N] [--png PATH] [--json]
    python -m myrustlib render PATH [--width W] [--height H]
    python -m myrustlib count [FILE | -] [--bytes]

Without a command it runs the tour. Errors are one line on stderr and a non-zero exit
status (2 for a bad command line, 1 for anything else), never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, NoReturn

import myrustlib
from myrustlib import tour
from myrustlib.stream import count_doubles_stream

if TYPE_CHECKING:
    from collections.abc import Sequence


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors on one line (argparse prints the whole usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        msg = f"not an integer: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < 1:
        msg = f"must be at least 1, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="myrustlib",
        description="Rust-accelerated drop-ins for slow Python code. "
        "Without a command, runs the tour.",
    )
    parser.add_argument("--version", action="version", version=myrustlib.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    tour_parser = commands.add_parser(
        "tour",
        help="time every Python and Rust implementation side by side (the default)",
        description="Generate a random string, count its doubles and render the sphere with "
        "every Python and Rust implementation, check that they agree, write the picture "
        "and print one table of times and speed-ups. Live progress goes to stderr when it "
        "is a terminal.",
    )
    tour_parser.add_argument(
        "--size",
        type=_positive_int,
        default=tour.DEFAULT_SIZE,
        metavar="N",
        help="characters in the test string (default 10,000,000, about 15 s on 2 cores); "
        "the frame's pixel count scales with it (800x600 at the default)",
    )
    tour_parser.add_argument(
        "--png", default="sphere.png", metavar="PATH", help="where to write the picture"
    )
    tour_parser.add_argument(
        "--json", action="store_true", help="print the results as JSON instead of text"
    )

    render = commands.add_parser(
        "render",
        help="render the sphere scene to a PNG file",
        description="Render the ray tracer's sphere scene and write it as a PNG image.",
    )
    render.add_argument("path", help="the PNG file to write (replaced if it exists)")
    render.add_argument("--width", type=_positive_int, default=800, help="pixels (default 800)")
    render.add_argument("--height", type=_positive_int, default=600, help="pixels (default 600)")

    count = commands.add_parser(
        "count",
        help="count doubles in a UTF-8 text file or stdin",
        description="Print the number of positions i where text[i] == text[i + 1] in a "
        "UTF-8 file (or stdin), reading it in 1 MiB chunks: memory stays constant whatever "
        "the file's size. Characters are counted as stored (no newline translation).",
    )
    count.add_argument("file", nargs="?", default="-", help="the file to read; - or none: stdin")
    count.add_argument(
        "--bytes",
        action="store_true",
        dest="binary",
        help="count equal neighbouring bytes instead (any file, UTF-8 or not)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit status."""
    args = _parser().parse_args(argv)
    command = args.command or "tour"
    try:
        if command == "tour":
            _tour(
                args.size if args.command else tour.DEFAULT_SIZE,
                args.png if args.command else "sphere.png",
                as_json=bool(args.command and args.json),
            )
        elif command == "render":
            myrustlib.save_png(args.path, args.width, args.height)
            print(f"wrote {args.path} ({args.width}x{args.height})")
        else:
            print(_count(args.file, binary=args.binary))
    except UnicodeDecodeError as err:
        _fail(command, f"{args.file} is not UTF-8 ({err.reason}); --bytes counts raw bytes")
        return 1
    except (OSError, ValueError, MemoryError, tour.TourError) as err:
        _fail(command, str(err))
        return 1
    except KeyboardInterrupt:
        _fail(command, "interrupted")
        return 130
    return 0


def _fail(command: str, message: str) -> None:
    print(f"myrustlib {command}: error: {message}", file=sys.stderr)


def _tour(size: int, png: str, *, as_json: bool) -> None:
    results = tour.run(size, png, out=sys.stdout, quiet=as_json)
    if as_json:
        print(tour.to_json(results, size, png))


def _count(path: str, *, binary: bool) -> int:
    if path == "-":
        return count_doubles_stream(sys.stdin.buffer, binary=binary)
    with open(path, "rb") as stream:
        return count_doubles_stream(stream, binary=binary)
