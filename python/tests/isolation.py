"""The crash-isolation harness of the hostile-input tests (test_*_hostile.py): no cases, only
the machinery every table of cases shares.

A hostile call must do what the pure-Python reference does with the same arguments (an equal
result, or an exception of the same type) or, where there is no reference (count_doubles_stream,
save_png), give a correct result or raise a documented exception. Never a
pyo3_runtime.PanicException (a BaseException, so everything is caught as BaseException), never an
abort, a segfault or a hang.

How a test module uses it:

- A table is a module-level function `<name>_cases(tmp: Path) -> list[Case]` of that module.
  It is called twice: in pytest's process with PLACEHOLDER (only for the ids, so it must not
  touch the directory then), and in a child interpreter with a fresh temporary directory.
- The module lists its tables in `TABLES`, parametrizes a test over `params(TABLES)` that
  asserts `problem(table, case) is None`, and one over TABLES that asserts `unexplained(table)
  == ()`. The coverage test in test_package.py reads `TABLES` of every test_*_hostile.py.
- Crash isolation: the cases of a table run in a child interpreter that imports the test module
  by its file path, calls the same table function and prints one JSON record per call. If the
  child dies (or a call hangs past a watchdog), the case it was running is recorded as the
  culprit and a new child carries on after it. The tests only judge the records, so a crash
  fails one case, not the pytest run.
- `run_in_child(function, cwd)` runs any other module-level function of a test module (the
  hypothesis mixtures) in a child the same way.

Sizes are chosen so that nothing allocates more than a few kilobytes for real: a size is either
small, or so large that the call must refuse it before allocating (and the reference, which
would loop over it pixel by pixel or character by character, is only called when it too refuses
it up front).
"""

from __future__ import annotations

import array
import decimal
import faulthandler
import fractions
import functools
import hashlib
import importlib.util
import io
import json
import math
import operator
import os
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import myrustlib
from myrustlib import reference

Json = Any
"""A JSON-compatible value: what a child interpreter reports about one call."""

Summary = Callable[[object], Json]
"""How a call's result is reported: `plain`, or a summary that lets two results compare."""

Table = Callable[[Path], "list[Case]"]
"""A test module's function that builds its cases, given the directory they may write in."""

PUBLIC: tuple[str, ...] = tuple(
    name for name in myrustlib.__all__ if name not in ("__version__", "COUNTERS")
)
"""The public names cases target (COUNTERS holds public functions, each a name of its own)."""

# The two implementations under one set of names: every Rust counter is compared with the
# reference count_doubles, everything else with its namesake.
RUST = SimpleNamespace(**{name: getattr(myrustlib, name) for name in myrustlib.__all__})
REF = SimpleNamespace(
    **{counter.__name__: reference.count_doubles for counter in myrustlib.COUNTERS},
    random_string=reference.random_string,
    Vec=reference.Vec,
    Line=reference.Line,
    Sphere=reference.Sphere,
    color=reference.color,
    render=reference.render,
)

CASE_TIMEOUT = 30  # seconds one call may take in the child before it counts as a hang
CHILD_TIMEOUT = 120  # seconds for a whole child interpreter
RECORD = "RECORD "
START = "START "
PLACEHOLDER = Path("/nonexistent/isolation")  # the tables are built in pytest only for ids
HERE = Path(__file__).resolve().parent


# --- Hostile values --------------------------------------------------------------------------


class Str(str):
    """A str subclass that changes nothing."""

    __slots__ = ()


class Bytes(bytes):
    """A bytes subclass that changes nothing."""

    __slots__ = ()


class LyingStr(str):
    """A str subclass that claims to be empty; its stored text is still "ab"."""

    __slots__ = ()

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:
        return False


class LyingBytes(bytes):
    """A bytes subclass that claims to be empty and to contain nothing."""

    __slots__ = ()

    def __len__(self) -> int:
        return 0

    def __iter__(self) -> Any:
        return iter(())


class HasStr:
    """Only __str__: not a str, not a number, not a path."""

    def __str__(self) -> str:
        return "aab"


class HasIndex:
    """An int-like object: __index__ returns `value` (which may be no int at all)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __index__(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"HasIndex({self.value!r})"


class HasFloat:
    """A float-like object: __float__ returns `value` (which may be no float at all)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __float__(self) -> Any:
        return self.value


