"""Rust implementations of count_doubles, random_string and the ray tracer (see the myrustlib
package)."""

from os import PathLike
from typing import SupportsFloat, SupportsIndex, Union, final

from typing_extensions import Buffer, TypeAlias

# Union, not |: the stub is also checked as Python 3.9 (the oldest supported).
_Real: TypeAlias = Union[SupportsFloat, SupportsIndex]  # noqa: UP007

__all__ = [
    "Line",
    "Sphere",
    "Vec",
    "__version__",
    "color",
    "count_doubles",
    "count_doubles_fold",
    "count_doubles_memreplace",
    "count_doubles_once",
    "count_doubles_once_bytes",
    "count_doubles_peek",
    "count_doubles_simd",
    "count_doubles_simd_parallel",
    "count_doubles_slice",
    "count_doubles_slice_parallel",
    "random_string",
    "render",
    "save_png",
]

__version__: str
"""The version of myrustlib (the Rust crates' version)."""

def count_doubles(text: str | Buffer) -> int:
    """Count doubles: positions i where text[i] == text[i + 1]. Pairs overlap: "aaa" has 2.

    Technique: characters zipped with themselves shifted by one. An ASCII str is read
    as UTF-8 and decoded (the naive approach; CPython stores ASCII as UTF-8, so nothing
    is copied); any other str is read as its code points.

    text: a str, whose equal neighbouring code points are counted (any str, lone
    surrogates included), or a contiguous bytes-like object with 1-byte items (bytes,
    bytearray, memoryview, numpy uint8 array, ...), whose equal neighbouring bytes are
    counted. Raises TypeError for anything else.

    Long inputs are counted with the GIL released, reading the argument in place: if
    another thread writes to a mutable buffer meanwhile, the count is unspecified.
    """

def count_doubles_once(text: str | Buffer) -> int:
    """Count doubles in one pass that remembers the previous character.

    Technique: each character is produced once (decoded from UTF-8 for an ASCII str, as
    count_doubles does). Same answers and arguments as count_doubles.
    """

def count_doubles_peek(text: str | Buffer) -> int:
    """Count doubles with a peekable iterator: each character compared with the next,
    which peek() shows without taking it.

    Technique: the original project's count_doubles_peek, over characters as
    count_doubles reads them. Same answers and arguments as count_doubles.
    """

def count_doubles_memreplace(text: str | Buffer) -> int:
    """Count doubles in one pass that moves each character into the previous one's place
    with std::mem::replace.

    Technique: the original project's count_doubles_memreplace, over characters as
    count_doubles reads them. Same answers and arguments as count_doubles.
    """

def count_doubles_fold(text: str | Buffer) -> int:
    """Count doubles with a fold whose accumulator carries the previous character and the
    count.

    Technique: the original project's count_doubles_fold, over characters as
    count_doubles reads them. Same answers and arguments as count_doubles.
    """

def count_doubles_once_bytes(text: str | Buffer) -> int:
    """Count doubles in one pass over code units, without decoding.

    Technique: the one-pass loop over the str's own storage (1, 2 or 4 bytes per code
    point, never copied) or the buffer's bytes. Same answers and arguments as
    count_doubles.
    """

def count_doubles_simd(text: str | Buffer) -> int:
    """Count doubles many code units at a time: the vectorised kernel, on one thread.

    Technique: the str's storage (or the buffer) compared with itself shifted by one, 64
    units per step, matches summed in per-lane counters, so the compiler emits wide
    vector instructions (AVX2 when the CPU has it, chosen at run time). Never copies its
    input. Same answers and arguments as count_doubles.
    """

def count_doubles_simd_parallel(text: str | Buffer) -> int:
    """Count doubles with the vectorised kernel on all cores: the fastest variant.

    Technique: count_doubles_simd on chunks of the str's storage (or the buffer), counted
    in parallel (a pair straddling two chunks is counted once); inputs shorter than
    33,554,432 code units are counted on the calling thread. Never copies its input. Same
    answers and arguments as count_doubles.
    """

def count_doubles_slice(text: str | Buffer) -> int:
    """Count doubles with a window of two sliding over the code units.

    Technique: slice windows over the str's own storage or the buffer, never copied.
    Same answers and arguments as count_doubles.
    """

def count_doubles_slice_parallel(text: str | Buffer) -> int:
    """Count doubles on all cores: the slice split into chunks counted in parallel.

    Technique: rayon over chunks of the str's storage or the buffer, never copied; a pair
    straddling two chunks is counted once. Inputs shorter than 2,097,152 code units are
    counted on the calling thread. Same answers and arguments as count_doubles.
    """

def random_string(
    length: SupportsIndex,
    *,
    alphabet: str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    seed: SupportsIndex | None = None,
) -> str:
    """Return a random str of `length` characters drawn uniformly from `alphabet`.

    The drop-in for "".join(random.choice(alphabet) for _ in range(length)): each
    character is an independent draw; a character listed twice in `alphabet` is twice
    as likely. Any non-empty str is a valid alphabet.

    With an int `seed` (0 <= seed < 2**64) the result is the same on every run, platform
    and thread count (but differs from what random.seed(seed) would give); without one
    it is seeded from the operating system. Generated in parallel, with the GIL released,
    straight into the new str.

    Raises ValueError for a negative length or an empty alphabet, TypeError for a
    non-int length or a non-str alphabet, OverflowError for a seed outside the range,
    and MemoryError when the string cannot be allocated.
    """

