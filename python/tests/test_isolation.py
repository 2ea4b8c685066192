"""The crash-isolation harness itself (isolation.py) can fail: its judge, its outcomes and its
children are tested here, on cases that are no hostile calls."""

from __future__ import annotations

import ctypes
import functools
import math
import time
from pathlib import Path

import pytest
from isolation import PUBLIC, Case, Raising, counts, judge, outcome, plain, records

import myrustlib


def selftest_cases(tmp: Path) -> list[Case]:
    """For testing the isolation itself: a segfault and a hang between two fine calls."""
    return [
        Case("fine before", lambda: 1, check=counts(1)),
        Case("segfault", functools.partial(ctypes.string_at, 0)),
        Case("hang", functools.partial(time.sleep, 3600)),
        Case("fine after", lambda: 2, check=counts(2)),
    ]


def test_the_judge_catches_panics_disagreements_and_deaths() -> None:
    same = Case("same", lambda: 1, lambda: 1)
    panic = ["raised", "pyo3_runtime.PanicException", ["PanicException", "BaseException"], ""]
    value_error = ["raised", "builtins.ValueError", ["ValueError", "Exception"], ""]
    type_error = ["raised", "builtins.TypeError", ["TypeError", "Exception"], ""]
    assert judge(same, {"rust": ["ok", 1], "reference": ["ok", 1], "check": None}) is None
    assert judge(same, {"rust": ["ok", 1], "reference": ["ok", 2], "check": None})
    assert judge(same, {"rust": panic, "reference": panic, "check": None})
    assert judge(same, {"rust": type_error, "reference": value_error, "check": None})
    assert judge(same, {"died": "exit status -11"})
    only = Case("only", lambda: 1, allowed=("ValueError",))
    assert judge(only, {"rust": value_error, "reference": None, "check": None}) is None
    assert judge(only, {"rust": type_error, "reference": None, "check": None})
    assert judge(only, {"rust": ["ok", 1], "reference": None, "check": None})
    assert judge(only, {"rust": ["ok", 1], "reference": None, "check": False})
    assert judge(only, {"rust": ["ok", 1], "reference": None, "check": "the check raised"})
    types_only = Case("types", lambda: 1, lambda: 1, same_value=False)
    assert judge(types_only, {"rust": ["ok", 1], "reference": ["ok", 2], "check": True}) is None
    assert judge(types_only, {"rust": ["ok", 1], "reference": ["ok", 2], "check": False})
    assert judge(types_only, {"rust": value_error, "reference": ["ok", 2], "check": None})


def test_outcomes_tell_nan_signed_zero_and_exception_types_apart() -> None:
    assert outcome(lambda: math.nan, plain)[0] == outcome(lambda: -math.nan * 0, plain)[0]
    assert outcome(lambda: -0.0, plain)[0] != outcome(lambda: 0.0, plain)[0]
    assert outcome(lambda: 1, plain)[0] != outcome(lambda: True, plain)[0]
    boom = outcome(Raising().__index__, plain)[0]
    assert boom[0] == "raised"
    assert boom[1].endswith(".Boom")


def test_a_crash_or_hang_fails_only_its_own_case() -> None:
    """The isolation works: a segfault and a hang in children become records of those two
    cases, and the cases around them still run."""
    found, unexplained = records(selftest_cases, case_timeout=2)
    assert unexplained == ()
    assert found["fine before"]["check"] is True
    segfault, hang = found["segfault"]["died"], found["hang"]["died"]
    assert "exit status -11" in segfault  # SIGSEGV
    assert "Segmentation fault" in segfault  # faulthandler's report
    assert "exit status 1" in hang  # the watchdog's exit
    assert "Timeout" in hang
    assert found["fine after"]["check"] is True


def test_case_targets_are_derived_or_checked() -> None:
    """What the coverage test reads: a case calling a public function through functools.partial
    targets it; a target that is no public name is refused."""
    assert "COUNTERS" not in PUBLIC
    assert set(PUBLIC) >= {counter.__name__ for counter in myrustlib.COUNTERS}
    partial = Case("render", functools.partial(myrustlib.render, 1, 1))
    assert partial.targets == ("render",)
    assert Case("lambda", lambda: 1).targets == ()
    with pytest.raises(ValueError, match="no public names"):
        Case("typo", lambda: 1, targets=("rendr",))
