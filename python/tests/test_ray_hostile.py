"""Hostile arguments for the ray tracer: Vec, Line, Sphere (their methods and operators),
color and render against the reference; save_png, which has none, against its documentation.

The calls run in crash-isolated child interpreters: see isolation.py.
"""

from __future__ import annotations

import copy
import functools
import math
import operator
import os
import pickle
import sys
import weakref
from pathlib import Path
from typing import Any, Callable

from hypothesis import assume, given
from hypothesis import strategies as st
from isolation import (
    RUST,
    Call,
    Case,
    HasFspath,
    HasIndex,
    Own,
    Raising,
    Table,
    agree,
    apply,
    both,
    hostile,
    index_or_none,
    invoke,
    method,
    mixed,
    mixture_settings,
    mixtures_test,
    pick,
    rust_values,
    table_tests,
    too_big_to_run,
)
from PIL import Image

import myrustlib
from myrustlib import reference

# Typed as Any: the calls below pass what the signatures forbid, on purpose.
SAVE_PNG: Any = myrustlib.save_png
REFERENCE_RENDER: Any = reference.render


SPECIAL_COORDS: dict[str, tuple[float, float, float]] = {
    "nan": (math.nan, 0.0, 0.0),
    "inf": (math.inf, -math.inf, 0.0),
    "-0.0": (-0.0, 0.0, -0.0),
    "huge": (1e308, 1e308, 1e308),
    "subnormal": (5e-324, 0.0, 0.0),
    "zero": (0.0, 0.0, 0.0),
    "tiny": (1e-200, 0.0, 0.0),
    "plain": (1.0, -2.0, 3.0),
}


