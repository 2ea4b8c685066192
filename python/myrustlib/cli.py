"""The `myrustlib` command line (also `python -m myrustlib`).

    python -m myrustlib render sphere.png [--width 800] [--height 600]

Errors are reported as one line on stderr with a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import myrustlib


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        msg = f"not an integer: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if value < 1:
        msg = f"must be at least 1, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="myrustlib",
        description="Rust-accelerated drop-ins for slow Python code.",
    )
    parser.add_argument("--version", action="version", version=myrustlib.__version__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    render = commands.add_parser(
        "render",
        help="render the sphere scene to a PNG file",
        description="Render the ray tracer's sphere scene and write it as a PNG image.",
    )
    render.add_argument("path", help="the PNG file to write (replaced if it exists)")
    render.add_argument("--width", type=_positive_int, default=800, help="pixels (default 800)")
    render.add_argument("--height", type=_positive_int, default=600, help="pixels (default 600)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: sys.argv[1:]); return the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "render":
            myrustlib.save_png(args.path, args.width, args.height)
            print(f"wrote {args.path} ({args.width}x{args.height})")
    except (OSError, ValueError, MemoryError) as err:
        print(f"myrustlib: error: {err}", file=sys.stderr)
        return 1
    return 0