@final
class Vec:
    """An immutable 3-D vector of floats, a drop-in for the pure-Python reference's Vec.

    `+` and `-` work coordinate-wise; `*` between two Vecs is the dot product (a float).
    Coordinates are numbers converted as math.sqrt converts its argument (a float or
    float subclass by its value; int or any object with __float__ or __index__);
    anything else raises TypeError. eval(repr(v)) == v for
    finite coordinates. Vecs are hashable and picklable.
    """

    def __new__(cls, x: _Real, y: _Real, z: _Real) -> Vec: ...
    @property
    def x(self) -> float:
        """The x coordinate."""
    @property
    def y(self) -> float:
        """The y coordinate."""
    @property
    def z(self) -> float:
        """The z coordinate."""
    def __add__(self, other: Vec, /) -> Vec: ...
    def __sub__(self, other: Vec, /) -> Vec: ...
    def __mul__(self, other: Vec, /) -> float: ...
    def scale(self, factor: _Real) -> Vec:
        """The vector with every coordinate multiplied by `factor`."""
    def length(self) -> float:
        """The Euclidean length, sqrt(self * self)."""
    def len(self) -> float:
        """The Euclidean length: length() under the name the talk's Rust port used."""
    def __len__(self) -> float:  # the talk's: a float, so len(v) raises TypeError
        """The Euclidean length, sqrt(self * self)."""
    def normal(self) -> Vec:
        """The unit vector in the same direction: self.scale(1 / self.length()).

        Raises ZeroDivisionError when the length is zero.
        """
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Vec], tuple[float, float, float]]: ...

@final
class Line:
    """An immutable ray: the points p + t*v for t >= 0, from origin `p` along direction `v`
    (two Vecs; any length of `v`, not only 1). A drop-in for the reference's Line.
    """

    def __new__(cls, p: Vec, v: Vec) -> Line: ...
    @property
    def p(self) -> Vec:
        """The origin."""
    @property
    def v(self) -> Vec:
        """The direction."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Line], tuple[Vec, Vec]]: ...

@final
class Sphere:
    """An immutable sphere with centre `q` (a Vec) and radius `r` (a float). A drop-in for
    the reference's Sphere.

    Raises ValueError unless `r` is positive and finite.
    """

    def __new__(cls, q: Vec, r: _Real) -> Sphere: ...
    @property
    def q(self) -> Vec:
        """The centre."""
    @property
    def r(self) -> float:
        """The radius."""
    def intersect(self, line: Line) -> Vec | None:
        """The nearest point p + t*v with t >= 0 where `line` meets the sphere, or None.

        The entry point when the sphere lies ahead, the exit point when the line starts
        inside, None when it misses or the sphere lies behind the origin. Raises
        ZeroDivisionError when the line's direction is the zero vector.
        """
    def get_normal(self, p: Vec) -> Vec:
        """The outward unit normal at point `p`: the unit vector from the centre towards `p`.

        Raises ZeroDivisionError when `p` is the centre.
        """
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[type[Sphere], tuple[Vec, float]]: ...

def color(x: _Real, y: _Real, width: _Real = 800, height: _Real = 600) -> tuple[int, int, int]:
    """The colour (r, g, b) of pixel (x, y) of the sphere scene, a drop-in for the seed's color.

    The pixel looks from the screen point (8*x/width, 6*y/height, 0) along +z at a sphere
    centred (4, 3, 10) with radius 2, lit from (8, 0, 7). A hit is shaded
    (max(int(255 * n*l), 30), 0, 0) with n the surface normal and l the unit vector
    towards the light; a miss is (100, 100, 100). x and y may be any numbers; width and
    height (the frame size, 800x600 by default) must be positive, else ValueError.
    """

def render(width: SupportsIndex = 800, height: SupportsIndex = 600) -> bytes:
    """The sphere scene as RGB bytes: width*height pixels of 3 bytes, row-major, top row
    first; pixel (x, y) is color(x, y, width, height).

    Rendered in parallel with the GIL released, straight into the returned bytes. Raises
    ValueError for a width or height below 1, TypeError for a non-int, MemoryError when
    the frame cannot be allocated.
    """

def save_png(
    path: str | PathLike[str], width: SupportsIndex = 800, height: SupportsIndex = 600
) -> None:
    """Render the sphere scene and write it to `path` as a PNG image.

    `path` is a str or os.PathLike; an existing file is replaced. Rendering, encoding and
    writing run with the GIL released. Raises OSError (e.g. FileNotFoundError) when the
    file cannot be written, what render raises for bad sizes, and ValueError for a side
    longer than PNG allows (2**31 - 1 pixels).
    """