def vec_cases(tmp: Path) -> list[Case]:
    vec = Own("Vec", (1, -2, 3))
    cases = []
    for key, value in hostile().items():
        cases += [
            both(f"Vec({key}, 0, 0)", invoke("Vec", value, 0, 0)),
            both(f"Vec(0, {key}, 0)", invoke("Vec", 0, value, 0)),
            both(f"Vec(0, 0, {key})", invoke("Vec", 0, 0, value)),
            both(f"Vec(1, -2, 3).scale({key})", method(vec, "scale", value)),
            both(f"Vec(1, -2, 3) + {key}", apply(operator.add, vec, value)),
            both(f"Vec(1, -2, 3) - {key}", apply(operator.sub, vec, value)),
            both(f"Vec(1, -2, 3) * {key}", apply(operator.mul, vec, value)),
            both(f"{key} + Vec(1, -2, 3)", apply(operator.add, value, vec)),
            both(f"{key} * Vec(1, -2, 3)", apply(operator.mul, value, vec)),
            both(f"Vec(1, -2, 3) == {key}", apply(operator.eq, vec, value)),
            both(f"Vec(1, -2, 3) != {key}", apply(operator.ne, vec, value)),
            both(f"Vec(1, -2, 3) < {key}", apply(operator.lt, vec, value)),
        ]
    shapes: dict[str, Call] = {
        "Vec()": invoke("Vec"),
        "Vec(1, 2)": invoke("Vec", 1, 2),
        "Vec(1, 2, 3, 4)": invoke("Vec", 1, 2, 3, 4),
        "Vec(1, 2, w=3)": invoke("Vec", 1, 2, w=3),
        "Vec(1, 2, 3, x=1)": invoke("Vec", 1, 2, 3, x=1),
        "Vec(x=1, y=2, z=3)": invoke("Vec", x=1, y=2, z=3),
        "Vec(1, -2, 3).scale()": method(vec, "scale"),
        "Vec(1, -2, 3).scale(1, 2)": method(vec, "scale", 1, 2),
        "Vec(1, -2, 3).scale(factor=2)": method(vec, "scale", factor=2),
        "Vec(1, -2, 3).scale(fctor=2)": method(vec, "scale", fctor=2),
        "Vec(1, -2, 3).length(1)": method(vec, "length", 1),
        "Vec(1, -2, 3).normal(1)": method(vec, "normal", 1),
        "Vec(1, -2, 3).x = 1": apply(setattr, vec, "x", 1.0),
        "del Vec(1, -2, 3).x": apply(delattr, vec, "x"),
        "Vec(1, -2, 3).w": apply(getattr, vec, "w"),
        "len(Vec(1, -2, 3))": apply(len, vec),
        "iter(Vec(1, -2, 3))": apply(iter, vec),
        "bool(Vec(1, -2, 3))": apply(bool, vec),
    }
    cases += [both(text, call) for text, call in shapes.items()]
    cases += [
        both("weakref.ref(Vec)", apply(weakref.ref, vec)),
        both("pickle protocol 0 (Vec, Line, Sphere)", _pickle_all(0)),
        both("pickle protocol 5 (Vec, Line, Sphere)", _pickle_all(5)),
    ]
    rust_vec, rust_line, rust_ball = (
        myrustlib.Vec(1, 2, 3),
        myrustlib.Line(RUST.Vec(0, 0, 0), RUST.Vec(0, 0, 1)),
        myrustlib.Sphere(RUST.Vec(0, 0, 10), 2),
    )
    # Methods and properties called on the wrong `self`, and ways around __new__: TypeError.
    # By the class they attack.
    unbound: dict[str, dict[str, Callable[[], object]]] = {
        "Vec": {
            "object.__new__(Vec)": functools.partial(object.__new__, myrustlib.Vec),
            "Vec.__new__(Line, 1, 2, 3)": functools.partial(
                _unbound, myrustlib.Vec, "__new__", myrustlib.Line, 1, 2, 3
            ),
            "Vec.__new__(Vec)": functools.partial(
                _unbound, myrustlib.Vec, "__new__", myrustlib.Vec
            ),
            "Vec.length(None)": functools.partial(_unbound, myrustlib.Vec, "length", None),
            "Vec.normal(1)": functools.partial(_unbound, myrustlib.Vec, "normal", 1),
            "Vec.scale(Line, 2)": functools.partial(_unbound, myrustlib.Vec, "scale", rust_line, 2),
            "Vec.__repr__(Sphere)": functools.partial(
                _unbound, myrustlib.Vec, "__repr__", rust_ball
            ),
            "Vec.__hash__(1)": functools.partial(_unbound, myrustlib.Vec, "__hash__", 1),
            "Vec.__reduce__(None)": functools.partial(_unbound, myrustlib.Vec, "__reduce__", None),
            "Vec.__eq__(Line, Vec)": functools.partial(
                _unbound, myrustlib.Vec, "__eq__", rust_line, rust_vec
            ),
            "Vec.__add__(Line, Vec)": functools.partial(
                _unbound, myrustlib.Vec, "__add__", rust_line, rust_vec
            ),
            "Vec.__mul__(reference Vec, Vec)": functools.partial(
                _unbound, myrustlib.Vec, "__mul__", reference.Vec(1, 2, 3), rust_vec
            ),
            "Vec.x.__get__(reference Vec)": functools.partial(
                _unbound, myrustlib.Vec.x, "__get__", reference.Vec(1, 2, 3)
            ),
            "class V(Vec)": functools.partial(type, "V", (myrustlib.Vec,), {}),
        },
        "Line": {
            "Line.p.__get__(Vec)": functools.partial(
                _unbound, myrustlib.Line.p, "__get__", rust_vec
            ),
            "Line.__reduce__(Vec)": functools.partial(
                _unbound, myrustlib.Line, "__reduce__", rust_vec
            ),
            "class L(Line)": functools.partial(type, "L", (myrustlib.Line,), {}),
        },
        "Sphere": {
            "Sphere.intersect(Vec, Line)": functools.partial(
                _unbound, myrustlib.Sphere, "intersect", rust_vec, rust_line
            ),
            "Sphere.get_normal(None, Vec)": functools.partial(
                _unbound, myrustlib.Sphere, "get_normal", None, rust_vec
            ),
            "Sphere.r.__get__(Vec)": functools.partial(
                _unbound, myrustlib.Sphere.r, "__get__", rust_vec
            ),
            "class S(Sphere)": functools.partial(type, "S", (myrustlib.Sphere,), {}),
        },
    }
    for target, calls in unbound.items():
        for text, call in calls.items():
            cases.append(
                Case(f"{text} [rust only]", call, allowed=("TypeError",), targets=(target,))
            )
    cases += [
        Case(
            "object.__setattr__(Vec, 'x', 3) [rust only]",
            functools.partial(object.__setattr__, rust_vec, "x", 3),
            allowed=("AttributeError",),
            targets=("Vec",),
        ),
        Case(
            "Vec.__add__(Vec, Line) [rust only]",
            functools.partial(_unbound, myrustlib.Vec, "__add__", rust_vec, rust_line),
            check=lambda result: result is NotImplemented,
            targets=("Vec",),
        ),
        Case(
            "Vec.__init__(Vec, 4, 5, 6) leaves it unchanged [rust only]",
            functools.partial(_reinit, rust_vec),
            check=lambda result: result is True,
            targets=("Vec",),
        ),
    ]
    for key, coords in SPECIAL_COORDS.items():
        v = Own("Vec", coords)
        cases += [
            both(f"Vec<{key}>.x,y,z", apply(_coordinates, v)),
            both(f"Vec<{key}>.length()", method(v, "length")),
            both(f"Vec<{key}>.normal()", method(v, "normal")),
            both(f"repr(Vec<{key}>)", apply(repr, v)),
            both(f"eval(repr(Vec<{key}>))", _eval_repr(v)),
            both(f"pickle(Vec<{key}>)", apply(_pickled, v)),
            both(f"deepcopy(Vec<{key}>)", apply(copy.deepcopy, v)),
            both(f"Vec<{key}> + itself", apply(operator.add, v, v)),
            both(f"Vec<{key}> - itself", apply(operator.sub, v, v)),
            both(f"Vec<{key}> * itself", apply(operator.mul, v, v)),
            both(f"Vec<{key}> == itself", apply(operator.eq, v, v)),
            both(f"Vec<{key}>.scale(nan)", method(v, "scale", math.nan)),
            both(f"Vec<{key}>.scale(inf)", method(v, "scale", math.inf)),
            both(f"Vec<{key}>.scale(-0.0)", method(v, "scale", -0.0)),
        ]
        if math.isnan(sum(coords)):
            # hash(nan) depends on the float object's identity in the reference: only Rust's
            # own hash is checked, to be a stable int.
            cases.append(
                Case(
                    f"hash(Vec<{key}>) [rust only]",
                    functools.partial(_stable_hash, myrustlib.Vec(*coords)),
                    check=lambda result: result is True,
                    targets=("Vec",),
                )
            )
        else:
            cases.append(both(f"hash(Vec<{key}>)", apply(hash, v)))
    return cases


