"""random_string: the Rust version against random.choice, its pinned seeded output, errors."""

from __future__ import annotations

import hashlib
import math
import os
import string
import subprocess
import sys
from collections import Counter
from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import myrustlib
from myrustlib import reference

BOTH = pytest.mark.parametrize(
    "random_string",
    [myrustlib.random_string, reference.random_string],
    ids=["rust", "python"],
)

# Alphabets of any code points (surrogates included), any width, duplicates allowed.
alphabets = st.text(st.characters(exclude_categories=()), min_size=1, max_size=20)


def chi_square_critical(df: int) -> float:
    """The chi-square statistic exceeded with probability 0.001 under the null hypothesis
    (Wilson-Hilferty approximation; z = 3.0902 is the 0.999 normal quantile)."""
    z = 3.0902
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def chi_square(observed: Counter[str], expected: dict[str, float]) -> float:
    return sum((observed[key] - mean) ** 2 / mean for key, mean in expected.items())


def test_seeded_output_is_pinned() -> None:
    # The same strings the core's cargo tests pin: this output is part of the API.
    assert myrustlib.random_string(20, seed=0) == "mIYKNLHyHAcKBDtdokuT"
    assert myrustlib.random_string(20, seed=42) == "slMJDhmXqOLwurKGnMop"
    assert myrustlib.random_string(12, alphabet="αβγδ😀", seed=7) == "βαβαααβαγβγδ"


@pytest.mark.parametrize(
    ("alphabet", "length", "seed", "sha256"),
    [
        (string.ascii_letters, 300_000, 1, "8300b952395f19aedfc367dcfcf48d9c"),
        ("".join(map(chr, range(0x10000, 0x10000 + 70_000))), 300_000, 2, "3fb777b5ceabf1e0"),
        ("αβγδ😀", 200_001, 3, "3059878a0b1ff545c427c0542fe55cc0"),
    ],
    ids=["letters", "70000_astral", "mixed_widths"],
)
def test_long_seeded_output_is_pinned(alphabet: str, length: int, seed: int, sha256: str) -> None:
    """Long enough for several parallel chunks and the block-wise fast path, and an alphabet
    past 65,536 characters (32-bit draws). Pinned from the one-draw-at-a-time implementation
    before the block-wise one replaced it."""
    text = myrustlib.random_string(length, alphabet=alphabet, seed=seed)
    assert hashlib.sha256(text.encode()).hexdigest().startswith(sha256)


def test_default_alphabet_is_ascii_letters() -> None:
    text = myrustlib.random_string(100_000, seed=1)
    assert set(text) == set(string.ascii_letters)


@BOTH
@given(length=st.integers(0, 3000), alphabet=alphabets, seed=st.integers(0, 2**64 - 1))
def test_length_and_alphabet(
    random_string: Callable[..., str], length: int, alphabet: str, seed: int
) -> None:
    text = random_string(length, alphabet=alphabet, seed=seed)
    assert type(text) is str
    assert len(text) == length
    assert set(text) <= set(alphabet)


@given(length=st.integers(0, 50), alphabet=alphabets, seed=st.integers(0, 2**64 - 1))
def test_result_is_a_canonical_str(length: int, alphabet: str, seed: int) -> None:
    # CPython stores a str at the width of its widest character; a string that is not
    # (e.g. "ab" stored 4 bytes wide) compares unequal to the same text built normally.
    text = myrustlib.random_string(length, alphabet=alphabet, seed=seed)
    rebuilt = "".join(list(text))
    assert text == rebuilt
    assert hash(text) == hash(rebuilt)
    assert sys.getsizeof(text) == sys.getsizeof(rebuilt)


def test_narrow_draws_from_a_wide_alphabet_are_canonical() -> None:
    # From "a€" most 3-character strings contain a "€" but some are "aaa": find both.
    results = {myrustlib.random_string(3, alphabet="a€", seed=seed) for seed in range(200)}
    # Set membership uses hash and ==: both fail for a non-canonical "aaa".
    assert "aaa" in results
    assert any("€" in text for text in results)


@BOTH
def test_seed_reproduces_and_no_seed_varies(random_string: Callable[..., str]) -> None:
    assert random_string(500, seed=3) == random_string(500, seed=3)
    assert random_string(500, seed=3) != random_string(500, seed=4)
    assert random_string(500) != random_string(500)


def test_seeded_output_does_not_depend_on_the_thread_count() -> None:
    code = (
        "import hashlib, myrustlib; "
        "print(hashlib.sha256(myrustlib.random_string(10**6, seed=5).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "RAYON_NUM_THREADS": str(threads)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for threads in (1, 2, 7)
    }
    assert len(digests) == 1


