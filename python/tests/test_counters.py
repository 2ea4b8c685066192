"""count_doubles: every Rust variant against the pure-Python references."""

from __future__ import annotations

import array
import ctypes
import functools
import random
import subprocess
import threading
from typing import Any, Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as npst
from scripts.splits import longest_split

import myrustlib
from myrustlib import reference

Counter = Callable[[Any], int]
RunPython = Callable[..., subprocess.CompletedProcess[str]]

RUST: list[Counter] = list(myrustlib.COUNTERS)
PYTHON: list[Counter] = [
    reference.count_doubles,
    reference.count_doubles_once,
    reference.count_doubles_regex,
]


def _id(function: Counter) -> str:
    side = "python" if function.__module__.startswith("myrustlib.reference") else "rust"
    return f"{side}.{function.__name__}"


rust_variants = pytest.mark.parametrize("variant", RUST, ids=_id)
all_variants = pytest.mark.parametrize("variant", RUST + PYTHON, ids=_id)

# Any code point: hypothesis leaves out surrogates unless told otherwise.
any_char = st.characters(exclude_categories=())
# Strings over a few characters from all of Unicode, so that doubles are common and every
# CPython storage width (1, 2 and 4 bytes per code point) shows up; plus unrestricted text.
texts = st.lists(any_char, min_size=1, max_size=4).flatmap(
    lambda alphabet: st.text(alphabet=st.sampled_from(alphabet), max_size=400)
) | st.text(any_char)
binaries = (
    st.lists(st.integers(0, 255), min_size=1, max_size=3).flatmap(
        lambda alphabet: st.lists(st.sampled_from(alphabet), max_size=400).map(bytes)
    )
    | st.binary()
)


def obvious_count(items: str | bytes) -> int:
    """The definition, as directly as Python says it."""
    return sum(1 for i in range(1, len(items)) if items[i - 1] == items[i])


@given(text=texts)
def test_references_agree_with_the_definition(text: str) -> None:
    expected = obvious_count(text)
    assert [f(text) for f in PYTHON] == [expected] * len(PYTHON)


@rust_variants
@given(text=texts)
def test_rust_equals_reference_on_any_str(variant: Counter, text: str) -> None:
    assert variant(text) == reference.count_doubles(text)


@all_variants
@given(data=binaries, kind=st.sampled_from([bytes, bytearray, memoryview]))
def test_equals_definition_on_any_bytes_like(
    variant: Counter, data: bytes, kind: Callable[[bytes], Any]
) -> None:
    assert variant(kind(data)) == obvious_count(data)


@all_variants
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("a", 0),
        ("aaa", 2),
        ("abba", 1),
        ("éé", 1),  # one double, though its UTF-8 bytes c3 a9 c3 a9 have none
        ("ĀāĀā", 0),  # equal UTF-8 bytes inside different characters are not doubles
        ("\n\n", 1),  # the seed's regex missed this one
        ("a\0\0", 1),
        ("😀😀x😀", 1),
        ("\ud800\ud800", 1),  # lone surrogates: no UTF-8 form, still a double
        ("\ud83d\ude00", 0),  # a surrogate pair is two different code points
        (b"\xc3\xa9\xc3\xa9", 0),
        (b"\x00\x00\xff\xff", 2),
        (bytearray(b"xxx"), 2),
        (memoryview(b"qaab")[1:3], 1),
        (array.array("B", [7, 7, 7]), 2),
        (array.array("b", [-1, -1]), 1),
        (memoryview(b"a").cast("B", ()), 0),  # 0-dimensional: one byte
        (np.array(5, dtype=np.uint8), 0),
        ((ctypes.c_ubyte * 3)(1, 1, 2), 1),  # ctypes exports no strides
        (ctypes.create_string_buffer(b"aabb", 4), 2),
        ((ctypes.c_bool * 2)(True, True), 1),
        (np.zeros((5, 0), dtype=np.uint8), 0),  # empty, 2-dimensional
        (np.zeros((0, 3), dtype=np.uint8).data, 0),
    ],
)
def test_known_answers(variant: Counter, text: Any, expected: int) -> None:
    assert variant(text) == expected