def _attrs(value: object, *names: str) -> tuple[object, ...]:
    return tuple(getattr(value, name) for name in names)


def _each(function: Callable[[object], object], *values: object) -> tuple[object, ...]:
    return tuple(function(value) for value in values)


def _unbound(owner: object, name: str, *args: object) -> object:
    """`owner.name(*args)`: a method or descriptor called with any `self`."""
    return getattr(owner, name)(*args)


def _reinit(v: Any) -> bool:
    before = (v.x, v.y, v.z)
    v.__init__(4, 5, 6)
    return (v.x, v.y, v.z) == before


def _pickle_all(protocol: int) -> Call:
    def run(impl: Any) -> object:
        p, d = impl.Vec(1, -0.0, math.inf), impl.Vec(math.nan, 2, 3)
        values = (p, impl.Line(p, d), impl.Sphere(d, 5e-324))
        return tuple(pickle.loads(pickle.dumps(value, protocol)) for value in values)

    return Call(run, ("Vec", "Line", "Sphere"))


def _coordinates(value: Any) -> tuple[object, ...]:
    return _attrs(value, "x", "y", "z")


def _eval_repr(value: Own) -> Call:
    def run(impl: Any) -> object:
        namespace = {"Vec": impl.Vec, "Line": impl.Line, "Sphere": impl.Sphere}
        return eval(repr(pick(value, impl)), namespace)  # our classes' repr, made to evaluate

    return Call(run, (value.name,))