class HasFspath:
    """A path-like object: __fspath__ returns `value` (which may be no path at all)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __fspath__(self) -> Any:
        return self.value


class LyingFloat(float):
    """A float subclass whose __float__ lies: C code (and the reference) use the stored value."""

    __slots__ = ()

    def __float__(self) -> float:
        return 2.0


class Boom(BaseException):
    """Raised by hostile objects; not an Exception, so only a careful binding passes it on."""


class Raising:
    """Every conversion hook raises Boom: __index__, __float__, __fspath__, read, __bool__."""

    def __index__(self) -> int:
        raise Boom

    def __float__(self) -> float:
        raise Boom

    def __fspath__(self) -> str:
        raise Boom

    def __bool__(self) -> bool:
        raise Boom

    def read(self, size: int) -> bytes:
        raise Boom


class Reentrant:
    """Conversion hooks that first call back into myrustlib, its thread pool included."""

    def _work(self) -> None:
        myrustlib.random_string(70_000, seed=1)  # generated in parallel
        myrustlib.render(4, 3)
        myrustlib.count_doubles_simd_parallel("ab" * 600_000)  # counted in parallel

    def __index__(self) -> int:
        self._work()
        return 3

    def __float__(self) -> float:
        self._work()
        return 2.5

    def __fspath__(self) -> str:
        self._work()
        return "reentrant.png"


@dataclass(frozen=True)
class Own:
    """A value each implementation builds for itself (its own Vec, Line or Sphere), or, with
    `other`, the other implementation's: a Rust Vec where the reference expects its own."""

    name: str
    args: tuple[object, ...] = ()
    other: bool = False


def pick(value: object, impl: Any) -> object:
    """`value` as passed to `impl`: an Own is built by the implementation it names."""
    if isinstance(value, Own):
        target = (REF if impl is RUST else RUST) if value.other else impl
        return getattr(target, value.name)(*(pick(arg, target) for arg in value.args))
    return value


def hostile() -> dict[str, object]:
    """The values thrown at every argument position, by a name that becomes part of test ids.
    Made afresh for each table (a child builds the same table, in the same order)."""
    released = memoryview(b"aa")
    released.release()
    return {
        "None": None,
        "int": 7,
        "True": True,
        "float": 2.5,
        "nan": math.nan,
        "inf": math.inf,
        "-inf": -math.inf,
        "-0.0": -0.0,
        "5e-324": 5e-324,
        "1e308": 1e308,
        "complex": 1j,
        "list": ["a", "a"],
        "empty_list": [],
        "tuple": (1.0, 2.0, 3.0),
        "dict": {"a": "a"},
        "object": object(),
        "str": "aab",
        "empty_str": "",
        "str_subclass": Str("aab"),
        "bytes": b"aab",
        "empty_bytes": b"",
        "bytes_subclass": Bytes(b"aab"),
        "bytearray": bytearray(b"aab"),
        "has_str": HasStr(),
        "has_index": HasIndex(3),
        "has_index_non_int": HasIndex(1.5),
        "has_index_2**64": HasIndex(2**64),
        "has_index_-1": HasIndex(-1),
        "has_float": HasFloat(2.5),
        "has_float_non_float": HasFloat(1),
        "has_float_nan": HasFloat(math.nan),
        "lying_float": LyingFloat(3.0),
        "has_index_bool": HasIndex(True),  # deprecated: a warning, an error under pytest
        "has_float_float_subclass": HasFloat(LyingFloat(1.0)),  # deprecated likewise
        "raising": Raising(),
        "reentrant": Reentrant(),
        "np_int64": np.int64(3),
        "np_uint64_max": np.uint64(2**64 - 1),
        "np_float64_nan": np.float64("nan"),
        "np_float32": np.float32(2.5),
        "np_bool": np.bool_(True),
        "np_uint8": np.uint8(3),
        "fraction": fractions.Fraction(3, 2),
        "decimal": decimal.Decimal("1.5"),
        "decimal_snan": decimal.Decimal("sNaN"),
        "has_fspath": HasFspath("aab.png"),
        "mv_strided": memoryview(b"abcdef")[::2],
        "mv_reversed": memoryview(b"abcdef")[::-1],
        "mv_2d": memoryview(bytearray(12)).cast("B", (3, 4)),
        "mv_int32": memoryview(array.array("i", [1, 2])),
        "mv_uint16": memoryview(b"abcd").cast("H"),
        "mv_released": released,
        "mv_empty": memoryview(b""),
        "bytesio_buffer": io.BytesIO(b"aab").getbuffer(),
        "zero": 0,
        "-1": -1,
        "-2**63": -(2**63),
        "2**31": 2**31,
        "2**63": 2**63,
        "2**64": 2**64,
        "10**400": 10**400,
        "own_Vec": Own("Vec", (0.0, 0.0, 1.0)),
        "other_Vec": Own("Vec", (0.0, 0.0, 1.0), other=True),
        "own_Line": Own("Line", (Own("Vec", (0, 0, 0)), Own("Vec", (0, 0, 1)))),
        "own_Sphere": Own("Sphere", (Own("Vec", (0, 0, 10)), 2)),
    }


