"""Hostile arguments for random_string, against the reference random_string.

The calls run in crash-isolated child interpreters: see isolation.py.
"""

from __future__ import annotations

import functools
import string
import sys
from pathlib import Path
from typing import Callable

from hypothesis import assume, given
from hypothesis import strategies as st
from isolation import (
    Case,
    Json,
    LyingStr,
    Raising,
    Table,
    agree,
    both,
    hostile,
    invoke,
    mixed,
    mixture_settings,
    mixtures_test,
    plain,
    table_tests,
    too_big_to_run,
)

import myrustlib

LETTERS = string.ascii_letters


def random_summary(alphabet: object) -> Callable[[object], Json]:
    """random_string's result, summarised so that Rust and the reference compare: type, length,
    and whether every character is from the alphabet's stored text."""
    letters = str.__str__(alphabet) if isinstance(alphabet, str) else LETTERS

    def summary(value: object) -> Json:
        if not isinstance(value, str):
            return plain(value)
        return ["random_str", type(value).__name__, len(value), set(value) <= set(letters)]

    return summary


def random_string_cases(tmp: Path) -> list[Case]:
    cases = []
    for key, value in hostile().items():
        if not too_big_to_run(value):
            cases.append(
                both(
                    f"random_string({key}, seed=1)",
                    invoke("random_string", value, seed=1),
                    random_summary(None),
                )
            )
        cases.append(
            both(
                f"random_string(5, alphabet={key}, seed=1)",
                invoke("random_string", 5, alphabet=value, seed=1),
                random_summary(value),
            )
        )
        cases.append(
            both(
                f"random_string(5, seed={key})",
                invoke("random_string", 5, seed=value),
                random_summary(None),
            )
        )
    alphabets: dict[str, object] = {
        "nul": "\0",
        "surrogate": "\ud800",
        "astral": "😀",
        "mixed_widths": "aé€😀",
        "lying_str": LyingStr("ab"),
    }
    for key, alphabet in alphabets.items():
        cases.append(
            both(
                f"random_string(5, alphabet={key})",
                invoke("random_string", 5, alphabet=alphabet),
                random_summary(alphabet),
            )
        )
    # Several bad arguments at once: the same one must be reported first by both. Sizes that
    # would allocate gigabytes only appear next to an error checked before the allocation.
    combos: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
        "2**31, alphabet=''": ((2**31,), {"alphabet": ""}),
        "2**31, seed=-1": ((2**31,), {"seed": -1}),
        "2**31, alphabet=None": ((2**31,), {"alphabet": None}),
        "2**31, alphabet=b'ab'": ((2**31,), {"alphabet": b"ab"}),
        "2**63, alphabet=''": ((2**63,), {"alphabet": ""}),
        "2**64, seed='x'": ((2**64,), {"seed": "x"}),
        "-2**63, seed=2**64": ((-(2**63),), {"seed": 2**64}),
        "raising, alphabet=1": ((Raising(),), {"alphabet": 1}),
        "raising, seed=raising": ((Raising(),), {"seed": Raising()}),
        "None, alphabet=None": ((None,), {"alphabet": None}),
        "-1, alphabet=''": ((-1,), {"alphabet": ""}),
        "(no arguments)": ((), {}),
        "3, 'ab'": ((3, "ab"), {}),
        "3, 'ab', 1": ((3, "ab", 1), {}),
        "3, alphabt='a'": ((3,), {"alphabt": "a"}),
        "3, sed=1": ((3,), {"sed": 1}),
        "3, length=3": ((3,), {"length": 3}),
        "length=3": ((), {"length": 3}),
        "length=3, alphabet='ab', seed=2**64-1": (
            (),
            {"length": 3, "alphabet": "ab", "seed": 2**64 - 1},
        ),
    }
    for text, (args, kwargs) in combos.items():
        summary = random_summary(kwargs.get("alphabet"))
        cases.append(
            both(f"random_string({text})", invoke("random_string", *args, **kwargs), summary)
        )
    # Past any address space: refused with MemoryError (the reference would loop over these).
    for text, length in {"2**62": 2**62, "sys.maxsize": sys.maxsize, "2**47": 2**47}.items():
        cases.append(
            Case(
                f"random_string({text}) [rust only]",
                functools.partial(myrustlib.random_string, length),
                allowed=("MemoryError",),
            )
        )
    return cases


TABLES: list[Table] = [random_string_cases]

test_hostile_call, test_children_exit_cleanly = table_tests(TABLES)


@mixture_settings(max_examples=100)
@given(args=st.lists(mixed(), min_size=3, max_size=3), data=st.data())
def _mixtures(args: list[object], data: st.DataObject) -> None:
    """Any mixture of values as length, alphabet and seed: Rust gives the reference's outcome."""
    length, alphabet, seed = args
    assume(not too_big_to_run(length))
    kwargs = {}
    if data.draw(st.booleans()):
        kwargs["alphabet"] = alphabet
    if data.draw(st.booleans()):
        kwargs["seed"] = seed
    agree(invoke("random_string", length, **kwargs), random_summary(kwargs.get("alphabet")))


test_hypothesis_mixtures_agree_with_the_reference = mixtures_test(_mixtures)
