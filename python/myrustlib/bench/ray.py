"""The ray tracer's peers: the talk's own Python, a frame drawn pixel by pixel, and numpy.

- `Vec`, `Line`, `Sphere`, `color`: the talk's pure-Python ray tracer as its audience has it:
  plain classes with public attributes, no argument checks, the talk's formulas (including its
  intersection, which assumes a unit direction and takes the nearer root even behind the ray's
  origin). The fastest pure Python there is for this scene, and the model the myrustlib classes
  must match bit for bit. `color_with(Vec, Line, Sphere)` builds the talk's `color` on any such
  classes (`color_with(myrustlib.Vec, myrustlib.Line, myrustlib.Sphere)`: the talk's code with
  myrustlib's classes dropped in).
- `per_pixel_frame(color)`: the talk's drawing loop, one color(x, y, width, height) call per
  pixel collected into RGB bytes; with `color` it is the talk's frame, with `myrustlib.color`
  the Rust drop-in called from the same Python loop;
- `numpy_frame`: the scene vectorised with numpy arrays, the peer a Python user would reach for
  instead of Rust.

Every caller checks each frame byte for byte against the pure-Python reference before timing it.
"""

from __future__ import annotations

import math
from typing import Any, Callable

WIDTH, HEIGHT = 800, 600
"""The talk's frame."""

Color = Callable[..., "tuple[int, int, int]"]
"""color(x, y, width=800, height=600) -> (r, g, b)."""


class Vec:
    """The talk's vector: `+`, `-`, `*` (the dot product), `scale`, `normal`, and `__len__`
    returning the float length (so `len(v)` raises TypeError, as in the talk)."""

    def __init__(self, x: Any, y: Any, z: Any) -> None:
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other: Vec) -> Vec:
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other: Vec) -> Vec:
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, other: Vec) -> Any:
        return self.x * other.x + self.y * other.y + self.z * other.z

    def __len__(self) -> Any:
        return math.sqrt(self * self)

    def scale(self, factor: Any) -> Vec:
        return Vec(self.x * factor, self.y * factor, self.z * factor)

    def normal(self) -> Vec:
        return self.scale(1 / self.__len__())


class Line:
    """The talk's ray: origin `p`, direction `v` (assumed to have length 1)."""

    def __init__(self, p: Any, v: Any) -> None:
        self.p = p
        self.v = v


class Sphere:
    """The talk's sphere: centre `q`, radius `r`."""

    def __init__(self, q: Any, r: Any) -> None:
        self.q = q
        self.r = r

    def intersect(self, line: Any) -> Any:
        """The talk's intersection: the nearer root of the quadratic for a unit direction."""
        dif = line.p - self.q
        along = line.v * dif
        discriminant = 4 * (along * along - (dif * dif - self.r**2))
        if discriminant < 0:
            return None
        half_root = math.sqrt(discriminant) / 2
        t = min(-1 * along + half_root, -1 * along - half_root)
        return line.p + line.v.scale(t)

    def get_normal(self, p: Any) -> Any:
        return (p - self.q).normal()


def color_with(vec: Any, line: Any, sphere: Any) -> Color:
    """The talk's color(x, y) on the given Vec, Line and Sphere classes; `width` and `height`
    (the talk's 800 and 600 by default) scale the screen for other frame sizes."""

    def color(x: float, y: float, width: float = WIDTH, height: float = HEIGHT) -> Any:
        screen_point = vec(8.0 * x / width, 6.0 * y / height, 0.0)
        screen_dir = vec(0.0, 0.0, 1.0)
        ball = sphere(vec(4.0, 3.0, 10.0), 2.0)
        light = vec(8.0, 0.0, 7.0)
        hit = ball.intersect(line(screen_point, screen_dir))
        if hit is None:
            return (100, 100, 100)
        normal = ball.get_normal(hit)
        light_ray = (light - hit).normal()
        return (max(int(normal * light_ray * 255), 30), 0, 0)

    return color


color = color_with(Vec, Line, Sphere)
"""The talk's color(x, y), on the talk's classes: the pure-Python per-pixel baseline."""


def per_pixel_frame(
    color: Callable[[int, int, int, int], tuple[int, int, int]],
    width: int = WIDTH,
    height: int = HEIGHT,
    *,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The frame drawn one color() call at a time, row by row; `progress(width)` after each."""
    frame = bytearray()
    for y in range(height):
        for x in range(width):
            frame.extend(color(x, y, width, height))
        if progress is not None:
            progress(width)
    return bytes(frame)


def numpy_frame(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The scene as a numpy programmer writes it for speed: the frame's x and y broadcast
    against each other (no per-pixel Python), one discriminant for all pixels, the shading
    computed only where the ray hits (a quarter of the screen), one normalisation each.

    Every step is color()'s float operation on arrays, with the constants it implies folded
    exactly (the ray looks along +z: `h` is the z offset, -10, and `v·v` is 1), so the frame is
    identical to myrustlib's and the reference's; the callers check that before timing.
    """
    import numpy as np

    qx, qy, qz, r_squared = 4.0, 3.0, 10.0, 2.0**2  # the sphere
    lx, ly, lz = 8.0, 0.0, 7.0  # the light
    sx = 8.0 * np.arange(width, dtype=np.float64) / width  # screen x of each column
    sy = (6.0 * np.arange(height, dtype=np.float64) / height)[:, None]  # and of each row
    dx, dy, dz = sx - qx, sy - qy, 0.0 - qz
    h = dz  # v·(p - q) with v = (0, 0, 1)
    discriminant = h * h - (((dx * dx + dy * dy) + dz * dz) - r_squared)
    rows, columns = np.nonzero(discriminant >= 0)  # where the ray meets the sphere
    root = np.sqrt(discriminant[rows, columns])
    near, far = -h - root, -h + root  # divided by v·v = 1
    t = np.where(near >= 0, near, far)
    ahead = (near >= 0) | (far >= 0)
    rows, columns, t = rows[ahead], columns[ahead], t[ahead]
    px, py = sx[columns], sy[rows, 0]
    nx, ny, nz = px - qx, py - qy, t - qz  # the hit point (px, py, t) minus the centre
    n_scale = 1 / np.sqrt((nx * nx + ny * ny) + nz * nz)
    ox, oy, oz = lx - px, ly - py, lz - t  # towards the light
    o_scale = 1 / np.sqrt((ox * ox + oy * oy) + oz * oz)
    shade = (
        (nx * n_scale) * (ox * o_scale)
        + (ny * n_scale) * (oy * o_scale)
        + (nz * n_scale) * (oz * o_scale)
    ) * 255
    frame = np.full((height, width, 3), 100, dtype=np.uint8)
    frame[rows, columns] = 0
    frame[rows, columns, 0] = np.maximum(np.trunc(shade), 30)
    return bytes(frame.tobytes())