@all_variants
def test_subclasses_count_like_their_base(variant: Counter) -> None:
    class Text(str):
        pass

    class Data(bytes):
        pass

    assert variant(Text("aab")) == 1
    assert variant(Data(b"abb")) == 1


def _outcome(function: Counter, argument: Any) -> tuple[str, Any]:
    try:
        return ("value", function(argument))
    except Exception as error:  # the type is what we compare
        return ("error", type(error))


_VIEWS: list[Callable[[np.ndarray[Any, Any]], Any]] = [
    lambda array: array,
    lambda array: array.T,
    lambda array: array[::2] if array.ndim else array,
    lambda array: array[::-1] if array.ndim else array,
    np.asfortranarray,
    lambda array: array.data,  # a memoryview
]


def _views(array: np.ndarray[Any, Any]) -> st.SearchStrategy[Any]:
    """The array, and views of it that are strided, reversed or in Fortran order."""
    return st.sampled_from(_VIEWS).map(lambda view: view(array))


small_arrays = st.sampled_from([np.uint8, np.int8, np.bool_, np.uint16, np.float32]).flatmap(
    lambda dtype: npst.arrays(
        dtype,
        npst.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=5),
        elements=st.integers(0, 2) if np.dtype(dtype).kind in "iu" else None,
    )
)


@rust_variants
@given(view=small_arrays.flatmap(_views))
def test_any_buffer_gives_the_reference_outcome(variant: Counter, view: Any) -> None:
    """numpy arrays of any shape (0-d, empty), dtype and layout: the same count, or the same
    exception type, as the reference."""
    assert _outcome(variant, view) == _outcome(reference.count_doubles, view)


@all_variants
def test_numpy_byte_arrays_count_their_bytes_in_order(variant: Counter) -> None:
    grid = np.array([[1, 1, 2], [2, 3, 3]], dtype=np.uint8)  # flat: 1 1 2 2 3 3
    assert variant(grid) == 3
    assert variant(np.frombuffer(b"aab", dtype=np.int8)) == 1


def _bad_inputs() -> list[Any]:
    return [
        None,
        1,
        1.5,
        ["a", "a"],
        ("a", "a"),
        {"a": 1},
        object(),
        array.array("i", [1, 1]),  # 4-byte items: ambiguous, so refused
        memoryview(b"aabb")[::2],  # strided
        np.zeros((4, 4), dtype=np.uint8)[:, 0],  # strided numpy view
        np.zeros(4, dtype=np.float64),
    ]


@all_variants
@pytest.mark.parametrize("bad", _bad_inputs(), ids=lambda bad: type(bad).__name__)
def test_anything_else_is_a_type_error_naming_the_type(variant: Counter, bad: Any) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        variant(bad)


@rust_variants
def test_wrong_call_shapes_are_type_errors(variant: Counter) -> None:
    with pytest.raises(TypeError):
        variant()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        variant("a", "b")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        variant(txt="a")  # type: ignore[call-arg]
    assert variant(text="aa") == 1  # type: ignore[call-arg]


def _long_text(length: int, alphabet: str, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choices(alphabet, k=length))


@functools.cache
def _past_every_split(alphabet: str) -> tuple[str, int]:
    """Text long enough for every parallel variant to split it, and its reference count. Made
    by myrustlib.random_string, which is fast at this length (the count is the reference's)."""
    text = myrustlib.random_string(longest_split() + 7, alphabet=alphabet, seed=len(alphabet))
    return text, reference.count_doubles_regex(text)


# Long enough for every parallel variant to split it into several chunks, every width.
@rust_variants
@pytest.mark.parametrize(
    "alphabet",
    ["abc", "éèê", "€₤¥", "😀😁😂", "a\ud800😀"],
    ids=["ascii", "latin1", "bmp", "astral", "mixed"],
)
def test_long_inputs_of_every_width(variant: Counter, alphabet: str) -> None:
    text, expected = _past_every_split(alphabet)
    assert variant(text) == expected
    if alphabet.isascii():
        data = text.encode("ascii")
        assert variant(data) == expected
        assert variant(bytearray(data)) == expected