def rust_values() -> dict[str, object]:
    """The hostile values for functions with no reference: Own values built by Rust."""
    return {key: pick(value, RUST) for key, value in hostile().items()}


def index_or_none(value: object) -> int | None:
    """operator.index(value), or None if that raises anything."""
    try:
        picked: Any = pick(value, RUST)
        return operator.index(picked)
    except BaseException:
        return None


def too_big_to_run(*sizes: object) -> bool:
    """Whether sizes (a str length, or a frame's sides) would make a real, slow job: fine for
    the Rust version to refuse or to do, but the reference would loop for minutes. Sizes past
    sys.maxsize are refused by both before any work, so they stay in."""
    values = [index_or_none(size) for size in sizes]
    if any(value is None or value < 1 for value in values):
        return False
    product = math.prod(value for value in values if value is not None)
    return 20_000 < product * 3 <= sys.maxsize


# --- Calls, cases and outcomes ---------------------------------------------------------------


def plain(value: object) -> Json:
    """A result as JSON, implementation-neutral and exact (floats by their hex form, so NaN
    equals NaN and -0.0 differs from 0.0)."""
    if value is None:
        return ["None"]
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", int(value)]
    if isinstance(value, float):
        return ["float", float(value).hex()]
    if isinstance(value, str):
        return ["str", type(value).__name__, value]
    if isinstance(value, bytes):
        return ["bytes", len(value), hashlib.sha256(value).hexdigest()]
    if isinstance(value, tuple):
        return ["tuple", [plain(item) for item in value]]
    if isinstance(value, (RUST.Vec, REF.Vec)):
        return ["Vec", plain(value.x), plain(value.y), plain(value.z)]
    if isinstance(value, (RUST.Line, REF.Line)):
        return ["Line", plain(value.p), plain(value.v)]
    if isinstance(value, (RUST.Sphere, REF.Sphere)):
        return ["Sphere", plain(value.q), plain(value.r)]
    return ["object", type(value).__qualname__]


def _public_targets(targets: tuple[str, ...], what: str) -> tuple[str, ...]:
    unknown = [name for name in targets if name not in PUBLIC]
    if unknown:
        raise ValueError(f"{what}: {unknown} are no public names of myrustlib")
    return targets


@dataclass(frozen=True)
class Call:
    """A call to make with one implementation (RUST or REF) as its argument, and the public
    names it attacks."""

    run: Callable[[Any], object]
    targets: tuple[str, ...]

    def __call__(self, impl: Any) -> object:
        return self.run(impl)


def invoke(name: str, *args: object, **kwargs: object) -> Call:
    """The public function or class `name` of each implementation, called with the arguments
    (Own arguments built by that implementation)."""

    def run(impl: Any) -> object:
        positional = [pick(arg, impl) for arg in args]
        keywords = {key: pick(value, impl) for key, value in kwargs.items()}
        return getattr(impl, name)(*positional, **keywords)

    return Call(run, (name,))


def method(owner: Own, name: str, *args: object, **kwargs: object) -> Call:
    """`owner.name(*args, **kwargs)`, `owner` built by each implementation."""

    def run(impl: Any) -> object:
        positional = [pick(arg, impl) for arg in args]
        keywords = {key: pick(value, impl) for key, value in kwargs.items()}
        return getattr(pick(owner, impl), name)(*positional, **keywords)

    return Call(run, (owner.name,))


