"""count_doubles_stream: chunked counting equals counting the whole content at once."""

from __future__ import annotations

import io
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

import myrustlib
from myrustlib import reference
from myrustlib.stream import count_doubles_stream

# UTF-8 cannot encode lone surrogates; everything else in Unicode can appear in a file.
ENCODABLE = st.text(alphabet=st.characters(blacklist_categories=["Cs"]))
CHUNK_SIZES = st.integers(min_value=1, max_value=16)

pytestmark = pytest.mark.smoke  # on every supported Python in CI


@given(ENCODABLE, CHUNK_SIZES)
def test_text_equals_counting_the_decoded_whole(text: str, chunk_size: int) -> None:
    stream = io.BytesIO(text.encode("utf-8"))
    assert count_doubles_stream(stream, chunk_size=chunk_size) == reference.count_doubles(text)


@given(st.binary(), CHUNK_SIZES)
def test_bytes_equal_counting_the_whole(data: bytes, chunk_size: int) -> None:
    stream = io.BytesIO(data)
    count = count_doubles_stream(stream, binary=True, chunk_size=chunk_size)
    assert count == reference.count_doubles(data)


def _decode_error(data: bytes) -> UnicodeDecodeError | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err
    return None


@given(st.binary(), CHUNK_SIZES)
def test_any_bytes_as_text_count_or_fail_where_decode_does(data: bytes, chunk_size: int) -> None:
    whole = _decode_error(data)
    if whole is None:
        count = count_doubles_stream(io.BytesIO(data), chunk_size=chunk_size)
        assert count == reference.count_doubles(data.decode("utf-8"))
        return
    with pytest.raises(UnicodeDecodeError) as info:
        count_doubles_stream(io.BytesIO(data), chunk_size=chunk_size)
    assert info.value.reason == f"{whole.reason} at byte {whole.start} of the stream"


@pytest.mark.parametrize(
    ("text", "chunk_size", "expected"),
    [
        ("", 4, 0),
        ("aa", 1, 1),  # the pair is split between two chunks
        ("éé", 1, 1),  # and each character between two chunks as well
        ("😀😀😀", 3, 2),
        ("ab\r\n\n", 2, 1),  # no newline translation: "\r\n" is two different characters
    ],
)
def test_known_answers(text: str, chunk_size: int, expected: int) -> None:
    stream = io.BytesIO(text.encode("utf-8"))
    assert count_doubles_stream(stream, chunk_size=chunk_size) == expected


def test_a_truncated_character_at_the_end_is_an_error() -> None:
    with pytest.raises(UnicodeDecodeError, match="at byte 1 of the stream"):
        count_doubles_stream(io.BytesIO("aé".encode()[:-1]))


def test_a_text_stream_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="binary mode"):
        count_doubles_stream(io.StringIO("aa"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="binary mode"):
        count_doubles_stream(io.StringIO("aa"), binary=True)  # type: ignore[arg-type]


@pytest.mark.parametrize("chunk_size", [0, -1])
def test_chunk_size_below_one_is_a_value_error(chunk_size: int) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        count_doubles_stream(io.BytesIO(b"aa"), chunk_size=chunk_size)


def test_chunk_size_must_be_an_int() -> None:
    with pytest.raises(TypeError):
        count_doubles_stream(io.BytesIO(b"aa"), chunk_size=1.5)  # type: ignore[arg-type]


class _Generated:
    """A stream of `total` bytes of text made on the fly, as a huge file would be read."""

    def __init__(self, total: int, alphabet: str) -> None:
        self.left = total
        self.alphabet = alphabet
        self.counted = 0  # doubles in what has been yielded, each chunk counted alone
        self.seed = 0

    def read(self, size: int) -> bytes:
        self.seed += 1
        text = myrustlib.random_string(
            min(size, self.left) // 4, alphabet=self.alphabet, seed=self.seed
        )
        data = text.encode("utf-8")
        self.left -= len(data)
        self.counted += myrustlib.count_doubles_simd(text)
        return data


def test_memory_stays_constant_on_a_long_stream() -> None:
    stream = _Generated(64 << 20, alphabet="ab€😀")
    tracemalloc.start()
    try:
        count = count_doubles_stream(stream, chunk_size=1 << 16)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Pairs across the ~4,000 chunk boundaries come on top of the per-chunk counts.
    assert stream.counted <= count <= stream.counted + 8192
    assert peak < 4 << 20, f"peak {peak:,} bytes while counting a 64 MiB stream"


class _NonBlocking:
    """A reader that, like a non-blocking stream with no data ready, returns None mid-stream."""

    def __init__(self) -> None:
        self.chunks = [b"aa", None, b"aa"]

    def read(self, size: int) -> bytes | None:
        return self.chunks.pop(0) if self.chunks else b""


@pytest.mark.parametrize("binary", [False, True])
def test_read_returning_none_is_a_type_error_not_the_end(binary: bool) -> None:
    with pytest.raises(TypeError, match="non-blocking"):
        count_doubles_stream(_NonBlocking(), binary=binary)  # type: ignore[arg-type]


@pytest.mark.parametrize("stream", [None, b"aa", "aa", 3])
def test_not_a_stream_is_a_type_error(stream: object) -> None:
    with pytest.raises(TypeError, match="binary file object"):
        count_doubles_stream(stream)  # type: ignore[arg-type]
