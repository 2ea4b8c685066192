"""The talk's own program, unchanged, on myrustlib's classes: every float bit for bit.

`myrustlib.bench.ray` holds the talk's pure-Python classes as its audience has them (plain
attributes, no checks, the talk's formulas). myrustlib's Vec, Line and Sphere must return the
very same floats for every operation on finite inputs (intersect where the talk's formula is
right: a direction with v * v == 1 and the sphere in front of the origin), and the talk's color()
run with myrustlib's classes must draw the talk's frame with every intermediate float equal.
Where myrustlib differs on purpose, a test below shows the difference (the list is in
`myrustlib.reference.ray`'s docstring).
"""

from __future__ import annotations

import math
import struct
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import myrustlib
from myrustlib.bench import ray as talk
from myrustlib.reference import ray as reference

finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
vectors = st.tuples(finite, finite, finite)
# Directions whose v * v is exactly 1: the axes, and the 3-4-5 and 5-12-13 triangles (checked).
UNIT_DIRECTIONS = [
    (sign * a, sign * b, sign * c)
    for a, b, c in [
        (1.0, 0.0, 0.0),
        (0.0, 1.0, 0.0),
        (0.0, 0.0, 1.0),
        (0.6, 0.8, 0.0),
        (0.0, 0.6, 0.8),
        (0.8, 0.0, 0.6),
        (0.0, 0.8, 0.6),
    ]
    for sign in (1.0, -1.0)
]


def bits(value: Any) -> Any:
    """A float's exact bits (so -0.0 differs from 0.0), or a Vec's, recursively."""
    if value is None:
        return None
    if isinstance(value, float):
        return struct.pack("<d", value)
    return (bits(value.x), bits(value.y), bits(value.z))


def outcome(call: Any) -> Any:
    """The result's bits, or the exception's type."""
    try:
        return ("ok", bits(call()))
    except Exception as error:
        return ("raises", type(error))


def test_unit_directions_are_exactly_unit() -> None:
    for v in UNIT_DIRECTIONS:
        assert talk.Vec(*v) * talk.Vec(*v) == 1.0, v


@given(a=vectors, b=vectors, factor=finite)
def test_vec_operations_return_the_talks_floats(
    a: tuple[float, float, float], b: tuple[float, float, float], factor: float
) -> None:
    ours_a, ours_b = myrustlib.Vec(*a), myrustlib.Vec(*b)
    talks_a, talks_b = talk.Vec(*a), talk.Vec(*b)
    assert bits(ours_a + ours_b) == bits(talks_a + talks_b)
    assert bits(ours_a - ours_b) == bits(talks_a - talks_b)
    assert bits(ours_a * ours_b) == bits(talks_a * talks_b)
    assert bits(ours_a.scale(factor)) == bits(talks_a.scale(factor))
    assert bits(ours_a.__len__()) == bits(talks_a.__len__())
    assert bits(ours_a.len()) == bits(talks_a.__len__())
    assert bits(ours_a.length()) == bits(talks_a.__len__())
    assert outcome(ours_a.normal) == outcome(talks_a.normal)


@given(q=vectors, r=st.floats(min_value=5e-324, allow_infinity=False), p=vectors)
def test_get_normal_returns_the_talks_floats(
    q: tuple[float, float, float], r: float, p: tuple[float, float, float]
) -> None:
    def ours() -> Any:
        return myrustlib.Sphere(myrustlib.Vec(*q), r).get_normal(myrustlib.Vec(*p))

    def talks() -> Any:
        return talk.Sphere(talk.Vec(*q), r).get_normal(talk.Vec(*p))

    assert outcome(ours) == outcome(talks)


@given(
    origin=st.tuples(moderate, moderate, moderate),
    direction=st.sampled_from(UNIT_DIRECTIONS),
    ahead=st.floats(min_value=0.0, max_value=1e6),
    offset=st.tuples(moderate, moderate, moderate),
    r=st.floats(min_value=1e-3, max_value=1e6),
)
def test_intersect_returns_the_talks_point_where_the_talk_is_right(
    origin: tuple[float, float, float],
    direction: tuple[float, float, float],
    ahead: float,
    offset: tuple[float, float, float],
    r: float,
) -> None:
    # A sphere centred near the ray, `ahead` along it: often hit, always in front if hit.
    v = talk.Vec(*direction)
    centre = talk.Vec(*origin) + v.scale(ahead) + talk.Vec(*offset).scale(r / 1e6)
    talks = talk.Sphere(centre, r).intersect(talk.Line(talk.Vec(*origin), v))
    if talks is not None:
        # The talk's formula is right only for a sphere in front of the origin (t >= 0).
        assume((talks - talk.Vec(*origin)) * v >= 0)
    ours = myrustlib.Sphere(myrustlib.Vec(centre.x, centre.y, centre.z), r).intersect(
        myrustlib.Line(myrustlib.Vec(*origin), myrustlib.Vec(*direction))
    )
    assert bits(ours) == bits(talks)


@given(
    origin=st.tuples(moderate, moderate, moderate),
    direction=st.tuples(moderate, moderate, moderate),
    q=st.tuples(moderate, moderate, moderate),
    r=st.floats(min_value=1e-3, max_value=1e6),
)
def test_intersect_equals_the_reference_for_any_direction(
    origin: tuple[float, float, float],
    direction: tuple[float, float, float],
    q: tuple[float, float, float],
    r: float,
) -> None:
    def run(m: Any) -> Any:
        return m.Sphere(m.Vec(*q), r).intersect(m.Line(m.Vec(*origin), m.Vec(*direction)))

    assert outcome(lambda: run(myrustlib)) == outcome(lambda: run(reference))