def apply(function: Callable[..., object], *args: object) -> Call:
    """`function(*args)` (an operator, repr, pickle...): it attacks the classes of the Own
    arguments."""
    targets = tuple(dict.fromkeys(arg.name for arg in args if isinstance(arg, Own)))
    return Call(lambda impl: function(*(pick(arg, impl) for arg in args)), targets)


def _partial_target(call: Callable[[], object]) -> tuple[str, ...]:
    """The public name a functools.partial calls, if it calls one directly."""
    function = call.func if isinstance(call, functools.partial) else None
    return tuple(name for name in PUBLIC if getattr(myrustlib, name) is function)


@dataclass(frozen=True)
class Case:
    """One call. With `reference`: same outcome as the reference (with `same_value=False`, the
    same exception type, or success judged by `check`). Without: an exception with a name in
    `allowed` somewhere in its MRO, or a result for which `check` returns True.

    `targets`: the public names the call attacks (read by the coverage test). Defaults to the
    function a functools.partial `rust` calls; `both` takes them from its Call."""

    id: str
    rust: Callable[[], object]
    reference: Callable[[], object] | None = None
    same_value: bool = True
    allowed: tuple[str, ...] = ()
    check: Callable[[object], bool] | None = None
    summary: Summary = plain
    targets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        targets = self.targets or _partial_target(self.rust)
        object.__setattr__(self, "targets", _public_targets(targets, self.id))


def both(case_id: str, call: Call, summary: Summary = plain) -> Case:
    """A case whose Rust outcome must be the reference's."""
    return Case(
        case_id,
        functools.partial(call, RUST),
        functools.partial(call, REF),
        summary=summary,
        targets=call.targets,
    )


def counts(expected: int) -> Callable[[object], bool]:
    """A check: the result is the int `expected`."""
    return lambda result: type(result) is int and result == expected


def outcome(call: Callable[[], object], summary: Summary) -> tuple[Json, object]:
    """(JSON of what `call` did, its result or None). Warnings are errors, as under pytest."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            value = call()
    except BaseException as error:  # PanicException derives from BaseException
        kind = type(error)
        mro = [cls.__name__ for cls in kind.__mro__]
        return ["raised", f"{kind.__module__}.{kind.__qualname__}", mro, str(error)[:200]], None
    return ["ok", summary(value)], value


def is_panic(result: Json) -> bool:
    return bool(
        result[0] == "raised"
        and ("PanicException" in result[2] or result[1].startswith("pyo3_runtime"))
    )


def judge(case: Case, record: dict[str, Any]) -> str | None:
    """What is wrong with `record` (a child's report of `case`), or None."""
    if "died" in record:
        return f"the child interpreter died or hung on this call: {record['died']}"
    rust, ref, check = record["rust"], record["reference"], record["check"]
    if is_panic(rust):
        return f"PanicException: {rust}"
    if case.reference is not None:
        if case.same_value or ref[0] == "raised":
            if rust[:2] == ref[:2]:
                return None
            return f"rust {rust} but reference {ref}"
        if rust[0] == "raised":
            return f"rust raised {rust} where the reference succeeded"
        return None if check is True else f"rust returned {rust}, which fails the check ({check})"
    if rust[0] == "raised":
        if set(rust[2]) & set(case.allowed):
            return None
        return f"rust raised {rust}, expected one of {case.allowed}"
    if check is True:
        return None
    return f"rust returned {rust}, expected one of {case.allowed} (check: {check})"


# --- Hypothesis: random mixtures of hostile and ordinary values ------------------------------


def mixed() -> st.SearchStrategy[object]:
    """Half the draws are the hostile values, half ordinary values of every kind. (A plain
    union would give the hostile pool one share in seven: hypothesis flattens nested unions.)"""
    pool = hostile()
    ordinary = (
        st.integers(-3, 40)
        | st.sampled_from([2**63, 2**64, -(2**63), 10**400, sys.maxsize + 1])
        | st.floats()
        | st.text(max_size=4)
        | st.binary(max_size=4)
        | st.none()
    )
    values = st.sampled_from(sorted(pool)).map(pool.__getitem__)
    return st.booleans().flatmap(lambda pick_hostile: values if pick_hostile else ordinary)


def mixture_settings(max_examples: int) -> settings:
    """The settings of a mixtures test: reproducible, no deadline, no example database. (The
    modules' mixtures tests share the 1,500 examples of the one test they replaced: about 100
    for each function or method they draw from.)"""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
    )