def _pickled(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


def _stable_hash(value: object) -> bool:
    first = hash(value)
    return type(first) is int and first == hash(value) == hash(copy.copy(value))


def line_sphere_cases(tmp: Path) -> list[Case]:
    vec = Own("Vec", (0, 0, 1))
    sphere = Own("Sphere", (Own("Vec", (0, 0, 10)), 2))
    line = Own("Line", (Own("Vec", (0, 0, 0)), Own("Vec", (0, 0, 1))))
    cases = []
    for key, value in hostile().items():
        cases += [
            both(f"Line({key}, Vec)", invoke("Line", value, vec)),
            both(f"Line(Vec, {key})", invoke("Line", vec, value)),
            both(f"Sphere({key}, 2)", invoke("Sphere", value, 2)),
            both(f"Sphere(Vec, {key})", invoke("Sphere", vec, value)),
            both(f"Sphere.intersect({key})", method(sphere, "intersect", value)),
            both(f"Sphere.get_normal({key})", method(sphere, "get_normal", value)),
            both(f"Line == {key}", apply(operator.eq, line, value)),
            both(f"Sphere == {key}", apply(operator.eq, sphere, value)),
        ]
    shapes: dict[str, Call] = {
        "Line()": invoke("Line"),
        "Line(Vec)": invoke("Line", vec),
        "Line(Vec, Vec, Vec)": invoke("Line", vec, vec, vec),
        "Line(p=Vec, v=Vec)": invoke("Line", p=vec, v=vec),
        "Line(p=Vec, w=Vec)": invoke("Line", p=vec, w=vec),
        "Line.p, Line.v": apply(_attrs, line, "p", "v"),
        "Line.p = Vec": apply(setattr, line, "p", vec),
        "Sphere(Vec)": invoke("Sphere", vec),
        "Sphere(q=Vec, r=2)": invoke("Sphere", q=vec, r=2),
        "Sphere(q=Vec, radius=2)": invoke("Sphere", q=vec, radius=2),
        "Sphere.q, Sphere.r": apply(_attrs, sphere, "q", "r"),
        "Sphere.r = 1": apply(setattr, sphere, "r", 1.0),
        "Sphere.intersect()": method(sphere, "intersect"),
        "Sphere.intersect(line=Line)": method(sphere, "intersect", line=line),
        "Sphere.intersect(Line, Line)": method(sphere, "intersect", line, line),
        "Sphere.get_normal(p=Vec)": method(sphere, "get_normal", p=vec),
        "Sphere.get_normal(Vec, Vec)": method(sphere, "get_normal", vec, vec),
        "repr(Line), repr(Sphere)": apply(_each, repr, line, sphere),
        "hash(Line), hash(Sphere)": apply(_each, hash, line, sphere),
        "pickle(Line), pickle(Sphere)": apply(_each, _pickled, line, sphere),
    }
    cases += [both(text, call) for text, call in shapes.items()]
    centres = {"q": (0.0, 0.0, 10.0), "q_inf": (math.inf, 0.0, 10.0)}
    radii = {"r1": 1.0, "r1e200": 1e200, "r5e-324": 5e-324}
    origins = {"p0": (0.0, 0.0, 0.0), "p_centre": (0.0, 0.0, 10.0), "p_nan": (math.nan, 0.0, 0.0)}
    directions = {
        "v": (0.0, 0.0, 1.0),
        "v_zero": (0.0, 0.0, 0.0),
        "v_tiny": (1e-200, 0.0, 0.0),
        "v_huge": (0.0, 0.0, 1e200),
        "v_nan": (math.nan, 0.0, 1.0),
        "v_inf": (math.inf, 0.0, 1.0),
        "v_back": (0.0, 0.0, -1.0),
    }
    for qk, q in centres.items():
        for rk, r in radii.items():
            ball = Own("Sphere", (Own("Vec", q), r))
            for pk, p in origins.items():
                for vk, v in directions.items():
                    ray = Own("Line", (Own("Vec", p), Own("Vec", v)))
                    cases.append(
                        both(
                            f"Sphere({qk}, {rk}).intersect(Line({pk}, {vk}))",
                            method(ball, "intersect", ray),
                        )
                    )
            for pk, p in {
                **origins,
                "p_inf": (0.0, math.inf, 0.0),
                "p_near": (0.0, 1e-300, 10.0),
            }.items():
                cases.append(
                    both(
                        f"Sphere({qk}, {rk}).get_normal({pk})",
                        method(ball, "get_normal", Own("Vec", p)),
                    )
                )
    return cases


def color_cases(tmp: Path) -> list[Case]:
    cases = []
    for key, value in hostile().items():
        cases += [
            both(f"color({key}, 300)", invoke("color", value, 300)),
            both(f"color(400, {key})", invoke("color", 400, value)),
            both(f"color(400, 300, {key}, 600)", invoke("color", 400, 300, value, 600)),
            both(f"color(400, 300, 800, {key})", invoke("color", 400, 300, 800, value)),
        ]
    specials: dict[str, float] = {
        "nan": math.nan,
        "inf": math.inf,
        "-inf": -math.inf,
        "-0.0": -0.0,
        "1e308": 1e308,
        "5e-324": 5e-324,
        "1e-300": 1e-300,
        "400": 400.0,
    }
    for xk, x in specials.items():
        for wk, w in specials.items():
            cases.append(
                both(f"color(x={xk}, 300, width={wk}, 600)", invoke("color", x, 300, w, 600))
            )
            cases.append(
                both(f"color(400, y={xk}, 800, height={wk})", invoke("color", 400, x, 800, w))
            )
    shapes: dict[str, Call] = {
        "color()": invoke("color"),
        "color(1)": invoke("color", 1),
        "color(1, 2, 3, 4, 5)": invoke("color", 1, 2, 3, 4, 5),
        "color(1, 2, widht=3)": invoke("color", 1, 2, widht=3),
        "color(x=1, y=2)": invoke("color", x=1, y=2),
        "color(1, 2, width=80, height=60)": invoke("color", 1, 2, width=80, height=60),
        "color(1, 2, 3, width=3)": invoke("color", 1, 2, 3, width=3),
        "color(1, 2, height=0)": invoke("color", 1, 2, height=0),
    }
    cases += [both(text, call) for text, call in shapes.items()]
    return cases


def render_cases(tmp: Path) -> list[Case]:
    cases = []
    for key, value in hostile().items():
        if not too_big_to_run(value, 3):
            cases.append(both(f"render({key}, 3)", invoke("render", value, 3)))
        if not too_big_to_run(4, value):
            cases.append(both(f"render(4, {key})", invoke("render", 4, value)))
    combos: dict[str, tuple[tuple[object, ...], dict[str, object]]] = {
        "2**31, 2**31": ((2**31, 2**31), {}),
        "2**31, 0": ((2**31, 0), {}),
        "0, 2**31": ((0, 2**31), {}),
        "2**31, None": ((2**31, None), {}),
        "-1, 2**64": ((-1, 2**64), {}),
        "2**64, -1": ((2**64, -1), {}),
        "-2**63, 1": ((-(2**63),), {"height": 1}),
        "2**63, 2**63": ((2**63, 2**63), {}),
        "has_index_2**64, None": ((HasIndex(2**64), None), {}),
        "raising, 0": ((Raising(), 0), {}),
        "0, raising": ((0, Raising()), {}),
        "True, True": ((True, True), {}),
        "8, height=6": ((8,), {"height": 6}),
        "widht=3": ((), {"widht": 3}),
        "width=3, height=2": ((), {"width": 3, "height": 2}),
        "3, width=3": ((3,), {"width": 3}),
        "1, 2, 3": ((1, 2, 3), {}),
        "height=2": ((), {"height": 2}),
    }
    for text, (args, kwargs) in combos.items():
        cases.append(both(f"render({text})", invoke("render", *args, **kwargs)))
    # Allocatable in principle only with more memory than any machine has: Rust alone.
    for text, size in {
        "2**40, 2**20": (2**40, 2**20),
        "2**30, 2**30": (2**30, 2**30),
        "1, sys.maxsize // 3": (1, sys.maxsize // 3),
    }.items():
        cases.append(
            Case(
                f"render({text}) [rust only]",
                functools.partial(myrustlib.render, *size),
                allowed=("MemoryError",),
            )
        )
    return cases


def _png_matches(path: str, width: int, height: int) -> Callable[[object], bool]:
    """A check that save_png returned None and wrote the width x height frame to `path`."""

    def check(result: object) -> bool:
        with Image.open(path) as image:
            return (
                result is None
                and image.size == (width, height)
                and image.mode == "RGB"
                and image.tobytes() == myrustlib.render(width, height)
            )

    return check


def _path_expectation(value: object) -> tuple[tuple[str, ...], str | None]:
    """(exception names save_png may raise for `value` as its path, the path it may write)."""
    candidate: Any = value
    try:
        path = os.fspath(candidate)
    except BaseException as error:
        return (type(error).__name__,), None
    if isinstance(path, bytes):
        # The signature says str | os.PathLike[str]; open() would take bytes too. Either a
        # TypeError or a correctly written file is acceptable.
        return ("TypeError",), os.fsdecode(path)
    if not isinstance(path, str):
        return ("TypeError",), None
    if path == "":
        return ("FileNotFoundError",), None
    if "\0" in path:
        return ("ValueError",), None
    try:
        os.fsencode(path)
    except UnicodeEncodeError:
        return ("UnicodeEncodeError",), None
    return (), path


def save_png_cases(tmp: Path) -> list[Case]:
    cases = []
    values = {
        **rust_values(),
        "has_fspath_bytes": HasFspath(b"fspath_bytes.png"),
        "has_fspath_int": HasFspath(3),
        "path": tmp / "pathlib.png",
        "surrogate_escape": "\udcff.png",  # stands for the byte 0xff in a file name
        "lone_surrogate": "\ud800.png",
        "nul": "nul\0.png",
        "directory": tmp,
        "missing_directory": tmp / "no" / "such.png",
        "name_too_long": "x" * 300 + ".png",
    }
    for key, value in values.items():
        allowed, path = _path_expectation(value)
        if key == "directory":
            allowed, path = ("IsADirectoryError",), None
        elif key == "missing_directory":
            allowed, path = ("FileNotFoundError",), None
        elif key == "name_too_long":
            allowed, path = ("OSError",), None
        check = None if path is None else _png_matches(path, 4, 3)
        cases.append(
            Case(
                f"save_png({key}, 4, 3)",
                functools.partial(SAVE_PNG, value, 4, 3),
                allowed=allowed,
                check=check,
            )
        )
    # Sizes: the exception reference.render raises for them, else a correct file.
    for key, value in rust_values().items():
        for width, height, text in ((value, 3, f"{key}, 3"), (4, value, f"4, {key}")):
            if too_big_to_run(width, height):
                continue
            path = str(tmp / f"size_{len(cases)}.png")
            w, h = index_or_none(width), index_or_none(height)
            check = None if w is None or h is None else _png_matches(path, w, h)
            cases.append(
                Case(
                    f"save_png(path, {text})",
                    functools.partial(SAVE_PNG, path, width, height),
                    reference=functools.partial(REFERENCE_RENDER, width, height),
                    same_value=False,
                    check=check,
                )
            )
    target = str(tmp / "shapes.png")
    shapes: dict[
        str, tuple[Callable[[], object], tuple[str, ...], Callable[[object], bool] | None]
    ] = {
        "()": (functools.partial(SAVE_PNG), ("TypeError",), None),
        "(path, widht=3)": (
            functools.partial(SAVE_PNG, target, widht=3),
            ("TypeError",),
            None,
        ),
        "(path, 4, 3, 5)": (
            functools.partial(SAVE_PNG, target, 4, 3, 5),
            ("TypeError",),
            None,
        ),
        "(path, 4, width=4)": (
            functools.partial(SAVE_PNG, target, 4, width=4),
            ("TypeError",),
            None,
        ),
        "(path=path, width=4, height=3)": (
            functools.partial(SAVE_PNG, path=target, width=4, height=3),
            (),
            _png_matches(target, 4, 3),
        ),
        "(None, 0, 0)": (functools.partial(SAVE_PNG, None, 0, 0), ("TypeError",), None),
        "(directory, 0, 3)": (
            functools.partial(SAVE_PNG, tmp, 0, 3),
            ("ValueError",),
            None,
        ),
        "(missing_directory, 2**31, 1)": (
            functools.partial(SAVE_PNG, tmp / "no" / "x.png", 2**31, 1),
            ("ValueError",),
            None,
        ),
        # PNG's side limit is 2**31 - 1: refused before rendering gigabytes.
        "(path, 2**31, 1)": (
            functools.partial(SAVE_PNG, target, 2**31, 1),
            ("ValueError",),
            None,
        ),
        "(path, 1, 2**31)": (
            functools.partial(SAVE_PNG, target, 1, 2**31),
            ("ValueError",),
            None,
        ),
        "(path, 2**31, 2**31)": (
            functools.partial(SAVE_PNG, target, 2**31, 2**31),
            ("MemoryError",),
            None,
        ),
        "(path, 2**40, 2**20)": (
            functools.partial(SAVE_PNG, target, 2**40, 2**20),
            ("ValueError",),
            None,
        ),
        # Within PNG's limits and below sys.maxsize, but no machine has 3 * 2**60 bytes.
        "(path, 2**30, 2**30)": (
            functools.partial(SAVE_PNG, target, 2**30, 2**30),
            ("MemoryError",),
            None,
        ),
        "(path, 2**64, 2**64)": (
            functools.partial(SAVE_PNG, target, 2**64, 2**64),
            ("MemoryError",),
            None,
        ),
    }
    for text, (call, allowed, check) in shapes.items():
        cases.append(Case(f"save_png{text}", call, allowed=allowed, check=check))
    return cases


TABLES: list[Table] = [vec_cases, line_sphere_cases, color_cases, render_cases, save_png_cases]

test_hostile_call, test_children_exit_cleanly = table_tests(TABLES)


TEMPLATES = ["Vec", "scale", "Sphere", "intersect", "normal", "color", "render"]


@mixture_settings(max_examples=700)
@given(
    template=st.sampled_from(TEMPLATES),
    args=st.lists(mixed(), min_size=6, max_size=6),
    data=st.data(),
)
def _mixtures(template: str, args: list[object], data: st.DataObject) -> None:
    """Any mixture of values at any positions: Rust gives the reference's outcome."""
    a, b, c, d, e, f = args
    sphere = Own("Sphere", (Own("Vec", (0, 0, 10)), 2))
    if template == "Vec":
        call = invoke("Vec", a, b, c)
    elif template == "scale":
        call = method(Own("Vec", (1, -2, 3)), "scale", a)
    elif template == "Sphere":
        call = invoke("Sphere", Own("Vec", (a, b, c)), d)
    elif template == "intersect":
        ray = Own("Line", (Own("Vec", (a, b, c)), Own("Vec", (d, e, f))))
        call = method(sphere, "intersect", ray)
    elif template == "normal":
        call = method(sphere, "get_normal", Own("Vec", (a, b, c)))
    elif template == "color":
        call = invoke("color", a, b, c, d) if data.draw(st.booleans()) else invoke("color", a, b)
    else:
        assume(not too_big_to_run(a, b))
        call = invoke("render", a, b)
    agree(call)


test_hypothesis_mixtures_agree_with_the_reference = mixtures_test(_mixtures)