LONG = 48 * 2**20  # code units: long enough for a call to last tens of milliseconds


@rust_variants
@pytest.mark.parametrize(
    "make",
    [
        lambda: _long_text(2**20, "ab", seed=1) * 48,
        lambda: _long_text(2**20, "a😀", seed=1) * 48,
        lambda: _long_text(2**20, "ab", seed=1).encode() * 48,
        lambda: bytearray(_long_text(2**20, "ab", seed=1).encode() * 48),
    ],
    ids=["ascii_str", "astral_str", "bytes", "bytearray"],
)
def test_long_input_is_counted_with_the_gil_released(
    variant: Counter, make: Callable[[], Any], releases_gil: Callable[[Callable[[], object]], bool]
) -> None:
    """While one long call runs, another Python thread keeps running (see conftest)."""
    text = make()
    one_byte_units = not isinstance(text, str) or text.isascii()
    if variant.__name__.startswith("count_doubles_simd") and one_byte_units:
        # Under a millisecond on 48 MB of 1-byte units: too short to watch another thread run.
        # The GIL release is the same code for every variant; the 4-byte text covers these.
        pytest.skip("too fast to observe on 1-byte input")
    assert releases_gil(lambda: variant(text)), f"{variant.__name__} held the GIL"


def test_no_variant_copies_its_input(run_python: RunPython) -> None:
    """Peak memory does not grow by even the smallest input while every variant counts every
    input: str of each storage width, bytes, bytearray (all 100-400 MB)."""
    result = run_python(
        """
        import resource, myrustlib
        n = 100_000_000
        inputs = ["ab" * (n // 2), "é" * n, "€a" * (n // 2), "😀a" * (n // 2),
                  b"ab" * (n // 2), bytearray(b"ab" * (n // 2))]
        expected = [0, n - 1, 0, 0, 0, 0]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for counter in myrustlib.COUNTERS:
            counted = [counter(text) for text in inputs]
            assert counted == expected, (counter.__name__, counted)
        grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
        print(grown_kib)
        """
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) < 20 * 1024  # KiB; a copy of any input would add 100,000 KiB


def test_many_threads_calling_every_variant_at_once() -> None:
    """Serial and parallel variants from 12 threads at once: every answer right, and all threads
    finish (a deadlock in the shared thread pool would leave them running past the timeout)."""
    text = _long_text(longest_split() + 7, "ab", seed=7)
    expected = reference.count_doubles_regex(text)
    wrong: list[str] = []

    def work() -> None:
        for _ in range(5):
            wrong.extend(v.__name__ for v in RUST if v(text) != expected)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "threads still running: deadlock?"
    assert wrong == []


def test_parallel_functions_work_in_a_forked_child(run_python: RunPython) -> None:
    """rayon's global pool has no threads in a child forked after it started (multiprocessing's
    default on Linux): work queued there would wait forever. Ours is rebuilt per process."""
    result = run_python(
        """
        import os, signal, sys, myrustlib
        triples = int(sys.argv[1]) // 3 + 1  # "aab" this many times: long enough to split
        text = "aab" * triples
        parent = myrustlib.random_string(1_000_000, seed=1)
        assert myrustlib.count_doubles_slice_parallel(text) == triples
        pid = os.fork()
        if pid == 0:
            signal.alarm(30)  # a hang kills the child instead of the test run
            ok = all(counter(text) == triples for counter in myrustlib.COUNTERS) and (
                myrustlib.random_string(1_000_000, seed=1) == parent
            )
            os._exit(0 if ok else 1)
        _, status = os.waitpid(pid, 0)
        raise SystemExit(os.waitstatus_to_exitcode(status))
        """,
        str(longest_split()),
    )
    assert result.returncode == 0, result.stderr