def agree(call: Call, summary: Summary = plain) -> None:
    """Asserts that Rust gives the reference's outcome for `call`, and does not panic."""
    rust = outcome(functools.partial(call, RUST), summary)[0]
    ref = outcome(functools.partial(call, REF), summary)[0]
    assert not is_panic(rust), rust
    assert rust[:2] == ref[:2], f"rust {rust} but reference {ref}"


# --- The child interpreter -------------------------------------------------------------------

CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
import isolation
isolation.child_main(sys.argv[2:])
"""


def load(path: Path) -> ModuleType:
    """Imports the test module at `path` afresh (the child's way to rebuild its cases)."""
    name = f"_isolated_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None, path
    assert spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _location(function: Callable[..., object]) -> tuple[str, str]:
    """(file, name) of a module-level function of a test module: what a child needs to find it
    again. (By its module, not its code: hypothesis wraps a test in a function of its own.)"""
    module = sys.modules[function.__module__]
    name = function.__name__
    assert getattr(module, name, None) is function, f"{name} is no module-level function"
    assert module.__file__ is not None, module
    return str(Path(module.__file__).resolve()), name


def child_main(argv: list[str]) -> None:
    """Runs in the child: a table's cases from index `start` on, or any other function."""
    faulthandler.enable()
    path, name, mode, *rest = argv
    function = getattr(load(Path(path)), name)
    if mode == "call":
        function()
        print(f"{name}: ok")
        return
    start, timeout = int(rest[0]), float(rest[1])
    cases: list[Case] = function(Path.cwd())
    for index in range(start, len(cases)):
        case = cases[index]
        sys.stderr.write(f"{START}{index} {case.id!r}\n")
        sys.stderr.flush()
        faulthandler.dump_traceback_later(timeout, exit=True)
        rust, value = outcome(case.rust, case.summary)
        ref = None if case.reference is None else outcome(case.reference, case.summary)[0]
        faulthandler.cancel_dump_traceback_later()
        check: bool | str | None = None
        if rust[0] == "ok" and case.check is not None:
            try:
                check = bool(case.check(value))
            except Exception as error:
                check = f"the check raised {error!r}"
        record = {"id": case.id, "rust": rust, "reference": ref, "check": check}
        sys.stdout.write(RECORD + json.dumps(record) + "\n")
        sys.stdout.flush()


def _text(output: str | bytes | None) -> str:
    if output is None:
        return ""
    return output if isinstance(output, str) else output.decode(errors="replace")


def _run_child(
    function: Callable[..., object], *args: str, cwd: str, env: dict[str, str] | None = None
) -> tuple[int | None, str, str]:
    """(exit status, or None after the time limit; stdout; stderr) of a child interpreter that
    runs `function` of its test module with `args`."""
    command = [sys.executable, "-c", CHILD, str(HERE), *_location(function), *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return None, _text(expired.stdout), _text(expired.stderr)
    return done.returncode, done.stdout, done.stderr


def run_in_child(function: Callable[[], object], cwd: Path) -> tuple[int | None, str, str]:
    """Runs a module-level function of a test module (a hypothesis test) in a child interpreter
    in `cwd`: (exit status, or None after the time limit; stdout; stderr). The child prints
    "<name>: ok" if the function returned. It shares this process's hypothesis directory, so
    hypothesis computes its Unicode tables once, not in every child (and no child writes an
    example database: the mixtures use none)."""
    storage = os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY") or str(Path.cwd() / ".hypothesis")
    env = {**os.environ, "HYPOTHESIS_STORAGE_DIRECTORY": storage}
    return _run_child(function, "call", cwd=str(cwd), env=env)


@functools.cache
def records(
    table: Table, case_timeout: float = CASE_TIMEOUT
) -> tuple[dict[str, dict[str, Any]], tuple[str, ...]]:
    """The records of a table's cases, from as many children as it takes: after a child dies,
    the case it was running is recorded as dead and the next child starts after it. Also the
    reports of children that died with no case to blame (e.g. at exit)."""
    ids = [case.id for case in table(PLACEHOLDER)]
    assert len(set(ids)) == len(ids), "duplicate case ids"
    found: dict[str, dict[str, Any]] = {}
    unexplained: list[str] = []
    start = 0
    with tempfile.TemporaryDirectory(prefix="hostile_") as tmp:
        while start < len(ids):
            status, stdout, stderr = _run_child(
                table, "cases", str(start), str(case_timeout), cwd=tmp
            )
            for line in stdout.splitlines():
                if line.startswith(RECORD):
                    record = json.loads(line[len(RECORD) :])
                    found[record["id"]] = record
            missing = [i for i in range(start, len(ids)) if ids[i] not in found]
            if status == 0 and not missing:
                break
            tail = stderr[-3000:]
            if not missing:
                unexplained.append(f"exit status {status} after all cases: {tail}")
                break
            culprit = missing[0]
            how = "timed out" if status is None else f"exit status {status}"
            found[ids[culprit]] = {"id": ids[culprit], "died": f"{how}; stderr: {tail}"}
            start = culprit + 1
    return found, tuple(unexplained)


def problem(table: Table, case: Case) -> str | None:
    """What is wrong with `case` of `table` as its child ran it, or None."""
    record = records(table)[0].get(case.id)
    if record is None:
        return f"no record for {case.id!r}"
    return judge(case, record)


def unexplained(table: Table) -> tuple[str, ...]:
    """Reports of the table's children that died with no case to blame."""
    return records(table)[1]


def label(table: Table) -> str:
    """A table's name in test ids: its function's name without "_cases"."""
    return table.__name__.removesuffix("_cases")


def params(tables: list[Table], known_bugs: dict[str, str] | None = None) -> list[Any]:
    """pytest parameters (table, case) for every case of `tables`, with ids "label:case id".
    Every case must target a public name. A case whose outcome is a known, reported bug is
    passed in `known_bugs` (its id: the reason) and marked xfail(strict=True) until fixed.
    (None now: a lying str subclass as alphabet and read() returning None mid-stream were
    fixed after these tests found them.)"""
    bugs = known_bugs or {}
    result = []
    for table in tables:
        for case in table(PLACEHOLDER):
            assert case.targets, f"{case.id} targets no public name: pass targets="
            marks = (
                [pytest.mark.xfail(strict=True, reason=bugs[case.id])] if case.id in bugs else []
            )
            result.append(pytest.param(table, case, id=f"{label(table)}:{case.id}", marks=marks))
    return result


TestFunction = Callable[..., None]


def table_tests(tables: list[Table]) -> tuple[TestFunction, TestFunction]:
    """The two tests of a hostile module, for its `tables`: every case judged against its
    record (`test_hostile_call`), and no child dying with no case to blame
    (`test_children_exit_cleanly`). A module assigns them to those names for pytest."""

    @pytest.mark.parametrize(("table", "case"), params(tables))
    def test_hostile_call(table: Table, case: Case) -> None:
        found = problem(table, case)
        assert found is None, f"{case.id}: {found}"

    @pytest.mark.parametrize("table", tables, ids=label)
    def test_children_exit_cleanly(table: Table) -> None:
        assert unexplained(table) == ()

    return test_hostile_call, test_children_exit_cleanly


def mixtures_test(mixtures: Callable[[], object]) -> TestFunction:
    """A test that runs a module's hypothesis `mixtures` (a module-level function) in a child
    interpreter, so that a crash fails the test, not the run."""

    def test_hypothesis_mixtures_agree_with_the_reference(tmp_path: Path) -> None:
        status, stdout, stderr = run_in_child(mixtures, tmp_path)
        assert status == 0, f"exit status {status}\n{stdout[-3000:]}\n{stderr[-5000:]}"
        assert f"{mixtures.__name__}: ok" in stdout

    return test_hypothesis_mixtures_agree_with_the_reference


def all_targets(directory: Path = HERE) -> set[str]:
    """The public names targeted by the cases of every table of every test_*_hostile.py."""
    names: set[str] = set()
    for path in sorted(directory.glob("test_*_hostile.py")):
        for table in load(path).TABLES:
            for case in table(PLACEHOLDER):
                names.update(case.targets)
    return names