@pytest.mark.parametrize(
    ("alphabet", "weights"),
    [
        (string.ascii_letters, None),
        ("aab", {"a": 2, "b": 1}),  # a repeated character is proportionally more likely
        ("é€😀\ud800", None),
        ("".join(chr(0x4E00 + i) for i in range(1000)), None),
    ],
    ids=["ascii_letters", "weighted", "mixed_widths", "cjk_1000"],
)
def test_draws_are_uniform_chi_square(alphabet: str, weights: dict[str, int] | None) -> None:
    """A fixed seed makes this deterministic; it fails for a visibly biased sampler, e.g. the
    seed's Alphanumeric alphabet, ignored duplicates, or an off-by-one that drops a character.
    (Exactness of the rejection step is proven in the core's unit tests instead.)"""
    n = 1_000_000
    text = myrustlib.random_string(n, alphabet=alphabet, seed=20171116)
    if weights is None:
        weights = dict.fromkeys(alphabet, 1)
    total = sum(weights.values())
    expected = {char: n * weight / total for char, weight in weights.items()}
    statistic = chi_square(Counter(text), expected)
    assert statistic < chi_square_critical(len(expected) - 1)


def test_alphabets_larger_than_65536_characters() -> None:
    alphabet = "".join(chr(c) for c in range(0x10000, 0x10000 + 70_000))
    text = myrustlib.random_string(300_000, alphabet=alphabet, seed=1)
    # Indices past 65,536 are reachable (the 32-bit sampler), and all draws are in the alphabet.
    assert max(text) > chr(0x10000 + 65_536)
    assert set(text) <= set(alphabet)


def test_bool_and_index_objects_are_ints() -> None:
    calls = []

    class Five:
        def __index__(self) -> int:
            calls.append(1)
            return 5

    assert len(myrustlib.random_string(True)) == 1
    assert len(myrustlib.random_string(Five())) == 5
    assert len(calls) == 1  # as operator.index: one call, even for a length
    assert myrustlib.random_string(5, seed=Five()) == myrustlib.random_string(5, seed=5)


@BOTH
@pytest.mark.parametrize(
    ("args", "kwargs", "error"),
    [
        ((-1,), {}, ValueError),
        ((0,), {"alphabet": ""}, ValueError),
        ((5,), {"alphabet": ""}, ValueError),
        ((-1,), {"alphabet": ""}, ValueError),
        (("3",), {}, TypeError),
        ((3.0,), {}, TypeError),
        ((None,), {}, TypeError),
        ((2**63,), {}, MemoryError),  # past sys.maxsize: no str can be that long
        ((2**200,), {}, MemoryError),
        ((-(2**63) - 1,), {}, ValueError),
        ((-(2**200),), {}, ValueError),
        ((3,), {"alphabet": None}, TypeError),
        ((3,), {"alphabet": b"ab"}, TypeError),
        ((3,), {"alphabet": ["a", "b"]}, TypeError),
        ((3,), {"seed": -1}, OverflowError),
        ((3,), {"seed": 2**64}, OverflowError),
        ((3,), {"seed": "x"}, TypeError),
        ((3,), {"seed": 1.5}, TypeError),
        ((3, "ab"), {}, TypeError),  # alphabet is keyword-only
        ((3,), {"alphabets": "ab"}, TypeError),
        ((), {}, TypeError),
        # Several problems at once: the same one is reported first by both versions.
        ((-1,), {"seed": -1}, OverflowError),
        ((-1,), {"alphabet": None}, TypeError),
        (("x",), {"seed": 2**64}, OverflowError),
        ((2**63,), {"alphabet": ""}, MemoryError),
    ],
)
def test_bad_arguments_raise_the_same_exception_types(
    random_string: Callable[..., str],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        random_string(*args, **kwargs)


# Sizes beyond any address space, so no allocator can grant them even with overcommit.
@pytest.mark.parametrize(
    ("length", "alphabet"),
    [(2**62, "ab"), (sys.maxsize, "ab"), (2**61, "😀"), (2**63, "ab"), (2**64 + 1, "é")],
)
def test_too_large_to_allocate_is_memory_error(length: int, alphabet: str) -> None:
    with pytest.raises(MemoryError):
        myrustlib.random_string(length, alphabet=alphabet)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"length": -1}, ValueError, r"^length must be non-negative, got -1"),
        ({"length": 2.5}, TypeError, r"^length must be an int: "),
        ({"length": 3, "seed": -1}, OverflowError, r"^seed must be in range\(2\*\*64\), got -1"),
        ({"length": 3, "seed": 2**64}, OverflowError, r"^seed must be in range\(2\*\*64\), got "),
        ({"length": 3, "seed": "x"}, TypeError, r"^seed must be an int: "),
        (
            {"length": 3, "alphabet": b"ab"},
            TypeError,
            r"^argument 'alphabet' must be str, not 'bytes'",
        ),
        ({"length": 3, "alphabet": ""}, ValueError, r"^alphabet must not be empty"),
    ],
)
def test_argument_errors_name_the_argument_and_its_range(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        myrustlib.random_string(**kwargs)
