"""The "Rusty Python" ray tracer in plain Python: the oracle for myrustlib's Rust ray tracer.

One sphere, one light, one ray per pixel. ``color(x, y)`` is the per-pixel hot spot the talk
profiled; ``render`` calls it for every pixel of a frame, as the talk's drawing loop did.

Every formula performs the talk's float operations in the talk's order, so for the inputs on
which the talk's code is right, each result is the talk's bit for bit: ``+``, ``-``, ``*`` (the
dot product, summed left to right), ``scale``, ``normal`` (``self.scale(1 / length)``),
``get_normal``, and ``intersect`` for a direction with ``v * v == 1`` and a sphere in front of the
origin (``r**2`` as Python computes it). The Rust core (``crates/core/src/ray.rs``) performs the
same operations, so the two agree bit for bit everywhere, and frames byte for byte.

Deliberate differences from the talk's classes, each shared with the Rust version and tested in
``python/tests/test_ray.py`` (``test_deliberate_difference_*``):

- ``Sphere.intersect`` returns the nearest point with ``t >= 0`` along ``p + t*v``: the talk took
  the nearer root even when it lay behind the ray's origin (a sphere behind the origin is a miss
  here; from inside the sphere the exit point is returned).
- Directions of any length: the talk's formula assumed ``v * v == 1``; here the quadratic is
  solved with ``a = v * v``, which gives the talk's floats exactly when ``a`` is exactly 1.
- Arguments are checked: coordinates must be real numbers (TypeError otherwise, where the talk
  would fail later or compute with whatever it was given), ``Line`` and ``Sphere`` take ``Vec``
  s, a radius must be positive and finite (ValueError), a zero direction raises
  ZeroDivisionError (the talk divided by nothing and returned a point).
- The values are immutable (AttributeError on assignment), hashable, comparable with ``==``,
  picklable, and their ``repr`` evaluates back.

As in the talk, ``v.__len__()`` returns the float length (so ``len(v)`` and ``bool(v)`` raise
TypeError), normalising a zero vector raises ZeroDivisionError, and a radius whose square
overflows raises OverflowError when intersecting. ``v.len()`` is ``v.length()``, as in the
talk's Rust port.
"""

from __future__ import annotations

import math
import operator
import sys
from typing import SupportsFloat, SupportsIndex, cast

__all__ = ["Line", "Sphere", "Vec", "color", "render"]

_FrameSide = SupportsIndex


def _real(value: object) -> float:
    """``value`` as a float, converted the way C functions such as math.sqrt convert theirs
    (CPython's PyFloat_AsDouble): a float, or float subclass, by its stored value; an int or
    any object with ``__float__`` or ``__index__`` through float().

    float() would also parse strings; a coordinate given as "1.5" is a bug, so it is a TypeError
    here, as it is for the Rust classes.
    """
    if type(value) is float:
        return value
    if isinstance(value, float):
        return float.__float__(value)
    kind = type(value)
    if not (hasattr(kind, "__float__") or hasattr(kind, "__index__")):
        msg = f"must be real number, not {kind.__name__}"
        raise TypeError(msg)
    return float(cast("SupportsFloat | SupportsIndex", value))