def trace(vec: Any, line: Any, sphere: Any, x: int, y: int) -> tuple[Any, ...]:
    """The talk's color(x, y), step by step, on the given classes: every intermediate value."""
    screen_point = vec(8.0 * x / 800, 6.0 * y / 600, 0.0)
    ball = sphere(vec(4.0, 3.0, 10.0), 2.0)
    hit = ball.intersect(line(screen_point, vec(0.0, 0.0, 1.0)))
    if hit is None:
        return (bits(screen_point), None)
    normal = ball.get_normal(hit)
    light_ray = (vec(8.0, 0.0, 7.0) - hit).normal()
    shade = normal * light_ray * 255
    return (bits(screen_point), bits(hit), bits(normal), bits(light_ray), bits(shade))


def test_the_talks_color_on_myrustlib_draws_the_talks_frame_float_for_float() -> None:
    ours = (myrustlib.Vec, myrustlib.Line, myrustlib.Sphere)
    talks = (talk.Vec, talk.Line, talk.Sphere)
    hits = 0
    for y in range(talk.HEIGHT):
        for x in range(0, talk.WIDTH, 3):  # every third column: 160,000 pixels, every row
            expected = trace(*talks, x, y)
            assert trace(*ours, x, y) == expected, (x, y)
            hits += expected[1] is not None
    assert hits > 30_000  # the sphere is in the picture
    frame = talk.per_pixel_frame(talk.color_with(*ours))
    assert frame == talk.per_pixel_frame(talk.color) == myrustlib.render()


def test_len_is_the_talks_float_length_and_len_of_a_vec_raises_as_in_the_talk() -> None:
    for impl in (myrustlib, talk, reference):
        v = impl.Vec(3.0, 0.0, 4.0)
        assert v.__len__() == 5.0
        assert isinstance(v.__len__(), float)
        with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
            len(v)
        with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
            bool(v)
    assert myrustlib.Vec(3.0, 0.0, 4.0).normal().x == 0.6000000000000001  # the talk's last bit


# --- Deliberate differences (listed in myrustlib.reference.ray) ------------------------------


def line_pair(p: tuple[float, ...], v: tuple[float, ...]) -> tuple[Any, Any]:
    return (
        myrustlib.Line(myrustlib.Vec(*p), myrustlib.Vec(*v)),
        talk.Line(talk.Vec(*p), talk.Vec(*v)),
    )


def sphere_pair(q: tuple[float, ...], r: float) -> tuple[Any, Any]:
    return myrustlib.Sphere(myrustlib.Vec(*q), r), talk.Sphere(talk.Vec(*q), r)


def test_deliberate_difference_a_sphere_behind_the_origin_is_a_miss() -> None:
    ours, talks = sphere_pair((0, 0, -10), 2.0)
    line, talk_line = line_pair((0, 0, 0), (0, 0, 1))
    assert ours.intersect(line) is None
    assert bits(talks.intersect(talk_line)) == bits(talk.Vec(0.0, 0.0, -12.0))  # behind


def test_deliberate_difference_from_inside_the_sphere_the_exit_point() -> None:
    ours, talks = sphere_pair((0, 0, 0), 2.0)
    line, talk_line = line_pair((0, 0, 0), (0, 0, 1))
    assert ours.intersect(line) == myrustlib.Vec(0.0, 0.0, 2.0)
    assert bits(talks.intersect(talk_line)) == bits(talk.Vec(0.0, 0.0, -2.0))


def test_deliberate_difference_directions_of_any_length() -> None:
    ours, talks = sphere_pair((0, 0, 10), 2.0)
    line, talk_line = line_pair((0, 0, 0), (0, 0, 4))
    assert ours.intersect(line) == myrustlib.Vec(0.0, 0.0, 8.0)  # on the sphere
    talks_point = talks.intersect(talk_line)
    assert talks_point is not None
    assert not math.isclose(talks_point.z, 8.0)  # the talk assumed a unit direction


def test_deliberate_difference_a_zero_direction_raises() -> None:
    ours, talks = sphere_pair((0, 0, 0), 2.0)
    line, talk_line = line_pair((0, 0, 0), (0, 0, 0))
    with pytest.raises(ZeroDivisionError):
        ours.intersect(line)
    assert bits(talks.intersect(talk_line)) == bits(talk.Vec(0.0, 0.0, 0.0))


def test_deliberate_difference_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="radius"):
        myrustlib.Sphere(myrustlib.Vec(0, 0, 0), -1.0)
    talk.Sphere(talk.Vec(0, 0, 0), -1.0)  # accepted
    with pytest.raises(TypeError):
        myrustlib.Vec("1", 2, 3)  # type: ignore[arg-type]
    assert talk.Vec("1", 2, 3).x == "1"
    with pytest.raises(TypeError):
        myrustlib.Line((0, 0, 0), myrustlib.Vec(0, 0, 1))  # type: ignore[arg-type]


def test_deliberate_difference_values_are_immutable() -> None:
    v = myrustlib.Vec(1, 2, 3)
    with pytest.raises(AttributeError):
        v.x = 5.0  # type: ignore[misc]
    w = talk.Vec(1, 2, 3)
    w.x = 5.0
    assert w.x == 5.0


def test_as_in_the_talk_a_radius_whose_square_overflows_raises_overflow_error() -> None:
    for impl in (myrustlib, talk, reference):
        sphere = impl.Sphere(impl.Vec(0.0, 0.0, 0.0), 1e200)
        with pytest.raises(OverflowError):
            sphere.intersect(impl.Line(impl.Vec(0.0, 0.0, 0.0), impl.Vec(1.0, 0.0, 0.0)))