class _Immutable:
    """Refuses attribute assignment, like the Rust classes (which are frozen)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"{type(self).__name__} objects are immutable"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"{type(self).__name__} objects are immutable"
        raise AttributeError(msg)


class Vec(_Immutable):
    """An immutable 3-D vector; ``*`` between two Vecs is the dot product."""

    __slots__ = ("x", "y", "z")
    x: float
    y: float
    z: float

    def __init__(self, x: float, y: float, z: float) -> None:
        object.__setattr__(self, "x", _real(x))
        object.__setattr__(self, "y", _real(y))
        object.__setattr__(self, "z", _real(z))

    def __add__(self, other: Vec) -> Vec:
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other: Vec) -> Vec:
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, other: Vec) -> float:
        if not isinstance(other, Vec):
            return NotImplemented
        return self.x * other.x + self.y * other.y + self.z * other.z

    def scale(self, factor: float) -> Vec:
        """The vector with every coordinate multiplied by ``factor``."""
        factor = _real(factor)
        return Vec(self.x * factor, self.y * factor, self.z * factor)

    def length(self) -> float:
        """The Euclidean length."""
        return math.sqrt(self * self)

    len = length
    """The talk's Rust port's name for length()."""

    __len__ = length
    """As in the talk: the float length, so ``len(v)`` raises TypeError (it needs an int)."""

    def normal(self) -> Vec:
        """The unit vector in the same direction; ZeroDivisionError for a zero length."""
        length = self.length()
        if length == 0:
            msg = "cannot normalise a vector of length zero"
            raise ZeroDivisionError(msg)
        return self.scale(1 / length)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Vec):
            return NotImplemented
        # Coordinate by coordinate, not as tuples: tuple equality treats a NaN as equal to itself.
        return self.x == other.x and self.y == other.y and self.z == other.z

    def __hash__(self) -> int:
        return hash((self.x, self.y, self.z))

    def __repr__(self) -> str:
        return f"Vec({self.x!r}, {self.y!r}, {self.z!r})"

    def __reduce__(self) -> tuple[type[Vec], tuple[float, float, float]]:
        return (Vec, (self.x, self.y, self.z))


def _vec(value: object, name: str) -> Vec:
    if not isinstance(value, Vec):
        msg = f"{name} must be a Vec, not {type(value).__name__}"
        raise TypeError(msg)
    return value


class Line(_Immutable):
    """A ray: the points ``p + t*v`` for ``t >= 0``."""

    __slots__ = ("p", "v")
    p: Vec
    v: Vec

    def __init__(self, p: Vec, v: Vec) -> None:
        object.__setattr__(self, "p", _vec(p, "p"))
        object.__setattr__(self, "v", _vec(v, "v"))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return self.p == other.p and self.v == other.v

    def __hash__(self) -> int:
        return hash((self.p, self.v))

    def __repr__(self) -> str:
        return f"Line({self.p!r}, {self.v!r})"

    def __reduce__(self) -> tuple[type[Line], tuple[Vec, Vec]]:
        return (Line, (self.p, self.v))


class Sphere(_Immutable):
    """A sphere with centre ``q`` and a positive, finite radius ``r``."""

    __slots__ = ("q", "r")
    q: Vec
    r: float

    def __init__(self, q: Vec, r: float) -> None:
        q = _vec(q, "q")
        r = _real(r)
        if not (r > 0 and math.isfinite(r)):
            msg = f"radius must be positive and finite, got {r}"
            raise ValueError(msg)
        object.__setattr__(self, "q", q)
        object.__setattr__(self, "r", r)

    def _distance(self, line: Line) -> float | None:
        """The parameter t >= 0 of the nearest intersection, solving a*t^2 + 2h*t + c = 0."""
        if not isinstance(line, Line):
            msg = f"line must be a Line, not {type(line).__name__}"
            raise TypeError(msg)
        dif = line.p - self.q
        a = line.v * line.v
        if a == 0:
            msg = "the line's direction is the zero vector"
            raise ZeroDivisionError(msg)
        h = line.v * dif
        c = dif * dif - self.r**2  # pow(r, 2), as the talk computes it: OverflowError if huge
        discriminant = h * h - a * c
        if math.isnan(discriminant) or discriminant < 0:
            return None
        root = math.sqrt(discriminant)
        near = (-h - root) / a
        if near >= 0:
            return near
        far = (-h + root) / a
        return far if far >= 0 else None

    def intersect(self, line: Line) -> Vec | None:
        """The nearest point where ``line`` meets the sphere (t >= 0), or None."""
        t = self._distance(line)
        if t is None:
            return None
        return line.p + line.v.scale(t)

    def get_normal(self, p: Vec) -> Vec:
        """The outward unit normal at ``p``; ZeroDivisionError at the centre."""
        return (_vec(p, "p") - self.q).normal()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sphere):
            return NotImplemented
        return self.q == other.q and self.r == other.r

    def __hash__(self) -> int:
        return hash((self.q, self.r))

    def __repr__(self) -> str:
        return f"Sphere({self.q!r}, {self.r!r})"

    def __reduce__(self) -> tuple[type[Sphere], tuple[Vec, float]]:
        return (Sphere, (self.q, self.r))


def color(x: float, y: float, width: float = 800, height: float = 600) -> tuple[int, int, int]:
    """The colour of pixel (x, y) of the one-sphere scene in a width x height frame."""
    x, y, width, height = _real(x), _real(y), _real(width), _real(height)
    if math.isnan(width) or math.isnan(height) or width <= 0 or height <= 0:
        msg = f"width and height must be positive, got {width}x{height}"
        raise ValueError(msg)
    screen_point = Vec(8.0 * x / width, 6.0 * y / height, 0.0)
    screen_dir = Vec(0.0, 0.0, 1.0)
    sphere = Sphere(Vec(4.0, 3.0, 10.0), 2.0)
    light = Vec(8.0, 0.0, 7.0)

    intersect = sphere.intersect(Line(screen_point, screen_dir))
    if intersect is None:
        return (100, 100, 100)
    normal = sphere.get_normal(intersect)
    light_ray = (light - intersect).normal()
    return (max(int(normal * light_ray * 255), 30), 0, 0)


def _side(value: _FrameSide, name: str) -> int:
    side = operator.index(value)
    if side < 1:
        msg = f"{name} must be at least 1, got {side}"
        raise ValueError(msg)
    return side


def render(width: _FrameSide = 800, height: _FrameSide = 600) -> bytes:
    """The scene as RGB bytes, row-major, top row first, one color() call per pixel."""
    width, height = _side(width, "width"), _side(height, "height")
    if width * height * 3 > sys.maxsize:
        msg = f"cannot allocate a {width}x{height} frame"
        raise MemoryError(msg)
    frame = bytearray()
    for y in range(height):
        for x in range(width):
            frame.extend(color(x, y, width, height))
    return bytes(frame)
